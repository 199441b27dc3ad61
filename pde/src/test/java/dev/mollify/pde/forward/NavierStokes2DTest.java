package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link NavierStokes2D} against the Taylor–Green vortex, its orders in time and space on a nonlinear
 * flow, and the momentum equations on the wake data. Measured (JDK 17):
 * <pre>
 *   Taylor–Green, 32², t ≤ 1: max error of u, v, ω/2k, p (l₁ = 1 and 0.5)      ≤ 1.3e-15
 *   nonlinear flow, 32², dt = 0.04, 0.02, 0.01 vs 0.0025                         1.1e-7, 6.4e-9, 4.0e-10 (orders 4.04, 4.02)
 *   nonlinear flow, n = 16, 32, 48 vs 96                                         1.6e-3, 2.2e-6, 2.5e-9
 *   default wake at t = 4, window [6,10]×[2,6]: momentum residual / max|u_t|     8.3e-5 (u_t by differences of the output)
 *     |u_x + v_y| / max(|u_x| + |v_y|), |w − (v_x − u_y)|                        4e-15, 1.4e-14
 *     residual inside the disc (the penalisation force)                          1.5
 * </pre>
 */
class NavierStokes2DTest {
    private static final double TWO_PI = 2 * Math.PI;

    /** ω = 2k cos kx cos ky e^{−2k²νt}: u = −cos kx sin ky F, v = sin kx cos ky F, p = −(l₁/4)(cos 2kx + cos 2ky) F². */
    @Test
    void taylorGreenMatchesTheExactVelocityVorticityAndPressure() {
        for (double l1 : new double[] {1, 0.5}) {
            double k = 2;
            double nu = 0.05;
            NavierStokes2D.Params p = NavierStokes2D.Params.periodic(
                    l1,
                    nu,
                    TWO_PI,
                    TWO_PI,
                    32,
                    32,
                    1,
                    5,
                    0,
                    new Profile2D("taylor-green", (x, y) -> 2 * k * Math.cos(k * x) * Math.cos(k * y)));
            NavierStokes2D.Result r = NavierStokes2D.solve(p);
            double[] xs = r.u().axis("x");
            double[] ys = r.u().axis("y");
            double[] ts = r.u().axis("t");
            double err = 0;
            int n = 0;
            for (double t : ts)
                for (double y : ys)
                    for (double x : xs) {
                        double f = Math.exp(-2 * k * k * nu * t);
                        double u = -Math.cos(k * x) * Math.sin(k * y) * f;
                        double v = Math.sin(k * x) * Math.cos(k * y) * f;
                        double w = 2 * k * Math.cos(k * x) * Math.cos(k * y) * f;
                        double pr = -l1 / 4 * (Math.cos(2 * k * x) + Math.cos(2 * k * y)) * f * f;
                        err = Math.max(err, Math.abs(r.u().get(n) - u));
                        err = Math.max(err, Math.abs(r.v().get(n) - v));
                        err = Math.max(err, Math.abs(r.w().get(n) - w) / (2 * k));
                        err = Math.max(err, Math.abs(r.p().get(n) - pr));
                        n++;
                    }
            assertTrue(err < 1e-12, "l1 = " + l1 + ": max error " + err);
        }
    }

    /** A flow whose advection does not vanish (unlike Taylor–Green's). */
    private static final Profile2D SHEARED = new Profile2D(
            "2 cos x cos y + 0.8 sin(2x + 0.5) + 0.6 cos(x + 2y)",
            (x, y) -> 2 * Math.cos(x) * Math.cos(y) + 0.8 * Math.sin(2 * x + 0.5) + 0.6 * Math.cos(x + 2 * y));

    private static NavierStokes2D.Result sheared(int n, double dt, int stride, double nu, double tEnd) {
        NavierStokes2D.Params p = NavierStokes2D.Params.periodic(1, nu, TWO_PI, TWO_PI, n, n, tEnd, 2, dt, SHEARED)
                .withWindow(0, TWO_PI, 0, TWO_PI, stride)
                .withResidualLimit(1);
        return NavierStokes2D.solve(p);
    }

    private static double maxDifferenceAtTheEnd(NavierStokes2D.Result a, NavierStokes2D.Result b) {
        int cells = a.u().shape()[1] * a.u().shape()[2];
        assertEquals(cells, b.u().shape()[1] * b.u().shape()[2]);
        double e = 0;
        for (int i = a.u().size() - cells; i < a.u().size(); i++)
            e = Math.max(e, Math.max(Math.abs(a.u().get(i) - b.u().get(i)), Math.abs(a.v().get(i) - b.v().get(i))));
        return e;
    }

