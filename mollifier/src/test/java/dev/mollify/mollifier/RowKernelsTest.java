package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.kernels.Simd;
import org.junit.jupiter.api.Test;

/**
 * The row loops of direct correlation against a double-precision oracle, in both modes, for rows long
 * enough to reach every part of the vector loops: register blocks of 8 and 4 vectors, single vectors, the
 * scalar tail, the 8- and 4-tap groups and leftover taps of the per-tap reduction, and its L1 blocks (n &gt; 2048).
 */
class RowKernelsTest {
    static final int[] NS = {16, 37, 64, 200, 2500, 5003};
    static final int[] KS = {1, 3, 4, 7, 8, 13, 51, 131};

    @Test
    void correlateRowAndTapRowMatchTheOracleInBothModes() {
        boolean was = Simd.enabled();
        try {
            for (boolean simd : new boolean[] {true, false}) {
                Simd.setEnabled(simd);
                for (int n : NS) {
                    for (int kn : KS) {
                        double[] x = Tensor.randn(n + 31L * kn, n + kn - 1).toDoubleArray();
                        double[] w = Tensor.randn(kn + 5L, kn).toDoubleArray();
                        double[] g = Tensor.randn(n + 7L, n).toDoubleArray();
                        if (kn > 2) {
                            w[0] = 0;
                            w[kn - 1] = 0;
                        } // zero end taps are skipped
                        double[] y0 = Tensor.randn(3L, n).toDoubleArray();
                        double[] yRef = y0.clone(), cRef = new double[kn];
                        for (int i = 0; i < n; i++) for (int k = 0; k < kn; k++) yRef[i] += w[k] * x[i + k];
                        for (int k = 0; k < kn; k++) for (int i = 0; i < n; i++) cRef[k] += g[i] * x[i + k];
                        String what = (simd ? "simd" : "scalar") + " n=" + n + " K=" + kn;

                        double[] y = y0.clone(), c = new double[kn + 2];
                        RowKernels.correlateRow(x, 0, w, 0, kn, y, 0, n);
                        RowKernels.tapRow(g, 0, x, 0, n, kn, c, 1);
                        close(yRef, y, 0, 1e-12, "F64 correlateRow " + what);
                        close(cRef, c, 1, 1e-12 * Math.sqrt(n), "F64 tapRow " + what);

                        float[] xf = Tensor.of(x, x.length).toFloatArray(),
                                wf = Tensor.of(w, w.length).toFloatArray();
                        float[] gf = Tensor.of(g, g.length).toFloatArray(),
                                yf = Tensor.of(y0, n).toFloatArray();
                        double[] cf = new double[kn];
                        RowKernels.correlateRow(xf, 0, wf, 0, kn, yf, 0, n);
                        RowKernels.tapRow(gf, 0, xf, 0, n, kn, cf, 0);
                        close(
                                yRef,
                                Tensor.ofFloat(yf, n).toDoubleArray(),
                                0,
                                1e-5 * Math.sqrt(kn),
                                "F32 correlateRow " + what);
                        close(cRef, cf, 0, 2e-5 * Math.sqrt(n), "F32 tapRow " + what);
                    }
                }
            }
        } finally {
            Simd.setEnabled(was);
        }
    }

    /**
     * The fused row of both backward loops (z overwritten, per-tap sums added) against the oracle, both modes, incl.
     * the 2048/1024 blocks and the padded last block.
     */
    @Test
    void correlateTapRowMatchesTheOracleInBothModes() {
        boolean was = Simd.enabled();
        try {
            for (boolean simd : new boolean[] {true, false}) {
                Simd.setEnabled(simd);
                for (int n : new int[] {16, 37, 64, 200, 2500, 5003}) {
                    for (int kn : KS) {
                        double[] a = Tensor.randn(n + 17L * kn, n + kn - 1).toDoubleArray();
                        double[] w = Tensor.randn(kn + 9L, kn).toDoubleArray();
                        double[] b = Tensor.randn(n + 3L, n).toDoubleArray();
                        if (kn > 2) {
                            w[0] = 0;
                            w[kn - 1] = 0;
                        }
                        double[] zRef = new double[n], cRef = new double[kn];
                        for (int i = 0; i < n; i++) for (int k = 0; k < kn; k++) zRef[i] += w[k] * a[i + k];
                        for (int k = 0; k < kn; k++) for (int i = 0; i < n; i++) cRef[k] += a[i + k] * b[i];
                        String what = (simd ? "simd" : "scalar") + " n=" + n + " K=" + kn;

                        double[] z = Tensor.randn(5L, n + 2).toDoubleArray(), c = new double[kn];
                        double zBefore = z[0], zAfter = z[n + 1];
                        RowKernels.correlateTapRow(a, 0, w, kn, z, 1, b, 0, n, c);
                        close(zRef, z, 1, 1e-12, "F64 correlateTapRow z " + what);
                        close(cRef, c, 0, 1e-12 * Math.sqrt(n), "F64 correlateTapRow c " + what);
                        assertTrue(
                                z[0] == zBefore && z[n + 1] == zAfter,
                                "F64 correlateTapRow writes only its n outputs " + what);

                        float[] af = Tensor.of(a, a.length).toFloatArray(),
                                wf = Tensor.of(w, w.length).toFloatArray();
                        float[] bf = Tensor.of(b, b.length).toFloatArray(), zf = new float[n];
                        double[] cf = new double[kn];
                        RowKernels.correlateTapRow(af, 0, wf, kn, zf, 0, bf, 0, n, cf);
                        close(
                                zRef,
                                Tensor.ofFloat(zf, n).toDoubleArray(),
                                0,
                                1e-5 * Math.sqrt(kn),
                                "F32 correlateTapRow z " + what);
                        close(cRef, cf, 0, 2e-5 * Math.sqrt(n), "F32 correlateTapRow c " + what);
                    }
                }
            }
        } finally {
            Simd.setEnabled(was);
        }
    }

