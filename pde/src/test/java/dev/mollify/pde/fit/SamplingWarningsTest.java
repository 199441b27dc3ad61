package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.tensor.Rng;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/** The sampling warnings before a fit: too few samples, and fronts sharper than the sampling. */
class SamplingWarningsTest {
    private static final PdeSpec BURGERS = PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
            .unknown("a", 1)
            .unknown("b", 1)
            .build();

    /** u(t, x) on an nt × nx grid over [0, 1] × [−1, 1], plus {@code noise}·std(u) of seeded Gaussian noise. */
    private static DataLayout grid(int nt, int nx, DoubleBinaryOperator u, double noise) {
        double[] t = Grid.uniform(0, 1, nt), x = Grid.uniform(-1, 1, nx);
        double[] v = new double[nt * nx];
        for (int i = 0; i < nt; i++) for (int j = 0; j < nx; j++) v[i * nx + j] = u.applyAsDouble(t[i], x[j]);
        double mean = Arrays.stream(v).average().orElseThrow();
        double std = Math.sqrt(
                Arrays.stream(v).map(a -> (a - mean) * (a - mean)).average().orElseThrow());
        Rng rng = new Rng(7);
        for (int k = 0; k < v.length; k++) v[k] += noise * std * rng.nextGaussian();
        return new DataLayout(List.of("t", "x"), List.of(t, x), Map.of("u", v), false, null, null);
    }

    /** A viscous shock moving right: −tanh((x − t/4)/(2ν)). */
    private static DoubleBinaryOperator shock(double nu) {
        return (t, x) -> -Math.tanh((x - 0.25 * t) / (2 * nu));
    }

