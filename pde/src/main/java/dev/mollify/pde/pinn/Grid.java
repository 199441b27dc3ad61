package dev.mollify.pde.pinn;

import dev.mollify.pde.forward.GridField;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A regular tensor-product grid of named axes, slowest first, in the layout of {@link GridField}
 * ({@code ("t", "x")} for a 1-D time-dependent problem: node (i, j) is (t_i, x_j), flat index
 * {@code i·n_x + j}). Every axis is uniformly spaced (checked to 1e-9 relative), because the
 * mollifier and finite-difference routes need one spacing per axis.
 *
 * @param axisNames coordinate names, slowest axis first
 * @param axes      node coordinates per axis (copied in and out), each ≥ 2 nodes, increasing
 */
public record Grid(List<String> axisNames, List<double[]> axes) {

    /**
     * Checks one coordinate array per name, each with ≥ 2 increasing, uniformly spaced nodes, and copies them.
     *
     * @param axisNames coordinate names, slowest axis first; copied
     * @param axes node coordinates per axis, in the order of {@code axisNames}; copied
     * @throws IllegalArgumentException when the counts differ or are zero, or an axis has fewer than 2 nodes,
     *     does not increase or is not uniformly spaced
     */
    public Grid {
        axisNames = List.copyOf(axisNames);
        if (axisNames.size() != axes.size() || axes.isEmpty()) {
            throw new IllegalArgumentException(
                    "need one coordinate array per axis name " + axisNames + ", got " + axes.size());
        }
        List<double[]> copies = new ArrayList<>();
        for (int a = 0; a < axes.size(); a++) {
            double[] c = axes.get(a).clone();
            if (c.length < 2)
                throw new IllegalArgumentException(
                        "axis '" + axisNames.get(a) + "' needs at least 2 nodes, got " + c.length);
            double h = c[1] - c[0];
            if (!(h > 0)) throw new IllegalArgumentException("axis '" + axisNames.get(a) + "' must increase");
            for (int i = 1; i < c.length; i++) {
                if (Math.abs(c[i] - c[i - 1] - h) > 1e-9 * Math.max(1, Math.abs(h)) + 1e-9 * h * c.length) {
                    throw new IllegalArgumentException(
                            "axis '" + axisNames.get(a) + "' is not uniformly spaced near node " + i
                                    + "; the grid routes need one spacing per axis");
                }
            }
            copies.add(c);
        }
        axes = List.copyOf(copies);
    }

    /**
     * The grid a field was sampled on.
     *
     * @param f a gridded field
     * @return a grid with the field's axis names and node coordinates
     * @throws IllegalArgumentException when an axis of the field is not uniformly spaced
     */
    public static Grid of(GridField f) {
        return new Grid(f.axisNames(), f.axes());
    }

