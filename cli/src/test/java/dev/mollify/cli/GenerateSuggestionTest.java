package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fit {@code generate} suggests is one the data can answer: for Langevin, u_t = a·u + f(t) with both a
 * and f(t) unknown is not identifiable (f absorbs any change of a), so a is written in with its value and
 * f(t) alone is learned; the suggested command runs.
 */
class GenerateSuggestionTest {
    @TempDir
    Path dir;

    @Test
    void langevinSuggestsLearningTheForcingWithTheRateGiven() throws IOException {
        Path data = dir.resolve("langevin.csv");
        CliRunner g = CliRunner.run(
                "generate", "--problem", "langevin", "--set", "a=1.5", "--grid", "51", "--out", data.toString());
        assertEquals(0, g.code(), g.toString());
        String suggested = "mollify fit --data " + data + " --pde \"u_t = 1.5*u + f(t)\"";
        assertTrue(g.out().contains("  " + suggested + "\n"), g.out());
        assertFalse(g.out().contains("--unknown"), "no coefficient to recover beside f(t):\n" + g.out());
        String sidecar = Files.readString(dir.resolve("langevin.json"));
        assertTrue(sidecar.contains("\"pde\": \"u_t = 1.5*u + f(t)\""), sidecar);
        assertTrue(sidecar.contains("\"truth\": {}"), sidecar);

        CliRunner fit = CliRunner.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = 1.5*u + f(t)",
                "--steps",
                "20",
                "--lbfgs",
                "0",
                "--progress",
                "none",
                "--out",
                dir.resolve("fit").toString());
        assertEquals(0, fit.code(), fit.toString());
        assertTrue(fit.out().contains("unknown fields [f]"), fit.out());
    }
}