    @Test
    void timeOrderIsFour() {
        NavierStokes2D.Result ref = sheared(32, 0.0025, 1, 0.02, 2);
        double[] e = new double[3];
        double dt = 0.04;
        for (int i = 0; i < 3; i++, dt /= 2) e[i] = maxDifferenceAtTheEnd(sheared(32, dt, 1, 0.02, 2), ref);
        OrderCheck.assertOrder(4, 0.4, e);
        assertTrue(e[2] < 1e-7, OrderCheck.describe(e));
    }

    @Test
    void spectralInSpace() {
        NavierStokes2D.Result ref = sheared(96, 0.01, 6, 0.1, 1);
        int[] ns = {16, 32, 48};
        double[] e = new double[ns.length];
        for (int i = 0; i < ns.length; i++) e[i] = maxDifferenceAtTheEnd(sheared(ns[i], 0.01, ns[i] / 16, 0.1, 1), ref);
        // exponential convergence: each step of 16 points gains more than the last
        assertTrue(e[0] > e[1] && e[1] > e[2], OrderCheck.describe(e));
        assertTrue(e[1] / e[2] > e[0] / e[1] * 0.5 && e[0] / e[1] > 1e2, OrderCheck.describe(e));
        assertTrue(e[2] < 1e-8, OrderCheck.describe(e));
    }

    /** The default wake (256 × 128, Re = 100) early on, t = 4…4.08 in 5 snapshots, the whole box as the window. */
    private static NavierStokes2D.Result shortWake() {
        return NavierStokes2D.solve(NavierStokes2D.Params.defaults()
                .withTime(4, 4.08, 5, 0)
                .withWindow(0, 16, 0, 8, 1)
                .withResidualLimit(1e300));
    }

    /** Spectral ∂/∂x or ∂/∂y (axis "x" or "y") of snapshot {@code it} of a whole-box field. */
    private static double[] derivative(GridField f, int it, String axis, int order) {
        int ny = f.shape()[1];
        int nx = f.shape()[2];
        Spectral2D sp = new Spectral2D(nx, ny, 16, 8);
        double[] re = new double[sp.modes()];
        double[] im = new double[sp.modes()];
        double[] snap = new double[nx * ny];
        System.arraycopy(f.values(), it * nx * ny, snap, 0, nx * ny);
        sp.forward(snap, re, im);
        double[] k = axis.equals("x") ? sp.kx() : sp.ky();
        for (int o = 0; o < order; o++) Spectral2D.derivative(k, re, im, re, im);
        double[] out = new double[nx * ny];
        sp.inverse(re, im, out);
        return out;
    }

