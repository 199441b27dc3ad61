package dev.mollify.tests.acceptance;

import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.forward.SteadyHeat2D;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.KnownField;
import dev.mollify.pde.spec.PdeSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Acceptance row: steady 2-D heat {@code 0 = k(x,y)·lap(u) + m(x,y)} with the source m
 * known and the conductivity field k unknown, 1 % noise; the bound is k with correlation ≥ 0.95 to
 * the truth.
 *
 * <p>Data: the default {@link SteadyHeat2D} data set (129 × 129 on [0, 1]², u = 0 on the boundary,
 * k = 1 + 0.5 exp(−((x−0.6)² + (y−0.4)²)/0.05), m = 10 sin πx sin πy + 5xy), every
 * {@code stride}-th node per axis ({@link Sampling#coarsen}), then Gaussian noise σ = r·std(u)
 * ({@link Sampling#addNoise}, seed 17 + seed).
 *
 * <p>Model: a tanh MLP (x, y) → u and a second small tanh MLP (x, y) → k
 * ({@link Pinn.Builder#separateUnknownNetwork}). The mollifier route binds k as that network's
 * output on the grid nodes; u's Laplacian is û's.
 *
 * <p>Identifiability: k = −m/lap(u) is determined only where lap(u) = −m/k is not small, and the
 * data see lap(u) at a node only from the nodes around it. So the asserted correlation
 * ({@code k.correlation}) is scored on the interior nodes (the boundary ring dropped: at a Dirichlet
 * edge lap(u) is seen from one side only) with |m| ≥ {@code maskFraction}·max|m| (m vanishes on the
 * edges x = 0 and y = 0); the correlation over every node is reported beside it
 * ({@code k.correlation.all}), with the relative L2 error on the scored nodes ({@code k.relL2}) and
 * the correlation of the algebraic recovery k = −m/lap(û) from the same fit
 * ({@code k.algebraic.correlation}). Training and loss use every node.
 *
 * <p>Settings that matter (measured, 17 × 17, 1 % noise): the residual weight — 1e-3 (data weight
 * 1) converges; 1e-2 converges several times slower, and ≥ 0.1 falls into the degenerate branch
 * k → −∞, lap(û) → 0 — and the L-BFGS budget: the scored correlation climbs from 0.93 after 3000
 * iterations to a plateau of about 0.96 after 5000.
 *
 * <p>Full size (prints one {@link RowResult} per route):
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp tests/target/classes:$(cat tests/target/classpath.txt) dev.mollify.tests.acceptance.SteadyHeat2DRow
 *   java … dev.mollify.tests.acceptance.SteadyHeat2DRow ci=true routes=mollifier adam=2000   (overrides: see main)
 * </pre>
 */
public final class SteadyHeat2DRow {
    private SteadyHeat2DRow() {}

    /**
     * Settings of one run.
     *
     * @param stride         keep every stride-th node per axis of the 129 × 129 data (divisors of 128 keep the edges)
     * @param hidden         hidden widths of the tanh MLP (x, y) → u
     * @param kHidden        hidden widths of the tanh MLP (x, y) → k
     * @param adamSteps      Adam steps, rate decaying from {@code lr} to {@code lr·lrDecay}
     * @param lr             initial Adam learning rate
     * @param lrDecay        final / initial Adam rate
     * @param lbfgsIters     L-BFGS iterations after Adam
     * @param delta          mollifier width δ (physical units, both axes)
     * @param residualWeight weight of the residual term (data weight 1)
     * @param maskFraction   k is scored where |m| ≥ maskFraction·max|m|
     * @param seed           network initialisation and noise seed
     */
    public record Config(
            int stride,
            int[] hidden,
            int[] kHidden,
            int adamSteps,
            double lr,
            double lrDecay,
            int lbfgsIters,
            double delta,
            double residualWeight,
            double maskFraction,
            long seed) {
        public Config {
            if (stride < 1 || 128 % stride != 0)
                throw new IllegalArgumentException("stride must divide 128 (to keep the edges), got " + stride);
            if (!(delta > 0)) throw new IllegalArgumentException("δ must be > 0, got " + delta);
            if (!(maskFraction >= 0 && maskFraction < 1))
                throw new IllegalArgumentException("maskFraction must be in [0, 1), got " + maskFraction);
            hidden = hidden.clone();
            kHidden = kHidden.clone();
        }

        /** The CI size of {@code SteadyHeat2DInverseTest}: 17 × 17 nodes (h = 1/16). */
        public static Config ci() {
            return new Config(8, new int[] {32, 32}, new int[] {16, 16}, 300, 1e-2, 0.1, 6000, 0.1, 1e-3, 0.1, 1);
        }

        /** The documented full-size run: all 129 × 129 nodes. */
        public static Config full() {
            return new Config(1, new int[] {32, 32}, new int[] {16, 16}, 300, 1e-2, 0.1, 6000, 0.1, 1e-3, 0.1, 1);
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        @Override
        public int[] kHidden() {
            return kHidden.clone();
        }

        FieldRowFit.Training training() {
            return new FieldRowFit.Training(adamSteps, lr, lrDecay, lbfgsIters, residualWeight, seed);
        }

        @Override
        public String toString() {
            int n = 128 / stride + 1;
            return n + " × " + n + " nodes, hidden " + Arrays.toString(hidden) + ", k hidden "
                    + Arrays.toString(kHidden)
                    + ", Adam " + adamSteps + " at " + lr + " → " + lr * lrDecay + ", L-BFGS " + lbfgsIters + ", δ = "
                    + delta
                    + ", residual weight " + residualWeight + ", mask |m| ≥ " + maskFraction + "·max|m|, seed " + seed;
        }
    }

    /** The forward solution on the default 129 × 129 grid (u, k, m). */
    public static SteadyHeat2D.Result truth() {
        return SteadyHeat2D.solve(SteadyHeat2D.Params.defaults());
    }

    /** {@code 0 = k(x,y)*lap(u) + m(x,y)} on [0, 1]², m the default source. */
    public static PdeSpec spec() {
        SteadyHeat2D.Params d = SteadyHeat2D.Params.defaults();
        return PdeSpec.parse("0 = k(x,y)*lap(u) + m(x,y)")
                .domain(Domain.box2d(0, 1, 0, 1))
                .unknownField("k")
                .knownField("m", KnownField.pointwise((x, y) -> d.m().at(x, y)))
                .build();
    }

    /** Fits one route to noisy data and scores the recovered k. */
    public static RowResult run(String route, double noise, Config c) {
        SteadyHeat2D.Result t = truth();
        GridField u = Sampling.addNoise(Sampling.coarsen(t.u(), c.stride(), c.stride()), noise, 17 + c.seed());
        double[] kTrue = Sampling.coarsen(t.k(), c.stride(), c.stride()).values();
        double[] mOnGrid = Sampling.coarsen(t.m(), c.stride(), c.stride()).values();
        boolean[] keep = identifiable(mOnGrid, c.maskFraction());
        Pinn net = Pinn.builder(Domain.box2d(0, 1, 0, 1))
                .hidden(c.hidden())
                .unknownFields("k")
                .separateUnknownNetwork(c.kHidden())
                .seed(c.seed())
                .build();
        InverseProblem p = InverseProblem.builder(spec(), net)
                .observe("u", Observations.grid(u))
                .route(FieldRowFit.route(route, c.delta()))
                .weights(1, c.residualWeight())
                .build();
        double seconds = FieldRowFit.train(
                "steady-heat-2d " + route + " noise " + noise,
                p,
                c.training(),
                () -> String.format(
                        Locale.ROOT,
                        "k correlation %.4f (scored nodes), %.4f (all nodes)",
                        FieldAgreement.correlation(FieldRowFit.unknownField(p, "k"), kTrue, keep),
                        FieldAgreement.correlation(FieldRowFit.unknownField(p, "k"), kTrue, null)));
        double[] k = FieldRowFit.unknownField(p, "k");
        Map<String, Double> recovered = new LinkedHashMap<>();
        recovered.put("k.mean", FieldAgreement.mean(k, keep));
        recovered.put("k.min", Arrays.stream(k).min().orElse(Double.NaN));
        recovered.put("k.max", Arrays.stream(k).max().orElse(Double.NaN));
        recovered.put("mask.nodes", (double) FieldAgreement.count(keep));
        Map<String, Double> errors = new LinkedHashMap<>();
        errors.put("k.correlation", FieldAgreement.correlation(k, kTrue, keep));
        errors.put("k.correlation.all", FieldAgreement.correlation(k, kTrue, null));
        errors.put("k.relL2", FieldAgreement.relativeL2(k, kTrue, keep));
        errors.put("k.algebraic.correlation", FieldAgreement.correlation(algebraicK(p, mOnGrid), kTrue, keep));
        InverseProblem.StepCost cost = p.measureStep(3);
        return new RowResult("heat-2d", route, noise, recovered, errors, cost.seconds(), cost.peakLiveBytes(), seconds);
    }

    /**
     * The nodes where k is scored: off the boundary ring (at a Dirichlet edge the data see lap(u)
     * from one side only) and where |m| ≥ {@code fraction}·max|m| (lap(u) = −m/k is not small).
     */
    static boolean[] identifiable(double[] m, double fraction) {
        boolean[] keep = FieldAgreement.where(m, fraction);
        int n = (int) Math.round(Math.sqrt(m.length));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) if (i == 0 || j == 0 || i == n - 1 || j == n - 1) keep[i * n + j] = false;
        }
        return keep;
    }

    /** Algebraic recovery k = −m / lap(û) node by node from the fitted network (docs/math.md, "Test problems"). */
    static double[] algebraicK(InverseProblem p, double[] m) {
        double[] uxx = FieldRowFit.derivative(p, "u_xx");
        double[] uyy = FieldRowFit.derivative(p, "u_yy");
        double[] k = new double[m.length];
        for (int i = 0; i < k.length; i++) k[i] = -m[i] / (uxx[i] + uyy[i]);
        return k;
    }

    /**
     * Runs the row and prints one line per route. Arguments {@code key=value}: {@code ci=true} (start from
     * the CI config instead of the full one), {@code routes=mollifier,autodiff}, {@code noise=0.01}, and overrides of the
     * config's fields: stride, hidden, khidden, adam, lr, decay, lbfgs, delta, rweight, mask, seed.
     */
    public static void main(String[] args) {
        RowArgs a = RowArgs.parse(args, "mollifier,autodiff", "0.01");
        Config base = a.flag("ci") ? Config.ci() : Config.full();
        Config c = new Config(
                a.integer("stride", base.stride()),
                a.widths("hidden", base.hidden()),
                a.widths("khidden", base.kHidden()),
                a.integer("adam", base.adamSteps()),
                a.real("lr", base.lr()),
                a.real("decay", base.lrDecay()),
                a.integer("lbfgs", base.lbfgsIters()),
                a.real("delta", base.delta()),
                a.real("rweight", base.residualWeight()),
                a.real("mask", base.maskFraction()),
                a.integer("seed", (int) base.seed()));
        a.finish();
        System.out.println("steady 2-D heat, " + c);
        for (double noise : a.noises()) {
            for (String r : a.routes()) System.out.println(run(r, noise, c));
        }
    }
}
