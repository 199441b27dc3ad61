package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.fit.DataSidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mollify fit --ensemble N}: the console lines, report.json's {@code ensemble}, report.md and the plot. */
class EnsembleCommandTest {
    @TempDir
    Path dir;

    @Test
    void anEnsembleIsReportedOnTheConsoleInTheReportAndInThePlot() throws IOException {
        Path data = dir.resolve("heat.csv");
        CliRunner g = CliRunner.run(
                "generate",
                "--problem",
                "heat",
                "--grid",
                "20x17",
                "--noise",
                "0.02",
                "--seed",
                "2",
                "--out",
                data.toString());
        assertEquals(0, g.code(), g.toString());
        Path out = dir.resolve("fit");
        CliRunner f = CliRunner.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D:positive",
                "--hidden",
                "8,8",
                "--steps",
                "100",
                "--lbfgs",
                "20",
                "--delta",
                "0.2",
                "--ensemble",
                "3",
                "--seed",
                "4",
                "--progress",
                "none",
                "--out",
                out.toString());
        assertEquals(0, f.code(), f.toString());
        assertTrue(f.out().contains("ensemble: 3 refits of the same data, seeds 4–6"), f.out());
        assertTrue(f.out().contains("ensemble of 3 (half of the grid nodes, drawn without replacement)"), f.out());
        assertTrue(
                f.out()
                        .matches(
                                "(?s).*\nD +[0-9.]+ ± [0-9.e-]+ +\\[[0-9.]+, [0-9.]+\\] +(covers|misses) the truth\n.*"),
                f.out());

        Map<?, ?> report = (Map<?, ?>) DataSidecar.parseJson(Files.readString(out.resolve("report.json")));
        Map<?, ?> e = (Map<?, ?>) report.get("ensemble");
        assertEquals(3.0, ((Number) e.get("members")).doubleValue());
        assertEquals(0.95, ((Number) e.get("level")).doubleValue());
        assertEquals("half-grid", e.get("resample"));
        assertEquals(
                List.of(4.0, 5.0, 6.0),
                ((List<?>) e.get("seeds"))
                        .stream().map(s -> ((Number) s).doubleValue()).toList());
        Map<?, ?> d = (Map<?, ?>) ((Map<?, ?>) e.get("unknowns")).get("D");
        double mean = ((Number) d.get("mean")).doubleValue(), lo = ((Number) d.get("lo")).doubleValue();
        double hi = ((Number) d.get("hi")).doubleValue(), sd = ((Number) d.get("sd")).doubleValue();
        assertTrue(lo <= mean && mean <= hi && hi > lo && sd > 0, d.toString());
        assertEquals(3, ((List<?>) d.get("values")).size());
        assertEquals(lo <= 0.1 && 0.1 <= hi, d.get("covers"), d.toString());
        assertTrue(Files.readString(out.resolve("report.md")).contains("| D | "), "report.md");
        assertTrue(Files.size(out.resolve("unknowns.png")) > 0);
    }
}
