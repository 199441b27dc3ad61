package dev.mollify.cuda;

import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.Window;
import dev.mollify.tensor.DType;
import java.util.Arrays;

/**
 * A learnable-width smoothing layer that stays on the GPU: y = x ⊛ W(δ) as one 1-D pass per
 * smoothed axis (a tensor-product kernel; 1-D and separable 2-D/3-D fields), the boundary handled
 * inside the kernels, and the backward pass giving ∂L/∂x and ∂L/∂δ = Σ_axes Σ_j c_j·∂W_j/∂δ
 * (docs/math.md, "Width gradient"). The host equivalent is {@code MollifierConv.applySeparable(x, weights(δ), b)}.
 *
 * <p>Layout: {@code batch} fields of spatial shape {@code shape}, row-major. Pass a on axis a: the
 * field as (outer, n, inner); forward y = correlate(x̃, W) with x̃ padded by the halo M in the boundary's
 * mode (no padding for VALID/EXTENDED); backward ∂x̃ = full correlation of g with flip(W), folded back
 * onto the field (the adjoint of the padding), and c = per-tap reduction of g against x̃.
 * Not thread-safe; one instance per layer. The forward keeps references to its inputs (the caller's x
 * must stay open until {@link #backward}).
 */
public final class DeviceSmoother implements AutoCloseable {
    private final CudaContext c;
    private final DType dtype;
    private final KernelFamily family;
    private final BoundaryCode mode;
    private final int batch;
    private final Window[] windows;
    private final int[][] shapes; // shapes[p] = spatial shape entering pass p; last = output
    private final int[] axes;
    private final DeviceArray[] w64, dw64, wTyped;
    private final DeviceArray[] passInput;
    private final DeviceArray tapSums, widthGrad;
    private double delta = Double.NaN;

    /**
     * A smoother with its kernels' device arrays allocated; call {@link #setWidth} before the first
     * {@link #forward}.
     *
     * @param dtype the fields' element type, F32 or F64 (taps, tap sums and the width gradient stay F64)
     * @param family the profile φ
     * @param boundary the edge treatment: padding modes keep the shape, VALID and EXTENDED shrink each
     *     smoothed axis by 2M
     * @param batch the number of fields (batch × channels)
     * @param shape each field's spatial shape, 1 to 3 axes, row-major
     * @param perAxis one 1-D window per spatial axis (null: that axis is not smoothed)
     * @throws IllegalArgumentException when the shapes do not match, a window is not 1-D, or a field is too
     *     short for its window in the boundary mode
     * @throws CudaUnavailableException when CUDA cannot run here
     */
    public DeviceSmoother(
            DType dtype, KernelFamily family, Boundary boundary, int batch, int[] shape, Window[] perAxis) {
        if (shape.length < 1 || shape.length > 3 || perAxis.length != shape.length) {
            throw new IllegalArgumentException(
                    "DeviceSmoother takes 1 to 3 spatial axes and one window (or null) per axis; got shape "
                            + Arrays.toString(shape) + " and " + perAxis.length + " windows");
        }
        this.c = CudaContext.get();
        this.dtype = dtype;
        this.family = family;
        this.mode = BoundaryCode.of(boundary);
        this.batch = batch;
        int passes = 0, maxTaps = 1;
        for (Window w : perAxis) {
            if (w == null) continue;
            if (w.dims() != 1)
                throw new IllegalArgumentException(
                        "DeviceSmoother needs 1-D windows (one per axis), got " + w.dims() + " axes");
            passes++;
            maxTaps = Math.max(maxTaps, w.size());
        }
        windows = new Window[passes];
        axes = new int[passes];
        shapes = new int[passes + 1][];
        shapes[0] = shape.clone();
        int p = 0;
        for (int a = 0; a < shape.length; a++) {
            if (perAxis[a] == null) continue;
            windows[p] = perAxis[a];
            axes[p] = a;
            int halo = perAxis[a].halfWidth()[0], n = shapes[p][a], k = 2 * halo + 1;
            if (boundary == Boundary.REFLECT && halo >= n || boundary == Boundary.PERIODIC && halo > n) {
                throw new IllegalArgumentException(boundary + " padding needs more than " + halo + " cells along axis "
                        + a + " (the kernel's halo) but the field has " + n
                        + "; use a narrower window or a larger grid");
            }
            shapes[p + 1] = shapes[p].clone();
            shapes[p + 1][a] = mode.pads() ? n : n - k + 1;
            if (shapes[p + 1][a] < 1) {
                throw new IllegalArgumentException(
                        "valid smoothing: window of " + k + " taps is longer than the field (" + n + ") on axis " + a);
            }
            p++;
        }
        w64 = new DeviceArray[passes];
        dw64 = new DeviceArray[passes];
        wTyped = new DeviceArray[passes];
        passInput = new DeviceArray[passes];
        for (int q = 0; q < passes; q++) {
            w64[q] = c.allocate(DType.F64, windows[q].size());
            dw64[q] = c.allocate(DType.F64, windows[q].size());
            wTyped[q] = dtype == DType.F64 ? w64[q] : c.allocate(DType.F32, windows[q].size());
        }
        tapSums = c.allocate(DType.F64, maxTaps);
        widthGrad = c.allocate(DType.F64, 1);
    }

