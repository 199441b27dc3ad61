package dev.mollify.pde.forward;

import java.util.function.DoubleBinaryOperator;

/**
 * A function of {@code (x, y)} with a description recorded alongside the data.
 *
 * @param description the function in words or as a formula, written into the data's description
 * @param f           the function itself, (x, y) ↦ f(x, y)
 */
public record Profile2D(String description, DoubleBinaryOperator f) {
    /**
     * Checks that the description and function are non-null.
     *
     * @param description the function in words, not null
     * @param f           the function, not null
     * @throws IllegalArgumentException when {@code description} or {@code f} is null
     */
    public Profile2D {
        Checks.notNull("description", description);
        Checks.notNull("f", f);
    }

    /**
     * The value f(x, y).
     *
     * @param x the first coordinate
     * @param y the second coordinate
     * @return f(x, y)
     */
    public double at(double x, double y) {
        return f.applyAsDouble(x, y);
    }

    /**
     * A constant field.
     *
     * @param name the field's name; the description reads {@code name + " = " + c}
     * @param c    the value at every point
     * @return the profile (x, y) ↦ c
     */
    public static Profile2D constant(String name, double c) {
        return new Profile2D(name + " = " + c, (x, y) -> c);
    }

    /**
     * Samples on the grid, layout [y][x]: {@code v[i * x.length + j] = f(x[j], y[i])}.
     *
     * @param x the x coordinates (fastest axis)
     * @param y the y coordinates (slowest axis)
     * @return a new array of length {@code x.length · y.length}, row-major [y][x]
     */
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
