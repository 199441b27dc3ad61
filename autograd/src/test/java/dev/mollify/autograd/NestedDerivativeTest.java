package dev.mollify.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mollify.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** f(x) = sin(2x)·exp(−x²): first to fourth derivatives by nested grad against the closed forms. */
class NestedDerivativeTest {
    // closed forms of d^k/dx^k [sin(2x) e^{-x^2}], k = 0..4, written as A(x) sin 2x + B(x) cos 2x times e^{-x^2}
    static double closed(int k, double x) {
        double s = Math.sin(2 * x), c = Math.cos(2 * x), e = Math.exp(-x * x);
        switch (k) {
            case 0:
                return s * e;
            case 1:
                return (2 * c - 2 * x * s) * e;
            case 2:
                return ((4 * x * x - 6) * s - 8 * x * c) * e;
            case 3:
                return ((-8 * x * x * x + 36 * x) * s + (24 * x * x - 20) * c) * e;
            case 4:
                return ((16 * Math.pow(x, 4) - 144 * x * x + 76) * s + (-64 * x * x * x + 160 * x) * c) * e;
            default:
                throw new IllegalArgumentException();
        }
    }

    @Test
    void derivativesUpToFourthMatchClosedForm() {
        double[] xs = {-1.3, -0.4, 0.0, 0.25, 0.7, 1.9};
        Var x = Var.param(Tensor.vector(xs));
        Var y = x.mul(2.0).sin().mul(x.square().neg().exp());
        Var ones = Var.constant(Tensor.ones(xs.length));
        Var d = y;
        for (int k = 1; k <= 4; k++) {
            d = Autograd.grad(d, x, ones, true);
            double[] got = d.value().toDoubleArray();
            for (int i = 0; i < xs.length; i++) {
                double want = closed(k, xs[i]);
                assertEquals(want, got[i], 1e-10 * Math.max(1.0, Math.abs(want)), "order " + k + " at x=" + xs[i]);
            }
        }
    }
}
