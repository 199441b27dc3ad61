package dev.mollify.pde.forward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Viscous Burgers {@code u_t + u u_x = ν u_xx} on [−1, 1] with {@code u(±1, t) = 0}.
 *
 * <p>Method: the equation is invariant under {@code u(x) → −u(2 − x)}, so the odd reflection of
 * the data about {@code x = 1} gives a 4-periodic solution that vanishes at {@code x = ±1}; it is
 * solved on [−1, 3) by Fourier pseudo-spectral differentiation (conservative form
 * {@code −(u²/2)_x}) and ETDRK4 (diffusion integrated exactly). This is spectrally accurate when the
 * odd extension is smooth, i.e. when the even derivatives of {@code u0} vanish at ±1 (true for
 * {@code −sin(πx)}); other data converge more slowly, and the spectral-tail check says so. It is
 * independent of the Cole–Hopf reference {@link BurgersColeHopf}, against which it is tested.
 *
 * <p>Steps: Courant number {@code dt · max|u| · k_eff ≤ cfl}, where {@code k_eff} is the largest
 * wavenumber not damped faster than it is advected ({@code νk ≤ 4 max|u|}); by the maximum principle
 * {@code max|u|} never exceeds {@code max|u0|}. Resolution: the front is about {@code w = 2ν/max|u0|}
 * wide; the solver grid must satisfy {@code k_max · π w / 2 ≥ 20} (its Fourier tail then sits
 * below ~1e-9), else {@link IllegalArgumentException}. Output: interpolated (trigonometric
 * interpolation, exact for the discrete solution) to {@code nx} equally spaced points including
 * both ends; layout [t][x].
 *
 * <p>Default data set: Raissi et al. (2019), {@code ν = 0.01/π}, 256 x × 100 t on [−1,1] × [0, 0.99].
 */
public final class BurgersSolver {
    private BurgersSolver() {}

    /**
     * The parameters of one Burgers problem.
     *
     * @param nu   viscosity ν (&gt; 0)
     * @param n    solver grid points on the 4-periodic extension [−1, 3) (even; power of 2 fastest)
     * @param nx   output points on [−1, 1], both ends included (≥ 2)
     * @param tEnd final time (&gt; 0)
     * @param nt   output times including 0 (≥ 2)
     * @param dt   fixed step or 0 for automatic
     * @param cfl  Courant number for automatic steps (&gt; 0)
     * @param u0   initial data on [−1, 1] with {@code u0(±1) = 0}
     */
    public record Params(double nu, int n, int nx, double tEnd, int nt, double dt, double cfl, Profile u0) {
        /**
         * Checks every parameter against the ranges above.
         *
         * @param nu   viscosity, &gt; 0
         * @param n    solver points, even and ≥ 8
         * @param nx   output points, ≥ 2
         * @param tEnd final time, &gt; 0
         * @param nt   output times, ≥ 2
         * @param dt   fixed step ≥ 0, 0 for automatic
         * @param cfl  Courant number, in (0, 2.5]
         * @param u0   initial data, not null
         * @throws IllegalArgumentException naming the first parameter out of its range
         */
        public Params {
            Checks.positive("nu (viscosity)", nu, "negative viscosity makes the problem ill-posed");
            Checks.even("n", n, 8);
            Checks.atLeast("nx", nx, 2, null);
            SpectralMarch.checkTimeStepping(tEnd, nt, dt, cfl);
            Checks.notNull("u0", u0);
        }

        /**
         * Raissi's data: ν = 0.01/π, u0 = −sin(πx), 256 × 100 on [−1,1] × [0, 0.99], solver n = 4096,
         * cfl 0.5.
         *
         * @return the default parameters
         */
        public static Params defaults() {
            return new Params(
                    0.01 / Math.PI,
                    4096,
                    256,
                    0.99,
                    100,
                    0,
                    0.5,
                    new Profile("u0(x) = -sin(pi x)", x -> -Math.sin(Math.PI * x)));
        }

        /**
         * These parameters with another viscosity ν.
         *
         * @param nu the viscosity (&gt; 0); a smaller ν needs a larger n ({@link #minimumN})
         * @return a copy with ν replaced
         * @throws IllegalArgumentException when {@code nu} is not positive and finite
         */
        public Params withNu(double nu) {
            return new Params(nu, n, nx, tEnd, nt, dt, cfl, u0);
        }

        /**
         * These parameters with another solver grid and output grid.
         *
         * @param n  solver points on the 4-periodic extension (even, ≥ 8)
         * @param nx output points on [−1, 1] (≥ 2)
         * @return a copy with the grids replaced
         * @throws IllegalArgumentException when a value is out of range
         */
        public Params withGrid(int n, int nx) {
            return new Params(nu, n, nx, tEnd, nt, dt, cfl, u0);
        }

