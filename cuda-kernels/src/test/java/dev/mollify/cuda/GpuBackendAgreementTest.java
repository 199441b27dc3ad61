package dev.mollify.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.mollifier.Backends;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.ConvolutionBackend;
import dev.mollify.mollifier.CpuBackend;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifierConv;
import dev.mollify.mollifier.SampledKernel;
import dev.mollify.mollifier.Window;
import dev.mollify.tensor.PadMode;
import dev.mollify.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * GPU only (skipped otherwise): the CUDA backend gives the CPU backend's results, F32 to 1e-5 and
 * F64 to 1e-12 relative, for line passes along every axis, radial (any-shape) kernels, odd sizes,
 * kernels longer than shared memory allows, and every boundary mode through MollifierConv (fields
 * shorter than the kernel included); the full convolution (input gradient) and the folded backward
 * with its tap range run on the device and match too.
 */
class GpuBackendAgreementTest {
    static final CpuBackend CPU = new CpuBackend(CpuBackend.Path.DIRECT);

    /** {batch, xs..., ks...} as (batch, xs, ks). */
    static final int[][][] CASES = {
        {{3}, {37}, {5}},
        {{1}, {2100}, {51}},
        {{2}, {5000}, {129}},
        {{16}, {1000}, {51}},
        {{1}, {9}, {9}},
        {{2}, {7000}, {3001}},
        {{2}, {40, 30}, {7, 1}},
        {{2}, {40, 30}, {1, 7}},
        {{1}, {233, 65}, {201, 1}},
        {{1}, {17, 19}, {5, 7}},
        {{2}, {6, 7, 9}, {1, 1, 5}},
        {{1}, {6, 7, 9}, {3, 1, 1}},
        {{1}, {6, 7, 9}, {3, 3, 3}}
    };

    @Test
    void correlateAndTapCorrelateMatchTheCpu() {
        GpuTests.device();
        CudaBackend gpu = new CudaBackend(CudaMode.ON);
        long seed = 1;
        for (int[][] c : CASES) {
            int batch = c[0][0];
            int[] xs = c[1], ks = c[2], ys = new int[xs.length];
            int nx = batch, nk = 1, ny = batch;
            for (int a = 0; a < xs.length; a++) {
                ys[a] = xs[a] - ks[a] + 1;
                nx *= xs[a];
                nk *= ks[a];
                ny *= ys[a];
            }
            String tag = "batch " + batch + " x " + Arrays.toString(xs) + " k " + Arrays.toString(ks);
            double[] x = GpuTests.random(seed++, nx), w = GpuTests.random(seed++, nk), g = GpuTests.random(seed++, ny);
            double[] y1 = new double[ny], y2 = new double[ny], c1 = new double[nk], c2 = new double[nk];
            gpu.correlate(x, batch, xs, w, ks, y1);
            CPU.correlate(x, batch, xs, w, ks, y2);
            GpuTests.close(y1, y2, GpuTests.F64_TOL, "F64 correlate " + tag);
            gpu.tapCorrelate(x, batch, xs, g, ys, c1);
            CPU.tapCorrelate(x, batch, xs, g, ys, c2);
            GpuTests.close(c1, c2, GpuTests.F64_TOL, "F64 tapCorrelate " + tag);
            float[] xf = GpuTests.randomFloat(seed++, nx),
                    wf = GpuTests.randomFloat(seed++, nk),
                    gf = GpuTests.randomFloat(seed++, ny);
            float[] yf1 = new float[ny], yf2 = new float[ny], cf1 = new float[nk], cf2 = new float[nk];
            gpu.correlate(xf, batch, xs, wf, ks, yf1);
            CPU.correlate(xf, batch, xs, wf, ks, yf2);
            GpuTests.close(yf1, yf2, GpuTests.F32_TOL, "F32 correlate " + tag);
            gpu.tapCorrelate(xf, batch, xs, gf, ys, cf1);
            CPU.tapCorrelate(xf, batch, xs, gf, ys, cf2);
            GpuTests.close(cf1, cf2, GpuTests.F32_TOL, "F32 tapCorrelate " + tag);
        }
    }

    @Test
    void convolveFullMatchesTheCpu() {
        GpuTests.device();
        CudaBackend gpu = new CudaBackend(CudaMode.ON);
        long seed = 100;
        for (int[][] c : CASES) {
            int batch = c[0][0];
            int[] gs = c[1], ks = c[2];
            int ng = batch, nk = 1, nz = batch;
            for (int a = 0; a < gs.length; a++) {
                ng *= gs[a];
                nk *= ks[a];
                nz *= gs[a] + ks[a] - 1;
            }
            String tag = "batch " + batch + " g " + Arrays.toString(gs) + " k " + Arrays.toString(ks);
            double[] g = GpuTests.random(seed++, ng), w = GpuTests.random(seed++, nk);
            double[] z1 = new double[nz], z2 = new double[nz];
            gpu.convolveFull(g, batch, gs, w, ks, z1);
            CPU.convolveFull(g, batch, gs, w, ks, z2);
            GpuTests.close(z1, z2, GpuTests.F64_TOL, "F64 convolveFull " + tag);
            float[] gf = GpuTests.randomFloat(seed++, ng), wf = GpuTests.randomFloat(seed++, nk);
            float[] zf1 = new float[nz], zf2 = new float[nz];
            gpu.convolveFull(gf, batch, gs, wf, ks, zf1);
            CPU.convolveFull(gf, batch, gs, wf, ks, zf2);
            GpuTests.close(zf1, zf2, GpuTests.F32_TOL, "F32 convolveFull " + tag);
        }
    }

