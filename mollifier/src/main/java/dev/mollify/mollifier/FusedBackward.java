package dev.mollify.mollifier;

import dev.mollify.tensor.PadMode;

/**
 * Both gradients of y = correlate(x, w) in one pass over the output gradient g, for kernels long along
 * the last axis only (one pass of a tensor-product kernel, the common case):
 * <pre>
 *   z = fullConvolve(g, w)     z[b, o] = Σ_k w[k]·g[b, o − k]       (to the input)
 *   c = tapCorrelate(x, g)     c[k]   = Σ_{b,o} g[b, o]·x[b, o + k] = Σ_{b,o} g[b, o − k]·x[b, o]  (to the kernel; docs/math.md, "Width gradient")
 * </pre>
 * Written over the outputs o of z, both read the same values g[o − k]: {@link RowKernels#correlateTapRow}
 * loads each vector of g once per tap and feeds it to the z accumulators (times w[k]) and to tap k's
 * sum (times the vector of x at o, held in registers across the taps). The forward correlation does one
 * load per multiply-add; this loop does one per two. z needs only the kernel's non-zero taps; the
 * per-tap sums are computed for the taps a caller asks for ({@code [t0, t1)}, every tap by default):
 * a width gradient needs only the taps where ∂W/∂δ ≠ 0, which are the kernel's support.
 *
 * <p>Layout as in {@link DirectCorrelation}. Work units are (field, row, segment of {@link DirectCorrelation#SEGMENT}
 * outputs of z; the last segment of a row also takes the K − 1 outputs past g's end), so each unit's
 * share of c covers the pairs (o, k) with o in its segment. Each unit is <em>one</em> row-loop call, so
 * only its last block of outputs is partial: where the unit's taps reach past g's ends it reads a
 * zero-padded copy of the part of g it needs, and where its outputs fall in the padding's halo it writes
 * into a scratch row that is then copied to the field and the halo. (Splitting units at those edges
 * instead cost up to three partial blocks per edge: +46 % work at (16, 1000, 51).) The per-tap sums are added up as in
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

    /** z and c for y = correlate(x, w), g of shape xs − ks + 1 (z, c overwritten): the folded form with no halo, every tap. */
    static void correlateBackward(
            double[] x, int batch, int[] xs, double[] w, int[] ks, double[] g, double[] z, double[] c) {
        correlateBackwardFolded(
                x, batch, xs, w, ks, g, z, c, 0, null, 0, w.length); // no halo: z is the whole padded-size gradient
    }

    /** Float twin of {@link #correlateBackward(double[], int, int[], double[], int[], double[], double[], double[])}. */
    static void correlateBackward(
            float[] x, int batch, int[] xs, float[] w, int[] ks, float[] g, float[] z, float[] c) {
        correlateBackwardFolded(x, batch, xs, w, ks, g, z, c, 0, null, 0, w.length);
    }

    /**
     * {@link #correlateBackward} for x = the field padded by {@code m} cells at both ends of the last axis
     * in {@code mode} (what {@link BoundaryPadding#pad} made), with the input gradient folded straight
     * back onto the unpadded field: {@code out} (n = xs[last] − 2m cells per row) = fold(z), the fold of
     * {@link BoundaryPadding}. z's outputs in the middle of a row are written into {@code out} in place,
     * the 2m halo outputs into a small side array that is added onto their source cells afterwards, in
     * the order {@link BoundaryPadding#fold} adds them. No padded-size gradient array, no separate fold
     * pass. With m = 0 (no halo, {@code mode} unused) this is {@link #correlateBackward}. The per-tap sums
     * c[k] are computed for t0 ≤ k &lt; t1 and c is 0 elsewhere.
     */
    static void correlateBackwardFolded(
            double[] x,
            int batch,
            int[] xs,
            double[] w,
            int[] ks,
            double[] g,
            double[] out,
            double[] c,
            int m,
            PadMode mode,
            int t0,
            int t1) {
        Plan plan = Plan.of(batch, xs, w.length, m, mode);
        int kn = plan.kn, gn = plan.gn, zn = plan.zn, n = plan.n;
        double[] wf = FullConvolution.flip(w, ks);
        double[] halo = new double[plan.rows * 2 * m];
        double[][] partial = new double[plan.groups][kn];
        plan.forEachUnit(t1 - t0, () -> {
            double[] ga = new double[plan.maxUnit + kn - 1], za = new double[plan.maxUnit];
            return (grp, row, o0, on) -> {
                // g's values for z[o0, o0 + on): g[o0 − (K − 1), o0 + on), in place or a zero-padded copy
                boolean copy = plan.readsPastG(o0, on), inside = plan.inside(o0, on);
                if (copy) copyPadded(g, row * gn, gn, o0 - (kn - 1), o0 + on, ga);
                RowKernels.correlateTapRow(
                        copy ? ga : g,
                        copy ? 0 : row * gn + o0 - (kn - 1),
                        wf,
                        kn,
                        inside ? out : za,
                        inside ? row * n + o0 - m : 0,
                        x,
                        row * zn + o0,
                        on,
                        partial[grp],
                        kn - t1,
                        kn - t0);
                if (!inside) {
                    scatter(za, o0, on, out, row * n, halo, row * 2 * m, m, n);
                    if (plan.segs == 1)
                        foldRow(out, row * n, halo, row * 2 * m, plan.src); // the unit has the whole row: fold it here
                }
            };
        });
        for (int row = 0; plan.segs > 1 && row < plan.rows; row++) foldRow(out, row * n, halo, row * 2 * m, plan.src);
        for (int k = 0; k < kn; k++) c[k] = plan.tapSum(partial, k, t0, t1);
    }

    /**
     * Float twin of
     * {@link #correlateBackwardFolded(double[], int, int[], double[], int[], double[], double[], double[], int, PadMode, int, int)}.
     */
    static void correlateBackwardFolded(
            float[] x,
            int batch,
            int[] xs,
            float[] w,
            int[] ks,
            float[] g,
            float[] out,
            float[] c,
            int m,
            PadMode mode,
            int t0,
            int t1) {
        Plan plan = Plan.of(batch, xs, w.length, m, mode);
        int kn = plan.kn, gn = plan.gn, zn = plan.zn, n = plan.n;
        float[] wf = FullConvolution.flip(w, ks);
        float[] halo = new float[plan.rows * 2 * m];
        double[][] partial = new double[plan.groups][kn]; // twin: keeps double, the per-tap sums of both precisions
        plan.forEachUnit(t1 - t0, () -> {
            float[] ga = new float[plan.maxUnit + kn - 1], za = new float[plan.maxUnit];
            return (grp, row, o0, on) -> {
                boolean copy = plan.readsPastG(o0, on), inside = plan.inside(o0, on);
                if (copy) copyPadded(g, row * gn, gn, o0 - (kn - 1), o0 + on, ga);
                RowKernels.correlateTapRow(
                        copy ? ga : g,
                        copy ? 0 : row * gn + o0 - (kn - 1),
                        wf,
                        kn,
                        inside ? out : za,
                        inside ? row * n + o0 - m : 0,
                        x,
                        row * zn + o0,
                        on,
                        partial[grp],
                        kn - t1,
                        kn - t0);
                if (!inside) {
                    scatter(za, o0, on, out, row * n, halo, row * 2 * m, m, n);
                    if (plan.segs == 1) foldRow(out, row * n, halo, row * 2 * m, plan.src);
                }
            };
        });
        for (int row = 0; plan.segs > 1 && row < plan.rows; row++) foldRow(out, row * n, halo, row * 2 * m, plan.src);
        for (int k = 0; k < kn; k++) c[k] = (float) plan.tapSum(partial, k, t0, t1);
    }

    /** One work unit: outputs [o0, o0 + on) of z's row {@code row} (all fields' rows counted together), its per-tap sums into group grp. */
    private interface Unit {
        void run(int grp, int row, int o0, int on);
    }

    /**
     * The geometry of one call, shared by both precisions: kn taps, g rows of gn, z rows of zn = n + 2m,
     * {@code rows} rows (fields × rows per field), segs segments per row, the units in {@code groups}
     * fixed reduction groups, the longest unit, and where each halo output is folded ({@link #haloSources}).
     */
    private record Plan(
            int kn, int gn, int zn, int n, int m, int rows, int segs, int units, int groups, int maxUnit, int[] src) {
        static Plan of(int batch, int[] xs, int kn, int m, PadMode mode) {
            int[] X = DirectCorrelation.as3d(xs);
            int gn = X[2] - kn + 1, zn = X[2], n = zn - 2 * m, rows = batch * X[0] * X[1];
            int segs = (gn + DirectCorrelation.SEGMENT - 1) / DirectCorrelation.SEGMENT, units = rows * segs;
            return new Plan(
                    kn,
                    gn,
                    zn,
                    n,
                    m,
                    rows,
                    segs,
                    units,
                    Math.min(units, DirectCorrelation.REDUCTION_GROUPS),
                    Math.min(zn, DirectCorrelation.SEGMENT + kn - 1),
                    haloSources(m, n, mode));
        }

        /**
         * Runs every unit, the groups split across threads; each thread gets its own {@code perThread.get()}
         * (its scratch arrays). {@code sumTaps}: how many per-tap sums each output feeds besides z.
         */
        void forEachUnit(int sumTaps, java.util.function.Supplier<Unit> perThread) {
            DirectCorrelation.forUnits(groups, (long) rows * gn * (kn + sumTaps), (g0, g1) -> {
                Unit body = perThread.get();
                for (int grp = g0; grp < g1; grp++) {
                    int uEnd = (int) ((long) units * (grp + 1) / groups);
                    for (int u = (int) ((long) units * grp / groups); u < uEnd; u++) {
                        int seg = u % segs, o0 = seg * DirectCorrelation.SEGMENT;
                        body.run(
                                grp,
                                u / segs,
                                o0,
                                (seg == segs - 1 ? zn : o0 + DirectCorrelation.SEGMENT)
                                        - o0); // the last also takes z's K − 1 past g
                    }
                }
            });
        }

        /** Whether outputs [o0, o0 + on) read g outside its row (then through a zero-padded copy). */
        boolean readsPastG(int o0, int on) {
            return o0 < kn - 1 || o0 + on > gn;
        }

        /** Whether outputs [o0, o0 + on) all land on the unpadded field (none in the halo). */
        boolean inside(int o0, int on) {
            return o0 >= m && o0 + on <= m + n;
        }

        /** c[k]: the groups' sums of tap k (stored flipped) added in order, for t0 ≤ k &lt; t1; 0 elsewhere. */
        double tapSum(double[][] partial, int k, int t0, int t1) {
            if (k < t0 || k >= t1) return 0.0;
            double sum = 0;
            for (double[] p : partial) sum += p[kn - 1 - k];
            return sum;
        }
    }

    /** Where each of a row's 2m halo outputs is added (−1: nowhere): cell source(q) for q in [0, m), then q in [m + n, n + 2m). */
    private static int[] haloSources(int m, int n, PadMode mode) {
        int[] src = new int[2 * m];
        for (int j = 0; j < 2 * m; j++) src[j] = BoundaryPadding.source(j < m ? j : j + n, n, m, mode);
        return src;
    }

    /** One row's fold: its halo outputs added onto their source cells, in the order {@link BoundaryPadding#fold} adds them. */
    private static void foldRow(double[] out, int outRow, double[] halo, int hRow, int[] src) {
        for (int j = 0; j < src.length; j++) if (src[j] >= 0) out[outRow + src[j]] += halo[hRow + j];
    }

    private static void foldRow(float[] out, int outRow, float[] halo, int hRow, int[] src) {
        for (int j = 0; j < src.length; j++) if (src[j] >= 0) out[outRow + src[j]] += halo[hRow + j];
    }

    /** ga[0, p1 − p0) = g's row (gn values from base) at positions [p0, p1), 0 outside the row. */
    private static void copyPadded(double[] g, int base, int gn, int p0, int p1, double[] ga) {
        int lo = Math.max(p0, 0), hi = Math.max(lo, Math.min(p1, gn));
        java.util.Arrays.fill(ga, 0, lo - p0, 0.0);
        System.arraycopy(g, base + lo, ga, lo - p0, hi - lo);
        java.util.Arrays.fill(ga, hi - p0, p1 - p0, 0.0);
    }

    private static void copyPadded(float[] g, int base, int gn, int p0, int p1, float[] ga) {
        int lo = Math.max(p0, 0), hi = Math.max(lo, Math.min(p1, gn));
        java.util.Arrays.fill(ga, 0, lo - p0, 0.0f);
        System.arraycopy(g, base + lo, ga, lo - p0, hi - lo);
        java.util.Arrays.fill(ga, hi - p0, p1 - p0, 0.0f);
    }

    /** z's outputs [o0, o0 + on) of one row (in za from 0): [0, m) and [m + n, n + 2m) to the row's halo, the rest to out. */
    private static void scatter(
            double[] za, int o0, int on, double[] out, int outRow, double[] halo, int hRow, int m, int n) {
        int end = o0 + on, lo = Math.max(o0, m), hi = Math.min(end, m + n);
        if (o0 < m) System.arraycopy(za, 0, halo, hRow + o0, Math.min(end, m) - o0);
        if (lo < hi) System.arraycopy(za, lo - o0, out, outRow + lo - m, hi - lo);
        int b = Math.max(o0, m + n);
        if (b < end) System.arraycopy(za, b - o0, halo, hRow + b - n, end - b);
    }

    private static void scatter(
            float[] za, int o0, int on, float[] out, int outRow, float[] halo, int hRow, int m, int n) {
        int end = o0 + on, lo = Math.max(o0, m), hi = Math.min(end, m + n);
        if (o0 < m) System.arraycopy(za, 0, halo, hRow + o0, Math.min(end, m) - o0);
        if (lo < hi) System.arraycopy(za, lo - o0, out, outRow + lo - m, hi - lo);
        int b = Math.max(o0, m + n);
        if (b < end) System.arraycopy(za, b - o0, halo, hRow + b - n, end - b);
    }
}
