package dev.mollify.mollifier;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.PadMode;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.internal.RawStorage;
import java.util.Arrays;

/**
 * The mollifier convolution as differentiable primitives, for batched fields {@code x} of shape
 * (B, C, N), (B, C, H, W) or (B, C, D, H, W), F32 or F64, and one kernel {@code w} of spatial rank
 * 1–3 shared by every batch entry and channel.
 *
 * <h2>Three primitives, closed under differentiation</h2>
 * <pre>
 *   y = correlate(x, w):      y[b,c,o] = Σ_k w[k]·x[b,c,o+k]                (valid; o ≤ N − K)
 *       ∂x = fullConvolve(g, w),   ∂w = tapCorrelate(x, g)
 *   c = tapCorrelate(x, g):   c[k] = Σ_{b,c,o} g[b,c,o]·x[b,c,o+k]          (the per-tap reduction of docs/math.md, "Width gradient")
 *       ∂x = fullConvolve(g, G),   ∂g = correlate(x, G)
 *   z = fullConvolve(g, w):   z[b,c,o] = Σ_k w[k]·g[b,c,o−k]                (the "full" convolution, g = 0 outside;
 *       ∂g = correlate(G, w),      ∂w = tapCorrelate(G, g)                   = correlate(zeroPad(g, K−1), flip(w)))
 * </pre>
 * Each rule calls the primitives again, so any order of derivative works, in x and (through
 * {@link SampledKernel#weights}) in the width. Arrays go to the backend without copies when the
 * tensors are contiguous ({@link RawStorage}), and the full convolution pads by index arithmetic, not
 * by a zero-padded copy. Boundary handling ({@link #apply}) pads with {@link BoundaryPadding#pad} (a
 * primitive whose adjoint folds the halo back) in front of the valid correlation.
 *
 * <p>Three more primitives fuse these for speed and have the same derivatives as the chains they
 * replace: the padded correlation (its backward folds the halo into ∂x as it writes it), the folded
 * full convolution (that ∂x as one node), and {@link #applyWidth}'s smoothing as one node in (x, δ).
 * Output arrays come from
 * {@link RawStorage#uninitializedF64} (reused inside a {@link dev.mollify.tensor.Workspace} scope): every
 * backend overwrites its outputs completely. The array work goes to
 * {@link Backends#current()}; F32 fields run in float lanes (twice the vector width), F64 in double.
 *
 * <p>Sign convention: this is a correlation. To get û^{(k)} = g ∗ ∂ᵏη, pass taps
 * W_m = h·∂ᵏη_δ(−m·h), which {@link DerivativeKernels} does.
 */
public final class MollifierConv {
    private MollifierConv() {}

    /**
     * Valid correlation y[b,c,o] = Σ_k w[k]·x[b,c,o+k] (the primitive), no padding. Its rule is
     * ∂x = fullConvolve(g, w), ∂w = tapCorrelate(x, g).
     *
     * @param x the fields, (B, C, N), (B, C, H, W) or (B, C, D, H, W), F32 or F64
     * @param w the kernel, rank 1–3 equal to x's number of spatial axes, no longer than x on any axis;
     *     converted to x's dtype
     * @return y, x's shape with each spatial size N − K + 1, x's dtype
     * @throws IllegalArgumentException when the ranks do not match, x is neither F32 nor F64, or the
     *     kernel is longer than the field on an axis
     */
    public static Var correlate(Var x, Var w) {
        checkShapes(x, w.shape(), "correlate");
        Var wk = w.to(x.dtype());
        return Autograd.record(
                "mollifierCorrelate",
                correlateValue(x, wk),
                (out, g, needs) -> correlateGradients(x, wk, g, needs[0], needs[1]),
                x,
                wk);
    }

