package dev.mollify.mollifier;

import dev.mollify.tensor.kernels.Parallel;
import java.util.Arrays;

/**
 * Direct "valid" correlation of a batch of 1-, 2- or 3-D fields with one kernel, on flat row-major
 * {@code double[]} or {@code float[]} arrays (one overload each, the same loops).
 *
 * <p><b>Layout.</b> {@code x}: {@code batch} fields of spatial shape {@code xs} (1 to 3 axes),
 * row-major, field b at offset b·Πxs. {@code w}: kernel of shape {@code ks} (same rank, ks ≤ xs).
 * {@code y}: batch fields of shape {@code ys = xs − ks + 1}. Definition:
 * y[b, o] = Σ_k w[k]·x[b, o + k]. Shapes are handled as 3-D by prefixing axes of size 1.
 *
 * <p><b>Work units and threads.</b> Both loops work on units of (field, row, segment of
 * {@link #SEGMENT} positions along the last axis). Calls of at least {@link #PARALLEL_WORK}
 * multiply-adds are split across {@link Parallel#threads()} threads by units. The split never changes
 * the arithmetic: a correlation output is computed by the same operations whoever owns its unit (segments
 * start at multiples of every vector block), and the per-tap reduction sums its units in a fixed
 * number of groups, independent of the thread count, that are then added in order. Results are
 * bit-identical for any number of threads.
 */
final class DirectCorrelation {
    private DirectCorrelation() {}

    static int[] as3d(int[] s) {
        int[] r = {1, 1, 1};
        System.arraycopy(s, 0, r, 3 - s.length, s.length);
        return r;
    }

