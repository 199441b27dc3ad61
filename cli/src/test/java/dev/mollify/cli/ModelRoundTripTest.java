package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.safetensors} rebuilt as a {@code torch.nn} model by {@code src/test/python/model_roundtrip.py}
 * reproduces the network's outputs in {@code fields.csv} to 1e-6, on both routes and with a learned field of x
 * alone on an (x, t) grid (its own network, of x only). Runs where Python has
 * PyTorch (Debian: {@code apt-get install python3-torch}); skipped elsewhere.
 */
class ModelRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void pytorchRebuildsTheModel() throws Exception {
        String python = pythonWithTorch();
        assumeTrue(python != null, "no python3 with torch and numpy (Debian: apt-get install python3-torch)");
        Path data = dir.resolve("heat.csv");
        assertEquals(
                0,
                CliRunner.run("generate", "--problem", "heat", "--grid", "17x9", "--out", data.toString())
                        .code());
        for (String route : List.of("mollifier", "autodiff")) {
            Path out = dir.resolve(route);
            CliRunner fit = CliRunner.run(
                    "fit",
                    "--data",
                    data.toString(),
                    "--pde",
                    "u_t = D*u_xx",
                    "--unknown",
                    "D",
                    "--hidden",
                    "8,8",
                    "--steps",
                    "30",
                    "--lbfgs",
                    "5",
                    "--route",
                    route,
                    "--progress",
                    "none",
                    "--out",
                    out.toString());
            assertEquals(0, fit.code(), fit.toString());
            String said = rebuild(python, out);
            assertTrue(said.contains("u: max relative difference") && said.contains("coefficient D = "), said);
            // the coefficient by name, in the data's units: the value report.json gives, to the bit
            java.util.regex.Matcher stored =
                    java.util.regex.Pattern.compile("coefficient D = (\\S+)").matcher(said);
            java.util.regex.Matcher reported = java.util.regex.Pattern.compile("\"D\": \\{\\s*\"value\": ([^,\\s]+)")
                    .matcher(Files.readString(out.resolve("report.json")));
            assertTrue(stored.find() && reported.find(), said);
            assertEquals(Double.parseDouble(reported.group(1)), Double.parseDouble(stored.group(1)), 0.0, said);
        }
    }

    @Test
    void aFieldOfXRebuildsFromItsOwnNetwork() throws Exception {
        String python = pythonWithTorch();
        assumeTrue(python != null, "no python3 with torch and numpy (Debian: apt-get install python3-torch)");
        Path data = dir.resolve("fisher-field.csv");
        assertEquals(
                0,
                CliRunner.run("generate", "--problem", "fisher-field", "--grid", "24x9", "--out", data.toString())
                        .code());
        Path out = dir.resolve("field");
        CliRunner fit = CliRunner.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx + k(x)*u*(1-u)",
                "--unknown",
                "D",
                "--hidden",
                "8,8",
                "--steps",
                "30",
                "--lbfgs",
                "5",
                "--progress",
                "none",
                "--out",
                out.toString());
        assertEquals(0, fit.code(), fit.toString());
        String said = rebuild(python, out);
        assertTrue(said.contains("k: max relative difference"), said);
    }

    /** Runs model_roundtrip.py on a fit's folder; fails unless it exits 0. */
    private static String rebuild(String python, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, "src/test/python/model_roundtrip.py", out.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), said);
        return said;
    }

    /** The first of python3 on the path and the system's /usr/bin/python3 that imports torch and numpy, or null. */
    private static String pythonWithTorch() throws InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import torch, numpy")
                        .redirectErrorStream(true)
                        .start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return python;
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        return null;
    }
}
