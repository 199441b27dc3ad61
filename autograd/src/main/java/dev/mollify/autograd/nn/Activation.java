package dev.mollify.autograd.nn;

import dev.mollify.autograd.Var;

/**
 * Elementwise activations, applied with {@link Var} operations (so they differentiate to any order).
 * Smooth ones only: PINN losses take second and higher derivatives of the network, which ReLU would
 * make zero.
 */
public enum Activation {
    /** tanh(x). */
    TANH,
    /** sin(x) (SIREN-style networks; pair with a suitably scaled init). */
    SIN,
    /** ln(1 + eˣ). */
    SOFTPLUS,
    /** GELU, tanh approximation (see {@link Var#gelu()}). */
    GELU,
    /** x (no activation). */
    IDENTITY;

    /**
     * Applies the activation elementwise.
     *
     * @param x the pre-activations, any shape
     * @return σ(x) of the same shape, differentiable to any order
     */
    public Var apply(Var x) {
        switch (this) {
            case TANH:
                return x.tanh();
            case SIN:
                return x.sin();
            case SOFTPLUS:
                return x.softplus();
            case GELU:
                return x.gelu();
            case IDENTITY:
                return x;
            default:
                throw new AssertionError(this);
        }
    }
}
