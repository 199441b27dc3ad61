package dev.mollify.autograd.train;

import java.util.List;
import java.util.Locale;

/**
 * Stops when the weighted total loss has not improved on its best value by a relative
 * {@code minRelativeImprovement} for {@code patience} consecutive steps: a step improves when
 * {@code total < best·(1 − minRelativeImprovement)}. (With adaptive weights the total's scale moves
 * when the weights move; use a generous patience there.)
 */
public final class EarlyStopOnPlateau implements Callback {
    private final int patience;
    private final double minRelativeImprovement;
    private double best = Double.POSITIVE_INFINITY;
    private int bestStep;
    private int waited;

    /**
     * Stops after {@code patience} (≥ 1) steps without a relative improvement of
     * {@code minRelativeImprovement} (in [0, 1)).
     *
     * @param patience the number of steps to wait for an improvement, ≥ 1
     * @param minRelativeImprovement the relative drop of the total below the best that counts as an improvement, in [0, 1)
     * @throws IllegalArgumentException when an argument is out of range
     */
    public EarlyStopOnPlateau(int patience, double minRelativeImprovement) {
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        if (!(minRelativeImprovement >= 0 && minRelativeImprovement < 1)) {
            throw new IllegalArgumentException(
                    "minRelativeImprovement must lie in [0, 1), got " + minRelativeImprovement);
        }
        this.patience = patience;
        this.minRelativeImprovement = minRelativeImprovement;
    }

    @Override
    public Action onStep(StepInfo info) {
        return observe(info.record())
                ? Action.stop(String.format(
                        Locale.ROOT,
                        "plateau: no relative improvement of at least %g in %d steps (best total %.6e at step %d)",
                        minRelativeImprovement,
                        patience,
                        best,
                        bestStep))
                : Action.CONTINUE;
    }

    @Override
    public void onResume(List<StepRecord> history) {
        best = Double.POSITIVE_INFINITY;
        waited = 0;
        for (StepRecord r : history) observe(r);
    }

    private boolean observe(StepRecord r) {
        double total = r.total();
        if (!Double.isFinite(total)) return false;
        if (total < best * (1 - minRelativeImprovement) || best == Double.POSITIVE_INFINITY) {
            best = total;
            bestStep = r.step();
            waited = 0;
            return false;
        }
        return ++waited >= patience;
    }
}
