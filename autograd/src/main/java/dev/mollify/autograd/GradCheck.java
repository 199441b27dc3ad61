package dev.mollify.autograd;

import dev.mollify.tensor.DType;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Shapes;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Checks a function's derivatives against central differences, like {@code torch.autograd.gradcheck}.
 *
 * <p>{@link #gradcheck} compares the full Jacobian from the backward pass with
 * {@code (f(x+ε·e_k) − f(x−ε·e_k)) / 2ε} element by element; {@link #gradgradcheck} does the same for
 * the function {@code x ↦ vᵀ·∂f/∂x} (fixed random {@code v}), i.e. it checks the derivative of the
 * backward pass itself. Both need F64 inputs and throw {@link GradCheckException} naming the worst
 * mismatch.
 */
public final class GradCheck {
    /**
     * Tolerances: pass when |analytic − numeric| ≤ atol + rtol·|numeric| everywhere.
     *
     * @param eps the central-difference step ε added to and subtracted from each input element, &gt; 0
     * @param atol the absolute tolerance, ≥ 0
     * @param rtol the tolerance relative to the numerical derivative, ≥ 0
     */
    public record Options(double eps, double atol, double rtol) {
        /**
         * Checks that eps &gt; 0, atol ≥ 0 and rtol ≥ 0.
         *
         * @param eps the central-difference step, &gt; 0
         * @param atol the absolute tolerance, ≥ 0
         * @param rtol the relative tolerance, ≥ 0
         * @throws IllegalArgumentException when a value is out of range (or NaN)
         */
        public Options {
            if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
                throw new IllegalArgumentException(
                        "gradcheck options need eps > 0, atol >= 0, rtol >= 0; got " + eps + ", " + atol + ", " + rtol);
            }
        }

        /**
         * PyTorch's defaults: ε = 1e-6, atol = 1e-5, rtol = 1e-3.
         *
         * @return options holding those values
         */
        public static Options defaults() {
            return new Options(1e-6, 1e-5, 1e-3);
        }
    }

    /** Raised when analytic and numerical derivatives disagree. */
    public static final class GradCheckException extends RuntimeException {
        GradCheckException(String message) {
            super(message);
        }
    }

    private GradCheck() {}

    /**
     * {@link #gradcheck(Function, Options, Tensor...)} with default tolerances.
     *
     * @param f the function under test; gets one {@link Var#param} per input, in order, and must return an F64 Var
     * @param inputs the point to check at: at least one F64 tensor
     * @throws GradCheckException when an analytic derivative misses the numerical one
     * @throws IllegalArgumentException when there is no input, or an input or the output is not F64
     */
    public static void gradcheck(Function<List<Var>, Var> f, Tensor... inputs) {
        gradcheck(f, Options.defaults(), inputs);
    }

    /**
     * Checks first derivatives of {@code f} at {@code inputs}; throws on a mismatch.
     *
     * @param f the function under test; gets one {@link Var#param} per input, in order, and must return an F64 Var
     * @param options the step ε and tolerances
     * @param inputs the point to check at: at least one F64 tensor; f is evaluated 2·numel more times per input
     * @throws GradCheckException when an analytic derivative misses the numerical one, or f is not finite near the point
     * @throws IllegalArgumentException when there is no input, or an input or the output is not F64
     */
    public static void gradcheck(Function<List<Var>, Var> f, Options options, Tensor... inputs) {
        validate(inputs);
        List<Var> params = params(inputs);
        Var out = f.apply(params);
        if (out.dtype() != DType.F64)
            throw new IllegalArgumentException("gradcheck needs an F64 output, got " + out.dtype());
        int outN = out.value().numel();
        int[] outShape = out.shape();
        // analytic Jacobian, one backward pass per output element
        double[][][] analytic = new double[inputs.length][][];
        for (int i = 0; i < inputs.length; i++) analytic[i] = new double[outN][inputs[i].numel()];
        for (int j = 0; j < outN; j++) {
            double[] e = new double[outN];
            e[j] = 1.0;
            List<Var> g = out.requiresGrad()
                    ? Autograd.grad(
                            List.of(out), params, List.of(Var.constant(Tensor.of(e, outShape))), false, true, true)
                    : nulls(inputs.length);
            for (int i = 0; i < inputs.length; i++) {
                if (g.get(i) != null) analytic[i][j] = g.get(i).value().toDoubleArray();
            }
        }
        // numerical Jacobian by central differences
        for (int i = 0; i < inputs.length; i++) {
            double[] x = inputs[i].toDoubleArray();
            for (int k = 0; k < x.length; k++) {
                double[] plus = evaluate(f, inputs, i, x, k, options.eps());
                double[] minus = evaluate(f, inputs, i, x, k, -options.eps());
                for (int j = 0; j < outN; j++) {
                    double numeric = (plus[j] - minus[j]) / (2 * options.eps());
                    double a = analytic[i][j][k];
                    if (!Double.isFinite(numeric)) {
                        throw new GradCheckException("numerical derivative is not finite (" + numeric + ") for input "
                                + i
                                + " element " + k + ", output element " + j + ": f is not finite near the input; "
                                + "check the input (NaN/Inf?) or move away from a singularity");
                    }
                    if (!(Math.abs(a - numeric) <= options.atol() + options.rtol() * Math.abs(numeric))) {
                        throw new GradCheckException(
                                "gradcheck failed for input " + i + " " + Shapes.str(inputs[i].shape())
                                        + " at flat index " + k + ", output element " + j + ": analytic " + a
                                        + ", numerical " + numeric
                                        + " (|diff| " + Math.abs(a - numeric) + " > atol " + options.atol() + " + rtol "
                                        + options.rtol()
                                        + "·|numerical|)");
                    }
                }
            }
        }
    }

    /**
     * {@link #gradgradcheck(Function, Options, long, Tensor...)} with default tolerances and seed 0.
     *
     * @param f the function under test, as for {@link #gradcheck}; its backward must be differentiable
     * @param inputs the point to check at: at least one F64 tensor
     * @throws GradCheckException when a second derivative misses the numerical one
     */
    public static void gradgradcheck(Function<List<Var>, Var> f, Tensor... inputs) {
        gradgradcheck(f, Options.defaults(), 0L, inputs);
    }

    /**
     * Checks second derivatives: runs {@link #gradcheck} on {@code x ↦ flatten(vᵀ ∂f/∂x)} for a random
     * output gradient {@code v} drawn from {@code seed}.
     *
     * @param f the function under test, as for {@link #gradcheck}; its backward must be differentiable
     * @param options the step ε and tolerances
     * @param seed the seed of the random output gradient v (standard normal)
     * @param inputs the point to check at: at least one F64 tensor
     * @throws GradCheckException when a second derivative misses the numerical one
     * @throws IllegalArgumentException when there is no input or an input is not F64
     */
    public static void gradgradcheck(Function<List<Var>, Var> f, Options options, long seed, Tensor... inputs) {
        validate(inputs);
        Var probe;
        try (Autograd.Scope s = Autograd.noGrad()) {
            probe = f.apply(params(inputs));
        }
        Tensor v = Tensor.randn(new Rng(seed), probe.shape());
        Function<List<Var>, Var> backwardOf = xs -> {
            Var out = f.apply(xs);
            List<Var> g = out.requiresGrad()
                    ? Autograd.grad(List.of(out), xs, List.of(Var.constant(v)), true, true, true)
                    : nulls(xs.size());
            List<Var> flat = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                Var gi = g.get(i);
                flat.add(
                        gi == null ? Var.constant(Tensor.zeros(xs.get(i).value().numel())) : gi.flatten());
            }
            return Var.concat(0, flat);
        };
        gradcheck(backwardOf, options, inputs);
    }

    private static List<Var> nulls(int n) {
        List<Var> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(null);
        return l;
    }

    private static void validate(Tensor[] inputs) {
        if (inputs.length == 0) throw new IllegalArgumentException("gradcheck needs at least one input");
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dtype() != DType.F64) {
                throw new IllegalArgumentException(
                        "gradcheck needs F64 inputs (central differences in F32 are too coarse); input " + i + " is "
                                + inputs[i].dtype() + ": pass input.to(DType.F64)");
            }
            if (!inputs[i].allFinite()) {
                throw new IllegalArgumentException("gradcheck input " + i + " " + Shapes.str(inputs[i].shape())
                        + " contains NaN or Inf; derivatives cannot be checked there");
            }
        }
    }

    private static List<Var> params(Tensor[] inputs) {
        List<Var> ps = new ArrayList<>();
        for (Tensor t : inputs) ps.add(Var.param(t));
        return ps;
    }

    private static double[] evaluate(
            Function<List<Var>, Var> f, Tensor[] inputs, int which, double[] x, int k, double delta) {
        double[] shifted = Arrays.copyOf(x, x.length);
        shifted[k] += delta;
        Tensor[] in = inputs.clone();
        in[which] = Tensor.of(shifted, inputs[which].shape());
        // inputs stay differentiable: gradgradcheck's function takes a gradient inside
        return f.apply(params(in)).value().toDoubleArray();
    }
}
