package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeatSolverTest {
    static double[] exact(GridField g, double a, double d, double len) {
        double[] x = g.axis("x");
        double[] t = g.axis("t");
        double[] e = new double[g.size()];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < x.length; j++) {
                e[i * x.length + j] = HeatSolver.exact(a, d, len, x[j], t[i]);
            }
        }
        return e;
    }

    @Test
    void exactSeriesMatchesItsInitialProfile() {
        Profile u0 = HeatSolver.poissonProfile(0.5, 1);
        for (double x = 0; x <= 1; x += 0.05) {
            assertEquals(u0.at(x), HeatSolver.exact(0.5, 0.1, 1, x, 0), 1e-14);
        }
    }

    @Test
    void defaultDataSetMatchesExactSeries() {
        GridField g = HeatSolver.solve(HeatSolver.Params.defaults());
        double err = Stats.relL2(g.values(), exact(g, 0.5, 0.1, 1));
        assertTrue(err < 1e-6, "relative L2 error " + err); // measured 3.2e-9
        assertEquals(101, g.shape()[0]);
        assertEquals(256, g.shape()[1]);
    }

    @Test
    void defaultDataAtAnyGridMatchesExactSeries() {
        GridField g = HeatSolver.defaultData(17, 9);
        assertEquals(9, g.shape()[0]);
        assertEquals(17, g.shape()[1]);
        assertEquals(256, g.parameters().get("solver.intervals")); // refine 16 keeps the solver grid fine
        double err = Stats.relL2(g.values(), exact(g, 0.5, 0.1, 1));
        assertTrue(err < 1e-6, "relative L2 error " + err);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeatSolver.defaultData(1, 9));
        assertTrue(e.getMessage().contains("nx"), e.getMessage());
    }

    @Test
    void fourthOrderInSpace() {
        HeatSolver.Params p = HeatSolver.Params.defaults();
        double[] e = new double[3];
        int[] nx = {17, 33, 65};
        for (int i = 0; i < 3; i++) { // dt = cfl h^2 / D shrinks with h^2: time error negligible
            GridField g = HeatSolver.solve(p.withGrid(nx[i], 1).withTime(0.2, 11, 0));
            e[i] = Stats.relL2(g.values(), exact(g, 0.5, 0.1, 1));
        }
        OrderCheck.assertOrder(4, 0.3, e); // measured 3.92, 3.98
    }

    @Test
    void fourthOrderInTime() {
        HeatSolver.Params p = HeatSolver.Params.defaults().withGrid(17, 1).withTime(0.2, 3, 0);
        GridField ref = HeatSolver.solve(new HeatSolver.Params(0.1, 1, 17, 1, 0.2, 3, 0, 0.01, p.u0()));
        double h = 1.0 / 16;
        double lim = HeatSolver.STABILITY_LIMIT * h * h / 0.1;
        double[] e = new double[3];
        for (int i = 0; i < 3; i++) {
            GridField g = HeatSolver.solve(p.withTime(0.2, 3, lim * 0.9 / (1 << i)));
            e[i] = Stats.relL2(g.values(), ref.values());
        }
        OrderCheck.assertOrder(4, 0.3, e); // measured 3.84, 4.18
    }

    @Test
    void rejectsBadParameters() {
        IllegalArgumentException neg = assertThrows(
                IllegalArgumentException.class,
                () -> HeatSolver.Params.defaults().withDiffusion(-0.1));
        assertTrue(neg.getMessage().contains("diffusion D"), neg.getMessage());
        IllegalArgumentException dt = assertThrows(
                IllegalArgumentException.class,
                () -> HeatSolver.solve(HeatSolver.Params.defaults().withTime(1, 11, 0.01)));
        assertTrue(dt.getMessage().contains("unstable"), dt.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> HeatSolver.solve(
                        new HeatSolver.Params(0.1, 1, 33, 1, 0.1, 3, 0, 0.4, new Profile("cos", Math::cos))));
    }
}
