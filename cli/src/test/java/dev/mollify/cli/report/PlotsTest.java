package dev.mollify.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.train.Phase;
import dev.mollify.autograd.train.StepRecord;
import dev.mollify.autograd.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tick routine, the colour scales and the pieces of the report's plots. */
class PlotsTest {
    @TempDir
    Path dir;

    /** Each tick lies in [lo, hi], they are evenly spaced by 1, 2 or 5 times a power of ten, and each is a multiple of the spacing. */
    private static double assertRound(double[] t, double lo, double hi) {
        assertTrue(t.length >= 2, "at least two ticks in [" + lo + ", " + hi + "]");
        double step = t[1] - t[0];
        double p = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
        double m = step / p;
        assertTrue(Math.abs(m - 1) < 1e-9 || Math.abs(m - 2) < 1e-9 || Math.abs(m - 5) < 1e-9, "spacing " + step);
        for (int i = 0; i < t.length; i++) {
            assertTrue(t[i] >= lo - 1e-12 && t[i] <= hi + 1e-12, t[i] + " in [" + lo + ", " + hi + "]");
            assertEquals(Math.round(t[i] / step), t[i] / step, 1e-6, t[i] + " a multiple of " + step);
            if (i > 0) assertEquals(step, t[i] - t[i - 1], step * 1e-9);
        }
        return step;
    }

