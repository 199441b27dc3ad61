package dev.mollify.pde.fit;

import dev.mollify.tensor.Rng;
import java.util.Arrays;
import java.util.List;

/** Small shared pieces of the long-table form of gridded data. */
public final class GridColumns {
    private GridColumns() {}

    /**
     * The coordinate of every node along axis {@code a} of a row-major grid (first axis slowest):
     * node i has index {@code (i / stride_a) % shape[a]} on that axis.
     *
     * @param axes the coordinates of each axis, slowest first
     * @param a    the axis
     * @return one coordinate per grid node, row-major, of length the product of the axis lengths
     */
    public static double[] coordinate(List<double[]> axes, int a) {
        int n = 1, stride = 1;
        for (int e = 0; e < axes.size(); e++) {
            n *= axes.get(e).length;
            if (e > a) stride *= axes.get(e).length;
        }
        double[] ax = axes.get(a);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) c[i] = ax[(i / stride) % ax.length];
        return c;
    }

    /**
     * Slowest-first rank of a coordinate name: t, then z, y, x (the layout of {@code GridField}).
     *
     * @param axis a coordinate name
     * @return 0 for t, 1 for z, 2 for y, 3 for x, and 4 + the first character's code for any other name
     */
    public static int rank(String axis) {
        return switch (axis) {
            case "t" -> 0;
            case "z" -> 1;
            case "y" -> 2;
            case "x" -> 3;
            default -> 4 + axis.charAt(0);
        };
    }

    /**
     * {@code n} of the {@code candidates}, uniformly at random (partial Fisher–Yates, seeded), in increasing
     * order.
     *
     * @param candidates the values to draw from (not changed)
     * @param n          how many to draw, 0 ≤ n ≤ candidates.length
     * @param seed       seed of the {@link Rng}
     * @return n distinct entries of {@code candidates}, sorted
     */
    public static int[] draw(int[] candidates, int n, long seed) {
        int[] idx = candidates.clone();
        Rng rng = new Rng(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] keep = Arrays.copyOf(idx, n);
        Arrays.sort(keep);
        return keep;
    }
}
