package dev.mollify.mollifier;

import dev.mollify.tensor.PadMode;

/**
 * The seam for accelerated convolution: an implementation found with {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/dev.mollify.mollifier.ConvolutionBackend}) takes over every
 * array-level operation of {@link MollifierConv} — the forward pass, the input gradient (a full
 * convolution, {@link #convolveFull}) and the width gradient (the per-tap reduction of docs/math.md, "Width gradient"), or both
 * gradients at once ({@link #correlateBackward}) — without the rest of the code knowing. Only
 * {@link #correlate} and {@link #tapCorrelate} are required: the others have defaults built on them. {@link Backends} picks the available one with the highest priority;
 * {@link CpuBackend} (priority 0) is always there.
 *
 * <p><b>Layout</b> (every method): {@code batch} fields, each row-major with spatial shape
 * {@code xs} (1–3 axes), field b at offset b·Πxs; the kernel is row-major with shape {@code ks}.
 */
public interface ConvolutionBackend {

    /** A short name, for logs and error messages. */
    String name();

    /** Higher wins among available backends. */
    int priority();

    /** False when the backend cannot run here (no device, no native library). */
    boolean available();

    /**
     * Valid correlation y[b, o] = Σ_k w[k]·x[b, o + k]; y has shape xs − ks + 1 per field and is
     * overwritten.
     */
    void correlate(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] y);

    /**
     * Per-tap reduction c[k] = Σ_b Σ_o g[b, o]·x[b, o + k], g of shape gs per field, c of shape
     * xs − gs + 1, overwritten.
     */
    void tapCorrelate(double[] x, int batch, int[] xs, double[] g, int[] gs, double[] c);

    /** F32 {@link #correlate(double[], int, int[], double[], int[], double[])}; the default widens to double. */
    default void correlate(float[] x, int batch, int[] xs, float[] w, int[] ks, float[] y) {
        double[] yd = new double[y.length];
        correlate(Precision.widen(x), batch, xs, Precision.widen(w), ks, yd);
        for (int i = 0; i < y.length; i++) y[i] = (float) yd[i];
    }

    /** F32 {@link #tapCorrelate(double[], int, int[], double[], int[], double[])}; the default widens to double. */
    default void tapCorrelate(float[] x, int batch, int[] xs, float[] g, int[] gs, float[] c) {
        double[] cd = new double[c.length];
        tapCorrelate(Precision.widen(x), batch, xs, Precision.widen(g), gs, cd);
        for (int i = 0; i < c.length; i++) c[i] = (float) cd[i];
    }

    /**
     * Full convolution z[b, o] = Σ_k w[k]·g[b, o − k] (g taken as 0 outside its shape), z of shape
     * gs + ks − 1 per field, overwritten: the input gradient of {@link #correlate}. The default pads g
     * with K − 1 zeros on both sides of every axis and correlates it with the flipped kernel.
     */
    default void convolveFull(double[] g, int batch, int[] gs, double[] w, int[] ks, double[] z) {
        int[] ps = new int[gs.length];
        for (int a = 0; a < gs.length; a++) ps[a] = gs[a] + 2 * (ks[a] - 1);
        correlate(FullConvolution.zeroPad(g, batch, gs, ks), batch, ps, FullConvolution.flip(w, ks), ks, z);
    }

    /** F32 {@link #convolveFull(double[], int, int[], double[], int[], double[])}. */
    default void convolveFull(float[] g, int batch, int[] gs, float[] w, int[] ks, float[] z) {
        int[] ps = new int[gs.length];
        for (int a = 0; a < gs.length; a++) ps[a] = gs[a] + 2 * (ks[a] - 1);
        correlate(FullConvolution.zeroPad(g, batch, gs, ks), batch, ps, FullConvolution.flip(w, ks), ks, z);
    }

    /**
     * Both gradients of y = correlate(x, w) for an output gradient g (shape xs − ks + 1 per field):
     * z = convolveFull(g, w) (to the input) and c = tapCorrelate(x, g) (to the kernel), both
     * overwritten. An implementation may share the passes over g; the default makes the two calls.
     */
    default void correlateBackward(
            double[] x, int batch, int[] xs, double[] w, int[] ks, double[] g, double[] z, double[] c) {
        int[] gs = FullConvolution.validShape(xs, ks);
        convolveFull(g, batch, gs, w, ks, z);
        tapCorrelate(x, batch, xs, g, gs, c);
    }

    /** F32 {@link #correlateBackward(double[], int, int[], double[], int[], double[], double[], double[])}. */
    default void correlateBackward(
            float[] x, int batch, int[] xs, float[] w, int[] ks, float[] g, float[] z, float[] c) {
        int[] gs = FullConvolution.validShape(xs, ks);
        convolveFull(g, batch, gs, w, ks, z);
        tapCorrelate(x, batch, xs, g, gs, c);
    }

    /**
     * Optional: {@link #correlateBackward} for x = a field padded by {@code m} cells at both ends of its
     * last axis in {@code mode}, with the input gradient written already folded back onto the unpadded
     * field ({@code out}, n = xs[last] − 2m cells per row; the fold is the adjoint of the padding) and c
     * overwritten: c[k] for taps t0 ≤ k &lt; t1 and 0 for the others (a width gradient needs only the taps
     * where ∂W/∂δ ≠ 0; pass 0, K for all). Returns false, touching nothing, when this backend has no such path for the call (the
     * caller then runs {@link #correlateBackward} and folds).
     */
    default boolean correlateBackwardFolded(
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
        return false;
    }

    /** F32 {@link #correlateBackwardFolded(double[], int, int[], double[], int[], double[], double[], double[], int, PadMode, int, int)}. */
    default boolean correlateBackwardFolded(
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
        return false;
    }
}
