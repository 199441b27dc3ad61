package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KuramotoSivashinskySolverTest {
    static KuramotoSivashinskySolver.Params base() {
        return KuramotoSivashinskySolver.Params.defaults().withGrid(512, 1);
    }

    @Test
    void fourthOrderInTime() {
        GridField ref = KuramotoSivashinskySolver.solve(base().withTime(10, 3, 0.00125, 0.05));
        double[] e = new double[3];
        for (int i = 0; i < 3; i++) {
            GridField g = KuramotoSivashinskySolver.solve(base().withTime(10, 3, 0.02 / (1 << i), 0.05));
            e[i] = Stats.relL2(g.values(), ref.values());
        }
        OrderCheck.assertOrder(4, 0.4, e);
    }

    @Test
    void selfConvergenceOnTheDefaultGridAndSteps() {
        // default grid (1024 points) and automatic steps, against a run with twice the points and
        // an eighth of the step, over t in [0, 30] (chaos amplifies differences like e^{0.1 t})
        KuramotoSivashinskySolver.Params p =
                KuramotoSivashinskySolver.Params.defaults().withTime(30, 31, 0, 0.05);
        GridField g = KuramotoSivashinskySolver.solve(p);
        GridField fine = KuramotoSivashinskySolver.solve(p.withGrid(1024, 2).withTime(30, 31, 0, 0.00625));
        double err = Stats.relL2(g.values(), fine.values());
        assertTrue(err < 1e-6, "relative difference " + err);
    }

    @Test
    void energyBalanceHolds() {
        // d/dt ½∫u² = b∫u_x² − c∫u_xx², integrated by Simpson on dense output (spacing 0.01)
        GridField g = KuramotoSivashinskySolver.solve(base().withTime(20, 2001, 0, 0.01));
        KuramotoSivashinskySolver.EnergyBudget eb = KuramotoSivashinskySolver.energyBudget(g, 1, 1);
        double imbalance = eb.maxRelativeImbalance(10);
        assertTrue(imbalance < 1e-6, "energy imbalance " + imbalance);
        // the run is in the chaotic regime: energy is injected and removed at rates far above the imbalance
        double maxRate = Stats.maxAbs(eb.rate());
        assertTrue(maxRate > 1e-2, "max |dE/dt| " + maxRate);
    }

    @Test
    void rejectsBadParameters() {
        IllegalArgumentException c = assertThrows(
                IllegalArgumentException.class,
                () -> new KuramotoSivashinskySolver.Params(1, 1, -1, 0, 10, 64, 1, 1, 3, 0, 0.25, 0.05, base().u0()));
        assertTrue(c.getMessage().contains("ill-posed"), c.getMessage());
        IllegalArgumentException coarse = assertThrows(
                IllegalArgumentException.class,
                () -> KuramotoSivashinskySolver.solve(base().withGrid(64, 1).withTime(10, 3, 0, 0.05)));
        assertTrue(coarse.getMessage().contains("too coarse"), coarse.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> KuramotoSivashinskySolver.solve(base().withTime(10, 3, 2.0, 0.05)));
    }
}
