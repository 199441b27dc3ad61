package dev.mollify.pde.pinn;

import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.PointSet;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Measured values of one field, in one of three forms:
 * <ul>
 *   <li>{@link #grid}: every node of a grid — the collocation grid is then that grid;</li>
 *   <li>{@link #masked}: a grid with missing nodes (a boolean per node, row-major);</li>
 *   <li>{@link #points}: scattered points (a {@link PointSet} with columns {@code x,t,u}); grid
 *   routes interpolate û to them with {@link Interpolation#multilinear}, differentiably.</li>
 * </ul>
 * {@link #on(Grid)} turns any form into a sparse matrix from grid nodes to measurements, so every
 * route writes the data loss the same way: {@code mean((A·û − y)²)}.
 */
public final class Observations {
    private final Grid grid; // non-null for grid and masked data
    private final int[] observed; // node indices (grid/masked)
    private final List<String> coordinates; // scattered: coordinate names
    private final double[][] points; // scattered: one row per point, in `coordinates` order
    private final double[] values;

    private Observations(Grid grid, int[] observed, List<String> coordinates, double[][] points, double[] values) {
        this.grid = grid;
        this.observed = observed;
        this.coordinates = coordinates;
        this.points = points;
        this.values = values;
    }

    /**
     * Every node of the field's grid is observed.
     *
     * @param f the measured field; its grid becomes the collocation grid
     * @return observations of all {@code f.size()} nodes, in row-major order
     * @throws IllegalArgumentException when an axis of the field is not uniformly spaced
     */
    public static Observations grid(GridField f) {
        int[] all = new int[f.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return new Observations(Grid.of(f), all, null, null, f.values());
    }

    /**
     * Only the nodes with {@code observed[i]} (row-major, as {@link GridField#values()}) are measured.
     *
     * @param f the measured field
     * @param observed one flag per node of {@code f}, row-major; true where the value is measured
     * @return observations of the flagged nodes, in row-major order
     * @throws IllegalArgumentException when the mask's length is not {@code f.size()}, no node is flagged, or an
     *     axis of the field is not uniformly spaced
     */
    public static Observations masked(GridField f, boolean[] observed) {
        if (observed.length != f.size())
            throw new IllegalArgumentException("mask has " + observed.length + " entries, the field " + f.size());
        double[] v = f.values();
        int n = 0;
        for (boolean b : observed) if (b) n++;
        if (n == 0) throw new IllegalArgumentException("the mask observes no node");
        int[] idx = new int[n];
        double[] y = new double[n];
        for (int i = 0, k = 0; i < observed.length; i++) {
            if (observed[i]) {
                idx[k] = i;
                y[k++] = v[i];
            }
        }
        return new Observations(Grid.of(f), idx, null, null, y);
    }

    /**
     * Scattered samples: a table whose last column is the value and whose other columns are named coordinates.
     *
     * @param s the samples, e.g. columns {@code x, t, u}, one row per point
     * @return observations at the points; a grid route interpolates û to them
     */
    public static Observations points(PointSet s) {
        int w = s.columns().size();
        List<String> coords = new ArrayList<>(s.columns().subList(0, w - 1));
        double[][] p = new double[s.rows()][w - 1];
        for (int r = 0; r < s.rows(); r++) for (int c = 0; c < w - 1; c++) p[r][c] = s.get(r, c);
        return new Observations(null, null, coords, p, s.column(w - 1));
    }

    /**
     * The grid the data were measured on.
     *
     * @return the grid, or null for scattered points
     */
    public Grid grid() {
        return grid;
    }

    /**
     * Whether the data are scattered points rather than grid nodes.
     *
     * @return true for {@link #points} data
     */
    public boolean scattered() {
        return grid == null;
    }

    /**
     * Number of measurements.
     *
     * @return the count of observed values
     */
    public int count() {
        return values.length;
    }

    /**
     * The measured values, in the field's units.
     *
     * @return a new tensor of shape (count)
     */
    public Tensor targets() {
        return Tensor.of(values.clone(), values.length);
    }

    /**
     * The measurement locations as a {@code (count, k)} table, columns in the order {@code columns}
     * names them (for routes that evaluate the network at the data points directly).
     *
     * @param columns the coordinate names of the k columns
     * @return a tensor of shape (count, k)
     * @throws IllegalArgumentException when a column names no coordinate of the data
     */
    public Tensor locations(List<String> columns) {
        if (grid != null) {
            Tensor all = grid.points(columns);
            double[] a = all.toDoubleArray();
            int k = columns.size();
            double[] out = new double[observed.length * k];
            for (int r = 0; r < observed.length; r++) System.arraycopy(a, observed[r] * k, out, r * k, k);
            return Tensor.of(out, observed.length, k);
        }
        int k = columns.size();
        double[] out = new double[points.length * k];
        for (int c = 0; c < k; c++) {
            int j = coordinates.indexOf(columns.get(c));
            if (j < 0)
                throw new IllegalArgumentException(
                        "the points have no coordinate '" + columns.get(c) + "'; they have " + coordinates);
            for (int r = 0; r < points.length; r++) out[r * k + c] = points[r][j];
        }
        return Tensor.of(out, points.length, k);
    }

    /**
     * The matrix from the nodes of {@code collocation} (row-major) to the measurements: a selection
     * for grid data (the grids must be equal), a multilinear interpolation for scattered points.
     *
     * @param collocation the grid the model is evaluated on
     * @return A of shape (count × collocation.size()), so that the predictions are A·û
     * @throws IllegalArgumentException when grid data live on another grid, or points lack a coordinate of the
     *     grid or lie outside it
     */
    public SparseMatrix on(Grid collocation) {
        if (grid != null) {
            if (!grid.equals(collocation)) {
                throw new IllegalArgumentException("grid data live on " + grid + " but the collocation grid is "
                        + collocation + "; use the data's grid (Grid.of(field)) or pass the data as points");
            }
            return SparseMatrix.selection(observed, collocation.size());
        }
        double[][] ordered = new double[points.length][collocation.dims()];
        for (int a = 0; a < collocation.dims(); a++) {
            int j = coordinates.indexOf(collocation.axisNames().get(a));
            if (j < 0)
                throw new IllegalArgumentException("the points have no coordinate '"
                        + collocation.axisNames().get(a) + "'");
            for (int r = 0; r < points.length; r++) ordered[r][a] = points[r][j];
        }
        return Interpolation.multilinear(collocation, ordered);
    }
}
