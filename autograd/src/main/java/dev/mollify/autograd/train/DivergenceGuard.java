package dev.mollify.autograd.train;

import java.util.List;
import java.util.Locale;

/**
 * Stops a diverging run with a reason that names the culprit:
 * <ul>
 *   <li>a NaN or infinite loss term, total or parameter gradient ({@link StepInfo#nonFinite()}, e.g.
 *       {@code "divergence at step 12: gradient of parameter 'a' is NaN at flat index 0"}); the trainer
 *       has already skipped that step's update, so the parameters are the last finite ones;</li>
 *   <li>an exploding loss: the weighted total above {@code factor ×} the best total so far.</li>
 * </ul>
 */
public final class DivergenceGuard implements Callback {
    private final double factor;
    private double best = Double.POSITIVE_INFINITY;
    private int bestStep;

    /** Exploding means more than 1e4 × the best total so far. */
    public DivergenceGuard() {
        this(1e4);
    }

    /**
     * Exploding means more than {@code factor ×} the best total so far ({@code factor > 1}).
     *
     * @param factor the ratio to the best total that counts as exploding, finite and &gt; 1
     * @throws IllegalArgumentException when factor is not finite or ≤ 1
     */
    public DivergenceGuard(double factor) {
        if (!(factor > 1) || !Double.isFinite(factor))
            throw new IllegalArgumentException("factor must be finite and > 1, got " + factor);
        this.factor = factor;
    }

    /**
     * Whether a run's stop reason is this guard's: a divergence or an exploding loss.
     *
     * @param stopReason a trainer's stop reason (null: no reason, not this guard's)
     * @return true when the reason begins {@code "divergence"} or {@code "exploding loss"}
     */
    public static boolean stopped(String stopReason) {
        return stopReason != null && (stopReason.startsWith("divergence") || stopReason.startsWith("exploding loss"));
    }

    @Override
    public Action onStep(StepInfo info) {
        if (info.nonFinite() != null) return Action.stop("divergence at step " + info.step() + ": " + info.nonFinite());
        String exploded = observe(info.record());
        return exploded == null ? Action.CONTINUE : Action.stop(exploded);
    }

    @Override
    public void onResume(List<StepRecord> history) {
        best = Double.POSITIVE_INFINITY;
        for (StepRecord r : history) observe(r);
    }

    private String observe(StepRecord r) {
        double total = r.total();
        if (!Double.isFinite(total)) return null;
        if (total > factor * best && best > 0) {
            return String.format(
                    Locale.ROOT,
                    "exploding loss at step %d: total %.6e is more than %g × the best %.6e (step %d)",
                    r.step(),
                    total,
                    factor,
                    best,
                    bestStep);
        }
        if (total < best) {
            best = total;
            bestStep = r.step();
        }
        return null;
    }
}
