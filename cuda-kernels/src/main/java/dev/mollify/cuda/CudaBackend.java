package dev.mollify.cuda;

import dev.mollify.mollifier.ConvolutionBackend;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.PadMode;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The mollifier convolution on the GPU, found by {@link java.util.ServiceLoader} (priority 100, above
 * the CPU's 0). {@code -Dmollify.cuda}: {@code auto} is available when a device works (else the reason
 * is logged once and the CPU path runs), {@code on} is always chosen and throws
 * {@link CudaUnavailableException} at the first call without a device, {@code off} is never available.
 *
 * <p>Each call copies its arrays to the device, runs the kernels of {@link DeviceOps} and copies the
 * result back. Boundary modes arrive as padded fields from {@link dev.mollify.mollifier.MollifierConv}
 * (the interface is "valid" correlation), so every mode of the CPU path works unchanged; device-resident
 * pipelines with the padding inside the kernels are {@link DeviceSmoother}. The input gradient runs on
 * the device too: {@link #convolveFull} is the correlation of g with the flipped kernel over g's
 * zero extension (padLo = K − 1), and {@link #correlateBackwardFolded} adds the fold of the halo
 * ({@code fold_halo}) after it, so no padded array crosses the bus.
 */
public final class CudaBackend implements ConvolutionBackend {
    private static final System.Logger LOG = System.getLogger("dev.mollify.cuda");
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private final CudaMode mode;

    /**
     * The backend under {@code -Dmollify.cuda} (used by ServiceLoader).
     *
     * @throws IllegalArgumentException when the property holds a value {@link CudaMode#parse} does not know
     */
    public CudaBackend() {
        this(CudaMode.current());
    }

    /**
     * A backend under an explicit mode, whatever the property says (tests, benchmarks).
     *
     * @param mode {@link CudaMode#AUTO}: available when a device works; {@link CudaMode#ON}: always
     *     available, throwing at the first call without a device; {@link CudaMode#OFF}: never available
     */
    public CudaBackend(CudaMode mode) {
        this.mode = mode;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean available() {
        if (mode == CudaMode.OFF) return false;
        if (mode == CudaMode.ON) return true;
        String why = unavailableReason();
        if (why != null && LOGGED.compareAndSet(false, true)) {
            // the CPU path is the normal case: said only when asked (-Dmollify.cuda=on fails loudly instead)
            LOG.log(System.Logger.Level.DEBUG, "CUDA backend unavailable ({0}); Mollify runs on the CPU path", why);
        }
        return why == null;
    }

    /**
     * Why this backend cannot run here (probing the device once per JVM).
     *
     * @return null when it can run, else a sentence: switched off, or {@link CudaContext#unavailableReason()}
     */
    public String unavailableReason() {
        if (mode == CudaMode.OFF) return "disabled by -D" + CudaMode.PROPERTY + "=off";
        return CudaContext.unavailableReason();
    }

    @Override
    public void correlate(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] y) {
        correlateOnDevice(x, batch, xs, w, ks, y);
    }

    @Override
    public void correlate(float[] x, int batch, int[] xs, float[] w, int[] ks, float[] y) {
        correlateOnDevice(x, batch, xs, w, ks, y);
    }

    @Override
    public void tapCorrelate(double[] x, int batch, int[] xs, double[] g, int[] gs, double[] out) {
        tapsOnDevice(x, batch, xs, g, gs, out);
    }

    @Override
    public void tapCorrelate(float[] x, int batch, int[] xs, float[] g, int[] gs, float[] out) {
        tapsOnDevice(x, batch, xs, g, gs, out);
    }

    @Override
    public void convolveFull(double[] g, int batch, int[] gs, double[] w, int[] ks, double[] z) {
        fullOnDevice(g, batch, gs, w, ks, z);
    }

    @Override
    public void convolveFull(float[] g, int batch, int[] gs, float[] w, int[] ks, float[] z) {
        fullOnDevice(g, batch, gs, w, ks, z);
    }

    /**
     * On the device for a kernel along the last axis: z = convolveFull(g, w) (n + 2m cells per row),
     * folded onto the n cells of the unpadded row ({@code fold_halo} in {@code mode}), and every per-tap
     * sum c[k] = Σ x[o + k]·g[o], then zeroed outside [t0, t1).
     */
    @Override
    public boolean correlateBackwardFolded(
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
        if (!alongLastAxis(ks)) return false;
        foldedOnDevice(x, batch, xs, w, ks, g, out, c, m, mode);
        for (int k = 0; k < c.length; k++) if (k < t0 || k >= t1) c[k] = 0;
        return true;
    }

    @Override
    public boolean correlateBackwardFolded(
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
        if (!alongLastAxis(ks)) return false;
        foldedOnDevice(x, batch, xs, w, ks, g, out, c, m, mode);
        for (int k = 0; k < c.length; k++) if (k < t0 || k >= t1) c[k] = 0f;
        return true;
    }

    // Host arrays below are double[] (F64) or float[] (F32), all of one precision per call.

    private void correlateOnDevice(Object x, int batch, int[] xs, Object w, int[] ks, Object y) {
        int[] ys = checkCorrelate(length(x), batch, xs, length(w), ks, length(y));
        CudaContext c = context();
        c.run(() -> {
            try (DeviceArray dx = upload(c, x);
                    DeviceArray dw = upload(c, w);
                    DeviceArray dy = c.allocate(type(y), length(y))) {
                correlate(dx, batch, xs, dw, ks, ys, dy);
                download(c, dy, y);
            }
            return null;
        });
    }

    private void tapsOnDevice(Object x, int batch, int[] xs, Object g, int[] gs, Object out) {
        int[] ks = checkTaps(length(x), batch, xs, length(g), gs, length(out));
        CudaContext c = context();
        c.run(() -> {
            try (DeviceArray dx = upload(c, x);
                    DeviceArray dg = upload(c, g);
                    DeviceArray dc = c.allocate(DType.F64, length(out))) {
                taps(dx, batch, xs, dg, gs, ks, dc);
                downloadTapSums(c, dc, out);
            }
            return null;
        });
    }

    private void fullOnDevice(Object g, int batch, int[] gs, Object w, int[] ks, Object z) {
        int[] zs = checkFull(length(g), batch, gs, length(w), ks, length(z));
        CudaContext c = context();
        c.run(() -> {
            try (DeviceArray dg = upload(c, g);
                    DeviceArray dw = upload(c, w);
                    DeviceArray dz = c.allocate(type(z), length(z))) {
                full(dg, batch, gs, dw, ks, zs, dz);
                download(c, dz, z);
            }
            return null;
        });
    }

    private void foldedOnDevice(
            Object x, int batch, int[] xs, Object w, int[] ks, Object g, Object out, Object c, int m, PadMode mode) {
        int[] gs = checkCorrelate(length(x), batch, xs, length(w), ks, length(g));
        int n = xs[xs.length - 1];
        checkLength("out", length(out), (long) length(x) / n * (n - 2L * m));
        checkLength("c", length(c), length(w));
        CudaContext ctx = context();
        ctx.run(() -> {
            try (DeviceArray dx = upload(ctx, x);
                    DeviceArray dw = upload(ctx, w);
                    DeviceArray dg = upload(ctx, g);
                    DeviceArray dout = ctx.allocate(type(out), length(out));
                    DeviceArray dc = ctx.allocate(DType.F64, length(c))) {
                foldedBackward(dx, batch, xs, dw, ks, dg, gs, dout, m, mode);
                taps(dx, batch, xs, dg, gs, ks, dc);
                download(ctx, dout, out);
                downloadTapSums(ctx, dc, c);
            }
            return null;
        });
    }

    private static DeviceArray upload(CudaContext c, Object host) {
        return host instanceof double[] d ? c.upload(d) : c.upload((float[]) host);
    }

    private static void download(CudaContext c, DeviceArray d, Object host) {
        if (host instanceof double[] a) c.download(d, a);
        else c.download(d, (float[]) host);
    }

    /** Per-tap sums are F64 on the device; an F32 caller gets them rounded on the device. */
    private static void downloadTapSums(CudaContext c, DeviceArray sums, Object host) {
        if (host instanceof double[] a) {
            c.download(sums, a);
            return;
        }
        try (DeviceArray f = c.allocate(DType.F32, sums.length())) {
            DeviceOps.narrow(sums, f);
            c.download(f, (float[]) host);
        }
    }

    private static DType type(Object host) {
        return host instanceof double[] ? DType.F64 : DType.F32;
    }

    private static int length(Object host) {
        return host instanceof double[] d ? d.length : ((float[]) host).length;
    }

    private CudaContext context() {
        if (mode == CudaMode.OFF) throw new CudaUnavailableException(unavailableReason());
        return CudaContext.get();
    }

    private static void correlate(
            DeviceArray x, int batch, int[] xs, DeviceArray w, int[] ks, int[] ys, DeviceArray y) {
        var line = LineShape.of(batch, xs, ks);
        if (line.isPresent()) {
            LineShape s = line.get();
            DeviceOps.correlateLine(x, w, y, s, s.n() - s.taps() + 1, 0, BoundaryCode.NONE, false);
        } else {
            DeviceOps.correlateNd(x, w, y, batch, as3d(xs), as3d(ys), as3d(ks), new int[3], BoundaryCode.NONE, false);
        }
    }

    private static void taps(DeviceArray x, int batch, int[] xs, DeviceArray g, int[] gs, int[] ks, DeviceArray c) {
        var line = LineShape.of(batch, xs, ks);
        if (line.isPresent()) {
            LineShape s = line.get();
            DeviceOps.tapLine(x, g, c, s, gs[s.axis()], 0, BoundaryCode.NONE);
        } else {
            DeviceOps.tapNd(x, g, c, batch, as3d(xs), as3d(gs), as3d(ks), new int[3], BoundaryCode.NONE);
        }
    }

    /** z (shape gs + ks − 1) = the full convolution of g with w: the flipped correlation over g's zero extension. */
    private static void full(DeviceArray g, int batch, int[] gs, DeviceArray w, int[] ks, int[] zs, DeviceArray z) {
        var line = LineShape.of(batch, gs, ks);
        if (line.isPresent()) {
            LineShape s = line.get();
            DeviceOps.correlateLine(g, w, z, s, zs[s.axis()], s.taps() - 1, BoundaryCode.ZERO, true);
        } else {
            int[] pads = new int[3];
            for (int a = 0; a < ks.length; a++) pads[3 - ks.length + a] = ks[a] - 1;
            DeviceOps.correlateNd(g, w, z, batch, as3d(gs), as3d(zs), as3d(ks), pads, BoundaryCode.ZERO, true);
        }
    }

    /** out = fold(convolveFull(g, w)): the input gradient of correlating x, a row padded by m cells in mode. */
    private static void foldedBackward(
            DeviceArray x,
            int batch,
            int[] xs,
            DeviceArray w,
            int[] ks,
            DeviceArray g,
            int[] gs,
            DeviceArray out,
            int m,
            PadMode mode) {
        int zn = xs[xs.length - 1];
        int rows = Math.toIntExact(x.length() / zn);
        if (m == 0 || mode == PadMode.ZERO) { // the fold only crops: correlate straight onto the field
            LineShape s = new LineShape(0, rows, gs[gs.length - 1], 1, ks[ks.length - 1]);
            DeviceOps.correlateLine(g, w, out, s, zn - 2 * m, s.taps() - 1 - m, BoundaryCode.ZERO, true);
            return;
        }
        try (DeviceArray z = x.context().allocate(x.dtype(), x.length())) {
            full(g, batch, gs, w, ks, xs, z);
            DeviceOps.foldHalo(z, out, rows, zn - 2 * m, 1, m, boundary(mode));
        }
    }

    /** The kernels' code for a padding mode. */
    static BoundaryCode boundary(PadMode mode) {
        return switch (mode) {
            case ZERO -> BoundaryCode.ZERO;
            case REFLECT -> BoundaryCode.REFLECT;
            case REPLICATE -> BoundaryCode.REPLICATE;
            case CIRCULAR -> BoundaryCode.PERIODIC;
        };
    }

    private static boolean alongLastAxis(int[] ks) {
        for (int a = 0; a < ks.length - 1; a++) if (ks[a] != 1) return false;
        return ks.length >= 1 && ks.length <= 3;
    }

    /** Checks a full convolution's sizes; returns the output's spatial shape gs + ks − 1. */
    static int[] checkFull(int gLen, int batch, int[] gs, int wLen, int[] ks, int zLen) {
        checkRank(gs, ks, "kernel");
        int[] zs = new int[gs.length];
        for (int a = 0; a < gs.length; a++) {
            if (ks[a] < 1 || gs[a] < 1)
                throw new IllegalArgumentException(
                        "full convolution: empty field " + Arrays.toString(gs) + " or kernel " + Arrays.toString(ks));
            zs[a] = gs[a] + ks[a] - 1;
        }
        checkLength("g", gLen, (long) batch * prod(gs));
        checkLength("w", wLen, prod(ks));
        checkLength("z", zLen, (long) batch * prod(zs));
        return zs;
    }

    /** Shapes padded to 3 axes with leading 1s. */
    static int[] as3d(int[] s) {
        int[] r = {1, 1, 1};
        System.arraycopy(s, 0, r, 3 - s.length, s.length);
        return r;
    }

    /** Checks a correlation's sizes; returns the output's spatial shape. */
    static int[] checkCorrelate(int xLen, int batch, int[] xs, int wLen, int[] ks, int yLen) {
        checkRank(xs, ks, "kernel");
        int[] ys = new int[xs.length];
        for (int a = 0; a < xs.length; a++) {
            ys[a] = xs[a] - ks[a] + 1;
            if (ks[a] < 1 || ys[a] < 1) {
                throw new IllegalArgumentException(
                        "valid correlation: kernel " + Arrays.toString(ks) + " does not fit the field "
                                + Arrays.toString(xs) + " on axis " + a + "; pad the field or shrink the kernel");
            }
        }
        checkLength("x", xLen, (long) batch * prod(xs));
        checkLength("w", wLen, prod(ks));
        checkLength("y", yLen, (long) batch * prod(ys));
        return ys;
    }

    /** Checks a per-tap reduction's sizes; returns the tap shape. */
    static int[] checkTaps(int xLen, int batch, int[] xs, int gLen, int[] gs, int cLen) {
        checkRank(xs, gs, "gradient");
        int[] ks = new int[xs.length];
        for (int a = 0; a < xs.length; a++) {
            ks[a] = xs[a] - gs[a] + 1;
            if (gs[a] < 1 || ks[a] < 1) {
                throw new IllegalArgumentException("per-tap reduction: gradient " + Arrays.toString(gs)
                        + " is larger than the field " + Arrays.toString(xs) + " on axis " + a);
            }
        }
        checkLength("x", xLen, (long) batch * prod(xs));
        checkLength("g", gLen, (long) batch * prod(gs));
        checkLength("c", cLen, prod(ks));
        return ks;
    }

    private static void checkRank(int[] xs, int[] other, String what) {
        if (xs.length < 1 || xs.length > 3 || other.length != xs.length) {
            throw new IllegalArgumentException(
                    "the CUDA backend takes 1 to 3 spatial axes with a " + what + " of the same rank; got field "
                            + Arrays.toString(xs) + " and " + what + " " + Arrays.toString(other));
        }
    }

    private static void checkLength(String name, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(
                    "array " + name + " has " + actual + " values but the shapes need " + expected);
        }
    }

    private static long prod(int[] s) {
        long p = 1;
        for (int v : s) p *= v;
        return p;
    }
}
