package dev.mollify.cuda;

import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.Window;
import dev.mollify.tensor.DType;

/**
 * The device operations, on {@link DeviceArray}s already on the GPU; each picks its kernel and
 * launch geometry and queues it (no host copies, no synchronisation). Every correlation is
 * <pre>  y[o] = Σ_k w'[k]·x̃[o + k − padLo]</pre>
 * with w' = w or flip(w) and x̃ = x extended by a {@link BoundaryCode}; the per-tap reduction is
 * <pre>  c[k] = Σ_o g[o]·x̃[o + k − padLo]</pre>
 * (docs/math.md, "Width gradient"), accumulated in double and returned as F64.
 */
public final class DeviceOps {
    private DeviceOps() {}

    /**
     * A line pass (see {@link LineShape}): x (outer, n, inner) → y (outer, nOut, inner), with
     * y[o] = Σ_k w'[k]·x̃[o + k − padLo] along the n axis. Picks correlate_rows for the contiguous axis,
     * correlate_cols for a strided one, and correlate_nd when their tiles do not fit in shared memory.
     *
     * @param x the input, outer·n·inner values
     * @param w the kernel, s.taps() values, the same type as x
     * @param y the output, outer·nOut·inner values, the same type; overwritten
     * @param s the line view of x and the kernel
     * @param nOut outputs per line (n − K + 1 for a valid correlation, n with same-size padding,
     *     n + K − 1 for the full convolution)
     * @param padLo cells of x̃ before x's first cell that output 0 reads
     * @param mode how x̃ extends x beyond its edges
     * @param flip true to correlate with the reversed kernel (the input gradient)
     * @throws IllegalArgumentException when the arrays' types differ or the grid is too large
     */
    public static void correlateLine(
            DeviceArray x,
            DeviceArray w,
            DeviceArray y,
            LineShape s,
            int nOut,
            int padLo,
            BoundaryCode mode,
            boolean flip) {
        DType t = sameType(x, w, y);
        CudaContext c = x.context();
        int k = s.taps();
        if (s.contiguous() && LaunchGeometry.rowsFit(t, k)) {
            c.launch(
                    Kernel.CORRELATE_ROWS,
                    t,
                    LaunchGeometry.rows(t, s.outer(), nOut, k),
                    new LaunchArgs()
                            .ptr(x)
                            .ptr(w)
                            .ptr(y)
                            .ints(s.outer(), s.n(), nOut, k, padLo, mode.code())
                            .i(flip));
        } else if (!s.contiguous() && LaunchGeometry.colsFit(t, k)) {
            c.launch(
                    Kernel.CORRELATE_COLS,
                    t,
                    LaunchGeometry.cols(t, s.outer(), nOut, s.inner(), k),
                    new LaunchArgs()
                            .ptr(x)
                            .ptr(w)
                            .ptr(y)
                            .ints(s.outer(), s.n(), nOut, s.inner(), k, padLo, mode.code())
                            .i(flip));
        } else {
            correlateNd(
                    x,
                    w,
                    y,
                    s.outer(),
                    new int[] {1, s.n(), s.inner()},
                    new int[] {1, nOut, s.inner()},
                    new int[] {1, k, 1},
                    new int[] {0, padLo, 0},
                    mode,
                    flip);
        }
    }

    /**
     * The correlation for any kernel shape up to 3 axes: x (batch, X0, X1, X2) → y (batch, Y0, Y1, Y2),
     * y[o] = Σ_k w'[k]·x̃[o + k − P], one thread per output.
     *
     * @param x the input, batch·X0·X1·X2 values
     * @param w the kernel, K0·K1·K2 values, row-major
     * @param y the output, batch·Y0·Y1·Y2 values; overwritten
     * @param batch the number of fields
     * @param X the input's spatial shape, padded to 3 axes with leading 1s
     * @param Y the output's spatial shape, 3 axes
     * @param K the kernel's shape, 3 axes
     * @param P the cells of x̃ before x's first cell per axis (padLo of each axis)
     * @param mode how x̃ extends x beyond its edges
     * @param flip true to correlate with the reversed kernel
     * @throws IllegalArgumentException when the arrays' types differ
     */
    public static void correlateNd(
            DeviceArray x,
            DeviceArray w,
            DeviceArray y,
            int batch,
            int[] X,
            int[] Y,
            int[] K,
            int[] P,
            BoundaryCode mode,
            boolean flip) {
        DType t = sameType(x, w, y);
        x.context()
                .launch(
                        Kernel.CORRELATE_ND,
                        t,
                        LaunchGeometry.stride(y.length()),
                        new LaunchArgs()
                                .ptr(x)
                                .ptr(w)
                                .ptr(y)
                                .i(batch)
                                .ints(X)
                                .ints(Y)
                                .ints(K)
                                .ints(P)
                                .i(mode.code())
                                .i(flip));
    }

