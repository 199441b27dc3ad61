package dev.mollify.tests.acceptance;

import dev.mollify.autograd.optim.LearningRateSchedule;
import dev.mollify.autograd.train.Callback;
import dev.mollify.autograd.train.DivergenceGuard;
import dev.mollify.autograd.train.LossWeights;
import dev.mollify.autograd.train.ProgressPrinter;
import dev.mollify.autograd.train.Trainer;
import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.pde.pinn.InverseLossModel;
import dev.mollify.pde.pinn.InverseProblem;
import java.util.Locale;
import java.util.Map;

/**
 * Training shared by the Kuramoto–Sivashinsky and Langevin rows: the {@link Trainer} runs Adam with
 * an exponentially decaying rate, then L-BFGS with a strong-Wolfe line search, under a
 * {@link DivergenceGuard}. {@code -Dmollify.rows.verbose=true} prints progress every 200 steps.
 */
final class RowTraining {
    private RowTraining() {}

    /**
     * @param adamSteps      Adam steps; the rate decays from {@code lr} to {@code lr·lrDecay} over them
     * @param lr             initial Adam rate
     * @param lrDecay        final / initial rate, in (0, 1]
     * @param lbfgsIters     L-BFGS iterations after Adam (0 to skip)
     * @param residualWeight weight of the residual term (data weight 1)
     * @param seed           trainer seed
     */
    record Settings(int adamSteps, double lr, double lrDecay, int lbfgsIters, double residualWeight, long seed) {}

    /** Trains {@code p}; returns the wall time in seconds. */
    static double train(String label, InverseProblem p, Settings s) {
        boolean verbose = Boolean.getBoolean("mollify.rows.verbose");
        if (verbose) System.out.println("  " + label + ": " + p.route().describe());
        Callback[] callbacks = verbose
                ? new Callback[] {new DivergenceGuard(), new ProgressPrinter(System.out, 200)}
                : new Callback[] {new DivergenceGuard()};
        double gamma = s.adamSteps() == 0 ? 1 : Math.pow(s.lrDecay(), 1.0 / s.adamSteps());
        long t0 = System.nanoTime();
        TrainingResult r = Trainer.builder(new InverseLossModel(p))
                .adamSteps(s.adamSteps())
                .schedule(LearningRateSchedule.exponential(s.lr(), gamma))
                .lbfgsIterations(s.lbfgsIters())
                .lbfgsTolerances(1e-12, 1e-15)
                .weights(LossWeights.fixed(Map.of("data", 1.0, "residual", s.residualWeight())))
                .seed(s.seed())
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
                    p.report());
        }
        return seconds;
    }
}
