package dev.mollify.mollifier;

import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Valid correlation, full convolution and per-tap reduction with a kernel that is long along one axis
 * only (one pass of a tensor-product kernel), by FFT through JTransforms: O(N log N) per line instead
 * of O(N·K).
 *
 * <p>Each line x (length N along the kernel's axis) is padded to L = 2^⌈log₂N⌉; with wr the reversed
 * kernel, the circular convolution x ⊛ wr of length L ≥ N equals the linear one at indices ≥ K−1, and
 * y_o = (x ⊛ wr)[o + K − 1] for o ≤ N − K. JTransforms' {@code realForward} packs the spectrum of a
 * real array a of even length L as a[0] = Re₀, a[1] = Re_{L/2}, a[2k] = Re_k, a[2k+1] = Im_k.
 * Same array layout as {@link DirectCorrelation}. Plans are cached per length. JTransforms switches to its
 * own thread pool for lines of 8192 points and more; that pool can keep a JVM alive ~60 s after use,
 * so command-line tools should shut it down ({@code org.visnow.jlargearrays.ConcurrencyUtils.shutdownThreadPoolAndAwaitTermination()}).
 * Kernels long along several axes (radial 2-D/3-D) always use the direct path.
 */
final class FftCorrelation {
    private static final ConcurrentHashMap<Integer, DoubleFFT_1D> PLANS = new ConcurrentHashMap<>();

    private FftCorrelation() {}

    /** The single axis (0..2 of the 3-D view) along which the kernel is longer than 1, or −1. */
    static int lineAxis(int[] ks) {
        int[] K = DirectCorrelation.as3d(ks);
        int axis = -1;
        for (int a = 0; a < 3; a++) {
            if (K[a] > 1) {
                if (axis >= 0) return -1;
                axis = a;
            }
        }
        return axis < 0 ? 2 : axis;
    }

    static boolean supports(int[] ks) {
        return lineAxis(ks) >= 0;
    }

    static void correlate(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] y) {
        int axis = lineAxis(ks);
        if (axis < 0) throw new IllegalArgumentException("the FFT path needs a kernel long along one axis only");
        int k = w.length, n = DirectCorrelation.as3d(xs)[axis];
        double[] wr = new double[k];
        for (int j = 0; j < k; j++) wr[j] = w[k - 1 - j];
        lines(x, batch, xs, axis, wr, n, n - k + 1, k - 1, y);
    }

    /**
     * Full convolution z_o = Σ_k w_k·g_{o−k}, o &lt; N + K − 1 (see {@link FullConvolution}): the linear
     * convolution g ∗ w, exact when L ≥ N + K − 1 (no wrap-around).
     */
    static void convolveFull(double[] g, int batch, int[] gs, double[] w, int[] ks, double[] z) {
        int axis = lineAxis(ks);
        if (axis < 0) throw new IllegalArgumentException("the FFT path needs a kernel long along one axis only");
        int k = w.length, n = DirectCorrelation.as3d(gs)[axis];
        lines(g, batch, gs, axis, w, n + k - 1, n + k - 1, 0, z);
    }

    /**
     * Per-tap reduction c_k = Σ_lines Σ_o g_o·x_{o+k}, k &lt; K = N_x − N_g + 1, for a kernel long along one
     * axis: per line the circular cross-correlation has spectrum X·conj(G) (exact for lags k &lt; K when
     * L ≥ N_x); the spectra are summed over all lines in a fixed order and transformed back once.
     */
    static void tapCorrelate(double[] x, int batch, int[] xs, double[] g, int[] gs, double[] c) {
        int[] X = DirectCorrelation.as3d(xs), G = DirectCorrelation.as3d(gs);
        int[] K = {X[0] - G[0] + 1, X[1] - G[1] + 1, X[2] - G[2] + 1};
        int axis = lineAxis(K);
        if (axis < 0) throw new IllegalArgumentException("the FFT path needs a kernel long along one axis only");
        int nx = X[axis], ng = G[axis];
        int len = 2;
        while (len < nx) len <<= 1;
        DoubleFFT_1D fft = PLANS.computeIfAbsent(len, DoubleFFT_1D::new);
        int[] xstride = {X[1] * X[2], X[2], 1}, gstride = {G[1] * G[2], G[2], 1};
        int xField = X[0] * X[1] * X[2], gField = G[0] * G[1] * G[2];
        int o1 = axis == 0 ? 1 : 0, o2 = axis == 2 ? 1 : 2;
        double[] sum = new double[len], xl = new double[len], gl = new double[len];
        for (int b = 0; b < batch; b++) {
            for (int i1 = 0; i1 < X[o1]; i1++) {
                for (int i2 = 0; i2 < X[o2]; i2++) {
                    int x0 = b * xField + i1 * xstride[o1] + i2 * xstride[o2];
                    int g0 = b * gField + i1 * gstride[o1] + i2 * gstride[o2];
                    java.util.Arrays.fill(xl, 0.0);
                    java.util.Arrays.fill(gl, 0.0);
                    for (int i = 0; i < nx; i++) xl[i] = x[x0 + i * xstride[axis]];
                    for (int i = 0; i < ng; i++) gl[i] = g[g0 + i * gstride[axis]];
                    fft.realForward(xl);
                    fft.realForward(gl);
                    addConjugateProduct(sum, xl, gl);
                }
            }
        }
        fft.realInverse(sum, true);
        System.arraycopy(sum, 0, c, 0, c.length);
    }

    /** s ← s + a·conj(b) for spectra in JTransforms' packed real layout. */
    private static void addConjugateProduct(double[] s, double[] a, double[] b) {
        s[0] += a[0] * b[0];
        s[1] += a[1] * b[1];
        for (int i = 2; i < a.length; i += 2) {
            s[i] += a[i] * b[i] + a[i + 1] * b[i + 1];
            s[i + 1] += a[i + 1] * b[i] - a[i] * b[i + 1];
        }
    }

    /**
     * For every line of x along {@code axis} (length n): y_o = (x ⊛ kernel)[o + shift] for o &lt; out,
     * the circular convolution taken over L = 2^⌈log₂ minLength⌉ points.
     */
    private static void lines(
            double[] x, int batch, int[] xs, int axis, double[] kernel, int minLength, int out, int shift, double[] y) {
        int[] X = DirectCorrelation.as3d(xs);
        int n = X[axis];
        int len = 2;
        while (len < minLength) len <<= 1;
        DoubleFFT_1D fft = PLANS.computeIfAbsent(len, DoubleFFT_1D::new);
        double[] wf = new double[len];
        System.arraycopy(kernel, 0, wf, 0, kernel.length);
        fft.realForward(wf);
        int[] stride = {X[1] * X[2], X[2], 1};
        int[] Y = X.clone();
        Y[axis] = out;
        int[] ystride = {Y[1] * Y[2], Y[2], 1};
        int xField = X[0] * X[1] * X[2], yField = Y[0] * Y[1] * Y[2];
        int o1 = axis == 0 ? 1 : 0, o2 = axis == 2 ? 1 : 2;
        double[] line = new double[len];
        for (int b = 0; b < batch; b++) {
            for (int i1 = 0; i1 < X[o1]; i1++) {
                for (int i2 = 0; i2 < X[o2]; i2++) {
                    int xs0 = b * xField + i1 * stride[o1] + i2 * stride[o2];
                    int ys0 = b * yField + i1 * ystride[o1] + i2 * ystride[o2];
                    java.util.Arrays.fill(line, 0.0);
                    for (int i = 0; i < n; i++) line[i] = x[xs0 + i * stride[axis]];
                    fft.realForward(line);
                    multiplyPacked(line, wf);
                    fft.realInverse(line, true);
                    for (int o = 0; o < out; o++) y[ys0 + o * ystride[axis]] = line[o + shift];
                }
            }
        }
    }

    /** a ← a·b for two spectra in JTransforms' packed real layout. */
    private static void multiplyPacked(double[] a, double[] b) {
        a[0] *= b[0];
        a[1] *= b[1];
        for (int i = 2; i < a.length; i += 2) {
            double re = a[i] * b[i] - a[i + 1] * b[i + 1];
            double im = a[i] * b[i + 1] + a[i + 1] * b[i];
            a[i] = re;
            a[i + 1] = im;
        }
    }
}