    @Test
    void aShockUnderOneSampleWideIsReported() {
        // ν = 0.01/π: the front is 2ν ≈ 0.006 wide, a sixth of the 128-sample spacing
        List<String> w = SamplingWarnings.of(grid(50, 128, shock(0.01 / Math.PI), 0), BURGERS, List.of("u"));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("along x, neighbouring samples of 'u' differ by up to"), w.get(0));
        assertTrue(w.get(0).contains("Finer sampling along x"), w.get(0));
    }

    @Test
    void theSameShockResolvedBySeveralSamplesIsNot() {
        // ν = 0.02: the front spans about ten samples of 1024
        DataLayout d = grid(50, 1024, shock(0.02), 0);
        assertTrue(SamplingWarnings.largestJump(d.fields().get("u"), d.shape(), 1) < 0.1);
        assertEquals(List.of(), SamplingWarnings.of(d, BURGERS, List.of("u")));
    }

    @Test
    void smoothDataAtTenPercentNoiseAreNotReported() {
        DoubleBinaryOperator heat = (t, x) -> Math.exp(-Math.PI * Math.PI * 0.1 * t) * Math.sin(Math.PI * x);
        DataLayout d = grid(33, 64, heat, 0.1);
        assertTrue(SamplingWarnings.largestJump(d.fields().get("u"), d.shape(), 1) < 0.3);
        assertEquals(List.of(), SamplingWarnings.of(d, BURGERS, List.of("u")));
    }

    @Test
    void firstOrderAxesAndSparseNeighboursAreLeftAlone() {
        // six time samples of a fast decay jump far along t, but u_t is first order: interpolation, not a front
        DoubleBinaryOperator decay = (t, x) -> Math.exp(-5 * t) * Math.cos(Math.PI * x / 2);
        assertEquals(List.of(), SamplingWarnings.steepFronts(grid(6, 64, decay, 0), BURGERS, List.of("u")));
        // a grid with most nodes missing has too few measured neighbours to judge
        DataLayout full = grid(50, 128, shock(0.01 / Math.PI), 0);
        double[] v = full.fields().get("u").clone();
        for (int k = 0; k < v.length; k++) if (k % 3 != 0) v[k] = Double.NaN;
        assertEquals(0.0, SamplingWarnings.largestJump(v, full.shape(), 1));
    }

    @Test
    void tooFewSamplesForTheOrderAlongAnAxis() {
        DoubleBinaryOperator smooth = (t, x) -> Math.sin(x + t);
        List<String> w = SamplingWarnings.of(grid(4, 64, smooth, 0), BURGERS, List.of("u"));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("the data have 4 samples along t"), w.get(0));
    }

    @Test
    void aWaveThatMovesFurtherThanItsLengthBetweenSamplesIsReported() {
        // six samples in t; between two the wave moves by 2.4 rad of phase: the middle sample is no blend of its
        // neighbours
        DoubleBinaryOperator wave = (t, x) -> Math.sin(3 * Math.PI * x - 12 * t);
        DataLayout d = grid(6, 64, wave, 0);
        assertTrue(SamplingWarnings.interpolationMiss(
                        d.fields().get("u"), d.shape(), d.axes().get(0), 0)
                > 0.9);
        List<String> w = SamplingWarnings.unpredictableSamples(d, BURGERS, List.of("u"));
        assertEquals(1, w.size(), w.toString());
        assertTrue(
                w.get(0).startsWith("along t, linear interpolation between neighbouring samples of 'u' misses"),
                w.get(0));
        assertTrue(w.get(0).contains("Denser sampling along t"), w.get(0));
    }

    @Test
    void theSameWaveSampledDenselyOrNoisySmoothDataAreNot() {
        DoubleBinaryOperator wave = (t, x) -> Math.sin(3 * Math.PI * x - 12 * t);
        DataLayout dense = grid(40, 64, wave, 0);
        assertTrue(SamplingWarnings.interpolationMiss(
                        dense.fields().get("u"), dense.shape(), dense.axes().get(0), 0)
                < 0.05);
        assertEquals(List.of(), SamplingWarnings.unpredictableSamples(dense, BURGERS, List.of("u")));
        // six samples of a smooth decay at 10 % noise: the noise alone misses by about 0.12
        DoubleBinaryOperator heat = (t, x) -> Math.exp(-Math.PI * Math.PI * 0.1 * t) * Math.sin(Math.PI * x);
        DataLayout noisy = grid(6, 64, heat, 0.1);
        double miss = SamplingWarnings.interpolationMiss(
                noisy.fields().get("u"), noisy.shape(), noisy.axes().get(0), 0);
        assertTrue(miss > 0.05 && miss < 0.3, "miss " + miss);
        assertEquals(List.of(), SamplingWarnings.of(noisy, BURGERS, List.of("u")));
    }

    @Test
    void scatteredPointsAtTheNodesOfAnUnevenGridAreReadAsThatGrid() {
        double[] t = {0, 0.1, 0.35};
        double[] x = {0, 0.5, 1};
        double[][] pts = new double[9][];
        double[] u = new double[9];
        for (int i = 0, r = 8; i < 3; i++)
            for (int j = 0; j < 3; j++, r--) {
                pts[r] = new double[] {t[i], x[j]};
                u[r] = 10 * i + j;
            }
        DataLayout scattered = new DataLayout(List.of("t", "x"), List.of(), Map.of(), true, pts, Map.of("u", u));
        DataLayout grid = SamplingWarnings.productGrid(scattered);
        assertArrayEquals(t, grid.axes().get(0));
        assertArrayEquals(x, grid.axes().get(1));
        assertArrayEquals(
                new double[] {0, 1, 2, 10, 11, 12, 20, 21, 22}, grid.fields().get("u"));

        double[][] replicate = Arrays.copyOf(pts, 10);
        replicate[9] = pts[0];
        double[] u10 = Arrays.copyOf(u, 10);
        DataLayout withReplicate =
                new DataLayout(List.of("t", "x"), List.of(), Map.of(), true, replicate, Map.of("u", u10));
        assertNull(SamplingWarnings.productGrid(withReplicate));
    }
}
