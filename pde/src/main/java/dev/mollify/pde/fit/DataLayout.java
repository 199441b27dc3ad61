package dev.mollify.pde.fit;

import dev.mollify.pde.pinn.Grid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What shape the data have: a full grid, a grid with missing nodes, or scattered points. Found, not
 * declared: the coordinate values of each axis are collected; when every axis is uniformly spaced
 * (missing grid lines allowed) and the grid is not much larger than the data, the rows are nodes of
 * that grid; otherwise they are scattered points.
 *
 * @param axisNames  coordinate names, slowest first ({@code t}, then {@code z}, {@code y}, {@code x})
 * @param axes       grid coordinates per axis (grid layouts), or the collocation grid chosen for scattered data
 * @param fields     per field: values on the grid, row-major, NaN where not measured (grid layouts only)
 * @param scattered  true when the rows are not the nodes of a grid
 * @param points     scattered: one row per point, coordinates in {@code axisNames} order
 * @param pointValues scattered: per field, the value at each point
 */
public record DataLayout(
        List<String> axisNames,
        List<double[]> axes,
        Map<String, double[]> fields,
        boolean scattered,
        double[][] points,
        Map<String, double[]> pointValues) {

    /**
     * How to give a column the name {@code wanted}: when a column the equation does not use starts with its
     * letter ({@code time} for {@code t}), the {@code --columns} list that renames it; else how {@code --columns}
     * works.
     */
    static String renameHint(List<String> names, String wanted, List<String> coordinates, List<String> fields) {
        for (String n : names) {
            if (coordinates.contains(n) || fields.contains(n)) continue;
            if (n.toLowerCase(Locale.ROOT).startsWith(wanted.toLowerCase(Locale.ROOT))) {
                List<String> renamed = new ArrayList<>(names);
                renamed.set(names.indexOf(n), wanted);
                return ": to read '" + n + "' as " + wanted + ", rename the columns with --columns "
                        + String.join(",", renamed) + " (new names for the file's columns, in order)";
            }
        }
        return ": rename the file's columns with --columns NAME,NAME,… (new names in the file's order), or use"
                + " the column's name in the equation";
    }

    /**
     * {@code [lo, hi]} with six significant digits of the span: more digits where the values are large
     * against it (times written as seconds since 1970 span 10⁴ s at 1.7·10⁹).
     */
    static String range(double lo, double hi) {
        double span = hi - lo, size = Math.max(Math.abs(lo), Math.abs(hi));
        int extra = span > 0 && size > span ? (int) Math.ceil(Math.log10(size / span)) : 0;
        String f = "%." + Math.min(6 + extra, 17) + "g";
        return String.format(Locale.ROOT, "[" + f + ", " + f + "]", lo, hi);
    }

    /** The most grid nodes per data row for which rows are still read as nodes of a grid. */
    static final int MAX_NODES_PER_ROW = 16;

    /**
     * Finds the layout of {@code table}'s {@code coordinates} and {@code fieldNames} columns. The rows are
     * read as grid nodes when every coordinate sits on a uniform axis (missing lines allowed), each axis has
     * at least two lines, the grid has at most max(16·rows, 4096) and at most 4 000 000 nodes, and no two
     * rows share a node; otherwise as scattered points.
     *
     * @param table             the data
     * @param coordinates       the coordinate columns, in any order (sorted here: t, then z, y, x)
     * @param fieldNames        the measured field columns
     * @param scatteredGridSize nodes per axis of the collocation grid when the rows are scattered; 0: the lattice the
     *     points are nodes of where it is finer than {@link #SCATTERED_NODES} lines ({@link #latticeAxes}), else
     *     {@link #SCATTERED_NODES}
     * @return the layout: grid axes and fields on the grid, or the points and their values
     * @throws FitInputException (kind DATA) when a column is missing, a row lacks a coordinate, a scattered
     *     row lacks a field value, or scattered points do not span a coordinate
     */
    public static DataLayout detect(
            Table table, List<String> coordinates, List<String> fieldNames, int scatteredGridSize) {
        List<String> axisNames = new ArrayList<>(coordinates);
        axisNames.sort((a, b) -> Integer.compare(GridColumns.rank(a), GridColumns.rank(b)));
        for (String c : axisNames) {
            if (!table.has(c))
                throw FitInputException.badData(table.source() + " has no column '" + c + "' for coordinate " + c
                        + "; columns are " + table.names() + renameHint(table.names(), c, axisNames, fieldNames));
        }
        for (String f : fieldNames) {
            if (!table.has(f))
                throw FitInputException.badData(table.source() + " has no column '" + f + "' for the field " + f
                        + "; columns are " + table.names() + renameHint(table.names(), f, axisNames, fieldNames));
        }
        int rows = table.rows();
        List<double[]> coordCols = new ArrayList<>();
        for (String c : axisNames) {
            double[] v = table.column(c);
            for (int r = 0; r < rows; r++) {
                if (Double.isNaN(v[r]))
                    throw FitInputException.badData(table.source() + ": row " + (r + 1)
                            + " has no value for coordinate '" + c + "'; every row needs all coordinates");
            }
            coordCols.add(v);
        }
        List<double[]> axes = new ArrayList<>();
        long nodes = 1;
        for (double[] c : coordCols) {
            double[] axis = uniformAxis(c);
            if (axis == null) {
                nodes = Long.MAX_VALUE;
                break;
            }
            axes.add(axis);
            nodes *= axis.length;
        }
        boolean grid = nodes != Long.MAX_VALUE
                && nodes <= Math.max((long) MAX_NODES_PER_ROW * rows, 4096)
                && nodes <= 4_000_000;
        if (grid) {
            for (double[] a : axes) if (a.length < 2) grid = false;
        }
        if (grid) {
            DataLayout g = onGrid(table, axisNames, axes, coordCols, fieldNames);
            if (g != null) return g; // else repeated measurements: every row is a point
        }
        boolean lattice = nodes != Long.MAX_VALUE && scatteredGridSize == 0;
        return scattered(
                table,
                axisNames,
                coordCols,
                fieldNames,
                scatteredGridSize == 0 ? SCATTERED_NODES : scatteredGridSize,
                lattice ? axes : null);
    }

    /** The rows as grid nodes, or null when two rows share a node (replicates, read as points instead). */
    private static DataLayout onGrid(
            Table table, List<String> names, List<double[]> axes, List<double[]> coordCols, List<String> fieldNames) {
        Map<String, double[]> rowValues = new LinkedHashMap<>();
        for (String f : fieldNames)
            rowValues.put(f, table.columns().get(table.names().indexOf(f)));
        return atNodes(names, axes, coordCols, rowValues);
    }

    /**
     * Rows placed at the nodes of the grid whose sorted lines are {@code axes}: each field row-major over the
     * nodes, NaN where no row lies; each row goes to the nearest line along every axis. Null when two rows
     * share a node.
     */
    static DataLayout atNodes(
            List<String> names, List<double[]> axes, List<double[]> coordCols, Map<String, double[]> rowValues) {
        int d = axes.size();
        int[] shape = new int[d];
        for (int a = 0; a < d; a++) shape[a] = axes.get(a).length;
        int n = 1;
        for (int s : shape) n *= s;
        Map<String, double[]> fields = new LinkedHashMap<>();
        for (String f : rowValues.keySet()) {
            double[] v = new double[n];
            Arrays.fill(v, Double.NaN);
            fields.put(f, v);
        }
        boolean[] seen = new boolean[n];
        int rows = coordCols.get(0).length;
        for (int r = 0; r < rows; r++) {
            int flat = 0;
            for (int a = 0; a < d; a++)
                flat = flat * shape[a] + nearestLine(axes.get(a), coordCols.get(a)[r]);
            if (seen[flat]) return null; // a replicate: the rows are read as points
            seen[flat] = true;
            for (var e : rowValues.entrySet()) fields.get(e.getKey())[flat] = e.getValue()[r];
        }
        return new DataLayout(names, axes, fields, false, null, null);
    }

    /** The index of the line of the sorted {@code axis} nearest to {@code c}. */
    private static int nearestLine(double[] axis, double c) {
        int i = Arrays.binarySearch(axis, c);
        if (i >= 0) return i;
        int hi = Math.min(-i - 1, axis.length - 1);
        int lo = Math.max(hi - 1, 0);
        return c - axis[lo] <= axis[hi] - c ? lo : hi;
    }

    /** Nodes per axis of the collocation grid of scattered points off any grid, when none is asked for. */
    static final int SCATTERED_NODES = 64;

    /** The most nodes of a collocation grid taken from the lattice scattered points lie on. */
    static final int MAX_LATTICE_NODES = 1 << 16;

    /**
     * The collocation axes for points that lie on the nodes of a uniform {@code lattice} too large to read as a grid
     * (2,000 points drawn from 512 × 201 nodes): each axis the lattice's lines where it has more than {@code gridSize}
     * of them, or, while the grid has more than {@link #MAX_LATTICE_NODES} nodes, ⌈(n − 1)/s⌉ + 1 uniform nodes over
     * the same range (s = 2, 3, …, on the longest axes first); an axis of {@code gridSize} lines or fewer gets
     * {@code gridSize} uniform nodes. The measurements' own resolution
     * is what the route then resolves (docs/math.md, "The collocation grid").
     */
    static List<double[]> latticeAxes(List<double[]> lattice, int gridSize) {
        int d = lattice.size();
        int[] stride = new int[d];
        Arrays.fill(stride, 1);
        while (true) {
            long n = 1;
            int longest = -1, most = 0;
            for (int a = 0; a < d; a++) {
                int lines = linesAt(lattice.get(a).length, stride[a]);
                n *= Math.max(lines, gridSize);
                if (lines > gridSize && lines > most) {
                    most = lines;
                    longest = a;
                }
            }
            if (n <= MAX_LATTICE_NODES || longest < 0) break;
            stride[longest]++;
        }
        List<double[]> out = new ArrayList<>();
        for (int a = 0; a < d; a++) {
            double[] ax = lattice.get(a);
            int lines = linesAt(ax.length, stride[a]);
            out.add(
                    stride[a] == 1 && lines > gridSize
                            ? ax
                            : Grid.uniform(ax[0], ax[ax.length - 1], Math.max(lines, gridSize)));
        }
        return out;
    }

    /** Nodes of an axis of n lines taken s lines apart, its ends kept: ⌈(n − 1)/s⌉ + 1. */
    private static int linesAt(int n, int s) {
        return (n - 2) / s + 2;
    }

    private static DataLayout scattered(
            Table table,
            List<String> names,
            List<double[]> coordCols,
            List<String> fieldNames,
            int gridSize,
            List<double[]> lattice) {
        int rows = table.rows();
        double[][] pts = new double[rows][names.size()];
        for (int r = 0; r < rows; r++)
            for (int a = 0; a < names.size(); a++) pts[r][a] = coordCols.get(a)[r];
        Map<String, double[]> values = new LinkedHashMap<>();
        for (String f : fieldNames) {
            double[] v = table.column(f);
            for (int r = 0; r < rows; r++) {
                if (Double.isNaN(v[r]))
                    throw FitInputException.badData(table.source() + ": row " + (r + 1) + " has no value for '" + f
                            + "'; scattered data need every value (drop the row)");
            }
            values.put(f, v);
        }
        List<double[]> axes = new ArrayList<>();
        for (double[] c : coordCols) {
            double lo = Arrays.stream(c).min().orElseThrow();
            double hi = Arrays.stream(c).max().orElseThrow();
            if (!(hi > lo))
                throw FitInputException.badData(table.source() + ": every point has the same coordinate " + c[0]
                        + "; the data must span each coordinate");
            axes.add(Grid.uniform(lo, hi, gridSize));
        }
        if (lattice != null) axes = latticeAxes(lattice, gridSize);
        return new DataLayout(names, axes, Map.of(), true, pts, values);
    }

    /**
     * How far, in spacings, a value may lie from its line and still be on a uniform axis: coordinates written
     * with few decimals (0.017241 for 1/58) are off their lines by rounding, far less than this.
     */
    static final double ON_LINE = 0.01;

    /**
     * The sorted uniform axis the values sit on (missing lines filled in), or null if they are not on one. The
     * spacing is the span over the number of smallest gaps it holds, h = (max − min) / round((max − min) / min
     * gap), and every value must lie within {@link #ON_LINE} h of a line min + k·h.
     */
    static double[] uniformAxis(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        double lo = s[0], hi = s[s.length - 1];
        double tol = 1e-9 * Math.max(hi - lo, Math.abs(hi)) + 1e-300;
        List<Double> unique = new ArrayList<>();
        for (double v : s) if (unique.isEmpty() || v - unique.get(unique.size() - 1) > tol) unique.add(v);
        if (unique.size() == 1) return new double[] {lo};
        double gap = Double.MAX_VALUE;
        for (int i = 1; i < unique.size(); i++) gap = Math.min(gap, unique.get(i) - unique.get(i - 1));
        long n = Math.round((hi - lo) / gap);
        if (n < 1 || n > 4_000_000) return null;
        double h = (hi - lo) / n;
        for (double v : unique) {
            double k = (v - lo) / h;
            if (Math.abs(k - Math.round(k)) > ON_LINE) return null;
        }
        double[] axis = new double[(int) n + 1];
        for (int i = 0; i <= n; i++) axis[i] = lo + (hi - lo) * i / n;
        return axis;
    }

    /**
     * The spread of repeated measurements of {@code field} at one point: the pooled within-point standard
     * deviation sqrt(Σ_p Σ_i (v_pi − v̄_p)² / Σ_p (n_p − 1)) over the points measured more than once, in the
     * field's units; NaN when no point is measured twice (grid layouts hold one value per node).
     *
     * @param field a measured field
     * @return the pooled standard deviation, or NaN
     */
    public double replicateSpread(String field) {
        if (!scattered) return Double.NaN;
        double[] v = pointValues.get(field);
        Map<List<Double>, List<Double>> groups = new LinkedHashMap<>();
        for (int r = 0; r < points.length; r++)
            groups.computeIfAbsent(Arrays.stream(points[r]).boxed().toList(), k -> new ArrayList<>())
                    .add(v[r]);
        double squares = 0;
        int freedom = 0;
        for (List<Double> g : groups.values()) {
            if (g.size() < 2) continue;
            double mean = g.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            for (double x : g) squares += (x - mean) * (x - mean);
            freedom += g.size() - 1;
        }
        return freedom == 0 ? Double.NaN : Math.sqrt(squares / freedom);
    }

    /**
     * The number of measured locations: the distinct scattered points, or the grid nodes where any of
     * {@code fields} has a value.
     *
     * @param fields the measured fields to count (at least one)
     * @return the number of locations with a measurement
     */
    public int measuredPoints(List<String> fields) {
        if (scattered) return distinctPoints();
        int k = 0;
        for (int i = 0; i < this.fields.get(fields.get(0)).length; i++) {
            for (String f : fields) {
                if (!Double.isNaN(this.fields.get(f)[i])) {
                    k++;
                    break;
                }
            }
        }
        return k;
    }

    /**
     * The number of distinct locations among the scattered points.
     *
     * @return the number of points with different coordinates (fewer than the rows when there are replicates)
     * @throws NullPointerException on a grid layout, which has no points
     */
    public int distinctPoints() {
        java.util.Set<List<Double>> seen = new java.util.HashSet<>();
        for (double[] p : points) seen.add(Arrays.stream(p).boxed().toList());
        return seen.size();
    }

    /**
     * Grid shape (the collocation grid for scattered data).
     *
     * @return the length of each axis, slowest first
     */
    public int[] shape() {
        int[] s = new int[axes.size()];
        for (int a = 0; a < s.length; a++) s[a] = axes.get(a).length;
        return s;
    }

    /**
     * Measured values per field.
     *
     * @param field a measured field
     * @return the number of its points (scattered) or of its non-NaN nodes (grid)
     */
    public int measured(String field) {
        if (scattered) return pointValues.get(field).length;
        int k = 0;
        for (double v : fields.get(field)) if (!Double.isNaN(v)) k++;
        return k;
    }

    /**
     * Grid spacing of axis {@code a}.
     *
     * @param a the axis, 0 for the slowest
     * @return (last − first) / (n − 1), in the coordinate's units
     */
    public double spacing(int a) {
        double[] ax = axes.get(a);
        return (ax[ax.length - 1] - ax[0]) / (ax.length - 1);
    }

    /**
     * " (not on a uniform grid)" (naming the axes whose coordinates sit on uniform lines, if any), or where the points
     * are nodes of a grid (uniform lines, or an axis of unevenly spaced lines, marked "uneven") with at most
     * {@link #MAX_NODES_PER_ROW} nodes per point, its shape and the share measured.
     */
    private String onLattice() {
        List<String> dims = new ArrayList<>(), uniform = new ArrayList<>();
        boolean uneven = false;
        long nodes = 1;
        for (int a = 0; a < axes.size(); a++) {
            double[] column = new double[points.length];
            for (int r = 0; r < points.length; r++) column[r] = points[r][a];
            double[] lines = uniformAxis(column);
            long n = lines != null
                    ? lines.length
                    : Arrays.stream(column).distinct().count();
            dims.add(n + " " + axisNames.get(a) + (lines == null ? " (uneven)" : ""));
            if (lines != null) uniform.add(n + " uniform " + axisNames.get(a) + " lines");
            else uneven = true;
            nodes *= n;
        }
        if (uneven && nodes > (long) MAX_NODES_PER_ROW * points.length)
            return uniform.isEmpty()
                    ? " (not on a uniform grid)"
                    : " (not on a uniform grid; on " + String.join(", ", uniform) + ")";
        double share = 100.0 * points.length / nodes;
        return String.format(
                Locale.ROOT,
                " at nodes of a %s grid (%s %% of them)",
                String.join(" × ", dims),
                share >= 10 ? String.format(Locale.ROOT, "%.0f", share) : String.format(Locale.ROOT, "%.2g", share));
    }

    /**
     * What was found, in one line per fact (printed by {@code fit}, {@code derive} and the report).
     *
     * @return the layout and size on the first line, then one indented line per axis with its range (and
     *     spacing, on a grid), separated by the platform's line separator
     */
    public String describe() {
        StringBuilder s = new StringBuilder();
        int n = 1;
        for (double[] a : axes) n *= a.length;
        List<String> dims = new ArrayList<>();
        for (int a = 0; a < axes.size(); a++) dims.add(axes.get(a).length + " " + axisNames.get(a));
        if (scattered) {
            int repeated = points.length - distinctPoints();
            s.append(String.format(
                    Locale.ROOT,
                    "scattered points: %d%s; collocation grid %s",
                    points.length,
                    repeated > 0
                            ? String.format(
                                    Locale.ROOT,
                                    ", %d of them repeated measurements at an earlier row's point (replicates, all kept as data)",
                                    repeated)
                            : onLattice(),
                    String.join(" × ", dims)));
        } else {
            String f = fields.keySet().iterator().next();
            int m = measured(f);
            s.append("grid ")
                    .append(String.join(" × ", dims))
                    .append(
                            m == n
                                    ? ", full"
                                    : String.format(
                                            Locale.ROOT, ", %d of %d nodes measured (%.1f %%)", m, n, 100.0 * m / n));
        }
        for (int a = 0; a < axes.size(); a++) {
            double[] ax = axes.get(a);
            s.append(String.format(
                    Locale.ROOT,
                    "%n  %s in %s%s",
                    axisNames.get(a),
                    range(ax[0], ax[ax.length - 1]),
                    scattered ? "" : String.format(Locale.ROOT, ", spacing %.6g", spacing(a))));
        }
        return s.toString();
    }
}
