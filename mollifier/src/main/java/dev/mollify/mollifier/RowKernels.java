package dev.mollify.mollifier;

import dev.mollify.tensor.kernels.Simd;

/**
 * The two row loops of direct correlation ({@link #correlateRow}, {@link #tapRow}), each as a scalar
 * reference loop and a Vector API loop, chosen at run time by {@link Simd#enabled()} ({@code -Dmollify.simd=false} forces the scalar ones).
 * The scalar loops are the documentation and the test oracle; {@link RowKernelsVector} is only
 * touched when the vector module is present and enabled.
 */
final class RowKernels {
    private RowKernels() {}

    /**
     * One row of a correlation: y[yo + i] += Σ_{k&lt;kn} w[wo + k]·x[xo + i + k] for i &lt; n. Leading and
     * trailing zero taps are skipped; the scalar reference is one axpy per non-zero tap, the vector loop
     * keeps a block of outputs in registers across all taps (the same taps per element in the same order, as
     * fused multiply-adds: it may differ from the scalar loop in the last bit).
     */
    static void correlateRow(double[] x, int xo, double[] w, int wo, int kn, double[] y, int yo, int n) {
        int k0 = 0, k1 = kn;
        while (k0 < k1 && w[wo + k0] == 0) k0++;
        while (k1 > k0 && w[wo + k1 - 1] == 0) k1--;
        if (k0 == k1) return;
        if (Simd.enabled() && n >= 16) {
            RowKernelsVector.correlateRow(x, xo + k0, w, wo + k0, k1 - k0, y, yo, n);
        } else {
            for (int k = k0; k < k1; k++) {
                double a = w[wo + k];
                if (a != 0) axpyScalar(a, x, xo + k, y, yo, n);
            }
        }
    }

    /**
     * One row's share of the per-tap reduction: acc[ao + k] += Σ_{i&lt;n} g[go + i]·x[xo + i + k] for
     * k &lt; kn (x holds n + kn − 1 values from xo).
     */
    static void tapRow(double[] g, int go, double[] x, int xo, int n, int kn, double[] acc, int ao) {
        if (Simd.enabled() && n >= 16) {
            RowKernelsVector.tapRow(g, go, x, xo, n, kn, acc, ao);
        } else {
            for (int k = 0; k < kn; k++) acc[ao + k] += dotScalar(g, go, x, xo + k, n);
        }
    }

    /**
     * One row of a correlation: y[yo + i] += Σ_{k&lt;kn} w[wo + k]·x[xo + i + k] for i &lt; n. Leading and
     * trailing zero taps are skipped; the scalar reference is one axpy per non-zero tap, the vector loop
     * keeps a block of outputs in registers across all taps (the same taps per element in the same order, as
     * fused multiply-adds: it may differ from the scalar loop in the last bit).
     */
    static void correlateRow(float[] x, int xo, float[] w, int wo, int kn, float[] y, int yo, int n) {
        int k0 = 0, k1 = kn;
        while (k0 < k1 && w[wo + k0] == 0) k0++;
        while (k1 > k0 && w[wo + k1 - 1] == 0) k1--;
        if (k0 == k1) return;
        if (Simd.enabled() && n >= 16) {
            RowKernelsVector.correlateRow(x, xo + k0, w, wo + k0, k1 - k0, y, yo, n);
        } else {
            for (int k = k0; k < k1; k++) {
                float a = w[wo + k];
                if (a != 0) axpyScalar(a, x, xo + k, y, yo, n);
            }
        }
    }

    /**
     * One row's share of the per-tap reduction: acc[ao + k] += Σ_{i&lt;n} g[go + i]·x[xo + i + k] for
     * k &lt; kn (x holds n + kn − 1 values from xo).
     */
    static void tapRow(float[] g, int go, float[] x, int xo, int n, int kn, double[] acc, int ao) {
        if (Simd.enabled() && n >= 16) {
            RowKernelsVector.tapRow(g, go, x, xo, n, kn, acc, ao);
        } else {
            for (int k = 0; k < kn; k++) acc[ao + k] += dotScalar(g, go, x, xo + k, n);
        }
    }