    /** The array work of {@link #correlate} (wk already in x's dtype). */
    private static Tensor correlateValue(Var x, Var wk) {
        int d = wk.shape().length;
        int batch = batch(x, d);
        int[] xs = spatial(x.shape(), d);
        int[] ks = wk.shape();
        int[] ys = new int[d];
        for (int a = 0; a < d; a++) {
            ys[a] = xs[a] - ks[a] + 1;
            if (ys[a] < 1) {
                throw new IllegalArgumentException("valid correlation: kernel " + Arrays.toString(ks)
                        + " is longer than the field " + Arrays.toString(xs) + " on spatial axis " + a
                        + "; pad the field (a Boundary mode) or shrink the window");
            }
        }
        int[] outShape = x.shape();
        System.arraycopy(ys, 0, outShape, outShape.length - d, d);
        if (x.dtype() == DType.F32) {
            float[] y = RawStorage.uninitializedF32(batch * prod(ys));
            Backends.current()
                    .correlate(RawStorage.readF32(x.value()), batch, xs, RawStorage.readF32(wk.value()), ks, y);
            return RawStorage.wrapF32(y, outShape);
        }
        double[] y = RawStorage.uninitializedF64(batch * prod(ys));
        Backends.current().correlate(RawStorage.readF64(x.value()), batch, xs, RawStorage.readF64(wk.value()), ks, y);
        return RawStorage.wrapF64(y, outShape);
    }

    /**
     * The two gradients of y = correlate(x, w) for the output gradient g: fullConvolve(g, w) to x and
     * tapCorrelate(x, g) to w, each recorded as its own primitive; when both are needed the backend
     * computes them in one call ({@link ConvolutionBackend#correlateBackward}), which may share the
     * passes over g.
     */
    private static Var[] correlateGradients(Var x, Var w, Var g, boolean needX, boolean needW) {
        if (!(needX && needW)) return new Var[] {needX ? fullConvolve(g, w) : null, needW ? tapCorrelate(x, g) : null};
        int d = w.shape().length;
        int batch = batch(x, d);
        int[] xs = spatial(x.shape(), d), ks = w.shape();
        Var gk = g.to(x.dtype());
        Tensor z, c;
        if (x.dtype() == DType.F32) {
            float[] za = RawStorage.uninitializedF32(batch * prod(xs)), ca = new float[prod(ks)];
            Backends.current()
                    .correlateBackward(
                            RawStorage.readF32(x.value()),
                            batch,
                            xs,
                            RawStorage.readF32(w.value()),
                            ks,
                            RawStorage.readF32(gk.value()),
                            za,
                            ca);
            z = RawStorage.wrapF32(za, x.shape());
            c = RawStorage.adoptF32(ca, ks);
        } else {
            double[] za = RawStorage.uninitializedF64(batch * prod(xs)), ca = new double[prod(ks)];
            Backends.current()
                    .correlateBackward(
                            RawStorage.readF64(x.value()),
                            batch,
                            xs,
                            RawStorage.readF64(w.value()),
                            ks,
                            RawStorage.readF64(gk.value()),
                            za,
                            ca);
            z = RawStorage.wrapF64(za, x.shape());
            c = RawStorage.adoptF64(ca, ks);
        }
        return new Var[] {recordFullConvolve(z, gk, w), recordTapCorrelate(c, x, gk)};
    }

    /**
     * The per-tap reduction c[k] = Σ_{b,c,o} g[b,c,o]·x[b,c,o + k] (the primitive): the kernel gradient
     * of {@link #correlate}, and the c of docs/math.md, "Width gradient". Its rule is
     * ∂x = fullConvolve(g, G), ∂g = correlate(x, G).
     *
     * @param x the fields, (B, C, spatial…), F32 or F64
     * @param g the output gradient, the same rank and leading sizes, each spatial size at most x's
     * @return c of the kernel's shape N − N_g + 1 per spatial axis, x's dtype
     * @throws IllegalArgumentException when the ranks differ
     */
    public static Var tapCorrelate(Var x, Var g) {
        int d = x.shape().length - 2;
        if (g.shape().length != x.shape().length)
            throw new IllegalArgumentException("tapCorrelate: x and g ranks differ");
        int batch = batch(x, d);
        int[] xs = spatial(x.shape(), d), gs = spatial(g.shape(), d), ks = new int[d];
        for (int a = 0; a < d; a++) ks[a] = xs[a] - gs[a] + 1;
        Var gk = g.to(x.dtype());
        Tensor value;
        if (x.dtype() == DType.F32) {
            float[] c = new float[prod(ks)];
            Backends.current()
                    .tapCorrelate(RawStorage.readF32(x.value()), batch, xs, RawStorage.readF32(gk.value()), gs, c);
            value = RawStorage.adoptF32(c, ks);
        } else {
            double[] c = new double[prod(ks)];
            Backends.current()
                    .tapCorrelate(RawStorage.readF64(x.value()), batch, xs, RawStorage.readF64(gk.value()), gs, c);
            value = RawStorage.adoptF64(c, ks);
        }
        return recordTapCorrelate(value, x, gk);
    }

