package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The convolution, padding and fold draw their outputs from a {@link Workspace} without clearing them:
 * inside a scope whose recycled arrays are NaN-poisoned, forward, input and width gradients and a
 * second-order gradient equal the plain results bit for bit, for every boundary mode, 1-D and 2-D,
 * F32 and F64, direct and FFT. A cell a backend failed to write would read NaN.
 */
class WorkspaceConvolutionTest {

    /** y, ∂(Σ y·r)/∂x, ∂/∂θ, and ∂/∂θ of Σ (∂/∂x)² (second order), flattened. */
    private static List<double[]> run(Function<Var[], Var> f, Tensor x0, Tensor theta0, long seed) {
        Var x = Var.param(x0), theta = Var.param(theta0);
        Var y = f.apply(new Var[] {x, theta});
        Var r = Var.constant(Tensor.randn(seed, y.shape()).to(y.dtype()));
        List<Var> g = Autograd.grad(List.of(y.mul(r).sum()), List.of(x, theta), null, true, true, false);
        Var second = Autograd.grad(List.of(g.get(0).mul(g.get(0)).sum()), List.of(theta), null, false, false, false)
                .get(0);
        List<double[]> out = new ArrayList<>();
        for (Var v : new Var[] {y, g.get(0), g.get(1), second})
            out.add(v.value().toDoubleArray());
        return out;
    }

    private static void check(String what, Function<Var[], Var> f, Tensor x, Tensor theta) {
        List<double[]> plain = run(f, x, theta, 3L);
        Workspace ws = new Workspace();
        boolean before = Workspace.setPoisonOnRecycle(true);
        try {
            for (int iter = 0; iter < 2; iter++) { // the second iteration runs on recycled, NaN-filled arrays
                try (Workspace.Scope s = ws.enter()) {
                    List<double[]> got = run(f, x, theta, 3L);
                    for (int i = 0; i < plain.size(); i++)
                        assertArrayEquals(plain.get(i), got.get(i), 0.0, what + " output " + i + " iteration " + iter);
                }
            }
        } finally {
            Workspace.setPoisonOnRecycle(before);
        }
    }

    @Test
    void everyBoundaryModeDimensionAndPrecision() {
        for (DType dt : new DType[] {DType.F64, DType.F32}) {
            Tensor theta = Tensor.scalar(Width.SOFTPLUS.theta(0.07));
            for (Boundary b : Boundary.values()) {
                Tensor x1 = Tensor.randn(11L, 2, 3, b.crops() ? 40 : 33).to(dt);
                check(
                        dt + " 1-D " + b,
                        v -> MollifierConv.apply(
                                v[0],
                                SampledKernel.weights(
                                        Width.SOFTPLUS.delta(v[1]), KernelFamily.bump(), Window.line(0.02, 4)),
                                b),
                        x1,
                        theta);
                Tensor x2 = Tensor.randn(12L, 1, 2, b.crops() ? 14 : 9, b.crops() ? 15 : 10)
                        .to(dt);
                check(
                        dt + " 2-D " + b,
                        v -> {
                            Var d = Width.SOFTPLUS.delta(v[1]);
                            Var[] per = {
                                SampledKernel.weights(d, KernelFamily.bump(), Window.line(0.05, 2)),
                                SampledKernel.weights(d, KernelFamily.bump(), Window.line(0.04, 3))
                            };
                            return MollifierConv.applySeparable(v[0], per, b);
                        },
                        x2,
                        theta);
            }
        }
    }

    @Test
    void theFftPathToo() {
        int prev = Crossover.setMinFftTaps(1);
        try {
            for (DType dt : new DType[] {DType.F64, DType.F32}) {
                Tensor theta = Tensor.scalar(Width.SOFTPLUS.theta(0.07));
                for (Boundary b : new Boundary[] {Boundary.VALID, Boundary.REFLECT, Boundary.ZERO}) {
                    Tensor x = Tensor.randn(13L, 2, 1, b.crops() ? 60 : 50).to(dt);
                    check(
                            dt + " FFT " + b,
                            v -> MollifierConv.apply(
                                    v[0],
                                    SampledKernel.weights(
                                            Width.SOFTPLUS.delta(v[1]), KernelFamily.bump(), Window.line(0.02, 5)),
                                    b),
                            x,
                            theta);
                }
            }
        } finally {
            Crossover.setMinFftTaps(prev);
        }
    }
}
