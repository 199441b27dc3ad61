package dev.mollify.mollifier;

import static dev.mollify.mollifier.ConvolutionTest.assertClose;
import static dev.mollify.mollifier.ConvolutionTest.naive;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.PadMode;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.kernels.Simd;
import org.junit.jupiter.api.Test;

/**
 * The no-copy pieces of the convolution against their definitions: the full convolution by index
 * arithmetic (direct, FFT, F32) vs correlating a zero-padded copy with the flipped kernel, the fused
 * backward vs its two separate calls, and the boundary padding primitive vs {@link Var#pad} (values)
 * and its fold (adjoint identity).
 */
class FullConvolutionTest {
    /** {gs, ks}: kernels shorter and longer than the field, rows crossing segments, 2-D and 3-D. */
    static final int[][][] CASES = {
        {{5}, {7}},
        {{100}, {7}},
        {{9000}, {51}},
        {{7, 40}, {3, 5}},
        {{2, 3}, {5, 5}},
        {{3, 4, 20}, {3, 3, 5}},
        {{6, 30, 8}, {1, 9, 1}},
        {{20, 4, 5}, {13, 1, 1}},
        {{7, 40}, {1, 5}},
        {{2, 3, 5000}, {1, 1, 9}}
    };

    static double[] reference(double[] g, int batch, int[] gs, double[] w, int[] ks) {
        int[] ps = new int[gs.length];
        for (int a = 0; a < gs.length; a++) ps[a] = gs[a] + 2 * (ks[a] - 1);
        return naive(FullConvolution.zeroPad(g, batch, gs, ks), batch, ps, FullConvolution.flip(w, ks), ks);
    }

    @Test
    void fullConvolutionMatchesThePaddedDefinitionOnEveryPath() {
        boolean was = Simd.enabled();
        try {
            for (int[][] c : CASES) {
                int batch = 2, ng = 1, nk = 1;
                for (int v : c[0]) ng *= v;
                for (int v : c[1]) nk *= v;
                double[] g = Tensor.randn(4L, batch * ng).toDoubleArray(),
                        w = Tensor.randn(5L, nk).toDoubleArray();
                double[] ref = reference(g, batch, c[0], w, c[1]);
                String what = java.util.Arrays.toString(c[0]) + " * " + java.util.Arrays.toString(c[1]);
                for (boolean simd : new boolean[] {false, true}) {
                    Simd.setEnabled(simd);
                    double[] z = new double[ref.length];
                    new CpuBackend(CpuBackend.Path.DIRECT).convolveFull(g, batch, c[0], w, c[1], z);
                    assertClose(ref, z, 1e-12, "direct " + what + " simd=" + simd);
                    float[] gf = Tensor.of(g, g.length).toFloatArray(),
                            wf = Tensor.of(w, w.length).toFloatArray();
                    float[] zf = new float[ref.length];
                    new CpuBackend(CpuBackend.Path.DIRECT).convolveFull(gf, batch, c[0], wf, c[1], zf);
                    assertClose(
                            ref, Tensor.ofFloat(zf, zf.length).toDoubleArray(), 1e-5 * Math.sqrt(nk), "F32 " + what);
                    if (FftCorrelation.supports(c[1])) {
                        double[] zz = new double[ref.length];
                        new CpuBackend(CpuBackend.Path.FFT).convolveFull(g, batch, c[0], w, c[1], zz);
                        assertClose(ref, zz, 1e-10, "fft " + what);
                    }
                }
            }
        } finally {
            Simd.setEnabled(was);
        }
    }

