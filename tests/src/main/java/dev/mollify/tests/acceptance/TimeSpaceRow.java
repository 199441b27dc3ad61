package dev.mollify.tests.acceptance;

import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.MollifierRoute;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the Burgers and KdV rows share: a (t, x) data set coarsened by strides and cut to t ≤ tMax,
 * noise, an equation with two unknown scalars λ₁ (from 0) and λ₂ (positive, from 0.01), a tanh
 * network on (x, t), one δ per axis for the mollifier route, and {@link ScalarRowFit}.
 */
public final class TimeSpaceRow {
    private TimeSpaceRow() {}

    /**
     * One problem.
     *
     * @param name      for the result ("burgers")
     * @param clean     the noise-free default data, layout (t, x)
     * @param pde       the equation in λ₁ = {@code lambda1}, λ₂ = {@code lambda2}
     * @param lambda1   true λ₁
     * @param lambda2   true λ₂
     * @param noiseSeed added to the config's seed for the noise
     * @param domain    the box the network normalises, from the data
     */
    public record Problem(
            String name,
            Supplier<GridField> clean,
            String pde,
            double lambda1,
            double lambda2,
            long noiseSeed,
            Function<GridField, Domain> domain) {}

    /**
     * Settings of one run.
     *
     * @param strideT        keep every strideT-th time of the default data
     * @param strideX        keep every strideX-th x of the default data
     * @param tMax           keep times t ≤ tMax
     * @param hidden         hidden widths of the tanh MLP (x, t) → u
     * @param adamSteps      Adam steps at constant rate {@code lr}
     * @param lr             Adam learning rate
     * @param lbfgsIters     L-BFGS iterations after Adam
     * @param deltaT         mollifier width along t (physical units, > h_t)
     * @param deltaX         mollifier width along x (physical units, > h_x)
     * @param residualWeight weight of the residual term (data weight 1)
     * @param seed           network initialisation and noise seed
     * @param kernels        how the mollifier route makes its derivative kernels (see {@link MollifierRoute.Builder#method})
     */
    public record Config(
            int strideT,
            int strideX,
            double tMax,
            int[] hidden,
            int adamSteps,
            double lr,
            int lbfgsIters,
            double deltaT,
            double deltaX,
            double residualWeight,
            long seed,
            DerivativeKernels.Method kernels) {
        public Config {
            if (strideT < 1 || strideX < 1)
                throw new IllegalArgumentException("strides must be >= 1, got t " + strideT + ", x " + strideX);
            if (!(deltaT > 0) || !(deltaX > 0))
                throw new IllegalArgumentException("widths must be > 0, got δ_t = " + deltaT + ", δ_x = " + deltaX);
            hidden = hidden.clone();
            java.util.Objects.requireNonNull(kernels, "kernels");
        }

        /** The same settings with {@code n} L-BFGS iterations (a smaller budget for the costlier route). */
        public Config withLbfgs(int n) {
            return new Config(
                    strideT, strideX, tMax, hidden, adamSteps, lr, n, deltaT, deltaX, residualWeight, seed, kernels);
        }

        /** Widths by axis name, for {@link dev.mollify.pde.pinn.DerivativeRoute#mollifier(Map)}. */
        public Map<String, Double> widths() {
            return ScalarRowFit.widthsTX(deltaT, deltaX);
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "t ≤ %.2f, stride t %d, x %d, hidden %s, Adam %d at %.3g, L-BFGS %d, δ_t = %.4g, δ_x = %.4g, residual weight %.3g, seed %d, %s kernels",
                    tMax,
                    strideT,
                    strideX,
                    Arrays.toString(hidden),
                    adamSteps,
                    lr,
                    lbfgsIters,
                    deltaT,
                    deltaX,
                    residualWeight,
                    seed,
                    kernels);
        }
    }

    /** The data a config fits: the coarsened, windowed default data plus noise. */
    public static GridField data(Problem p, double noise, Config c) {
        GridField window = TimeWindow.upTo(Sampling.coarsen(p.clean().get(), c.strideT(), c.strideX()), c.tMax());
        return Sampling.addNoise(window, noise, p.noiseSeed() + c.seed());
    }

    /** The problem's equation, λ₁ from 0, λ₂ positive from 0.01. */
    public static PdeSpec spec(Problem p, GridField data) {
        return PdeSpec.parse(p.pde())
                .domain(p.domain().apply(data))
                .unknown("lambda1", 0.0)
                .unknownPositive("lambda2", 0.01)
                .build();
    }

    /** Fits one route ({@code mollifier}, {@code autodiff} or {@code fd}) at one noise level. */
    public static RowResult run(Problem p, String route, double noise, Config c) {
        GridField d = data(p, noise, c);
        Pinn net = Pinn.builder(p.domain().apply(d))
                .hidden(c.hidden())
                .seed(c.seed())
                .build();
        InverseProblem ip = InverseProblem.builder(spec(p, d), net)
                .observe("u", Observations.grid(d))
                .weights(1, c.residualWeight())
                .route(ScalarRowFit.route(route, c.widths(), c.kernels()))
                .build();
        Map<String, Double> truth = new LinkedHashMap<>();
        truth.put("lambda1", p.lambda1());
        truth.put("lambda2", p.lambda2());
        return ScalarRowFit.fit(
                p.name(),
                route,
                noise,
                ip,
                new ScalarRowFit.Training(c.adamSteps(), c.lr(), c.lbfgsIters(), c.seed()),
                truth);
    }

    /** {@code main} of a row: {@code base} (ci or full) with key=value overrides, every route and noise level. */
    static void main(Problem p, String[] args, String noises, Config ci, Config full) {
        RowArgs a = RowArgs.parse(args, "mollifier,autodiff", noises);
        Config b = a.flag("ci") ? ci : full;
        Config c = new Config(
                a.integer("strideT", b.strideT()),
                a.integer("strideX", b.strideX()),
                a.real("tMax", b.tMax()),
                a.widths("hidden", b.hidden()),
                a.integer("adam", b.adamSteps()),
                a.real("lr", b.lr()),
                a.integer("lbfgs", b.lbfgsIters()),
                a.real("deltaT", b.deltaT()),
                a.real("deltaX", b.deltaX()),
                a.real("rw", b.residualWeight()),
                a.integer("seed", (int) b.seed()),
                a.choice("kernels", b.kernels()));
        a.finish();
        System.out.println(p.name() + " row, " + c);
        for (double n : a.noises()) {
            for (String r : a.routes()) System.out.println(run(p, r, n, c));
        }
    }
}