    /**
     * The per-tap reduction along a line: x (outer, n, inner), g (outer, nG, inner) →
     * c[k] = Σ_o g[o]·x̃[o + k − padLo], in two deterministic stages (partials per block, then a
     * fixed-order sum per tap). Uses tap_rows for the contiguous axis when it fits, else tap_nd.
     *
     * @param x the field, outer·n·inner values
     * @param g the output gradient, outer·nG·inner values, the same type as x
     * @param c the tap sums, F64, at least s.taps() values; overwritten
     * @param s the line view of x and the kernel
     * @param nG gradient values per line
     * @param padLo cells of x̃ before x's first cell
     * @param mode how x̃ extends x beyond its edges
     * @throws IllegalArgumentException when x and g differ in type, or c is not F64 or too short
     */
    public static void tapLine(
            DeviceArray x, DeviceArray g, DeviceArray c, LineShape s, int nG, int padLo, BoundaryCode mode) {
        DType t = sameType(x, g, g);
        requireF64(c, s.taps());
        int k = s.taps();
        if (s.contiguous() && LaunchGeometry.tapRowsFit(t, k)) {
            LaunchGeometry.Launch l = LaunchGeometry.tapRows(t, s.outer(), nG, k);
            try (DeviceArray partial = x.context().allocate(DType.F64, (long) l.gridX() * k)) {
                x.context()
                        .launch(
                                Kernel.TAP_ROWS,
                                t,
                                l,
                                new LaunchArgs()
                                        .ptr(x)
                                        .ptr(g)
                                        .ptr(partial)
                                        .ints(s.outer(), s.n(), nG, k, padLo, mode.code()));
                reduce(partial, l.gridX(), c, k);
            }
        } else {
            tapNd(
                    x,
                    g,
                    c,
                    s.outer(),
                    new int[] {1, s.n(), s.inner()},
                    new int[] {1, nG, s.inner()},
                    new int[] {1, k, 1},
                    new int[] {0, padLo, 0},
                    mode);
        }
    }

    /**
     * The per-tap reduction for any tap shape up to 3 axes: c[k] = Σ_{b,o} g[b, o]·x̃[b, o + k − P].
     *
     * @param x the field, batch·X0·X1·X2 values
     * @param g the output gradient, batch·G0·G1·G2 values, the same type as x
     * @param c the tap sums, F64, K0·K1·K2 values row-major; overwritten
     * @param batch the number of fields
     * @param X the field's spatial shape, padded to 3 axes
     * @param G the gradient's spatial shape, 3 axes
     * @param K the tap shape, 3 axes; at most {@link LaunchGeometry#MAX_GRID_Y} taps
     * @param P the cells of x̃ before x's first cell per axis
     * @param mode how x̃ extends x beyond its edges
     * @throws IllegalArgumentException when x and g differ in type, c is not F64 or too short, or there
     *     are too many taps
     */
    public static void tapNd(
            DeviceArray x,
            DeviceArray g,
            DeviceArray c,
            int batch,
            int[] X,
            int[] G,
            int[] K,
            int[] P,
            BoundaryCode mode) {
        DType t = sameType(x, g, g);
        int taps = K[0] * K[1] * K[2];
        requireF64(c, taps);
        LaunchGeometry.Launch l = LaunchGeometry.tapNd(g.length(), taps);
        try (DeviceArray partial = x.context().allocate(DType.F64, (long) l.gridX() * taps)) {
            x.context()
                    .launch(
                            Kernel.TAP_ND,
                            t,
                            l,
                            new LaunchArgs()
                                    .ptr(x)
                                    .ptr(g)
                                    .ptr(partial)
                                    .i(batch)
                                    .ints(X)
                                    .ints(G)
                                    .ints(K)
                                    .ints(P)
                                    .i(mode.code())
                                    .i(LaunchGeometry.TAP_ND_CHUNK));
            reduce(partial, l.gridX(), c, taps);
        }
    }

    private static void reduce(DeviceArray partial, int parts, DeviceArray c, int taps) {
        c.context()
                .launch(
                        Kernel.REDUCE_TAPS,
                        DType.F64,
                        LaunchGeometry.perTap(taps),
                        new LaunchArgs().ptr(partial).i(parts).i(taps).ptr(c));
    }

    /**
     * The width gradient out[0] = (accumulate ? out[0] : 0) + Σ_k c[k]·dW[k], ∂L/∂δ = Σ_j c_j·∂W_j/∂δ
     * of docs/math.md, "Width gradient" (all F64).
     *
     * @param c the tap sums, c.length() values
     * @param dW ∂W/∂δ, at least as long as c
     * @param out the result, one value
     * @param accumulate true to add to out[0] (the passes of a separable kernel), false to overwrite it
     * @throws IllegalArgumentException when an array is not F64 or too short
     */
    public static void widthDot(DeviceArray c, DeviceArray dW, DeviceArray out, boolean accumulate) {
        requireF64(c, 1);
        requireF64(dW, (int) c.length());
        requireF64(out, 1);
        c.context()
                .launch(
                        Kernel.WIDTH_DOT,
                        DType.F64,
                        LaunchGeometry.single(),
                        new LaunchArgs()
                                .ptr(c)
                                .ptr(dW)
                                .i(Math.toIntExact(c.length()))
                                .i(accumulate)
                                .ptr(out));
    }

