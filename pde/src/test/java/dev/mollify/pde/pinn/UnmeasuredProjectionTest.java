package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A field of the equations with no data is minimised over as a polynomial in the linear estimate
 * ({@link UnmeasuredProjection}), so the coefficients do not absorb the untrained values it is bound to.
 */
class UnmeasuredProjectionTest {
    private static final int NT = 20, NX = 24;
    private static final PdeSpec SPEC = PdeSpec.parse("u_t = -p_x + D*u_xx")
            .coordinates("x", "t")
            .unknown("D", 1)
            .build();

    /**
     * u_t = −p_x + D·u_xx exactly on a (t, x) grid over [0, 2] × [−3, 5], with p = x²t − 0.3x³ + 2t (within the
     * polynomials' degree), u_xx at random, and p_x bound to random values (an untrained network's).
     */
    private static Bindings exact(double d, long seed, boolean polynomialP) {
        Rng rng = new Rng(seed);
        double[] uxx = new double[NT * NX], ut = new double[NT * NX], wrongPx = new double[NT * NX];
        double[] t = new double[NT], x = new double[NX];
        for (int i = 0; i < NT; i++) t[i] = 2.0 * i / (NT - 1);
        for (int j = 0; j < NX; j++) x[j] = -3 + 8.0 * j / (NX - 1);
        for (int i = 0; i < NT; i++) {
            for (int j = 0; j < NX; j++) {
                int q = i * NX + j;
                double px = polynomialP
                        ? 2 * x[j] * t[i] - 0.9 * x[j] * x[j]
                        : 0.5 * Math.cos(0.5 * x[j] + t[i]); // p = sin(x/2 + t): outside the polynomials
                uxx[q] = rng.nextGaussian();
                ut[q] = -px + d * uxx[q];
                wrongPx[q] = rng.nextGaussian();
            }
        }
        return Bindings.create()
                .derivative("u_t", Var.constant(Tensor.of(ut, NT, NX)))
                .derivative("u_xx", Var.constant(Tensor.of(uxx, NT, NX)))
                .derivative("p_x", Var.constant(Tensor.of(wrongPx, NT, NX)))
                .coordinate("t", Var.constant(Tensor.of(t, NT, 1)))
                .coordinate("x", Var.constant(Tensor.of(x, 1, NX)));
    }

    @Test
    void theCoefficientIsExactWhenTheFieldIsAPolynomial() {
        for (double d : new double[] {0.01, 3.5}) {
            CoefficientEstimate e = CoefficientEstimate.from(SPEC, exact(d, 5, true), Map.of(), null, List.of("p"));
            assertTrue(e.linear());
            assertEquals(d, e.values().get("D"), 1e-8 * Math.max(1, d));
            assertTrue(e.misfit() < 1e-8, "misfit " + e.misfit()); // p at the polynomial that fits
        }
    }

    @Test
    void aSmoothFieldOutsideThePolynomialsLeavesASmallError() {
        CoefficientEstimate e = CoefficientEstimate.from(SPEC, exact(0.5, 5, false), Map.of(), null, List.of("p"));
        assertEquals(0.5, e.values().get("D"), 0.01);
    }

    @Test
    void heldAtItsBoundValuesTheFieldBiasesTheCoefficient() {
        CoefficientEstimate e = CoefficientEstimate.from(SPEC, exact(0.01, 5, true), Map.of(), null, List.of());
        assertTrue(
                Math.abs(e.values().get("D") - 0.01) > 0.05, "D " + e.values().get("D"));
    }

    @Test
    void legendrePolynomialsAndTheirDerivatives() {
        double[] p3 = UnmeasuredProjection.Legendre.coefficients(3); // (5z³ − 3z)/2
        assertEquals(0, p3[0], 1e-15);
        assertEquals(-1.5, p3[1], 1e-15);
        assertEquals(2.5, p3[3], 1e-15);
        double[] d2 = UnmeasuredProjection.Legendre.derivative(p3, 2); // 15z
        assertEquals(15 * 0.3, UnmeasuredProjection.Legendre.eval(d2, 0.3), 1e-14);
        assertEquals(1, UnmeasuredProjection.Legendre.eval(UnmeasuredProjection.Legendre.coefficients(6), 1), 1e-13);
        assertEquals(84, UnmeasuredProjection.exponents(3, 6).size()); // C(9, 3)
    }
}
