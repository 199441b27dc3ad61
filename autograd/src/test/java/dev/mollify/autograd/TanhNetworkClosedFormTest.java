package dev.mollify.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * u(x) = Σ_j v_j·tanh(w_j·x + b_j), one hidden layer of 8 units, scalar x. Its k-th derivative is
 * Σ_j v_j·w_j^k·T_k(t_j) with t_j = tanh(w_j x + b_j) and, writing s = 1 − t²,
 * <pre>
 *   T_1 = s
 *   T_2 = −2t·s
 *   T_3 = (−2 + 6t²)·s
 *   T_4 = (16t − 24t³)·s
 * </pre>
 * (each is d/dz of the previous, using dt/dz = s: e.g. d/dz[(−2+6t²)s] = 12t·s² + (−2+6t²)(−2t)s
 * = s·(12t − 12t³ + 4t − 12t³) = (16t − 24t³)s). Nested {@link Autograd#grad} with createGraph must
 * reproduce them to 1e-10 relative in F64.
 */
class TanhNetworkClosedFormTest {
    static final int H = 8;

    static double tanhDerivative(int k, double z) {
        double t = Math.tanh(z), s = 1 - t * t;
        switch (k) {
            case 0:
                return t;
            case 1:
                return s;
            case 2:
                return -2 * t * s;
            case 3:
                return (-2 + 6 * t * t) * s;
            case 4:
                return (16 * t - 24 * t * t * t) * s;
            default:
                throw new IllegalArgumentException("k = " + k);
        }
    }

    /** The closed forms above are derivatives of each other: central differences, h = 1e-4 (error ≈ h²·|T_{k+3}|/6 ≲ 1e-7). */
    @Test
    void tanhDerivativeFormulasAreConsistent() {
        double h = 1e-4;
        for (double z = -3; z <= 3; z += 0.37) {
            for (int k = 0; k < 4; k++) {
                double fd = (tanhDerivative(k, z + h) - tanhDerivative(k, z - h)) / (2 * h);
                assertEquals(tanhDerivative(k + 1, z), fd, 1e-6, "T_" + (k + 1) + " at z = " + z);
            }
        }
        // and two exact values: T_3(0) = −2, T_2 at tanh z = 1/√3 is −(4/3)/√3
        assertEquals(-2.0, tanhDerivative(3, 0.0), 0.0);
        double z = 0.5 * Math.log((1 + 1 / Math.sqrt(3)) / (1 - 1 / Math.sqrt(3))); // atanh(1/√3)
        assertEquals(-2 * (1 / Math.sqrt(3)) * (2.0 / 3), tanhDerivative(2, z), 1e-15);
    }

    @Test
    void nestedGradMatchesClosedFormUpToFourthOrder() {
        Rng rng = new Rng(8128);
        double[] w = new double[H], b = new double[H], v = new double[H];
        for (int j = 0; j < H; j++) {
            w[j] = 1.5 * rng.nextGaussian();
            b[j] = rng.nextGaussian();
            v[j] = rng.nextGaussian();
        }
        double[] xs = {-2.1, -0.9, -0.3, 0.0, 0.45, 1.2, 2.6};
        int p = xs.length;
        Var x = Var.param(Tensor.of(xs, p, 1));
        Var W = Var.param(Tensor.of(w, 1, H));
        Var B = Var.param(Tensor.of(b, H));
        Var V = Var.param(Tensor.of(v, H, 1));
        // points are independent rows, so a ones gradOutput gives every point's own derivative
        Var u = x.matmul(W).add(B).tanh().matmul(V);
        Var ones = Var.constant(Tensor.ones(p, 1));
        Var d = u;
        for (int k = 1; k <= 4; k++) {
            d = Autograd.grad(d, x, ones, true);
            assertTrue(d.requiresGrad(), "order " + k + " must stay differentiable");
            double[] got = d.value().toDoubleArray();
            for (int i = 0; i < p; i++) {
                double want = 0, scale = 0;
                for (int j = 0; j < H; j++) {
                    double term = v[j] * Math.pow(w[j], k) * tanhDerivative(k, w[j] * xs[i] + b[j]);
                    want += term;
                    scale += Math.abs(term);
                }
                // relative to the sum of |terms|: the closed form itself cancels to that precision
                assertEquals(want, got[i], 1e-10 * scale, "d^" + k + "u/dx^" + k + " at x = " + xs[i]);
            }
        }
    }
}
