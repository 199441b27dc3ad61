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
    /** Copies the maps (keeping their order) and the history. */
    public TrainingResult {
        unknowns = Ordered.copy(unknowns);
        terms = Ordered.copy(terms);
        weights = Ordered.copy(weights);
        history = List.copyOf(history);
    }

    /** Number of steps in the history. */
    public int steps() {
        return history.size();
    }

    /** The series of one unknown over the steps (for plots). */
    public double[] unknownSeries(String name) {
        return history.stream().mapToDouble(r -> series(r.unknowns(), name)).toArray();
    }

    /** The series of one loss term over the steps (for plots). */
    public double[] termSeries(String name) {
        return history.stream().mapToDouble(r -> series(r.terms(), name)).toArray();
    }

    private static double series(Map<String, Double> m, String name) {
        Double v = m.get(name);
        if (v == null) throw new IllegalArgumentException("no series '" + name + "'; have " + m.keySet());
        return v;
    }
}
