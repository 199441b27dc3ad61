package dev.mollify.mollifier;

/**
 * Both gradients of y = correlate(x, w) in one pass over the output gradient g, for kernels long along
 * the last axis only (one pass of a tensor-product kernel, the common case):
 * <pre>
 *   z = fullConvolve(g, w)     z[b, o] = Σ_k w[k]·g[b, o − k]       (to the input)
 *   c = tapCorrelate(x, g)     c[k]   = Σ_{b,o} g[b, o]·x[b, o + k] (to the kernel; §4's per-tap reduction)
 * </pre>
 * Each work unit (field, row, segment of g) first adds its share of c, then writes the z outputs of
 * the same segment (the last segment of a row also the K − 1 outputs past g's end), while the segment
 * of g is still in cache: g is read from memory once instead of twice.
 *
 * <p>Layout as in {@link DirectCorrelation}. The per-tap reduction uses the same units and groups as
 * {@link DirectCorrelation#tapCorrelate}, so c is bit-identical to it (and to itself for any thread
 * count); z matches {@link FullConvolution#convolveFull} up to where its row loop splits vector and tail.
 */
final class FusedBackward {
    private FusedBackward() {}

    /** True when the kernel is long along the last axis only (1 on the others), the case handled here. */
    static boolean supports(int[] ks) {
        for (int a = 0; a < ks.length - 1; a++) if (ks[a] != 1) return false;
        return true;
    }

    /** z and c for y = correlate(x, w), g of shape xs − ks + 1 (z, c overwritten). */
    static void correlateBackward(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] g, double[] z, double[] c) {
        int[] X = DirectCorrelation.as3d(xs);
        int kn = w.length, gn = X[2] - kn + 1, zn = X[2];
        int rows = X[0] * X[1], segs = (gn + DirectCorrelation.SEGMENT - 1) / DirectCorrelation.SEGMENT, units = batch * rows * segs;
        int groups = Math.min(units, DirectCorrelation.REDUCTION_GROUPS);
        double[] wf = FullConvolution.flip(w, ks);
        double[][] partial = new double[groups][kn];
        DirectCorrelation.forUnits(groups, 2L * batch * rows * gn * kn, (g0, g1) -> {
            double[][] scratch = {new double[0]};
            for (int grp = g0; grp < g1; grp++) {
                int uEnd = (int) ((long) units * (grp + 1) / groups);
                for (int u = (int) ((long) units * grp / groups); u < uEnd; u++) {
                    int seg = u % segs, row = u / segs, o0 = seg * DirectCorrelation.SEGMENT;
                    int on = Math.min(DirectCorrelation.SEGMENT, gn - o0);
                    int gRow = row * gn, xRow = row * X[2], zRow = row * zn;
                    RowKernels.tapRow(g, gRow + o0, x, xRow + o0, on, kn, partial[grp], 0);
                    int zOn = seg == segs - 1 ? zn - o0 : on;
                    java.util.Arrays.fill(z, zRow + o0, zRow + o0 + zOn, 0.0);
                    FullConvolution.fullRow(g, gRow, gn, wf, 0, kn, z, zRow + o0, o0, zOn, scratch);
                }
            }
        });
        for (int k = 0; k < kn; k++) {
            double sum = 0;
            for (double[] p : partial) sum += p[k];
            c[k] = sum;
        }
    }

    /** Float lanes; the per-tap sums accumulate in double across segments, as in {@link DirectCorrelation}. */
    static void correlateBackward(float[] x, int batch, int[] xs, float[] w, int[] ks, float[] g, float[] z, float[] c) {
        int[] X = DirectCorrelation.as3d(xs);
        int kn = w.length, gn = X[2] - kn + 1, zn = X[2];
        int rows = X[0] * X[1], segs = (gn + DirectCorrelation.SEGMENT - 1) / DirectCorrelation.SEGMENT, units = batch * rows * segs;
        int groups = Math.min(units, DirectCorrelation.REDUCTION_GROUPS);
        float[] wf = FullConvolution.flip(w, ks);
        double[][] partial = new double[groups][kn];
        DirectCorrelation.forUnits(groups, 2L * batch * rows * gn * kn, (g0, g1) -> {
            float[][] scratch = {new float[0]};
            for (int grp = g0; grp < g1; grp++) {
                int uEnd = (int) ((long) units * (grp + 1) / groups);
                for (int u = (int) ((long) units * grp / groups); u < uEnd; u++) {
                    int seg = u % segs, row = u / segs, o0 = seg * DirectCorrelation.SEGMENT;
                    int on = Math.min(DirectCorrelation.SEGMENT, gn - o0);
                    int gRow = row * gn, xRow = row * X[2], zRow = row * zn;
                    RowKernels.tapRow(g, gRow + o0, x, xRow + o0, on, kn, partial[grp], 0);
                    int zOn = seg == segs - 1 ? zn - o0 : on;
                    java.util.Arrays.fill(z, zRow + o0, zRow + o0 + zOn, 0.0f);
                    FullConvolution.fullRow(g, gRow, gn, wf, 0, kn, z, zRow + o0, o0, zOn, scratch);
                }
            }
        });
        for (int k = 0; k < kn; k++) {
            double sum = 0;
            for (double[] p : partial) sum += p[k];
            c[k] = (float) sum;
        }
    }
}
