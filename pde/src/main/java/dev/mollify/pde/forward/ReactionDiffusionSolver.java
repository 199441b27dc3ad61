package dev.mollify.pde.forward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two coupled fields with equal diffusion and a cubic reaction, on a periodic interval:
 * <pre>
 *   u_t = D u_xx −   k u v²
 *   v_t = D v_xx − 2 k u v²
 * </pre>
 * so {@code u − v/2} obeys the heat equation (its mean is conserved).
 *
 * <p>Method: Fourier pseudo-spectral in x, ETDRK4 in t on both spectra stacked (diffusion exact,
 * reaction explicit). Automatic step: {@code dt = min(dtCap, cfl / (5 k max(|u|,|v|)²))}; the
 * reaction Jacobian has rank one, with the non-zero eigenvalue {@code −k v (v + 4u)}, bounded by
 * {@code 5 k max²}. A forced {@code dt} beyond the stability limit of that bound is rejected.
 *
 * <p>Default data set: {@code D = 0.01}, {@code k = 1}, {@code u0 = 1 + 0.5 sin(πx)},
 * {@code v0 = 0.4 + 0.3 cos(2πx)} on [−1, 1), 256 x × 101 t on [0, 3]. Layout [t][x]; v stays in
 * [0.09, 0.15] at t = 3. Both terms of each equation matter over the whole run: RMS over x, the
 * smaller of each pair at least 13 % of the larger:
 * <pre>
 *   t     D u_xx   k u v²    D v_xx   2k u v²
 *   0     0.035    0.27      0.084    0.54
 *   1.5   0.034    0.031     0.013    0.061
 *   3     0.027    0.013     0.0038   0.026
 * </pre>
 */
public final class ReactionDiffusionSolver {
    private ReactionDiffusionSolver() {}

    /**
     * The parameters of one two-field problem. The solver grid has {@code nx · oversample} points.
     *
     * @param diffusion  D (&gt; 0), shared by u and v
     * @param rate       k (≥ 0)
     * @param x0         left end of the periodic interval
     * @param length     the period (&gt; 0)
     * @param nx         output points (even, ≥ 8)
     * @param oversample solver points per output point (≥ 1)
     * @param tEnd       final time (&gt; 0)
     * @param nt         output times including 0 (≥ 2)
     * @param dt         fixed step, or 0 for automatic
     * @param cfl        {@code dt · 5k max(|u|,|v|)²} for automatic steps, in (0, 2.5]
     * @param dtCap      largest automatic step (&gt; 0)
     * @param u0         initial u, periodic
     * @param v0         initial v, periodic
     */
    public record Params(
            double diffusion,
            double rate,
            double x0,
            double length,
            int nx,
            int oversample,
            double tEnd,
            int nt,
            double dt,
            double cfl,
            double dtCap,
            Profile u0,
            Profile v0) {
        /**
         * Checks every parameter against the ranges above.
         *
         * @param diffusion  &gt; 0
         * @param rate       ≥ 0 (0 switches the reaction off)
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
         * @param v0         not null
         * @throws IllegalArgumentException naming the first parameter out of its range
         */
        public Params {
            Checks.positive("diffusion D", diffusion, "negative or zero diffusion is ill-posed/unsupported");
            Checks.nonNegative("rate k", rate, "0 switches the reaction off");
            SpectralMarch.checkPeriodicGrid(x0, length, nx, oversample);
            SpectralMarch.checkTimeStepping(tEnd, nt, dt, cfl);
            Checks.positive("dtCap", dtCap, null);
            Checks.notNull("u0", u0);
            Checks.notNull("v0", v0);
        }

        /**
         * The default data set: D = 0.01, k = 1, u0 = 1 + 0.5 sin(πx), v0 = 0.4 + 0.3 cos(2πx) on
         * [−1, 1), 256 x × 101 t on [0, 3]; automatic steps at cfl 0.5, at most 0.01.
         *
         * @return the default parameters
         */
        public static Params defaults() {
            return new Params(
                    0.01,
                    1,
                    -1,
                    2,
                    256,
                    1,
                    3,
                    101,
                    0,
                    0.5,
                    0.01,
                    new Profile("u0(x) = 1 + 0.5 sin(pi x)", x -> 1 + 0.5 * Math.sin(Math.PI * x)),
                    new Profile("v0(x) = 0.4 + 0.3 cos(2 pi x)", x -> 0.4 + 0.3 * Math.cos(2 * Math.PI * x)));
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
            return new Params(diffusion, rate, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0, v0);
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
            return new Params(diffusion, rate, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0, v0);
        }

        /**
         * These parameters with other coefficients D and k.
         *
         * @param diffusion D (&gt; 0)
         * @param rate      k (≥ 0)
         * @return a copy with the coefficients replaced
         * @throws IllegalArgumentException when a value is out of range
         */
        public Params withCoefficients(double diffusion, double rate) {
            return new Params(diffusion, rate, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0, v0);
        }

        /**
         * These parameters with other initial data.
         *
         * @param u0 initial u, periodic on [x0, x0 + length)
         * @param v0 initial v, periodic on [x0, x0 + length)
         * @return a copy with the initial data replaced
         * @throws IllegalArgumentException when either is null
         */
        public Params withInitial(Profile u0, Profile v0) {
            return new Params(diffusion, rate, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0, v0);
        }
    }

