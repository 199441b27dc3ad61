package dev.mollify.tests.acceptance;

import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.HeatSolver;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import java.util.Locale;

/**
 * Acceptance row: heat identification, u_t = D·u_xx with D = 0.1, by every route.
 *
 * <p>Data: {@link HeatSolver#defaultData} at {@code nx × nt} nodes of [0, 1]², then Gaussian noise
 * σ = r·std(u) ({@link Sampling#addNoise}, seed 7 + seed).
 *
 * <p>Arguments as key=value, defaults (full size) in brackets: {@code routes=[mollifier,autodiff,fd]
 * noise=[0.01,0.05] nx=[129] nt=[65] hidden=[32,32] adam=[300] lbfgs=[3000] lr=[5e-3] delta=[0.1]
 * learnable=[false] seed=[1]}; {@code ci=true} starts from the CI size of {@code HeatInverseTest}
 * instead. {@code -Dmollify.rows.verbose=true} adds the loss terms.
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp tests/target/classes:$(cat tests/target/classpath.txt) dev.mollify.tests.acceptance.HeatRow
 * </pre>
 * Prints, per route and noise level, D, its relative error, the fit's time per Adam step and the
 * peak live tensor memory of one gradient evaluation.
 */
public final class HeatRow {
    /** The true diffusivity. */
    public static final double D = 0.1;

    private HeatRow() {}

    /** One run's outcome. */
    public record Row(
            String route,
            double noise,
            double d,
            double relError,
            double secondsPerStep,
            long peakBytes,
            double algebraicMedian,
            double totalSeconds) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-9s noise %4.1f%%  D = %.6f  error %6.3f%%  algebraic %s  %7.2f ms/step  peak %7.2f MiB  total %.1f s",
                    route,
                    100 * noise,
                    d,
                    100 * relError,
                    Double.isNaN(algebraicMedian) ? "-" : String.format(Locale.ROOT, "%.4f", algebraicMedian),
                    1e3 * secondsPerStep,
                    peakBytes / 1048576.0,
                    totalSeconds);
        }
    }

    /** Settings of one run. */
    public record Config(
            int nx, int nt, int[] hidden, int adam, int lbfgs, double lr, double delta, boolean learnable, long seed) {
        /** The CI size of {@code HeatInverseTest}: 65 x × 33 t, 2→32→32→1, Adam 300 then L-BFGS 1500, δ = 0.1. */
        public static Config ci() {
            return new Config(65, 33, new int[] {32, 32}, 300, 1500, 5e-3, 0.1, false, 1);
        }

        /** The documented full size: 129 x × 65 t, L-BFGS 3000, otherwise as {@link #ci()}. */
        public static Config full() {
            return new Config(129, 65, new int[] {32, 32}, 300, 3000, 5e-3, 0.1, false, 1);
        }
    }

    /** The heat spec with D unknown (initial guess 0.05). */
    public static PdeSpec spec() {
        return PdeSpec.parse("u_t = D*u_xx")
                .domain(Domain.interval1dTime(0, 1, 0, 1))
                .unknown("D", 0.05)
                .build();
    }

    /** The route called {@code name}; the mollifier uses width δ on both axes, learnable when the config says so. */
    public static DerivativeRoute route(String name, Config c) {
        return DerivativeRoute.named(
                name,
                () -> DerivativeRoute.mollifier(c.delta())
                        .learnable(c.learnable())
                        .build());
    }

    /** Fits one route to noisy data and measures it. */
    public static Row run(String routeName, double noise, Config c) {
        GridField data = Sampling.addNoise(HeatSolver.defaultData(c.nx(), c.nt()), noise, 7 + c.seed());
        Pinn net = Pinn.builder(Domain.interval1dTime(0, 1, 0, 1))
                .hidden(c.hidden())
                .seed(c.seed())
                .build();
        InverseProblem p = InverseProblem.builder(spec(), net)
                .observe("u", Observations.grid(data))
                .route(route(routeName, c))
                .build();
        long t0 = System.nanoTime();
        TrainingResult fit = p.fit(c.adam(), c.lr(), c.lbfgs());
        double total = (System.nanoTime() - t0) * 1e-9;
        double d = fit.unknowns().get("D");
        InverseProblem.StepCost cost = p.measureStep(3);
        if (Boolean.getBoolean("mollify.rows.verbose")) {
            System.out.printf(
                    Locale.ROOT,
                    "  %s: data %.3e residual %.3e, %s after %d steps, loss %s%n",
                    p.route().describe(),
                    fit.terms().get("data"),
                    fit.terms().get("residual"),
                    fit.stopReason(),
                    fit.steps(),
                    fit.total());
        }
        double alg = Double.NaN;
        if (!routeName.equals("autodiff"))
            alg = p.recoverSeparable("u_t", "u_xx", 0.2).median();
        return new Row(routeName, noise, d, Math.abs(d - D) / D, cost.seconds(), cost.peakLiveBytes(), alg, total);
    }

    public static void main(String[] args) {
        RowArgs a = RowArgs.parse(args, "mollifier,autodiff,fd", "0.01,0.05");
        Config c = a.flag("ci") ? Config.ci() : Config.full();
        Config cfg = new Config(
                a.integer("nx", c.nx()),
                a.integer("nt", c.nt()),
                a.widths("hidden", c.hidden()),
                a.integer("adam", c.adam()),
                a.integer("lbfgs", c.lbfgs()),
                a.real("lr", c.lr()),
                a.real("delta", c.delta()),
                a.flag("learnable"),
                a.integer("seed", (int) c.seed()));
        a.finish();
        for (double n : a.noises()) {
            for (String r : a.routes()) System.out.println(run(r, n, cfg));
        }
    }
}
