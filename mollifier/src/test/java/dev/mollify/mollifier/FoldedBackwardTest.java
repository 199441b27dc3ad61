package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link MollifierConv#apply} with a padding boundary and a kernel along the last axis folds the
 * padding's halo into the input gradient as the fused backward writes it. Against the unfused pair
 * (pad, then correlate, then fold in the backward): the same forward, input and width gradients and a
 * second-order gradient to rounding, for every padding mode, F64 and F32, fields barely longer than the
 * halo, several rows and segments; the FFT path falls back to the unfused rule.
 */
class FoldedBackwardTest {

    private static List<double[]> run(Function<Var[], Var> f, Tensor x0, Tensor theta0) {
        Var x = Var.param(x0), theta = Var.param(theta0);
        Var y = f.apply(new Var[] {x, theta});
        Var r = Var.constant(Tensor.randn(5L, y.shape()).to(y.dtype()));
        List<Var> g = Autograd.grad(List.of(y.mul(r).sum()), List.of(x, theta), null, true, true, false);
        Var second = Autograd.grad(
                        List.of(g.get(0)
                                .mul(g.get(0))
                                .sum()
                                .to(DType.F64)
                                .add(g.get(1).mul(g.get(1)).sum())),
                        List.of(x, theta),
                        null,
                        false,
                        false,
                        false)
                .get(1);
        List<double[]> out = new ArrayList<>();
        for (Var v : new Var[] {y, g.get(0), g.get(1), second})
            out.add(v.value().toDoubleArray());
        return out;
    }

    private static void compare(String what, List<double[]> want, List<double[]> got, double rel) {
        String[] names = {"y", "dx", "dtheta", "second order"};
        for (int i = 0; i < want.size(); i++) {
            double[] a = want.get(i), b = got.get(i);
            assertEquals(a.length, b.length, what + " " + names[i]);
            double scale = 0;
            for (double v : a) scale = Math.max(scale, Math.abs(v));
            for (int j = 0; j < a.length; j++) {
                if (Math.abs(a[j] - b[j]) > rel * scale)
                    fail(what + " " + names[i] + "[" + j + "]: " + a[j] + " vs " + b[j]);
            }
        }
    }

    private static void check(DType dt, Boundary b, int[] shape, double h, int m) {
        Tensor x = Tensor.randn(21L, shape).to(dt);
        Tensor theta = Tensor.scalar(Width.SOFTPLUS.theta(0.8 * m * h));
        Window win = Window.line(h, m);
        int spatial = shape.length - 2;
        Function<Var[], Var> fused = v -> MollifierConv.applyAlong(
                v[0], SampledKernel.weights(Width.SOFTPLUS.delta(v[1]), KernelFamily.bump(), win), spatial - 1, b);
        int[] ks = new int[spatial];
        java.util.Arrays.fill(ks, 1);
        ks[spatial - 1] = 2 * m + 1;
        Function<Var[], Var> unfused = v -> MollifierConv.correlate(
                b.pad(v[0], shape.length - 1, m),
                SampledKernel.weights(Width.SOFTPLUS.delta(v[1]), KernelFamily.bump(), win)
                        .reshape(ks));
        compare(
                dt + " " + b + " " + java.util.Arrays.toString(shape),
                run(unfused, x, theta),
                run(fused, x, theta),
                dt == DType.F64 ? 1e-12 : 2e-5);
    }

    @Test
    void foldedGradientsEqualTheUnfusedPair() {
        for (DType dt : new DType[] {DType.F64, DType.F32}) {
            for (Boundary b : new Boundary[] {Boundary.ZERO, Boundary.REFLECT, Boundary.REPLICATE, Boundary.PERIODIC}) {
                check(dt, b, new int[] {2, 3, 50}, 0.02, 4);
                check(dt, b, new int[] {1, 1, 6}, 0.1, 5); // field barely longer than the halo
                check(dt, b, new int[] {1, 2, 4, 37}, 0.03, 3); // 2-D field, kernel along the last axis
                check(dt, b, new int[] {3, 1, 3000}, 0.001, 25); // several segments per row
            }
        }
    }

    @Test
    void theFftPathFallsBackToTheUnfusedRule() {
        int prev = Crossover.setMinFftTaps(1);
        try {
            for (Boundary b : new Boundary[] {Boundary.REFLECT, Boundary.PERIODIC})
                check(DType.F64, b, new int[] {2, 1, 40}, 0.02, 5);
        } finally {
            Crossover.setMinFftTaps(prev);
        }
    }
}