    /**
     * Samples every axis's kernel W and ∂W/∂δ at width δ on the device (queued).
     *
     * @param delta the width δ, in the units of the windows' spacings
     * @throws IllegalArgumentException when δ is degenerate for a window (see {@link Window#checkWidth})
     */
    public void setWidth(double delta) {
        for (int q = 0; q < windows.length; q++) {
            DeviceOps.sample(family, windows[q], delta, w64[q], dw64[q], dtype == DType.F32 ? wTyped[q] : null, null);
        }
        this.delta = delta;
    }

    /**
     * The length the input array must have.
     *
     * @return batch × Π shape
     */
    public long inputLength() {
        return batch * prod(shapes[0]);
    }

    /**
     * The output's spatial shape per field.
     *
     * @return a copy: the input shape, each smoothed axis shrunk by 2M when the boundary does not pad
     */
    public int[] outputShape() {
        return shapes[shapes.length - 1].clone();
    }

    /**
     * The smoothed field y = x ⊛ W(δ), one pass per smoothed axis (queued). The inputs of the passes are
     * kept for {@link #backward}.
     *
     * @param x the input, {@link #inputLength()} values of the smoother's type; must stay open until
     *     {@link #backward}
     * @return y, batch × Π{@link #outputShape()} values; the caller closes it
     * @throws IllegalStateException before {@link #setWidth}
     * @throws IllegalArgumentException when x has the wrong type or length
     */
    public DeviceArray forward(DeviceArray x) {
        requireWidth();
        if (x.dtype() != dtype || x.length() != inputLength()) {
            throw new IllegalArgumentException("expected " + dtype + " input of " + inputLength() + " values, got "
                    + x.dtype() + " of " + x.length());
        }
        DeviceArray cur = x;
        for (int q = 0; q < windows.length; q++) {
            if (q > 0 && passInput[q] != null) passInput[q].close(); // our intermediate; pass 0's input is the caller's
            passInput[q] = cur;
            LineShape s = line(q, shapes[q]);
            DeviceArray out = c.allocate(dtype, batch * prod(shapes[q + 1]));
            DeviceOps.correlateLine(
                    cur, wTyped[q], out, s, shapes[q + 1][axes[q]], mode.pads() ? halo(q) : 0, mode, false);
            cur = out;
        }
        return cur;
    }

