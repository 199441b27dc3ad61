package dev.mollify.pde.forward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fisher–KPP {@code u_t = D u_xx + k(x) u (1 − u)} with a spatially varying rate {@code k(x)}, on a
 * periodic interval.
 *
 * <p>Method: Fourier pseudo-spectral + ETDRK4 (diffusion exact, reaction explicit). Automatic
 * step: {@code dt = min(dtCap, cfl / (max|k| · (1 + 2 max|u|)))}, the reaction Jacobian bound. No
 * closed form exists for a varying rate; accuracy is shown by self-convergence (4th order in dt,
 * spectral in h).
 *
 * <p>Default data set: {@code D = 0.01}, {@code k(x) = 1 + 0.5 sin(πx)}, {@code u0 = exp(−(x/0.15)²)}
 * on [−1, 1), 256 x × 101 t on [0, 3]. Layout [t][x].
 */
public final class FisherKppSolver {
    private FisherKppSolver() {}

    /**
     * The parameters of one Fisher–KPP problem. The solver grid has {@code nx · oversample} points.
     *
     * @param diffusion  D (&gt; 0)
     * @param rate       k(x), finite, periodic
     * @param x0         left end of the periodic interval
     * @param length     the period (&gt; 0)
     * @param nx         output points (even, ≥ 8)
     * @param oversample solver points per output point (≥ 1)
     * @param tEnd       final time (&gt; 0)
     * @param nt         output times including 0 (≥ 2)
     * @param dt         fixed step, or 0 for automatic
     * @param cfl        {@code dt · max|k| · (1 + 2 max|u|)} for automatic steps, in (0, 2.5]
     * @param dtCap      largest automatic step (&gt; 0)
     * @param u0         initial data, periodic
     */
    public record Params(
            double diffusion,
            Profile rate,
            double x0,
            double length,
            int nx,
            int oversample,
            double tEnd,
            int nt,
            double dt,
            double cfl,
            double dtCap,
            Profile u0) {
        /**
         * Checks every parameter against the ranges above (the rate's values are checked by
         * {@link FisherKppSolver#solve}).
         *
         * @param diffusion  &gt; 0
         * @param rate       not null
         * @param x0         finite
         * @param length     &gt; 0
         * @param nx         even, ≥ 8
         * @param oversample ≥ 1
         * @param tEnd       &gt; 0
         * @param nt         ≥ 2
         * @param dt         ≥ 0, 0 for automatic
         * @param cfl        in (0, 2.5]
         * @param dtCap      &gt; 0
         * @param u0         not null
         * @throws IllegalArgumentException naming the first parameter out of its range
         */
        public Params {
            Checks.positive("diffusion D", diffusion, "negative or zero diffusion is ill-posed/unsupported");
            Checks.notNull("rate", rate);
            SpectralMarch.checkPeriodicGrid(x0, length, nx, oversample);
            SpectralMarch.checkTimeStepping(tEnd, nt, dt, cfl);
            Checks.positive("dtCap", dtCap, null);
            Checks.notNull("u0", u0);
        }

        /**
         * The default data set: D = 0.01, k(x) = 1 + 0.5 sin(πx), u0 = exp(−(x/0.15)²) on [−1, 1),
         * 256 x × 101 t on [0, 3]; automatic steps at cfl 0.1, at most 0.01.
         *
         * @return the default parameters
         */
        public static Params defaults() {
            return new Params(
                    0.01,
                    new Profile("k(x) = 1 + 0.5 sin(pi x)", x -> 1 + 0.5 * Math.sin(Math.PI * x)),
                    -1,
                    2,
                    256,
                    1,
                    3,
                    101,
                    0,
                    0.1,
                    0.01,
                    new Profile("u0(x) = exp(-(x/0.15)^2)", x -> Math.exp(-(x / 0.15) * (x / 0.15))));
        }

        /**
         * These parameters with another output grid and oversampling.
         *
         * @param nx         output points (even, ≥ 8)
         * @param oversample solver points per output point (≥ 1)
         * @return a copy with the grid replaced
         * @throws IllegalArgumentException when a value is out of range
         */
        public Params withGrid(int nx, int oversample) {
            return new Params(diffusion, rate, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0);
        }

        /**
         * These parameters with another final time, number of output times, step and step cap.
         *
         * @param tEnd  final time (&gt; 0)
         * @param nt    output times including 0 (≥ 2)
         * @param dt    fixed step, or 0 for automatic
         * @param dtCap largest automatic step (&gt; 0)
         * @return a copy with the time settings replaced
         * @throws IllegalArgumentException when a value is out of range
         */
        public Params withTime(double tEnd, int nt, double dt, double dtCap) {
            return new Params(diffusion, rate, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0);
        }

        /**
         * These parameters with another diffusion D.
         *
         * @param d the diffusion D (&gt; 0)
         * @return a copy with D replaced
         * @throws IllegalArgumentException when {@code d} is not positive and finite
         */
        public Params withDiffusion(double d) {
            return new Params(d, rate, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0);
        }
    }

