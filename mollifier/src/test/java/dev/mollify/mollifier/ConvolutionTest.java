package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.kernels.Simd;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Forward values: direct vs a naive oracle, vector vs scalar, FFT vs direct, F32, 3-D, boundaries, backends. */
class ConvolutionTest {

    /** The definition, with 3-D index arithmetic written out. */
    static double[] naive(double[] x, int batch, int[] xs, double[] w, int[] ks) {
        int[] X = DirectCorrelation.as3d(xs), K = DirectCorrelation.as3d(ks);
        int[] Y = {X[0] - K[0] + 1, X[1] - K[1] + 1, X[2] - K[2] + 1};
        double[] y = new double[batch * Y[0] * Y[1] * Y[2]];
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < Y[0]; i++)
                for (int j = 0; j < Y[1]; j++)
                    for (int l = 0; l < Y[2]; l++) {
                        double s = 0;
                        for (int p = 0; p < K[0]; p++)
                            for (int q = 0; q < K[1]; q++)
                                for (int r = 0; r < K[2]; r++)
                                    s += w[(p * K[1] + q) * K[2] + r]
                                            * x[b * X[0] * X[1] * X[2] + ((i + p) * X[1] + j + q) * X[2] + l + r];
                        y[((b * Y[0] + i) * Y[1] + j) * Y[2] + l] = s;
                    }
        return y;
    }

    static void assertClose(double[] a, double[] b, double tol, String what) {
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], tol * (1 + Math.abs(a[i])), what + " at " + i);
    }

    @Test
    void directMatchesTheDefinitionInBothModesAndFftAgrees() {
        int[][][] cases = {
            {{50}, {7}}, {{9, 40}, {3, 5}}, {{6, 7, 33}, {3, 1, 5}}, {{6, 30, 8}, {1, 9, 1}}, {{20, 4, 5}, {13, 1, 1}}
        };
        boolean was = Simd.enabled();
        try {
            for (int[][] c : cases) {
                int batch = 3;
                int nx = 1, nk = 1;
                for (int v : c[0]) nx *= v;
                for (int v : c[1]) nk *= v;
                double[] x = Tensor.randn(1L, batch * nx).toDoubleArray(),
                        w = Tensor.randn(2L, nk).toDoubleArray();
                double[] ref = naive(x, batch, c[0], w, c[1]);
                for (boolean simd : new boolean[] {false, true}) {
                    Simd.setEnabled(simd);
                    double[] y = new double[ref.length];
                    new CpuBackend(CpuBackend.Path.DIRECT).correlate(x, batch, c[0], w, c[1], y);
                    assertClose(ref, y, 1e-12, "direct simd=" + simd);
                    if (FftCorrelation.supports(c[1])) {
                        double[] z = new double[ref.length];
                        new CpuBackend(CpuBackend.Path.FFT).correlate(x, batch, c[0], w, c[1], z);
                        assertClose(ref, z, 1e-10, "fft");
                    }
                    // the per-tap reduction against its definition: c_k = Σ g·x shifted
                    int[] gs = new int[c[0].length];
                    int ng = 1;
                    for (int a = 0; a < gs.length; a++) ng *= gs[a] = c[0][a] - c[1][a] + 1;
                    double[] g = Tensor.randn(3L, batch * ng).toDoubleArray();
                    double[] cc = new double[nk];
                    DirectCorrelation.tapCorrelate(x, batch, c[0], g, gs, cc);
                    double[] viaNaive = naive(x, batch, c[0], g, gs); // batch sums below
                    double[] sum = new double[nk];
                    for (int b = 0; b < batch; b++) {
                        double[] xb = java.util.Arrays.copyOfRange(x, b * nx, (b + 1) * nx);
                        double[] gb = java.util.Arrays.copyOfRange(g, b * ng, (b + 1) * ng);
                        double[] part = naive(xb, 1, c[0], gb, gs);
                        for (int k = 0; k < nk; k++) sum[k] += part[k];
                    }
                    assertTrue(viaNaive.length >= nk);
                    assertClose(sum, cc, 1e-11, "tapCorrelate simd=" + simd);
                }
            }
        } finally {
            Simd.setEnabled(was);
        }
    }

    @Test
    void automaticChoiceAndOverride() {
        int prev = Crossover.setMinFftTaps(1);
        try {
            Var x = Var.constant(Tensor.randn(4L, 2, 1, 300));
            Var w = Var.constant(Tensor.randn(5L, 41));
            double[] fft = MollifierConv.correlate(x, w).value().toDoubleArray();
            Crossover.setMinFftTaps(Integer.MAX_VALUE);
            double[] direct = MollifierConv.correlate(x, w).value().toDoubleArray();
            assertClose(direct, fft, 1e-10, "auto fft vs direct");
        } finally {
            Crossover.setMinFftTaps(prev);
        }
        assertTrue(Crossover.minFftTaps() >= 1);
    }

    @Test
    void periodicSmoothingDampsAFourierModeByTheKernelsSymbol() {
        // on a periodic grid, sin(2πx) ∗ w = (Σ_n W_n cos(2πnh))·sin(2πx) exactly
        int n = 200;
        double h = 1.0 / n, delta = 0.05;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) u[i] = Math.sin(2 * Math.PI * i * h);
        SampledKernel k = SampledKernel.sample(KernelFamily.bump(), Window.covering(h, delta, 1), delta);
        int m = (k.taps().length - 1) / 2;
        double symbol = 0;
        for (int j = -m; j <= m; j++) symbol += k.taps()[j + m] * Math.cos(2 * Math.PI * j * h);
        double[] y = MollifierConv.apply(
                        Var.constant(Tensor.of(u, 1, 1, n)), Var.constant(k.tapsTensor()), Boundary.PERIODIC)
                .value()
                .toDoubleArray();
        for (int i = 0; i < n; i++) assertEquals(symbol * u[i], y[i], 1e-13);
    }

    @Test
    void boundaryModesPadAsDocumented() {
        double[] v = {1, 2, 3, 4, 5};
        Var x = Var.constant(Tensor.of(v, 1, 1, 5));
        Var pick = Var.constant(Tensor.of(new double[] {1, 0, 0, 0, 0}, 5)); // y_o = padded x_o: shows the left halo
        assertClose(
                new double[] {3, 2, 1, 2, 3},
                MollifierConv.apply(x, pick, Boundary.REFLECT).value().toDoubleArray(),
                0,
                "reflect");
        assertClose(
                new double[] {1, 1, 1, 2, 3},
                MollifierConv.apply(x, pick, Boundary.REPLICATE).value().toDoubleArray(),
                0,
                "replicate");
        assertClose(
                new double[] {4, 5, 1, 2, 3},
                MollifierConv.apply(x, pick, Boundary.PERIODIC).value().toDoubleArray(),
                0,
                "periodic");
        assertClose(
                new double[] {0, 0, 1, 2, 3},
                MollifierConv.apply(x, pick, Boundary.ZERO).value().toDoubleArray(),
                0,
                "zero");
        assertClose(
                new double[] {1},
                MollifierConv.apply(x, pick, Boundary.VALID).value().toDoubleArray(),
                0,
                "valid");
        assertClose(
                new double[] {1},
                MollifierConv.apply(x, pick, Boundary.EXTENDED).value().toDoubleArray(),
                0,
                "extended");
        Var wide = Var.constant(Tensor.zeros(13));
        assertThrows(IllegalArgumentException.class, () -> MollifierConv.apply(x, wide, Boundary.REFLECT));
        assertThrows(IllegalArgumentException.class, () -> MollifierConv.apply(x, wide, Boundary.VALID));
    }

    @Test
    void f32FieldsStayF32AndAgreeWithF64() {
        Tensor x = Tensor.randn(7L, 2, 3, 12, 10);
        SampledKernel k =
                SampledKernel.sample(KernelFamily.bump(), new Window(new double[] {0.1, 0.1}, new int[] {2, 2}), 0.17);
        Var y64 = MollifierConv.apply(Var.constant(x), Var.constant(k.tapsTensor()), Boundary.REPLICATE);
        Var y32 = MollifierConv.apply(Var.constant(x.to(DType.F32)), Var.constant(k.tapsTensor()), Boundary.REPLICATE);
        assertEquals(DType.F32, y32.dtype());
        assertTrue(y32.value().to(DType.F64).allClose(y64.value(), 1e-5, 1e-5));
        // float loops: vector and scalar agree with the double oracle
        boolean was = Simd.enabled();
        try {
            float[] xf = Tensor.randn(14L, 2 * 9 * 40).toFloatArray(),
                    wf = Tensor.randn(15L, 3 * 5).toFloatArray();
            double[] ref = naive(
                    Tensor.ofFloat(xf, xf.length).toDoubleArray(),
                    2,
                    new int[] {9, 40},
                    Tensor.ofFloat(wf, wf.length).toDoubleArray(),
                    new int[] {3, 5});
            for (boolean simd : new boolean[] {false, true}) {
                Simd.setEnabled(simd);
                float[] yf = new float[ref.length];
                new CpuBackend().correlate(xf, 2, new int[] {9, 40}, wf, new int[] {3, 5}, yf);
                for (int i = 0; i < ref.length; i++)
                    assertEquals(ref[i], yf[i], 1e-5 * (1 + Math.abs(ref[i])), "f32 simd=" + simd);
                float[] gf = Tensor.randn(16L, 2 * 7 * 36).toFloatArray();
                float[] cf = new float[15];
                double[] cd = new double[15];
                new CpuBackend().tapCorrelate(xf, 2, new int[] {9, 40}, gf, new int[] {7, 36}, cf);
                DirectCorrelation.tapCorrelate(
                        Tensor.ofFloat(xf, xf.length).toDoubleArray(),
                        2,
                        new int[] {9, 40},
                        Tensor.ofFloat(gf, gf.length).toDoubleArray(),
                        new int[] {7, 36},
                        cd);
                for (int i = 0; i < 15; i++)
                    assertEquals(cd[i], cf[i], 1e-4 * (1 + Math.abs(cd[i])), "f32 taps simd=" + simd);
            }
        } finally {
            Simd.setEnabled(was);
        }
        // gradients flow in F32 as well
        Var xp = Var.param(x.to(DType.F32));
        Var theta = Var.param(Tensor.scalar(Math.log(0.17)));
        Var w = SampledKernel.weights(
                Width.EXP.delta(theta), KernelFamily.bump(), new Window(new double[] {0.1, 0.1}, new int[] {2, 2}));
        List<Var> g = Autograd.grad(
                List.of(MollifierConv.apply(xp, w, Boundary.REFLECT).square().sum()),
                List.of(xp, theta),
                null,
                false,
                false,
                false);
        assertEquals(DType.F32, g.get(0).dtype());
        assertTrue(Double.isFinite(g.get(1).item()));
    }

    @Test
    void threeDimensionalSeparableEqualsRadialProductStructure() {
        // a separable pass on each of three axes equals one correlation with the outer-product kernel
        double h = 0.1, delta = 0.23;
        double[] w1 = SampledKernel.sample(KernelFamily.polynomial(4), Window.line(h, 3), delta)
                .taps();
        int k = w1.length;
        double[] outer = new double[k * k * k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++) for (int c = 0; c < k; c++) outer[(a * k + b) * k + c] = w1[a] * w1[b] * w1[c];
        Var x = Var.constant(Tensor.randn(8L, 1, 2, 9, 8, 10));
        Var w = Var.constant(Tensor.of(w1, k));
        double[] sep = MollifierConv.applySeparable(x, new Var[] {w, w, w}, Boundary.PERIODIC)
                .value()
                .toDoubleArray();
        double[] full = MollifierConv.apply(x, Var.constant(Tensor.of(outer, k, k, k)), Boundary.PERIODIC)
                .value()
                .toDoubleArray();
        assertClose(full, sep, 1e-12, "3-D separable vs full");
    }

    /** Counts the array calls, then delegates to the CPU. */
    static final class CountingBackend implements ConvolutionBackend {
        final List<String> calls = new ArrayList<>();
        final CpuBackend cpu = new CpuBackend();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public int priority() {
            return 1;
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public void correlate(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] y) {
            calls.add("correlate");
            cpu.correlate(x, batch, xs, w, ks, y);
        }

        @Override
        public void tapCorrelate(double[] x, int batch, int[] xs, double[] g, int[] gs, double[] c) {
            calls.add("tapCorrelate");
            cpu.tapCorrelate(x, batch, xs, g, gs, c);
        }
    }

    @Test
    void aBackendTakesOverForwardInputGradientAndWidthGradient() {
        boolean found = false;
        for (ConvolutionBackend b : ServiceLoader.load(ConvolutionBackend.class)) found |= b instanceof CpuBackend;
        assertTrue(found, "CpuBackend is registered in META-INF/services");
        assertTrue(Backends.discover() instanceof CpuBackend);
        CountingBackend counting = new CountingBackend();
        ConvolutionBackend prev = Backends.use(counting);
        try {
            assertSame(counting, Backends.current());
            Var x = Var.param(Tensor.randn(9L, 1, 1, 20));
            Var theta = Var.param(Tensor.scalar(Math.log(0.25)));
            Var y = MollifierConv.apply(
                    x,
                    SampledKernel.weights(Width.EXP.delta(theta), KernelFamily.bump(), Window.line(0.1, 3)),
                    Boundary.ZERO);
            assertEquals(List.of("correlate"), counting.calls);
            Autograd.grad(List.of(y.square().sum()), List.of(x, theta), null, false, false, false);
            assertEquals(
                    List.of("correlate", "correlate", "tapCorrelate"),
                    counting.calls.stream().sorted().toList(),
                    "forward, input gradient, width gradient");
        } finally {
            Backends.use(prev);
        }
    }
}
