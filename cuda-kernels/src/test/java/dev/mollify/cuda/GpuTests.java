package dev.mollify.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mollify.tensor.Rng;

/** Helpers of the GPU tests: skip without a device, compare with a relative tolerance. */
final class GpuTests {
    /** 1e-5 for F32, 1e-12 for F64, relative to the largest reference value. */
    static final double F32_TOL = 1e-5, F64_TOL = 1e-12;

    private GpuTests() {}

    /** The device, or a skip; with -Dmollify.cuda.requireGpu=true (gpu-check.sh) a missing device fails instead. */
    static CudaContext device() {
        String why = CudaContext.unavailableReason();
        if (why != null && Boolean.getBoolean("mollify.cuda.requireGpu")) throw new CudaUnavailableException(why);
        assumeTrue(why == null, () -> "no usable GPU, GPU test skipped: " + why);
        return CudaContext.get();
    }

    static void close(double[] got, double[] want, double tol, String what) {
        double scale = 1e-300, err = 0;
        assertTrue(got.length == want.length, what + ": lengths " + got.length + " vs " + want.length);
        for (double v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < want.length; i++) err = Math.max(err, Math.abs(got[i] - want[i]));
        assertTrue(err <= tol * scale, what + ": max error " + err + " > " + tol + " x " + scale);
    }

    static void close(float[] got, float[] want, double tol, String what) {
        close(widen(got), widen(want), tol, what);
    }

    static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    static double[] random(long seed, int n) {
        Rng r = new Rng(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    static float[] randomFloat(long seed, int n) {
        double[] d = random(seed, n);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) d[i];
        return f;
    }
}