    @Test
    void ticksAreRoundNumbers() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}, Plots.ticks(0, 1, 5), 1e-12);
        assertEquals(
                50, assertRound(Plots.ticks(1, 350, 8), 1, 350), 1e-12); // steps 1…350: 50, 100, … not 1, 15, 29, …
        assertEquals(0.2, assertRound(Plots.ticks(-0.9997, 0.9997, 8), -0.9997, 0.9997), 1e-12);
        assertEquals(5e-4, assertRound(Plots.ticks(0.000726, 0.00318, 5), 0.000726, 0.00318), 1e-15);
        assertRound(Plots.ticks(-17.3, 4.2e3, 6), -17.3, 4.2e3);
        assertRound(Plots.ticks(1e-7, 3e-7, 4), 1e-7, 3e-7);
        double[] sym = Plots.ticks(-0.17, 0.17, 8);
        assertEquals(0.05, assertRound(sym, -0.17, 0.17), 1e-12);
        assertTrue(java.util.Arrays.stream(sym).anyMatch(v -> v == 0), "0 itself, not -0.0 or 1e-17");
        assertArrayEquals(new double[] {2.5}, Plots.ticks(2.5, 2.5, 5));
        assertArrayEquals(Plots.ticks(0, 10, 5), Plots.ticks(10, 0, 5));
        assertEquals(0, Plots.ticks(Double.NaN, 1, 5).length);
    }

    @Test
    void niceStepsAndLabels() {
        assertEquals(1, Plots.niceStep(1.2), 1e-12);
        assertEquals(2, Plots.niceStep(2.5), 1e-12);
        assertEquals(5, Plots.niceStep(4), 1e-12);
        assertEquals(10, Plots.niceStep(8), 1e-12);
        assertEquals(0.05, Plots.niceStep(0.0425), 1e-15);
        assertEquals("0", Plots.tickLabel(0, 0.5));
        assertEquals("-0.5", Plots.tickLabel(-0.5, 0.5));
        assertEquals("1.0", Plots.tickLabel(1, 0.5));
        assertEquals("150", Plots.tickLabel(150, 50));
        assertEquals("0.0025", Plots.tickLabel(0.0025, 5e-4));
        assertEquals("4e-6", Plots.tickLabel(4e-6, 1e-6));
        assertEquals("1.5e-5", Plots.tickLabel(1.5e-5, 5e-6));
        assertEquals("2e6", Plots.tickLabel(2e6, 1e6));
        assertEquals("0.##", Plots.decimalPattern(-1, 1));
        assertEquals("0.###E0", Plots.decimalPattern(1e-7, 3e-7));
        assertEquals("0", Plots.decimalPattern(1, 350));
    }

    @Test
    void divergingScaleIsSymmetricAboutZero() {
        Plots.Scale s = Plots.Scale.symmetric("r", new double[] {-0.3, 0.1, Double.NaN, 2});
        assertEquals(-2, s.lo());
        assertEquals(2, s.hi());
        assertTrue(s.diverging());
        assertEquals(0xf7f7f7, s.rgb(0), "0 is white");
        for (double v : new double[] {0.1, 0.5, 1, 2}) {
            int blue = s.rgb(-v), red = s.rgb(v);
            assertTrue((blue & 0xff) > (blue >> 16), "-" + v + " is blue: " + Integer.toHexString(blue));
            assertTrue((red >> 16) > (red & 0xff), v + " is red: " + Integer.toHexString(red));
            // equal magnitudes are equally far from white, channel for channel within the palette's own asymmetry
            assertEquals(distanceFromWhite(blue), distanceFromWhite(red), 0.25 * distanceFromWhite(red) + 8, "±" + v);
        }
        assertTrue(distanceFromWhite(s.rgb(2)) > distanceFromWhite(s.rgb(1)), "stronger further out");
        assertEquals(s.rgb(-2), s.rgb(-5), "clamped beyond the range");
        assertEquals(0xb0b0b0, s.rgb(Double.NaN));
        Plots.Scale zero = Plots.Scale.symmetric("r", new double[] {0, 0});
        assertTrue(zero.hi() > 0 && zero.lo() == -zero.hi());
    }

    @Test
    void oneSharpSpotDoesNotSetTheResidualRange() {
        double[] r = new double[1000];
        for (int i = 0; i < r.length; i++) r[i] = 0.01 * Math.sin(i);
        r[500] = 5; // a shock
        Plots.Scale s = Plots.Scale.robustSymmetric("residual", r, 0.99);
        assertTrue(s.hi() < 0.011 && s.lo() == -s.hi(), "range ±" + s.hi());
        assertTrue(s.label().contains("99th pct") && s.label().contains("max 5"), s.label());
        assertEquals(s.rgb(s.hi()), s.rgb(5), "beyond the range: the end colour");
        double[] calm = {-0.3, 0.1, 0.2};
        assertEquals(
                Plots.Scale.symmetric("r", calm),
                Plots.Scale.robustSymmetric("r", calm, 0.99),
                "nothing to clip: ±max|v|");
    }

    private static double distanceFromWhite(int rgb) {
        int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
        return Math.sqrt((247 - r) * (247 - r) + (247 - g) * (247 - g) + (247 - b) * (247 - b));
    }

    @Test
    void dataAndFitShareOneScale() throws IOException {
        double[] data = {0, 1, Double.NaN, 3};
        double[] fit = {-1, 1, 2, 5};
        Plots.Scale s = Plots.Scale.over("u", data, fit);
        assertEquals(-1, s.lo());
        assertEquals(5, s.hi());
        assertEquals(s.rgb(1), Plots.Scale.over("u", fit, data).rgb(1));
        Plots.MapGrid grid = new Plots.MapGrid(2, 2, "t", new double[] {0, 1}, "x", new double[] {0, 1});
        Plots.map(dir.resolve("data.png"), "data", List.of(new Plots.MapPanel("", data)), grid, s);
        Plots.map(dir.resolve("fitted.png"), "fit", List.of(new Plots.MapPanel("", fit)), grid, s);
        BufferedImage d = ImageIO.read(dir.resolve("data.png").toFile()),
                f = ImageIO.read(dir.resolve("fitted.png").toFile());
        // the second cell of the bottom row holds 1 in both: the same colour; the first holds 0 and -1: different
        int bottom = 50 + 450 - 20, firstCol = 86 + 100, secondCol = 86 + 690 - 100;
        assertEquals(d.getRGB(secondCol, bottom), f.getRGB(secondCol, bottom));
        assertEquals(s.rgb(1), d.getRGB(secondCol, bottom) & 0xffffff);
        assertNotEquals(d.getRGB(firstCol, bottom), f.getRGB(firstCol, bottom));
        assertEquals(0xb0b0b0, d.getRGB(firstCol, 50 + 20) & 0xffffff, "the missing node is grey");
        Plots.Scale flat = Plots.Scale.over("u", new double[] {2, 2});
        assertTrue(flat.lo() < 2 && flat.hi() > 2);
    }

    @Test
    void handoverIsTheFirstLbfgsStep() {
        List<StepRecord> h = new ArrayList<>();
        for (int i = 1; i <= 5; i++)
            h.add(new StepRecord(
                    i,
                    i <= 3 ? Phase.ADAM : Phase.LBFGS,
                    Map.of("data", 1.0 / i),
                    1.0 / i,
                    Map.of("data", 1.0),
                    Map.of("a", 0.1 * i)));
        Plots.Marker m = FitReport.handover(result(h));
        assertEquals(4, m.x());
        assertTrue(m.label().contains("L-BFGS"), m.label());
        assertNull(FitReport.handover(result(h.subList(0, 3))), "Adam alone: no marker");
    }

    private static TrainingResult result(List<StepRecord> h) {
        return new TrainingResult(
                Map.of("a", 0.5), Map.of("data", 0.1), 0.1, Map.of("data", 1.0), h, "completed", 1, -1, 0);
    }

    @Test
    void sectionKeepsTheNamedAxesAtTheFirstNodeOfTheOthers() {
        double[] v = {0, 1, 2, 10, 11, 12}; // shape (2, 3), the last axis fastest
        assertArrayEquals(new double[] {0, 1, 2}, FitReport.section(v, new int[] {2, 3}, List.of(1)));
        assertArrayEquals(new double[] {0, 10}, FitReport.section(v, new int[] {2, 3}, List.of(0)));
        assertArrayEquals(v, FitReport.section(v, new int[] {2, 3}, List.of(0, 1)));
    }

    @Test
    void chartsAndPanelsAreWritten() throws IOException {
        double[] x = new double[350];
        double[] a = new double[350], b = new double[350];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            a[i] = 1 - Math.exp(-i / 50.0);
            b[i] = 0.003 * a[i];
        }
        Plots.Marker m = new Plots.Marker(301, "Adam → L-BFGS at step 301");
        Plots.lines(dir.resolve("loss"), "loss", "step", "loss", x, Map.of("data", b), true, Map.of(), m);
        List<Plots.Panel> panels = List.of(
                new Plots.Panel(
                        "a",
                        "step",
                        "a",
                        false,
                        List.of(
                                new Plots.Series("a", x, a, false),
                                new Plots.Series("truth 1", new double[] {1, 350}, new double[] {1, 1}, true)),
                        m),
                new Plots.Panel("b", "step", "b", false, List.of(new Plots.Series("b", x, b, false)), m));
        Plots.panels(dir.resolve("unknowns"), "Unknown coefficients", panels, 1, 900, 300);
        BufferedImage loss = ImageIO.read(dir.resolve("loss.png").toFile()),
                unk = ImageIO.read(dir.resolve("unknowns.png").toFile());
        assertEquals(900, loss.getWidth());
        assertEquals(900, unk.getWidth());
        assertEquals(44 + 2 * 300, unk.getHeight());
        try (var files = Files.list(dir)) {
            assertEquals(
                    List.of("loss.png", "unknowns.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left");
        }
    }
}
