package dev.mollify.mollifier;

/**
 * The "full" convolution z[b, o] = Σ_k w[k]·g[b, o − k] (g taken as 0 outside its shape), the input
 * gradient of the valid correlation, computed directly: no zero-padded copy of g is made.
 *
 * <p><b>Layout</b> as in {@link DirectCorrelation}: g holds {@code batch} fields of spatial shape gs,
 * z holds batch fields of shape zs = gs + ks − 1. With the kernel flipped on every axis,
 * wf[j] = w[K − 1 − j], z[o] = Σ_j wf[j]·g[o − (K − 1) + j]: a correlation of the zero-padded g. Rows
 * of g outside the field are skipped by index arithmetic; along the last axis, outputs whose taps all
 * fall inside g read it in place, and only the (at most K − 1) outputs at each end of a row read a
 * small zero-padded copy of the row's end. The arithmetic per output is that of
 * {@link RowKernels#correlateRow} on the padded row, so it matches correlate(zeroPad(g), flip(w)) up to
 * the vector/tail split of the row loop.
 */
final class FullConvolution {
    private FullConvolution() {}

    /** The shape of a valid correlation's output: xs − ks + 1 per axis. */
    static int[] validShape(int[] xs, int[] ks) {
        int[] gs = new int[xs.length];
        for (int a = 0; a < xs.length; a++) gs[a] = xs[a] - ks[a] + 1;
        return gs;
    }

    /** z = full convolution of g with w (z is overwritten). */
    static void convolveFull(double[] g, int batch, int[] gs, double[] w, int[] ks, double[] z) {
        int[] G = DirectCorrelation.as3d(gs), K = DirectCorrelation.as3d(ks);
        int[] Z = {G[0] + K[0] - 1, G[1] + K[1] - 1, G[2] + K[2] - 1};
        double[] wf = flip(w, ks);
        int gField = G[0] * G[1] * G[2], zField = Z[0] * Z[1] * Z[2];
        int segs = (Z[2] + DirectCorrelation.SEGMENT - 1) / DirectCorrelation.SEGMENT, rows = Z[0] * Z[1];
        long work = (long) batch * zField * K[0] * K[1] * K[2];
        DirectCorrelation.forUnits(batch * rows * segs, work, (u0, u1) -> {
            double[][] scratch = {new double[0]};
            for (int u = u0; u < u1; u++) {
                int seg = u % segs, r = (u / segs) % rows, b = u / segs / rows;
                int oz = r / Z[1], oy = r % Z[1], o0 = seg * DirectCorrelation.SEGMENT;
                int on = Math.min(DirectCorrelation.SEGMENT, Z[2] - o0);
                int zRow = b * zField + r * Z[2] + o0;
                java.util.Arrays.fill(z, zRow, zRow + on, 0.0);
                for (int jz = 0; jz < K[0]; jz++) {
                    int gz = oz - (K[0] - 1) + jz;
                    if (gz < 0 || gz >= G[0]) continue;
                    for (int jy = 0; jy < K[1]; jy++) {
                        int gy = oy - (K[1] - 1) + jy;
                        if (gy < 0 || gy >= G[1]) continue;
                        fullRow(
                                g,
                                b * gField + (gz * G[1] + gy) * G[2],
                                G[2],
                                wf,
                                (jz * K[1] + jy) * K[2],
                                K[2],
                                z,
                                zRow,
                                o0,
                                on,
                                scratch);
                    }
                }
            }
        });
    }

