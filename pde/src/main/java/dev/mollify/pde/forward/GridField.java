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
     * copies everything in.
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

    /** Copy of the coordinates of axis {@code a} (slowest first). */
    public double[] axis(int a) {
        return axes.get(a).clone();
    }

    /** Copy of the coordinates of the named axis. */
    public double[] axis(String name) {
        int a = axisNames.indexOf(name);
        if (a < 0) {
            throw new IllegalArgumentException("no axis named '" + name + "'; axes are " + axisNames);
        }
        return axis(a);
    }

    /** A list of copies, so that nobody can change this field through it. */
    @Override
    public List<double[]> axes() {
        List<double[]> out = new ArrayList<>();
        for (double[] a : axes) {
            out.add(a.clone());
        }
        return out;
    }

    /** Copy of the values (row-major, see the class comment). */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Internal view, never handed out. */
    double[] raw() {
        return values;
    }

    /** Lengths of the axes, slowest first. */
    public int[] shape() {
        int[] s = new int[axes.size()];
        for (int a = 0; a < s.length; a++) {
            s[a] = axes.get(a).length;
        }
        return s;
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** Value at grid index {@code (i0, i1, ...)}, slowest axis first. */
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

    /** Value at flat (row-major) index. */
    public double get(int flat) {
        return values[flat];
    }

    /** Population standard deviation of all values (the scale for relative noise). */
    public double std() {
        return Stats.std(values);
    }

    /** Recorded parameter, or an error naming the available ones. */
    public double parameter(String name) {
        Double v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; recorded: " + parameters.keySet());
        }
        return v;
    }

    /** Same grid and metadata with new values and extra parameters/description appended. */
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
