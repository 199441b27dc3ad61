package dev.mollify.pde.forward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A field sampled on a tensor-product grid, with the parameters that produced it. Immutable: the
 * arrays are copied in and copied out.
 *
 * <p><b>Layout.</b> {@code axes.get(a)} holds the coordinates of axis {@code a}; {@code values} is
 * row-major over the axes <i>in the order listed</i>, the first axis slowest. Time-dependent 1-D
 * problems list {@code ("t", "x")}: {@code u(t_i, x_j) = values[i * nx + j]}. Steady 2-D problems
 * list {@code ("y", "x")}: {@code u(x_j, y_i) = values[i * nx + j]}. One-axis fields (Langevin)
 * list {@code ("t")}.
 *
 * <p>The CSV/long-table form ({@link #toPoints()}) writes the axes fastest first, then the value,
 * so its columns read {@code x,t,u} or {@code x,y,u}.
 *
 * @param problem     short problem name, e.g. {@code "burgers"}
 * @param valueName   name of the value column, e.g. {@code "u"} or {@code "phi_d"}
 * @param axisNames   axis names, slowest first
 * @param axes        coordinates per axis, slowest first
 * @param values      values, row-major, length = product of the axis lengths
 * @param parameters  scalar parameters and diagnostics (ordered as inserted)
 * @param description the non-scalar inputs in words (initial data, coefficient fields, method)
 */
public record GridField(
        String problem,
        String valueName,
        List<String> axisNames,
        List<double[]> axes,
        double[] values,
        Map<String, Double> parameters,
        String description) {

    /**
     * Checks one axis name per axis and {@code values.length} = product of the axis lengths, and
     * copies everything in. A null description becomes the empty string.
     *
     * @param problem     short problem name, not null
     * @param valueName   name of the value column, not null
     * @param axisNames   axis names, slowest first, one per axis
     * @param axes        coordinates per axis, slowest first, at least one axis
     * @param values      values, row-major, length = product of the axis lengths
     * @param parameters  scalar parameters and diagnostics, copied in insertion order
     * @param description the non-scalar inputs in words, or null
     * @throws IllegalArgumentException when {@code problem} or {@code valueName} is null, there are no
     *     axes or not one name per axis, or {@code values.length} is not the product of the axis lengths
     */
    public GridField {
        Checks.notNull("problem", problem);
        Checks.notNull("valueName", valueName);
        if (axisNames.size() != axes.size() || axes.isEmpty()) {
            throw new IllegalArgumentException("axisNames (" + axisNames.size() + ") and axes (" + axes.size()
                    + ") must have the same non-zero length");
        }
        long n = 1;
        List<double[]> copies = new ArrayList<>();
        for (double[] a : axes) {
            n *= a.length;
            copies.add(a.clone());
        }
        if (n != values.length) {
            throw new IllegalArgumentException(
                    "values.length = " + values.length + " must equal the product of the axis lengths = " + n);
        }
        axisNames = List.copyOf(axisNames);
        axes = Collections.unmodifiableList(copies);
        values = values.clone();
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        description = description == null ? "" : description;
    }

    /**
     * Copy of the coordinates of axis {@code a} (slowest first).
     *
     * @param a the axis index, 0 for the slowest
     * @return a new array of the axis's coordinates
     */
    public double[] axis(int a) {
        return axes.get(a).clone();
    }

    /**
     * Copy of the coordinates of the named axis.
     *
     * @param name the axis name, e.g. {@code "x"}
     * @return a new array of the axis's coordinates
     * @throws IllegalArgumentException when no axis has that name
     */
    public double[] axis(String name) {
        int a = axisNames.indexOf(name);
        if (a < 0) {
            throw new IllegalArgumentException("no axis named '" + name + "'; axes are " + axisNames);
        }
        return axis(a);
    }

    /**
     * A list of copies, so that nobody can change this field through it.
     *
     * @return the coordinates of each axis, slowest first, each array a fresh copy
     */
    @Override
    public List<double[]> axes() {
        List<double[]> out = new ArrayList<>();
        for (double[] a : axes) {
            out.add(a.clone());
        }
        return out;
    }

    /**
     * Copy of the values (row-major, see the class comment).
     *
     * @return a new array of length {@link #size()}
     */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Internal view, never handed out. */
    double[] raw() {
        return values;
    }

    /**
     * Lengths of the axes, slowest first.
     *
     * @return e.g. {@code {nt, nx}} for a {@code ("t", "x")} field
     */
    public int[] shape() {
        int[] s = new int[axes.size()];
        for (int a = 0; a < s.length; a++) {
            s[a] = axes.get(a).length;
        }
        return s;
    }

    /**
     * Number of values.
     *
     * @return the product of the axis lengths
     */
    public int size() {
        return values.length;
    }

    /**
     * Value at grid index {@code (i0, i1, ...)}, slowest axis first.
     *
     * @param index one index per axis, slowest first
     * @return the value at that node
     * @throws IllegalArgumentException when the number of indices is not the number of axes
     * @throws IndexOutOfBoundsException when an index is outside its axis
     */
    public double at(int... index) {
        int[] s = shape();
        if (index.length != s.length) {
            throw new IllegalArgumentException("expected " + s.length + " indices, got " + index.length);
        }
        int flat = 0;
        for (int a = 0; a < s.length; a++) {
            if (index[a] < 0 || index[a] >= s[a]) {
                throw new IndexOutOfBoundsException(
                        "index " + index[a] + " on axis " + axisNames.get(a) + " of length " + s[a]);
            }
            flat = flat * s[a] + index[a];
        }
        return values[flat];
    }

    /**
     * Value at flat (row-major) index.
     *
     * @param flat the row-major index, 0 ≤ flat &lt; size()
     * @return {@code values[flat]}
     */
    public double get(int flat) {
        return values[flat];
    }

    /**
     * Population standard deviation of all values (the scale for relative noise).
     *
     * @return {@link Stats#std(double[])} of the values
     */
    public double std() {
        return Stats.std(values);
    }

    /**
     * Recorded parameter, or an error naming the available ones.
     *
     * @param name the parameter's name, e.g. {@code "nu"} or {@code "solver.steps"}
     * @return its value
     * @throws IllegalArgumentException when no parameter of that name was recorded
     */
    public double parameter(String name) {
        Double v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; recorded: " + parameters.keySet());
        }
        return v;
    }

    /**
     * Same grid and metadata with new values and extra parameters/description appended.
     *
     * @param newValues        the new values, same layout and length as {@link #values()}
     * @param extraParameters  parameters added to (or replacing) the recorded ones
     * @param extraDescription text appended after {@code "; "}; null or empty leaves the description
     * @return a new field on the same grid
     * @throws IllegalArgumentException when {@code newValues} has the wrong length
     */
    public GridField withValues(double[] newValues, Map<String, Double> extraParameters, String extraDescription) {
        Map<String, Double> p = new LinkedHashMap<>(parameters);
        p.putAll(extraParameters);
        String d = extraDescription == null || extraDescription.isEmpty()
                ? description
                : description + (description.isEmpty() ? "" : "; ") + extraDescription;
        return new GridField(problem, valueName, axisNames, axes, newValues, p, d);
    }

    /**
     * Long table: one row per grid point, columns = axes fastest first, then the value
     * (e.g. {@code x,t,u}); rows in the order of {@code values}.
     *
     * @return a table of {@link #size()} rows and one column per axis plus the value, with the same
     *     parameters and description
     */
    public PointSet toPoints() {
        int d = axes.size();
        List<String> cols = new ArrayList<>();
        for (int a = d - 1; a >= 0; a--) {
            cols.add(axisNames.get(a));
        }
        cols.add(valueName);
        int[] s = shape();
        int c = d + 1;
        double[] data = new double[values.length * c];
        int[] idx = new int[d];
        for (int flat = 0; flat < values.length; flat++) {
            int rem = flat;
            for (int a = d - 1; a >= 0; a--) {
                idx[a] = rem % s[a];
                rem /= s[a];
            }
            for (int a = d - 1, col = 0; a >= 0; a--, col++) {
                data[flat * c + col] = axes.get(a)[idx[a]];
            }
            data[flat * c + d] = values[flat];
        }
        return new PointSet(problem, cols, data, parameters, description);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GridField g)) {
            return false;
        }
        if (!problem.equals(g.problem)
                || !valueName.equals(g.valueName)
                || !axisNames.equals(g.axisNames)
                || !Arrays.equals(values, g.values)
                || !parameters.equals(g.parameters)
                || !description.equals(g.description)) {
            return false;
        }
        for (int a = 0; a < axes.size(); a++) {
            if (!Arrays.equals(axes.get(a), g.axes.get(a))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return problem.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "GridField[" + problem + ", " + valueName + " on " + axisNames + " " + Arrays.toString(shape()) + ", "
                + parameters + "]";
    }
}