    /**
     * z[zo + i] += Σ_{j&lt;kn} wf[wo + j]·gp[o0 + i + j] for i &lt; on, where gp[p] = g[go + p − (kn − 1)]
     * for 0 ≤ p − (kn − 1) &lt; gn and 0 otherwise (one row of the full convolution; scratch[0] is a
     * reusable buffer for the row ends).
     */
    static void fullRow(
            double[] g,
            int go,
            int gn,
            double[] wf,
            int wo,
            int kn,
            double[] z,
            int zo,
            int o0,
            int on,
            double[][] scratch) {
        int end = o0 + on;
        // outputs o with every tap inside the row: kn − 1 ≤ o ≤ gn − 1
        int lo = Math.max(o0, kn - 1), hi = Math.min(end, gn);
        if (lo >= hi) {
            edge(g, go, gn, wf, wo, kn, z, zo, o0, o0, end, scratch);
            return;
        }
        edge(g, go, gn, wf, wo, kn, z, zo, o0, o0, lo, scratch);
        RowKernels.correlateRow(g, go + lo - (kn - 1), wf, wo, kn, z, zo + lo - o0, hi - lo);
        edge(g, go, gn, wf, wo, kn, z, zo, o0, hi, end, scratch);
    }

    /** Outputs [e0, e1) of a row through a zero-padded copy of the part of the row they read. */
    private static void edge(
            double[] g,
            int go,
            int gn,
            double[] wf,
            int wo,
            int kn,
            double[] z,
            int zo,
            int o0,
            int e0,
            int e1,
            double[][] scratch) {
        if (e0 >= e1) return;
        int len = e1 - e0 + kn - 1;
        if (scratch[0].length < len) scratch[0] = new double[len];
        double[] s = scratch[0];
        for (int i = 0; i < len; i++) {
            int p = e0 + i - (kn - 1);
            s[i] = p >= 0 && p < gn ? g[go + p] : 0.0;
        }
        RowKernels.correlateRow(s, 0, wf, wo, kn, z, zo + e0 - o0, e1 - e0);
    }

    /** z = full convolution of g with w (z is overwritten) (float lanes). */
    static void convolveFull(float[] g, int batch, int[] gs, float[] w, int[] ks, float[] z) {
        int[] G = DirectCorrelation.as3d(gs), K = DirectCorrelation.as3d(ks);
        int[] Z = {G[0] + K[0] - 1, G[1] + K[1] - 1, G[2] + K[2] - 1};
        float[] wf = flip(w, ks);
        int gField = G[0] * G[1] * G[2], zField = Z[0] * Z[1] * Z[2];
        int segs = (Z[2] + DirectCorrelation.SEGMENT - 1) / DirectCorrelation.SEGMENT, rows = Z[0] * Z[1];
        long work = (long) batch * zField * K[0] * K[1] * K[2];
        DirectCorrelation.forUnits(batch * rows * segs, work, (u0, u1) -> {
            float[][] scratch = {new float[0]};
            for (int u = u0; u < u1; u++) {
                int seg = u % segs, r = (u / segs) % rows, b = u / segs / rows;
                int oz = r / Z[1], oy = r % Z[1], o0 = seg * DirectCorrelation.SEGMENT;
                int on = Math.min(DirectCorrelation.SEGMENT, Z[2] - o0);
                int zRow = b * zField + r * Z[2] + o0;
                java.util.Arrays.fill(z, zRow, zRow + on, 0.0f);
                for (int jz = 0; jz < K[0]; jz++) {
                    int gz = oz - (K[0] - 1) + jz;
                    if (gz < 0 || gz >= G[0]) continue;
                    for (int jy = 0; jy < K[1]; jy++) {
                        int gy = oy - (K[1] - 1) + jy;
                        if (gy < 0 || gy >= G[1]) continue;
                        fullRow(
                                g,
                                b * gField + (gz * G[1] + gy) * G[2],
                                G[2],
                                wf,
                                (jz * K[1] + jy) * K[2],
                                K[2],
                                z,
                                zRow,
                                o0,
                                on,
                                scratch);
                    }
                }
            }
        });
    }

    /** Float twin of {@link #fullRow(double[], int, int, double[], int, int, double[], int, int, int, double[][])}. */
    static void fullRow(
            float[] g,
            int go,
            int gn,
            float[] wf,
            int wo,
            int kn,
            float[] z,
            int zo,
            int o0,
            int on,
            float[][] scratch) {
        int end = o0 + on;
        int lo = Math.max(o0, kn - 1), hi = Math.min(end, gn);
        if (lo >= hi) {
            edge(g, go, gn, wf, wo, kn, z, zo, o0, o0, end, scratch);
            return;
        }
        edge(g, go, gn, wf, wo, kn, z, zo, o0, o0, lo, scratch);
        RowKernels.correlateRow(g, go + lo - (kn - 1), wf, wo, kn, z, zo + lo - o0, hi - lo);
        edge(g, go, gn, wf, wo, kn, z, zo, o0, hi, end, scratch);
    }

