package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.GradCheck;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.PadMode;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link MollifierConv#applyWidth}: smoothing along the last axis as one primitive in (x, δ), whose
 * first-order backward asks the backend for the per-tap sums on the kernel's support only. Checked
 * against the chain it replaces (pad, correlate with {@link SampledKernel#weights}, the weights' rule),
 * by gradcheck / gradgradcheck, and at the backend: the restricted sums equal the full ones on their taps.
 */
class WidthPrimitiveTest {
    static final GradCheck.Options OPTS = new GradCheck.Options(1e-6, 1e-7, 1e-5);

    private static Function<List<Var>, Var> primitive(Boundary b, Window win) {
        return xs -> {
            Var delta = Width.SOFTPLUS.delta(xs.get(1));
            int axis = xs.get(0).shape().length - 3;
            return MollifierConv.applyWidth(
                    xs.get(0), delta, SampledKernel.sample(KernelFamily.bump(), win, delta.item()), axis, b);
        };
    }

    private static Function<List<Var>, Var> chain(Boundary b, Window win) {
        return xs -> {
            Var w = SampledKernel.weights(Width.SOFTPLUS.delta(xs.get(1)), KernelFamily.bump(), win);
            int d = xs.get(0).shape().length - 2;
            int[] ks = new int[d];
            java.util.Arrays.fill(ks, 1);
            ks[d - 1] = w.shape()[0];
            return MollifierConv.correlate(
                    b.pad(xs.get(0), xs.get(0).shape().length - 1, (w.shape()[0] - 1) / 2), w.reshape(ks));
        };
    }

    /** y, ∂x and ∂θ of Σ y·r, first order (no graph recorded), for the requested inputs. */
    private static double[][] firstOrder(Function<List<Var>, Var> f, Tensor x0, Tensor theta0, boolean needX) {
        Var x = needX ? Var.param(x0) : Var.constant(x0), theta = Var.param(theta0);
        Var y = f.apply(List.of(x, theta));
        Var r = Var.constant(Tensor.randn(5L, y.shape()).to(y.dtype()));
        List<Var> wrt = needX ? List.of(x, theta) : List.of(theta);
        List<Var> g = Autograd.grad(List.of(y.mul(r).sum()), wrt, null, false, false, false);
        double[][] out = new double[3][];
        out[0] = y.value().toDoubleArray();
        out[1] = needX ? g.get(0).value().toDoubleArray() : new double[0];
        out[2] = g.get(g.size() - 1).value().toDoubleArray();
        return out;
    }

    private static void close(String what, double[][] want, double[][] got, double rel) {
        String[] names = {"y", "dx", "dtheta"};
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i].length, got[i].length, what + " " + names[i]);
            double scale = 0;
            for (double v : want[i]) scale = Math.max(scale, Math.abs(v));
            for (int j = 0; j < want[i].length; j++) {
                if (Math.abs(want[i][j] - got[i][j]) > rel * scale)
                    fail(what + " " + names[i] + "[" + j + "]: " + want[i][j] + " vs " + got[i][j]);
            }
        }
    }

    @Test
    void firstOrderGradientsEqualTheChainItReplaces() {
        for (DType dt : new DType[] {DType.F64, DType.F32}) {
            for (Boundary b : new Boundary[] {Boundary.ZERO, Boundary.REFLECT, Boundary.REPLICATE, Boundary.PERIODIC}) {
                for (int[] c : new int[][] {{2, 3, 50, 4}, {1, 1, 6, 5}, {1, 2, 4, 37, 3}, {3, 1, 9000, 40}}) {
                    int[] shape = java.util.Arrays.copyOf(c, c.length - 1);
                    int m = c[c.length - 1];
                    double h = 1.0 / shape[shape.length - 1];
                    Window win = Window.line(h, m);
                    Tensor x = Tensor.randn(21L, shape).to(dt);
                    Tensor theta = Tensor.scalar(
                            Width.SOFTPLUS.theta(0.7 * m * h)); // support: about 70 % of the window's taps
                    for (boolean needX : new boolean[] {true, false}) {
                        String what = dt + " " + b + " " + java.util.Arrays.toString(shape) + " M=" + m
                                + (needX ? "" : " (x constant)");
                        close(
                                what,
                                firstOrder(chain(b, win), x, theta, needX),
                                firstOrder(primitive(b, win), x, theta, needX),
                                dt == DType.F64 ? 1e-12 : 3e-5);
                    }
                }
            }
        }
    }

    @Test
    void gradcheckAndGradgradcheckInTheFieldAndTheWidth() {
        Tensor theta = Tensor.scalar(Width.SOFTPLUS.theta(0.17));
        Window win = Window.line(0.1, 2); // δ = 0.17: 3 of the 5 taps in the support
        for (Boundary b : new Boundary[] {Boundary.ZERO, Boundary.REFLECT, Boundary.REPLICATE, Boundary.PERIODIC}) {
            Tensor x = Tensor.randn(13L, 1, 2, 7);
            GradCheck.gradcheck(primitive(b, win), OPTS, x, theta);
            GradCheck.gradgradcheck(primitive(b, win), OPTS, 6L, x, theta);
        }
        GradCheck.gradcheck(
                primitive(Boundary.VALID, win),
                OPTS,
                Tensor.randn(14L, 1, 2, 9),
                theta); // no padding: the weights chain
    }

    @Test
    void restrictedPerTapSumsEqualTheFullOnesOnTheirTapsAndZeroElsewhere() {
        CpuBackend cpu = new CpuBackend();
        int batch = 3, n = 5000, m = 20, kn = 2 * m + 1, xn = n + 2 * m;
        double[] x = Tensor.randn(31L, batch * xn).toDoubleArray(),
                w = Tensor.randn(32L, kn).toDoubleArray();
        double[] g = Tensor.randn(33L, batch * n).toDoubleArray();
        w[0] = 0;
        w[1] = 0;
        w[kn - 1] = 0; // zero end taps, as a bump's outside its support
        int[] xs = {xn}, ks = {kn};
        double[] outAll = new double[batch * n], cAll = new double[kn];
        assertTrue(cpu.correlateBackwardFolded(x, batch, xs, w, ks, g, outAll, cAll, m, PadMode.REFLECT, 0, kn));
        for (int[] range : new int[][] {{2, kn - 1}, {5, 30}, {0, 3}}) {
            double[] out = new double[batch * n], c = new double[kn];
            assertTrue(cpu.correlateBackwardFolded(
                    x, batch, xs, w, ks, g, out, c, m, PadMode.REFLECT, range[0], range[1]));
            assertArrayEquals(outAll, out, 0.0, "the input gradient does not depend on the tap range");
            for (int k = 0; k < kn; k++) {
                double want = k >= range[0] && k < range[1] ? cAll[k] : 0.0;
                assertEquals(want, c[k], 0.0, "tap " + k + " of range " + java.util.Arrays.toString(range));
            }
            float[] xf = Tensor.of(x, x.length).toFloatArray(),
                    wf = Tensor.of(w, w.length).toFloatArray(),
                    gf = Tensor.of(g, g.length).toFloatArray();
            float[] outF = new float[batch * n],
                    cF = new float[kn],
                    outFAll = new float[batch * n],
                    cFAll = new float[kn];
            cpu.correlateBackwardFolded(xf, batch, xs, wf, ks, gf, outFAll, cFAll, m, PadMode.REFLECT, 0, kn);
            cpu.correlateBackwardFolded(xf, batch, xs, wf, ks, gf, outF, cF, m, PadMode.REFLECT, range[0], range[1]);
            assertArrayEquals(outFAll, outF, 0f, "F32: the input gradient does not depend on the tap range");
            for (int k = 0; k < kn; k++)
                assertEquals(k >= range[0] && k < range[1] ? cFAll[k] : 0f, cF[k], 0f, "F32 tap " + k);
        }
    }
}