    /** The fused backward's per-tap sums (and z) do not depend on the thread count. */
    @Test
    void theFusedBackwardIsBitIdenticalForAnyThreadCount() {
        int was = dev.mollify.tensor.kernels.Parallel.threads();
        try {
            for (int[] c : new int[][] {{9000, 121}, {30000, 51}}) {
                int batch = 3, nx = c[0], kn = c[1], ng = nx - kn + 1;
                double[] x = Tensor.randn(21L, batch * nx).toDoubleArray(),
                        w = Tensor.randn(22L, kn).toDoubleArray();
                double[] g = Tensor.randn(23L, batch * ng).toDoubleArray();
                float[] xf = Tensor.of(x, x.length).toFloatArray(),
                        wf = Tensor.of(w, w.length).toFloatArray();
                float[] gf = Tensor.of(g, g.length).toFloatArray();
                double[] z1 = null, c1 = null;
                float[] zf1 = null, cf1 = null;
                for (int threads : new int[] {1, 2, 3}) {
                    dev.mollify.tensor.kernels.Parallel.setThreads(threads);
                    double[] z = new double[batch * nx], cc = new double[kn];
                    float[] zf = new float[batch * nx], cf = new float[kn];
                    FusedBackward.correlateBackward(x, batch, new int[] {nx}, w, new int[] {kn}, g, z, cc);
                    FusedBackward.correlateBackward(xf, batch, new int[] {nx}, wf, new int[] {kn}, gf, zf, cf);
                    if (z1 == null) {
                        z1 = z;
                        c1 = cc;
                        zf1 = zf;
                        cf1 = cf;
                        continue;
                    }
                    String what = nx + " * " + kn + " with " + threads + " threads";
                    assertTrue(java.util.Arrays.equals(z1, z) && java.util.Arrays.equals(c1, cc), "F64 fused " + what);
                    assertTrue(
                            java.util.Arrays.equals(zf1, zf) && java.util.Arrays.equals(cf1, cf), "F32 fused " + what);
                }
            }
        } finally {
            dev.mollify.tensor.kernels.Parallel.setThreads(was);
        }
    }

    @Test
    void largeCallsSplitAcrossThreadsGiveBitIdenticalResults() {
        int[][][] cases = {{{9000}, {121}}, {{5, 4500}, {3, 51}}};
        int was = dev.mollify.tensor.kernels.Parallel.threads();
        try {
            for (int[][] c : cases) {
                int batch = 3, nx = 1, ny = 1, nk = 1;
                int[] gs = new int[c[0].length];
                for (int a = 0; a < gs.length; a++) {
                    nx *= c[0][a];
                    nk *= c[1][a];
                    gs[a] = c[0][a] - c[1][a] + 1;
                    ny *= gs[a];
                }
                double[] x = Tensor.randn(11L, batch * nx).toDoubleArray(),
                        w = Tensor.randn(12L, nk).toDoubleArray();
                double[] g = Tensor.randn(13L, batch * ny).toDoubleArray();
                float[] xf = Tensor.of(x, x.length).toFloatArray(),
                        wf = Tensor.of(w, w.length).toFloatArray();
                float[] gf = Tensor.of(g, g.length).toFloatArray();
                double[] y1 = null, c1 = null;
                float[] yf1 = null, cf1 = null;
                for (int threads : new int[] {1, 2, 3}) {
                    dev.mollify.tensor.kernels.Parallel.setThreads(threads);
                    double[] y = new double[batch * ny], cc = new double[nk];
                    float[] yf = new float[batch * ny], cf = new float[nk];
                    DirectCorrelation.correlate(x, batch, c[0], w, c[1], y);
                    DirectCorrelation.tapCorrelate(x, batch, c[0], g, gs, cc);
                    DirectCorrelation.correlate(xf, batch, c[0], wf, c[1], yf);
                    DirectCorrelation.tapCorrelate(xf, batch, c[0], gf, gs, cf);
                    if (y1 == null) {
                        y1 = y;
                        c1 = cc;
                        yf1 = yf;
                        cf1 = cf;
                        continue;
                    }
                    String what = java.util.Arrays.toString(c[0]) + " with " + threads + " threads";
                    assertTrue(java.util.Arrays.equals(y1, y) && java.util.Arrays.equals(c1, cc), "F64 " + what);
                    assertTrue(java.util.Arrays.equals(yf1, yf) && java.util.Arrays.equals(cf1, cf), "F32 " + what);
                }
            }
        } finally {
            dev.mollify.tensor.kernels.Parallel.setThreads(was);
        }
    }

    static void close(double[] ref, double[] got, int off, double tol, String what) {
        for (int i = 0; i < ref.length; i++) {
            double e = Math.abs(ref[i] - got[i + off]);
            assertTrue(e <= tol * (1 + Math.abs(ref[i])), what + " at " + i + ": " + got[i + off] + " vs " + ref[i]);
        }
    }
}