    /**
     * The backward pass of the last {@link #forward}, last pass first: per pass the tap sums
     * c = per-tap reduction of g against x̃, ∂L/∂δ += Σ_j c_j·∂W_j/∂δ, and the input gradient as the
     * correlation of g with flip(W) over g's zero extension, folded back onto the field (queued).
     *
     * @param gy the gradient of the loss with respect to y, batch × Π{@link #outputShape()} values; not closed
     * @return ∂L/∂x, {@link #inputLength()} values; the caller closes it. ∂L/∂δ goes to
     *     {@link #widthGradient()}
     * @throws IllegalStateException before {@link #forward}, or when no axis is smoothed
     */
    public DeviceArray backward(DeviceArray gy) {
        if (passInput.length > 0 && passInput[0] == null)
            throw new IllegalStateException("backward() before forward()");
        DeviceArray g = gy;
        for (int q = windows.length - 1; q >= 0; q--) {
            LineShape in = line(q, shapes[q]);
            int nOut = shapes[q + 1][axes[q]], k = in.taps(), pad = mode.pads() ? halo(q) : 0;
            DeviceOps.tapLine(passInput[q], g, tapSums, in, nOut, pad, mode);
            DeviceOps.widthDot(tapSums, dw64[q], widthGrad, q != windows.length - 1);
            LineShape gl = new LineShape(in.axis(), in.outer(), nOut, in.inner(), k);
            DeviceArray dx;
            if (mode == BoundaryCode.ZERO) { // the fold only crops: correlate straight onto the field
                dx = c.allocate(dtype, (long) in.outer() * in.n() * in.inner());
                DeviceOps.correlateLine(g, wTyped[q], dx, gl, in.n(), k - 1 - pad, BoundaryCode.ZERO, true);
            } else {
                int nFull = nOut + k - 1;
                DeviceArray full = c.allocate(dtype, (long) in.outer() * nFull * in.inner());
                DeviceOps.correlateLine(g, wTyped[q], full, gl, nFull, k - 1, BoundaryCode.ZERO, true);
                if (mode.pads()) {
                    dx = c.allocate(dtype, (long) in.outer() * in.n() * in.inner());
                    DeviceOps.foldHalo(full, dx, in.outer(), in.n(), in.inner(), pad, mode);
                    full.close();
                } else {
                    dx = full;
                }
            }
            if (g != gy) g.close();
            g = dx;
        }
        if (windows.length == 0) throw new IllegalStateException("no axis is smoothed");
        return g;
    }

    /**
     * The width gradient of the last backward, summed over the passes (waits for the device).
     *
     * @return ∂L/∂δ in (units of L)/(units of δ)
     */
    public double widthGradient() {
        double[] v = new double[1];
        c.download(widthGrad, v);
        return v[0];
    }

    /**
     * The sampled taps of one pass, for checks against {@link dev.mollify.mollifier.SampledKernel}.
     *
     * @param q the pass, 0-based among the smoothed axes
     * @return W, F64, the window's 2M+1 values
     */
    public double[] taps(int q) {
        double[] v = new double[windows[q].size()];
        c.download(w64[q], v);
        return v;
    }

    /**
     * The width derivative of one pass's taps, for checks.
     *
     * @param q the pass, 0-based among the smoothed axes
     * @return ∂W/∂δ, F64, the window's 2M+1 values
     */
    public double[] dTaps(int q) {
        double[] v = new double[windows[q].size()];
        c.download(dw64[q], v);
        return v;
    }

    /** Frees the device arrays: kernels, tap sums, width gradient and the intermediate passes' inputs. */
    @Override
    public void close() {
        for (int q = 0; q < windows.length; q++) {
            if (q > 0 && passInput[q] != null) passInput[q].close();
            if (wTyped[q] != w64[q]) wTyped[q].close();
            w64[q].close();
            dw64[q].close();
        }
        tapSums.close();
        widthGrad.close();
    }

    private int halo(int q) {
        return windows[q].halfWidth()[0];
    }

    private void requireWidth() {
        if (Double.isNaN(delta)) throw new IllegalStateException("call setWidth(δ) before forward()");
    }

    private LineShape line(int q, int[] s) {
        int[] ks = new int[s.length];
        Arrays.fill(ks, 1);
        ks[axes[q]] = windows[q].size();
        return LineShape.of(batch, s, ks).orElseThrow();
    }

    private static long prod(int[] s) {
        long p = 1;
        for (int v : s) p *= v;
        return p;
    }
}
