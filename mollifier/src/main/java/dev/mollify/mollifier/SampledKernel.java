package dev.mollify.mollifier;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;

/**
 * A profile sampled in a {@link Window} at width δ (physical units), normalised, with its analytic
 * derivative in δ (docs/math.md, "Width gradient").
 *
 * <p><b>Layout.</b> {@link #taps()} are the correlation weights W_j = h^d·η_δ(x_j), row-major over
 * {@link Window#shape()}, tap offsets −M..M per axis; they sum to 1 (h^d·Σ η = 1). With
 * s_j = φ(|x_j|/δ): W_j = s_j/Σ_k s_k, and ∂W_j/∂δ = W_j·(a_j − Σ_k W_k a_k) with
 * a_j = (∂φ/∂δ)/φ from {@link KernelFamily#widthLogDerivative}. That formula ignores samples entering
 * or leaving the support as δ moves (a measure-zero event, and harmless for the C^∞ bump whose
 * profile vanishes to all orders there).
 *
 * @param family the profile φ
 * @param window the taps' grid: spacing h and half-width M per axis
 * @param delta the width δ the taps were sampled at, in the units of the window's spacing
 * @param taps  W_j, summing to 1
 * @param dTaps ∂W_j/∂δ, summing to 0, in 1/(units of δ)
 */
public record SampledKernel(KernelFamily family, Window window, double delta, double[] taps, double[] dTaps) {

    /**
     * Samples {@code family} at width δ: W_j = s_j/Σ_k s_k with s_j = φ(|x_j|/δ), and
     * ∂W_j/∂δ = W_j·(a_j − Σ_k W_k a_k) (docs/math.md, "Width gradient"), all in double.
     *
     * @param family the profile φ
     * @param window the taps' grid; a several-axis window samples the radial profile φ(|x|/δ)
     * @param delta the width δ, in the units of the window's spacing
     * @return the sampled kernel, taps and width derivative row-major over the window's shape
     * @throws IllegalArgumentException when δ is degenerate for the window (see {@link Window#checkWidth})
     */
    public static SampledKernel sample(KernelFamily family, Window window, double delta) {
        window.checkWidth(delta);
        double[] d = window.distances();
        double[] w = new double[d.length];
        double[] a = new double[d.length];
        double sum = 0;
        for (int j = 0; j < d.length; j++) {
            double r = d[j] / delta;
            w[j] = family.phi(r);
            a[j] = w[j] == 0 ? 0 : family.widthLogDerivative(r, delta);
            sum += w[j];
        }
        double mean = 0;
        for (int j = 0; j < d.length; j++) {
            w[j] /= sum;
            mean += w[j] * a[j];
        }
        double[] dw = new double[d.length];
        for (int j = 0; j < d.length; j++) dw[j] = w[j] * (a[j] - mean);
        return new SampledKernel(family, window, delta, w, dw);
    }

    /**
     * The taps W as a tensor, ready to pass as a correlation kernel.
     *
     * @return a new F64 tensor of the window's shape
     */
    public Tensor tapsTensor() {
        return Tensor.of(taps.clone(), window.shape());
    }

    /**
     * The width derivative ∂W/∂δ as a tensor.
     *
     * @return a new F64 tensor of the window's shape
     */
    public Tensor dTapsTensor() {
        return Tensor.of(dTaps.clone(), window.shape());
    }

    /**
     * The kernel's values as a density, η_δ(x_j) = W_j/h^d, which integrates to 1 on the grid.
     *
     * @return a new array, row-major over the window's shape, in 1/(units of h)^d
     */
    public double[] density() {
        double[] e = taps.clone();
        double v = window.cellVolume();
        for (int j = 0; j < e.length; j++) e[j] /= v;
        return e;
    }

