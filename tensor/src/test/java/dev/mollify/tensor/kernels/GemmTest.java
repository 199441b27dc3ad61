package dev.mollify.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code gemm} in both dtypes and both modes against a naive triple loop accumulated in double, over odd
 * shapes, transposed operands, offsets and {@code ldc > n}, with and without the 8×3 tile; plus the
 * reproducibility promise: with SIMD on, every element is exactly the fused-multiply-add chain over
 * {@code p}, whatever the thread count and the tile.
 */
class GemmTest extends KernelTestBase {
    private static final int[][] SHAPES = { // m, k, n
        {1, 1, 1},
        {3, 5, 7},
        {4, 1, 24},
        {5, 3, 49},
        {65, 33, 129},
        {17, 300, 29},
        {1000, 50, 50},
        {130, 260, 200},
        {2, 0, 3},
        {0, 4, 5},
        {64, 64, 64},
        {9, 9, 1},
        {20, 1024, 24}, // k = DEEP: the 8×3 tile's deepest single block
        {13, 1100, 27}, // k > DEEP: depth blocks continued from C
    };

    /** One operand layout: row-major, or transposed (column-major) storage of the same matrix. */
    private static final class Layout {
        final int off, rowStride, colStride, size;

        Layout(int rows, int cols, boolean transposed, int off) {
            this.off = off;
            this.rowStride = transposed ? 1 : cols;
            this.colStride = transposed ? rows : 1;
            this.size = off + rows * cols;
        }
    }

