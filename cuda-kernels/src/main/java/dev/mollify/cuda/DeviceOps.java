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

    /** Line pass (see {@link LineShape}): x (outer, n, inner) → y (outer, nOut, inner). */
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

    /** Any kernel shape: x (batch, X0, X1, X2) → y (batch, Y0, Y1, Y2), taps K0×K1×K2, padding P per axis. */
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

    /** Per-tap reduction along a line: x (outer, n, inner), g (outer, nG, inner) → c (taps, F64). */
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

    /** Per-tap reduction for any tap shape K: c[k] = Σ g[b, o]·x̃[b, o + k − P] (c F64, K0·K1·K2 values). */
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

    /** out[0] = (accumulate ? out[0] : 0) + Σ_k c[k]·dW[k]: the width gradient (all F64). */
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

    /** The adjoint of padding the n axis of (outer, n, inner) by {@code pad} on both sides: dxp (outer, n + 2pad, inner) → dx. */
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

    /** Rounds F64 values to an F32 array of the same length. */
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