    /**
     * The classic Fisher–KPP {@code u_t = D u_xx + r u (1 − u)} with a constant rate r, described by numbers
     * only (so a command line can set each): the default data set's interval, initial data and steps otherwise.
     * Defaults D = 0.01, r = 1, 256 x × 101 t on [0, 3]: two fronts leave the initial bump at speed 2√(Dr) = 0.2
     * and stay inside [−1, 1). The solver runs on at least {@value #MIN_SOLVER_POINTS} points whatever
     * {@code nx} (every oversample-th is written), so coarse output grids sample a resolved solution.
     *
     * @param diffusion D (&gt; 0)
     * @param rate      r (finite)
     * @param nx        output points in x (even, ≥ 8)
     * @param nt        output times, including 0 (≥ 2)
     * @param tEnd      final time (&gt; 0)
     */
    public record ConstantRate(double diffusion, double rate, int nx, int nt, double tEnd) {
        /**
         * Checks every parameter (the full parameter record checks the rest).
         *
         * @param diffusion D, &gt; 0
         * @param rate      r, finite
         * @param nx        output points, even and ≥ 8
         * @param nt        output times, ≥ 2
         * @param tEnd      final time, &gt; 0
         * @throws IllegalArgumentException naming the first parameter out of its range
         */
        public ConstantRate {
            Checks.positive("diffusion D", diffusion, "negative or zero diffusion is ill-posed/unsupported");
            Checks.finite("rate r", rate);
            params(diffusion, rate, nx, nt, tEnd);
        }

        /** The fewest points the solver runs on. */
        public static final int MIN_SOLVER_POINTS = 256;

        /**
         * D = 0.01, r = 1, 256 x × 101 t on [0, 3].
         *
         * @return the default constant-rate problem
         */
        public static ConstantRate defaults() {
            return new ConstantRate(0.01, 1, 256, 101, 3);
        }

        /**
         * The full parameters of this problem: k(x) = r, the default data set's interval, initial data
         * and step settings, and {@code oversample = max(1, ⌈MIN_SOLVER_POINTS / nx⌉)}.
         *
         * @return the parameters to pass to {@link FisherKppSolver#solve}
         */
        public Params params() {
            return params(diffusion, rate, nx, nt, tEnd);
        }

        private static Params params(double diffusion, double rate, int nx, int nt, double tEnd) {
            Params d = Params.defaults();
            return new Params(
                    diffusion,
                    new Profile("k(x) = " + rate, x -> rate),
                    d.x0(),
                    d.length(),
                    nx,
                    Math.max(1, (MIN_SOLVER_POINTS + nx - 1) / nx),
                    tEnd,
                    nt,
                    d.dt(),
                    d.cfl(),
                    d.dtCap(),
                    d.u0());
        }
    }

    /**
     * Solves the problem; returns u at the output nodes, layout (t, x). The rate k(x) must be finite.
     *
     * @param p the parameters
     * @return u on {@code nt} t × {@code nx} x, with {@code D}, {@code x0}, {@code length},
     *     {@code tEnd} and the solver diagnostics as parameters
     * @throws IllegalArgumentException when k(x) is not finite on the solver grid, a fixed {@code dt}
     *     exceeds the reaction's stability limit, or the spectral tail exceeds 1e-8 (grid too coarse)
     * @throws IllegalStateException when the solution becomes non-finite
     */
    public static GridField solve(Params p) {
        int n = p.nx() * p.oversample();
        Spectral1D sp = new Spectral1D(n, p.length());
        double[] xs = SpectralMarch.periodicGrid(p.x0(), p.length(), n);
        double[] rate = p.rate().sample(xs);
        for (double r : rate) {
            Checks.finite("rate k(x)", r);
        }
        double kmax = Stats.maxAbs(rate);
        double[] k = sp.wavenumbers();
        double[] lRe = new double[sp.modes()];
        for (int m = 0; m < sp.modes(); m++) {
            lRe[m] = -p.diffusion() * k[m] * k[m];
        }
        SpectralMarch.StepRule rule = SpectralMarch.explicitReaction(
                "fisher-kpp", p.dt(), p.cfl(), p.dtCap(), umax -> kmax * (1 + 2 * umax), "max|k|*(1+2max|u|)");
        double[] times = SpectralMarch.linspace(0, p.tEnd(), p.nt());
        SpectralMarch.Result r = SpectralMarch.run(
                "fisher-kpp",
                sp,
                lRe,
                new double[sp.modes()],
                SpectralOps.logistic(sp, rate),
                p.u0().sample(xs),
                times,
                rule,
                1e-8);
        Map<String, Double> par = new LinkedHashMap<>();
        par.put("D", p.diffusion());
        par.put("x0", p.x0());
        par.put("length", p.length());
        par.put("tEnd", p.tEnd());
        r.putDiagnostics(par, n);
        return new GridField(
                "fisher-kpp",
                "u",
                List.of("t", "x"),
                List.of(times, SpectralMarch.periodicGrid(p.x0(), p.length(), p.nx())),
                SpectralMarch.physical(sp, r, p.oversample()),
                par,
                "u_t = D u_xx + k(x) u (1 - u), periodic; " + p.rate().description() + "; " + p.u0().description()
                        + "; Fourier pseudo-spectral + ETDRK4");
    }
}
