package dev.mollify.pde.forward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heat equation {@code u_t = D u_xx} on [0, L] with {@code u(0,t) = u(L,t) = 0}.
 *
 * <p>Method: fourth-order central differences in space, {@code (−u_{j−2} + 16u_{j−1} − 30u_j
 * + 16u_{j+1} − u_{j+2}) / 12h²}, with odd-reflection ghost values {@code u_{−1} = −u_1},
 * {@code u_{n+1} = −u_{n−1}} (exact for the Dirichlet problem, whose solution is odd about both
 * ends), and classical RK4 in time. Step limit: the stencil's largest eigenvalue is
 * {@code 16/(3h²)}·D and RK4 is stable up to 2.78 on the negative axis, so
 * {@code dt ≤ 0.52 h²/D}; automatic steps use {@code dt = cfl · h²/D}. Order: 4 in h, 4 in dt.
 *
 * <p>Exact series for the checks: initial data {@code u0 = a sin(πx/L) / (1 − 2a cos(πx/L) + a²)}
 * has sine coefficients {@code aⁿ} (Poisson kernel), so
 * {@code u = Σ aⁿ sin(nπx/L) exp(−D(nπ/L)² t)} ({@link #exact}).
 *
 * <p>Default data set: {@code D = 0.1, L = 1, a = 0.5}, 256 x × 101 t on [0, 1]; layout [t][x].
 */
public final class HeatSolver {
    /** Largest {@code dt·D/h²} for which RK4 with this stencil is stable. */
    public static final double STABILITY_LIMIT = 2.785 * 3 / 16;

    private HeatSolver() {}

    /**
     * The parameters of one heat problem. The solver grid has {@code (nx − 1)·refine} intervals of
     * width h = L / ((nx − 1)·refine); the output keeps every {@code refine}-th node.
     *
     * @param diffusion D (&gt; 0), in length²/time
     * @param length    L (&gt; 0)
     * @param nx        output points including both ends (≥ 5)
     * @param refine    solver intervals per output interval (≥ 1)
     * @param tEnd      final time (&gt; 0)
     * @param nt        output times, equally spaced on [0, tEnd], including 0 (≥ 2)
     * @param dt        fixed step or 0 for automatic ({@code cfl · h²/D})
     * @param cfl       {@code dt·D/h²} for automatic steps, ≤ {@link #STABILITY_LIMIT}
     * @param u0        initial data with {@code u0(0) = u0(L) = 0}
     */
    public record Params(
            double diffusion,
            double length,
            int nx,
            int refine,
            double tEnd,
            int nt,
            double dt,
            double cfl,
            Profile u0) {
        /**
         * Checks every parameter against the ranges above and that {@code cfl ≤} {@link #STABILITY_LIMIT}.
         *
         * @param diffusion D, &gt; 0 (D &lt; 0 is the ill-posed backward heat equation)
         * @param length    L, &gt; 0
         * @param nx        output points, ≥ 5
         * @param refine    solver intervals per output interval, ≥ 1
         * @param tEnd      final time, &gt; 0
         * @param nt        output times, ≥ 2
         * @param dt        fixed step ≥ 0, 0 for automatic
         * @param cfl       {@code dt·D/h²} for automatic steps, in (0, STABILITY_LIMIT]
         * @param u0        initial data, not null
         * @throws IllegalArgumentException naming the first parameter out of its range
         */
        public Params {
            Checks.positive("diffusion D", diffusion, "D < 0 is the backward heat equation, which is ill-posed");
            Checks.positive("length", length, null);
            Checks.atLeast("nx", nx, 5, null);
            Checks.atLeast("refine", refine, 1, null);
            Checks.positive("tEnd", tEnd, null);
            Checks.atLeast("nt", nt, 2, null);
            Checks.nonNegative("dt", dt, "0 = automatic");
            Checks.positive("cfl", cfl, null);
            if (cfl > STABILITY_LIMIT) {
                throw new IllegalArgumentException(
                        "cfl = " + cfl + " must be <= " + STABILITY_LIMIT + " (RK4 stability)");
            }
            Checks.notNull("u0", u0);
        }

        /**
         * The default data set: D = 0.1, L = 1, a = 0.5, 256 x × 101 t on [0, 1], automatic steps at
         * cfl 0.4.
         *
         * @return the default parameters, with {@link #poissonProfile poissonProfile(0.5, 1)} as u0
         */
        public static Params defaults() {
            return new Params(0.1, 1, 256, 1, 1, 101, 0, 0.4, poissonProfile(0.5, 1));
        }

        /**
         * These parameters with another output grid and refinement.
         *
         * @param nx     output points including both ends (≥ 5)
         * @param refine solver intervals per output interval (≥ 1)
         * @return a copy with {@code nx} and {@code refine} replaced
         * @throws IllegalArgumentException when a value is out of range
         */
        public Params withGrid(int nx, int refine) {
            return new Params(diffusion, length, nx, refine, tEnd, nt, dt, cfl, u0);
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
            return new Params(diffusion, length, nx, refine, tEnd, nt, dt, cfl, u0);
        }

        /**
         * These parameters with another diffusion D.
         *
         * @param d the diffusion D (&gt; 0)
         * @return a copy with D replaced
         * @throws IllegalArgumentException when {@code d} is not positive and finite
         */
        public Params withDiffusion(double d) {
            return new Params(d, length, nx, refine, tEnd, nt, dt, cfl, u0);
        }
    }

    /**
     * {@code a sin(πx/L) / (1 − 2a cos(πx/L) + a²)}, {@code |a| < 1}: sine coefficients {@code aⁿ}, so
     * the profile is Σ aⁿ sin(nπx/L) and vanishes at both ends.
     *
     * @param a      the Poisson-kernel parameter, |a| &lt; 1; larger |a| gives a steeper profile
     * @param length L, the interval [0, L]
     * @return the profile, with its formula and {@code a} in the description
     * @throws IllegalArgumentException when |a| ≥ 1 (or a is NaN)
     */
    public static Profile poissonProfile(double a, double length) {
        if (!(Math.abs(a) < 1)) {
            throw new IllegalArgumentException("a = " + a + " must satisfy |a| < 1");
        }
        return new Profile("u0(x) = a sin(pi x/L)/(1 - 2a cos(pi x/L) + a^2), a = " + a, x -> {
            double th = Math.PI * x / length;
            return a * Math.sin(th) / (1 - 2 * a * Math.cos(th) + a * a);
        });
    }

    /**
     * Exact series for {@link #poissonProfile} data, summed until {@code |a|ⁿ < 1e-18}:
     * u(x, t) = Σ_{n≥1} aⁿ sin(nπx/L) exp(−D(nπ/L)² t).
     *
     * @param a         the profile's parameter, |a| &lt; 1 (else the sum does not end)
     * @param diffusion D
     * @param length    L
     * @param x         the position in [0, L]
     * @param t         the time, ≥ 0
     * @return u(x, t)
     */
    public static double exact(double a, double diffusion, double length, double x, double t) {
        double s = 0;
        double an = a;
        for (int n = 1; Math.abs(an) > 1e-18; n++, an *= a) {
            double k = n * Math.PI / length;
            s += an * Math.sin(k * x) * Math.exp(-diffusion * k * k * t);
        }
        return s;
    }

    /**
     * The default data set (D = 0.1, a = 0.5 on [0, 1]²) without noise, at {@code nx} x × {@code nt} t
     * output nodes, layout (t, x). The solver keeps at least 256 intervals in x:
     * {@code refine = max(1, 256 / (nx − 1))}.
     *
     * @param nx output points in x including both ends (≥ 5)
     * @param nt output times on [0, 1] including 0 (≥ 2)
     * @return the solution field, as {@link #solve} returns it
     * @throws IllegalArgumentException when {@code nx < 5} or {@code nt < 2}
     */
    public static GridField defaultData(int nx, int nt) {
        Checks.atLeast("nx", nx, 5, null);
        return solve(Params.defaults().withGrid(nx, Math.max(1, 256 / (nx - 1))).withTime(1, nt, 0));
    }

    /**
     * Solves the problem; returns u at the output nodes, layout (t, x), with D, L, tEnd and solver
     * diagnostics as parameters. Each output interval is split into the fewest equal RK4 steps no
     * longer than the wanted dt.
     *
     * @param p the parameters
     * @return u on {@code nt} t × {@code nx} x, with parameters {@code D}, {@code length},
     *     {@code tEnd}, {@code solver.intervals} and {@code solver.steps}
     * @throws IllegalArgumentException when a fixed {@code dt} exceeds the RK4 limit
     *     {@code STABILITY_LIMIT·h²/D}, or u0 does not vanish at x = 0 and x = L
     * @throws IllegalStateException when the solution becomes non-finite
     */
    public static GridField solve(Params p) {
        int n = (p.nx() - 1) * p.refine(); // intervals
        double h = p.length() / n;
        double lim = STABILITY_LIMIT * h * h / p.diffusion();
        if (p.dt() > lim) {
            throw new IllegalArgumentException("heat: dt = " + p.dt() + " is unstable: dt*D/h^2 = "
                    + String.format("%.3g", p.dt() * p.diffusion() / (h * h)) + " exceeds "
                    + String.format("%.3f", STABILITY_LIMIT)
                    + " for explicit RK4 with h = " + h + "; use dt <= " + String.format("%.3g", lim) + " or dt = 0");
        }
        double u0l = p.u0().at(0);
        double u0r = p.u0().at(p.length());
        if (Math.abs(u0l) > 1e-12 || Math.abs(u0r) > 1e-12) {
            throw new IllegalArgumentException(
                    "u0 must vanish at x = 0 and x = L (Dirichlet); got " + u0l + ", " + u0r);
        }
        double dtWant = p.dt() > 0 ? p.dt() : p.cfl() * h * h / p.diffusion();
        double[] times = SpectralMarch.linspace(0, p.tEnd(), p.nt());
        double[] x = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            x[j] = p.length() * j / n;
        }
        double[] u = p.u0().sample(x);
        u[0] = 0;
        u[n] = 0;
        double[] values = new double[p.nt() * p.nx()];
        copyOut(u, values, 0, p.nx(), p.refine());
        double[] k1 = new double[n + 1];
        double[] k2 = new double[n + 1];
        double[] k3 = new double[n + 1];
        double[] k4 = new double[n + 1];
        double[] tmp = new double[n + 1];
        double c = p.diffusion() / (12 * h * h);
        long steps = 0;
        for (int i = 1; i < p.nt(); i++) {
            double span = times[i] - times[i - 1];
            int k = Math.max(1, (int) Math.ceil(span / dtWant - 1e-9));
            double dt = span / k;
            for (int s = 0; s < k; s++) {
                rhs(u, k1, c, n);
                axpy(u, dt / 2, k1, tmp);
                rhs(tmp, k2, c, n);
                axpy(u, dt / 2, k2, tmp);
                rhs(tmp, k3, c, n);
                axpy(u, dt, k3, tmp);
                rhs(tmp, k4, c, n);
                for (int j = 1; j < n; j++) {
                    u[j] += dt / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
                }
            }
            steps += k;
            Checks.requireFiniteField("heat solution", u, times[i]);
            copyOut(u, values, i, p.nx(), p.refine());
        }
        Map<String, Double> par = new LinkedHashMap<>();
        par.put("D", p.diffusion());
        par.put("length", p.length());
        par.put("tEnd", p.tEnd());
        par.put("solver.intervals", (double) n);
        par.put("solver.steps", (double) steps);
        return new GridField(
                "heat",
                "u",
                List.of("t", "x"),
                List.of(times, SpectralMarch.linspace(0, p.length(), p.nx())),
                values,
                par,
                "u_t = D u_xx, u(0,t) = u(L,t) = 0; " + p.u0().description() + "; 4th-order finite differences + RK4");
    }

    private static void copyOut(double[] u, double[] values, int row, int nx, int refine) {
        for (int j = 0; j < nx; j++) {
            values[row * nx + j] = u[j * refine];
        }
    }

    private static void axpy(double[] u, double a, double[] k, double[] out) {
        for (int j = 0; j < u.length; j++) {
            out[j] = u[j] + a * k[j];
        }
    }

    /** D u_xx at interior points, 4th order with odd ghosts; boundary rates are 0. */
    private static void rhs(double[] u, double[] out, double c, int n) {
        out[0] = 0;
        out[n] = 0;
        for (int j = 1; j < n; j++) {
            double um2 = j >= 2 ? u[j - 2] : -u[2 - j];
            double up2 = j + 2 <= n ? u[j + 2] : -u[2 * n - j - 2];
            out[j] = c * (-um2 + 16 * u[j - 1] - 30 * u[j] + 16 * u[j + 1] - up2);
        }
    }
}
