package dev.mollify.mollifier;

import dev.mollify.tensor.kernels.Simd;

/**
 * The two inner loops of direct correlation, each as a scalar reference loop and a Vector API loop,
 * chosen at run time by {@link Simd#enabled()} ({@code -Dmollify.simd=false} forces the scalar ones).
 * The scalar loops are the documentation and the test oracle; {@link RowKernelsVector} is only
 * touched when the vector module is present and enabled.
 */
final class RowKernels {
    private RowKernels() {}

    /** y[yo + i] += a·x[xo + i] for i &lt; n. */
    static void axpy(double a, double[] x, int xo, double[] y, int yo, int n) {
        if (Simd.enabled() && n >= 16) RowKernelsVector.axpy(a, x, xo, y, yo, n);
        else axpyScalar(a, x, xo, y, yo, n);
    }

    /** Σ_{i&lt;n} x[xo + i]·y[yo + i]. */
    static double dot(double[] x, int xo, double[] y, int yo, int n) {
        return Simd.enabled() && n >= 16 ? RowKernelsVector.dot(x, xo, y, yo, n) : dotScalar(x, xo, y, yo, n);
    }

    /** F32: y[yo + i] += a·x[xo + i]. */
    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        if (Simd.enabled() && n >= 16) RowKernelsVector.axpy(a, x, xo, y, yo, n);
        else axpyScalar(a, x, xo, y, yo, n);
    }

    /** F32: Σ x·y, accumulated in float lanes. */
    static float dot(float[] x, int xo, float[] y, int yo, int n) {
        return Simd.enabled() && n >= 16 ? RowKernelsVector.dot(x, xo, y, yo, n) : dotScalar(x, xo, y, yo, n);
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
