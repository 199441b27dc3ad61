package dev.mollify.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fits of a sweep ({@code --jobs N}) draw their plots at the same time in one JVM. Every kind of
 * figure the report draws (a log-scale chart with a marker, panels of charts, maps on a shared and a
 * diverging scale) is drawn by several threads at once, each into its own folder, released together (first
 * on a fresh JVM: the font and AWT classes load under contention, as in a sweep), then alone; every file
 * must be a PNG of the same pixels and the same bytes as the one drawn alone.
 */
class ConcurrentPlotsTest {
    private static final int THREADS = 3;
    private static final int ROUNDS = 2;

    @TempDir
    Path dir;

    @Test
    void plotsDrawnByManyThreadsAtOnceEqualThoseDrawnAlone() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<?>> drawn = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                drawn.add(pool.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        Path out = dir.resolve("thread-" + thread + "-round-" + round);
                        Files.createDirectories(out);
                        start.await(60, TimeUnit.SECONDS); // every thread starts each round together
                        drawAll(out);
                    }
                    return null;
                }));
            }
            for (Future<?> f : drawn) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        Path alone = dir.resolve("alone");
        Files.createDirectories(alone);
        drawAll(alone);
        Map<String, byte[]> expected = files(alone);
        assertEquals(5, expected.size(), expected.keySet().toString());

        for (int t = 0; t < THREADS; t++) {
            for (int round = 0; round < ROUNDS; round++) {
                Path out = dir.resolve("thread-" + t + "-round-" + round);
                Map<String, byte[]> got = files(out);
                assertEquals(expected.keySet(), got.keySet(), out.toString());
                for (String name : expected.keySet()) {
                    BufferedImage want = decode(alone.resolve(name)), have = decode(out.resolve(name));
                    assertEquals(want.getWidth(), have.getWidth(), out + "/" + name);
                    assertEquals(want.getHeight(), have.getHeight(), out + "/" + name);
                    assertArrayEquals(pixels(want), pixels(have), out + "/" + name + ": other pixels");
                    assertArrayEquals(expected.get(name), got.get(name), out + "/" + name + ": other bytes");
                }
            }
        }
    }

    /** The five figures of a report: loss, unknowns, a learned field beside its truth, data and residual maps. */
    private static void drawAll(Path out) throws IOException {
        int n = 400;
        double[] steps = new double[n], data = new double[n], pde = new double[n], a = new double[n], b = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i + 1;
            data[i] = Math.exp(-i / 80.0) + 1e-4;
            pde[i] = 0.1 * Math.exp(-i / 40.0) + 1e-5;
            a[i] = 1 - Math.exp(-i / 60.0);
            b[i] = 0.003 * a[i] + 1e-4 * Math.sin(i / 7.0);
        }
        Map<String, double[]> loss = new LinkedHashMap<>();
        loss.put("data", data);
        loss.put("pde", pde);
        Plots.Marker handover = new Plots.Marker(301, "Adam → L-BFGS at step 301");
        Plots.lines(out.resolve("loss"), "loss", "step", "loss", steps, loss, true, Map.of(), handover);

        Plots.Series truthA = new Plots.Series("a truth", new double[] {1, n}, new double[] {1, 1}, true);
        Plots.panels(
                out.resolve("unknowns"),
                "Unknown coefficients",
                List.of(
                        new Plots.Panel(
                                "a",
                                "step",
                                "a",
                                false,
                                List.of(new Plots.Series("a", steps, a, false), truthA),
                                handover),
                        new Plots.Panel(
                                "b", "step", "b", false, List.of(new Plots.Series("b", steps, b, false)), handover)),
                1,
                900,
                300);

        int rows = 21, cols = 33;
        double[] u = new double[rows * cols], fit = new double[rows * cols], residual = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = c / (cols - 1.0), t = r / (rows - 1.0);
                u[r * cols + c] = Math.exp(-t) * Math.sin(Math.PI * x);
                fit[r * cols + c] = u[r * cols + c] + 0.01 * Math.cos(7 * x + 3 * t);
                residual[r * cols + c] = fit[r * cols + c] - u[r * cols + c];
            }
        }
        u[5] = Double.NaN; // a cell not measured: grey
        residual[cols + 1] = 0.5; // one sharp spot beyond the 99th percentile
        Plots.MapGrid grid = new Plots.MapGrid(rows, cols, "t", new double[] {0, 1}, "x", new double[] {0, 1});
        Plots.map(
                out.resolve("field-k"),
                "k(x, t)",
                List.of(new Plots.MapPanel("learned", fit), new Plots.MapPanel("truth (k_true)", u)),
                grid,
                Plots.Scale.over("k, one scale for both", fit, u));
        Plots.map(
                out.resolve("data"),
                "data u",
                List.of(new Plots.MapPanel("", u)),
                grid,
                Plots.Scale.over("u (same colours in data.png and fitted.png)", u, fit));
        Plots.map(
                out.resolve("residual"),
                "PDE residual",
                List.of(new Plots.MapPanel("", residual)),
                grid,
                Plots.Scale.robustSymmetric("residual", residual, 0.99));
    }

    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        try (var list = Files.list(folder)) {
            for (Path p : list.toList()) out.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return out;
    }

    /** The image in a PNG file; fails when it is not one. */
    private static BufferedImage decode(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " is not a readable PNG");
        return img;
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
