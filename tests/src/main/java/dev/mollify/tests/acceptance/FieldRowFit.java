package dev.mollify.tests.acceptance;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.optim.LearningRateSchedule;
import dev.mollify.autograd.train.Callback;
import dev.mollify.autograd.train.DivergenceGuard;
import dev.mollify.autograd.train.LossWeights;
import dev.mollify.autograd.train.ProgressPrinter;
import dev.mollify.autograd.train.Trainer;
import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.InverseLossModel;
import dev.mollify.pde.pinn.InverseProblem;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Training and read-out shared by the 2-D rows, whose unknowns include coefficient fields: train an
 * {@link InverseProblem} with the {@link Trainer} (Adam with an exponentially decaying rate, then
 * L-BFGS with a strong-Wolfe line search), then read an unknown field back on the collocation grid.
 *
 * <p>{@code -Dmollify.rows.verbose=true} prints the trainer's progress every 200 steps and the
 * route's description.
 */
final class FieldRowFit {
    private FieldRowFit() {}

    /**
     * Training settings.
     *
     * @param adamSteps      Adam steps; the rate decays from {@code lr} to {@code lr·lrDecay} over them
     * @param lr             initial Adam learning rate
     * @param lrDecay        final rate / initial rate, in (0, 1]
     * @param lbfgsIters     L-BFGS iterations after Adam (0 to skip)
     * @param residualWeight weight of the residual term (data weight 1)
     * @param seed           trainer seed
     */
    record Training(int adamSteps, double lr, double lrDecay, int lbfgsIters, double residualWeight, long seed) {
        Training {
            if (adamSteps < 0 || lbfgsIters < 0) {
                throw new IllegalArgumentException(
                        "step counts must be >= 0, got adam " + adamSteps + ", lbfgs " + lbfgsIters);
            }
            if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
            if (!(lrDecay > 0 && lrDecay <= 1))
                throw new IllegalArgumentException("lrDecay must be in (0, 1], got " + lrDecay);
            if (!(residualWeight > 0))
                throw new IllegalArgumentException("residual weight must be > 0, got " + residualWeight);
        }
    }

    /** Builds a route by name: {@code mollifier} (fixed width δ), {@code autodiff} or {@code fd}. */
    static DerivativeRoute route(String name, double delta) {
        return DerivativeRoute.named(
                name, () -> DerivativeRoute.mollifier(delta).build());
    }

    /**
     * Trains {@code p}; returns the wall time in seconds. In verbose mode {@code monitor} (may be
     * null) is printed every 200 steps beside the progress line, e.g. the current field correlation.
     */
    static double train(String label, InverseProblem p, Training t, Supplier<String> monitor) {
        boolean verbose = Boolean.getBoolean("mollify.rows.verbose");
        if (verbose) System.out.println("  " + label + ": " + p.route().describe());
        Callback watch = info -> {
            if (monitor != null && info.step() % 200 == 0) System.out.println("    " + monitor.get());
            return Callback.Action.CONTINUE;
        };
        Callback[] callbacks = verbose
                ? new Callback[] {new DivergenceGuard(), new ProgressPrinter(System.out, 200), watch}
                : new Callback[] {new DivergenceGuard()};
        double gamma = t.adamSteps() == 0 ? 1 : Math.pow(t.lrDecay(), 1.0 / t.adamSteps());
        long t0 = System.nanoTime();
        TrainingResult r = Trainer.builder(new InverseLossModel(p))
                .adamSteps(t.adamSteps())
                .schedule(LearningRateSchedule.exponential(t.lr(), gamma))
                .lbfgsIterations(t.lbfgsIters())
                .lbfgsTolerances(1e-12, 1e-15)
                .weights(LossWeights.fixed(Map.of("data", 1.0, "residual", t.residualWeight())))
                .seed(t.seed())
                .trackMemory(false)
                .callbacks(callbacks)
                .build()
                .run();
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (verbose) {
            InverseProblem.Loss l = p.loss();
            System.out.printf(
                    Locale.ROOT,
                    "  stop: %s after %.1f s; data %.3e residual %.3e; %s%n",
                    r.stopReason(),
                    seconds,
                    l.terms().get("data").item(),
                    l.terms().get("residual").item(),
                    monitor == null ? "" : monitor.get());
        }
        return seconds;
    }

    /**
     * An unknown field's values at the collocation nodes, row-major over the grid (the grid routes
     * bind it grid-shaped, autodiff as one value per node in the same order).
     */
    static double[] unknownField(InverseProblem p, String name) {
        Var v = p.route().evaluate().bindings().unknownFields().get(name);
        if (v == null) throw new IllegalArgumentException("the route binds no unknown field '" + name + "'");
        return v.value().toDoubleArray();
    }

    /** A bound derivative's values at the collocation nodes (e.g. {@code "u_xx"}), row-major. */
    static double[] derivative(InverseProblem p, String text) {
        Var v = p.route().evaluate().derivative(text);
        if (v == null) throw new IllegalArgumentException("the route binds no derivative '" + text + "'");
        return v.value().toDoubleArray();
    }
}
