package dev.mollify.mollifier;

import dev.mollify.autograd.GradCheck;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * gradcheck and gradgradcheck of the convolution primitive, to the input and to the width, for every
 * boundary mode, 1-D and 2-D, F64.
 */
class ConvolutionGradTest {
    static final GradCheck.Options OPTS = new GradCheck.Options(1e-6, 1e-7, 1e-5);

    /** y = apply(x, w(δ(θ))) projected on fixed random weights so the check sees every output. */
    static Function<List<Var>, Var> smoothing1d(Boundary b, int order) {
        Window w = Window.line(0.1, 2);
        return xs -> {
            Var k = SampledKernel.weights(Width.SOFTPLUS.delta(xs.get(1)), KernelFamily.bump(), w);
            if (order > 0) k = DerivativeKernels.differences(k, order, 0.1, 1);
            return MollifierConv.apply(xs.get(0), k, b);
        };
    }

    static Function<List<Var>, Var> smoothing2d(Boundary b, boolean radial) {
        double[] h = {0.1, 0.08};
        int[] m = {2, 3};
        return xs -> {
            Var delta = Width.EXP.delta(xs.get(1));
            if (radial)
                return MollifierConv.apply(
                        xs.get(0), SampledKernel.weights(delta, KernelFamily.bump(), new Window(h, m)), b);
            Var[] per = {
                SampledKernel.weights(delta, KernelFamily.bump(), Window.line(h[0], m[0])),
                SampledKernel.weights(delta, KernelFamily.bump(), Window.line(h[1], m[1]))
            };
            return MollifierConv.applySeparable(xs.get(0), per, b);
        };
    }

    @Test
    void oneDimensionalEveryBoundaryFirstAndSecondOrder() {
        Tensor theta = Tensor.scalar(Width.SOFTPLUS.theta(0.17));
        for (Boundary b : Boundary.values()) {
            Tensor x = Tensor.randn(11L, 1, 2, b.crops() ? 9 : 6);
            for (int order : new int[] {0, 1}) {
                GradCheck.gradcheck(smoothing1d(b, order), OPTS, x, theta);
                GradCheck.gradgradcheck(smoothing1d(b, order), OPTS, 5L, x, theta);
            }
        }
    }

    @Test
    void theFftPathHasTheSameDerivatives() {
        int prev = Crossover.setMinFftTaps(1); // every one-axis kernel through JTransforms, gradients included
        try {
            Tensor theta = Tensor.scalar(Width.SOFTPLUS.theta(0.17));
            for (Boundary b : new Boundary[] {Boundary.VALID, Boundary.REFLECT}) {
                Tensor x = Tensor.randn(17L, 1, 2, b.crops() ? 9 : 6);
                GradCheck.gradcheck(smoothing1d(b, 2), OPTS, x, theta);
                GradCheck.gradgradcheck(smoothing1d(b, 2), OPTS, 8L, x, theta);
            }
        } finally {
            Crossover.setMinFftTaps(prev);
        }
    }

    @Test
    void twoDimensionalEveryBoundaryFirstAndSecondOrder() {
        Tensor theta = Tensor.scalar(Math.log(0.19));
        for (Boundary b : Boundary.values()) {
            Tensor x = Tensor.randn(12L, 1, 1, b.crops() ? 7 : 5, b.crops() ? 9 : 5);
            GradCheck.gradcheck(smoothing2d(b, false), OPTS, x, theta);
            GradCheck.gradgradcheck(smoothing2d(b, false), OPTS, 6L, x, theta);
        }
        Tensor x = Tensor.randn(13L, 1, 1, 5, 5);
        GradCheck.gradcheck(smoothing2d(Boundary.REFLECT, true), OPTS, x, theta);
        GradCheck.gradgradcheck(smoothing2d(Boundary.PERIODIC, true), OPTS, 7L, x, theta);
    }

    @Test
    void primitivesWithAFreeKernelThirdOrder() {
        // the kernel itself as an input: the rules call each other, so third derivatives exist too
        Tensor x = Tensor.randn(21L, 2, 1, 7);
        Tensor w = Tensor.randn(22L, 3);
        GradCheck.gradcheck(xs -> MollifierConv.correlate(xs.get(0), xs.get(1)), OPTS, x, w);
        GradCheck.gradgradcheck(xs -> MollifierConv.correlate(xs.get(0), xs.get(1)), OPTS, 1L, x, w);
        Tensor g = Tensor.randn(23L, 2, 1, 5);
        GradCheck.gradcheck(xs -> MollifierConv.tapCorrelate(xs.get(0), xs.get(1)), OPTS, x, g);
        GradCheck.gradgradcheck(xs -> MollifierConv.tapCorrelate(xs.get(0), xs.get(1)), OPTS, 2L, x, g);
        // grad of grad of grad: gradgradcheck of the first-order backward
        Tensor v = Tensor.randn(24L, 2, 1, 5);
        Function<List<Var>, Var> backward = xs -> {
            Var y = MollifierConv.correlate(xs.get(0), xs.get(1));
            List<Var> gr =
                    dev.mollify.autograd.Autograd.grad(List.of(y), xs, List.of(Var.constant(v)), true, true, true);
            if (gr.get(0) == null)
                return Var.constant(Tensor.zeros(14 + 3)); // gradgradcheck's shape probe runs without grad
            return Var.concat(0, gr.get(0).flatten(), gr.get(1).flatten());
        };
        GradCheck.gradgradcheck(backward, OPTS, 3L, x, w);
    }
}