    @Test
    void theBackwardPairMatchesItsTwoSeparateCalls() {
        for (int[][] c : CASES) {
            int batch = 3, nx = 1, nk = 1, ng = 1;
            int[] gs = new int[c[0].length];
            for (int a = 0; a < gs.length; a++) {
                nx *= c[0][a] + c[1][a] - 1;
                nk *= c[1][a];
                ng *= gs[a] = c[0][a];
            }
            int[] xs = new int[gs.length];
            for (int a = 0; a < gs.length; a++) xs[a] = gs[a] + c[1][a] - 1;
            double[] x = Tensor.randn(6L, batch * nx).toDoubleArray(),
                    w = Tensor.randn(7L, nk).toDoubleArray();
            double[] g = Tensor.randn(8L, batch * ng).toDoubleArray();
            CpuBackend cpu = new CpuBackend(CpuBackend.Path.DIRECT);
            double[] z1 = new double[batch * nx], c1 = new double[nk], z2 = new double[batch * nx], c2 = new double[nk];
            cpu.convolveFull(g, batch, gs, w, c[1], z1);
            cpu.tapCorrelate(x, batch, xs, g, gs, c1);
            cpu.correlateBackward(x, batch, xs, w, c[1], g, z2, c2);
            String what = java.util.Arrays.toString(xs) + " * " + java.util.Arrays.toString(c[1]);
            assertClose(z1, z2, 1e-12, "input gradient " + what);
            assertClose(c1, c2, 1e-11, "width gradient " + what);
            float[] xf = Tensor.of(x, x.length).toFloatArray(),
                    wf = Tensor.of(w, w.length).toFloatArray();
            float[] gf = Tensor.of(g, g.length).toFloatArray();
            float[] zf = new float[z1.length], cf = new float[nk];
            cpu.correlateBackward(xf, batch, xs, wf, c[1], gf, zf, cf);
            assertClose(
                    z1,
                    Tensor.ofFloat(zf, zf.length).toDoubleArray(),
                    1e-5 * Math.sqrt(nk),
                    "F32 input gradient " + what);
            assertClose(
                    c1,
                    Tensor.ofFloat(cf, cf.length).toDoubleArray(),
                    1e-4 * Math.sqrt(ng * batch),
                    "F32 width gradient " + what);
        }
    }

    @Test
    void theFftPerTapReductionMatchesTheDirectOne() {
        for (int[][] c : CASES) {
            if (!FftCorrelation.supports(c[1])) continue;
            int batch = 3, nx = 1, ng = 1;
            int[] xs = new int[c[0].length];
            for (int a = 0; a < xs.length; a++) {
                xs[a] = c[0][a] + c[1][a] - 1;
                nx *= xs[a];
                ng *= c[0][a];
            }
            double[] x = Tensor.randn(11L, batch * nx).toDoubleArray(),
                    g = Tensor.randn(12L, batch * ng).toDoubleArray();
            int nk = 1;
            for (int v : c[1]) nk *= v;
            double[] direct = new double[nk], fft = new double[nk];
            DirectCorrelation.tapCorrelate(x, batch, xs, g, c[0], direct);
            new CpuBackend(CpuBackend.Path.FFT).tapCorrelate(x, batch, xs, g, c[0], fft);
            assertClose(
                    direct,
                    fft,
                    1e-10,
                    "FFT tapCorrelate " + java.util.Arrays.toString(xs) + " / " + java.util.Arrays.toString(c[0]));
        }
    }

    @Test
    void boundaryPaddingEqualsVarPadAndItsFoldIsTheAdjoint() {
        int[] shape = {3, 4, 6};
        for (PadMode mode : PadMode.values()) {
            for (int axis = 0; axis < 3; axis++) {
                for (int[] ba : new int[][] {{2, 2}, {0, 3}, {3, 1}}) {
                    int n = shape[axis];
                    if (mode == PadMode.REFLECT && Math.max(ba[0], ba[1]) >= n) continue;
                    if (mode == PadMode.CIRCULAR && Math.max(ba[0], ba[1]) > n) continue;
                    Var x = Var.constant(Tensor.randn(9L, shape));
                    Tensor expected = x.value().pad(axis, ba[0], ba[1], mode);
                    Var p = BoundaryPadding.pad(x, axis, ba[0], ba[1], mode);
                    String what = mode + " axis " + axis + " pad " + ba[0] + "/" + ba[1];
                    assertClose(expected.toDoubleArray(), p.value().toDoubleArray(), 0, what);
                    Var xf = Var.constant(x.value().to(dev.mollify.tensor.DType.F32));
                    assertClose(
                            expected.toDoubleArray(),
                            BoundaryPadding.pad(xf, axis, ba[0], ba[1], mode)
                                    .value()
                                    .toDoubleArray(),
                            1e-7,
                            "F32 " + what);
                    // <pad(x), y> = <x, fold(y)>
                    Var y = Var.constant(Tensor.randn(10L, p.shape()));
                    double lhs = p.value().mul(y.value()).sum().item();
                    double rhs = x.value()
                            .mul(BoundaryPadding.fold(y, axis, n, ba[0], ba[1], mode)
                                    .value())
                            .sum()
                            .item();
                    assertEquals(lhs, rhs, 1e-12 * (1 + Math.abs(lhs)), "adjoint " + what);
                }
            }
        }
    }
}