    /** Records c = tapCorrelate(x, g): ∂x = fullConvolve(g, gc), ∂g = correlate(x, gc). */
    private static Var recordTapCorrelate(Tensor c, Var x, Var g) {
        return Autograd.record(
                "mollifierTapCorrelate",
                c,
                (out, gc, needs) ->
                        new Var[] {needs[0] ? fullConvolve(g, gc) : null, needs[1] ? correlate(x, gc) : null},
                x,
                g);
    }

    /**
     * The full convolution z[o] = Σ_k w[k]·g[o − k] over every o where a term exists (the primitive;
     * the input gradient of {@link #correlate}; computed without padding g, see {@link FullConvolution}).
     * Result: g's shape grown by K − 1 on every spatial axis, g's dtype.
     */
    static Var fullConvolve(Var g, Var w) {
        int d = w.shape().length;
        checkShapes(g, w.shape(), "fullConvolve");
        Var wk = w.to(g.dtype());
        int batch = batch(g, d);
        int[] gs = spatial(g.shape(), d), ks = w.shape();
        int[] zShape = g.shape();
        for (int a = 0; a < d; a++) zShape[zShape.length - d + a] += ks[a] - 1;
        int zn = batch;
        for (int a = 0; a < d; a++) zn *= gs[a] + ks[a] - 1;
        Tensor value;
        if (g.dtype() == DType.F32) {
            float[] z = RawStorage.uninitializedF32(zn);
            Backends.current()
                    .convolveFull(RawStorage.readF32(g.value()), batch, gs, RawStorage.readF32(wk.value()), ks, z);
            value = RawStorage.wrapF32(z, zShape);
        } else {
            double[] z = RawStorage.uninitializedF64(zn);
            Backends.current()
                    .convolveFull(RawStorage.readF64(g.value()), batch, gs, RawStorage.readF64(wk.value()), ks, z);
            value = RawStorage.wrapF64(z, zShape);
        }
        return recordFullConvolve(value, g, wk);
    }

    /** Records z = fullConvolve(g, w): ∂g = correlate(gz, w), ∂w = tapCorrelate(gz, g). */
    private static Var recordFullConvolve(Tensor z, Var g, Var w) {
        return Autograd.record(
                "mollifierFullConvolve",
                z,
                (out, gz, needs) ->
                        new Var[] {needs[0] ? correlate(gz, w) : null, needs[1] ? tapCorrelate(gz, g) : null},
                g,
                w);
    }

