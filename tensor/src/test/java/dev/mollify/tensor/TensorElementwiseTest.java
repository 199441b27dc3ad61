package dev.mollify.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Elementwise functions and NumPy broadcasting against plain loops over {@code java.lang.Math}, on
 * seeded random shapes and random memory layouts (permuted, flipped, strided), in F64 and F32.
 */
class TensorElementwiseTest {
    /** SVML-backed vector transcendentals may differ from Math.* by a few ulps (see kernels.VectorMath). */
    static final double F64_RTOL = 1e-14;

    record Unary(String name, Function<Tensor, Tensor> op, DoubleUnaryOperator ref, double lo, double hi) {}

    static final Unary[] UNARY = {
        new Unary("neg", Tensor::neg, x -> -x, -3, 3),
        new Unary("abs", Tensor::abs, Math::abs, -3, 3),
        new Unary("exp", Tensor::exp, Math::exp, -5, 5),
        new Unary("log", Tensor::log, Math::log, 0.01, 10),
        new Unary("sqrt", Tensor::sqrt, Math::sqrt, 0, 10),
        new Unary("sin", Tensor::sin, Math::sin, -6, 6),
        new Unary("cos", Tensor::cos, Math::cos, -6, 6),
        new Unary("tanh", Tensor::tanh, Math::tanh, -4, 4),
        new Unary("sigmoid", Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x)), -6, 6),
        new Unary("softplus", Tensor::softplus, x -> Math.log1p(Math.exp(x)), -6, 6),
        new Unary("relu", Tensor::relu, x -> x > 0 ? x : 0, -3, 3),
        new Unary("reciprocal", Tensor::reciprocal, x -> 1 / x, 0.1, 4),
        new Unary("square", Tensor::square, x -> x * x, -3, 3),
        new Unary("sign", Tensor::sign, Math::signum, -3, 3),
    };

    record Binary(
            String name, java.util.function.BinaryOperator<Tensor> op, DoubleBinaryOperator ref, boolean positiveA) {}

    static final Binary[] BINARY = {
        new Binary("add", Tensor::add, (a, b) -> a + b, false),
        new Binary("sub", Tensor::sub, (a, b) -> a - b, false),
        new Binary("mul", Tensor::mul, (a, b) -> a * b, false),
        new Binary("div", Tensor::div, (a, b) -> a / b, false),
        new Binary("pow", Tensor::pow, Math::pow, true),
        new Binary("maximum", Tensor::maximum, Math::max, false),
        new Binary("minimum", Tensor::minimum, Math::min, false),
        new Binary("eq", Tensor::eq, (a, b) -> a == b ? 1 : 0, false),
        new Binary("ne", Tensor::ne, (a, b) -> a != b ? 1 : 0, false),
        new Binary("lt", Tensor::lt, (a, b) -> a < b ? 1 : 0, false),
        new Binary("le", Tensor::le, (a, b) -> a <= b ? 1 : 0, false),
        new Binary("gt", Tensor::gt, (a, b) -> a > b ? 1 : 0, false),
        new Binary("ge", Tensor::ge, (a, b) -> a >= b ? 1 : 0, false),
    };

    // ------------------------------------------------------------------ layouts

    /**
     * A tensor holding {@code values} (row-major over {@code shape}) in a random memory layout:
     * contiguous, a permuted view of a contiguous tensor, reversed along an axis, and/or every other
     * element of a larger buffer.
     */
    static Tensor randomLayout(Rng rng, double[] values, int[] shape) {
        int r = shape.length;
        int kind = r == 0 ? 0 : rng.nextInt(4);
        switch (kind) {
            case 0:
                return Tensor.of(values, shape);
            case 1: { // stored with axes permuted, viewed back through permute
                int[] p = rng.permutation(r);
                int[] stored = new int[r];
                for (int i = 0; i < r; i++) stored[i] = shape[p[i]];
                double[] buf = new double[values.length];
                for (int f = 0; f < values.length; f++) {
                    int[] sIdx = Naive.unravel(f, stored);
                    int[] idx = new int[r];
                    for (int i = 0; i < r; i++) idx[p[i]] = sIdx[i];
                    buf[f] = values[Naive.ravel(idx, shape)];
                }
                int[] inv = new int[r];
                for (int i = 0; i < r; i++) inv[p[i]] = i;
                return Tensor.of(buf, stored).permute(inv);
            }
            case 2: { // stored reversed along one axis, viewed through flip
                int a = rng.nextInt(r);
                double[] buf = new double[values.length];
                for (int f = 0; f < values.length; f++) {
                    int[] idx = Naive.unravel(f, shape);
                    idx[a] = shape[a] - 1 - idx[a];
                    buf[f] = values[Naive.ravel(idx, shape)];
                }
                return Tensor.of(buf, shape).flip(a);
            }
            default: { // every other element along the last axis of a buffer twice as wide
                int[] wide = shape.clone();
                wide[r - 1] *= 2;
                double[] buf = new double[values.length * 2];
                java.util.Arrays.fill(buf, Double.NaN); // the gaps must never be read
                for (int f = 0; f < values.length; f++) {
                    int[] idx = Naive.unravel(f, shape);
                    idx[r - 1] *= 2;
                    buf[Naive.ravel(idx, wide)] = values[f];
                }
                return Tensor.of(buf, wide).slice(r - 1, 0, wide[r - 1], 2);
            }
        }
    }

    static double[] uniform(Rng rng, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * rng.nextDouble();
        return v;
    }

    /** A pair of shapes that broadcast: the result shape with axes randomly set to 1 or dropped from the left. */
    static int[][] broadcastPair(Rng rng) {
        int[] out = Naive.randomShape(rng, rng.nextInt(5), 4);
        int[][] pair = new int[2][];
        for (int k = 0; k < 2; k++) {
            int drop = rng.nextInt(out.length + 1);
            if (rng.nextInt(2) == 0) drop = 0;
            int[] s = java.util.Arrays.copyOfRange(out, drop, out.length);
            for (int i = 0; i < s.length; i++) if (rng.nextInt(3) == 0) s[i] = 1;
            pair[k] = s;
        }
        return pair;
    }

    static void assertClose(double want, double got, double rtol, String ctx) {
        if (Double.isNaN(want)) {
            assertTrue(Double.isNaN(got), ctx + ": want NaN, got " + got);
            return;
        }
        assertEquals(want, got, rtol * Math.abs(want) + Double.MIN_NORMAL, ctx);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void unaryOpsMatchMathOnRandomLayouts() {
        Rng rng = new Rng(101);
        for (Unary u : UNARY) {
            for (int trial = 0; trial < 12; trial++) {
                int[] shape = Naive.randomShape(rng, rng.nextInt(5), 5);
                double[] v = uniform(rng, Naive.numel(shape), u.lo, u.hi);
                if (u.name.equals("sign") || u.name.equals("relu") || u.name.equals("abs")) v[0] = 0.0;
                Tensor x = randomLayout(rng, v, shape);
                Tensor y = u.op.apply(x);
                assertArrayEquals(shape, y.shape());
                assertTrue(y.isContiguous());
                double[] got = y.toDoubleArray();
                for (int i = 0; i < v.length; i++) {
                    assertClose(
                            u.ref.applyAsDouble(v[i]),
                            got[i],
                            F64_RTOL,
                            u.name + "(" + v[i] + ") " + Shapes.str(shape));
                }
            }
        }
    }

    @Test
    void unaryLongContiguousRunsCoverVectorTails() {
        // lengths around typical vector widths, so the vector body and the scalar tail are both hit
        Rng rng = new Rng(7);
        for (int n : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 1000}) {
            double[] v = uniform(rng, n, -3, 3);
            Tensor x = Tensor.of(v, n);
            for (Unary u : UNARY) {
                if (u.lo >= 0 || u.name.equals("reciprocal"))
                    continue; // domain-restricted ops use their own inputs below
                double[] got = u.op.apply(x).toDoubleArray();
                for (int i = 0; i < n; i++)
                    assertClose(u.ref.applyAsDouble(v[i]), got[i], F64_RTOL, u.name + " n=" + n);
            }
            double[] pos = uniform(rng, n, 0.05, 9);
            double[] lg = Tensor.of(pos, n).log().toDoubleArray();
            double[] sq = Tensor.of(pos, n).sqrt().toDoubleArray();
            for (int i = 0; i < n; i++) {
                assertClose(Math.log(pos[i]), lg[i], F64_RTOL, "log n=" + n);
                assertEquals(Math.sqrt(pos[i]), sq[i], 0.0, "sqrt is correctly rounded");
            }
        }
    }

    @Test
    void stableSigmoidAndSoftplusAtExtremes() {
        Tensor x = Tensor.vector(-800, -40, 0, 40, 800);
        assertArrayEquals(
                new double[] {0, Math.exp(-40) / (1 + Math.exp(-40)), 0.5, 1 / (1 + Math.exp(-40)), 1},
                x.sigmoid().toDoubleArray(),
                1e-300);
        double[] sp = x.softplus().toDoubleArray();
        assertEquals(0.0, sp[0]);
        assertEquals(Math.exp(-40), sp[1], 1e-16 * Math.exp(-40));
        assertEquals(Math.log(2), sp[2], 1e-16);
        assertEquals(40.0, sp[3], 1e-14);
        assertEquals(800.0, sp[4]); // log(1+e^800) would overflow without the stable form
        assertTrue(x.sigmoid().allFinite() && x.softplus().allFinite());
        assertEquals(1.0, Tensor.vector(40).tanh().item());
        assertEquals(-1.0, Tensor.vector(-400).tanh().item());
    }

    @Test
    void binaryOpsBroadcastLikeNumpyOnRandomShapesAndLayouts() {
        Rng rng = new Rng(202);
        for (Binary b : BINARY) {
            for (int trial = 0; trial < 25; trial++) {
                int[][] sh = broadcastPair(rng);
                int[] want = Naive.broadcast(sh[0], sh[1]);
                double[] va = b.positiveA
                        ? uniform(rng, Naive.numel(sh[0]), 0.1, 3)
                        : Naive.randomDyadic(rng, Naive.numel(sh[0]));
                double[] vb = b.positiveA
                        ? uniform(rng, Naive.numel(sh[1]), -2, 2)
                        : Naive.randomDyadic(rng, Naive.numel(sh[1]));
                if (b.name.equals("div")) for (int i = 0; i < vb.length; i++) if (vb[i] == 0) vb[i] = 0.5;
                Tensor ta = randomLayout(rng, va, sh[0]);
                Tensor tb = randomLayout(rng, vb, sh[1]);
                Tensor y = b.op.apply(ta, tb);
                String ctx = b.name + " " + Shapes.str(sh[0]) + " with " + Shapes.str(sh[1]);
                assertArrayEquals(want, y.shape(), ctx);
                double[] got = y.toDoubleArray();
                for (int f = 0; f < got.length; f++) {
                    int[] idx = Naive.unravel(f, want);
                    double r = b.ref.applyAsDouble(Naive.at(va, sh[0], idx), Naive.at(vb, sh[1], idx));
                    assertClose(
                            r,
                            got[f],
                            b.name.equals("pow") ? F64_RTOL : 0.0,
                            ctx + " at " + java.util.Arrays.toString(idx));
                }
            }
        }
    }

    @Test
    void broadcastingKnownCases() {
        Tensor a = Tensor.arange(12).reshape(3, 1, 4);
        Tensor b = Tensor.arange(8).mul(10).reshape(2, 4);
        Tensor s = a.add(b);
        assertArrayEquals(new int[] {3, 2, 4}, s.shape());
        assertEquals(2 + 60, s.get(0, 1, 2));
        assertEquals(8 + 3 + 70, s.get(2, 1, 3));
        Tensor row = Tensor.vector(1, 2, 3, 4, 5);
        Tensor m = Tensor.ones(3, 5).mul(2);
        assertArrayEquals(
                new double[] {2, 4, 6, 8, 10, 2, 4, 6, 8, 10, 2, 4, 6, 8, 10},
                row.mul(m).toDoubleArray());
        // scalar operands on either side
        assertArrayEquals(
                new double[] {-1, 0, 1},
                Tensor.scalar(1).sub(Tensor.vector(2, 1, 0)).toDoubleArray());
        assertArrayEquals(
                new double[] {0.5, 1, 1.5}, Tensor.vector(1, 2, 3).div(2).toDoubleArray());
        assertArrayEquals(new double[] {1, 4, 9}, Tensor.vector(1, 2, 3).pow(2).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 1}, Tensor.vector(1, 2, 3).gt(1).toDoubleArray());
        assertArrayEquals(
                new double[] {1, 1, 2}, Tensor.vector(0, 1, 2).maximum(1).toDoubleArray());
        // size-0 broadcast
        assertArrayEquals(
                new int[] {0, 3}, Tensor.zeros(0, 1).add(Tensor.ones(3)).shape());
    }

    @Test
    void whereBroadcastsAllThree() {
        Rng rng = new Rng(3);
        for (int trial = 0; trial < 30; trial++) {
            int[][] p = broadcastPair(rng);
            int[][] q = broadcastPair(rng);
            int[] cs = p[0], as = p[1], bs = q[0];
            int[] out;
            try {
                out = Naive.broadcast(Naive.broadcast(cs, as), bs);
            } catch (AssertionError e) {
                continue; // independent pairs may not broadcast together
            }
            double[] c = new double[Naive.numel(cs)];
            for (int i = 0; i < c.length; i++) c[i] = rng.nextInt(2);
            double[] va = Naive.randomDyadic(rng, Naive.numel(as));
            double[] vb = Naive.randomDyadic(rng, Naive.numel(bs));
            Tensor y = Tensor.where(randomLayout(rng, c, cs), randomLayout(rng, va, as), randomLayout(rng, vb, bs));
            assertArrayEquals(out, y.shape());
            double[] got = y.toDoubleArray();
            for (int f = 0; f < got.length; f++) {
                int[] idx = Naive.unravel(f, out);
                double want = Naive.at(c, cs, idx) != 0 ? Naive.at(va, as, idx) : Naive.at(vb, bs, idx);
                assertEquals(want, got[f]);
            }
        }
        Tensor y = Tensor.where(Tensor.vector(1, 0, 1), Tensor.scalar(7), Tensor.vector(1, 2, 3));
        assertArrayEquals(new double[] {7, 2, 7}, y.toDoubleArray());
    }

    @Test
    void f32PathsMatchDoubleReferenceRoundedOnce() {
        Rng rng = new Rng(404);
        for (Unary u : UNARY) {
            int n = 37;
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = (float) (u.lo + (u.hi - u.lo) * rng.nextDouble());
            Tensor x = Tensor.ofFloat(v, n);
            Tensor strided = Tensor.ofFloat(interleave(v), n, 2).select(1, 0);
            for (Tensor in : new Tensor[] {x, strided}) {
                Tensor y = u.op.apply(in);
                assertEquals(DType.F32, y.dtype(), u.name);
                float[] got = y.toFloatArray();
                for (int i = 0; i < n; i++) {
                    float want = (float) u.ref.applyAsDouble(v[i]);
                    assertEquals(want, got[i], 2 * Math.ulp(want) + Float.MIN_NORMAL, u.name + "(" + v[i] + ") F32");
                }
            }
        }
        for (Binary b : BINARY) {
            float[] va = new float[24], vb = new float[4];
            for (int i = 0; i < va.length; i++)
                va[i] = (float) (b.positiveA ? 0.1 + 3 * rng.nextDouble() : rng.nextDouble() * 4 - 2);
            for (int i = 0; i < vb.length; i++) vb[i] = (float) (rng.nextDouble() * 4 - 2);
            vb[0] = va[0]; // one exact tie for the comparisons (same broadcast position: index (0,0,0))
            Tensor y = b.op.apply(Tensor.ofFloat(va, 2, 3, 4), Tensor.ofFloat(vb, 4));
            assertEquals(DType.F32, y.dtype());
            float[] got = y.toFloatArray();
            for (int f = 0; f < 24; f++) {
                float want = (float) b.ref.applyAsDouble(va[f], vb[f % 4]);
                assertEquals(want, got[f], 2 * Math.ulp(want), b.name + " F32 at " + f);
            }
        }
    }

    static float[] interleave(float[] v) {
        float[] w = new float[v.length * 2];
        for (int i = 0; i < v.length; i++) {
            w[2 * i] = v[i];
            w[2 * i + 1] = Float.NaN;
        }
        return w;
    }

    @Test
    void allFiniteAndAllClose() {
        assertTrue(Tensor.vector(1, 2).allFinite());
        assertFalse(Tensor.vector(1, Double.NaN).allFinite());
        assertFalse(Tensor.vector(Double.NEGATIVE_INFINITY).allFinite());
        // only the elements of the view are inspected, not the NaN gaps around them
        Tensor gappy =
                Tensor.of(new double[] {1, Double.NaN, 2, Double.NaN}, 2, 2).select(1, 0);
        assertTrue(gappy.allFinite());
        assertTrue(Tensor.vector(1, 2).allClose(Tensor.vector(1 + 1e-9, 2), 0, 1e-8));
        assertFalse(Tensor.vector(1, 2).allClose(Tensor.vector(1 + 1e-7, 2), 0, 1e-8));
        assertTrue(Tensor.vector(100, 2).allClose(Tensor.vector(100.5, 2), 1e-2, 0));
        assertFalse(Tensor.vector(Double.NaN).allClose(Tensor.vector(Double.NaN), 1, 1));
        assertFalse(Tensor.vector(1, 2).allClose(Tensor.vector(1, 2).reshape(2, 1), 1, 1));
    }
}
