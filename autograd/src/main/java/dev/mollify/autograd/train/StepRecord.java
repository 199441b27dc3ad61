package dev.mollify.autograd.train;

import java.util.Map;

/**
 * One step of the history. The loss terms, total and unknown values are all taken at the parameters
 * the step started from (before its update), so each row describes one consistent point.
 *
 * @param step     1-based step number over both phases
 * @param phase    the optimiser that took the step
 * @param terms    unweighted loss terms by name
 * @param total    {@code Σ λᵢ·termᵢ}
 * @param weights  the weights λᵢ used for this step
 * @param unknowns {@link LossModel#report()} values by name
 */
public record StepRecord(
        int step,
        Phase phase,
        Map<String, Double> terms,
        double total,
        Map<String, Double> weights,
        Map<String, Double> unknowns) {
    /**
     * Copies the maps, keeping their order.
     *
     * @param step the 1-based step number over both phases
     * @param phase the optimiser that took the step
     * @param terms the unweighted loss terms by name; copied, order kept
     * @param total Σ λᵢ·termᵢ
     * @param weights the weights λᵢ by term name; copied, order kept
     * @param unknowns the reported unknowns by name; copied, order kept
     */
    public StepRecord {
        terms = Ordered.copy(terms);
        weights = Ordered.copy(weights);
        unknowns = Ordered.copy(unknowns);
    }
}
