package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.GradCheck;
import dev.mollify.autograd.Var;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.PointSet;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grids, the three data forms, the sparse interpolation primitive and algebraic recovery. */
class DataAndRecoveryTest {

    static Grid grid() {
        return new Grid(List.of("t", "x"), List.of(Grid.uniform(0, 1, 5), Grid.uniform(-1, 1, 9)));
    }

    /** f(t, x) = 2 + 3t − x + 0.5·t·x, bilinear, so multilinear interpolation is exact. */
    static double f(double t, double x) {
        return 2 + 3 * t - x + 0.5 * t * x;
    }

    static GridField field(Grid g) {
        double[] t = g.axis(0), x = g.axis(1);
        double[] v = new double[g.size()];
        for (int i = 0; i < t.length; i++) for (int j = 0; j < x.length; j++) v[i * x.length + j] = f(t[i], x[j]);
        return new GridField("bilinear", "u", g.axisNames(), g.axes(), v, Map.of(), "");
    }

    @Test
    void gridExtendsAndListsPointsRowMajor() {
        Grid g = grid();
        Grid e = g.extend(1, 2);
        assertArrayEquals(new int[] {7, 13}, e.shape());
        assertEquals(-0.25, e.axis(0)[0], 1e-15);
        assertEquals(-1.5, e.axis(1)[0], 1e-15);
        assertEquals(g.spacing(1), e.spacing(1), 1e-15);
        Tensor p = g.points(List.of("x", "t"));
        assertArrayEquals(new int[] {45, 2}, p.shape());
        assertEquals(-0.75, p.get(1, 0), 1e-15); // x moves fastest
        assertEquals(0.25, p.get(9, 1), 1e-15); // second row of t
        assertThrows(IllegalArgumentException.class, () -> new Grid(List.of("x"), List.of(new double[] {0, 1, 3})));
    }

    @Test
    void scatteredInterpolationIsExactForBilinearFields() {
        Grid g = grid();
        GridField u = field(g);
        double[][] pts = {{0.1, 0.3}, {0.9, -0.95}, {1.0, 1.0}, {0.0, -1.0}, {0.5, 0.0}};
        double[] data = new double[pts.length * 3];
        for (int r = 0; r < pts.length; r++) {
            data[r * 3] = pts[r][1];
            data[r * 3 + 1] = pts[r][0];
            data[r * 3 + 2] = f(pts[r][0], pts[r][1]);
        }
        Observations obs = Observations.points(new PointSet("p", List.of("x", "t", "u"), data, Map.of(), ""));
        SparseMatrix a = obs.on(g);
        double[] y = a.multiply(u.values());
        assertArrayEquals(obs.targets().toDoubleArray(), y, 1e-13);
        assertThrows(
                IllegalArgumentException.class,
                () -> obs.on(new Grid(List.of("t", "x"), List.of(Grid.uniform(0, 0.5, 3), Grid.uniform(-1, 1, 3)))));
    }

    @Test
    void maskedDataSelectTheObservedNodes() {
        Grid g = grid();
        GridField u = field(g);
        boolean[] mask = new boolean[g.size()];
        for (int i = 0; i < mask.length; i += 3) mask[i] = true;
        Observations obs = Observations.masked(u, mask);
        assertEquals(15, obs.count());
        assertArrayEquals(obs.targets().toDoubleArray(), obs.on(g).multiply(u.values()), 0);
        Tensor loc = obs.locations(List.of("x", "t"));
        assertEquals(g.axis(1)[3], loc.get(1, 0), 1e-15);
        PointSet pts = Sampling.randomPoints(u, 10, 3);
        Observations sc = Observations.points(pts);
        assertArrayEquals(sc.targets().toDoubleArray(), sc.on(g).multiply(u.values()), 1e-12);
    }

    @Test
    void sparseProductGradientsAreItsTranspose() {
        Grid g = new Grid(List.of("t", "x"), List.of(Grid.uniform(0, 1, 3), Grid.uniform(0, 1, 4)));
        SparseMatrix a = Interpolation.multilinear(g, new double[][] {{0.2, 0.7}, {0.5, 0.1}, {1, 0.4}});
        Tensor x = Tensor.randn(5, 12);
        GradCheck.gradcheck(v -> a.apply(v.get(0)).square().sum(), x);
        GradCheck.gradgradcheck(v -> a.apply(v.get(0)).pow(3.0).sum(), x);
        assertEquals(12, a.transpose().rows());
        assertArrayEquals(new int[] {3}, a.apply(Var.constant(x)).shape());
    }

    @Test
    void algebraicRecoveryMasksSmallOperatorValues() {
        double[] du = {1, -2, 0.001, 4, 0, -0.5};
        double[] ut = new double[du.length];
        for (int i = 0; i < du.length; i++) ut[i] = 0.3 * du[i];
        ut[2] = 5; // would give λ = 5000 if not masked
        AlgebraicRecovery.Result r = AlgebraicRecovery.separable(Tensor.of(ut, 2, 3), Tensor.of(du, 2, 3), 0.1);
        assertEquals(4, r.kept());
        assertEquals(0.3, r.median(), 1e-15);
        assertEquals(0.3, r.leastSquares(), 1e-15);
        assertTrue(Double.isNaN(r.field().get(0, 2)) && Double.isNaN(r.field().get(1, 1)));
        assertArrayEquals(new int[] {2, 3}, r.field().shape());
        assertThrows(
                IllegalArgumentException.class,
                () -> AlgebraicRecovery.separable(Tensor.zeros(3), Tensor.zeros(3), 0.1));
    }
}
