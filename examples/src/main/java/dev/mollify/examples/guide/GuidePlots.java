package dev.mollify.examples.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chapters' plots: a 600×400 XY chart, written as a PNG under {@code examples/target/guide/}
 * (whether the example runs from the repository root or from the examples module). The chapters show
 * copies kept in {@code docs/guide/img/}.
 */
final class GuidePlots {
    private GuidePlots() {}

    /** A 600×400 chart on linear axes. */
    static XYChart chart(String title, String xTitle, String yTitle) {
        return chart(title, xTitle, yTitle, false, false);
    }

    /** A 600×400 chart; {@code logX}/{@code logY} switch the axes to log scale. */
    static XYChart chart(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder()
                .width(600)
                .height(400)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(6);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        return c;
    }

    /** A line without markers. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** Points without a line. */
    static XYSeries points(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return s;
    }

    /** A line through markers. */
    static XYSeries markedLine(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    /** Writes {@code NAME.png} under examples/target/guide and returns its path. */
    static Path save(XYChart c, String name) {
        return write(BitmapEncoder.getBufferedImage(c), name);
    }

    /** Writes an image as {@code NAME.png} under examples/target/guide and returns its path. */
    static Path write(java.awt.image.BufferedImage image, String name) {
        Path dir = Files.isDirectory(Path.of("examples", "src"))
                ? Path.of("examples", "target", "guide")
                : Path.of("target", "guide");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + name + ".png under " + dir.toAbsolutePath(), e);
        }
    }
}