    /**
     * The taps as a differentiable function of the width: a primitive whose value is
     * {@link #sample}'s and whose rule is that of docs/math.md, "Width gradient": ∂L/∂δ = Σ_j G_j·∂W_j/∂δ. When the backward records a
     * graph, the rule builds ∂W/∂δ from δ with {@link Var} operations (the support mask held fixed), so
     * second and higher derivatives in δ work; a plain first-order backward uses {@link #dTaps()} (the
     * same formula, evaluated once by {@link #sample}; the two agree to rounding).
     *
     * @param delta the width δ, a scalar (shape [] or [1]); usually {@link Width#delta} of a trained θ
     * @param family the profile φ
     * @param window the taps' grid
     * @return the taps W(δ), F64, of the window's shape
     * @throws IllegalArgumentException when δ is not a scalar or its value is degenerate for the window
     */
    public static Var weights(Var delta, KernelFamily family, Window window) {
        if (delta.value().numel() != 1)
            throw new IllegalArgumentException(
                    "the width must be a scalar, got shape " + java.util.Arrays.toString(delta.shape()));
        return weights(delta, sample(family, window, delta.value().toDoubleArray()[0]));
    }

    /** {@link #weights(Var, KernelFamily, Window)} for k, already sampled at δ's value. */
    static Var weights(Var delta, SampledKernel k) {
        return Autograd.record(
                "mollifierWeights", k.tapsTensor(), (out, g, needs) -> new Var[] {widthGradient(g, delta, k)}, delta);
    }

    /**
     * The rule of docs/math.md, "Width gradient", ∂L/∂δ = Σ_j G_j·∂W_j/∂δ for the gradient G (window-shaped, F64) on
     * the taps of k sampled at δ. A
     * first-order backward (no graph recorded) takes ∂W/∂δ as {@link #sample} computed it; one that records
     * a graph (for second and higher orders) builds the same formula from δ with Var operations.
     */
    static Var widthGradient(Var g, Var delta, SampledKernel k) {
        Var dw = Autograd.isGradEnabled()
                ? widthDerivative(delta, k.family, k.window, k.delta)
                : Var.constant(k.dTapsTensor());
        return g.mul(dw).sum().reshape(delta.shape());
    }

    /**
     * The taps [t0, t1) outside which every W_j (and so every ∂W_j/∂δ) is 0, in row-major tap order: for a
     * line window, the kernel's support.
     *
     * @return {t0, t1}; an empty range (t0 = t1) when every tap is 0
     */
    public int[] support() {
        return nonZeroRange(taps);
    }

    /** [first, last + 1) of the non-zero entries of t (an empty range when there are none). */
    static int[] nonZeroRange(double[] t) {
        int t0 = 0, t1 = t.length;
        while (t0 < t1 && t[t0] == 0) t0++;
        while (t1 > t0 && t[t1 - 1] == 0) t1--;
        return new int[] {t0, t1};
    }

    /** ∂W/∂δ written with Var operations, differentiable again in δ. */
    static Var widthDerivative(Var delta, KernelFamily family, Window window, double delta0) {
        Var[] p = profiles(delta, family, window, delta0);
        Var w = p[0], a = p[1];
        return w.mul(a.sub(w.mul(a).sum()));
    }

    /** {W, a} as Var expressions of δ. */
    private static Var[] profiles(Var delta, KernelFamily family, Window window, double delta0) {
        int[] shape = window.shape();
        double[] d = window.distances();
        double[] d2 = new double[d.length];
        double[] inside = new double[d.length];
        for (int j = 0; j < d.length; j++) {
            d2[j] = d[j] * d[j];
            inside[j] = d[j] < delta0 ? 1.0 : 0.0;
        }
        Tensor mask = Tensor.of(inside, shape);
        Var zero = Var.constant(Tensor.zeros(shape));
        Var dScalar = delta.reshape();
        // s = d²/δ², replaced by 0 outside the support so L(s) stays finite there
        Var s = Var.where(mask, Var.constant(Tensor.of(d2, shape)).div(dScalar.square()), zero);
        Var phi = Var.where(mask, family.logPhi(s).exp(), zero);
        Var w = phi.div(phi.sum());
        Var a = Var.where(mask, s.mul(family.logPhiSlope(s)).mul(-2.0).div(dScalar), zero);
        return new Var[] {w, a};
    }
}
