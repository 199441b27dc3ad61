package dev.mollify.pde.forward;

import java.util.function.DoubleUnaryOperator;

/**
 * A function of one variable with a description that is recorded alongside the data
 * (e.g. {@code "u0(x) = -sin(pi x)"}).
 *
 * @param description the function in words or as a formula, written into the data's description
 * @param f           the function itself, x ↦ f(x)
 */
public record Profile(String description, DoubleUnaryOperator f) {
    /**
     * Checks that the description and function are non-null.
     *
     * @param description the function in words, not null
     * @param f           the function, not null
     * @throws IllegalArgumentException when {@code description} or {@code f} is null
     */
    public Profile {
        Checks.notNull("description", description);
        Checks.notNull("f", f);
    }

    /**
     * The value f(x).
     *
     * @param x the point
     * @return f(x)
     */
    public double at(double x) {
        return f.applyAsDouble(x);
    }

    /**
     * Samples at every point of {@code x}.
     *
     * @param x the points
     * @return a new array with {@code v[i] = f(x[i])}, of the length of {@code x}
     */
    public double[] sample(double[] x) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = f.applyAsDouble(x[i]);
        }
        return v;
    }
}
