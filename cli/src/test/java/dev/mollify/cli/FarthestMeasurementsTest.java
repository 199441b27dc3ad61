package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gross error in the data is named with its coordinates, in the output and report.md; noisy data without one
 * print no such line. Heat data, u = sin(πx)·e^(−Dπ²t) with D = 0.05 on 33 x × 17 t, 1 % noise.
 */
class FarthestMeasurementsTest {
    @TempDir
    Path dir;

    /** The data with, when {@code outlier}, the value at x = 0.5, t = 0.25 raised by 30 noise σ. */
    private Path data(String name, boolean outlier) throws IOException {
        Rng rng = new Rng(11);
        StringBuilder s = new StringBuilder("x,t,u\n");
        double sigma = 0.01 * 0.45; // about 1 % of the field's spread
        for (int i = 0; i < 17; i++) {
            for (int j = 0; j < 33; j++) {
                double x = j / 32.0, t = 0.5 * i / 16;
                double u = Math.sin(Math.PI * x) * Math.exp(-0.05 * Math.PI * Math.PI * t) + sigma * rng.nextGaussian();
                if (outlier && j == 16 && i == 8) u += 30 * sigma;
                s.append(String.format(Locale.ROOT, "%.17g,%.17g,%.17g%n", x, t, u));
            }
        }
        Path p = dir.resolve(name);
        Files.writeString(p, s);
        return p;
    }

    private CliRunner fit(Path data, Path out) {
        return CliRunner.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D",
                "--time",
                "0",
                "--profile",
                "0",
                "--progress",
                "none",
                "--out",
                out.toString());
    }

    @Test
    void aGrossErrorIsNamedWhereItIs() throws IOException {
        Path out = dir.resolve("outlier");
        CliRunner r = fit(data("outlier.csv", true), out);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("farthest from the fit: u at x=0.500000, t=0.250000: measured"), r.out());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Measurements farthest from the fit"), md);
        assertTrue(Files.readString(out.resolve("report.json")).contains("\"farthestFromFit\""));
    }

    @Test
    void noiseAloneIsNotNamed() throws IOException {
        Path out = dir.resolve("clean");
        CliRunner r = fit(data("clean.csv", false), out);
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.out().contains("farthest from the fit"), r.out());
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Measurements farthest from the fit"));
    }
}
