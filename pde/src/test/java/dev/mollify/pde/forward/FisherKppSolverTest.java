package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FisherKppSolverTest {
    @Test
    void defaultDataSetAgainstRefinedReference() {
        FisherKppSolver.Params p = FisherKppSolver.Params.defaults();
        GridField g = FisherKppSolver.solve(p);
        GridField ref = FisherKppSolver.solve(p.withGrid(256, 2).withTime(3, 101, 0, 0.001));
        double err = Stats.relL2(g.values(), ref.values());
        assertTrue(err < 1e-6, "relative L2 error " + err); // measured 1.2e-10
        double min = 1;
        for (double v : g.values()) {
            min = Math.min(min, v);
        }
        assertTrue(min > -1e-8, "u stays non-negative, min " + min);
    }

    @Test
    void fourthOrderInTime() {
        FisherKppSolver.Params p = FisherKppSolver.Params.defaults().withGrid(128, 1);
        GridField ref = FisherKppSolver.solve(p.withTime(3, 4, 0.005, 0.01));
        double[] e = new double[3];
        for (int i = 0; i < 3; i++) {
            GridField g = FisherKppSolver.solve(p.withTime(3, 4, 0.2 / (1 << i), 0.01));
            e[i] = Stats.relL2(g.values(), ref.values());
        }
        OrderCheck.assertOrder(4, 0.4, e);
    }

    @Test
    void spectralInSpace() {
        FisherKppSolver.Params p = FisherKppSolver.Params.defaults();
        GridField ref = FisherKppSolver.solve(p.withGrid(256, 2));
        GridField g = FisherKppSolver.solve(p.withGrid(128, 1));
        double err = Stats.relL2(g.values(), Sampling.coarsen(ref, 1, 2).values());
        assertTrue(err < 1e-8, "n = 128 vs 512 (output 256): " + err);
        assertThrows(IllegalArgumentException.class, () -> FisherKppSolver.solve(p.withGrid(32, 1)));
    }

    @Test
    void rejectsBadParameters() {
        IllegalArgumentException d = assertThrows(
                IllegalArgumentException.class,
                () -> FisherKppSolver.Params.defaults().withDiffusion(-1e-3));
        assertTrue(d.getMessage().contains("diffusion D"), d.getMessage());
        IllegalArgumentException dt = assertThrows(
                IllegalArgumentException.class,
                () -> FisherKppSolver.solve(FisherKppSolver.Params.defaults().withTime(3, 2, 2.0, 0.01)));
        assertTrue(dt.getMessage().contains("unstable"), dt.getMessage());
    }
}
