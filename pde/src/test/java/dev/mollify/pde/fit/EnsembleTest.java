package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Ensemble}: the percentile rule against hand-computed values, the two resamplings, and a small
 * heat ensemble that is the same bits whether its members run one or two at a time, with an interval
 * that holds the members' mean and has width.
 */
class EnsembleTest {
    @Test
    void percentilesInterpolateBetweenOrderStatistics() {
        // numpy.percentile([1, 2, 3, 4, 10], [2.5, 97.5]) = [1.1, 9.4]: h = 4·0.025 = 0.1, h = 4·0.975 = 3.9
        Ensemble.Coefficient c = Ensemble.Coefficient.of(new double[] {10, 3, 1, 4, 2}, 0.95);
        assertEquals(1.1, c.lo(), 1e-12);
        assertEquals(9.4, c.hi(), 1e-12);
        assertEquals(4.0, c.mean(), 1e-12);
        assertEquals(Math.sqrt(50.0 / 4), c.sd(), 1e-12); // Σ(c − 4)² = 36 + 1 + 9 + 0 + 4 = 50
        assertArrayEquals(new double[] {10, 3, 1, 4, 2}, c.values()); // member order kept
        Ensemble.Coefficient two = Ensemble.Coefficient.of(new double[] {2, 1}, 0.5); // q(0.25), q(0.75)
        assertEquals(1.25, two.lo(), 1e-12);
        assertEquals(1.75, two.hi(), 1e-12);
    }

    @Test
    void rowsAreDrawnWithReplacementAndGridsKeepHalfTheirNodes() {
        Table grid = heat(9, 8, 0.1);
        Table half = Resample.HALF_GRID.apply(grid, List.of("u"), 5);
        assertEquals(grid.rows(), half.rows());
        long measured =
                Arrays.stream(half.column("u")).filter(v -> !Double.isNaN(v)).count();
        assertEquals(grid.rows() / 2, measured);
        DataLayout layout = DataLayout.detect(half, List.of("x", "t"), List.of("u"), 64);
        assertFalse(layout.scattered(), "half of a grid is still a grid");
        assertEquals(Resample.HALF_GRID, Resample.of(DataLayout.detect(grid, List.of("x", "t"), List.of("u"), 64)));

        Table rows = Resample.ROWS.apply(grid, List.of("u"), 5);
        assertEquals(grid.rows(), rows.rows());
        List<Double> original = Arrays.stream(grid.column("u")).boxed().toList();
        for (double v : rows.column("u")) assertTrue(original.contains(v));
        long distinct = Arrays.stream(rows.column("u")).distinct().count();
        assertTrue(distinct < grid.rows(), "with replacement some rows repeat: " + distinct + " distinct");
        assertArrayEquals(
                rows.column("u"), Resample.ROWS.apply(grid, List.of("u"), 5).column("u"));
    }

    @Test
    void aSmallEnsembleIsTheSameBitsAtAnyParallelismAndItsIntervalIsSane() {
        FitOptions o = DataFit.builder()
                .table(heat(24, 17, 0.1))
                .pde("u_t = D*u_xx")
                .unknown("D")
                .positive("D")
                .noise(0.02)
                .hidden(8, 8)
                .adamSteps(150)
                .lbfgsIterations(40)
                .timeBudget(0)
                .seed(3)
                .options();
        Ensemble.Result one = Ensemble.of(o, 3).parallel(1).run();
        Ensemble.Result two = Ensemble.of(o, 3).parallel(2).run();
        Ensemble.Coefficient d = one.coefficients().get("D");
        assertArrayEquals(d.values(), two.coefficients().get("D").values(), 0.0, "same bits");
        assertEquals(Resample.HALF_GRID, one.resample());
        assertEquals(3, one.members());
        assertEquals(
                List.of(3L, 4L, 5L),
                one.runs().stream().map(Ensemble.Member::seed).toList());
        assertTrue(d.lo() <= d.mean() && d.mean() <= d.hi(), d.lo() + " ≤ " + d.mean() + " ≤ " + d.hi());
        assertTrue(d.hi() > d.lo() && d.sd() > 0, "width " + (d.hi() - d.lo()) + ", sd " + d.sd());
        assertEquals(0.1, d.mean(), 0.02, "members " + Arrays.toString(d.values()));
    }

    @Test
    void anEnsembleNeedsTwoMembers() {
        FitOptions o = DataFit.builder()
                .table(heat(9, 8, 0.1))
                .pde("u_t = D*u_xx")
                .unknown("D")
                .options();
        FitInputException e = assertThrows(FitInputException.class, () -> Ensemble.of(o, 1));
        assertTrue(e.getMessage().contains("at least 2 members"), e.getMessage());
    }

    /** u = sin(πx)·exp(−Dπ²t) on nx × nt nodes of [0, 1]², one row per node. */
    static Table heat(int nx, int nt, double diffusivity) {
        double[] x = new double[nx * nt], t = new double[nx * nt], u = new double[nx * nt];
        for (int i = 0; i < nx * nt; i++) {
            x[i] = (i % nx) / (nx - 1.0);
            t[i] = (i / nx) / (nt - 1.0);
            u[i] = Math.sin(Math.PI * x[i]) * Math.exp(-diffusivity * Math.PI * Math.PI * t[i]);
        }
        return new Table("heat", List.of("x", "t", "u"), List.of(x, t, u), java.util.Map.of());
    }
}
