package dev.mollify.autograd.train;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Trainer#run} / {@link Trainer#resume}.
 *
 * @param unknowns       {@link LossModel#report()} at the final parameters
 * @param terms          the unweighted loss terms at the final parameters
 * @param total          the weighted total at the final parameters
 * @param weights        the final loss weights
 * @param history        one {@link StepRecord} per step (restored steps included after a resume)
 * @param stopReason     why the run ended: {@code "completed"}, an L-BFGS convergence message, or a
 *                       callback's reason
 * @param seconds        wall time (including time before a resume)
 * @param peakLiveBytes  {@link dev.mollify.tensor.MemoryStats#peakLiveBytes()} over this run (tracking on,
 *                       peak reset at the start): tensor storage held at the worst moment, counting
 *                       garbage not yet collected; -1 when memory tracking was off
 * @param allocatedBytes tensor storage allocated during this run
 */
public record TrainingResult(
        Map<String, Double> unknowns,
        Map<String, Double> terms,
        double total,
        Map<String, Double> weights,
        List<StepRecord> history,
        String stopReason,
        double seconds,
        long peakLiveBytes,
        long allocatedBytes) {
    /**
     * Copies the maps (keeping their order) and the history.
     *
     * @param unknowns the reported unknowns by name; copied, order kept
     * @param terms the unweighted loss terms by name; copied, order kept
     * @param total Σ λᵢ·Lᵢ at the final parameters
     * @param weights the final λᵢ by term name; copied, order kept
     * @param history the step records; copied
     * @param stopReason why the run ended
     * @param seconds wall time in seconds
     * @param peakLiveBytes the peak of live tensor bytes, or -1 when not tracked
     * @param allocatedBytes the tensor bytes allocated during the run
     */
    public TrainingResult {
        unknowns = Ordered.copy(unknowns);
        terms = Ordered.copy(terms);
        weights = Ordered.copy(weights);
        history = List.copyOf(history);
    }

    /**
     * Number of steps in the history.
     *
     * @return history().size(): Adam steps plus L-BFGS iterations recorded
     */
    public int steps() {
        return history.size();
    }

    /**
     * The series of one unknown over the steps (for plots).
     *
     * @param name a name {@link LossModel#report()} reports
     * @return one value per history entry, in step order
     * @throws IllegalArgumentException when a step has no unknown of that name (the message lists the names)
     */
    public double[] unknownSeries(String name) {
        return history.stream().mapToDouble(r -> series(r.unknowns(), name)).toArray();
    }

    /**
     * The series of one loss term over the steps (for plots).
     *
     * @param name a loss term's name
     * @return one value per history entry, in step order
     * @throws IllegalArgumentException when a step has no term of that name (the message lists the names)
     */
    public double[] termSeries(String name) {
        return history.stream().mapToDouble(r -> series(r.terms(), name)).toArray();
    }

    private static double series(Map<String, Double> m, String name) {
        Double v = m.get(name);
        if (v == null) throw new IllegalArgumentException("no series '" + name + "'; have " + m.keySet());
        return v;
    }
}
