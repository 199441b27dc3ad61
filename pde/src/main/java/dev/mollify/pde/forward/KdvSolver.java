package dev.mollify.pde.forward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Korteweg–de Vries {@code u_t + λ₁ u u_x + λ₂ u_xxx = 0} on a periodic interval
 * {@code [x0, x0 + length)}.
 *
 * <p>Method: Fourier pseudo-spectral in space (solver grid {@code nx · oversample} points), ETDRK4
 * in time ({@link Etdrk4}; the dispersive term {@code iλ₂k³} is integrated exactly), step chosen per
 * output interval from the Courant number {@code dt·|λ₁|·max|u|·k_max} (default 0.25, hard limit
 * 2.5). Output: every {@code oversample}-th solver point, layout [t][x].
 *
 * <p>Checked against the travelling soliton {@link #soliton(double, double, double, double, double, double, double)}.
 * Default data set: Raissi et al. (2019), {@code λ₁ = 1, λ₂ = 0.0025}, {@code u0 = cos(πx)} on
 * [−1, 1), 512 points × 201 times on [0, 1].
 */
public final class KdvSolver {
    private KdvSolver() {}

    /**
     * The parameters of one KdV problem. The solver grid has {@code nx · oversample} points.
     *
     * @param lambda1    nonlinear coefficient λ₁ (any finite value)
     * @param lambda2    dispersion λ₂ (any finite value; 0 gives inviscid Burgers, which shocks)
     * @param x0         left end of the periodic interval
     * @param length     period (&gt; 0)
     * @param nx         output points in x (even, ≥ 8)
     * @param oversample solver points per output point (≥ 1)
     * @param tEnd       final time (&gt; 0)
     * @param nt         output times, including t = 0 (≥ 2)
     * @param dt         fixed step, or 0 for automatic CFL-checked steps
     * @param cfl        Courant number for automatic steps (0, 2.5]
     * @param u0         initial data (must be periodic and smooth)
     */
    public record Params(
            double lambda1,
            double lambda2,
            double x0,
            double length,
            int nx,
            int oversample,
            double tEnd,
            int nt,
            double dt,
            double cfl,
            Profile u0) {
        /**
         * Checks every parameter against the ranges above.
         *
         * @param lambda1    λ₁, finite
         * @param lambda2    λ₂, finite
         * @param x0         left end, finite
         * @param length     period, &gt; 0
         * @param nx         output points, even and ≥ 8
         * @param oversample solver points per output point, ≥ 1
         * @param tEnd       final time, &gt; 0
         * @param nt         output times, ≥ 2
         * @param dt         fixed step ≥ 0, 0 for automatic
         * @param cfl        Courant number, in (0, 2.5]
         * @param u0         initial data, not null
         * @throws IllegalArgumentException naming the first parameter out of its range
         */
        public Params {
            Checks.finite("lambda1", lambda1);
            Checks.finite("lambda2", lambda2);
            SpectralMarch.checkPeriodicGrid(x0, length, nx, oversample);
            SpectralMarch.checkTimeStepping(tEnd, nt, dt, cfl);
            Checks.notNull("u0", u0);
        }

        /**
         * Raissi's KdV data: λ₁ = 1, λ₂ = 0.0025, u0 = cos(πx), [−1,1) × [0,1], 512 × 201, no
         * oversampling, automatic steps at cfl 0.25.
         *
         * @return the default parameters
         */
        public static Params defaults() {
            return new Params(
                    1.0,
                    0.0025,
                    -1,
                    2,
                    512,
                    1,
                    1.0,
                    201,
                    0,
                    0.25,
                    new Profile("u0(x) = cos(pi x)", x -> Math.cos(Math.PI * x)));
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
            return new Params(lambda1, lambda2, x0, length, nx, oversample, tEnd, nt, dt, cfl, u0);
        }

        /**
         * These parameters with another final time, number of output times and step.
         *
         * @param tEnd final time (&gt; 0)
         * @param nt   output times including 0 (≥ 2)
         * @param dt   fixed step, or 0 for automatic
         * @return a copy with the time settings replaced
         * @throws IllegalArgumentException when a value is out of range
         */
        public Params withTime(double tEnd, int nt, double dt) {
            return new Params(lambda1, lambda2, x0, length, nx, oversample, tEnd, nt, dt, cfl, u0);
        }

        /**
         * These parameters with other initial data.
         *
         * @param u0 the new initial data, periodic on [x0, x0 + length) (e.g. {@link #solitonProfile})
         * @return a copy with u0 replaced
         * @throws IllegalArgumentException when {@code u0} is null
         */
        public Params withInitial(Profile u0) {
            return new Params(lambda1, lambda2, x0, length, nx, oversample, tEnd, nt, dt, cfl, u0);
        }
    }

    /**
     * Solves the problem; returns u at the output nodes, layout (t, x).
     *
     * @param p the parameters
     * @return u on {@code nt} t × {@code nx} x, with {@code lambda1}, {@code lambda2}, {@code x0},
     *     {@code length}, {@code tEnd} and the solver diagnostics ({@code solver.steps},
     *     {@code solver.spectralTail}, …) as parameters
     * @throws IllegalArgumentException when a fixed {@code dt} breaks the Courant limit, or the spectral
     *     tail exceeds 1e-8 at an output time (grid too coarse)
     * @throws IllegalStateException when the solution becomes non-finite
     */
    public static GridField solve(Params p) {
        int n = p.nx() * p.oversample();
        Spectral1D sp = new Spectral1D(n, p.length());
        double[] xs = SpectralMarch.periodicGrid(p.x0(), p.length(), n);
        double[] u0 = p.u0().sample(xs);
        double[] lRe = new double[sp.modes()];
        double[] lIm = new double[sp.modes()];
        for (int m = 0; m < sp.modes() - 1; m++) {
            double k = sp.k(m);
            lIm[m] = p.lambda2() * k * k * k; // -λ₂ (ik)^3 = iλ₂k³; Nyquist left 0 (odd derivative)
        }
        double kmax = sp.k(sp.modes() - 1);
        SpectralMarch.StepRule rule = SpectralOps.courant("kdv", p.lambda1(), um -> kmax, p.cfl(), p.tEnd(), p.dt());
        double[] times = SpectralMarch.linspace(0, p.tEnd(), p.nt());
        SpectralMarch.Result r =
                SpectralMarch.run("kdv", sp, lRe, lIm, SpectralOps.advection(sp, p.lambda1()), u0, times, rule, 1e-8);
        double[] values = SpectralMarch.physical(sp, r, p.oversample());
        Map<String, Double> par = new LinkedHashMap<>();
        par.put("lambda1", p.lambda1());
        par.put("lambda2", p.lambda2());
        par.put("x0", p.x0());
        par.put("length", p.length());
        par.put("tEnd", p.tEnd());
        r.putDiagnostics(par, n);
        return new GridField(
                "kdv",
                "u",
                List.of("t", "x"),
                List.of(times, SpectralMarch.periodicGrid(p.x0(), p.length(), p.nx())),
                values,
                par,
                "u_t + lambda1 u u_x + lambda2 u_xxx = 0, periodic; " + p.u0().description()
                        + "; Fourier pseudo-spectral + ETDRK4");
    }

    /**
     * Travelling soliton {@code u = (3c/λ₁) sech²(½√(c/λ₂)(x − xc − ct))} (needs {@code c/λ₂ > 0}),
     * summed over periodic images within ±2 periods, so it is the periodic solution up to the
     * size of the tails at half a period from the crest.
     *
     * @param lambda1 λ₁ (non-zero; sets the amplitude 3c/λ₁)
     * @param lambda2 λ₂, of the sign of c
     * @param c       the speed
     * @param xc      the crest at t = 0
     * @param length  the period
     * @param x       the position
     * @param t       the time
     * @return u(x, t)
     * @throws IllegalArgumentException when c/λ₂ is not positive
     */
    public static double soliton(
            double lambda1, double lambda2, double c, double xc, double length, double x, double t) {
        if (!(c / lambda2 > 0)) {
            throw new IllegalArgumentException("soliton needs c/lambda2 > 0, got c = " + c + ", lambda2 = " + lambda2);
        }
        double amp = 3 * c / lambda1;
        double kappa = 0.5 * Math.sqrt(c / lambda2);
        double s = x - xc - c * t;
        s = s - length * Math.floor(s / length + 0.5); // nearest image in [-L/2, L/2)
        double sum = 0;
        for (int img = -2; img <= 2; img++) {
            double ch = Math.cosh(kappa * (s + img * length));
            sum += 1 / (ch * ch);
        }
        return amp * sum;
    }

    /**
     * The soliton at {@code t = 0} as initial data.
     *
     * @param lambda1 λ₁
     * @param lambda2 λ₂, of the sign of c
     * @param c       the speed
     * @param xc      the crest
     * @param length  the period
     * @return x ↦ {@code soliton(lambda1, lambda2, c, xc, length, x, 0)}; a bad c/λ₂ throws when it is
     *     evaluated
     */
    public static Profile solitonProfile(double lambda1, double lambda2, double c, double xc, double length) {
        return new Profile(
                "u0 = soliton c = " + c + " at x = " + xc, x -> soliton(lambda1, lambda2, c, xc, length, x, 0));
    }
}