    /**
     * Solves the problem; returns u and v (in that order) at the output nodes, layout (t, x).
     *
     * @param p the parameters
     * @return two fields, u then v, each on {@code nt} t × {@code nx} x with the same parameters
     *     ({@code D}, {@code k}, {@code x0}, {@code length}, {@code tEnd}, solver diagnostics)
     * @throws IllegalArgumentException when a fixed {@code dt} exceeds the reaction's stability limit,
     *     or the spectral tail of either field exceeds 1e-8 (grid too coarse)
     * @throws IllegalStateException when a field becomes non-finite
     */
    public static List<GridField> solve(Params p) {
        int n = p.nx() * p.oversample();
        Spectral1D sp = new Spectral1D(n, p.length());
        double[] xs = SpectralMarch.periodicGrid(p.x0(), p.length(), n);
        int modes = sp.modes();
        double[] lRe = new double[2 * modes];
        for (int m = 0; m < modes; m++) {
            lRe[m] = -p.diffusion() * sp.k(m) * sp.k(m);
            lRe[modes + m] = lRe[m];
        }
        SpectralMarch.StepRule rule = SpectralMarch.explicitReaction(
                "reaction-diffusion",
                p.dt(),
                p.cfl(),
                p.dtCap(),
                umax -> 5 * p.rate() * umax * umax,
                "5k*max(|u|,|v|)^2");
        double[] times = SpectralMarch.linspace(0, p.tEnd(), p.nt());
        SpectralMarch.Result r = SpectralMarch.run(
                "reaction-diffusion",
                sp,
                lRe,
                new double[2 * modes],
                reaction(sp, p.rate()),
                new double[][] {p.u0().sample(xs), p.v0().sample(xs)},
                times,
                rule,
                1e-8);
        Map<String, Double> par = new LinkedHashMap<>();
        par.put("D", p.diffusion());
        par.put("k", p.rate());
        par.put("x0", p.x0());
        par.put("length", p.length());
        par.put("tEnd", p.tEnd());
        r.putDiagnostics(par, n);
        List<double[]> axes = List.of(times, SpectralMarch.periodicGrid(p.x0(), p.length(), p.nx()));
        String description = "u_t = D u_xx - k u v^2, v_t = D v_xx - 2 k u v^2, periodic; " + p.u0().description()
                + "; " + p.v0().description() + "; Fourier pseudo-spectral + ETDRK4";
        List<GridField> out = new ArrayList<>();
        String[] names = {"u", "v"};
        for (int f = 0; f < names.length; f++)
            out.add(new GridField(
                    "reaction-diffusion",
                    names[f],
                    List.of("t", "x"),
                    axes,
                    SpectralMarch.physical(sp, r, p.oversample(), f),
                    par,
                    description));
        return List.copyOf(out);
    }

    /** {@code N(u, v) = F[(−k u v², −2 k u v²)]} on the stacked spectra of u and v. */
    private static Etdrk4.Nonlinear reaction(Spectral1D sp, double k) {
        int n = sp.n();
        int modes = sp.modes();
        double[] u = new double[n];
        double[] v = new double[n];
        double[] fRe = new double[modes];
        double[] fIm = new double[modes];
        return (vRe, vIm, outRe, outIm) -> {
            SpectralMarch.field(0, vRe, vIm, fRe, fIm);
            sp.inverse(fRe, fIm, u);
            SpectralMarch.field(1, vRe, vIm, fRe, fIm);
            sp.inverse(fRe, fIm, v);
            for (int j = 0; j < n; j++) {
                double r = -k * u[j] * v[j] * v[j];
                u[j] = r;
                v[j] = 2 * r;
            }
            sp.forward(u, fRe, fIm);
            SpectralMarch.setField(0, fRe, fIm, outRe, outIm);
            sp.forward(v, fRe, fIm);
            SpectralMarch.setField(1, fRe, fIm, outRe, outIm);
        };
    }
}