    /**
     * {@code n} uniform nodes from {@code lo} to {@code hi} inclusive: c_i = lo + (hi − lo)·i / (n − 1).
     *
     * @param lo the first node
     * @param hi the last node
     * @param n the number of nodes, ≥ 2
     * @return the nodes, spacing (hi − lo) / (n − 1)
     */
    public static double[] uniform(double lo, double hi, int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) c[i] = lo + (hi - lo) * i / (n - 1);
        return c;
    }

    /**
     * The node coordinates per axis, copied so nobody changes the grid through them.
     *
     * @return a new list of new arrays, slowest axis first
     */
    @Override
    public List<double[]> axes() {
        List<double[]> out = new ArrayList<>();
        for (double[] a : axes) out.add(a.clone());
        return out;
    }

    /**
     * Number of axes.
     *
     * @return d, the grid's dimension
     */
    public int dims() {
        return axisNames.size();
    }

    /**
     * Index of a named axis.
     *
     * @param name a coordinate name
     * @return its position among the axes (0 = slowest), or −1 when the grid has no such axis
     */
    public int axisIndex(String name) {
        return axisNames.indexOf(name);
    }

    /**
     * Node coordinates of axis {@code a} (a copy).
     *
     * @param a the axis index, 0 = slowest
     * @return the increasing node coordinates of that axis
     * @throws IndexOutOfBoundsException when {@code a} is not in [0, dims())
     */
    public double[] axis(int a) {
        return axes.get(a).clone();
    }

    /**
     * Spacing h of axis {@code a}: (last − first) / (n − 1).
     *
     * @param a the axis index, 0 = slowest
     * @return h &gt; 0, in the coordinate's units
     * @throws IndexOutOfBoundsException when {@code a} is not in [0, dims())
     */
    public double spacing(int a) {
        double[] c = axes.get(a);
        return (c[c.length - 1] - c[0]) / (c.length - 1);
    }

    /**
     * Spacings of all axes, slowest first.
     *
     * @return a new array of {@link #dims()} spacings
     */
    public double[] spacings() {
        double[] h = new double[dims()];
        for (int a = 0; a < h.length; a++) h[a] = spacing(a);
        return h;
    }

    /**
     * Nodes per axis, slowest first.
     *
     * @return a new array (n_0, …, n_{d−1}), the shape of a field on this grid
     */
    public int[] shape() {
        int[] s = new int[dims()];
        for (int a = 0; a < s.length; a++) s[a] = axes.get(a).length;
        return s;
    }

    /**
     * Total number of nodes.
     *
     * @return the product of the nodes per axis
     */
    public int size() {
        int n = 1;
        for (double[] a : axes) n *= a.length;
        return n;
    }

    /**
     * This grid with {@code halo[a]} extra nodes on both ends of axis {@code a}, same spacing; the original
     * nodes are kept bit-exact.
     *
     * @param halo extra nodes per end for each axis, slowest first, each ≥ 0
     * @return the extended grid, n_a + 2·halo[a] nodes on axis a
     * @throws IllegalArgumentException when {@code halo} does not have one entry per axis
     */
    public Grid extend(int... halo) {
        if (halo.length != dims()) throw new IllegalArgumentException("need one halo per axis " + axisNames);
        List<double[]> ext = new ArrayList<>();
        for (int a = 0; a < dims(); a++) {
            double[] c = axes.get(a);
            double h = spacing(a);
            double[] e = new double[c.length + 2 * halo[a]];
            for (int i = 0; i < e.length; i++) e[i] = c[0] + (i - halo[a]) * h;
            for (int i = 0; i < c.length; i++) e[i + halo[a]] = c[i]; // keep the original nodes bit-exact
            ext.add(e);
        }
        return new Grid(axisNames, ext);
    }

    /**
     * All nodes as an {@code (N, k)} table, row-major over the grid (first axis slowest), with the
     * columns in the order {@code columns} names them (each must be an axis of this grid).
     *
     * @param columns the coordinate names of the k columns
     * @return a tensor of shape (N, k), N = {@link #size()}
     * @throws IllegalArgumentException when a column names no axis of this grid
     */
    public Tensor points(List<String> columns) {
        int[] s = shape();
        int n = size();
        int k = columns.size();
        int[] col = new int[k];
        for (int c = 0; c < k; c++) {
            col[c] = axisIndex(columns.get(c));
            if (col[c] < 0)
                throw new IllegalArgumentException(
                        "coordinate '" + columns.get(c) + "' is not an axis of the grid " + axisNames);
        }
        double[] out = new double[n * k];
        int[] idx = new int[s.length];
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < k; c++) out[p * k + c] = axes.get(col[c])[idx[col[c]]];
            for (int a = s.length - 1; a >= 0; a--) {
                if (++idx[a] < s[a]) break;
                idx[a] = 0;
            }
        }
        return Tensor.of(out, n, k);
    }

    /**
     * The coordinate of axis {@code a} as a tensor that broadcasts over the grid.
     *
     * @param a the axis index, 0 = slowest
     * @return the node coordinates, shape 1…n_a…1 (n_a at position a, 1 elsewhere)
     * @throws IndexOutOfBoundsException when {@code a} is not in [0, dims())
     */
    public Tensor coordinate(int a) {
        int[] s = new int[dims()];
        Arrays.fill(s, 1);
        s[a] = axes.get(a).length;
        return Tensor.of(axes.get(a).clone(), s);
    }

    /**
     * Whether a point lies within the grid's box.
     *
     * @param x one coordinate per axis, slowest first
     * @return true when first node ≤ x[a] ≤ last node on every axis, with tolerance 1e-12 relative to the
     *     axis length
     */
    public boolean contains(double[] x) {
        for (int a = 0; a < dims(); a++) {
            double[] c = axes.get(a);
            double tol = 1e-12 * Math.max(1, Math.abs(c[c.length - 1] - c[0]));
            if (x[a] < c[0] - tol || x[a] > c[c.length - 1] + tol) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Grid g) || !axisNames.equals(g.axisNames)) return false;
        for (int a = 0; a < dims(); a++) if (!Arrays.equals(axes.get(a), g.axes.get(a))) return false;
        return true;
    }

    @Override
    public int hashCode() {
        int h = axisNames.hashCode();
        for (double[] a : axes) h = 31 * h + Arrays.hashCode(a);
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Grid(");
        for (int a = 0; a < dims(); a++) {
            double[] c = axes.get(a);
            if (a > 0) sb.append(" × ");
            sb.append(axisNames.get(a))
                    .append(": ")
                    .append(c.length)
                    .append(" nodes [")
                    .append(c[0])
                    .append(", ")
                    .append(c[c.length - 1])
                    .append(']');
        }
        return sb.append(')').toString();
    }
}
