package dev.mollify.pde.fit;

import java.util.List;

/** Multilinear interpolation of values on a uniform grid (row-major, slowest axis first); clamps at the edges. */
final class GridLookup {
    private GridLookup() {}

    /** The value at {@code point} (one coordinate per axis, in the grid's axis order). */
    static double multilinear(List<double[]> axes, double[] values, double[] point) {
        int d = axes.size();
        int[] lo = new int[d];
        double[] w = new double[d];
        int[] stride = new int[d];
        int s = 1;
        for (int a = d - 1; a >= 0; a--) {
            stride[a] = s;
            s *= axes.get(a).length;
        }
        for (int a = 0; a < d; a++) {
            double[] ax = axes.get(a);
            double h = (ax[ax.length - 1] - ax[0]) / (ax.length - 1);
            double k = Math.max(0, Math.min(ax.length - 1, (point[a] - ax[0]) / h));
            lo[a] = Math.min((int) Math.floor(k), ax.length - 2);
            w[a] = k - lo[a];
        }
        double sum = 0;
        for (int corner = 0; corner < (1 << d); corner++) {
            double weight = 1;
            int flat = 0;
            for (int a = 0; a < d; a++) {
                boolean up = (corner >> a & 1) == 1;
                weight *= up ? w[a] : 1 - w[a];
                flat += (lo[a] + (up ? 1 : 0)) * stride[a];
            }
            if (weight != 0) sum += weight * values[flat];
        }
        return sum;
    }
}
