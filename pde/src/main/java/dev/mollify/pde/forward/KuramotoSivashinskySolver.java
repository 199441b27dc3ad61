package dev.mollify.pde.forward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kuramoto–Sivashinsky {@code u_t + a u u_x + b u_xx + c u_xxxx = 0} on a periodic interval.
 *
 * <p>Method: Fourier pseudo-spectral + ETDRK4 with the stiff linear part {@code L = b k² − c k⁴}
 * integrated exactly (Kassam–Trefethen 2005, whose test case is the default initial data). Steps:
 * Courant number {@code dt·|a|·max|u|·k_eff ≤ cfl} with {@code k_eff} the largest wavenumber that
 * is not damped faster than advected, capped by {@code dtCap}. In the chaotic regime pointwise
 * errors grow like {@code e^{Λt}} (Λ ≈ 0.05–0.1 for L = 32π), so accuracy is stated by
 * self-convergence and by the energy balance {@link #energyBudget}:
 * {@code d/dt ½∫u² = b∫u_x² − c∫u_xx²} (the advection term conserves energy).
 *
 * <p>Default data set (PDE-FIND-like): {@code a = b = c = 1}, {@code x ∈ [0, 32π)}, 1024 points,
 * {@code u0 = cos(x/16)(1 + sin(x/16))}, 251 times on [0, 100]. Layout [t][x].
 */
public final class KuramotoSivashinskySolver {
    private KuramotoSivashinskySolver() {}

    /**
     * The parameters of one Kuramoto–Sivashinsky problem. The solver grid has {@code nx · oversample}
     * points.
     *
     * @param a          coefficient of u u_x (any finite value)
     * @param b          coefficient of u_xx (any finite value; b &gt; 0 is the anti-diffusion that drives
     *                   the instability)
     * @param c          coefficient of u_xxxx; {@code c > 0} (fourth-order damping) is required for
     *                   well-posedness
     * @param x0         left end of the periodic interval
     * @param length     the period (&gt; 0)
     * @param nx         output points (even, ≥ 8)
     * @param oversample solver points per output point (≥ 1)
     * @param tEnd       final time (&gt; 0)
     * @param nt         output times including 0 (≥ 2)
     * @param dt         fixed step, or 0 for automatic
     * @param cfl        Courant number for automatic steps, in (0, 2.5]
     * @param dtCap      largest automatic step (&gt; 0)
     * @param u0         smooth periodic initial data
     */
    public record Params(
            double a,
            double b,
            double c,
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
         * Checks every parameter against the ranges above (c &gt; 0).
         *
         * @param a          finite
         * @param b          finite
         * @param c          &gt; 0
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
            Checks.finite("a", a);
            Checks.finite("b", b);
            Checks.positive(
                    "c (fourth-order coefficient)",
                    c,
                    "c <= 0 makes u_t = -c u_xxxx ill-posed (backward hyper-diffusion)");
            SpectralMarch.checkPeriodicGrid(x0, length, nx, oversample);
            SpectralMarch.checkTimeStepping(tEnd, nt, dt, cfl);
            Checks.positive("dtCap", dtCap, null);
            Checks.notNull("u0", u0);
        }

        /**
         * The default data set: a = b = c = 1 on [0, 32π), 1024 points,
         * u0 = cos(x/16)(1 + sin(x/16)), 251 times on [0, 100]; automatic steps at cfl 0.25, at most
         * 0.05.
         *
         * @return the default parameters
         */
        public static Params defaults() {
            return new Params(
                    1,
                    1,
                    1,
                    0,
                    32 * Math.PI,
                    1024,
                    1,
                    100,
                    251,
                    0,
                    0.25,
                    0.05,
                    new Profile("u0(x) = cos(x/16)(1 + sin(x/16))", x -> Math.cos(x / 16) * (1 + Math.sin(x / 16))));
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
            return new Params(a, b, c, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0);
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
            return new Params(a, b, c, x0, length, nx, oversample, tEnd, nt, dt, cfl, dtCap, u0);
        }
    }

    /**
     * Solves the problem; returns u at the output nodes, layout (t, x).
     *
     * @param p the parameters
     * @return u on {@code nt} t × {@code nx} x, with {@code a}, {@code b}, {@code c}, {@code x0},
     *     {@code length}, {@code tEnd} and the solver diagnostics as parameters
     * @throws IllegalArgumentException when a fixed {@code dt} breaks the Courant limit, or the spectral
     *     tail exceeds 1e-8 at an output time (grid too coarse)
     * @throws IllegalStateException when the solution becomes non-finite
     */
    public static GridField solve(Params p) {
        int n = p.nx() * p.oversample();
        Spectral1D sp = new Spectral1D(n, p.length());
        double[] xs = SpectralMarch.periodicGrid(p.x0(), p.length(), n);
        double[] k = sp.wavenumbers();
        double[] lRe = new double[sp.modes()];
        double[] lIm = new double[sp.modes()];
        for (int m = 0; m < sp.modes(); m++) {
            double k2 = k[m] * k[m];
            lRe[m] = p.b() * k2 - p.c() * k2 * k2;
        }
        SpectralMarch.StepRule rule = SpectralOps.courant(
                "kuramoto-sivashinsky",
                p.a(),
                um -> SpectralOps.effectiveK(k, lRe, p.a(), um),
                p.cfl(),
                p.dtCap(),
                p.dt());
        double[] times = SpectralMarch.linspace(0, p.tEnd(), p.nt());
        SpectralMarch.Result r = SpectralMarch.run(
                "kuramoto-sivashinsky",
                sp,
                lRe,
                lIm,
                SpectralOps.advection(sp, p.a()),
                p.u0().sample(xs),
                times,
                rule,
                1e-8);
        Map<String, Double> par = new LinkedHashMap<>();
        par.put("a", p.a());
        par.put("b", p.b());
        par.put("c", p.c());
        par.put("x0", p.x0());
        par.put("length", p.length());
        par.put("tEnd", p.tEnd());
        r.putDiagnostics(par, n);
        return new GridField(
                "kuramoto-sivashinsky",
                "u",
                List.of("t", "x"),
                List.of(times, SpectralMarch.periodicGrid(p.x0(), p.length(), p.nx())),
                SpectralMarch.physical(sp, r, p.oversample()),
                par,
                "u_t + a u u_x + b u_xx + c u_xxxx = 0, periodic; " + p.u0().description()
                        + "; Fourier pseudo-spectral + ETDRK4");
    }

    /**
     * Energy {@code E(t) = ½∫u² dx} and its predicted rate {@code b∫u_x² − c∫u_xx²} at every output
     * time, from the output rows by Parseval (exact for the resolved discrete solution).
     *
     * @param t      the output times
     * @param energy E(t_i) = ½∫u² dx at each output time
     * @param rate   the predicted dE/dt = b∫u_x² − c∫u_xx² at each output time
     */
    public record EnergyBudget(double[] t, double[] energy, double[] rate) {
        /**
         * Largest mismatch, over consecutive output-time pairs, between {@code E(t_{i+1}) − E(t_i)}
         * and the composite-Simpson integral of the rate (needs an even number of intervals per
         * {@code group} of output times), relative to {@code max E}. Needs equally spaced times.
         *
         * @param group output intervals per Simpson panel group (even, ≥ 2)
         * @return max over groups of |E(t_{s+group}) − E(t_s) − ∫rate| / max E
         * @throws IllegalArgumentException when {@code group} is odd or below 2
         */
        public double maxRelativeImbalance(int group) {
            if (group < 2 || (group & 1) == 1) {
                throw new IllegalArgumentException("group = " + group + " must be even and >= 2");
            }
            double emax = Stats.maxAbs(energy);
            double worst = 0;
            for (int s = 0; s + group < t.length; s += group) {
                double h = t[s + 1] - t[s];
                double integral = rate[s] + rate[s + group];
                for (int j = 1; j < group; j++) {
                    integral += ((j & 1) == 1 ? 4 : 2) * rate[s + j];
                }
                integral *= h / 3;
                worst = Math.max(worst, Math.abs(energy[s + group] - energy[s] - integral) / emax);
            }
            return worst;
        }
    }

    /**
     * The energy budget of a solution {@code f} (axes t, x) for the coefficients b and c.
     *
     * @param f a solution on a periodic x grid (even length) with a recorded {@code length} parameter,
     *     as {@link #solve} returns it
     * @param b the coefficient of u_xx
     * @param c the coefficient of u_xxxx
     * @return the energy and its predicted rate at every output time
     * @throws IllegalArgumentException when {@code f} has no t or x axis or no {@code length} parameter
     */
    public static EnergyBudget energyBudget(GridField f, double b, double c) {
        double[] t = f.axis("t");
        double[] x = f.axis("x");
        int nx = x.length;
        double length = f.parameter("length");
        Spectral1D sp = new Spectral1D(nx, length);
        double[] re = new double[sp.modes()];
        double[] im = new double[sp.modes()];
        double[] row = new double[nx];
        double[] e = new double[t.length];
        double[] rate = new double[t.length];
        double[] raw = f.raw();
        for (int i = 0; i < t.length; i++) {
            System.arraycopy(raw, i * nx, row, 0, nx);
            sp.forward(row, re, im);
            double e0 = 0;
            double e1 = 0;
            double e2 = 0;
            for (int m = 0; m < sp.modes(); m++) {
                double w = (m == 0 || m == sp.modes() - 1) ? 1 : 2; // conjugate modes counted twice
                double pw = w * (re[m] * re[m] + im[m] * im[m]);
                double k2 = sp.k(m) * sp.k(m);
                e0 += pw;
                e1 += pw * k2;
                e2 += pw * k2 * k2;
            }
            double scale = length / ((double) nx * nx); // Parseval: ∫u² = (L/n²) Σ|c|²
            e[i] = 0.5 * e0 * scale;
            rate[i] = (b * e1 - c * e2) * scale;
        }
        return new EnergyBudget(t, e, rate);
    }
}
