package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KdvSolverTest {
    static final double L1 = 1;
    static final double L2 = 0.0025;

    static double[] soliton(GridField g, double c) {
        double[] x = g.axis("x");
        double[] t = g.axis("t");
        double[] e = new double[g.size()];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < x.length; j++) {
                e[i * x.length + j] = KdvSolver.soliton(L1, L2, c, 0, 2, x[j], t[i]);
            }
        }
        return e;
    }

    static KdvSolver.Params solitonParams(int n, double c) {
        return KdvSolver.Params.defaults().withGrid(n, 1).withInitial(KdvSolver.solitonProfile(L1, L2, c, 0, 2));
    }

    @Test
    void travellingSolitonAtDefaultSteps() {
        GridField g = KdvSolver.solve(solitonParams(256, 1).withTime(1, 11, 0));
        double err = Stats.relL2(g.values(), soliton(g, 1));
        assertTrue(err < 1e-6, "relative L2 error " + err); // measured 5.1e-10
    }

    @Test
    void fourthOrderInTime() {
        double[] e = new double[3];
        for (int i = 0; i < 3; i++) {
            GridField g = KdvSolver.solve(solitonParams(256, 1).withTime(0.5, 3, 1e-3 / (1 << i)));
            e[i] = Stats.relL2(g.values(), soliton(g, 1));
        }
        OrderCheck.assertOrder(4, 0.4, e);
    }

    @Test
    void spectralInSpace() {
        // a steeper soliton (c = 4): n = 256 is rejected as too coarse, n = 512 is exact to the time error
        assertThrows(
                IllegalArgumentException.class,
                () -> KdvSolver.solve(solitonParams(256, 4).withTime(0.1, 3, 0)));
        GridField g = KdvSolver.solve(solitonParams(512, 4).withTime(0.1, 3, 0));
        double err = Stats.relL2(g.values(), soliton(g, 4));
        assertTrue(err < 1e-8, "relative L2 error " + err);
    }

    @Test
    void defaultDataSetIsSelfConsistent() {
        KdvSolver.Params p = KdvSolver.Params.defaults().withTime(0.5, 51, 0);
        GridField g = KdvSolver.solve(p);
        GridField fine = KdvSolver.solve(p.withGrid(512, 2));
        double err = Stats.relL2(g.values(), fine.values());
        assertTrue(err < 1e-6, "difference to the 2x-refined run " + err); // measured ~6e-12 on [0, 1]
    }

    @Test
    void rejectsBadParameters() {
        IllegalArgumentException dt = assertThrows(
                IllegalArgumentException.class,
                () -> KdvSolver.solve(KdvSolver.Params.defaults().withTime(1, 11, 0.01)));
        assertTrue(dt.getMessage().contains("unstable"), dt.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> KdvSolver.Params.defaults().withGrid(511, 1));
    }
}
