package dev.mollify.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Reductions over every subset of axes of a random 4-D tensor, contiguous and not, against a naive
 * loop; arg-max/min with ties; sumTo. Values are multiples of 1/64 in [-2, 2), so every sum is exact
 * in any order and comparisons can be exact.
 */
class TensorReductionTest {
    enum Kind {
        SUM,
        MEAN,
        MAX,
        MIN
    }

    static Tensor reduce(Kind k, Tensor x, int[] axes, boolean keepdim) {
        switch (k) {
            case SUM:
                return x.sum(axes, keepdim);
            case MEAN:
                return x.mean(axes, keepdim);
            case MAX:
                return x.max(axes, keepdim);
            default:
                return x.min(axes, keepdim);
        }
    }

    /** Naive reduction of row-major {@code v} of {@code shape}; the result has keepdim shape. */
    static double[] naive(Kind k, double[] v, int[] shape, boolean[] reduced) {
        int[] kept = shape.clone();
        int count = 1;
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                kept[d] = 1;
                count *= shape[d];
            }
        }
        double[] out = new double[Naive.numel(kept)];
        java.util.Arrays.fill(
                out, k == Kind.MAX ? Double.NEGATIVE_INFINITY : k == Kind.MIN ? Double.POSITIVE_INFINITY : 0);
        for (int f = 0; f < v.length; f++) {
            int[] idx = Naive.unravel(f, shape);
            for (int d = 0; d < shape.length; d++) if (reduced[d]) idx[d] = 0;
            int o = Naive.ravel(idx, kept);
            switch (k) {
                case MAX:
                    out[o] = Math.max(out[o], v[f]);
                    break;
                case MIN:
                    out[o] = Math.min(out[o], v[f]);
                    break;
                default:
                    out[o] += v[f];
            }
        }
        if (k == Kind.MEAN) for (int i = 0; i < out.length; i++) out[i] /= count;
        return out;
    }

    @Test
    void everySubsetOfAxesOfRandom4DTensorsMatchesNaive() {
        Rng rng = new Rng(77);
        int checked = 0;
        for (int trial = 0; trial < 6; trial++) {
            int[] shape = Naive.randomShape(rng, 4, 5);
            double[] v = Naive.randomDyadic(rng, Naive.numel(shape));
            Tensor contiguous = Tensor.of(v, shape);
            Tensor strided = TensorElementwiseTest.randomLayout(rng, v, shape);
            // a transposed-and-back layout is always non-contiguous when two axes exceed 1
            Tensor permuted = permutedLayout(v, shape);
            for (Tensor x : new Tensor[] {contiguous, strided, permuted}) {
                for (int mask = 0; mask < 16; mask++) {
                    boolean[] reduced = new boolean[4];
                    int n = Integer.bitCount(mask);
                    int[] axes = new int[n];
                    for (int d = 0, j = 0; d < 4; d++) {
                        if ((mask & (1 << d)) != 0) {
                            reduced[d] = true;
                            // mix negative and positive axis numbers
                            axes[j++] = rng.nextInt(2) == 0 ? d : d - 4;
                        }
                    }
                    if (mask == 0) java.util.Arrays.fill(reduced, true); // empty axes = all axes
                    for (Kind k : Kind.values()) {
                        double[] want = naive(k, v, shape, reduced);
                        for (boolean keepdim : new boolean[] {true, false}) {
                            Tensor y = reduce(k, x, axes, keepdim);
                            int[] wantShape = keepdim ? keptShape(shape, reduced) : droppedShape(shape, reduced);
                            String ctx = k + " over " + java.util.Arrays.toString(axes) + " keepdim=" + keepdim + " of "
                                    + Shapes.str(shape) + " strides " + java.util.Arrays.toString(x.strides());
                            assertArrayEquals(wantShape, y.shape(), ctx);
                            assertArrayEquals(want, y.toDoubleArray(), 0.0, ctx);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(6 * 3 * 16 * 4 * 2, checked);
    }

    static Tensor permutedLayout(double[] v, int[] shape) {
        // store as the reversed-axes array and view through permute
        int r = shape.length;
        int[] rev = new int[r];
        for (int i = 0; i < r; i++) rev[i] = shape[r - 1 - i];
        double[] buf = new double[v.length];
        for (int f = 0; f < v.length; f++) {
            int[] idx = Naive.unravel(f, shape);
            int[] ridx = new int[r];
            for (int i = 0; i < r; i++) ridx[i] = idx[r - 1 - i];
            buf[Naive.ravel(ridx, rev)] = v[f];
        }
        int[] order = new int[r];
        for (int i = 0; i < r; i++) order[i] = r - 1 - i;
        return Tensor.of(buf, rev).permute(order);
    }

    static int[] keptShape(int[] shape, boolean[] reduced) {
        int[] s = shape.clone();
        for (int d = 0; d < s.length; d++) if (reduced[d]) s[d] = 1;
        return s;
    }

    static int[] droppedShape(int[] shape, boolean[] reduced) {
        int n = 0;
        for (boolean r : reduced) if (!r) n++;
        int[] s = new int[n];
        for (int d = 0, j = 0; d < shape.length; d++) if (!reduced[d]) s[j++] = shape[d];
        return s;
    }

    @Test
    void fullReductionsAndBroadcastViews() {
        Tensor x = Tensor.of(new double[][] {{1, -2, 3}, {4, 5, -6}});
        assertEquals(5, x.sum().item());
        assertEquals(5 / 6.0, x.mean().item(), 1e-16);
        assertEquals(5, x.max().item());
        assertEquals(-6, x.min().item());
        assertEquals(0, x.sum().dim());
        assertArrayEquals(new double[] {5, 3, -3}, x.sum(0).toDoubleArray());
        assertArrayEquals(new double[] {2, 3}, x.sum(-1).toDoubleArray());
        // an expanded (stride-0) input sums each repeated element the right number of times
        Tensor e = Tensor.vector(1, 2, 3).expand(4, 3);
        assertArrayEquals(new double[] {4, 8, 12}, e.sum(0).toDoubleArray());
        assertArrayEquals(new double[] {6, 6, 6, 6}, e.sum(1).toDoubleArray());
        // empty sum is 0
        assertEquals(0, Tensor.zeros(0, 3).sum().item());
        assertArrayEquals(new double[] {0, 0, 0}, Tensor.zeros(0, 3).sum(0).toDoubleArray());
        // NaN propagates through max/min
        assertTrue(Double.isNaN(Tensor.vector(1, Double.NaN, 3).max().item()));
        assertTrue(Double.isNaN(Tensor.vector(1, Double.NaN, 3).min().item()));
    }

    @Test
    void f32ReductionsStayF32() {
        float[] v = new float[60];
        for (int i = 0; i < v.length; i++) v[i] = (i % 7) - 3 + 0.25f;
        Tensor x = Tensor.ofFloat(v, 3, 4, 5);
        double[] want = naive(Kind.SUM, toDouble(v), new int[] {3, 4, 5}, new boolean[] {true, false, true});
        Tensor y = x.sum(new int[] {0, 2}, false);
        assertEquals(DType.F32, y.dtype());
        assertArrayEquals(want, y.toDoubleArray(), 0.0);
        assertArrayEquals(
                naive(Kind.MAX, toDouble(v), new int[] {3, 4, 5}, new boolean[] {false, true, false}),
                x.permute(2, 1, 0).max(new int[] {1}, true).permute(2, 1, 0).toDoubleArray(),
                0.0);
        assertEquals(DType.F32, x.mean().dtype());
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    @Test
    void argmaxArgminPickTheFirstExtremum() {
        Tensor x = Tensor.of(new double[][] {{1, 7, 7, 0}, {9, 2, 9, -1}, {3, 3, 3, 3}});
        assertEquals(4, x.argmax()); // first 9 in row-major order
        assertArrayEquals(new double[] {1, 0, 0}, x.argmax(1).toDoubleArray());
        assertArrayEquals(new double[] {3, 3, 0}, x.argmin(1).toDoubleArray());
        assertArrayEquals(new double[] {1, 0, 1, 2}, x.argmax(0).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 2, 1}, x.argmin(-2).toDoubleArray());
        // on a non-contiguous view: argmax is over the view's own row-major order
        Tensor t = x.t(); // (4, 3)
        assertEquals(1, t.argmax()); // t row-major: 1, 9, 3, ... -> index 1
        assertArrayEquals(new double[] {1, 0, 1, 2}, t.argmax(1).toDoubleArray());
        Rng rng = new Rng(8);
        for (int trial = 0; trial < 20; trial++) {
            int[] shape = Naive.randomShape(rng, 3, 5);
            double[] v = Naive.randomDyadic(rng, Naive.numel(shape));
            Tensor r = TensorElementwiseTest.randomLayout(rng, v, shape);
            int best = 0;
            for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
            assertEquals(best, r.argmax());
            int axis = rng.nextInt(3);
            Tensor am = r.argmax(axis);
            double[] got = am.toDoubleArray();
            int[] outShape = am.shape();
            for (int f = 0; f < got.length; f++) {
                int[] o = Naive.unravel(f, outShape);
                int[] idx = new int[3];
                for (int d = 0, j = 0; d < 3; d++) if (d != axis) idx[d] = o[j++];
                int bi = 0;
                double bv = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < shape[axis]; i++) {
                    idx[axis] = i;
                    double val = v[Naive.ravel(idx, shape)];
                    if (val > bv) {
                        bv = val;
                        bi = i;
                    }
                }
                assertEquals(bi, got[f]);
            }
        }
    }

    @Test
    void sumToIsTheAdjointOfBroadcasting() {
        Rng rng = new Rng(12);
        for (int trial = 0; trial < 30; trial++) {
            int[][] p = TensorElementwiseTest.broadcastPair(rng);
            int[] small = p[0];
            int[] big = Naive.broadcast(p[0], p[1]);
            Tensor g = Tensor.randn(rng, big);
            Tensor s = g.sumTo(small);
            assertArrayEquals(small, s.shape());
            // <expand(x), g> == <x, sumTo(g)> for any x
            Tensor x = Tensor.randn(rng, small);
            assertEquals(x.expand(big).mul(g).sum().item(), x.mul(s).sum().item(), 1e-12);
        }
        Tensor g = Tensor.arange(6).reshape(2, 3);
        assertArrayEquals(new double[] {3, 5, 7}, g.sumTo(3).toDoubleArray());
        assertArrayEquals(new double[] {3, 12}, g.sumTo(2, 1).toDoubleArray());
        assertArrayEquals(new double[] {15}, g.sumTo(1, 1).reshape(1).toDoubleArray());
        assertEquals(15, g.sumTo().item());
    }
}
