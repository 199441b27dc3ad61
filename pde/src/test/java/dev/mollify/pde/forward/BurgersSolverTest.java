package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BurgersSolverTest {
    static final double NU = 0.01 / Math.PI;

    @Test
    void coleHopfQuadratureHasConverged() {
        double worst = 0;
        for (double t : new double[] {0.01, 0.3, 0.6, 0.99}) {
            for (double x = -1; x <= 1; x += 0.01) {
                worst = Math.max(worst, Math.abs(BurgersColeHopf.u(NU, x, t) - BurgersColeHopf.u(NU, x, t, 0.5)));
            }
        }
        assertTrue(worst < 1e-13, "halving the quadrature spacing changed u by " + worst);
        assertEquals(-Math.sin(0.3 * Math.PI), BurgersColeHopf.u(NU, 0.3, 1e-12), 1e-9);
        // tiny viscosity: no overflow, values stay in [-1, 1]
        double u = BurgersColeHopf.u(1e-5, 0.01, 0.9);
        assertTrue(Double.isFinite(u) && Math.abs(u) <= 1.0000001, "u = " + u);
    }

    @Test
    void steepFrontDefaultMatchesColeHopf() {
        GridField g = BurgersSolver.solve(BurgersSolver.Params.defaults());
        double[] ref = BurgersColeHopf.grid(NU, g.axis("x"), g.axis("t"));
        double l2 = Stats.relL2(g.values(), ref);
        double max = Stats.relMax(g.values(), ref);
        assertTrue(l2 < 1e-4, "relative L2 error " + l2); // measured 1.3e-10 (cfl 0.5)
        assertTrue(max < 1e-4, "relative max error " + max); // measured 1.8e-9
        assertEquals(100 * 256, g.size());
    }

    @Test
    void fourthOrderInTime() {
        // milder viscosity so that large steps are stable; forced dt halved twice, error vs Cole–Hopf
        double nu = 0.05 / Math.PI;
        BurgersSolver.Params p = BurgersSolver.Params.defaults().withNu(nu).withGrid(512, 65);
        double[] e = new double[3];
        for (int i = 0; i < 3; i++) {
            GridField g = BurgersSolver.solve(p.withTime(0.6, 3, 0.008 / (1 << i), 0.25));
            e[i] = Stats.relL2(g.values(), BurgersColeHopf.grid(nu, g.axis("x"), g.axis("t")));
        }
        OrderCheck.assertOrder(4, 0.4, e);
    }

    @Test
    void spectralInSpace() {
        // The resolution rule admits n >= 510 here; from there on the spatial error is below the
        // (small, fixed-dt) time error: spectral convergence, no algebraic order to measure.
        double nu = 0.05 / Math.PI;
        assertEquals(510, BurgersSolver.minimumN(nu, 1));
        BurgersSolver.Params p = BurgersSolver.Params.defaults().withNu(nu).withTime(0.6, 3, 0.0005, 0.25);
        int[] n = {512, 1024};
        double[] e = new double[2];
        for (int i = 0; i < 2; i++) {
            GridField g = BurgersSolver.solve(p.withGrid(n[i], 65));
            e[i] = Stats.relL2(g.values(), BurgersColeHopf.grid(nu, g.axis("x"), g.axis("t")));
        }
        assertTrue(e[0] < 1e-9 && e[1] < 1e-9, OrderCheck.describe(e));
    }

    @Test
    void rejectsBadParameters() {
        IllegalArgumentException coarse = assertThrows(
                IllegalArgumentException.class,
                () -> BurgersSolver.solve(BurgersSolver.Params.defaults().withGrid(2048, 256)));
        assertTrue(coarse.getMessage().contains("too coarse for the front"), coarse.getMessage());
        IllegalArgumentException nu = assertThrows(
                IllegalArgumentException.class,
                () -> BurgersSolver.Params.defaults().withNu(-0.01));
        assertTrue(nu.getMessage().contains("nu"), nu.getMessage());
        IllegalArgumentException dt = assertThrows(
                IllegalArgumentException.class,
                () -> BurgersSolver.solve(BurgersSolver.Params.defaults().withTime(0.99, 100, 0.01, 0.25)));
        assertTrue(dt.getMessage().contains("unstable"), dt.getMessage());
        IllegalArgumentException bc = assertThrows(
                IllegalArgumentException.class,
                () -> BurgersSolver.solve(
                        new BurgersSolver.Params(0.1, 512, 64, 0.1, 3, 0, 0.25, new Profile("cos", x -> Math.cos(x)))));
        assertTrue(bc.getMessage().contains("vanish"), bc.getMessage());
    }
}
