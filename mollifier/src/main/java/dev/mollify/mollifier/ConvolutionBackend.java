package dev.mollify.mollifier;

import dev.mollify.tensor.PadMode;

/**
 * The seam for accelerated convolution: an implementation found with {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/dev.mollify.mollifier.ConvolutionBackend}) takes over every
 * array-level operation of {@link MollifierConv} — the forward pass, the input gradient (a full
 * convolution, {@link #convolveFull}) and the width gradient (the per-tap reduction of docs/math.md, "Width gradient"), or both
 * gradients at once ({@link #correlateBackward}) — without the rest of the code knowing. Only
 * {@link #correlate} and {@link #tapCorrelate} are required: the others have defaults built on them.
 * {@link Backends} picks the available one with the highest priority;
 * {@link CpuBackend} (priority 0) is always there.
 *
 * <p><b>Layout</b> (every method): {@code batch} fields, each row-major with spatial shape
 * {@code xs} (1–3 axes), field b at offset b·Πxs; the kernel is row-major with shape {@code ks}.
 */
public interface ConvolutionBackend {

    /**
     * A short name, for logs and error messages.
     *
     * @return for example "cpu-auto" or "cuda"
     */
    String name();

    /**
     * The rank among available backends: {@link Backends} takes the highest.
     *
     * @return the priority; {@link CpuBackend} has 0
     */
    int priority();

    /**
     * Whether the backend can run here; asked once, when {@link Backends} first looks.
     *
     * @return false when it cannot (no device, no native library, switched off)
     */
    boolean available();