    /**
     * Correlation with boundary handling: every spatial axis is padded by the kernel's halo (K−1)/2
     * (odd kernel lengths) in {@code boundary}'s mode, then correlated validly. With a padding mode and a
     * kernel long along the last axis only, the pair is recorded as one fused node whose backward folds
     * the halo as it writes ∂x (the same derivatives as the unfused chain).
     *
     * @param x the fields, (B, C, N), (B, C, H, W) or (B, C, D, H, W), F32 or F64
     * @param w the centred kernel, odd length on every axis, rank equal to x's number of spatial axes
     * @param boundary the edge treatment: the padding modes keep x's shape, {@link Boundary#VALID} and
     *     {@link Boundary#EXTENDED} shrink each spatial axis by K − 1
     * @return y = correlate(pad(x), w), x's dtype
     * @throws IllegalArgumentException when the shapes do not match, a kernel length is even, or the
     *     padding or the field is too short for the kernel
     */
    public static Var apply(Var x, Var w, Boundary boundary) {
        int d = w.shape().length;
        checkShapes(x, w.shape(), "apply");
        Var p = x;
        for (int a = 0; a < d; a++) {
            int k = w.shape()[a];
            if (k % 2 == 0)
                throw new IllegalArgumentException(
                        "centred kernels have odd lengths; got " + Arrays.toString(w.shape()));
            p = boundary.pad(p, x.shape().length - d + a, (k - 1) / 2);
        }
        int m = (w.shape()[d - 1] - 1) / 2;
        if (boundary.padMode() != null && m > 0 && FusedBackward.supports(w.shape())) {
            return paddedCorrelate(
                    x, p, w, boundary.padMode(), m); // one long axis, the last: the fold fuses into the backward
        }
        return correlate(p, w);
    }

    /**
     * y = correlate(p, w) for p = pad(x) along the last axis by m cells in {@code mode}, recorded on x
     * directly so that the backward can fold the padding's halo into the input gradient as it writes it
     * ({@link ConvolutionBackend#correlateBackwardFolded}) instead of making a padded-size gradient and
     * folding it in a second pass:
     * <pre>
     *   ∂x = fold(fullConvolve(g, w))  (the adjoint of the padding after correlate's rule),  ∂w = tapCorrelate(p, g)
     * </pre>
     * The value of ∂x is recorded as one primitive whose own rule is pad-then-correlate's
     * ({@link #recordFoldedFullConvolve}), so every order of derivative works as for the unfused pair.
     */
    private static Var paddedCorrelate(Var x, Var p, Var w, PadMode mode, int m) {
        Var wk = w.to(x.dtype());
        return Autograd.record(
                "mollifierPaddedCorrelate",
                correlateValue(p, wk),
                (out, g, needs) -> paddedGradients(x, p, wk, g, mode, m, needs[0], needs[1]),
                x,
                wk);
    }

    /**
     * {@link #paddedCorrelate}'s rule: ∂x = fold(fullConvolve(g, w)), ∂w = tapCorrelate(p, g), in one backend call
     * when both are needed.
     */
    private static Var[] paddedGradients(
            Var x, Var p, Var w, Var g, PadMode mode, int m, boolean needX, boolean needW) {
        int axis = x.shape().length - 1, n = x.shape()[axis];
        if (needX && needW) {
            Var[] fused = foldedGradients(x, p, w, g, mode, m, 0, w.shape()[w.shape().length - 1]);
            if (fused != null) return fused;
        }
        return new Var[] {
            needX ? BoundaryPadding.fold(fullConvolve(g, w), axis, n, m, m, mode) : null,
            needW ? tapCorrelate(p, g) : null
        };
    }

