package dev.mollify.pde.spec;

import java.util.Objects;

/**
 * An unknown scalar of the PDE (a coefficient to be identified), with its initial guess.
 *
 * <p>A {@code positive} unknown is trained through an unconstrained parameter θ with
 * {@code value = softplus(θ) = ln(1 + e^θ)}: it is positive for every θ, never clamped, and (unlike
 * {@code exp}) its gradient does not grow with the value. The initial θ is
 * {@code softplus⁻¹(initial) = ln(e^initial − 1)}, so {@code value} starts exactly at the guess.
 * A plain unknown is trained directly: {@code value = θ}.
 *
 * @param name     the name used in the text
 * @param initial  the initial guess (finite; &gt; 0 when positive)
 * @param positive whether the value is kept positive by the softplus parameterisation
 */
public record Unknown(String name, double initial, boolean positive) {
    /**
     * Checks that the name is non-null and the initial guess finite (and &gt; 0 when positive).
     *
     * @param name the name used in the text
     * @param initial the initial guess (finite; &gt; 0 when positive)
     * @param positive whether the value is kept positive by the softplus parameterisation
     * @throws IllegalArgumentException when the guess is not finite, or not &gt; 0 for a positive unknown
     * @throws NullPointerException when the name is null
     */
    public Unknown {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(initial)) {
            throw new IllegalArgumentException(
                    "the initial guess of unknown '" + name + "' must be finite, got " + initial);
        }
        if (positive && !(initial > 0)) {
            throw new IllegalArgumentException(
                    "unknown '" + name + "' is declared positive, so its initial guess must be > 0, got " + initial
                            + " (use .unknown(\"" + name + "\", " + initial + ") for a value of any sign)");
        }
    }

    /**
     * The raw parameter θ that gives {@link #initial()}.
     *
     * @return θ = initial, or softplus⁻¹(initial) = ln(e^initial − 1) when positive
     */
    public double initialParameter() {
        return positive ? inverseSoftplus(initial) : initial;
    }

    /**
     * The physical value of a raw parameter θ.
     *
     * @param theta the raw parameter θ, any real number
     * @return θ, or softplus(θ) = ln(1 + e^θ) &gt; 0 when positive
     */
    public double valueOf(double theta) {
        return positive ? softplus(theta) : theta;
    }

    /** ln(1 + eˣ), computed without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** ln(eʸ − 1) for y &gt; 0, computed without overflow or cancellation: y + ln(1 − e^−y). */
    static double inverseSoftplus(double y) {
        return y + Math.log(-Math.expm1(-y));
    }
}
