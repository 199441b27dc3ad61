package dev.mollify.pde.forward;

import java.util.function.DoubleBinaryOperator;

/** A function of {@code (x, y)} with a description recorded alongside the data. */
public record Profile2D(String description, DoubleBinaryOperator f) {
    /** Checks that the description and function are non-null. */
    public Profile2D {
        Checks.notNull("description", description);
        Checks.notNull("f", f);
    }

    /** The value f(x, y). */
    public double at(double x, double y) {
        return f.applyAsDouble(x, y);
    }

    /** A constant field. */
    public static Profile2D constant(String name, double c) {
        return new Profile2D(name + " = " + c, (x, y) -> c);
    }

    /** Samples on the grid, layout [y][x]: {@code v[i * x.length + j] = f(x[j], y[i])}. */
    public double[] sample(double[] x, double[] y) {
        double[] v = new double[x.length * y.length];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < x.length; j++) {
                v[i * x.length + j] = f.applyAsDouble(x[j], y[i]);
            }
        }
        return v;
    }
}
