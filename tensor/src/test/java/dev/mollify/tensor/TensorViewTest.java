package dev.mollify.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Views: values against index formulas on the original row-major data, and storage sharing (the
 * view's backing array is the same object as the base's) wherever the Javadoc promises a view.
 */
class TensorViewTest {
    /** 0, 1, 2, … as a contiguous tensor of {@code shape}: element value = its row-major position. */
    static Tensor iota(int... shape) {
        return Tensor.arange(Naive.numel(shape)).reshape(shape);
    }

    @Test
    void reshapeOfContiguousIsAViewWithContiguousStrides() {
        Tensor a = iota(2, 3, 4);
        Tensor r = a.reshape(4, -1);
        assertArrayEquals(new int[] {4, 6}, r.shape());
        assertArrayEquals(new int[] {6, 1}, r.strides());
        assertSame(a.d, r.d);
        assertArrayEquals(a.toDoubleArray(), r.toDoubleArray());
        assertSame(a, a.reshape(2, 3, 4)); // same shape: the very same tensor
        assertArrayEquals(new int[] {24}, a.flatten().shape());
        assertSame(a.d, a.flatten().d);
    }

    @Test
    void permuteAndTransposeAreViews() {
        Tensor a = iota(2, 3, 4);
        Tensor p = a.permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, p.shape());
        assertArrayEquals(new int[] {1, 12, 4}, p.strides());
        assertSame(a.d, p.d);
        assertFalse(p.isContiguous());
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) assertEquals(i * 12 + j * 4 + k, p.get(k, i, j));
        Tensor neg = a.permute(-1, -3, -2); // negative axes mean the same
        assertArrayEquals(p.toDoubleArray(), neg.toDoubleArray());

        Tensor t = a.transpose(0, 2);
        assertArrayEquals(new int[] {4, 3, 2}, t.shape());
        assertEquals(1 * 12 + 2 * 4 + 3, t.get(3, 2, 1));
        Tensor m = iota(3, 5);
        Tensor mt = m.t();
        assertArrayEquals(new int[] {5, 3}, mt.shape());
        assertArrayEquals(new int[] {1, 5}, mt.strides());
        assertSame(m.d, mt.d);
        assertEquals(m.get(2, 4), mt.get(4, 2));
        // batched t() swaps the last two axes
        assertArrayEquals(new int[] {2, 4, 3}, a.t().shape());
        // contiguous() of a permuted view copies into row-major order
        Tensor c = p.contiguous();
        assertTrue(c.isContiguous());
        assertNotSame(a.d, c.d);
        assertEquals(p.get(3, 1, 2), c.get(3, 1, 2));
        assertSame(a, a.contiguous());
    }

    @Test
    void sliceMatchesPythonSemanticsIncludingNegativeSteps() {
        Rng rng = new Rng(11);
        int size = 7;
        Tensor base = iota(3, size, 2);
        int[] steps = {1, 2, 3, -1, -2, -3, 5, -7, 8};
        int checked = 0;
        for (int step : steps) {
            for (int start = -10; start <= 10; start++) {
                for (int end = -10; end <= 10; end++) {
                    if (rng.nextInt(3) != 0) continue; // a third of the grid keeps the test quick
                    int[] want = Naive.pythonSlice(size, start, end, step);
                    Tensor s = base.slice(1, start, end, step);
                    String ctx = "slice(1, " + start + ", " + end + ", " + step + ")";
                    assertArrayEquals(new int[] {3, want.length, 2}, s.shape(), ctx);
                    assertSame(base.d, s.d, ctx);
                    for (int i = 0; i < 3; i++)
                        for (int j = 0; j < want.length; j++)
                            for (int k = 0; k < 2; k++) assertEquals(i * 14 + want[j] * 2 + k, s.get(i, j, k), ctx);
                    if (want.length > 0) assertEquals(want[0] * 2 + 0.0, s.get(0, 0, 0), ctx);
                    checked++;
                }
            }
        }
        assertTrue(checked > 300);
        // known cases written out: x[::-1], x[5:1:-2], x[-3:], x[:100:3] for x = 0..6
        Tensor x = Tensor.arange(7);
        assertArrayEquals(
                new double[] {6, 5, 4, 3, 2, 1, 0}, x.slice(0, 6, -8, -1).toDoubleArray());
        assertArrayEquals(new double[] {5, 3}, x.slice(0, 5, 1, -2).toDoubleArray());
        assertArrayEquals(new double[] {4, 5, 6}, x.slice(0, -3, 7, 1).toDoubleArray());
        assertArrayEquals(new double[] {0, 3, 6}, x.slice(0, 0, 100, 3).toDoubleArray());
        assertArrayEquals(new int[] {-2}, x.slice(0, 5, 1, -2).strides());
    }

    @Test
    void slicesOfSlicesCompose() {
        Tensor x = Tensor.arange(20);
        Tensor s = x.slice(0, 18, 1, -3).slice(0, 1, 5, 2); // [18,15,12,9,6,3][1:5:2] = [15, 9]
        assertArrayEquals(new double[] {15, 9}, s.toDoubleArray());
        assertSame(x.d, s.d);
        assertArrayEquals(new int[] {-6}, s.strides());
    }

    @Test
    void narrowSelectFlip() {
        Tensor a = iota(3, 4);
        Tensor n = a.narrow(1, 1, 2);
        assertArrayEquals(new int[] {3, 2}, n.shape());
        assertSame(a.d, n.d);
        assertArrayEquals(new double[] {1, 2, 5, 6, 9, 10}, n.toDoubleArray());
        assertEquals(0, a.narrow(0, 3, 0).numel()); // empty narrow at the end is allowed

        Tensor row = a.select(0, 1);
        assertArrayEquals(new int[] {4}, row.shape());
        assertArrayEquals(new double[] {4, 5, 6, 7}, row.toDoubleArray());
        assertSame(a.d, row.d);
        Tensor col = a.select(1, -1);
        assertArrayEquals(new double[] {3, 7, 11}, col.toDoubleArray());
        assertArrayEquals(new int[] {4}, col.strides());

        Tensor f = a.flip(1);
        assertSame(a.d, f.d);
        assertArrayEquals(new int[] {4, -1}, f.strides());
        assertArrayEquals(new double[] {3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8}, f.toDoubleArray());
        assertArrayEquals(
                new double[] {8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3}, a.flip(0).toDoubleArray());
        assertArrayEquals(a.toDoubleArray(), f.flip(-1).toDoubleArray());
    }

    @Test
    void expandBroadcastsWithZeroStrides() {
        Tensor col = Tensor.vector(1, 2, 3).reshape(3, 1);
        Tensor e = col.expand(2, 3, 4);
        assertArrayEquals(new int[] {2, 3, 4}, e.shape());
        assertArrayEquals(new int[] {0, 1, 0}, e.strides());
        assertSame(col.d, e.d);
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) assertEquals(i + 1, e.get(b, i, j));
        assertFalse(e.isContiguous());
        Tensor c = e.contiguous();
        assertArrayEquals(new int[] {12, 4, 1}, c.strides());
        assertArrayEquals(e.toDoubleArray(), c.toDoubleArray());
        assertSame(col, col.expand(3, 1));
        // a scalar expands to anything
        assertArrayEquals(
                new double[] {5, 5, 5, 5}, Tensor.scalar(5).expand(2, 2).toDoubleArray());
    }

    @Test
    void squeezeUnsqueeze() {
        Tensor a = iota(1, 3, 1, 2);
        Tensor s = a.squeeze();
        assertArrayEquals(new int[] {3, 2}, s.shape());
        assertSame(a.d, s.d);
        assertArrayEquals(new int[] {3, 1, 2}, a.squeeze(0).shape());
        assertArrayEquals(new int[] {1, 3, 2}, a.squeeze(-2).shape());
        Tensor u = s.unsqueeze(1);
        assertArrayEquals(new int[] {3, 1, 2}, u.shape());
        assertSame(a.d, u.d);
        assertTrue(u.isContiguous());
        assertArrayEquals(new int[] {3, 2, 1}, s.unsqueeze(2).shape());
        assertArrayEquals(new int[] {3, 2, 1}, s.unsqueeze(-1).shape());
        assertArrayEquals(new int[] {1, 3, 2}, s.unsqueeze(0).shape());
        assertArrayEquals(s.toDoubleArray(), s.unsqueeze(2).toDoubleArray());
        // unsqueeze of a transposed view keeps the values in the right places
        Tensor tt = s.t().unsqueeze(1);
        assertArrayEquals(new int[] {2, 1, 3}, tt.shape());
        for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) assertEquals(s.get(i, j), tt.get(j, 0, i));
    }

    @Test
    void copyIsContiguousAndIndependent() {
        Tensor a = iota(2, 3);
        Tensor c = a.copy();
        assertNotSame(a.d, c.d);
        assertArrayEquals(a.toDoubleArray(), c.toDoubleArray());
        Tensor f = a.t().to(DType.F32);
        assertEquals(DType.F32, f.dtype());
        assertTrue(f.isContiguous());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, f.toFloatArray());
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, f.to(DType.F64).toDoubleArray());
    }

    /**
     * Reshape of random non-contiguous views (permutes, strided and reversed slices, expands) to random
     * compatible shapes: values must equal a row-major read of the view, whether the reshape
     * returned a view (same storage) or a copy; both branches must be exercised.
     */
    @Test
    void reshapeOfNonContiguousViewsMatchesNaive() {
        Rng rng = new Rng(2024);
        int views = 0, copies = 0;
        for (int trial = 0; trial < 400; trial++) {
            int[] shape = Naive.randomShape(rng, 1 + rng.nextInt(4), 4);
            Tensor base = iota(shape);
            Tensor v = base;
            // a random chain of view operations
            for (int op = 0; op < 3; op++) {
                int r = v.dim();
                switch (rng.nextInt(4)) {
                    case 0:
                        v = v.permute(rng.permutation(r));
                        break;
                    case 1: {
                        int ax = rng.nextInt(r);
                        int step = (rng.nextInt(2) == 0 ? 1 : -1) * (1 + rng.nextInt(2));
                        Tensor s = v.slice(
                                ax, step > 0 ? 0 : v.size(ax) - 1, step > 0 ? v.size(ax) : -v.size(ax) - 1, step);
                        if (s.numel() > 0) v = s;
                        break;
                    }
                    case 2:
                        v = v.unsqueeze(rng.nextInt(r + 1));
                        break;
                    default: {
                        int[] es = v.shape();
                        for (int i = 0; i < es.length; i++) if (es[i] == 1 && rng.nextInt(2) == 0) es[i] = 2;
                        v = v.expand(es);
                    }
                }
            }
            double[] rowMajor = readRowMajor(v);
            int[] target = randomFactorisation(rng, v.numel());
            Tensor r = v.reshape(target);
            assertArrayEquals(target, r.shape());
            assertArrayEquals(
                    rowMajor,
                    readRowMajor(r),
                    "reshape " + Shapes.str(v.shape()) + " strides " + java.util.Arrays.toString(v.strides()) + " -> "
                            + Shapes.str(target));
            if (r.d == base.d) views++;
            else copies++;
        }
        // the random chains must exercise both branches
        assertTrue(views > 50, "views " + views);
        assertTrue(copies > 50, "copies " + copies);
    }

    @Test
    void reshapeViewVersusCopyOnKnownCases() {
        Tensor a = iota(4, 6);
        // a column block: rows stay contiguous inside, so splitting the columns is a view
        Tensor block = a.narrow(1, 0, 4);
        Tensor split = block.reshape(4, 2, 2);
        assertSame(a.d, split.d);
        assertArrayEquals(new int[] {6, 2, 1}, split.strides());
        // merging rows across the gap is impossible without a copy
        Tensor merged = block.reshape(16);
        assertNotSame(a.d, merged.d);
        assertArrayEquals(
                new double[] {0, 1, 2, 3, 6, 7, 8, 9, 12, 13, 14, 15, 18, 19, 20, 21}, merged.toDoubleArray());
        // transposed then flattened: a copy, in the transposed order
        assertArrayEquals(
                new double[] {0, 6, 12, 18, 1, 7},
                a.t().reshape(-1).narrow(0, 0, 6).toDoubleArray());
        // merging axes of a permuted tensor: a view only when they stay adjacent in memory
        Tensor b = iota(2, 3, 4).permute(0, 2, 1); // strides (12, 1, 4)
        Tensor bm = b.reshape(2, 12);
        assertNotSame(b.d, bm.d); // (4,3) with strides (1,4) cannot be flattened
        Tensor c = iota(2, 3, 4).permute(1, 2, 0); // shape (3, 4, 2), strides (4, 1, 12): axes 0,1 merge
        Tensor cm = c.reshape(12, 2);
        assertSame(c.d, cm.d);
        assertArrayEquals(new int[] {1, 12}, cm.strides());
        assertArrayEquals(readRowMajor(c), readRowMajor(cm));
    }

    /** Row-major read through {@link Tensor#get}, the one-element accessor (offset + Σ i·stride). */
    static double[] readRowMajor(Tensor t) {
        int[] shape = t.shape();
        double[] out = new double[t.numel()];
        for (int i = 0; i < out.length; i++) out[i] = t.get(Naive.unravel(i, shape));
        return out;
    }

    /** A random shape with {@code n} elements (rank 1 to 4, with some size-1 axes). */
    static int[] randomFactorisation(Rng rng, int n) {
        int rank = 1 + rng.nextInt(4);
        int[] s = new int[rank];
        int left = n;
        for (int i = 0; i < rank - 1; i++) {
            int[] divisors = new int[left];
            int c = 0;
            for (int d = 1; d <= left; d++) if (left % d == 0) divisors[c++] = d;
            s[i] = divisors[rng.nextInt(c)];
            left /= s[i];
        }
        s[rank - 1] = left;
        // shuffle so the big factor is not always last
        int[] p = rng.permutation(rank);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) out[i] = s[p[i]];
        return out;
    }
}