        /**
         * These parameters with another final time, number of output times, step and Courant number.
         *
         * @param tEnd final time (&gt; 0)
         * @param nt   output times including 0 (≥ 2)
         * @param dt   fixed step, or 0 for automatic
         * @param cfl  Courant number for automatic steps
         * @return a copy with the time settings replaced
         * @throws IllegalArgumentException when a value is out of range
         */
        public Params withTime(double tEnd, int nt, double dt, double cfl) {
            return new Params(nu, n, nx, tEnd, nt, dt, cfl, u0);
        }
    }

    /**
     * Smallest solver {@code n} that resolves the front {@code w = 2ν/max|u0|} by the rule above:
     * with k_max = πn/4 on the period 4, {@code k_max · π w / 2 ≥ 20} gives n ≥ 160/(π² w).
     *
     * @param nu       the viscosity ν
     * @param maxAbsU0 max|u0| over [−1, 1]
     * @return the smallest admissible n (not rounded to an even number or a power of 2)
     */
    public static int minimumN(double nu, double maxAbsU0) {
        double w = 2 * nu / maxAbsU0;
        // k_max = π n / 4 ; need k_max π w / 2 >= 20
        return (int) Math.ceil(20 * 2 * 4 / (Math.PI * Math.PI * w));
    }

    /**
     * Solves the problem; returns u at the output nodes, layout (t, x). Throws when u0 does not
     * vanish at ±1 or n is below {@link #minimumN}.
     *
     * @param p the parameters
     * @return u on {@code nt} t × {@code nx} x, with {@code nu}, {@code tEnd} and the solver
     *     diagnostics ({@code solver.steps}, {@code solver.spectralTail}, …) as parameters
     * @throws IllegalArgumentException when u0 does not vanish at ±1, n is below {@link #minimumN}, a
     *     fixed {@code dt} breaks the Courant limit, or the spectral tail exceeds 1e-6 at an output time
     *     (grid too coarse)
     * @throws IllegalStateException when the solution becomes non-finite
     */
    public static GridField solve(Params p) {
        int n = p.n();
        double period = 4;
        double[] xs = SpectralMarch.periodicGrid(-1, period, n);
        double umax0 = 0;
        for (int i = 0; i <= 1000; i++) {
            umax0 = Math.max(umax0, Math.abs(p.u0().at(-1 + 2.0 * i / 1000)));
        }
        double scale = Math.max(umax0, 1e-300);
        if (Math.abs(p.u0().at(-1)) > 1e-12 * scale || Math.abs(p.u0().at(1)) > 1e-12 * scale) {
            throw new IllegalArgumentException(
                    "u0 must vanish at x = -1 and x = 1 (Dirichlet data u = 0); got u0(-1) = " + p.u0().at(-1)
                            + ", u0(1) = " + p.u0().at(1));
        }
        int need = minimumN(p.nu(), scale);
        if (n < need) {
            throw new IllegalArgumentException(
                    "burgers: grid too coarse for the front: the front is about 2*nu/max|u0| = "
                            + String.format("%.3g", 2 * p.nu() / scale) + " wide and needs n >= " + need
                            + " solver points on the 4-periodic extension; got n = " + n);
        }
        double[] u0 = new double[n];
        for (int j = 0; j < n; j++) {
            double x = xs[j];
            u0[j] = x <= 1 ? p.u0().at(x) : -p.u0().at(2 - x);
        }
        Spectral1D sp = new Spectral1D(n, period);
        double[] lRe = new double[sp.modes()];
        double[] lIm = new double[sp.modes()];
        double[] k = sp.wavenumbers();
        for (int m = 0; m < sp.modes(); m++) {
            lRe[m] = -p.nu() * k[m] * k[m];
        }
        SpectralMarch.StepRule rule = SpectralOps.courant(
                "burgers", 1.0, um -> SpectralOps.effectiveK(k, lRe, 1.0, um), p.cfl(), p.tEnd(), p.dt());
        double[] times = SpectralMarch.linspace(0, p.tEnd(), p.nt());
        SpectralMarch.Result r =
                SpectralMarch.run("burgers", sp, lRe, lIm, SpectralOps.advection(sp, 1.0), u0, times, rule, 1e-6);
        double[] xOut = SpectralMarch.linspace(-1, 1, p.nx());
        double[] values = new double[p.nt() * p.nx()];
        for (int i = 0; i < p.nt(); i++) {
            double[] row = sp.interpolate(r.re()[i], r.im()[i], -1, xOut);
            row[0] = 0; // exact boundary values (the interpolant is 0 there to round-off)
            row[p.nx() - 1] = 0;
            System.arraycopy(row, 0, values, i * p.nx(), p.nx());
        }
        Map<String, Double> par = new LinkedHashMap<>();
        par.put("nu", p.nu());
        par.put("tEnd", p.tEnd());
        r.putDiagnostics(par, n);
        return new GridField(
                "burgers",
                "u",
                List.of("t", "x"),
                List.of(times, xOut),
                values,
                par,
                "u_t + u u_x = nu u_xx on [-1,1], u(+-1,t) = 0; " + p.u0().description()
                        + "; Fourier pseudo-spectral on the odd 4-periodic extension + ETDRK4");
    }
}
