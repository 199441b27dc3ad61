package dev.mollify.mollifier;

import dev.mollify.tensor.PadMode;

/**
 * Both gradients of y = correlate(x, w) in one pass over the output gradient g, for kernels long along
 * the last axis only (one pass of a tensor-product kernel, the common case):
 * <pre>
 *   z = fullConvolve(g, w)     z[b, o] = Σ_k w[k]·g[b, o − k]       (to the input)
 *   c = tapCorrelate(x, g)     c[k]   = Σ_{b,o} g[b, o]·x[b, o + k] = Σ_{b,o} g[b, o − k]·x[b, o]  (to the kernel; §4)
 * </pre>
 * Written over the outputs o of z, both read the same values g[o − k]: {@link RowKernels#correlateTapRow}
 * loads each vector of g once per tap and feeds it to the z accumulators (times w[k]) and to tap k's
 * sum (times the vector of x at o, held in registers across the taps). The forward correlation does one
 * load per multiply-add; this loop does one per two (the per-tap sums cover every tap, z only the
 * non-zero ones).
 *
 * <p>Layout as in {@link DirectCorrelation}. Work units are (field, row, segment of {@link DirectCorrelation#SEGMENT}
 * outputs of z; the last segment of a row also takes the K − 1 outputs past g's end), so each unit's
 * share of c covers the pairs (o, k) with o in its segment. The per-tap sums are added up as in
 * {@link DirectCorrelation#tapCorrelate}: units in {@link DirectCorrelation#REDUCTION_GROUPS} fixed groups, each group's
 * sums in double, the groups added in order, so c is bit-identical for any thread count (it is a
 * different order of the same sum than {@link DirectCorrelation#tapCorrelate}, which splits by segments of g, and
 * agrees with it to rounding). F32: the per-tap sums run in float lanes within blocks of 2048 outputs
 * and accumulate in double across blocks and units. z is the arithmetic of {@link FullConvolution#convolveFull}'s
 * vector loops (one fma per non-zero-range tap, in ascending order) at every output; where that row loop
 * ends in a scalar tail (separate multiply and add) the two differ by rounding.
 */
final class FusedBackward {
    private FusedBackward() {}

    /** True when the kernel is long along the last axis only (1 on the others), the case handled here. */
    static boolean supports(int[] ks) {
        for (int a = 0; a < ks.length - 1; a++) if (ks[a] != 1) return false;
        return true;
    }

