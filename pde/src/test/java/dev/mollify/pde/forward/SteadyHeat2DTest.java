package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SteadyHeat2DTest {
    static double ue(double x, double y) {
        return Math.exp(x) * Math.sin(Math.PI * x) * Math.sin(2 * Math.PI * y) + x * x * y;
    }

    static double lap(double x, double y) {
        double p = Math.PI;
        double uxx =
                Math.exp(x) * ((1 - p * p) * Math.sin(p * x) + 2 * p * Math.cos(p * x)) * Math.sin(2 * p * y) + 2 * y;
        double uyy = -4 * p * p * Math.exp(x) * Math.sin(p * x) * Math.sin(2 * p * y);
        return uxx + uyy;
    }

    static final Profile2D K = new Profile2D("k", (x, y) -> 1 + 0.5 * x * y + 0.3 * Math.cos(3 * x));
    static final Profile2D M = new Profile2D("m = -k lap(u_exact)", (x, y) -> -K.at(x, y) * lap(x, y));

    static double error(int n) {
        SteadyHeat2D.Result r = SteadyHeat2D.solve(
                new SteadyHeat2D.Params(K, M, new Profile2D("g = u_exact", SteadyHeat2DTest::ue), 0, 0, 1, n));
        double[] x = r.u().axis("x");
        double[] y = r.u().axis("y");
        double[] e = new double[r.u().size()];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < x.length; j++) {
                e[i * x.length + j] = ue(x[j], y[i]);
            }
        }
        assertTrue(r.residual() < 1e-8, "discrete residual " + r.residual());
        return Stats.relL2(r.u().values(), e);
    }

    @Test
    void manufacturedSolutionFourthOrder() {
        double[] e = {error(16), error(32), error(64)};
        OrderCheck.assertOrder(4, 0.3, e); // measured 4.00, 4.00
        double eDefault = error(128);
        assertTrue(eDefault < 1e-6, "relative L2 error at the default n = 128: " + eDefault); // 1.1e-8
    }

    @Test
    void defaultSteadyStateSatisfiesItsEquations() {
        SteadyHeat2D.Result r = SteadyHeat2D.solve(SteadyHeat2D.Params.defaults());
        assertTrue(r.residual() < 1e-8, "residual " + r.residual());
        assertTrue(r.u().std() > 0.01, "non-trivial field");
    }

    @Test
    void rejectsNonPositiveConductivity() {
        SteadyHeat2D.Params p = SteadyHeat2D.Params.defaults();
        IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class,
                () -> SteadyHeat2D.solve(new SteadyHeat2D.Params(
                        new Profile2D("k = x - 0.5", (x, y) -> x - 0.5), p.m(), p.boundary(), 0, 0, 1, 16)));
        assertTrue(ex.getMessage().contains("conductivity"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.withN(2));
    }
}
