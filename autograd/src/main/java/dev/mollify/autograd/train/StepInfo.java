package dev.mollify.autograd.train;

import java.util.function.Supplier;

/**
 * What a {@link Callback} sees after each step.
 *
 * @param record         the step's losses, weights and unknown values
 * @param totalSteps     Adam steps + L-BFGS iterations planned (for an ETA)
 * @param seconds        wall time since the run started (including time before a resume)
 * @param stepsPerSecond steps per second in this run so far
 * @param nonFinite      null, or why the step's values are not finite ("loss term 'data' is NaN",
 *                       "gradient of parameter 'a' has Inf"); the update of such a step is skipped
 * @param snapshot       the full trainer state after this step, for {@link Checkpointer}
 */
public record StepInfo(
        StepRecord record,
        int totalSteps,
        double seconds,
        double stepsPerSecond,
        String nonFinite,
        Supplier<Checkpoint> snapshot) {
    /**
     * Shorthand for {@code record().step()}.
     *
     * @return the 1-based step number over both phases
     */
    public int step() {
        return record.step();
    }

    /**
     * Shorthand for {@code record().phase()}.
     *
     * @return ADAM or LBFGS
     */
    public Phase phase() {
        return record.phase();
    }

    /**
     * Shorthand for {@code record().total()}.
     *
     * @return the weighted total loss Σ λᵢ·Lᵢ of the step
     */
    public double total() {
        return record.total();
    }
}
