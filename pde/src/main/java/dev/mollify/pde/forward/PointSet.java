package dev.mollify.pde.forward;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scattered samples as a table: {@code rows × columns} doubles, row-major
 * ({@code data[r * columns.size() + c]}). The last column is the value, the others coordinates,
 * e.g. {@code x,t,u}. Immutable (arrays copied in and out).
 *
 * @param problem     problem name
 * @param columns     column names, coordinates first, value last
 * @param data        row-major table
 * @param parameters  parameters of the field it came from, plus sampling/noise parameters
 * @param description inputs and processing in words
 */
public record PointSet(
        String problem, List<String> columns, double[] data, Map<String, Double> parameters, String description) {

    /**
     * Checks that the data fill whole rows, and copies the columns, data and parameters. A null
     * description becomes the empty string.
     *
     * @param problem     problem name
     * @param columns     column names, coordinates first, value last; at least one
     * @param data        row-major table, a whole number of rows
     * @param parameters  parameters, copied in insertion order
     * @param description inputs and processing in words, or null
     * @throws IllegalArgumentException when there are no columns or {@code data.length} is not a
     *     multiple of the number of columns
     */
    public PointSet {
        columns = List.copyOf(columns);
        if (columns.isEmpty() || data.length % columns.size() != 0) {
            throw new IllegalArgumentException(
                    "data.length = " + data.length + " is not a multiple of " + columns.size() + " columns");
        }
        data = data.clone();
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        description = description == null ? "" : description;
    }

    /**
     * A copy of the row-major table.
     *
     * @return a new array, {@code data[r * columns().size() + c]}
     */
    @Override
    public double[] data() {
        return data.clone();
    }

    double[] raw() {
        return data;
    }

    /**
     * Number of rows.
     *
     * @return {@code data.length / columns().size()}
     */
    public int rows() {
        return data.length / columns.size();
    }

    /**
     * Entry at row {@code r}, column {@code c}.
     *
     * @param r the row, 0 ≤ r &lt; rows()
     * @param c the column, 0 ≤ c &lt; columns().size()
     * @return {@code data[r * columns().size() + c]}
     */
    public double get(int r, int c) {
        return data[r * columns.size() + c];
    }

    /**
     * Copy of column {@code c}.
     *
     * @param c the column index (the last one is the value)
     * @return a new array of length {@link #rows()}
     */
    public double[] column(int c) {
        int n = rows();
        int w = columns.size();
        double[] out = new double[n];
        for (int r = 0; r < n; r++) {
            out[r] = data[r * w + c];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointSet p
                && problem.equals(p.problem)
                && columns.equals(p.columns)
                && Arrays.equals(data, p.data)
                && parameters.equals(p.parameters)
                && description.equals(p.description);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PointSet[" + problem + ", " + rows() + " rows of " + columns + "]";
    }
}
