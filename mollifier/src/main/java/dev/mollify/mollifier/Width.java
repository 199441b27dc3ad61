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

    /** δ(θ) as a differentiable value. */
    public Var delta(Var theta) {
        return this == EXP ? theta.exp() : theta.softplus();
    }

    /** θ with δ(θ) = delta (δ &gt; 0). */
    public double theta(double delta) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("initial width must be > 0 and finite, got " + delta);
        }
        return this == EXP ? Math.log(delta) : (delta > 30 ? delta : Math.log(Math.expm1(delta)));
    }

    /** A fresh scalar parameter θ for the initial width δ₀. */
    public Var parameter(double delta0) {
        return Var.param(Tensor.scalar(theta(delta0)));
    }
}
