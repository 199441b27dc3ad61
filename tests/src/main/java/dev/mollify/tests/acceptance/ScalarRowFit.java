package dev.mollify.tests.acceptance;

import dev.mollify.autograd.optim.LearningRateSchedule;
import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.InverseLossModel;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.train.Callback;
import dev.mollify.pde.train.DivergenceGuard;
import dev.mollify.pde.train.LossWeights;
import dev.mollify.pde.train.ProgressPrinter;
import dev.mollify.pde.train.Trainer;
import dev.mollify.pde.train.TrainingResult;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The part every scalar-coefficient row shares: train an {@link InverseProblem} (Adam at a constant
 * rate with the {@link Trainer}, then one L-BFGS run with a strong-Wolfe line search), measure
 * one gradient step with {@link InverseProblem#measureStep}, and turn the recovered unknowns into a
 * {@link RowResult} with relative errors against the truth.
 *
 * <p>{@code -Dmollify.rows.verbose=true} prints the trainer's progress every 100 steps (loss terms
 * and unknowns) and the route's description.
 */
final class ScalarRowFit {
    private ScalarRowFit() {}

    /** Training settings shared by the rows' configs; {@code residualWeight} must equal the problem's own (builder) weight. */
    record Training(int adamSteps, double lr, int lbfgsIterations, double residualWeight, long seed) {
        Training {
            if (adamSteps < 0 || lbfgsIterations < 0) {
                throw new IllegalArgumentException("step counts must be >= 0, got adam " + adamSteps + ", lbfgs " + lbfgsIterations);
            }
            if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
            if (!(residualWeight > 0)) throw new IllegalArgumentException("residual weight must be > 0, got " + residualWeight);
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
        return DerivativeRoute.named(name, () -> DerivativeRoute.mollifier(widths).method(kernels).build());
    }

    /**
     * Trains {@code p}, measures one step (mean of 3 after a warm-up) and reports the relative error
     * |recovered − truth| / |truth| of every unknown named in {@code truth}.
     */
    static RowResult fit(String problem, String route, double noise, InverseProblem p, Training t, Map<String, Double> truth) {
        boolean verbose = Boolean.getBoolean("mollify.rows.verbose");
        if (verbose) System.out.println("  " + problem + " " + route + " noise " + noise + ": " + p.route().describe());
        Callback[] callbacks = verbose
                ? new Callback[] {new DivergenceGuard(), new ProgressPrinter(System.out, 100)}
                : new Callback[] {new DivergenceGuard()};
        long t0 = System.nanoTime();
        TrainingResult r = Trainer.builder(new InverseLossModel(p))
                .adamSteps(t.adamSteps()).schedule(LearningRateSchedule.constant(t.lr()))
                .weights(LossWeights.fixed(Map.of("data", 1.0, "residual", t.residualWeight())))
                .seed(t.seed()).trackMemory(false).callbacks(callbacks)
                .build().run();
        // L-BFGS as one long call: the trainer's per-iteration report costs one extra evaluation each
        InverseProblem.FitResult lbfgs = p.fit(0, t.lr(), t.lbfgsIterations());
        double total = (System.nanoTime() - t0) * 1e-9;
        if (verbose) {
            InverseProblem.Loss l = p.loss();
            System.out.printf(Locale.ROOT, "  Adam: %s; L-BFGS: %d evaluations in %.1f s; data %.3e, residual %.3e, unknowns %s, %.1f s%n",
                    r.stopReason(), lbfgs.lbfgsEvaluations(), lbfgs.lbfgsSeconds(), l.terms().get("data").item(),
                    l.terms().get("residual").item(), p.report(), total);
        }
        Map<String, Double> recovered = new LinkedHashMap<>(p.report());
        Map<String, Double> errors = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : truth.entrySet()) {
            Double v = recovered.get(e.getKey());
            if (v == null) throw new IllegalStateException("the problem reports no unknown '" + e.getKey() + "': " + recovered.keySet());
            errors.put(e.getKey(), Math.abs(v - e.getValue()) / Math.abs(e.getValue()));
        }
        InverseProblem.StepCost cost = p.measureStep(3);
        return new RowResult(problem, route, noise, recovered, errors, cost.seconds(), cost.peakLiveBytes(), total);
    }
}