    /**
     * One row of both backward loops at once (see {@link FusedBackward}): the correlation
     * z[zo + i] = Σ_{k&lt;kn} wf[k]·a[ao + i + k] (z is <em>overwritten</em>; leading and trailing zero taps
     * skipped, as in {@link #correlateRow}) and the per-tap reduction acc[k] += Σ_{i&lt;n} a[ao + i + k]·b[bo + i]
     * for every k &lt; kn, from the same values of a (a holds n + kn − 1 values from ao). The vector loop
     * loads each vector of a once for both multiply-adds. The scalar reference is {@link #correlateRow}'s
     * scalar loop for z and one {@link #dotScalar} per tap for acc.
     */
    static void correlateTapRow(
            double[] a, int ao, double[] wf, int kn, double[] z, int zo, double[] b, int bo, int n, double[] acc) {
        correlateTapRow(a, ao, wf, kn, z, zo, b, bo, n, acc, 0, kn);
    }

    /** As above, the per-tap sums for taps [t0, t1) (and possibly others: the vector loop also sums the non-zero taps of wf). */
    static void correlateTapRow(
            double[] a,
            int ao,
            double[] wf,
            int kn,
            double[] z,
            int zo,
            double[] b,
            int bo,
            int n,
            double[] acc,
            int t0,
            int t1) {
        int k0 = 0, k1 = kn;
        while (k0 < k1 && wf[k0] == 0) k0++;
        while (k1 > k0 && wf[k1 - 1] == 0) k1--;
        if (Simd.enabled() && n >= 16) {
            RowKernelsVector.correlateTapRow(a, ao, wf, k0, k1, kn, z, zo, b, bo, n, acc, t0, t1);
        } else {
            java.util.Arrays.fill(z, zo, zo + n, 0.0);
            for (int k = k0; k < k1; k++) {
                double w = wf[k];
                if (w != 0) axpyScalar(w, a, ao + k, z, zo, n);
            }
            for (int k = t0; k < t1; k++) acc[k] += dotScalar(a, ao + k, b, bo, n);
        }
    }

    /**
     * Float twin of {@link #correlateTapRow(double[], int, double[], int, double[], int, double[], int, int, double[])}:
     * the per-tap sums run in float within blocks of 2048 outputs (vector loop) or within the call (scalar
     * reference, at most a segment plus K − 1 outputs) and accumulate in double across blocks and calls (as
     * {@link #tapRow(float[], int, float[], int, int, int, double[], int)}).
     */
    static void correlateTapRow(
            float[] a, int ao, float[] wf, int kn, float[] z, int zo, float[] b, int bo, int n, double[] acc) {
        correlateTapRow(a, ao, wf, kn, z, zo, b, bo, n, acc, 0, kn);
    }

    /** As above, the per-tap sums for taps [t0, t1) (and possibly others: the vector loop also sums the non-zero taps of wf). */
    static void correlateTapRow(
            float[] a,
            int ao,
            float[] wf,
            int kn,
            float[] z,
            int zo,
            float[] b,
            int bo,
            int n,
            double[] acc,
            int t0,
            int t1) {
        int k0 = 0, k1 = kn;
        while (k0 < k1 && wf[k0] == 0) k0++;
        while (k1 > k0 && wf[k1 - 1] == 0) k1--;
        if (Simd.enabled() && n >= 16) {
            RowKernelsVector.correlateTapRow(a, ao, wf, k0, k1, kn, z, zo, b, bo, n, acc, t0, t1);
        } else {
            java.util.Arrays.fill(z, zo, zo + n, 0.0f);
            for (int k = k0; k < k1; k++) {
                float w = wf[k];
                if (w != 0) axpyScalar(w, a, ao + k, z, zo, n);
            }
            for (int k = t0; k < t1; k++) acc[k] += dotScalar(a, ao + k, b, bo, n);
        }
    }

    static void axpyScalar(float a, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] += a * x[xo + i];
    }

    static float dotScalar(float[] x, int xo, float[] y, int yo, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) s += x[xo + i] * y[yo + i];
        return s;
    }

    static void axpyScalar(double a, double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] += a * x[xo + i];
    }

    static double dotScalar(double[] x, int xo, double[] y, int yo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[xo + i] * y[yo + i];
        return s;
    }
}
