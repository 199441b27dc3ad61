package dev.mollify.jmh.limits;

import dev.mollify.tensor.kernels.Simd;

/**
 * The loops that measure the machine's limits: a STREAM triad for memory bandwidth and independent
 * fused-multiply-add chains for the floating-point rate. Each runs its Vector API loop
 * ({@link LimitVectorKernels}) when {@link Simd#enabled()}, otherwise the scalar loop here, which is
 * also the reference the vector loop hands its tail to.
 */
public final class LimitKernels {
    /** Independent accumulators of the FMA chains: enough to cover FMA latency × FMA pipes (4 × 2 on Zen). */
    public static final int CHAINS = 12;

    private LimitKernels() {}

    /**
     * STREAM triad {@code a[i] = b[i] + s·c[i]} for {@code i < a.length}.
     *
     * @param a the output, as long as {@code b} and {@code c}
     * @param b the added array
     * @param c the scaled array
     * @param s the scale
     */
    public static void triad(double[] a, double[] b, double[] c, double s) {
        int done = Simd.enabled() ? LimitVectorKernels.triad(a, b, c, s) : 0;
        triadScalar(a, b, c, s, done);
    }

    /**
     * The scalar triad {@code a[i] = b[i] + s·c[i]} for {@code from <= i < a.length}.
     *
     * @param a the output
     * @param b the added array
     * @param c the scaled array
     * @param s the scale
     * @param from the first index written
     */
    static void triadScalar(double[] a, double[] b, double[] c, double s, int from) {
        for (int i = from; i < a.length; i++) a[i] = b[i] + s * c[i];
    }

    /**
     * {@link #CHAINS} independent chains of {@code x ← fma(x, m, q)}, {@code reps} steps each, on vectors
     * of {@link #lanesF64()} lanes (1 in the scalar loop). FLOPs: 2 · {@link #CHAINS} · lanes · reps.
     * With {@code m = q = 0.5} every chain tends to 1 (no overflow, no subnormals).
     *
     * @param m the multiplier
     * @param q the addend
     * @param reps the steps of each chain
     * @return the sum of the chains' final values (kept, so the work cannot be removed)
     */
    public static double fmaF64(double m, double q, int reps) {
        return Simd.enabled() ? LimitVectorKernels.fmaF64(m, q, reps) : fmaF64Scalar(m, q, reps);
    }

    /**
     * {@link #fmaF64} in F32: FLOPs 2 · {@link #CHAINS} · {@link #lanesF32()} · reps.
     *
     * @param m the multiplier
     * @param q the addend
     * @param reps the steps of each chain
     * @return the sum of the chains' final values
     */
    public static float fmaF32(float m, float q, int reps) {
        return Simd.enabled() ? LimitVectorKernels.fmaF32(m, q, reps) : fmaF32Scalar(m, q, reps);
    }

    /**
     * Lanes of one F64 FMA step of {@link #fmaF64}: the preferred vector's when {@link Simd#enabled()},
     * else 1.
     *
     * @return the doubles per FMA instruction
     */
    public static int lanesF64() {
        return Simd.enabled() ? LimitVectorKernels.lanesF64() : 1;
    }

    /**
     * Lanes of one F32 FMA step of {@link #fmaF32}.
     *
     * @return the floats per FMA instruction
     */
    public static int lanesF32() {
        return Simd.enabled() ? LimitVectorKernels.lanesF32() : 1;
    }

    static double fmaF64Scalar(double m, double q, int reps) {
        double x0 = 0, x1 = 0.01, x2 = 0.02, x3 = 0.03, x4 = 0.04, x5 = 0.05;
        double x6 = 0.06, x7 = 0.07, x8 = 0.08, x9 = 0.09, x10 = 0.10, x11 = 0.11;
        for (int r = 0; r < reps; r++) {
            x0 = Math.fma(x0, m, q);
            x1 = Math.fma(x1, m, q);
            x2 = Math.fma(x2, m, q);
            x3 = Math.fma(x3, m, q);
            x4 = Math.fma(x4, m, q);
            x5 = Math.fma(x5, m, q);
            x6 = Math.fma(x6, m, q);
            x7 = Math.fma(x7, m, q);
            x8 = Math.fma(x8, m, q);
            x9 = Math.fma(x9, m, q);
            x10 = Math.fma(x10, m, q);
            x11 = Math.fma(x11, m, q);
        }
        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11;
    }

    static float fmaF32Scalar(float m, float q, int reps) {
        float x0 = 0, x1 = 0.01f, x2 = 0.02f, x3 = 0.03f, x4 = 0.04f, x5 = 0.05f;
        float x6 = 0.06f, x7 = 0.07f, x8 = 0.08f, x9 = 0.09f, x10 = 0.10f, x11 = 0.11f;
        for (int r = 0; r < reps; r++) {
            x0 = Math.fma(x0, m, q);
            x1 = Math.fma(x1, m, q);
            x2 = Math.fma(x2, m, q);
            x3 = Math.fma(x3, m, q);
            x4 = Math.fma(x4, m, q);
            x5 = Math.fma(x5, m, q);
            x6 = Math.fma(x6, m, q);
            x7 = Math.fma(x7, m, q);
            x8 = Math.fma(x8, m, q);
            x9 = Math.fma(x9, m, q);
            x10 = Math.fma(x10, m, q);
            x11 = Math.fma(x11, m, q);
        }
        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11;
    }
}