    /** Naive {@code C = A·B} accumulated in double, with {@code sum |a||b|} for the error bound. */
    private static double[][] reference(int m, int n, int k, double[] a, Layout la, double[] b, Layout lb) {
        double[][] r = new double[2][m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double t = a[la.off + i * la.rowStride + p * la.colStride]
                            * b[lb.off + p * lb.rowStride + j * lb.colStride];
                    s += t;
                    abs += Math.abs(t);
                }
                r[0][i * n + j] = s;
                r[1][i * n + j] = abs;
            }
        }
        return r;
    }

    @Test
    void f64MatchesNaiveProduct() {
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            for (int variant = 0; variant < 4; variant++) {
                Layout la = new Layout(m, k, (variant & 1) != 0, 2);
                Layout lb = new Layout(k, n, (variant & 2) != 0, 5);
                double[] a = doubles(la.size, false), b = doubles(lb.size, false);
                double[][] ref = reference(m, n, k, a, la, b, lb);
                int ldc = n + 3, cOff = 1;
                for (int mode = 0; mode < 3; mode++) { // scalar, SIMD, SIMD with the 8×3 tile
                    boolean on = mode > 0, eight = mode == 2;
                    double[] c = new double[cOff + m * ldc + 2];
                    java.util.Arrays.fill(c, 7.0); // C is overwritten, its padding left alone
                    boolean was = F64Gemm.setEightRows(eight);
                    simd(on, () -> {
                        F64Kernels.gemm(
                                m,
                                n,
                                k,
                                a,
                                la.off,
                                la.rowStride,
                                la.colStride,
                                b,
                                lb.off,
                                lb.rowStride,
                                lb.colStride,
                                c,
                                cOff,
                                ldc);
                        return null;
                    });
                    F64Gemm.setEightRows(was);
                    String what = m + "x" + k + "x" + n + " variant " + variant + " mode " + mode;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < ldc; j++) {
                            double got = c[cOff + i * ldc + j];
                            if (j >= n) {
                                assertEquals(7.0, got, what + " wrote padding");
                            } else {
                                assertEquals(ref[0][i * n + j], got, 1e-12 * ref[1][i * n + j] + 1e-300, what);
                            }
                        }
                    }
                    assertEquals(7.0, c[0], what);
                    assertEquals(7.0, c[c.length - 1], what);
                }
            }
        }
    }

    @Test
    void f32MatchesNaiveProduct() {
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            for (int variant = 0; variant < 4; variant++) {
                Layout la = new Layout(m, k, (variant & 1) != 0, 2);
                Layout lb = new Layout(k, n, (variant & 2) != 0, 5);
                float[] a = floats(la.size, false), b = floats(lb.size, false);
                double[] ad = new double[a.length], bd = new double[b.length];
                for (int i = 0; i < a.length; i++) ad[i] = a[i];
                for (int i = 0; i < b.length; i++) bd[i] = b[i];
                double[][] ref = reference(m, n, k, ad, la, bd, lb);
                int ldc = n + 3, cOff = 1;
                for (int mode = 0; mode < 3; mode++) { // scalar, SIMD, SIMD with the 8×3 tile
                    boolean on = mode > 0, eight = mode == 2;
                    float[] c = new float[cOff + m * ldc + 2];
                    java.util.Arrays.fill(c, 7f);
                    boolean was = F32Gemm.setEightRows(eight);
                    simd(on, () -> {
                        F32Kernels.gemm(
                                m,
                                n,
                                k,
                                a,
                                la.off,
                                la.rowStride,
                                la.colStride,
                                b,
                                lb.off,
                                lb.rowStride,
                                lb.colStride,
                                c,
                                cOff,
                                ldc);
                        return null;
                    });
                    F32Gemm.setEightRows(was);
                    String what = m + "x" + k + "x" + n + " variant " + variant + " mode " + mode;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < ldc; j++) {
                            float got = c[cOff + i * ldc + j];
                            if (j >= n) {
                                assertEquals(7f, got, what + " wrote padding");
                            } else {
                                assertEquals(ref[0][i * n + j], got, 1e-4 * ref[1][i * n + j] + 1e-30, what);
                            }
                        }
                    }
                    assertEquals(7f, c[0], what);
                    assertEquals(7f, c[c.length - 1], what);
                }
            }
        }
    }

    /** Shapes large enough to be split: by rows (tall C) and by column groups (wide C). */
    private static final int[][] SPLIT_SHAPES = {{300, 200, 100}, {64, 300, 301}, {131, 257, 263}, {83, 1030, 60}};

    @Test
    void f64IsTheFmaChainForAnyThreadCount() {
        for (int[] s : SPLIT_SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            double[] a = doubles(m * k, false), b = doubles(k * n, false);
            double[] chain = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) acc = Math.fma(a[i * k + p], b[p * n + j], acc);
                    chain[i * n + j] = acc;
                }
            }
            assertTrue((long) m * n * k >= F64Gemm.PARALLEL_WORK, "shape too small to be split");
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                for (boolean eight : new boolean[] {false, true}) {
                    boolean was = F64Gemm.setEightRows(eight);
                    double[] c = simd(true, () -> {
                        double[] r = new double[m * n];
                        F64Kernels.gemm(m, n, k, a, 0, k, 1, b, 0, n, 1, r, 0, n);
                        return r;
                    });
                    F64Gemm.setEightRows(was);
                    String what = m + "x" + k + "x" + n + " threads=" + threads + " eight=" + eight;
                    if (Simd.available()) assertArrayEquals(chain, c, what);
                }
            }
        }
    }

    @Test
    void f32IsTheFmaChainForAnyThreadCount() {
        for (int[] s : SPLIT_SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = floats(m * k, false), b = floats(k * n, false);
            float[] chain = new float[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float acc = 0;
                    for (int p = 0; p < k; p++) acc = Math.fma(a[i * k + p], b[p * n + j], acc);
                    chain[i * n + j] = acc;
                }
            }
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                for (boolean eight : new boolean[] {false, true}) {
                    boolean was = F32Gemm.setEightRows(eight);
                    float[] c = simd(true, () -> {
                        float[] r = new float[m * n];
                        F32Kernels.gemm(m, n, k, a, 0, k, 1, b, 0, n, 1, r, 0, n);
                        return r;
                    });
                    F32Gemm.setEightRows(was);
                    String what = m + "x" + k + "x" + n + " threads=" + threads + " eight=" + eight;
                    if (Simd.available()) assertArrayEquals(chain, c, what);
                }
            }
        }
    }
}