    /**
     * Valid correlation y[b, o] = Σ_k w[k]·x[b, o + k] (o a multi-index over the output, k over the
     * kernel), accumulated in double; the forward pass of {@link MollifierConv#correlate}.
     *
     * @param x the fields, {@code batch} × Πxs values, row-major
     * @param batch the number of fields (batch × channels of the tensor)
     * @param xs each field's spatial shape, 1–3 axes
     * @param w the kernel, Πks values, row-major
     * @param ks the kernel's shape, same rank as xs, ks ≤ xs per axis
     * @param y the output, {@code batch} × Π(xs − ks + 1) values; overwritten completely
     */
    void correlate(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] y);

    /**
     * Per-tap reduction c[k] = Σ_b Σ_o g[b, o]·x[b, o + k]: the gradient of {@link #correlate} with
     * respect to the kernel, and the c of docs/math.md, "Width gradient".
     *
     * @param x the fields, {@code batch} × Πxs values, row-major
     * @param batch the number of fields
     * @param xs each field's spatial shape, 1–3 axes
     * @param g the output gradient, {@code batch} × Πgs values
     * @param gs its spatial shape per field, gs ≤ xs per axis
     * @param c the tap sums, Π(xs − gs + 1) values, row-major over the kernel's shape; overwritten
     *     completely
     */
    void tapCorrelate(double[] x, int batch, int[] xs, double[] g, int[] gs, double[] c);

    /**
     * F32 {@link #correlate(double[], int, int[], double[], int[], double[])}, same shapes; the
     * default widens to double, correlates there and rounds y once.
     *
     * @param x the fields, {@code batch} × Πxs values
     * @param batch the number of fields
     * @param xs each field's spatial shape
     * @param w the kernel, Πks values
     * @param ks the kernel's shape
     * @param y the output, {@code batch} × Π(xs − ks + 1) values; overwritten
     */
    default void correlate(float[] x, int batch, int[] xs, float[] w, int[] ks, float[] y) {
        double[] yd = new double[y.length];
        correlate(Precision.widen(x), batch, xs, Precision.widen(w), ks, yd);
        for (int i = 0; i < y.length; i++) y[i] = (float) yd[i];
    }

    /**
     * F32 {@link #tapCorrelate(double[], int, int[], double[], int[], double[])}, same shapes; the
     * default widens to double and rounds c once.
     *
     * @param x the fields, {@code batch} × Πxs values
     * @param batch the number of fields
     * @param xs each field's spatial shape
     * @param g the output gradient, {@code batch} × Πgs values
     * @param gs its spatial shape per field
     * @param c the tap sums, Π(xs − gs + 1) values; overwritten
     */
    default void tapCorrelate(float[] x, int batch, int[] xs, float[] g, int[] gs, float[] c) {
        double[] cd = new double[c.length];
        tapCorrelate(Precision.widen(x), batch, xs, Precision.widen(g), gs, cd);
        for (int i = 0; i < c.length; i++) c[i] = (float) cd[i];
    }

    /**
     * Full convolution z[b, o] = Σ_k w[k]·g[b, o − k] (g taken as 0 outside its shape), z of shape
     * gs + ks − 1 per field, overwritten: the input gradient of {@link #correlate}. The default pads g
     * with K − 1 zeros on both sides of every axis and correlates it with the flipped kernel.
     *
     * @param g the output gradient of the correlation, {@code batch} × Πgs values
     * @param batch the number of fields
     * @param gs g's spatial shape per field
     * @param w the kernel, Πks values, row-major
     * @param ks the kernel's shape
     * @param z the result, {@code batch} × Π(gs + ks − 1) values; overwritten
     */
    default void convolveFull(double[] g, int batch, int[] gs, double[] w, int[] ks, double[] z) {
        int[] ps = new int[gs.length];
        for (int a = 0; a < gs.length; a++) ps[a] = gs[a] + 2 * (ks[a] - 1);
        correlate(FullConvolution.zeroPad(g, batch, gs, ks), batch, ps, FullConvolution.flip(w, ks), ks, z);
    }

    /**
     * F32 {@link #convolveFull(double[], int, int[], double[], int[], double[])}, same shapes; the
     * default pads and correlates through the F32 {@link #correlate(float[], int, int[], float[], int[], float[])}.
     *
     * @param g the output gradient, {@code batch} × Πgs values
     * @param batch the number of fields
     * @param gs g's spatial shape per field
     * @param w the kernel, Πks values
     * @param ks the kernel's shape
     * @param z the result, {@code batch} × Π(gs + ks − 1) values; overwritten
     */
    default void convolveFull(float[] g, int batch, int[] gs, float[] w, int[] ks, float[] z) {
        int[] ps = new int[gs.length];
        for (int a = 0; a < gs.length; a++) ps[a] = gs[a] + 2 * (ks[a] - 1);
        correlate(FullConvolution.zeroPad(g, batch, gs, ks), batch, ps, FullConvolution.flip(w, ks), ks, z);
    }

    /**
     * Both gradients of y = correlate(x, w) for an output gradient g (shape xs − ks + 1 per field):
     * z = convolveFull(g, w) (to the input) and c = tapCorrelate(x, g) (to the kernel), both
     * overwritten. An implementation may share the passes over g; the default makes the two calls.
     *
     * @param x the correlation's input, {@code batch} × Πxs values
     * @param batch the number of fields
     * @param xs each field's spatial shape
     * @param w the kernel, Πks values
     * @param ks the kernel's shape
     * @param g the output gradient, {@code batch} × Π(xs − ks + 1) values
     * @param z the input gradient, {@code batch} × Πxs values; overwritten
     * @param c the kernel gradient, Πks values; overwritten
     */
    default void correlateBackward(
            double[] x, int batch, int[] xs, double[] w, int[] ks, double[] g, double[] z, double[] c) {
        int[] gs = FullConvolution.validShape(xs, ks);
        convolveFull(g, batch, gs, w, ks, z);
        tapCorrelate(x, batch, xs, g, gs, c);
    }

    /**
     * F32 {@link #correlateBackward(double[], int, int[], double[], int[], double[], double[], double[])},
     * same shapes.
     *
     * @param x the correlation's input, {@code batch} × Πxs values
     * @param batch the number of fields
     * @param xs each field's spatial shape
     * @param w the kernel, Πks values
     * @param ks the kernel's shape
     * @param g the output gradient, {@code batch} × Π(xs − ks + 1) values
     * @param z the input gradient, {@code batch} × Πxs values; overwritten
     * @param c the kernel gradient, Πks values; overwritten
     */
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
     *
     * @param x the padded fields, {@code batch} × Πxs values (the last axis already padded by m at each end)
     * @param batch the number of fields
     * @param xs the padded spatial shape per field
     * @param w the kernel, Πks values
     * @param ks the kernel's shape (in practice long along the last axis only)
     * @param g the output gradient, {@code batch} × Π(xs − ks + 1) values
     * @param out the folded input gradient, one value per cell of the unpadded fields; overwritten
     * @param c the kernel gradient, Πks values; overwritten
     * @param m the padding on each end of the last axis, in cells
     * @param mode how the padding was made (its adjoint is the fold)
     * @param t0 the first tap whose sum is wanted
     * @param t1 one past the last such tap
     * @return true when this call did the work, false when the backend has no folded path for it
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

    /**
     * F32 {@link #correlateBackwardFolded(double[], int, int[], double[], int[], double[], double[], double[], int, PadMode, int, int)},
     * same shapes and contract.
     *
     * @param x the padded fields, {@code batch} × Πxs values
     * @param batch the number of fields
     * @param xs the padded spatial shape per field
     * @param w the kernel, Πks values
     * @param ks the kernel's shape
     * @param g the output gradient, {@code batch} × Π(xs − ks + 1) values
     * @param out the folded input gradient, one value per cell of the unpadded fields; overwritten
     * @param c the kernel gradient, Πks values; overwritten
     * @param m the padding on each end of the last axis, in cells
     * @param mode how the padding was made
     * @param t0 the first tap whose sum is wanted
     * @param t1 one past the last such tap
     * @return true when this call did the work, false when the backend has no folded path for it
     */
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
