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
     * @param diffusion  D (> 0), shared by u and v
     * @param rate       k (≥ 0)
     * @param x0, length periodic interval
     * @param nx         output points (even); {@code oversample} solver points per output point
     * @param tEnd, nt   final time, output times including 0
     * @param dt         fixed step or 0 (automatic); {@code cfl}, {@code dtCap} for automatic steps
     * @param u0, v0     initial data, periodic
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
        /** Checks every parameter against the ranges above. */
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
         * [−1, 1), 256 x × 101 t on [0, 3].
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

        /** These parameters with another output grid and oversampling. */
        public Params withGrid(int nx, int oversample) {
            return new Params(diffusion, rate, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0, v0);
        }

        /** These parameters with another final time, number of output times, step and step cap. */
        public Params withTime(double tEnd, int nt, double dt, double dtCap) {
            return new Params(diffusion, rate, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0, v0);
        }

        /** These parameters with other coefficients D and k. */
        public Params withCoefficients(double diffusion, double rate) {
            return new Params(diffusion, rate, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0, v0);
        }

        /** These parameters with other initial data. */
        public Params withInitial(Profile u0, Profile v0) {
            return new Params(diffusion, rate, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0, v0);
        }
    }

    /** Solves the problem; returns u and v (in that order) at the output nodes, layout (t, x). */
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
