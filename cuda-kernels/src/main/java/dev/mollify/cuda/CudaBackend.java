package dev.mollify.cuda;

import dev.mollify.mollifier.ConvolutionBackend;
import dev.mollify.tensor.DType;
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
 * pipelines with the padding inside the kernels are {@link DeviceSmoother}.
 */
public final class CudaBackend implements ConvolutionBackend {
    private static final System.Logger LOG = System.getLogger("dev.mollify.cuda");
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private final CudaMode mode;

    /** The backend under {@code -Dmollify.cuda} (used by ServiceLoader). */
    public CudaBackend() {
        this(CudaMode.current());
    }

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

    /** Why this backend cannot run here, or null when it can. */
    public String unavailableReason() {
        if (mode == CudaMode.OFF) return "disabled by -D" + CudaMode.PROPERTY + "=off";
        return CudaContext.unavailableReason();
    }

    @Override
    public void correlate(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] y) {
        int[] ys = checkCorrelate(x.length, batch, xs, w.length, ks, y.length);
        CudaContext c = context();
        c.run(() -> {
            try (DeviceArray dx = c.upload(x);
                    DeviceArray dw = c.upload(w);
                    DeviceArray dy = c.allocate(DType.F64, y.length)) {
                correlate(dx, batch, xs, dw, ks, ys, dy);
                c.download(dy, y);
            }
            return null;
        });
    }

    @Override
    public void correlate(float[] x, int batch, int[] xs, float[] w, int[] ks, float[] y) {
        int[] ys = checkCorrelate(x.length, batch, xs, w.length, ks, y.length);
        CudaContext c = context();
        c.run(() -> {
            try (DeviceArray dx = c.upload(x);
                    DeviceArray dw = c.upload(w);
                    DeviceArray dy = c.allocate(DType.F32, y.length)) {
                correlate(dx, batch, xs, dw, ks, ys, dy);
                c.download(dy, y);
            }
            return null;
        });
    }

    @Override
    public void tapCorrelate(double[] x, int batch, int[] xs, double[] g, int[] gs, double[] out) {
        int[] ks = checkTaps(x.length, batch, xs, g.length, gs, out.length);
        CudaContext c = context();
        c.run(() -> {
            try (DeviceArray dx = c.upload(x);
                    DeviceArray dg = c.upload(g);
                    DeviceArray dc = c.allocate(DType.F64, out.length)) {
                taps(dx, batch, xs, dg, gs, ks, dc);
                c.download(dc, out);
            }
            return null;
        });
    }

    @Override
    public void tapCorrelate(float[] x, int batch, int[] xs, float[] g, int[] gs, float[] out) {
        int[] ks = checkTaps(x.length, batch, xs, g.length, gs, out.length);
        CudaContext c = context();
        c.run(() -> {
            try (DeviceArray dx = c.upload(x);
                    DeviceArray dg = c.upload(g);
                    DeviceArray dc = c.allocate(DType.F64, out.length);
                    DeviceArray df = c.allocate(DType.F32, out.length)) {
                taps(dx, batch, xs, dg, gs, ks, dc);
                DeviceOps.narrow(dc, df);
                c.download(df, out);
            }
            return null;
        });
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
