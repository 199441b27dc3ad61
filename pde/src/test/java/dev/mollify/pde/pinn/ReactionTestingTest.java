package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.pde.spec.Unknowns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reaction terms tested against the kernel on an exact Fisher–KPP solution, the Ablowitz–Zeppetella travelling
 * wave u = (1 + exp(z/√6))⁻², z = x − 5t/√6, of u_t = D·u_xx + r·u·(1 − u) with D = r = 1. Evaluated on the
 * mollified field, r·û·(1 − û) differs from W∗(r·u·(1 − u)) by r·(W∗u² − û²), the kernel's local variance of u
 * (~ δ²·u_x²), so least squares over the mollified residual misreads D and r; tested as a whole, W∗(r·u·(1 − u)),
 * every term is the PDE applied to the data and tested against W, and D and r come out to the sixth-order
 * stencils' accuracy.
 */
class ReactionTestingTest {
    static final String FISHER = "u_t = D*u_xx + r*u*(1-u)";

    /**
     * {D, r} by least squares of the mollified residual over the nodes a kernel's reach inside the grid.
     *
     * @param tested whether to test the reaction term as a whole; null for the route's default
     */
    static Map<String, Double> estimate(Boolean tested) {
        double[] t = Grid.uniform(0, 4, 41), x = Grid.uniform(-15, 25, 201);
        Grid grid = new Grid(List.of("t", "x"), List.of(t, x));
        double[] u = new double[t.length * x.length];
        double c = 5 / Math.sqrt(6);
        for (int i = 0, k = 0; i < t.length; i++) {
            for (int j = 0; j < x.length; j++, k++) {
                double e = 1 + Math.exp((x[j] - c * t[i]) / Math.sqrt(6));
                u[k] = 1 / (e * e);
            }
        }
        PdeSpec spec = PdeSpec.parse(FISHER)
                .fields("u")
                .unknown("D", 0.5)
                .unknown("r", 0.5)
                .build();
        double dt = 0.5, dx = 1.6; // 5 and 8 spacings
        MollifierRoute.Builder b = DerivativeRoute.mollifier(Map.of("t", dt, "x", dx))
                .method(DerivativeKernels.Method.SIXTH_ORDER_DIFFERENCES);
        MollifierRoute route = (tested == null ? b : b.testReactions(tested)).build();
        Map<String, Double> reach = Map.of("t", dt + 4 * (t[1] - t[0]), "x", dx + 4 * (x[1] - x[0]));
        return CoefficientEstimate.from(
                        spec,
                        route.bindValues(spec, grid, Map.of("u", u)),
                        Map.of("D", 0.5, "r", 0.5),
                        CoefficientEstimate.inside(grid, reach))
                .values();
    }

    @Test
    void reactionTermsTestedAsAWholeRecoverFisherKppWhereTheMollifiedFieldCannot() {
        Map<String, Double> tested = estimate(true);
        Map<String, Double> onUHat = estimate(false);
        assertEquals(1, tested.get("D"), 1e-6, "D, tested: " + tested);
        assertEquals(1, tested.get("r"), 1e-6, "r, tested: " + tested);
        double bias = Math.max(Math.abs(onUHat.get("D") - 1), Math.abs(onUHat.get("r") - 1));
        assertEquals(tested, estimate(null), "measured values are tested by default");
        assertTrue(bias > 0.01, "on û the commutator biases D or r by more than 1 % (2.7 % measured): " + onUHat);
    }

    @Test
    void onTheNetworkReactionTermsAreTestedOnlyWhenAskedAndThenTheDataFitTheNetworkItself() {
        PdeSpec spec = PdeSpec.parse(FISHER)
                .domain(PerAxisWidthRouteTest.BOX)
                .unknown("D", 0.5)
                .unknown("r", 0.5)
                .build();
        Grid g = PerAxisWidthRouteTest.grid(21, 41);
        Pinn net = PerAxisWidthRouteTest.net();
        Map<String, Observations> data = PerAxisWidthRouteTest.zeros(g);
        Evaluation plain = DerivativeRoute.mollifier(0.15)
                .build()
                .prepare(net, spec, g, data)
                .evaluate();
        Evaluation tested = DerivativeRoute.mollifier(0.15)
                .testReactions(true)
                .build()
                .prepare(net, spec, g, data)
                .evaluate();
        assertTrue(plain.bindings().tested() == null, "the network's reaction terms are on û by default");
        assertTrue(tested.bindings().tested() != null);
        double[] uHat = plain.derivative("u").value().toDoubleArray();
        assertArrayEquals(uHat, plain.atData().get("u").value().toDoubleArray(), 1e-12, "data on û");
        double[] onNetwork = tested.atData().get("u").value().toDoubleArray();
        double gap = 0;
        for (int i = 0; i < uHat.length; i++) gap = Math.max(gap, Math.abs(onNetwork[i] - uHat[i]));
        assertTrue(gap > 1e-6, "tested, the data fit ĝ, not û");
        Unknowns at = spec.unknownParameters(Map.of("D", 0.5, "r", 0.5), Map.of());
        double[] rPlain = spec.residual(plain.bindings(), at).value().toDoubleArray();
        double[] rTested = spec.residual(tested.bindings(), at).value().toDoubleArray();
        double[] uPlain = plain.derivative("u").value().toDoubleArray();
        double change = 0;
        for (int i = 0; i < rPlain.length; i++) {
            // same u_t and u_xx: the residuals differ only by r·û(1 − û) − W∗(r·ĝ(1 − ĝ)), a small smoothing gap
            assertTrue(Double.isFinite(rTested[i]));
            change = Math.max(change, Math.abs(rTested[i] - rPlain[i]));
        }
        double size = 0;
        for (double v : uPlain) size = Math.max(size, Math.abs(0.5 * v * (1 - v)));
        assertTrue(change > 0 && change < 0.5 * size, "change " + change + " against the term's size " + size);
    }

    @Test
    void reactionTermsAreTheZerothOrderTermsTheKernelDoesNotPassThrough() {
        PdeSpec fisher = PdeSpec.parse("u_t = D*u_xx + r*u*(1-u) - a*u + b*x*u - 2*u/c")
                .fields("u")
                .unknown("D", 1)
                .unknown("r", 1)
                .unknown("a", 1)
                .unknown("b", 1)
                .unknown("c", 1)
                .build();
        assertEquals(List.of("r*u*(1 - u)", "b*x*u"), fisher.reactionTerms());
        PdeSpec grayScott = PdeSpec.parse("u_t = D*u_xx - k*u*v^2; v_t = D*v_xx - 2*k*u*v^2")
                .fields("u", "v")
                .unknown("D", 1)
                .unknown("k", 1)
                .build();
        assertEquals(List.of("k*u*v^2", "2*k*u*v^2"), grayScott.reactionTerms());
        PdeSpec burgers = PdeSpec.parse("u_t + a*u*u_x = b*u_xx")
                .fields("u")
                .unknown("a", 1)
                .unknown("b", 1)
                .build();
        assertEquals(List.of(), burgers.reactionTerms());
    }
}
