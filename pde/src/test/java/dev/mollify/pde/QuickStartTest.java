package dev.mollify.pde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.fit.DataFit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The root README's "Use it as a library" example, run as written: heat data made from the exact
 * solution, D recovered by {@link DataFit}. A second test fails when the README's copy of the code
 * differs from the lines between the markers below, so the README cannot drift from code that compiles
 * and passes.
 */
class QuickStartTest {
    static final String SECTION = "## Use it as a library", BEGIN = "// README: begin", END = "// README: end";

    @Test
    void recoversTheDiffusivity() {
        long start = System.nanoTime();
        // spotless:off
        // README: begin
        // u(x, t) = sin(πx)·exp(−Dπ²t) solves u_t = D·u_xx; D = 0.1, measured on 33 x × 17 t.
        int nx = 33, nt = 17;
        double[] x = new double[nx * nt], t = new double[nx * nt], u = new double[nx * nt];
        for (int i = 0; i < nx * nt; i++) {
            x[i] = (i % nx) / (nx - 1.0);
            t[i] = (i / nx) / (nt - 1.0);
            u[i] = Math.sin(Math.PI * x[i]) * Math.exp(-0.1 * Math.PI * Math.PI * t[i]);
        }

        DataFit.Result fit = DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {x, t, u}) // one row per point
                .pde("u_t = D*u_xx").unknown("D").positive("D")                // D > 0, started from the data
                .noise(0.01)                                                   // adds 1 % noise (seeded): not for real data
                .hidden(16, 16).adamSteps(300).lbfgsIterations(200)            // small and quick; default: mollify fit's
                .seed(1)
                .build()
                .run();                                                        // Adam, then L-BFGS

        double d = fit.values().get("D");                // 0.1002
        List<String> warnings = fit.warnings();          // what the data cannot vouch for, in words
        // README: end
        // spotless:on
        double seconds = (System.nanoTime() - start) * 1e-9;
        assertEquals(0.1, d, 0.002, "D = " + d + ", warnings " + warnings);
        assertTrue(seconds < 20, "took " + seconds + " s");
    }

    @Test
    void readmeShowsThisCode() throws IOException {
        List<String> test =
                between(Files.readAllLines(Path.of("src/test/java/dev/mollify/pde/QuickStartTest.java")), BEGIN, END);
        List<String> lines = Files.readAllLines(Path.of("../README.md"));
        int section = lines.indexOf(SECTION);
        assertTrue(section >= 0, "README.md has no line '" + SECTION + "'");
        List<String> readme = between(lines.subList(section, lines.size()), "```java", "```");
        assertEquals(
                String.join("\n", test),
                String.join("\n", readme),
                "README.md's \"Use it as a library\" code differs from QuickStartTest: copy the lines between the markers");
    }

    /** The lines after the first line equal to {@code begin} (trimmed) up to {@code end}, without their common indent. */
    static List<String> between(List<String> lines, String begin, String end) {
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (from < 0 && lines.get(i).trim().equals(begin)) {
                from = i + 1;
            } else if (from >= 0 && lines.get(i).trim().equals(end)) {
                List<String> body = new ArrayList<>(lines.subList(from, i));
                int indent = body.stream()
                        .filter(s -> !s.isBlank())
                        .mapToInt(s -> s.length() - s.stripLeading().length())
                        .min()
                        .orElse(0);
                body.replaceAll(s -> s.isBlank() ? "" : s.substring(indent));
                return body;
            }
        }
        throw new AssertionError("no lines between '" + begin + "' and '" + end + "'");
    }
}
