package dev.mollify.mollifier;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;

/**
 * How a learnable width stays positive: δ = exp(θ) or δ = softplus(θ) = ln(1 + e^θ) of an
 * unconstrained parameter θ (docs/math.md, "Width gradient": never clamp — a clamp kills the gradient). Both are smooth and
 * strictly positive; exp makes steps relative (good when δ spans decades), softplus is near-linear
 * for large θ.
 */
public enum Width {
    /** δ = exp(θ). */
    EXP,
    /** δ = softplus(θ) = ln(1 + e^θ). */
    SOFTPLUS;

    /**
     * The width δ(θ), differentiable in θ: dδ/dθ = e^θ = δ for {@link #EXP}, the logistic
     * 1/(1 + e^{−θ}) for {@link #SOFTPLUS}.
     *
     * @param theta the unconstrained parameter θ (any shape; usually a scalar)
     * @return δ(θ) elementwise, in the physical units the width was given in; strictly positive
     */
    public Var delta(Var theta) {
        return this == EXP ? theta.exp() : theta.softplus();
    }

    /**
     * The inverse map: θ with δ(θ) = delta, ln δ for {@link #EXP} and ln(e^δ − 1) for
     * {@link #SOFTPLUS} (δ itself above 30, where the two agree to double precision).
     *
     * @param delta the width δ, positive and finite (physical units)
     * @return θ
     * @throws IllegalArgumentException when δ is not positive or not finite
     */
    public double theta(double delta) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("initial width must be > 0 and finite, got " + delta);
        }
        return this == EXP ? Math.log(delta) : (delta > 30 ? delta : Math.log(Math.expm1(delta)));
    }

    /**
     * A fresh trainable scalar θ = {@link #theta(double) theta(δ₀)}, so that {@link #delta(Var)} starts
     * at δ₀.
     *
     * @param delta0 the initial width δ₀, positive and finite (physical units)
     * @return a 0-dimensional F64 parameter holding θ
     * @throws IllegalArgumentException when δ₀ is not positive or not finite
     */
    public Var parameter(double delta0) {
        return Var.param(Tensor.scalar(theta(delta0)));
    }
}
