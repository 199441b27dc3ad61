package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate --problem reaction-diffusion writes both fields as data columns and D, k as the truth. */
class ReactionDiffusionGenerateTest {
    @TempDir
    Path dir;

    @Test
    void bothFieldsAreDataColumnsAndTheSidecarHoldsDAndK() throws IOException {
        Path data = dir.resolve("rd.csv");
        CliRunner g = CliRunner.run(
                "generate", "--problem", "reaction-diffusion", "--grid", "64x21", "--out", data.toString());
        assertEquals(0, g.code(), g.toString());
        List<String> lines = Files.readAllLines(data);
        assertEquals("x,t,u,v", lines.get(0));
        assertEquals(1 + 64 * 21, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals(-1.0, Double.parseDouble(first[0]));
        assertEquals(0.0, Double.parseDouble(first[1]));
        assertEquals(1.0, Double.parseDouble(first[2]), 1e-12, "u0(-1) = 1 + 0.5 sin(-pi)");
        assertEquals(0.7, Double.parseDouble(first[3]), 1e-12, "v0(-1) = 0.4 + 0.3 cos(-2 pi)");
        String json = Files.readString(dir.resolve("rd.json"));
        assertTrue(json.contains("\"truth\": {\n    \"D\": 0.01,\n    \"k\": 1.0\n  }"), json);
        assertTrue(json.contains("\"columns\": [\"x\", \"t\", \"u\", \"v\"]"), json);
        assertTrue(
                g.out().contains("--pde \"u_t = D*u_xx - k*u*v^2; v_t = D*v_xx - 2*k*u*v^2\" --unknown D --unknown k"),
                g.out());
    }

    @Test
    void noiseGoesOnEveryMeasuredField() throws IOException {
        Path clean = dir.resolve("clean.csv"), noisy = dir.resolve("noisy.csv");
        for (Path p : List.of(clean, noisy)) {
            CliRunner g = CliRunner.run(
                    "generate",
                    "--problem",
                    "reaction-diffusion",
                    "--grid",
                    "64x21",
                    "--noise",
                    p == clean ? "0" : "0.01",
                    "--out",
                    p.toString());
            assertEquals(0, g.code(), g.toString());
        }
        String[] a = Files.readAllLines(clean).get(5).split(","),
                b = Files.readAllLines(noisy).get(5).split(",");
        for (int c = 2; c < 4; c++) {
            double d = Math.abs(Double.parseDouble(a[c]) - Double.parseDouble(b[c]));
            assertTrue(d > 0 && d < 0.1, "column " + c + ": " + a[c] + " vs " + b[c]);
        }
    }

    @Test
    void listShowsTheParameters() {
        CliRunner g = CliRunner.run("generate", "--problem", "reaction-diffusion", "--list");
        assertEquals(0, g.code(), g.toString());
        assertTrue(g.out().contains("  diffusion = 0.01\n  rate = 1.0\n"), g.out());
        assertTrue(g.out().contains("--grid sets nx x nt"), g.out());
    }
}
