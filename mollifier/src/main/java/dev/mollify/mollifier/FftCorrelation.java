package dev.mollify.mollifier;

import org.jtransforms.fft.DoubleFFT_1D;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Valid correlation with a kernel that is long along one axis only (one pass of a tensor-product
 * kernel), by FFT through JTransforms: O(N log N) per line instead of O(N·K).
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
        int[] X = DirectCorrelation.as3d(xs);
        int k = w.length, n = X[axis], out = n - k + 1;
        int len = 2;
        while (len < n) len <<= 1;
        DoubleFFT_1D fft = PLANS.computeIfAbsent(len, DoubleFFT_1D::new);
        double[] wf = new double[len];
        for (int j = 0; j < k; j++) wf[j] = w[k - 1 - j];
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
                    for (int o = 0; o < out; o++) y[ys0 + o * ystride[axis]] = line[o + k - 1];
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
