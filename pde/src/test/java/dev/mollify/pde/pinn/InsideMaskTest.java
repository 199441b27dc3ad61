package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link CoefficientEstimate#inside}: the points a kernel of width δ can reach without leaving the data. */
class InsideMaskTest {
    private static double[] line(double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * i / (n - 1);
        return v;
    }

    @Test
    void keepsPointsAtLeastDeltaFromEveryEnd() {
        Grid g = new Grid(List.of("t", "x"), List.of(line(0, 1, 11), line(-2, 2, 21))); // h_t = 0.1, h_x = 0.2
        boolean[] keep = CoefficientEstimate.inside(g, Map.of("t", 0.2, "x", 0.4));
        int kept = 0;
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 21; j++) {
                boolean expected = i >= 2 && i <= 8 && j >= 2 && j <= 18;
                assertEquals(expected, keep[i * 21 + j], "t node " + i + ", x node " + j);
                if (expected) kept++;
            }
        }
        assertEquals(7 * 17, kept);
    }

    @Test
    void anAxisWithoutWidthKeepsEveryNode() {
        Grid g = new Grid(List.of("t", "x"), List.of(line(0, 1, 11), line(0, 1, 11)));
        boolean[] keep = CoefficientEstimate.inside(g, Map.of("x", 0.1));
        assertTrue(keep[0 * 11 + 1]); // t at its end, x one cell inside
        assertFalse(keep[5 * 11]); // x at its end
    }

    @Test
    void tooFewInsideMeansEveryPoint() {
        Grid g = new Grid(List.of("t", "x"), List.of(line(0, 1, 11), line(0, 1, 11)));
        assertNull(CoefficientEstimate.inside(g, Map.of("t", 0.4, "x", 0.4))); // 3 × 3 = 9 < 16
    }
}