    @Test
    void wakeMomentumResidualIsSmallInTheWindow() {
        NavierStokes2D.Result r = shortWake();
        GridField u = r.u();
        GridField v = r.v();
        int ny = u.shape()[1];
        int nx = u.shape()[2];
        int cells = nx * ny;
        double h = 0.02;
        int mid = 2;
        double[] xs = u.axis("x");
        double[] ys = u.axis("y");
        double[] ux = derivative(u, mid, "x", 1), uy = derivative(u, mid, "y", 1);
        double[] vx = derivative(v, mid, "x", 1), vy = derivative(v, mid, "y", 1);
        double[] lapU = add(derivative(u, mid, "x", 2), derivative(u, mid, "y", 2));
        double[] lapV = add(derivative(v, mid, "x", 2), derivative(v, mid, "y", 2));
        double[] px = derivative(r.p(), mid, "x", 1), py = derivative(r.p(), mid, "y", 1);
        double windowResidual = 0;
        double discResidual = 0;
        double utMax = 0;
        double divergence = 0;
        double velocityGradient = 0;
        double vorticity = 0;
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++) {
                int g = j * nx + i;
                int c = mid * cells + g;
                double ut = timeDerivative(u, c, cells, h);
                double vt = timeDerivative(v, c, cells, h);
                double uu = u.get(c);
                double vv = v.get(c);
                double rx = ut + uu * ux[g] + vv * uy[g] + px[g] - 0.01 * lapU[g];
                double ry = vt + uu * vx[g] + vv * vy[g] + py[g] - 0.01 * lapV[g];
                double res = Math.max(Math.abs(rx), Math.abs(ry));
                divergence = Math.max(divergence, Math.abs(ux[g] + vy[g]));
                velocityGradient = Math.max(velocityGradient, Math.abs(ux[g]) + Math.abs(vy[g]));
                vorticity = Math.max(vorticity, Math.abs(r.w().get(c) - (vx[g] - uy[g])));
                double dx = xs[i] - 3, dy = ys[j] - 4;
                if (dx * dx + dy * dy < 0.16) discResidual = Math.max(discResidual, res);
                if (xs[i] >= 6 && xs[i] <= 10 && ys[j] >= 2 && ys[j] <= 6) {
                    windowResidual = Math.max(windowResidual, res);
                    utMax = Math.max(utMax, Math.max(Math.abs(ut), Math.abs(vt)));
                }
            }
        String report = String.format(
                "window residual %.2e of max|u_t| %.3f, inside the disc %.2e; |div u| %.1e of |u_x|+|v_y| %.2f;"
                        + " |w - (v_x - u_y)| %.1e; solver.residual %.2e",
                windowResidual / utMax,
                utMax,
                discResidual,
                divergence,
                velocityGradient,
                vorticity,
                u.parameter("solver.residual"));
        assertTrue(windowResidual / utMax < 2e-4, report);
        assertTrue(discResidual > 100 * windowResidual, report + " (the check must see the disc's forcing)");
        assertTrue(divergence < 1e-12 * velocityGradient, report);
        assertTrue(vorticity < 1e-12, report);
    }

    /** Fourth-order central difference in time at flat index {@code c} (snapshots {@code cells} apart). */
    private static double timeDerivative(GridField f, int c, int cells, double h) {
        return (-f.get(c + 2 * cells) + 8 * f.get(c + cells) - 8 * f.get(c - cells) + f.get(c - 2 * cells)) / (12 * h);
    }

    private static double[] add(double[] a, double[] b) {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) s[i] = a[i] + b[i];
        return s;
    }

    @Test
    void theDefaultWindowIsFreeOfForcing() {
        NavierStokes2D.Params d = NavierStokes2D.Params.defaults();
        double h = d.lengthX() / d.nx();
        double worst = 0;
        for (double x = d.windowX0(); x <= d.windowX1() + 1e-9; x += h)
            for (double y = d.windowY0(); y <= d.windowY1() + 1e-9; y += h)
                worst = Math.max(
                        worst,
                        NavierStokes2D.discMask(d, x, y) / d.eta() + d.spongeStrength() * NavierStokes2D.fringe(d, x));
        assertTrue(worst < 3e-7, "max chi/eta + sigma in the window: " + worst);
        assertEquals(1, NavierStokes2D.fringe(d, 14), 1e-15);
        assertEquals(0, NavierStokes2D.fringe(d, d.spongeStart() - 1e-9));
        assertEquals(0.5, NavierStokes2D.discMask(d, d.discX() + d.radius(), d.discY()), 1e-15);
    }

    @Test
    void badSettingsAreRefusedWithTheFix() {
        NavierStokes2D.Params d = NavierStokes2D.Params.defaults();
        IllegalArgumentException viscosity = assertThrows(
                IllegalArgumentException.class,
                () -> NavierStokes2D.Params.periodic(1, 0, TWO_PI, TWO_PI, 16, 16, 1, 2, 0, SHEARED));
        assertTrue(viscosity.getMessage().contains("viscosity l2 = 0.0 must be > 0"), viscosity.getMessage());
        NavierStokes2D.Params small =
                NavierStokes2D.Params.periodic(1, 0.1, TWO_PI, TWO_PI, 16, 16, 0.5, 2, 0, SHEARED);
        IllegalArgumentException window = assertThrows(
                IllegalArgumentException.class, () -> NavierStokes2D.solve(small.withWindow(7, 8, 0, 1, 1)));
        assertTrue(window.getMessage().contains("holds no grid node; widen it"), window.getMessage());
        IllegalArgumentException step = assertThrows(
                IllegalArgumentException.class, () -> NavierStokes2D.solve(small.withTime(0, 0.5, 2, 0.5)));
        assertTrue(
                step.getMessage().contains("is unstable") && step.getMessage().contains("use dt <="),
                step.getMessage());
        IllegalArgumentException fringe = assertThrows(
                IllegalArgumentException.class,
                () -> new NavierStokes2D.Params(
                        1,
                        0.01,
                        1,
                        16,
                        8,
                        64,
                        32,
                        3,
                        4,
                        0.5,
                        0.1,
                        0.01,
                        15,
                        1.5,
                        0.75,
                        3,
                        1,
                        2,
                        3,
                        0,
                        1,
                        6,
                        10,
                        2,
                        6,
                        1,
                        1,
                        d.omega0()));
        assertTrue(fringe.getMessage().contains("lower spongeStart"), fringe.getMessage());
    }
}