    private static void edge(
            float[] g,
            int go,
            int gn,
            float[] wf,
            int wo,
            int kn,
            float[] z,
            int zo,
            int o0,
            int e0,
            int e1,
            float[][] scratch) {
        if (e0 >= e1) return;
        int len = e1 - e0 + kn - 1;
        if (scratch[0].length < len) scratch[0] = new float[len];
        float[] s = scratch[0];
        for (int i = 0; i < len; i++) {
            int p = e0 + i - (kn - 1);
            s[i] = p >= 0 && p < gn ? g[go + p] : 0.0f;
        }
        RowKernels.correlateRow(s, 0, wf, wo, kn, z, zo + e0 - o0, e1 - e0);
    }

    // ------------------------------------------------------------------ for backends that only correlate

    /** The kernel reversed along every axis (row-major, shape ks). */
    static double[] flip(double[] w, int[] ks) {
        int[] K = DirectCorrelation.as3d(ks);
        double[] f = new double[w.length];
        for (int i = 0; i < K[0]; i++)
            for (int j = 0; j < K[1]; j++)
                for (int k = 0; k < K[2]; k++)
                    f[((K[0] - 1 - i) * K[1] + K[1] - 1 - j) * K[2] + K[2] - 1 - k] = w[(i * K[1] + j) * K[2] + k];
        return f;
    }

    /** The kernel reversed along every axis (row-major, shape ks). */
    static float[] flip(float[] w, int[] ks) {
        int[] K = DirectCorrelation.as3d(ks);
        float[] f = new float[w.length];
        for (int i = 0; i < K[0]; i++)
            for (int j = 0; j < K[1]; j++)
                for (int k = 0; k < K[2]; k++)
                    f[((K[0] - 1 - i) * K[1] + K[1] - 1 - j) * K[2] + K[2] - 1 - k] = w[(i * K[1] + j) * K[2] + k];
        return f;
    }

    /** g with K − 1 zeros on both sides of every spatial axis (shape gs + 2(ks − 1) per field). */
    static double[] zeroPad(double[] g, int batch, int[] gs, int[] ks) {
        int[] G = DirectCorrelation.as3d(gs), K = DirectCorrelation.as3d(ks);
        int[] P = {G[0] + 2 * (K[0] - 1), G[1] + 2 * (K[1] - 1), G[2] + 2 * (K[2] - 1)};
        double[] p = new double[batch * P[0] * P[1] * P[2]];
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < G[0]; i++)
                for (int j = 0; j < G[1]; j++)
                    System.arraycopy(
                            g,
                            ((b * G[0] + i) * G[1] + j) * G[2],
                            p,
                            ((b * P[0] + i + K[0] - 1) * P[1] + j + K[1] - 1) * P[2] + K[2] - 1,
                            G[2]);
        return p;
    }

    /** g with K − 1 zeros on both sides of every spatial axis (shape gs + 2(ks − 1) per field). */
    static float[] zeroPad(float[] g, int batch, int[] gs, int[] ks) {
        int[] G = DirectCorrelation.as3d(gs), K = DirectCorrelation.as3d(ks);
        int[] P = {G[0] + 2 * (K[0] - 1), G[1] + 2 * (K[1] - 1), G[2] + 2 * (K[2] - 1)};
        float[] p = new float[batch * P[0] * P[1] * P[2]];
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < G[0]; i++)
                for (int j = 0; j < G[1]; j++)
                    System.arraycopy(
                            g,
                            ((b * G[0] + i) * G[1] + j) * G[2],
                            p,
                            ((b * P[0] + i + K[0] - 1) * P[1] + j + K[1] - 1) * P[2] + K[2] - 1,
                            G[2]);
        return p;
    }
}
