package dev.mollify.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** matmul, 2-D and batched with broadcast batch axes, on views, against the textbook triple loop. */
class TensorMatMulTest {

    /** C[i][j] = Σ_p A[i][p]·B[p][j], reading the operands through get() (any layout). */
    static double[] naive2d(Tensor a, Tensor b) {
        int m = a.size(0), k = a.size(1), n = b.size(1);
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a.get(i, p) * b.get(p, j);
                c[i * n + j] = s;
            }
        return c;
    }

    /** |got − want| ≤ 1e-13·Σ_p |a_ip b_pj|: the rounding bound of a length-k dot product, with room. */
    static void assertMatClose(Tensor a, Tensor b, double[] want, double[] got, double rel, String ctx) {
        int m = a.size(0), k = a.size(1), n = b.size(1);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double scale = 0;
                for (int p = 0; p < k; p++) scale += Math.abs(a.get(i, p) * b.get(p, j));
                assertEquals(
                        want[i * n + j], got[i * n + j], rel * (scale + 1e-300), ctx + " at (" + i + ", " + j + ")");
            }
    }

    @Test
    void smallKnownProduct() {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor b = Tensor.of(new double[][] {{7, 8}, {9, 10}, {11, 12}});
        assertArrayEquals(new double[] {58, 64, 139, 154}, a.matmul(b).toDoubleArray());
        assertArrayEquals(new int[] {2, 2}, a.matmul(b).shape());
        // (1,k)·(k,1) and (m,1)·(1,n) outer product
        assertEquals(
                14,
                Tensor.vector(1, 2, 3)
                        .reshape(1, 3)
                        .matmul(Tensor.vector(1, 2, 3).reshape(3, 1))
                        .item());
        assertArrayEquals(
                new double[] {3, 4, 6, 8},
                Tensor.vector(1, 2)
                        .reshape(2, 1)
                        .matmul(Tensor.vector(3, 4).reshape(1, 2))
                        .toDoubleArray());
        // k = 0 gives zeros
        assertArrayEquals(
                new double[4], Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 2)).toDoubleArray());
    }

    @Test
    void random2dShapesAndTransposedViewsMatchTripleLoop() {
        Rng rng = new Rng(31);
        int[] sizes = {1, 2, 3, 5, 8, 13, 17, 33, 64, 70};
        for (int trial = 0; trial < 40; trial++) {
            int m = sizes[rng.nextInt(sizes.length)],
                    k = sizes[rng.nextInt(sizes.length)],
                    n = sizes[rng.nextInt(sizes.length)];
            Tensor a = trial % 4 < 2
                    ? Tensor.randn(rng, m, k)
                    : Tensor.randn(rng, k, m).t(); // column-major A
            Tensor b = trial % 2 == 0
                    ? Tensor.randn(rng, k, n)
                    : Tensor.randn(rng, n, k).t(); // column-major B
            if (trial % 5 == 4)
                a = Tensor.randn(rng, m, 2 * k).slice(1, 2 * k - 1, -2 * k - 1, -2); // reversed, strided
            Tensor c = a.matmul(b);
            assertArrayEquals(new int[] {m, n}, c.shape());
            assertMatClose(
                    a,
                    b,
                    naive2d(a, b),
                    c.toDoubleArray(),
                    1e-13,
                    "(" + m + "x" + k + ")·(" + k + "x" + n + ") strides " + java.util.Arrays.toString(a.strides())
                            + " / " + java.util.Arrays.toString(b.strides()));
        }
    }

    @Test
    void batchedWithBroadcastBatchAxes() {
        Rng rng = new Rng(32);
        int[][][] cases = {
            {{2, 3, 4}, {2, 4, 5}},
            {{2, 1, 3, 4}, {5, 4, 2}}, // batch (2,1) with (5,) -> (2,5)
            {{3, 4}, {6, 4, 2}}, // 2-D left operand broadcast over the batch
            {{4, 1, 2, 3}, {1, 7, 3, 1}}, // both broadcast
            {{1, 5, 6}, {3, 6, 5}},
        };
        for (int[][] cs : cases) {
            Tensor a = Tensor.randn(rng, cs[0]);
            Tensor b = Tensor.randn(rng, cs[1]);
            Tensor c = a.matmul(b);
            int[] aBatch = java.util.Arrays.copyOf(cs[0], cs[0].length - 2);
            int[] bBatch = java.util.Arrays.copyOf(cs[1], cs[1].length - 2);
            int[] batch = Naive.broadcast(aBatch, bBatch);
            int m = cs[0][cs[0].length - 2], n = cs[1][cs[1].length - 1];
            int[] want = java.util.Arrays.copyOf(batch, batch.length + 2);
            want[batch.length] = m;
            want[batch.length + 1] = n;
            String ctx = Shapes.str(cs[0]) + "·" + Shapes.str(cs[1]);
            assertArrayEquals(want, c.shape(), ctx);
            for (int bi = 0; bi < Naive.numel(batch); bi++) {
                int[] idx = Naive.unravel(bi, batch);
                Tensor ai = pick(a, idx), bj = pick(b, idx), ci = pick(c, idx);
                assertMatClose(ai, bj, naive2d(ai, bj), ci.contiguous().toDoubleArray(), 1e-13, ctx + " batch " + bi);
            }
        }
    }

    /** The 2-D matrix of {@code t} at broadcast batch index {@code idx} (size-1 batch axes index 0). */
    static Tensor pick(Tensor t, int[] idx) {
        int lead = idx.length - (t.dim() - 2);
        Tensor r = t;
        for (int d = t.dim() - 3; d >= 0; d--) {
            int i = t.size(d) == 1 ? 0 : idx[lead + d];
            r = r.select(d, i);
        }
        return r;
    }

    @Test
    void batchedOperandsThatAreViews() {
        Rng rng = new Rng(33);
        Tensor a = Tensor.randn(rng, 4, 3, 2).permute(0, 2, 1); // (4, 2, 3), transposed matrices
        Tensor b = Tensor.randn(rng, 3, 5).expand(4, 3, 5); // stride-0 batch
        Tensor c = a.matmul(b);
        for (int i = 0; i < 4; i++) {
            Tensor ai = a.select(0, i), bi = b.select(0, i);
            assertMatClose(ai, bi, naive2d(ai, bi), c.select(0, i).contiguous().toDoubleArray(), 1e-13, "batch " + i);
        }
        // batched t(): A·Aᵀ is symmetric
        Tensor g = a.matmul(a.t());
        assertArrayEquals(g.toDoubleArray(), g.t().contiguous().toDoubleArray(), 1e-15);
    }

    @Test
    void f32MatmulMatchesDoubleReference() {
        Rng rng = new Rng(34);
        for (int[] mkn : new int[][] {{3, 4, 5}, {17, 33, 9}, {64, 64, 64}, {1, 70, 1}}) {
            Tensor a64 = Tensor.randn(rng, mkn[0], mkn[1]);
            Tensor b64 = Tensor.randn(rng, mkn[2], mkn[1]).t();
            Tensor a = a64.to(DType.F32), b = b64.to(DType.F32);
            Tensor c = a.matmul(b);
            assertEquals(DType.F32, c.dtype());
            // reference in double from the same float-rounded inputs; F32 accumulation error ≲ k·2⁻²⁴·Σ|ab|
            Tensor ar = a.to(DType.F64), br = b.to(DType.F64);
            assertMatClose(
                    ar, br, naive2d(ar, br), c.toDoubleArray(), mkn[1] * 6e-8, "F32 " + java.util.Arrays.toString(mkn));
        }
        Tensor batched = Tensor.randn(rng, 2, 3, 4)
                .to(DType.F32)
                .matmul(Tensor.randn(rng, 4, 2).to(DType.F32));
        assertEquals(DType.F32, batched.dtype());
        assertArrayEquals(new int[] {2, 3, 2}, batched.shape());
    }
}