    /**
     * Smoothing along the last spatial axis with the kernel k sampled at the width δ, recorded as one
     * primitive in (x, δ): y = correlate(pad(x), W(δ)), the padding in {@code boundary}'s mode. Its rule is
     * the chain through W, ∂x = fold(fullConvolve(g, W)) and ∂L/∂δ = Σ_j c_j·∂W_j/∂δ with
     * c = tapCorrelate(pad(x), g) (docs/math.md, "Width gradient"). Since ∂W_j/∂δ = 0 outside the kernel's support, a first-order
     * backward asks the backend for c on the support's taps only (a quarter fewer taps at the layer's
     * default δ = 0.75·M·h; for an F32 field, the taps whose weight is non-zero in float). A backward that
     * records a graph builds the same chain from {@link SampledKernel#weights} and the unrestricted c, so
     * every order works. W itself is not a graph node, so no caller can ask for ∂L/∂W and see the taps
     * left out. Boundaries without padding, and the other axes of a separable kernel, go through
     * {@link #applyAlong} with {@link SampledKernel#weights}.
     */
    static Var applyWidth(Var x, Var delta, SampledKernel k, int axis, Boundary boundary) {
        int d = x.shape().length - 2, kn = k.taps().length, m = (kn - 1) / 2;
        PadMode mode = boundary.padMode();
        if (axis != d - 1 || mode == null || m == 0 || k.window().shape().length != 1) {
            return applyAlong(x, SampledKernel.weights(delta, k), axis, boundary);
        }
        int[] ks = new int[d];
        Arrays.fill(ks, 1);
        ks[d - 1] = kn;
        checkShapes(x, ks, "applyWidth");
        Var w = Var.constant(k.tapsTensor().reshape(ks).to(x.dtype()));
        Var p = boundary.pad(x, x.shape().length - 1, m);
        // F32: also leave out taps whose weight rounds to 0 in float (W < 1.4e-45: the forward never sees them, and
        // their ∂W/∂δ = W·(a − ā) is of that order too, far below float resolution)
        int[] support = SampledKernel.nonZeroRange(w.value().toDoubleArray());
        return Autograd.record(
                "mollifierSmooth",
                correlateValue(p, w),
                (out, g, needs) -> {
                    if (needs[0] && needs[1] && !Autograd.isGradEnabled()) {
                        Var[] fused = foldedGradients(x, p, w, g, mode, m, support[0], support[1]);
                        if (fused != null)
                            return new Var[] {
                                fused[0],
                                SampledKernel.widthGradient(
                                        fused[1].to(DType.F64).reshape(kn), delta, k)
                            };
                    }
                    Var wk = needs[1]
                            ? SampledKernel.weights(delta, k).reshape(ks).to(x.dtype())
                            : w;
                    Var[] grads = paddedGradients(x, p, wk, g, mode, m, needs[0], needs[1]);
                    return new Var[] {
                        grads[0],
                        needs[1]
                                ? SampledKernel.widthGradient(
                                        grads[1].to(DType.F64).reshape(kn), delta, k)
                                : null
                    };
                },
                x,
                delta);
    }

    /**
     * Both gradients of {@link #paddedCorrelate} in one backend call, or null when the backend has no folded path; the
     * per-tap sums only for the taps [t0, t1) (0 elsewhere: for {@link #applyWidth}'s internal use only).
     */
    private static Var[] foldedGradients(Var x, Var p, Var w, Var g, PadMode mode, int m, int t0, int t1) {
        int[] ps = spatial(p.shape(), w.shape().length), ks = w.shape();
        int batch = batch(p, ks.length);
        Var gk = g.to(x.dtype());
        Tensor gx, c;
        if (x.dtype() == DType.F32) {
            float[] out = RawStorage.uninitializedF32(x.value().numel()), ca = new float[prod(ks)];
            if (!Backends.current()
                    .correlateBackwardFolded(
                            RawStorage.readF32(p.value()),
                            batch,
                            ps,
                            RawStorage.readF32(w.value()),
                            ks,
                            RawStorage.readF32(gk.value()),
                            out,
                            ca,
                            m,
                            mode,
                            t0,
                            t1)) return null;
            gx = RawStorage.wrapF32(out, x.shape());
            c = RawStorage.adoptF32(ca, ks);
        } else {
            double[] out = RawStorage.uninitializedF64(x.value().numel()), ca = new double[prod(ks)];
            if (!Backends.current()
                    .correlateBackwardFolded(
                            RawStorage.readF64(p.value()),
                            batch,
                            ps,
                            RawStorage.readF64(w.value()),
                            ks,
                            RawStorage.readF64(gk.value()),
                            out,
                            ca,
                            m,
                            mode,
                            t0,
                            t1)) return null;
            gx = RawStorage.wrapF64(out, x.shape());
            c = RawStorage.adoptF64(ca, ks);
        }
        return new Var[] {recordFoldedFullConvolve(gx, gk, w, mode, m), recordTapCorrelate(c, p, gk)};
    }

