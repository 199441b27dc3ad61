package dev.mollify.tests.acceptance;

import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.LangevinSolver;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Acceptance row: Langevin {@code u_t = u + f(t)} with an unknown forcing field f(t), 5 %
 * noise; the bound is f recovered with Pearson correlation ≥ 0.95 to the truth at the grid nodes.
 *
 * <p>Truth: the default {@link LangevinSolver} data set, a = 1, u(0) = 0,
 * f(t) = sin 2πt + 0.5 sin(6πt + 1), 201 times on [0, 1] (RK4, error 2e-13). Data: every
 * {@code stride}-th time plus Gaussian noise σ = r·std(u) (seed 13 + seed). The network is
 * t → u (tanh MLP) with f from its own small network ({@link Pinn.Builder#separateUnknownNetwork}).
 * The residual u_t − u − f ties f to the fitted u; on the mollifier route f is compared with the
 * residual on û, so the width δ_t sets how much of the noise reaches f.
 *
 * <p>Full size (prints one {@link RowResult} per route):
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp tests/target/classes:$(cat tests/target/classpath.txt) dev.mollify.tests.acceptance.LangevinRow
 *   java … dev.mollify.tests.acceptance.LangevinRow routes=mollifier noise=0.05 ci=true   (overrides: see main)
 * </pre>
 */
public final class LangevinRow {
    private LangevinRow() {}

    /**
     * Settings of one run.
     *
     * @param stride         keep every stride-th time of the 201 (h_t = 0.005·stride)
     * @param hidden         hidden widths of the tanh MLP t → u
     * @param fourierM       Fourier features of u's network (0: none), frequencies ~ N(0, fourierSigma²)
     * @param fourierSigma   their scale on the normalised time t' ∈ [−1, 1]
     * @param forcingHidden  hidden widths of f's own network t → f (empty: f is a second output of u's network)
     * @param adamSteps      Adam steps; the rate decays exponentially from {@code lr} to {@code lr·lrDecay}
     * @param lr             initial Adam learning rate
     * @param lrDecay        final / initial Adam rate, in (0, 1]
     * @param lbfgsIters     L-BFGS iterations after Adam
     * @param deltaT         mollifier width along t (physical units, > h_t)
     * @param residualWeight weight of the residual term (data weight 1)
     * @param seed           network initialisation and noise seed
     */
    public record Config(
            int stride,
            int[] hidden,
            int fourierM,
            double fourierSigma,
            int[] forcingHidden,
            int adamSteps,
            double lr,
            double lrDecay,
            int lbfgsIters,
            double deltaT,
            double residualWeight,
            long seed) {
        public Config {
            if (stride < 1) throw new IllegalArgumentException("stride must be >= 1, got " + stride);
            if (!(deltaT > 0)) throw new IllegalArgumentException("δ_t must be > 0, got " + deltaT);
            if (adamSteps < 0 || lbfgsIters < 0)
                throw new IllegalArgumentException(
                        "step counts must be >= 0, got adam " + adamSteps + ", lbfgs " + lbfgsIters);
            if (!(lr > 0) || !(lrDecay > 0 && lrDecay <= 1))
                throw new IllegalArgumentException("need lr > 0 and lrDecay in (0, 1], got " + lr + ", " + lrDecay);
            if (!(residualWeight > 0))
                throw new IllegalArgumentException("residual weight must be > 0, got " + residualWeight);
            hidden = hidden.clone();
            forcingHidden = forcingHidden.clone();
        }

        /** The CI size of {@code LangevinInverseTest}. */
        public static Config ci() {
            return new Config(1, new int[] {32, 32}, 0, 1, new int[] {16, 16}, 1000, 1e-2, 0.1, 3000, 0.04, 1, 1);
        }

        /** The documented full-size run. */
        public static Config full() {
            return new Config(1, new int[] {32, 32}, 0, 1, new int[] {16, 16}, 2000, 1e-2, 0.1, 8000, 0.04, 1, 1);
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        @Override
        public int[] forcingHidden() {
            return forcingHidden.clone();
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "stride %d, hidden %s, Fourier %d (σ %.3g), f network %s, Adam %d from %.3g (decay %.3g), L-BFGS %d, δ_t = %.4g, residual weight %.3g, seed %d",
                    stride,
                    Arrays.toString(hidden),
                    fourierM,
                    fourierSigma,
                    Arrays.toString(forcingHidden),
                    adamSteps,
                    lr,
                    lrDecay,
                    lbfgsIters,
                    deltaT,
                    residualWeight,
                    seed);
        }
    }

    /** The true forcing f(t) = sin 2πt + 0.5 sin(6πt + 1). */
    public static double forcing(double t) {
        return LangevinSolver.defaultForcing().at(t);
    }

    /** The data a config fits: every stride-th time of the default data, plus noise. */
    public static GridField data(double noise, Config c) {
        GridField clean = LangevinSolver.solve(LangevinSolver.Params.defaults());
        return Sampling.addNoise(Sampling.coarsen(clean, c.stride()), noise, 13 + c.seed());
    }

    /** {@code u_t = u + f(t)} with f unknown. */
    public static PdeSpec spec() {
        return PdeSpec.parse("u_t = u + f(t)")
                .domain(domain())
                .unknownField("f")
                .build();
    }

    static Domain domain() {
        return Domain.box(new Domain.Axis("t", 0, 1));
    }

    static DerivativeRoute route(String name, Config c) {
        return DerivativeRoute.named(
                name, () -> DerivativeRoute.mollifier(Map.of("t", c.deltaT())).build());
    }

    /** Fits one route ({@code mollifier}, {@code autodiff} or {@code fd}) at one noise level. */
    public static RowResult run(String route, double noise, Config c) {
        GridField d = data(noise, c);
        Pinn.Builder nb =
                Pinn.builder(domain()).hidden(c.hidden()).unknownFields("f").seed(c.seed());
        if (c.forcingHidden().length > 0) nb.separateUnknownNetwork(c.forcingHidden());
        if (c.fourierM() > 0) nb.fourierFeatures(c.fourierM(), c.fourierSigma());
        Pinn net = nb.build();
        InverseProblem p = InverseProblem.builder(spec(), net)
                .observe("u", Observations.grid(d))
                .route(route(route, c))
                .build();
        double seconds = RowTraining.train(
                "langevin " + route,
                p,
                new RowTraining.Settings(
                        c.adamSteps(), c.lr(), c.lrDecay(), c.lbfgsIters(), c.residualWeight(), c.seed()));
        double[] f =
                p.route().evaluate().bindings().unknownFields().get("f").value().toDoubleArray();
        double[] t = d.axis("t");
        double[] truth = new double[t.length];
        for (int i = 0; i < t.length; i++) truth[i] = forcing(t[i]);
        Map<String, Double> recovered = new LinkedHashMap<>();
        recovered.put("f.mean", FieldAgreement.mean(f, null));
        Map<String, Double> errors = new LinkedHashMap<>();
        errors.put("f.correlation", FieldAgreement.correlation(f, truth, null));
        errors.put("f.relL2", FieldAgreement.relativeL2(f, truth, null));
        InverseProblem.StepCost cost = p.measureStep(3);
        return new RowResult(
                "langevin", route, noise, recovered, errors, cost.seconds(), cost.peakLiveBytes(), seconds);
    }

    /** {@code fhidden=0} on the command line: f as a second output of u's network. */
    private static int[] forcingWidths(int[] w) {
        return w.length == 1 && w[0] == 0 ? new int[0] : w;
    }

    /**
     * Runs {@link Config#full()} for both routes at 5 % noise. Overrides as key=value:
     * {@code routes=mollifier,autodiff noise=0.05 ci=true stride= hidden=32,32 fourier= sigma= fhidden=16,16|0 adam= lr= decay=
     * lbfgs= deltaT= rw= seed=}.
     */
    public static void main(String[] args) {
        RowArgs a = RowArgs.parse(args, "mollifier,autodiff", "0.05");
        Config b = a.flag("ci") ? Config.ci() : Config.full();
        Config c = new Config(
                a.integer("stride", b.stride()),
                a.widths("hidden", b.hidden()),
                a.integer("fourier", b.fourierM()),
                a.real("sigma", b.fourierSigma()),
                forcingWidths(a.widths("fhidden", b.forcingHidden())),
                a.integer("adam", b.adamSteps()),
                a.real("lr", b.lr()),
                a.real("decay", b.lrDecay()),
                a.integer("lbfgs", b.lbfgsIters()),
                a.real("deltaT", b.deltaT()),
                a.real("rw", b.residualWeight()),
                a.integer("seed", (int) b.seed()));
        a.finish();
        System.out.println("Langevin row, " + c);
        for (double n : a.noises()) {
            for (String r : a.routes()) System.out.println(run(r, n, c));
        }
    }
}
