package dev.mollify.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The F64 row kernels with the Vector API on against the scalar reference loops (SIMD off): bit for bit
 * where the vector arithmetic is exact, within 1e-14 relative for the transcendental functions.
 */
class F64KernelsTest extends KernelTestBase {
    private static final Set<UnaryOp> APPROXIMATE = EnumSet.of(
            UnaryOp.EXP, UnaryOp.LOG, UnaryOp.SIN, UnaryOp.COS, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.SOFTPLUS);
    private static final int OFF = 3;

    private static void assertClose(String what, double expected, double actual, double rel) {
        if (sameBits(expected, actual)) return;
        if (Double.isNaN(expected)
                || Double.isInfinite(expected)
                || Double.isNaN(actual)
                || Math.abs(actual - expected) > rel * Math.abs(expected) + 1e-300) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    private static void assertRow(String what, double[] expected, double[] actual, double rel) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) assertClose(what + " [" + i + "]", expected[i], actual[i], rel);
    }

    @Test
    void unaryMatchesScalar() {
        for (UnaryOp op : UnaryOp.values()) {
            double rel = APPROXIMATE.contains(op) ? 1e-14 : 0;
            for (int n : LENGTHS) {
                for (int stride : STRIDES) {
                    double[] x = doubles(span(OFF, stride, n), true);
                    double[] expected = simd(false, () -> unary(op, x, stride, n));
                    double[] actual = simd(true, () -> unary(op, x, stride, n));
                    assertRow(op + " n=" + n + " stride=" + stride, expected, actual, rel);
                }
            }
        }
    }

    private static double[] unary(UnaryOp op, double[] x, int stride, int n) {
        double[] y = new double[n + 2];
        F64Kernels.unary(op, x, OFF, stride, y, 1, n);
        return y;
    }

    @Test
    void unaryAgreesWithItsDefinition() {
        double[] x = doubles(1003, true);
        for (UnaryOp op : UnaryOp.values()) {
            double rel = APPROXIMATE.contains(op) ? 1e-14 : 0;
            double[] y = simd(true, () -> unary(op, x, 1, 1000));
            for (int i = 0; i < 1000; i++) assertClose(op + " " + x[OFF + i], op.apply(x[OFF + i]), y[1 + i], rel);
        }
    }

    @Test
    void binaryMatchesScalarBitForBit() {
        for (BinaryOp op : BinaryOp.values()) {
            for (int n : LENGTHS) {
                for (int as : STRIDES) {
                    for (int bs : STRIDES) {
                        double[] a = doubles(span(OFF, as, n), true);
                        double[] b = doubles(span(1, bs, n), true);
                        double[] expected = simd(false, () -> binary(op, a, as, b, bs, n));
                        double[] actual = simd(true, () -> binary(op, a, as, b, bs, n));
                        assertRow(op + " n=" + n + " strides=" + as + "," + bs, expected, actual, 0);
                    }
                }
            }
        }
    }

    private static double[] binary(BinaryOp op, double[] a, int as, double[] b, int bs, int n) {
        double[] y = new double[n + 1];
        F64Kernels.binary(op, a, OFF, as, b, 1, bs, y, 1, n);
        return y;
    }

    @Test
    void whereMatchesScalar() {
        for (int n : LENGTHS) {
            for (int cs : STRIDES) {
                for (int as : STRIDES) {
                    for (int bs : new int[] {0, 1}) {
                        double[] c = doubles(span(0, cs, n), true);
                        for (int i = 0; i < c.length; i++)
                            if (random.nextBoolean()) c[i] = random.nextBoolean() ? 0.0 : -0.0;
                        double[] a = doubles(span(OFF, as, n), true);
                        double[] b = doubles(span(2, bs, n), true);
                        double[][] out = new double[2][];
                        for (int mode = 0; mode < 2; mode++) {
                            out[mode] = simd(mode == 1, () -> {
                                double[] y = new double[n];
                                F64Kernels.where(c, 0, cs, a, OFF, as, b, 2, bs, y, 0, n);
                                return y;
                            });
                        }
                        assertRow("where n=" + n, out[0], out[1], 0);
                    }
                }
            }
        }
    }

    @Test
    void reduceMatchesScalar() {
        for (ReduceOp op : ReduceOp.values()) {
            for (int n : LENGTHS) {
                for (int stride : new int[] {1, 2}) {
                    for (boolean specials : new boolean[] {false, true}) {
                        double[] x = doubles(span(OFF, stride, n), specials);
                        double expected = simd(false, () -> F64Kernels.reduce(op, x, OFF, stride, n));
                        double actual = simd(true, () -> F64Kernels.reduce(op, x, OFF, stride, n));
                        String what = op + " n=" + n + " stride=" + stride + " specials=" + specials;
                        if (op != ReduceOp.SUM || Double.isNaN(expected) || Double.isInfinite(expected)) {
                            assertTrue(sameBits(expected, actual), what + ": " + expected + " vs " + actual);
                        } else {
                            double scale = 0;
                            for (int i = 0; i < n; i++) scale += Math.abs(x[OFF + i * stride]);
                            assertEquals(expected, actual, 1e-14 * scale, what);
                        }
                        double again = simd(true, () -> F64Kernels.reduce(op, x, OFF, stride, n));
                        assertTrue(sameBits(actual, again), what + " is not reproducible");
                    }
                }
            }
        }
    }

    @Test
    void maxAndMinKeepTheSignOfZeroAndPropagateNaN() {
        double[] zeros = new double[40];
        for (int i = 0; i < zeros.length; i++) zeros[i] = i % 3 == 0 ? -0.0 : 0.0;
        for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN}) {
            double expected = simd(false, () -> F64Kernels.reduce(op, zeros, 0, 1, 40));
            assertTrue(sameBits(expected, simd(true, () -> F64Kernels.reduce(op, zeros, 0, 1, 40))), op + " of zeros");
            double[] x = doubles(100, false);
            x[57] = Double.NaN;
            assertTrue(Double.isNaN(simd(true, () -> F64Kernels.reduce(op, x, 0, 1, 100))), op + " with NaN");
        }
    }

    @Test
    void accumulateMatchesScalarBitForBit() {
        for (ReduceOp op : ReduceOp.values()) {
            for (int n : LENGTHS) {
                for (int stride : STRIDES) {
                    double[] x = doubles(span(OFF, stride, n), true);
                    double[] y0 = doubles(n + 1, true);
                    double[][] out = new double[2][];
                    for (int mode = 0; mode < 2; mode++) {
                        out[mode] = simd(mode == 1, () -> {
                            double[] y = y0.clone();
                            F64Kernels.accumulate(op, x, OFF, stride, y, 1, n);
                            return y;
                        });
                    }
                    assertRow(op + " n=" + n + " stride=" + stride, out[0], out[1], 0);
                }
            }
        }
    }

    @Test
    void copyAddToAndArgExtremes() {
        for (int n : LENGTHS) {
            for (int xs : STRIDES) {
                for (int ys : new int[] {1, 2}) {
                    double[] x = doubles(span(OFF, xs, n), false);
                    double[] y = doubles(span(1, ys, n), false);
                    double[] copied = y.clone(), added = y.clone();
                    F64Kernels.copy(x, OFF, xs, copied, 1, ys, n);
                    F64Kernels.addTo(x, OFF, xs, added, 1, ys, n);
                    for (int i = 0; i < n; i++) {
                        assertEquals(x[OFF + i * xs], copied[1 + i * ys]);
                        assertEquals(y[1 + i * ys] + x[OFF + i * xs], added[1 + i * ys]);
                    }
                }
            }
        }
        double[] x = {3, 1, 4, 1, 5, 9, 2, 6, 9};
        assertEquals(5, F64Kernels.argmax(x, 0, 1, x.length));
        assertEquals(1, F64Kernels.argmin(x, 0, 1, x.length));
        assertEquals(-1, F64Kernels.argmax(x, 0, 1, 0));
    }

    @Test
    void largeRowsAreSplitWithoutChangingABit() {
        int n = Parallel.ELEMENTWISE_THRESHOLD * 2 + 5;
        double[] x = doubles(n, true), b = doubles(n, true);
        for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.TANH, UnaryOp.SQUARE}) {
            for (boolean on : new boolean[] {false, true}) {
                double[][] out = new double[3][];
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    out[threads - 1] = simd(on, () -> unary(op, x, 1, n - OFF));
                }
                assertArrayEquals(out[0], out[1], op + " simd=" + on);
                assertArrayEquals(out[0], out[2], op + " simd=" + on);
            }
        }
        double[][] out = new double[2][];
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            out[threads - 1] = simd(true, () -> binary(BinaryOp.DIV, x, 1, b, 1, n - OFF));
        }
        assertArrayEquals(out[0], out[1]);
        Parallel.setThreads(2);
        assertRow("split DIV vs scalar", simd(false, () -> binary(BinaryOp.DIV, x, 1, b, 1, n - OFF)), out[1], 0);
    }

    @Test
    void fusedMul3AndTanhBackwardMatchScalarBitForBit() {
        int big = Parallel.ELEMENTWISE_THRESHOLD * 2 + 5;
        for (int n : new int[] {0, 1, 7, 17, 1003, big}) {
            for (int stride : STRIDES) {
                double[] a = doubles(span(OFF, stride, n), true),
                        b = doubles(span(OFF, 1, n), true),
                        c = doubles(span(OFF, stride, n), true);
                double[][] out = new double[4][];
                for (int mode = 0; mode < 4; mode++) { // scalar / SIMD, each on 1 and 2 threads
                    Parallel.setThreads(1 + mode / 2);
                    out[mode] = simd(mode % 2 == 1, () -> {
                        double[] y = new double[2 * n + 2];
                        F64Kernels.mul3(-1.5, a, OFF, stride, b, OFF, 1, c, OFF, stride, y, 1, n);
                        F64Kernels.tanhBackward(a, OFF, stride, c, OFF, stride, y, n + 1, n);
                        return y;
                    });
                }
                Parallel.setThreads(2);
                for (int mode = 1; mode < 4; mode++)
                    assertRow("mul3/tanhBackward n=" + n + " stride=" + stride + " mode " + mode, out[0], out[mode], 0);
                for (int i = 0; i < n; i++) {
                    double ai = a[OFF + i * stride], ci = c[OFF + i * stride];
                    assertEquals(-1.5 * ai * b[OFF + i] * ci, out[0][1 + i], 0);
                    assertEquals(ai * (1 - ci * ci), out[0][n + 1 + i], 0);
                }
            }
        }
    }
}