    /**
     * The adjoint of padding the n axis of (outer, n, inner) by {@code pad} on both sides:
     * dxp (outer, n + 2·pad, inner) → dx (outer, n, inner), dx[j] = dxp[j + pad] plus every halo cell
     * that the padding copied from j.
     *
     * @param dxp the gradient of the padded field
     * @param dx the gradient of the field; overwritten
     * @param outer the product of the sizes before the axis (batch included)
     * @param n the field's length along the axis
     * @param inner the product of the sizes after it
     * @param pad the halo on each side, at most n (less than n for {@link BoundaryCode#REFLECT})
     * @param mode the padding's mode
     * @throws IllegalArgumentException when the arrays' types differ
     */
    public static void foldHalo(
            DeviceArray dxp, DeviceArray dx, int outer, int n, int inner, int pad, BoundaryCode mode) {
        DType t = sameType(dxp, dx, dx);
        dx.context()
                .launch(
                        Kernel.FOLD_HALO,
                        t,
                        LaunchGeometry.stride(dx.length()),
                        new LaunchArgs().ptr(dxp).ptr(dx).ints(outer, n, inner, pad, mode.code()));
    }

    /**
     * Rounds F64 values to F32: out[i] = (float) in[i] for every i &lt; out.length().
     *
     * @param in the F64 values, at least as many as out holds
     * @param out the F32 destination; overwritten
     * @throws IllegalArgumentException when in is not F64 or too short, or out is not F32
     */
    public static void narrow(DeviceArray in, DeviceArray out) {
        requireF64(in, (int) out.length());
        if (out.dtype() != DType.F32) throw new IllegalArgumentException("narrow writes F32, got " + out.dtype());
        in.context()
                .launch(
                        Kernel.NARROW,
                        DType.F64,
                        LaunchGeometry.stride(out.length()),
                        new LaunchArgs().ptr(in).ptr(out).i(Math.toIntExact(out.length())));
    }

    /**
     * Samples {@code family} in {@code window} at width δ on the device: W, dW/dδ (F64, window.size()
     * values; {@link dev.mollify.mollifier.SampledKernel#sample} is the host original) and, when not
     * null, their F32 roundings.
     *
     * @param family the profile φ (bump, polynomial or truncated Gaussian)
     * @param window the taps' grid, 1 to 3 axes
     * @param delta the width δ, in the units of the window's spacing
     * @param w the taps W_j, F64, at least window.size() values; overwritten
     * @param dW ∂W_j/∂δ, F64, at least window.size() values; overwritten
     * @param wf W rounded to F32, or null
     * @param dWf ∂W/∂δ rounded to F32, or null
     * @throws IllegalArgumentException when δ is degenerate for the window or w or dW is not F64 or too
     *     short
     */
    public static void sample(
            KernelFamily family,
            Window window,
            double delta,
            DeviceArray w,
            DeviceArray dW,
            DeviceArray wf,
            DeviceArray dWf) {
        window.checkWidth(delta);
        int taps = window.size();
        requireF64(w, taps);
        requireF64(dW, taps);
        int code;
        double param;
        if (family instanceof KernelFamily.Bump) {
            code = 0;
            param = 0;
        } else if (family instanceof KernelFamily.Polynomial) {
            code = 1;
            param = ((KernelFamily.Polynomial) family).p();
        } else {
            code = 2;
            param = ((KernelFamily.TruncatedGaussian) family).alpha();
        }
        int[] m = new int[3];
        double[] h = new double[3];
        int[] hw = window.halfWidth();
        double[] sp = window.spacing();
        for (int a = 0; a < hw.length; a++) {
            m[a] = hw[a];
            h[a] = sp[a];
        }
        w.context()
                .launch(
                        Kernel.SAMPLE_TAPS,
                        DType.F64,
                        LaunchGeometry.single(),
                        new LaunchArgs()
                                .i(code)
                                .d(param)
                                .d(delta)
                                .i(window.dims())
                                .ints(m)
                                .d(h[0])
                                .d(h[1])
                                .d(h[2])
                                .ptr(w)
                                .ptr(dW)
                                .ptr(wf)
                                .ptr(dWf));
    }

    private static DType sameType(DeviceArray a, DeviceArray b, DeviceArray c) {
        if (a.dtype() != b.dtype() || a.dtype() != c.dtype()) {
            throw new IllegalArgumentException("device arrays of one operation must share a type, got " + a.dtype()
                    + ", " + b.dtype() + ", " + c.dtype());
        }
        return a.dtype();
    }

    private static void requireF64(DeviceArray a, int minLength) {
        if (a.dtype() != DType.F64)
            throw new IllegalArgumentException(
                    "tap sums, widths and their gradients are F64 on the device, got " + a.dtype());
        if (a.length() < minLength)
            throw new IllegalArgumentException("device array of " + a.length() + " values, need " + minLength);
    }
}
