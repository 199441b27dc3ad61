package dev.mollify.examples.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Small helpers for the plots of chapters 5–9: a 600×400 XY chart, and writing it as a PNG under
 * {@code examples/target/guide/} (from the repository root or from the examples module). The chapters
 * show copies of these files kept in {@code docs/guide/img/}.
 */
final class ChartFiles {
    private ChartFiles() {}

    /** A 600×400 line chart with the legend inside, top right. */
    static XYChart chart(String title, String xTitle, String yTitle) {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(600).height(400).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(4);
        return c;
    }

    /** Adds a line without markers. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** Adds points without a line. */
    static XYSeries points(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return s;
    }

    /** Writes the chart as {@code NAME.png} under examples/target/guide and returns the file. */
    static Path save(XYChart c, String name) {
        Path dir = Files.isDirectory(Path.of("examples", "src")) ? Path.of("examples", "target", "guide") : Path.of("target", "guide");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + name + ".png under " + dir.toAbsolutePath(), e);
        }
    }
}
