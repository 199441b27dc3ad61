package dev.mollify.tests.acceptance;

import dev.mollify.autograd.optim.LearningRateSchedule;
import dev.mollify.autograd.train.Callback;
import dev.mollify.autograd.train.DivergenceGuard;
import dev.mollify.autograd.train.ProgressPrinter;
import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.InverseProblem;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The part every scalar-coefficient row shares: train an {@link InverseProblem} with its
 * {@link InverseProblem#trainer() Trainer} (Adam at a constant rate, then L-BFGS with a strong-Wolfe
 * line search and at most iterations·5/4 loss evaluations, as {@link InverseProblem#fit}), measure
 * one gradient step with {@link InverseProblem#measureStep}, and turn the recovered unknowns into a
 * {@link RowResult} with relative errors against the truth.
 *
 * <p>{@code -Dmollify.rows.verbose=true} prints the trainer's progress every 100 steps (loss terms
 * and unknowns) and the route's description.
 */
final class ScalarRowFit {
    private ScalarRowFit() {}

    /** Training settings shared by the rows' configs (the loss weights are the problem's own). */
    record Training(int adamSteps, double lr, int lbfgsIterations, long seed) {
        Training {
            if (adamSteps < 0 || lbfgsIterations < 0) {
                throw new IllegalArgumentException(
                        "step counts must be >= 0, got adam " + adamSteps + ", lbfgs " + lbfgsIterations);
            }
            if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        }
    }

    /** Mollifier widths for a (t, x) grid, by axis name, for {@link DerivativeRoute#mollifier(Map)}. */
    static Map<String, Double> widthsTX(double deltaT, double deltaX) {
        Map<String, Double> w = new java.util.LinkedHashMap<>();
        w.put("t", deltaT);
        w.put("x", deltaX);
        return w;
    }

    /**
     * Builds a route by name: {@code mollifier} (fixed width per axis, physical units, the given
     * derivative kernels), {@code autodiff} or {@code fd}.
     */
    static DerivativeRoute route(String name, Map<String, Double> widths, DerivativeKernels.Method kernels) {
        return DerivativeRoute.named(
                name, () -> DerivativeRoute.mollifier(widths).method(kernels).build());
    }

    /**
     * Trains {@code p}, measures one step (mean of 3 after a warm-up) and reports the relative error
     * |recovered − truth| / |truth| of every unknown named in {@code truth}.
     */
    static RowResult fit(
            String problem, String route, double noise, InverseProblem p, Training t, Map<String, Double> truth) {
        boolean verbose = Boolean.getBoolean("mollify.rows.verbose");
        if (verbose)
            System.out.println("  " + problem + " " + route + " noise " + noise + ": "
                    + p.route().describe());
        Callback[] callbacks = verbose
                ? new Callback[] {new DivergenceGuard(), new ProgressPrinter(System.out, 100)}
                : new Callback[] {new DivergenceGuard()};
        long t0 = System.nanoTime();
        TrainingResult r = p.trainer()
                .adamSteps(t.adamSteps())
                .schedule(LearningRateSchedule.constant(t.lr()))
                .lbfgsIterations(t.lbfgsIterations())
                .lbfgsMaxEvaluations(t.lbfgsIterations() * 5 / 4)
                .seed(t.seed())
                .callbacks(callbacks)
                .build()
                .run();
        double total = (System.nanoTime() - t0) * 1e-9;
        if (verbose) {
            System.out.printf(
                    Locale.ROOT,
                    "  %s after %d steps; data %.3e, residual %.3e, unknowns %s, %.1f s%n",
                    r.stopReason(),
                    r.steps(),
                    r.terms().get("data"),
                    r.terms().get("residual"),
                    p.report(),
                    total);
        }
        Map<String, Double> recovered = new LinkedHashMap<>(p.report());
        Map<String, Double> errors = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : truth.entrySet()) {
            Double v = recovered.get(e.getKey());
            if (v == null)
                throw new IllegalStateException(
                        "the problem reports no unknown '" + e.getKey() + "': " + recovered.keySet());
            errors.put(e.getKey(), Math.abs(v - e.getValue()) / Math.abs(e.getValue()));
        }
        InverseProblem.StepCost cost = p.measureStep(3);
        return new RowResult(problem, route, noise, recovered, errors, cost.seconds(), cost.peakLiveBytes(), total);
    }
}