    /** y = valid correlation of x with w (y is overwritten). */
    static void correlate(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] y) {
        int[] X = as3d(xs), K = as3d(ks);
        int[] Y = {X[0] - K[0] + 1, X[1] - K[1] + 1, X[2] - K[2] + 1};
        int xField = X[0] * X[1] * X[2], yField = Y[0] * Y[1] * Y[2];
        int segs = (Y[2] + SEGMENT - 1) / SEGMENT, rows = Y[0] * Y[1];
        long work = (long) batch * yField * K[0] * K[1] * K[2];
        forUnits(batch * rows * segs, work, (u0, u1) -> {
            for (int u = u0; u < u1; u++) {
                int seg = u % segs, r = (u / segs) % rows, b = u / segs / rows;
                int oz = r / Y[1], oy = r % Y[1], o0 = seg * SEGMENT, on = Math.min(SEGMENT, Y[2] - o0);
                int yRow = b * yField + r * Y[2] + o0;
                Arrays.fill(y, yRow, yRow + on, 0.0);
                for (int kz = 0; kz < K[0]; kz++) {
                    for (int ky = 0; ky < K[1]; ky++) {
                        int xRow = b * xField + ((oz + kz) * X[1] + oy + ky) * X[2] + o0;
                        RowKernels.correlateRow(x, xRow, w, (kz * K[1] + ky) * K[2], K[2], y, yRow, on);
                    }
                }
            }
        });
    }

    /**
     * c[k] = Σ_b Σ_o g[b, o]·x[b, o + k]: the per-tap reduction of docs/math.md, "Width gradient" (c is overwritten, shape
     * ks = xs − gs + 1).
     */
    static void tapCorrelate(double[] x, int batch, int[] xs, double[] g, int[] gs, double[] c) {
        int[] X = as3d(xs), G = as3d(gs);
        int[] K = {X[0] - G[0] + 1, X[1] - G[1] + 1, X[2] - G[2] + 1};
        int xField = X[0] * X[1] * X[2], gField = G[0] * G[1] * G[2], nk = K[0] * K[1] * K[2];
        int segs = (G[2] + SEGMENT - 1) / SEGMENT, rows = G[0] * G[1], units = batch * rows * segs;
        int groups = Math.min(units, REDUCTION_GROUPS);
        double[][] partial = new double[groups][nk];
        long work = (long) batch * gField * nk;
        forUnits(groups, work, (g0, g1) -> {
            for (int grp = g0; grp < g1; grp++) {
                double[] acc = partial[grp];
                int uEnd = (int) ((long) units * (grp + 1) / groups);
                for (int u = (int) ((long) units * grp / groups); u < uEnd; u++) {
                    int seg = u % segs, r = (u / segs) % rows, b = u / segs / rows;
                    int oz = r / G[1], oy = r % G[1], o0 = seg * SEGMENT, on = Math.min(SEGMENT, G[2] - o0);
                    int gRow = b * gField + r * G[2] + o0;
                    for (int kz = 0; kz < K[0]; kz++) {
                        for (int ky = 0; ky < K[1]; ky++) {
                            int xRow = b * xField + ((oz + kz) * X[1] + oy + ky) * X[2] + o0;
                            RowKernels.tapRow(g, gRow, x, xRow, on, K[2], acc, (kz * K[1] + ky) * K[2]);
                        }
                    }
                }
            }
        });
        for (int k = 0; k < nk; k++) c[k] = groupSum(partial, k);
    }

    /** y = valid correlation of x with w (y is overwritten) (float lanes). */
    static void correlate(float[] x, int batch, int[] xs, float[] w, int[] ks, float[] y) {
        int[] X = as3d(xs), K = as3d(ks);
        int[] Y = {X[0] - K[0] + 1, X[1] - K[1] + 1, X[2] - K[2] + 1};
        int xField = X[0] * X[1] * X[2], yField = Y[0] * Y[1] * Y[2];
        int segs = (Y[2] + SEGMENT - 1) / SEGMENT, rows = Y[0] * Y[1];
        long work = (long) batch * yField * K[0] * K[1] * K[2];
        forUnits(batch * rows * segs, work, (u0, u1) -> {
            for (int u = u0; u < u1; u++) {
                int seg = u % segs, r = (u / segs) % rows, b = u / segs / rows;
                int oz = r / Y[1], oy = r % Y[1], o0 = seg * SEGMENT, on = Math.min(SEGMENT, Y[2] - o0);
                int yRow = b * yField + r * Y[2] + o0;
                Arrays.fill(y, yRow, yRow + on, 0.0f);
                for (int kz = 0; kz < K[0]; kz++) {
                    for (int ky = 0; ky < K[1]; ky++) {
                        int xRow = b * xField + ((oz + kz) * X[1] + oy + ky) * X[2] + o0;
                        RowKernels.correlateRow(x, xRow, w, (kz * K[1] + ky) * K[2], K[2], y, yRow, on);
                    }
                }
            }
        });
    }

    /**
     * c[k] = Σ_b Σ_o g[b, o]·x[b, o + k]: the per-tap reduction of docs/math.md, "Width gradient" (c is overwritten, shape
     * ks = xs − gs + 1) (float lanes within a segment; the sums accumulate in double across segments).
     */
    static void tapCorrelate(float[] x, int batch, int[] xs, float[] g, int[] gs, float[] c) {
        int[] X = as3d(xs), G = as3d(gs);
        int[] K = {X[0] - G[0] + 1, X[1] - G[1] + 1, X[2] - G[2] + 1};
        int xField = X[0] * X[1] * X[2], gField = G[0] * G[1] * G[2], nk = K[0] * K[1] * K[2];
        int segs = (G[2] + SEGMENT - 1) / SEGMENT, rows = G[0] * G[1], units = batch * rows * segs;
        int groups = Math.min(units, REDUCTION_GROUPS);
        double[][] partial = new double[groups][nk]; // twin: keeps double, the per-tap sums of both precisions
        long work = (long) batch * gField * nk;
        forUnits(groups, work, (g0, g1) -> {
            for (int grp = g0; grp < g1; grp++) {
                double[] acc = partial[grp]; // twin: keeps double, the per-tap sums
                int uEnd = (int) ((long) units * (grp + 1) / groups);
                for (int u = (int) ((long) units * grp / groups); u < uEnd; u++) {
                    int seg = u % segs, r = (u / segs) % rows, b = u / segs / rows;
                    int oz = r / G[1], oy = r % G[1], o0 = seg * SEGMENT, on = Math.min(SEGMENT, G[2] - o0);
                    int gRow = b * gField + r * G[2] + o0;
                    for (int kz = 0; kz < K[0]; kz++) {
                        for (int ky = 0; ky < K[1]; ky++) {
                            int xRow = b * xField + ((oz + kz) * X[1] + oy + ky) * X[2] + o0;
                            RowKernels.tapRow(g, gRow, x, xRow, on, K[2], acc, (kz * K[1] + ky) * K[2]);
                        }
                    }
                }
            }
        });
        for (int k = 0; k < nk; k++) c[k] = (float) groupSum(partial, k);
    }

    /** Σ_grp partial[grp][k], the groups in order. */
    private static double groupSum(double[][] partial, int k) {
        double sum = 0;
        for (double[] p : partial) sum += p[k];
        return sum;
    }

    /** Positions along the last axis per work unit: a multiple of every vector block (8 vectors of up to 64 lanes). */
    static final int SEGMENT = 4096;
    /** The per-tap reduction sums its units in this many groups (at most), whatever the thread count. */
    static final int REDUCTION_GROUPS = 64;
    /** Calls with fewer multiply-adds than this run on the calling thread. */
    static final long PARALLEL_WORK = 1L << 20;

    /** Runs {@code body} over units [0, count), split into up to {@link Parallel#threads()} contiguous parts when the work is large. */
    static void forUnits(int count, long work, Parallel.Range body) {
        Parallel.forRange(count, work >= PARALLEL_WORK, body);
    }
}
