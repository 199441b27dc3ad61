package dev.mollify.pde.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measured data as named columns of equal length, read from CSV, {@code .npy} or {@code .npz}.
 * A missing value (an empty CSV cell) is {@link Double#NaN}; every other value is finite (the readers
 * reject NaN/Inf written out, so NaN here always means "not measured").
 *
 * @param source     where it came from, for messages
 * @param names      column names in file order
 * @param columns    one array per column, all the same length
 * @param parameters {@code # name = value} comment lines of a CSV and the {@code truth.NAME} values of
 *                   a {@link DataSidecar} beside the file; empty otherwise
 */
public record Table(String source, List<String> names, List<double[]> columns, Map<String, Double> parameters) {

    /**
     * Copies the names, columns and parameters; there must be one name per column and all columns of one
     * length. The column arrays themselves are not copied.
     *
     * @param source     where it came from
     * @param names      column names, one per column
     * @param columns    the columns, all of one length
     * @param parameters named values from the file's comments or sidecar
     * @throws IllegalArgumentException when the names and columns differ in number or the columns in length
     */
    public Table {
        names = List.copyOf(names);
        columns = List.copyOf(columns);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (names.size() != columns.size()) throw new IllegalArgumentException("names and columns differ in number");
        for (double[] c : columns) {
            if (c.length != columns.get(0).length) throw new IllegalArgumentException("columns differ in length");
        }
    }

    /**
     * Number of rows.
     *
     * @return the columns' length, 0 for a table without columns
     */
    public int rows() {
        return columns.isEmpty() ? 0 : columns.get(0).length;
    }

    /**
     * True when the table has this column.
     *
     * @param name a column name
     * @return whether {@link #names()} contains it
     */
    public boolean has(String name) {
        return names.contains(name);
    }

    /**
     * The values of a column (a copy).
     *
     * @param name a column name
     * @return a new array of {@link #rows()} values, NaN where not measured
     * @throws IllegalArgumentException when there is no such column
     */
    public double[] column(String name) {
        int i = names.indexOf(name);
        if (i < 0)
            throw new IllegalArgumentException("no column '" + name + "' in " + source + "; columns are " + names);
        return columns.get(i).clone();
    }

    /**
     * This table with one column's values replaced.
     *
     * @param name   an existing column
     * @param values its new values, {@link #rows()} of them (copied)
     * @return a new table with the same source, names and parameters
     * @throws IllegalArgumentException when there is no such column or the length differs
     */
    public Table withColumn(String name, double[] values) {
        int i = names.indexOf(name);
        if (i < 0 || values.length != rows())
            throw new IllegalArgumentException("cannot replace column '" + name + "'");
        List<double[]> cols = new ArrayList<>(columns);
        cols.set(i, values.clone());
        return new Table(source, names, cols, parameters);
    }

    /**
     * Only the given rows, in the given order.
     *
     * @param rows row indices; a row may appear more than once (a bootstrap draw)
     * @return a new table of {@code rows.length} rows with the same source, names and parameters
     */
    public Table selectRows(int[] rows) {
        List<double[]> cols = new ArrayList<>();
        for (double[] c : columns) {
            double[] s = new double[rows.length];
            for (int i = 0; i < rows.length; i++) s[i] = c[rows[i]];
            cols.add(s);
        }
        return new Table(source, names, cols, parameters);
    }

    @Override
    public String toString() {
        return source + " (" + rows() + " rows, columns " + String.join(",", names) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t
                && t.source.equals(source)
                && t.names.equals(names)
                && t.parameters.equals(parameters)
                && sameColumns(t.columns, columns);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + rows();
    }

    private static boolean sameColumns(List<double[]> a, List<double[]> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!Arrays.equals(a.get(i), b.get(i))) return false;
        return true;
    }
}
