package dev.mollify.tests.acceptance;

import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.KuramotoSivashinskySolver;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Acceptance row: Kuramoto–Sivashinsky {@code u_t + a u u_x + b u_xx + c u_xxxx = 0}
 * (fourth order), 1 % noise; the bound is a, b and c each within 5 %.
 *
 * <p>Truth: the default {@link KuramotoSivashinskySolver} data set — a = b = c = 1, periodic
 * x ∈ [0, 32π), u0 = cos(x/16)(1 + sin(x/16)), pseudo-spectral + ETDRK4 — re-sampled in time every
 * {@code ht} (the same solution, more output times), then cut to the window
 * t ∈ [tStart, tEnd] × x ∈ [xStart, xEnd] (the PINN sees no periodicity), every
 * {@code strideX}-th x of the 1024, plus Gaussian noise σ = r·std(u) of the window (seed 17 + seed).
 * Unknowns start at a = b = c = 0.5 (b and c positive through softplus).
 *
 * <p>The mollifier route uses one width per axis ({@link DerivativeRoute#mollifier(Map)}): the time
 * and space scales differ, and every δ must exceed its own spacing. The window lies in the chaotic
 * regime: earlier the solution is the two long initial modes (u_xxxx ≈ k⁴u with k = 1/16, so c barely
 * enters); there, as everywhere on the attractor, the three terms nearly cancel (u_t is 3–10× smaller
 * than each), so the coefficients are ill-conditioned and the fit must be tight. h_x stays near 0.2
 * because û's derivatives are central differences of û, whose O(h²) error on u_xxxx biases c upwards.
 *
 * <p>Full size (prints one {@link RowResult} per route):
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp tests/target/classes:$(cat tests/target/classpath.txt) dev.mollify.tests.acceptance.KuramotoSivashinskyRow
 *   java … dev.mollify.tests.acceptance.KuramotoSivashinskyRow routes=mollifier ci=true   (overrides: see main)
 * </pre>
 */
public final class KuramotoSivashinskyRow {
    /** a = b = c = 1 in the default data set. */
    public static final Map<String, Double> TRUTH = Map.of("a", 1.0, "b", 1.0, "c", 1.0);

    private KuramotoSivashinskyRow() {}

    /**
     * Settings of one run.
     *
     * @param tStart, tEnd   time window (within [0, 100])
     * @param ht             output spacing in time the solver is re-sampled at (the grid's h_t)
     * @param xStart, xEnd   space window (within [0, 32π))
     * @param strideX        keep every strideX-th x of the 1024 (h_x = 32π/1024·strideX)
     * @param hidden         hidden widths of the tanh MLP (x, t) → u
     * @param adamSteps      Adam steps; the rate decays exponentially from {@code lr} to {@code lr·lrDecay}
     * @param lr             initial Adam rate
     * @param lrDecay        final / initial Adam rate, in (0, 1]
     * @param lbfgsIters     L-BFGS iterations after Adam
     * @param deltaT         mollifier width along t (physical units, > ht)
     * @param deltaX         mollifier width along x (physical units, > h_x)
     * @param residualWeight weight of the residual term (data weight 1)
     * @param seed           network initialisation and noise seed
     */
    public record Config(
            double tStart,
            double tEnd,
            double ht,
            double xStart,
            double xEnd,
            int strideX,
            int[] hidden,
            int adamSteps,
            double lr,
            double lrDecay,
            int lbfgsIters,
            double deltaT,
            double deltaX,
            double residualWeight,
            long seed) {
        public Config {
            if (!(tStart >= 0 && tEnd > tStart && tEnd <= 100))
                throw new IllegalArgumentException("need 0 <= tStart < tEnd <= 100, got " + tStart + ", " + tEnd);
            if (!(ht > 0) || !(ht <= tEnd - tStart))
                throw new IllegalArgumentException("need 0 < ht <= tEnd - tStart, got " + ht);
            if (!(xStart >= 0 && xEnd > xStart && xEnd < 32 * Math.PI))
                throw new IllegalArgumentException("need 0 <= xStart < xEnd < 32π, got " + xStart + ", " + xEnd);
            if (strideX < 1) throw new IllegalArgumentException("strideX must be >= 1, got " + strideX);
            if (adamSteps < 0 || lbfgsIters < 0)
                throw new IllegalArgumentException(
                        "step counts must be >= 0, got adam " + adamSteps + ", lbfgs " + lbfgsIters);
            if (!(lr > 0) || !(lrDecay > 0 && lrDecay <= 1))
                throw new IllegalArgumentException("need lr > 0 and lrDecay in (0, 1], got " + lr + ", " + lrDecay);
            if (!(deltaT > 0) || !(deltaX > 0))
                throw new IllegalArgumentException("widths must be > 0, got δ_t = " + deltaT + ", δ_x = " + deltaX);
            if (!(residualWeight > 0))
                throw new IllegalArgumentException("residual weight must be > 0, got " + residualWeight);
            hidden = hidden.clone();
        }

        /** The CI size of {@code KuramotoSivashinskyInverseTest}. */
        public static Config ci() {
            return new Config(
                    40, 46, 0.2, 0, 4 * Math.PI, 2, new int[] {24, 24, 24}, 500, 5e-3, 0.1, 2000, 0.5, 0.5, 1, 1);
        }

        /** The documented full-size run. */
        public static Config full() {
            return new Config(
                    40, 50, 0.2, 0, 8 * Math.PI, 2, new int[] {32, 32, 32}, 1000, 5e-3, 0.1, 3000, 0.5, 0.5, 1, 1);
        }

        /** The same run with another Adam / L-BFGS budget (0, 0: measure the step cost only). */
        public Config withTraining(int adam, int lbfgs) {
            return new Config(
                    tStart,
                    tEnd,
                    ht,
                    xStart,
                    xEnd,
                    strideX,
                    hidden,
                    adam,
                    lr,
                    lrDecay,
                    lbfgs,
                    deltaT,
                    deltaX,
                    residualWeight,
                    seed);
        }

        /** Widths by axis name, for {@link DerivativeRoute#mollifier(Map)}. */
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
                    "t ∈ [%.4g, %.4g] step %.3g, x ∈ [%.4g, %.4g] stride %d, hidden %s, Adam %d from %.3g (decay %.3g), L-BFGS %d, δ_t = %.4g, δ_x = %.4g, residual weight %.3g, seed %d",
                    tStart,
                    tEnd,
                    ht,
                    xStart,
                    xEnd,
                    strideX,
                    Arrays.toString(hidden),
                    adamSteps,
                    lr,
                    lrDecay,
                    lbfgsIters,
                    deltaT,
                    deltaX,
                    residualWeight,
                    seed);
        }
    }

    /** The default KS solution on [0, tEnd] with an output every {@code ht}. */
    static GridField solve(double tEnd, double ht) {
        KuramotoSivashinskySolver.Params d = KuramotoSivashinskySolver.Params.defaults();
        int nt = (int) Math.round(tEnd / ht) + 1;
        if (Math.abs((nt - 1) * ht - tEnd) > 1e-9 * tEnd)
            throw new IllegalArgumentException("tEnd = " + tEnd + " is not a multiple of ht = " + ht);
        return KuramotoSivashinskySolver.solve(d.withTime(tEnd, nt, 0, d.dtCap()));
    }

    /** The clean window a config fits. */
    public static GridField cleanWindow(Config c) {
        GridField f = solve(c.tEnd(), c.ht());
        double[] t = f.axis("t"), x = f.axis("x");
        List<Integer> rows = new ArrayList<>(), cols = new ArrayList<>();
        for (int i = 0; i < t.length; i++) if (t[i] >= c.tStart() - 1e-9) rows.add(i);
        for (int j = 0; j < x.length; j += c.strideX())
            if (x[j] >= c.xStart() - 1e-9 && x[j] <= c.xEnd() + 1e-9) cols.add(j);
        if (rows.size() < 2 || cols.size() < 2)
            throw new IllegalArgumentException(
                    "the window of " + c + " keeps " + rows.size() + " times × " + cols.size() + " x");
        double[] tw = new double[rows.size()], xw = new double[cols.size()], v = new double[rows.size() * cols.size()];
        double[] all = f.values();
        for (int i = 0; i < tw.length; i++) tw[i] = t[rows.get(i)];
        for (int j = 0; j < xw.length; j++) xw[j] = x[cols.get(j)];
        for (int i = 0; i < tw.length; i++)
            for (int j = 0; j < xw.length; j++) v[i * xw.length + j] = all[rows.get(i) * x.length + cols.get(j)];
        Map<String, Double> p = new LinkedHashMap<>(f.parameters());
        p.put("window.tStart", tw[0]);
        p.put("window.xStart", xw[0]);
        p.put("window.xEnd", xw[xw.length - 1]);
        return new GridField(
                f.problem(),
                f.valueName(),
                f.axisNames(),
                List.of(tw, xw),
                v,
                p,
                f.description()
                        + String.format(
                                Locale.ROOT,
                                "; window t ∈ [%.4g, %.4g], x ∈ [%.4g, %.4g], every %d-th x",
                                tw[0],
                                tw[tw.length - 1],
                                xw[0],
                                xw[xw.length - 1],
                                c.strideX()));
    }

    /** The data a config fits: the window plus noise. */
    public static GridField data(double noise, Config c) {
        return Sampling.addNoise(cleanWindow(c), noise, 17 + c.seed());
    }

    /** {@code u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0}, a from 0.5, b and c positive from 0.5. */
    public static PdeSpec spec(GridField data) {
        return PdeSpec.parse("u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0")
                .domain(domain(data))
                .unknown("a", 0.5)
                .unknownPositive("b", 0.5)
                .unknownPositive("c", 0.5)
                .build();
    }

    static Domain domain(GridField data) {
        double[] t = data.axis("t"), x = data.axis("x");
        return Domain.interval1dTime(x[0], x[x.length - 1], t[0], t[t.length - 1]);
    }

    static DerivativeRoute route(String name, Config c) {
        return DerivativeRoute.named(
                name, () -> DerivativeRoute.mollifier(c.widths()).build());
    }

    /** Fits one route ({@code mollifier}, {@code autodiff} or {@code fd}) at one noise level. */
    public static RowResult run(String route, double noise, Config c) {
        GridField d = data(noise, c);
        Pinn net = Pinn.builder(domain(d)).hidden(c.hidden()).seed(c.seed()).build();
        InverseProblem p = InverseProblem.builder(spec(d), net)
                .observe("u", Observations.grid(d))
                .route(route(route, c))
                .build();
        double seconds = RowTraining.train(
                "kuramoto-sivashinsky " + route,
                p,
                new RowTraining.Settings(
                        c.adamSteps(), c.lr(), c.lrDecay(), c.lbfgsIters(), c.residualWeight(), c.seed()));
        Map<String, Double> recovered = new LinkedHashMap<>(p.report());
        Map<String, Double> errors = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : TRUTH.entrySet())
            errors.put(e.getKey(), Math.abs(recovered.get(e.getKey()) - e.getValue()) / e.getValue());
        InverseProblem.StepCost cost = p.measureStep(3);
        return new RowResult(
                "kuramoto-sivashinsky", route, noise, recovered, errors, cost.seconds(), cost.peakLiveBytes(), seconds);
    }

    /**
     * Runs {@link Config#full()} for both routes at 1 % noise. Overrides as key=value:
     * {@code routes=mollifier,autodiff noise=0.01 ci=true t0= t1= ht= x0= x1= strideX= hidden=32,32 adam= lr= decay=
     * lbfgs= deltaT= deltaX= rw= seed=}.
     */
    public static void main(String[] args) {
        RowArgs a = RowArgs.parse(args, "mollifier,autodiff", "0.01");
        Config b = a.flag("ci") ? Config.ci() : Config.full();
        Config c = new Config(
                a.real("t0", b.tStart()),
                a.real("t1", b.tEnd()),
                a.real("ht", b.ht()),
                a.real("x0", b.xStart()),
                a.real("x1", b.xEnd()),
                a.integer("strideX", b.strideX()),
                a.widths("hidden", b.hidden()),
                a.integer("adam", b.adamSteps()),
                a.real("lr", b.lr()),
                a.real("decay", b.lrDecay()),
                a.integer("lbfgs", b.lbfgsIters()),
                a.real("deltaT", b.deltaT()),
                a.real("deltaX", b.deltaX()),
                a.real("rw", b.residualWeight()),
                a.integer("seed", (int) b.seed()));
        a.finish();
        System.out.println("Kuramoto–Sivashinsky row, " + c);
        for (double n : a.noises()) {
            for (String r : a.routes()) System.out.println(run(r, n, c));
        }
    }
}
