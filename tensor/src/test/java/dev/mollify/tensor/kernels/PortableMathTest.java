package dev.mollify.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.tensor.Rng;
import org.junit.jupiter.api.Test;

/**
 * The default vector exp/tanh/sigmoid: within a few ulp of {@code Math.*}, exact on the special values,
 * and the same bits on every call, before and after the JIT compiles them (the reason they exist).
 */
class PortableMathTest {
    private static double[] samples() {
        Rng rng = new Rng(3);
        double[] x = new double[40_003];
        for (int i = 0; i < x.length; i++) {
            double u = rng.nextDouble() - 0.5;
            x[i] = i % 3 == 0 ? u * 1e-6 : i % 3 == 1 ? u * 60 : u * 1500;
        }
        double[] special = {
            0.0,
            -0.0,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            1e-310,
            -740,
            709.7,
            -709,
            22.5,
            -22.5
        };
        System.arraycopy(special, 0, x, 0, special.length);
        return x;
    }

    private static void check(UnaryOp op, double ulps) {
        boolean previous = Simd.setEnabled(true);
        try {
            double[] x = samples();
            double[] y = new double[x.length];
            F64Kernels.unary(op, x, 0, 1, y, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                double ref = op.apply(x[i]);
                if (Double.isNaN(ref)) {
                    assertTrue(Double.isNaN(y[i]), op + " at " + x[i]);
                } else if (Double.isInfinite(ref) || ref == 0.0) {
                    assertEquals(Double.doubleToRawLongBits(ref), Double.doubleToRawLongBits(y[i]), op + " at " + x[i]);
                } else {
                    double tol = ulps * Math.ulp(ref) + (Math.abs(ref) < Double.MIN_NORMAL ? Double.MIN_VALUE : 0);
                    assertEquals(ref, y[i], tol, op + " at " + x[i]);
                }
            }
        } finally {
            Simd.setEnabled(previous);
        }
    }

    @Test
    void expIsWithinTwoUlp() {
        check(UnaryOp.EXP, 2);
    }

    @Test
    void tanhIsWithinFourUlp() {
        check(UnaryOp.TANH, 4);
    }

    @Test
    void sigmoidIsWithinFourUlp() {
        check(UnaryOp.SIGMOID, 4);
    }

    /**
     * The first call runs the Vector API's Java fallback, later ones C2's machine code: same bits,
     * special values (NaN, ±0, ±∞, subnormal results) included.
     */
    private static void sameBitsWhileTheJitWarmsUp(UnaryOp op) {
        boolean previous = Simd.setEnabled(true);
        try {
            double[] x = java.util.Arrays.copyOf(samples(), 4096);
            double[] first = new double[x.length];
            F64Kernels.unary(op, x, 0, 1, first, 0, x.length);
            double[] again = new double[x.length];
            for (int call = 0; call < 3000; call++) {
                F64Kernels.unary(op, x, 0, 1, again, 0, x.length);
                assertArrayEquals(first, again, op + ", call " + call);
            }
        } finally {
            Simd.setEnabled(previous);
        }
    }

    @Test
    void sameBitsOnEveryCallWhileTheJitWarmsUp() {
        sameBitsWhileTheJitWarmsUp(UnaryOp.TANH);
    }

    @Test
    void expAndSigmoidSameBitsWhileTheJitWarmsUp() {
        sameBitsWhileTheJitWarmsUp(UnaryOp.EXP);
        sameBitsWhileTheJitWarmsUp(UnaryOp.SIGMOID);
    }
}
