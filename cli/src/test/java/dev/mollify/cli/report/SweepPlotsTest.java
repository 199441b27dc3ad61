package dev.mollify.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's summary plots: which settings get a chart, and the mean ± sd over seeds each point shows. */
class SweepPlotsTest {
    @TempDir
    Path dir;

    /** A summary row: route, noise, seed, D's value (truth 0.1), status ok. */
    static Map<String, Object> row(String route, double noise, int seed, double d) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("fit", "fit-" + route + noise + seed);
        r.put("route", route);
        r.put("noise", noise);
        r.put("seed", seed);
        r.put("status", "ok");
        r.put("unknowns", Map.of("D", Map.of("value", d, "truth", 0.1)));
        return r;
    }

    static List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("mollifier", 0.01, 1, 0.100));
        rows.add(row("mollifier", 0.01, 2, 0.102));
        rows.add(row("mollifier", 0.05, 1, 0.104));
        rows.add(row("mollifier", 0.05, 2, 0.098));
        rows.add(row("autodiff", 0.01, 1, 0.101));
        rows.add(row("autodiff", 0.05, 1, 0.110));
        return rows;
    }

    @Test
    void aPointIsTheMeanOverSeedsWithTheirSd() {
        Plots.Panel p = SweepPlots.panel(rows(), List.of("route", "noise", "seed"), "D", "noise");
        assertEquals("D against noise", p.title());
        assertEquals(3, p.series().size()); // one curve per route, then the truth
        Plots.Series moll = p.series().get(0);
        assertEquals("route mollifier", moll.name());
        assertArrayEquals(new double[] {0.01, 0.05}, moll.x());
        assertArrayEquals(new double[] {0.101, 0.101}, moll.y(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(2e-6), Math.sqrt(1.8e-5)}, moll.errors(), 1e-15); // sd of 2 seeds
        Plots.Series auto = p.series().get(1);
        assertArrayEquals(new double[] {0, 0}, auto.errors()); // one seed: no spread
        Plots.Series truth = p.series().get(2);
        assertTrue(truth.dashed() && truth.name().startsWith("truth 0.1"), truth.name());
    }

    @Test
    void onlyNumericSettingsThatVaryGetAChart() throws Exception {
        List<Path> files = SweepPlots.write(dir, rows(), List.of("route", "noise", "seed"), List.of("D"));
        assertEquals(List.of(dir.resolve("sweep-D.png")), files);
        assertTrue(Files.size(files.get(0)) > 1000);
        // seeds only: nothing to draw against
        List<Map<String, Object>> seedsOnly = rows().stream()
                .filter(r -> r.get("noise").equals(0.01) && r.get("route").equals("mollifier"))
                .toList();
        assertEquals(List.of(), SweepPlots.write(dir.resolve("none"), seedsOnly, List.of("seed"), List.of("D")));
        assertFalse(Files.exists(dir.resolve("none")));
    }
}
