package dev.mollify.cli.report;

import dev.mollify.cli.data.AtomicFile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * PNG plots of a run, drawn headless: line charts with XChart, field maps as plain images with a
 * colour bar (a grid of 10⁴–10⁵ cells is an image, not a chart of categories).
 */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** Loads the AWT and font classes now (they register JVM shutdown hooks when first used). */
    public static void warmUp() {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.getFontMetrics().stringWidth("0");
        g.dispose();
        new XYChartBuilder().width(10).height(10).build();
    }

    /** Several series against a common x, e.g. the loss terms over the steps. */
    public static void lines(Path file, String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series,
                             boolean logY, Map<String, Double> horizontalLines) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(series.size() + horizontalLines.size() > 1);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] y = logY ? positive(e.getValue()) : finite(e.getValue());
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.NONE);
        }
        for (Map.Entry<String, Double> e : horizontalLines.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey(), new double[] {x[0], x[x.length - 1]}, new double[] {e.getValue(), e.getValue()});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        AtomicFile.write(png(file), true, tmp -> BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG));
    }

    /** One small chart per series (their scales differ, e.g. u and u_xxxx), two per row. */
    public static void panels(Path file, String title, String xLabel, double[] x, Map<String, double[]> series) throws IOException {
        java.util.List<XYChart> charts = new java.util.ArrayList<>();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            XYChart c = new XYChartBuilder().width(560).height(300).title(e.getKey()).xAxisTitle(xLabel).build();
            c.getStyler().setLegendVisible(false);
            c.getStyler().setChartBackgroundColor(Color.WHITE);
            c.addSeries(e.getKey(), x, finite(e.getValue())).setMarker(SeriesMarkers.NONE);
            charts.add(c);
        }
        int rows = (charts.size() + 1) / 2;
        AtomicFile.write(png(file), true, tmp -> BitmapEncoder.saveBitmap(charts, rows, Math.min(2, charts.size()), tmp.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * A field on a 2-D grid as a colour map: {@code values} row-major with {@code rows} rows (the slow
     * axis, drawn upwards) and {@code cols} columns; NaN cells are grey.
     */
    public static void map(Path file, String title, double[] values, int rows, int cols, String rowAxis, double[] rowRange,
                           String colAxis, double[] colRange) throws IOException {
        int w = 900, h = 560, left = 80, right = 130, top = 50, bottom = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) hi = lo + 1;
        int pw = w - left - right, ph = h - top - bottom;
        for (int py = 0; py < ph; py++) {
            int r = Math.min(rows - 1, (int) ((ph - 1 - py) * (long) rows / ph));
            for (int px = 0; px < pw; px++) {
                int c = Math.min(cols - 1, (int) (px * (long) cols / pw));
                double v = values[r * cols + c];
                img.setRGB(left + px, top + py, Double.isFinite(v) ? viridis((v - lo) / (hi - lo)) : 0xb0b0b0);
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(fmt(colRange[0]), left, top + ph + 18);
        String hiCol = fmt(colRange[1]);
        g.drawString(hiCol, left + pw - g.getFontMetrics().stringWidth(hiCol), top + ph + 18);
        g.drawString(colAxis, left + pw / 2, top + ph + 40);
        g.drawString(fmt(rowRange[1]), 8, top + 12);
        g.drawString(fmt(rowRange[0]), 8, top + ph);
        g.drawString(rowAxis, 30, top + ph / 2);
        int bx = w - right + 30;
        for (int py = 0; py < ph; py++) {
            g.setColor(new Color(viridis(1 - py / (double) (ph - 1))));
            g.drawLine(bx, top + py, bx + 20, top + py);
        }
        g.setColor(Color.BLACK);
        g.drawRect(bx, top, 20, ph);
        g.drawString(fmt(hi), bx + 26, top + 12);
        g.drawString(fmt(lo), bx + 26, top + ph);
        g.dispose();
        AtomicFile.write(png(file), tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) throw new java.io.IOException("no PNG writer in this Java");
        });
    }

    /** The file with {@code .png} at the end (added when missing, as the chart encoder does). */
    private static Path png(Path file) {
        return file.getFileName().toString().endsWith(".png") ? file : file.resolveSibling(file.getFileName() + ".png");
    }

    /** The viridis colour map at t ∈ [0, 1], from five anchor colours, linearly interpolated. */
    static int viridis(double t) {
        int[][] anchors = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        t = Math.max(0, Math.min(1, t)) * (anchors.length - 1);
        int i = Math.min(anchors.length - 2, (int) t);
        double f = t - i;
        int rgb = 0;
        for (int k = 0; k < 3; k++) rgb = rgb << 8 | (int) Math.round(anchors[i][k] + f * (anchors[i + 1][k] - anchors[i][k]));
        return rgb;
    }

    private static double[] positive(double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) out[i] = Double.isFinite(y[i]) && y[i] > 0 ? y[i] : Double.NaN;
        return out;
    }

    private static double[] finite(double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) out[i] = Double.isFinite(y[i]) ? y[i] : Double.NaN;
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
