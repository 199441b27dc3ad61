package dev.mollify.pde.forward;

import java.util.function.DoubleUnaryOperator;

/**
 * A function of one variable with a description that is recorded alongside the data
 * (e.g. {@code "u0(x) = -sin(pi x)"}).
 */
public record Profile(String description, DoubleUnaryOperator f) {
    /** Checks that the description and function are non-null. */
    public Profile {
        Checks.notNull("description", description);
        Checks.notNull("f", f);
    }

    /** The value f(x). */
    public double at(double x) {
        return f.applyAsDouble(x);
    }

    /** Samples at every point of {@code x}. */
    public double[] sample(double[] x) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = f.applyAsDouble(x[i]);
        }
        return v;
    }
}
