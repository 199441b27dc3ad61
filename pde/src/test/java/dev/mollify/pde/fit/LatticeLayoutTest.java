package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.tensor.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scattered points that are nodes of a large uniform grid keep that grid's resolution as their collocation grid
 * ({@link DataLayout#latticeAxes}) unless a grid size is asked for; points off a uniform grid along any axis get 64
 * uniform nodes per axis, and the layout's description names the lines they do sit on.
 */
class LatticeLayoutTest {
    /** {@code n} distinct nodes of an nt × nx grid on t ∈ [0, 15], x ∈ [−30, 30), or jittered off it. */
    private static Table points(int nt, int nx, int n, boolean jitter) {
        Rng rng = new Rng(3);
        double[] t = new double[n], x = new double[n], u = new double[n];
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int r = 0; r < n; r++) {
            int node;
            do node = (int) (rng.nextDouble() * nt * nx);
            while (!used.add(node));
            t[r] = 15.0 * (node / nx) / (nt - 1);
            x[r] = -30 + 60.0 * (node % nx) / nx;
            if (jitter) {
                x[r] += 1e-3 * rng.nextDouble();
                t[r] += 1e-3 * rng.nextDouble();
            }
            u[r] = Math.sin(x[r]) * Math.exp(-t[r]);
        }
        return new Table("points.csv", List.of("x", "t", "u"), List.of(x, t, u), Map.of());
    }

    @Test
    void pointsOnALargeGridKeepItsResolution() {
        Table table = points(201, 512, 6000, false);
        DataLayout layout = DataLayout.detect(table, List.of("x", "t"), List.of("u"), 0);
        assertTrue(layout.scattered(), "6,000 of 102,912 nodes (fewer than one in 16) are points, not a grid");
        // 201 × 512 has more than 65,536 nodes: x (the longest) is thinned to ⌈511/2⌉ + 1 = 257 uniform nodes
        assertArrayEquals(new int[] {201, 257}, layout.shape());
        double[] x = layout.axes().get(1);
        assertEquals(-30, x[0], 1e-12);
        assertEquals(-30 + 60.0 * 511 / 512, x[x.length - 1], 1e-9, "the grid still spans every point");
        assertTrue(layout.describe().contains("at nodes of a 201 t × 512 x grid (5.8 % of them)"), layout.describe());
        assertArrayEquals(
                new int[] {64, 64},
                DataLayout.detect(table, List.of("x", "t"), List.of("u"), 64).shape(),
                "a grid size asked for is used as it is");
    }

    @Test
    void measuredPointsCountLocationsWithAValue() {
        DataLayout gaps = DataLayout.detect(points(20, 30, 300, false), List.of("x", "t"), List.of("u"), 0);
        assertFalse(gaps.scattered(), "300 of 600 nodes: a grid with gaps");
        assertEquals(300, gaps.measuredPoints(List.of("u")));
        DataLayout scattered = DataLayout.detect(points(201, 512, 2000, true), List.of("x", "t"), List.of("u"), 0);
        assertEquals(2000, scattered.measuredPoints(List.of("u")));
    }

    @Test
    void coordinatesWrittenWithFewDecimalsStayOnTheirGrid() {
        int nt = 30, nx = 64;
        double[] t = new double[nt * nx], x = new double[nt * nx], u = new double[nt * nx];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.round(0.5 * (i / nx) / (nt - 1) * 1e6) / 1e6; // 0.017241 for 1/58
            x[i] = Math.round((double) (i % nx) / (nx - 1) * 1e4) / 1e4; // 0.0159 for 1/63
            u[i] = Math.sin(Math.PI * x[i]) * Math.exp(-t[i]);
        }
        DataLayout layout = DataLayout.detect(
                new Table("rounded.csv", List.of("x", "t", "u"), List.of(x, t, u), Map.of()),
                List.of("x", "t"),
                List.of("u"),
                0);
        assertFalse(layout.scattered(), layout.describe());
        assertArrayEquals(new int[] {nt, nx}, layout.shape());
        assertEquals(0.5 / (nt - 1), layout.axes().get(0)[1], 1e-12, "the spacing is the span over the lines");
        assertTrue(layout.describe().contains("grid 30 t × 64 x, full"), layout.describe());
    }

    @Test
    void pointsOffAnyGridGetTheUniformAxes() {
        Table table = points(201, 512, 2000, true);
        DataLayout layout = DataLayout.detect(table, List.of("x", "t"), List.of("u"), 0);
        assertTrue(layout.scattered());
        assertArrayEquals(new int[] {64, 64}, layout.shape());
        assertTrue(layout.describe().contains("(not on a uniform grid)"), layout.describe());
    }

    @Test
    void pointsOnTimeLinesButAnywhereInXAreNamedAsSuch() {
        Rng rng = new Rng(5);
        int n = 2000;
        double[] t = new double[n], x = new double[n], u = new double[n];
        for (int r = 0; r < n; r++) {
            t[r] = (int) (rng.nextDouble() * 201) / 200.0;
            x[r] = -1 + 2 * rng.nextDouble();
            u[r] = Math.cos(Math.PI * x[r]) * (1 - t[r]);
        }
        Table table = new Table("kdv.csv", List.of("t", "x", "u"), List.of(t, x, u), Map.of());
        DataLayout layout = DataLayout.detect(table, List.of("x", "t"), List.of("u"), 0);
        assertArrayEquals(new int[] {64, 64}, layout.shape(), "off any grid in x: the uniform 64 on each axis");
        assertTrue(layout.describe().contains("(not on a uniform grid; on 201 uniform t lines)"), layout.describe());
    }

    @Test
    void unevenTimeSamplesOfUniformLinesAreNamedAsSuch() {
        double[] times = {0, 0.202, 0.404, 0.586, 0.788, 0.99};
        int nx = 128, n = times.length * nx;
        double[] t = new double[n], x = new double[n], u = new double[n];
        for (int r = 0; r < n; r++) {
            t[r] = times[r / nx];
            x[r] = -1 + 2.0 * (r % nx) / nx;
            u[r] = Math.sin(Math.PI * x[r]) * Math.exp(-t[r]);
        }
        Table table = new Table("snapshots.csv", List.of("t", "x", "u"), List.of(t, x, u), Map.of());
        DataLayout layout = DataLayout.detect(table, List.of("x", "t"), List.of("u"), 0);
        assertTrue(layout.scattered(), "uneven times are not the lines of a uniform grid");
        assertArrayEquals(new int[] {64, 64}, layout.shape(), "not a uniform lattice: the uniform 64 on each axis");
        assertEquals(0.99, layout.axes().get(0)[63], 1e-12, "t spans the samples");
        assertEquals(-1 + 2.0 * 127 / 128, layout.axes().get(1)[63], 1e-12, "x spans the samples");
        assertTrue(
                layout.describe().contains("at nodes of a 6 t (uneven) × 128 x grid (100 % of them)"),
                layout.describe());
    }

    @Test
    void longLatticeAxesAreThinnedLongestFirstAndShortOnesGetTheUniformNodes() {
        List<double[]> axes = DataLayout.latticeAxes(List.of(uniform(0, 1, 1000), uniform(0, 2, 300)), 64);
        long nodes = (long) axes.get(0).length * axes.get(1).length;
        assertTrue(nodes <= DataLayout.MAX_LATTICE_NODES, "nodes " + nodes);
        assertTrue(axes.get(0).length > 64 && axes.get(1).length > 64, axes.get(0).length + " × " + axes.get(1).length);
        assertEquals(1, axes.get(0)[axes.get(0).length - 1], 1e-12, "the range is kept");
        assertEquals(2, axes.get(1)[axes.get(1).length - 1], 1e-12, "the range is kept");
        List<double[]> small = DataLayout.latticeAxes(List.of(uniform(0, 1, 100), uniform(0, 1, 5)), 64);
        assertEquals(100, small.get(0).length, "10,000 nodes or so: every line kept");
        assertEquals(64, small.get(1).length, "5 lines: the uniform 64");
        // three long axes cannot be thinned below the uniform 64 each
        List<double[]> cube =
                DataLayout.latticeAxes(List.of(uniform(0, 1, 200), uniform(0, 1, 200), uniform(0, 1, 200)), 64);
        for (double[] a : cube) assertEquals(64, a.length);
    }

    private static double[] uniform(double lo, double hi, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = lo + (hi - lo) * i / (n - 1);
        return a;
    }
}
