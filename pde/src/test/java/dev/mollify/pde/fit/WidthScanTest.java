package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.pinn.CoefficientEstimate;
import dev.mollify.pde.pinn.Grid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The δ ladder's rungs and the rule that picks the flattest one. */
class WidthScanTest {
    @Test
    void rungsAreSharesOfEachAxisWithACellFloorAndAQuarterCap() {
        Grid g = new Grid(List.of("t", "x"), List.of(Grid.uniform(0, 48, 32), Grid.uniform(0, 1900, 256)));
        Map<String, Double> w = WidthScan.widthsAt(0.05, g);
        assertEquals(2 * 48.0 / 31, w.get("t"), 1e-12); // 5 % of 48 is under 2 spacings: the floor
        assertEquals(0.05 * 1900, w.get("x"), 1e-12);
        assertEquals(0.01 * 1900, WidthScan.widthsAt(0.01, g).get("x"), 1e-12); // above 2 spacings (14.9)
        assertEquals(1900 / 4.0, WidthScan.widthsAt(0.9, g).get("x"), 1e-12);
        // the same in other units: every width scales with its axis
        Grid other = new Grid(List.of("t", "x"), List.of(Grid.uniform(0, 48 * 3600, 32), Grid.uniform(0, 1.9, 256)));
        Map<String, Double> w2 = WidthScan.widthsAt(0.05, other);
        assertEquals(w.get("t") * 3600, w2.get("t"), 1e-9 * w2.get("t"));
        assertEquals(w.get("x") * 1e-3, w2.get("x"), 1e-12);
    }

    @Test
    void threeCoordinatesTrainAtLeastAcrossTheDataCell() {
        // the wake window: 49 t × 33 y × 33 x nodes, 5,000 of them measured
        Grid g = new Grid(
                List.of("t", "y", "x"),
                List.of(Grid.uniform(30, 39.6, 49), Grid.uniform(2, 6, 33), Grid.uniform(6, 10, 33)));
        Map<String, Double> rung = Map.of("t", 0.48, "y", 0.25, "x", 0.25);
        Map<String, Double> w = MollifierWidths.atLeastDataCell(rung, g, 5000);
        double spread = Math.cbrt(48.0 * 32 * 32 / 5000); // the data lie 2.14 spacings apart
        assertEquals(Math.sqrt(3) * 0.2 * spread, w.get("t"), 1e-12);
        assertEquals(Math.sqrt(3) * 0.125 * spread, w.get("x"), 1e-12);
        assertEquals(w.get("x"), w.get("y"), 1e-15);
        // wider rungs stay; every node measured: √3 spacings, under the ladder's floor of 2; a quarter of the axis at
        // most
        assertEquals(
                1.0,
                MollifierWidths.atLeastDataCell(Map.of("t", 1.0, "y", 0.25, "x", 0.25), g, 5000)
                        .get("t"));
        assertEquals(rung, MollifierWidths.atLeastDataCell(rung, g, 49 * 33 * 33));
        assertEquals(1.0, MollifierWidths.atLeastDataCell(rung, g, 20).get("x"), 1e-12);
        // the same in other units
        Grid other = new Grid(
                List.of("t", "y", "x"),
                List.of(Grid.uniform(3000, 3960, 49), Grid.uniform(2e-3, 6e-3, 33), Grid.uniform(6e-3, 10e-3, 33)));
        Map<String, Double> w2 =
                MollifierWidths.atLeastDataCell(Map.of("t", 48.0, "y", 2.5e-4, "x", 2.5e-4), other, 5000);
        assertEquals(w.get("t") * 100, w2.get("t"), 1e-9);
        assertEquals(w.get("x") * 1e-3, w2.get("x"), 1e-15);
        // fields of two coordinates keep their rung
        Grid two = new Grid(List.of("t", "x"), List.of(Grid.uniform(0, 1, 64), Grid.uniform(0, 1, 64)));
        Map<String, Double> r2 = Map.of("t", 2.0 / 63, "x", 2.0 / 63);
        assertEquals(r2, MollifierWidths.atLeastDataCell(r2, two, 500));
    }

