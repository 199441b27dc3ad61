package dev.mollify.autograd.train;

import java.util.List;

/**
 * Watches the training loop. {@link #onStep} runs after every step (every callback runs, in list
 * order, even after one has asked to stop); the first stop request ends the run with its reason.
 */
public interface Callback {
    /**
     * Called after each step; return {@link Action#CONTINUE} or {@link Action#stop}.
     *
     * @param info the step just taken: its record, timing, non-finite report and a checkpoint supplier
     * @return CONTINUE, or a stop with its reason
     */
    Action onStep(StepInfo info);

    /**
     * Called once by {@link Trainer#resume} with the history restored from the checkpoint, so a callback
     * with memory (best loss, patience counter) can rebuild it and decide exactly as the uninterrupted
     * run would have.
     *
     * @param history the restored step records, in step order (read-only)
     */
    default void onResume(List<StepRecord> history) {}

    /**
     * A callback's answer.
     *
     * @param stopReason why training should stop, or null to keep going
     */
    record Action(String stopReason) {
        /** Keep going. */
        public static final Action CONTINUE = new Action(null);

        /**
         * End the run, with a reason for {@link TrainingResult#stopReason()}.
         *
         * @param reason a non-empty text saying why, shown as the run's stop reason
         * @return an action that stops the run
         * @throws IllegalArgumentException when reason is null or empty
         */
        public static Action stop(String reason) {
            if (reason == null || reason.isEmpty()) throw new IllegalArgumentException("a stop needs a reason");
            return new Action(reason);
        }

        /**
         * True when this asks to stop.
         *
         * @return true when a stop reason is set
         */
        public boolean stops() {
            return stopReason != null;
        }
    }
}
