package dev.mollify.pde.pinn;

/**
 * Linear (1-D), bilinear (2-D) or multilinear interpolation from grid nodes to scattered points, as
 * a {@link SparseMatrix} with 2^d entries per point. Applied to û with {@link SparseMatrix#apply},
 * it is differentiable in û, so a data loss at scattered points trains the network through the
 * mollifier. Exact for fields that are multilinear on each cell; error O(h²) for smooth fields.
 */
public final class Interpolation {
    private Interpolation() {}

    /**
     * The interpolation matrix (points × grid nodes) for the grid's row-major node order.
     *
     * Each row holds the 2^d weights Π_a (1 − f_a or f_a) of the corners of the cell around the point, f_a its
     * fractional position in the cell along axis a; the weights sum to 1.
     *
     * @param grid the grid of nodes, at least 2 nodes per axis
     * @param points one row per point, coordinates in the grid's axis order; each must lie inside the grid
     * @return a (points.length × grid.size()) matrix with 2^d entries per row
     * @throws IllegalArgumentException when a point has the wrong number of coordinates or lies outside the grid
     */
    public static SparseMatrix multilinear(Grid grid, double[][] points) {
        int d = grid.dims();
        int[] shape = grid.shape();
        double[] h = grid.spacings();
        double[] lo = new double[d];
        for (int a = 0; a < d; a++) lo[a] = grid.axis(a)[0];
        int corners = 1 << d;
        int m = points.length;
        int[] ptr = new int[m + 1];
        int[] col = new int[m * corners];
        double[] val = new double[m * corners];
        int[] base = new int[d];
        double[] frac = new double[d];
        for (int p = 0; p < m; p++) {
            double[] x = points[p];
            if (x.length != d)
                throw new IllegalArgumentException(
                        "point " + p + " has " + x.length + " coordinates, the grid has " + d);
            if (!grid.contains(x))
                throw new IllegalArgumentException(
                        "point " + p + " " + java.util.Arrays.toString(x) + " lies outside " + grid);
            for (int a = 0; a < d; a++) {
                double s = (x[a] - lo[a]) / h[a];
                int i = (int) Math.floor(s);
                i = Math.max(0, Math.min(shape[a] - 2, i));
                base[a] = i;
                frac[a] = Math.max(0, Math.min(1, s - i));
            }
            for (int c = 0; c < corners; c++) {
                int flat = 0;
                double w = 1;
                for (int a = 0; a < d; a++) {
                    int bit = (c >> (d - 1 - a)) & 1;
                    flat = flat * shape[a] + base[a] + bit;
                    w *= bit == 1 ? frac[a] : 1 - frac[a];
                }
                col[p * corners + c] = flat;
                val[p * corners + c] = w;
            }
            ptr[p + 1] = (p + 1) * corners;
        }
        return new SparseMatrix(m, grid.size(), ptr, col, val);
    }
}