    @Test
    void theFlattestInteriorRungIsChosen() {
        // noise on the left (estimates jump), smoothing bias on the right (they drift), flat between
        List<Map<String, Double>> v = List.of(
                Map.of("a", 1.3, "b", 2.0),
                Map.of("a", 0.9, "b", 2.1),
                Map.of("a", 1.01, "b", 2.0),
                Map.of("a", 1.0, "b", 2.01),
                Map.of("a", 0.98, "b", 2.05),
                Map.of("a", 0.9, "b", 2.3));
        double[] s = WidthScan.scores(v);
        assertTrue(Double.isNaN(s[0]) && Double.isNaN(s[5]));
        assertEquals(Math.max(Math.abs(1.0 - 0.9) / 1.01, Math.abs(2.01 - 2.1) / 2.0), s[2], 1e-12);
        assertEquals(3, WidthScan.flattest(s));
        // an unknown the data cannot determine (NaN) does not vote
        List<Map<String, Double>> withNaN = List.of(
                Map.of("a", 1.0, "c", Double.NaN),
                Map.of("a", 1.0, "c", Double.NaN),
                Map.of("a", 1.0, "c", Double.NaN));
        assertEquals(0.0, WidthScan.scores(withNaN)[1]);
        assertEquals(-1, WidthScan.flattest(new double[] {Double.NaN, Double.NaN}));
    }

    @Test
    void aRungThatLeavesMoreMisfitIsNotChosenWhenACloserOneCanBe() {
        // the fisher-field ladder: flattest at the third rung, but its misfit is 62 % above the smallest
        double[] score = {Double.NaN, 0.128, 0.060, Double.NaN};
        double[] misfit = {0.0334, 0.0357, 0.0542, 0.0673};
        assertEquals(2, WidthScan.flattest(score));
        assertEquals(1, WidthScan.flattest(score, misfit));
        // within the slack the flattest wins
        assertEquals(2, WidthScan.flattest(score, new double[] {0.0334, 0.0357, 0.040, 0.0673}));
        // no scored rung close to the smallest misfit: every scored rung counts
        assertEquals(2, WidthScan.flattest(score, new double[] {0.01, 0.0357, 0.0542, 0.0673}));
        // a ladder whose every rung leaves most of the equation unexplained: the misfit does not choose
        assertEquals(2, WidthScan.flattest(score, new double[] {0.94, 0.93, 0.90, 0.79}));
        assertEquals(2, WidthScan.flattest(score, new double[] {0.67, 0.80, 0.95, 0.99}));
        // misfits that are not finite are never close
        assertEquals(2, WidthScan.flattest(score, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}));
    }

    @Test
    void anEquationWithoutAFluxTermTrainsAtTheNarrowestRungAndStartsFromTheChosenOne() {
        Grid g = new Grid(List.of("t", "x"), List.of(Grid.uniform(0, 1, 51), Grid.uniform(0, 1, 128)));
        // estimates flat around the fourth rung (f = 0.07)
        double[] a = {1.3, 1.1, 1.02, 1.0, 0.99, 0.9};
        int[] rung = {0};
        for (boolean fluxFree : new boolean[] {true, false}) {
            rung[0] = 0;
            WidthScan scan = WidthScan.run(
                    g,
                    fluxFree,
                    null,
                    route -> null,
                    (p, w) -> new CoefficientEstimate(
                            Map.of("a", a[rung[0]++]), true, new double[] {1}, 1, Map.of(), List.of(), 0.1));
            assertEquals(6, scan.points().size());
            assertEquals(3, scan.chosen());
            assertEquals(fluxFree ? 0 : 3, scan.trained(), "fluxFree " + fluxFree);
            assertEquals(fluxFree ? 0.02 : 0.07, scan.training().fraction(), 1e-12);
        }
    }
}