    /** z and c for y = correlate(x, w), g of shape xs − ks + 1 (z, c overwritten): the folded form with no halo. */
    static void correlateBackward(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] g, double[] z, double[] c) {
        correlateBackwardFolded(x, batch, xs, w, ks, g, z, c, 0, null); // no halo: z is the whole padded-size gradient
    }

    /**
     * Outputs [o0, o0 + on) of one row of z (output o at z[zBase + o], its x at x[xBase + o], g's row at
     * gRow), and their share of the per-tap sums: outputs whose taps all fall inside g read it in place,
     * the (at most K − 1) at each end of the row a zero-padded copy of the part of g they read.
     */
    private static void unit(double[] g, int gRow, int gn, double[] wf, int kn, double[] z, int zBase, double[] x, int xBase, int o0, int on,
                             double[] acc, double[][] scratch) {
        int end = o0 + on;
        int lo = Math.max(o0, kn - 1), hi = Math.min(end, gn);
        if (lo >= hi) {
            edge(g, gRow, gn, wf, kn, z, zBase, x, xBase, o0, end, acc, scratch);
            return;
        }
        edge(g, gRow, gn, wf, kn, z, zBase, x, xBase, o0, lo, acc, scratch);
        RowKernels.correlateTapRow(g, gRow + lo - (kn - 1), wf, kn, z, zBase + lo, x, xBase + lo, hi - lo, acc);
        edge(g, gRow, gn, wf, kn, z, zBase, x, xBase, hi, end, acc, scratch);
    }

    private static void edge(double[] g, int gRow, int gn, double[] wf, int kn, double[] z, int zBase, double[] x, int xBase, int e0, int e1,
                             double[] acc, double[][] scratch) {
        if (e0 >= e1) return;
        int len = e1 - e0 + kn - 1;
        if (scratch[0].length < len) scratch[0] = new double[len];
        double[] s = scratch[0];
        for (int i = 0; i < len; i++) {
            int p = e0 + i - (kn - 1);
            s[i] = p >= 0 && p < gn ? g[gRow + p] : 0.0;
        }
        RowKernels.correlateTapRow(s, 0, wf, kn, z, zBase + e0, x, xBase + e0, e1 - e0, acc);
    }

    /** Float lanes; the per-tap sums accumulate in double across blocks of 2048 outputs (see the class comment). */
    static void correlateBackward(float[] x, int batch, int[] xs, float[] w, int[] ks, float[] g, float[] z, float[] c) {
        correlateBackwardFolded(x, batch, xs, w, ks, g, z, c, 0, null); // no halo: z is the whole padded-size gradient
    }

    /**
     * Outputs [o0, o0 + on) of one row of z (output o at z[zBase + o], its x at x[xBase + o], g's row at
     * gRow), and their share of the per-tap sums: outputs whose taps all fall inside g read it in place,
     * the (at most K − 1) at each end of the row a zero-padded copy of the part of g they read.
     */
    private static void unit(float[] g, int gRow, int gn, float[] wf, int kn, float[] z, int zBase, float[] x, int xBase, int o0, int on,
                             double[] acc, float[][] scratch) {
        int end = o0 + on;
        int lo = Math.max(o0, kn - 1), hi = Math.min(end, gn);
        if (lo >= hi) {
            edge(g, gRow, gn, wf, kn, z, zBase, x, xBase, o0, end, acc, scratch);
            return;
        }
        edge(g, gRow, gn, wf, kn, z, zBase, x, xBase, o0, lo, acc, scratch);
        RowKernels.correlateTapRow(g, gRow + lo - (kn - 1), wf, kn, z, zBase + lo, x, xBase + lo, hi - lo, acc);
        edge(g, gRow, gn, wf, kn, z, zBase, x, xBase, hi, end, acc, scratch);
    }

    private static void edge(float[] g, int gRow, int gn, float[] wf, int kn, float[] z, int zBase, float[] x, int xBase, int e0, int e1,
                             double[] acc, float[][] scratch) {
        if (e0 >= e1) return;
        int len = e1 - e0 + kn - 1;
        if (scratch[0].length < len) scratch[0] = new float[len];
        float[] s = scratch[0];
        for (int i = 0; i < len; i++) {
            int p = e0 + i - (kn - 1);
            s[i] = p >= 0 && p < gn ? g[gRow + p] : 0.0f;
        }
        RowKernels.correlateTapRow(s, 0, wf, kn, z, zBase + e0, x, xBase + e0, e1 - e0, acc);
    }

    /**
     * {@link #correlateBackward} for x = the field padded by {@code m} cells at both ends of the last axis
     * in {@code mode} (what {@link BoundaryPadding#pad} made), with the input gradient folded straight
     * back onto the unpadded field: {@code out} (n = xs[last] − 2m cells per row) = fold(z), the fold of
     * {@link BoundaryPadding}. The middle of each row of z is written into {@code out} in place, the 2m
     * halo outputs into a small side array that is added onto their source cells afterwards, in the
     * order {@link BoundaryPadding#fold} adds them. No padded-size gradient
     * array, no separate fold pass. With m = 0 (no halo, {@code mode} unused) this is
     * {@link #correlateBackward}; with m &gt; 0 rows are also split at the halo edges, where a vector loop
     * may hand over to its scalar tail, so z and c agree with fold(correlateBackward) to rounding.
     */
    static void correlateBackwardFolded(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] g, double[] out, double[] c, int m, PadMode mode) {
        int[] X = DirectCorrelation.as3d(xs);
        int kn = w.length, gn = X[2] - kn + 1, zn = X[2], n = zn - 2 * m;
        int rows = X[0] * X[1], segs = (gn + DirectCorrelation.SEGMENT - 1) / DirectCorrelation.SEGMENT, units = batch * rows * segs;
        int groups = Math.min(units, DirectCorrelation.REDUCTION_GROUPS);
        double[] wf = FullConvolution.flip(w, ks);
        double[] halo = new double[batch * rows * 2 * m];
        double[][] partial = new double[groups][kn];
        DirectCorrelation.forUnits(groups, 2L * batch * rows * gn * kn, (g0, g1) -> {
            double[][] scratch = {new double[0]};
            for (int grp = g0; grp < g1; grp++) {
                int uEnd = (int) ((long) units * (grp + 1) / groups);
                for (int u = (int) ((long) units * grp / groups); u < uEnd; u++) {
                    int seg = u % segs, row = u / segs, o0 = seg * DirectCorrelation.SEGMENT;
                    int end = seg == segs - 1 ? zn : o0 + DirectCorrelation.SEGMENT;
                    int xRow = row * zn, outRow = row * n, hRow = row * 2 * m;
                    // z's outputs [0, m) and [m + n, zn) go to the halo array, [m, m + n) to out
                    int a = Math.min(end, m), b = Math.max(o0, m + n);
                    if (o0 < a) unit(g, row * gn, gn, wf, kn, halo, hRow, x, xRow, o0, a - o0, partial[grp], scratch);
                    int lo = Math.max(o0, m), hi = Math.min(end, m + n);
                    if (lo < hi) unit(g, row * gn, gn, wf, kn, out, outRow - m, x, xRow, lo, hi - lo, partial[grp], scratch);
                    if (b < end) unit(g, row * gn, gn, wf, kn, halo, hRow + m - (m + n), x, xRow, b, end - b, partial[grp], scratch);
                }
            }
        });
        for (int row = 0; m > 0 && row < batch * rows; row++) {
            for (int q = 0; q < zn; q++) {
                if (q == m) q += n;
                if (q >= zn) break;
                int i = BoundaryPadding.source(q, n, m, mode);
                if (i >= 0) out[row * n + i] += halo[row * 2 * m + (q < m ? q : q - n)];
            }
        }
        for (int k = 0; k < kn; k++) {
            double sum = 0;
            for (double[] p : partial) sum += p[kn - 1 - k];
            c[k] = sum;
        }
    }

    /**
     * Float twin: {@link #correlateBackward} for x = the field padded by {@code m} cells at both ends of the last axis
     * in {@code mode} (what {@link BoundaryPadding#pad} made), with the input gradient folded straight
     * back onto the unpadded field: {@code out} (n = xs[last] − 2m cells per row) = fold(z), the fold of
     * {@link BoundaryPadding}. The middle of each row of z is written into {@code out} in place, the 2m
     * halo outputs into a small side array that is added onto their source cells afterwards, in the
     * order {@link BoundaryPadding#fold} adds them. No padded-size gradient
     * array, no separate fold pass. With m = 0 (no halo, {@code mode} unused) this is
     * {@link #correlateBackward}; with m &gt; 0 rows are also split at the halo edges, where a vector loop
     * may hand over to its scalar tail, so z and c agree with fold(correlateBackward) to rounding.
     */
    static void correlateBackwardFolded(float[] x, int batch, int[] xs, float[] w, int[] ks, float[] g, float[] out, float[] c, int m, PadMode mode) {
        int[] X = DirectCorrelation.as3d(xs);
        int kn = w.length, gn = X[2] - kn + 1, zn = X[2], n = zn - 2 * m;
        int rows = X[0] * X[1], segs = (gn + DirectCorrelation.SEGMENT - 1) / DirectCorrelation.SEGMENT, units = batch * rows * segs;
        int groups = Math.min(units, DirectCorrelation.REDUCTION_GROUPS);
        float[] wf = FullConvolution.flip(w, ks);
        float[] halo = new float[batch * rows * 2 * m];
        double[][] partial = new double[groups][kn];
        DirectCorrelation.forUnits(groups, 2L * batch * rows * gn * kn, (g0, g1) -> {
            float[][] scratch = {new float[0]};
            for (int grp = g0; grp < g1; grp++) {
                int uEnd = (int) ((long) units * (grp + 1) / groups);
                for (int u = (int) ((long) units * grp / groups); u < uEnd; u++) {
                    int seg = u % segs, row = u / segs, o0 = seg * DirectCorrelation.SEGMENT;
                    int end = seg == segs - 1 ? zn : o0 + DirectCorrelation.SEGMENT;
                    int xRow = row * zn, outRow = row * n, hRow = row * 2 * m;
                    // z's outputs [0, m) and [m + n, zn) go to the halo array, [m, m + n) to out
                    int a = Math.min(end, m), b = Math.max(o0, m + n);
                    if (o0 < a) unit(g, row * gn, gn, wf, kn, halo, hRow, x, xRow, o0, a - o0, partial[grp], scratch);
                    int lo = Math.max(o0, m), hi = Math.min(end, m + n);
                    if (lo < hi) unit(g, row * gn, gn, wf, kn, out, outRow - m, x, xRow, lo, hi - lo, partial[grp], scratch);
                    if (b < end) unit(g, row * gn, gn, wf, kn, halo, hRow + m - (m + n), x, xRow, b, end - b, partial[grp], scratch);
                }
            }
        });
        for (int row = 0; m > 0 && row < batch * rows; row++) {
            for (int q = 0; q < zn; q++) {
                if (q == m) q += n;
                if (q >= zn) break;
                int i = BoundaryPadding.source(q, n, m, mode);
                if (i >= 0) out[row * n + i] += halo[row * 2 * m + (q < m ? q : q - n)];
            }
        }
        for (int k = 0; k < kn; k++) {
            double sum = 0;
            for (double[] p : partial) sum += p[kn - 1 - k];
            c[k] = (float) sum;
        }
    }
}
