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
 * {@link Ensemble}: the Student-t interval and the percentile rule against hand-computed values, the two
 * half-sample resamplings, and a small heat ensemble that is the same bits whether its members run one or
 * two at a time, with an interval that holds the members' mean and has width.
 */
class EnsembleTest {
    @Test
    void studentQuantilesMatchTheTables() {
        // t_ν(0.975) from the usual tables (10 digits); t_1(0.75) = 1 exactly (Cauchy); symmetry below ½
        assertEquals(12.70620474, StudentT.quantile(0.975, 1), 1e-8);
        assertEquals(4.302652730, StudentT.quantile(0.975, 2), 1e-8);
        assertEquals(2.776445105, StudentT.quantile(0.975, 4), 1e-8);
        assertEquals(2.262157163, StudentT.quantile(0.975, 9), 1e-8);
        assertEquals(2.042272456, StudentT.quantile(0.975, 30), 1e-8);
        assertEquals(1.0, StudentT.quantile(0.75, 1), 1e-12);
        assertEquals(-2.262157163, StudentT.quantile(0.025, 9), 1e-8);
        assertEquals(0.975, StudentT.cdf(2.262157163, 9), 1e-9);
        // many degrees of freedom: close to the normal's 1.959964
        assertEquals(1.959964, StudentT.quantile(0.975, 1e6), 1e-5);
    }

    @Test
    void theIntervalIsTheStudentPredictionInterval() {
        // mean 4, sd = sqrt(50/4); half-width t_4(0.975)·sd·sqrt(1 + 1/5) = 2.776445105·3.535533906·1.095445115
        Ensemble.Coefficient c = Ensemble.Coefficient.of(new double[] {10, 3, 1, 4, 2}, 0.95);
        assertEquals(4.0, c.mean(), 1e-12);
        assertEquals(Math.sqrt(50.0 / 4), c.sd(), 1e-12); // Σ(c − 4)² = 36 + 1 + 9 + 0 + 4 = 50
        assertEquals(-6.753125654, c.lo(), 1e-8);
        assertEquals(14.753125654, c.hi(), 1e-8);
        assertArrayEquals(new double[] {10, 3, 1, 4, 2}, c.values()); // member order kept
        // {2, 1} at 50 %: t_1(0.75) = 1, sd = sqrt(½), half-width sqrt(½)·sqrt(3/2) = sqrt(3)/2
        Ensemble.Coefficient two = Ensemble.Coefficient.of(new double[] {2, 1}, 0.5);
        assertEquals(1.5 - Math.sqrt(3) / 2, two.lo(), 1e-12);
        assertEquals(1.5 + Math.sqrt(3) / 2, two.hi(), 1e-12);
        assertEquals(2.262157163 * Math.sqrt(1.1), Ensemble.Coefficient.halfWidth(10, 0.95), 1e-8);
        assertThrows(IllegalArgumentException.class, () -> Ensemble.Coefficient.of(new double[] {1}, 0.95));
    }

    @Test
    void percentilesInterpolateBetweenOrderStatistics() {
        // numpy.percentile([1, 2, 3, 4, 10], [2.5, 97.5]) = [1.1, 9.4]: h = 4·0.025 = 0.1, h = 4·0.975 = 3.9
        double[] v = {10, 3, 1, 4, 2};
        assertEquals(1.1, Ensemble.Coefficient.percentile(v, 0.025), 1e-12);
        assertEquals(9.4, Ensemble.Coefficient.percentile(v, 0.975), 1e-12);
        assertEquals(1.25, Ensemble.Coefficient.percentile(new double[] {2, 1}, 0.25), 1e-12);
        assertEquals(1.75, Ensemble.Coefficient.percentile(new double[] {2, 1}, 0.75), 1e-12);
    }

    @Test
    void rowsAndGridsKeepHalfTheirMeasurementsWithoutReplacement() {
        Table grid = heat(9, 8, 0.1);
        Table half = Resample.HALF_GRID.apply(grid, List.of("u"), 5);
        assertEquals(grid.rows(), half.rows());
        long measured =
                Arrays.stream(half.column("u")).filter(v -> !Double.isNaN(v)).count();
        assertEquals(grid.rows() / 2, measured);
        DataLayout layout = DataLayout.detect(half, List.of("x", "t"), List.of("u"), 64);
        assertFalse(layout.scattered(), "half of a grid is still a grid");
        assertEquals(Resample.HALF_GRID, Resample.of(DataLayout.detect(grid, List.of("x", "t"), List.of("u"), 64)));

        Table rows = Resample.HALF_ROWS.apply(grid, List.of("u"), 5);
        assertEquals(grid.rows() / 2, rows.rows());
        List<Double> original = Arrays.stream(grid.column("u")).boxed().toList();
        for (double v : rows.column("u")) assertTrue(original.contains(v));
        java.util.Set<List<Double>> points = new java.util.HashSet<>();
        for (int r = 0; r < rows.rows(); r++) points.add(List.of(rows.column("x")[r], rows.column("t")[r]));
        assertEquals(rows.rows(), points.size(), "without replacement no point repeats");
        assertArrayEquals(
                rows.column("u"),
                Resample.HALF_ROWS.apply(grid, List.of("u"), 5).column("u"));
        assertFalse(
                Arrays.equals(
                        rows.column("u"),
                        Resample.HALF_ROWS.apply(grid, List.of("u"), 6).column("u")),
                "another seed, another half");
        // rows with no measurement are kept as they are
        double[] u = grid.column("u");
        u[0] = Double.NaN;
        Table gap = grid.withColumn("u", u);
        Table halfGap = Resample.HALF_ROWS.apply(gap, List.of("u"), 5);
        assertEquals(1 + (grid.rows() - 1) / 2, halfGap.rows());
        assertTrue(Double.isNaN(halfGap.column("u")[0]));
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