    @Test
    void foldedBackwardMatchesTheCpuInEveryPadModeAndTapRange() {
        GpuTests.device();
        CudaBackend gpu = new CudaBackend(CudaMode.ON);
        long seed = 200;
        int[][] shapes = {{3, 40, 7}, {2, 1000, 51}, {1, 9, 9}, {4, 257, 129}};
        for (int[] sh : shapes) {
            int batch = sh[0], n = sh[1], k = sh[2];
            for (PadMode mode : PadMode.values()) {
                for (int m : new int[] {0, 1, k / 2}) {
                    if (mode == PadMode.REFLECT && m >= n || mode == PadMode.CIRCULAR && m > n) continue;
                    int[] xs = {n + 2 * m}, ks = {k};
                    int ng = batch * (n + 2 * m - k + 1);
                    if (ng <= 0) continue;
                    int t0 = k / 4, t1 = k - k / 4;
                    String tag = mode + " batch " + batch + " n " + n + " m " + m + " K " + k;
                    double[] x = GpuTests.random(seed++, batch * xs[0]), w = GpuTests.random(seed++, k);
                    double[] g = GpuTests.random(seed++, ng);
                    double[] o1 = new double[batch * n],
                            o2 = new double[batch * n],
                            c1 = new double[k],
                            c2 = new double[k];
                    assertTrue(gpu.correlateBackwardFolded(x, batch, xs, w, ks, g, o1, c1, m, mode, t0, t1));
                    assertTrue(CPU.correlateBackwardFolded(x, batch, xs, w, ks, g, o2, c2, m, mode, t0, t1));
                    GpuTests.close(o1, o2, GpuTests.F64_TOL, "F64 folded input gradient " + tag);
                    GpuTests.close(c1, c2, GpuTests.F64_TOL, "F64 folded taps " + tag);
                    float[] xf = GpuTests.randomFloat(seed++, batch * xs[0]), wf = GpuTests.randomFloat(seed++, k);
                    float[] gf = GpuTests.randomFloat(seed++, ng);
                    float[] of1 = new float[batch * n],
                            of2 = new float[batch * n],
                            cf1 = new float[k],
                            cf2 = new float[k];
                    assertTrue(gpu.correlateBackwardFolded(xf, batch, xs, wf, ks, gf, of1, cf1, m, mode, t0, t1));
                    assertTrue(CPU.correlateBackwardFolded(xf, batch, xs, wf, ks, gf, of2, cf2, m, mode, t0, t1));
                    GpuTests.close(of1, of2, GpuTests.F32_TOL, "F32 folded input gradient " + tag);
                    GpuTests.close(cf1, cf2, GpuTests.F32_TOL, "F32 folded taps " + tag);
                }
            }
        }
    }

    @Test
    void everyBoundaryModeThroughMollifierConvMatchesTheCpu() {
        GpuTests.device();
        ConvolutionBackend prev = Backends.use(null);
        try {
            for (Boundary b : Boundary.values()) {
                for (int n : new int[] {3, 8, 101, 1025}) {
                    for (int m : new int[] {2, 4, 25}) {
                        if (b.crops() && n < 2 * m + 1
                                || b == Boundary.REFLECT && m >= n
                                || b == Boundary.PERIODIC && m > n) continue;
                        Window win = Window.line(0.1, m);
                        Var w = Var.constant(SampledKernel.sample(KernelFamily.bump(), win, 0.1 * m)
                                .tapsTensor());
                        for (boolean f32 : new boolean[] {false, true}) {
                            Tensor x = Tensor.randn(n * 31L + m, 2, 3, n);
                            if (f32) x = x.to(dev.mollify.tensor.DType.F32);
                            Var xv = Var.constant(x);
                            Backends.use(new CudaBackend(CudaMode.ON));
                            double[] gpu = MollifierConv.apply(xv, w, b).value().toDoubleArray();
                            Backends.use(CPU);
                            double[] cpu = MollifierConv.apply(xv, w, b).value().toDoubleArray();
                            GpuTests.close(
                                    gpu,
                                    cpu,
                                    f32 ? GpuTests.F32_TOL : GpuTests.F64_TOL,
                                    b + " n=" + n + " M=" + m + (f32 ? " F32" : " F64"));
                        }
                    }
                }
            }
        } finally {
            Backends.use(prev);
        }
    }
}