    /**
     * Records gx = fold(fullConvolve(g, w)) (fold along the last axis, halo m): its rule is the adjoint
     * pair's, ∂g = correlate(pad(G), w), ∂w = tapCorrelate(pad(G), g).
     */
    private static Var recordFoldedFullConvolve(Tensor gx, Var g, Var w, PadMode mode, int m) {
        return Autograd.record(
                "mollifierFoldedFullConvolve",
                gx,
                (out, gz, needs) -> {
                    Var gp = BoundaryPadding.pad(gz, gz.shape().length - 1, m, m, mode);
                    return new Var[] {needs[0] ? correlate(gp, w) : null, needs[1] ? tapCorrelate(gp, g) : null};
                },
                g,
                w);
    }

    /**
     * One pass of a tensor-product kernel: the 1-D kernel {@code w1} (length 2M+1) along spatial axis
     * {@code axis} (0-based among the spatial axes), other axes untouched.
     *
     * @param x the fields, (B, C, spatial…), 1–3 spatial axes, F32 or F64
     * @param w1 the 1-D kernel, odd length 2M+1 (e.g. {@link SampledKernel#weights} or a derivative kernel)
     * @param axis the spatial axis to correlate along, 0-based, slowest first
     * @param boundary the edge treatment along that axis
     * @return x correlated along that axis; that axis shrinks by 2M for {@link Boundary#VALID} and
     *     {@link Boundary#EXTENDED}, else keeps its size
     * @throws IllegalArgumentException when w1 is not 1-D, its length is even, the axis is out of range,
     *     or the field is too short for the kernel
     */
    public static Var applyAlong(Var x, Var w1, int axis, Boundary boundary) {
        if (w1.shape().length != 1)
            throw new IllegalArgumentException("applyAlong needs a 1-D kernel, got " + Arrays.toString(w1.shape()));
        int d = x.shape().length - 2;
        if (axis < 0 || axis >= d)
            throw new IllegalArgumentException("spatial axis " + axis + " out of range for " + d + " spatial axes");
        int[] ks = new int[d];
        Arrays.fill(ks, 1);
        ks[axis] = w1.shape()[0];
        return apply(x, w1.reshape(ks), boundary);
    }

    /**
     * Correlation with the tensor-product kernel Π_a w_a(x_a), as one 1-D pass per spatial axis in axis
     * order ({@link #applyAlong}).
     *
     * @param x the fields, (B, C, spatial…), 1–3 spatial axes
     * @param perAxis one 1-D kernel per spatial axis, slowest first; a null entry skips that axis
     * @param boundary the edge treatment on every axis
     * @return the smoothed fields
     * @throws IllegalArgumentException as {@link #applyAlong} for any pass
     */
    public static Var applySeparable(Var x, Var[] perAxis, Boundary boundary) {
        Var y = x;
        for (int a = 0; a < perAxis.length; a++) if (perAxis[a] != null) y = applyAlong(y, perAxis[a], a, boundary);
        return y;
    }

    private static void checkShapes(Var x, int[] ks, String op) {
        int d = ks.length;
        if (d < 1 || d > 3 || x.shape().length != d + 2) {
            throw new IllegalArgumentException(op + ": expected x of shape (B, C, …) with " + d
                    + " spatial axes for a kernel of shape " + Arrays.toString(ks) + ", got x "
                    + Arrays.toString(x.shape()) + " (1 to 3 spatial axes are supported)");
        }
        DType t = x.dtype();
        if (t != DType.F64 && t != DType.F32)
            throw new IllegalArgumentException(op + ": F32 or F64 input expected, got " + t);
    }

    private static int batch(Var x, int d) {
        int[] s = x.shape();
        int b = 1;
        for (int i = 0; i < s.length - d; i++) b *= s[i];
        return b;
    }

    private static int[] spatial(int[] s, int d) {
        return Arrays.copyOfRange(s, s.length - d, s.length);
    }

    private static int prod(int[] s) {
        int p = 1;
        for (int v : s) p *= v;
        return p;
    }
}
