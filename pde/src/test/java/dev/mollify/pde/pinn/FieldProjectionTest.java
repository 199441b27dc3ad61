package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A learned field of fewer coordinates than the grid's is solved for node by node in the linear estimate
 * ({@link FieldProjection}): the coefficients come out right whatever values the field is bound to.
 */
class FieldProjectionTest {
    private static final int NT = 20, NX = 16;

    /** u_t = D·u_xx + k(x)·u(1 − u) exactly, on a (t, x) grid, with k bound to values unrelated to k(x). */
    private static Bindings exact(double d, long seed) {
        Rng rng = new Rng(seed);
        double[] u = new double[NT * NX], uxx = new double[NT * NX], ut = new double[NT * NX];
        double[] wrongK = new double[NT * NX];
        for (int i = 0; i < NT; i++) {
            for (int j = 0; j < NX; j++) {
                int p = i * NX + j;
                double x = j / (NX - 1.0);
                u[p] = 0.1 + 0.8 * rng.nextDouble();
                uxx[p] = rng.nextGaussian();
                ut[p] = d * uxx[p] + (1 + 0.5 * Math.sin(3 * x)) * u[p] * (1 - u[p]);
                wrongK[p] = rng.nextGaussian(); // the network fitted to the data alone knows nothing of k
            }
        }
        double[] t = new double[NT], x = new double[NX];
        for (int i = 0; i < NT; i++) t[i] = 0.1 * i;
        for (int j = 0; j < NX; j++) x[j] = j / (NX - 1.0);
        return Bindings.create()
                .field("u", Var.constant(Tensor.of(u, NT, NX)))
                .derivative("u_t", Var.constant(Tensor.of(ut, NT, NX)))
                .derivative("u_xx", Var.constant(Tensor.of(uxx, NT, NX)))
                .coordinate("t", Var.constant(Tensor.of(t, NT, 1)))
                .coordinate("x", Var.constant(Tensor.of(x, 1, NX)))
                .unknownField("k", Var.constant(Tensor.of(wrongK, NT, NX)));
    }

    @Test
    void theCoefficientIsExactWhateverTheFieldIsBoundTo() {
        PdeSpec spec = PdeSpec.parse("u_t = D*u_xx + k(x)*u*(1-u)")
                .coordinates("x", "t")
                .unknown("D", 1)
                .unknownField("k", "x")
                .build();
        for (double d : new double[] {0.01, 3.5}) {
            CoefficientEstimate e = CoefficientEstimate.from(spec, exact(d, 5), Map.of());
            assertTrue(e.linear());
            assertEquals(d, e.values().get("D"), 1e-9 * d);
            assertTrue(e.misfit() < 1e-9, "misfit " + e.misfit()); // k at the node values that fit
        }
    }

    @Test
    void aFieldOfEveryCoordinateIsLeftAsBound() {
        PdeSpec spec = PdeSpec.parse("u_t = D*u_xx + k(x,t)*u*(1-u)")
                .coordinates("x", "t")
                .unknown("D", 1)
                .unknownField("k", "x", "t")
                .build();
        CoefficientEstimate e = CoefficientEstimate.from(spec, exact(0.01, 5), Map.of());
        // one node per point would absorb the whole residual: the field keeps its bound values, and D is off
        assertTrue(
                Math.abs(e.values().get("D") - 0.01) > 1e-3, "D " + e.values().get("D"));
    }
}
