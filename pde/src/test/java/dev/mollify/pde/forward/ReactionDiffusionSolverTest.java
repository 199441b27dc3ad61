package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReactionDiffusionSolverTest {
    private static final ReactionDiffusionSolver.Params DEFAULTS = ReactionDiffusionSolver.Params.defaults();

    @Test
    void twoFieldsOnOneGrid() {
        List<GridField> f = ReactionDiffusionSolver.solve(DEFAULTS);
        assertEquals(2, f.size());
        assertEquals("u", f.get(0).valueName());
        assertEquals("v", f.get(1).valueName());
        for (GridField g : f) {
            assertEquals(List.of("t", "x"), g.axisNames());
            assertEquals(101, g.axis("t").length);
            assertEquals(256, g.axis("x").length);
            assertEquals(3.0, g.axis("t")[100]);
            assertEquals(-1.0, g.axis("x")[0]);
        }
    }

    @Test
    void withoutReactionEachFieldDecaysLikeTheHeatEquation() {
        double d = 0.01;
        ReactionDiffusionSolver.Params p = DEFAULTS.withCoefficients(d, 0)
                .withInitial(
                        new Profile("1 + 0.3 sin(pi x)", x -> 1 + 0.3 * Math.sin(Math.PI * x)),
                        new Profile("0.5 + 0.2 cos(2 pi x)", x -> 0.5 + 0.2 * Math.cos(2 * Math.PI * x)));
        List<GridField> f = ReactionDiffusionSolver.solve(p);
        double a = d * Math.PI * Math.PI;
        assertMatches(f.get(0), (tx) -> 1 + 0.3 * Math.exp(-a * tx[0]) * Math.sin(Math.PI * tx[1]), 1e-10);
        assertMatches(f.get(1), (tx) -> 0.5 + 0.2 * Math.exp(-4 * a * tx[0]) * Math.cos(2 * Math.PI * tx[1]), 1e-10);
    }

    @Test
    void uMinusHalfVFollowsTheHeatEquationOnTheDefaultData() {
        List<GridField> f = ReactionDiffusionSolver.solve(DEFAULTS);
        double a = DEFAULTS.diffusion() * Math.PI * Math.PI;
        double[] u = f.get(0).values();
        double[] v = f.get(1).values();
        double[] w = new double[u.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = u[i] - v[i] / 2;
        }
        GridField g = new GridField("w", "w", f.get(0).axisNames(), f.get(0).axes(), w, java.util.Map.of(), "");
        assertMatches(
                g,
                tx -> 0.8
                        + 0.5 * Math.exp(-a * tx[0]) * Math.sin(Math.PI * tx[1])
                        - 0.15 * Math.exp(-4 * a * tx[0]) * Math.cos(2 * Math.PI * tx[1]),
                1e-10);
    }

    @Test
    void spatiallyConstantDataFollowTheReactionOde() {
        double k = 1.5;
        double u0 = 1.2;
        double v0 = 0.8;
        // D > 0 is required, but u_xx = v_xx = 0 for constant data: only the reaction acts
        ReactionDiffusionSolver.Params p = DEFAULTS.withCoefficients(0.01, k)
                .withGrid(8, 1)
                .withTime(3, 101, 0, 0.001)
                .withInitial(new Profile("u0 = 1.2", x -> u0), new Profile("v0 = 0.8", x -> v0));
        List<GridField> f = ReactionDiffusionSolver.solve(p);
        double[] t = f.get(0).axis("t");
        double[] u = f.get(0).values();
        double[] v = f.get(1).values();
        int nx = 8;
        double[] ode = {u0, v0};
        double h = 1e-4;
        for (int i = 0; i < t.length; i++) {
            if (i > 0) {
                int steps = (int) Math.round((t[i] - t[i - 1]) / h);
                for (int s = 0; s < steps; s++) {
                    ode = rk4(ode, k, (t[i] - t[i - 1]) / steps);
                }
            }
            for (int j = 0; j < nx; j++) {
                double uij = u[i * nx + j];
                double vij = v[i * nx + j];
                assertEquals(u0 - v0 / 2, uij - vij / 2, 1e-10, "u - v/2 at t = " + t[i]);
                assertEquals(ode[1], vij, 1e-10, "v at t = " + t[i]);
                assertEquals(ode[0], uij, 1e-10, "u at t = " + t[i]);
            }
        }
        assertTrue(ode[1] < 0.5 * v0, "the reaction acts: v(T) = " + ode[1]);
    }

    @Test
    void fourthOrderInTime() {
        ReactionDiffusionSolver.Params p = DEFAULTS.withGrid(128, 1);
        List<GridField> ref = ReactionDiffusionSolver.solve(p.withTime(3, 4, 0.005, 0.01));
        for (int field = 0; field < 2; field++) {
            double[] e = new double[3];
            for (int i = 0; i < 3; i++) {
                List<GridField> g = ReactionDiffusionSolver.solve(p.withTime(3, 4, 0.2 / (1 << i), 0.01));
                e[i] = Stats.relL2(g.get(field).values(), ref.get(field).values());
            }
            OrderCheck.assertOrder(4, 0.4, e);
        }
    }

    @Test
    void defaultDataSetAgainstRefinedReference() {
        List<GridField> g = ReactionDiffusionSolver.solve(DEFAULTS);
        List<GridField> ref =
                ReactionDiffusionSolver.solve(DEFAULTS.withGrid(256, 2).withTime(3, 101, 0, 0.001));
        for (int field = 0; field < 2; field++) {
            double err = Stats.relL2(g.get(field).values(), ref.get(field).values());
            assertTrue(err < 1e-7, g.get(field).valueName() + ": relative L2 error " + err);
        }
    }

    @Test
    void rejectsBadParameters() {
        assertNames("diffusion D", () -> DEFAULTS.withCoefficients(0, 1));
        assertNames("diffusion D", () -> DEFAULTS.withCoefficients(-1e-3, 1));
        assertNames("rate k", () -> DEFAULTS.withCoefficients(0.01, -1));
        assertNames("rate k", () -> DEFAULTS.withCoefficients(0.01, Double.NaN));
        assertNames("nx", () -> DEFAULTS.withGrid(255, 1));
        assertNames("oversample", () -> DEFAULTS.withGrid(256, 0));
        assertNames("tEnd", () -> DEFAULTS.withTime(0, 101, 0, 0.01));
        assertNames("nt", () -> DEFAULTS.withTime(3, 1, 0, 0.01));
        assertNames("dtCap", () -> DEFAULTS.withTime(3, 101, 0, 0));
        assertNames("v0", () -> DEFAULTS.withInitial(DEFAULTS.u0(), null));
        assertNames("dt = 2.0", () -> ReactionDiffusionSolver.solve(DEFAULTS.withTime(3, 2, 2.0, 0.01)));
    }

    private static void assertNames(String name, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    private static void assertMatches(GridField g, Function<double[], Double> exact, double tol) {
        double[] t = g.axis("t");
        double[] x = g.axis("x");
        double[] v = g.values();
        double worst = 0;
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < x.length; j++) {
                worst = Math.max(worst, Math.abs(v[i * x.length + j] - exact.apply(new double[] {t[i], x[j]})));
            }
        }
        assertTrue(worst < tol, g.valueName() + ": max error " + worst);
    }

    /** One classical RK4 step of u' = −k u v², v' = −2k u v². */
    private static double[] rk4(double[] y, double k, double h) {
        double[] k1 = rhs(y, k);
        double[] k2 = rhs(new double[] {y[0] + h / 2 * k1[0], y[1] + h / 2 * k1[1]}, k);
        double[] k3 = rhs(new double[] {y[0] + h / 2 * k2[0], y[1] + h / 2 * k2[1]}, k);
        double[] k4 = rhs(new double[] {y[0] + h * k3[0], y[1] + h * k3[1]}, k);
        return new double[] {
            y[0] + h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]),
            y[1] + h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
        };
    }

    private static double[] rhs(double[] y, double k) {
        double r = -k * y[0] * y[1] * y[1];
        return new double[] {r, 2 * r};
    }
}
