package dev.mollify.jmh.scaling;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG charts, drawn headless with XChart: each sweep's time against size on log-log axes
 * with its fitted power laws dashed, and the roofline with the kernels' measured points.
 */
final class ScalingCharts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Tableau 10, for the curves in order. */
    private static final Color[] PALETTE = {
        new Color(31, 119, 180),
        new Color(255, 127, 14),
        new Color(44, 160, 44),
        new Color(214, 39, 40),
        new Color(148, 103, 189),
        new Color(140, 86, 75),
        new Color(227, 119, 194),
        new Color(127, 127, 127)
    };

    private static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private ScalingCharts() {}

    /**
     * Time per call against size, log-log: each curve with markers, its fit C·size^p dashed
     * (legend {@code name (p = …)}).
     *
     * @param sweep the sweep
     * @param png the file to write
     * @throws IOException when it cannot be written
     */
    static void sweep(Sweep sweep, Path png) throws IOException {
        XYChart chart = chart(sweep.title(), sweep.sizeLabel(), "time per call (s)");
        int c = 0;
        for (Sweep.Series s : sweep.series()) {
            Color colour = PALETTE[c++ % PALETTE.length];
            PowerFit fit = s.fit();
            String name =
                    fit == null ? s.name() : String.format(Locale.ROOT, "%s (p = %.2f)", s.name(), fit.exponent());
            XYSeries data = chart.addSeries(name, s.sizes(), s.seconds());
            data.setMarker(SeriesMarkers.CIRCLE);
            data.setLineColor(colour);
            data.setMarkerColor(colour);
            if (fit != null) {
                double[] x = {fit.minSize(), fit.maxSize()};
                XYSeries line = chart.addSeries(s.name() + " fit", x, new double[] {fit.at(x[0]), fit.at(x[1])});
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(colour);
                line.setLineStyle(DASHED);
                line.setShowInLegend(false);
            }
        }
        save(chart, png);
    }

    /**
     * The roofline min(peak, I·bandwidth) of F64 and F32 over intensities I, and the measured points
     * (I, achieved GFLOP/s), one series per curve of the sweeps given.
     *
     * @param roof the machine's limits
     * @param sweeps the sweeps whose points count FLOPs and bytes
     * @param png the file to write
     * @throws IOException when it cannot be written
     */
    static void roofline(Roofline roof, List<Sweep> sweeps, Path png) throws IOException {
        XYChart chart = chart("Roofline", "arithmetic intensity (FLOP per byte of least traffic)", "GFLOP/s");
        double lo = 0.1, hi = 1000;
        for (Sweep sw : sweeps) {
            for (Sweep.Series s : sw.series()) {
                for (Sweep.Point p : s.points()) {
                    if (Double.isFinite(p.intensity())) {
                        lo = Math.min(lo, p.intensity() / 2);
                        hi = Math.max(hi, p.intensity() * 2);
                    }
                }
            }
        }
        int c = 0;
        for (String dtype : new String[] {"F64", "F32"}) {
            double[] x = {lo, roof.ridge(dtype), hi};
            double[] y = {roof.attainable(lo, dtype), roof.peak(dtype), roof.peak(dtype)};
            XYSeries line = chart.addSeries(
                    String.format(
                            Locale.ROOT,
                            "%s roof (%.0f GFLOP/s, %.1f GB/s)",
                            dtype,
                            roof.peak(dtype),
                            roof.bandwidth()),
                    x,
                    y);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(dtype.equals("F64") ? Color.DARK_GRAY : Color.GRAY);
            line.setLineStyle(DASHED);
        }
        for (Sweep sw : sweeps) {
            for (Sweep.Series s : sw.series()) {
                double[] x =
                        s.points().stream().mapToDouble(Sweep.Point::intensity).toArray();
                double[] y =
                        s.points().stream().mapToDouble(Sweep.Point::gflops).toArray();
                if (x.length == 0 || !Double.isFinite(x[0] + y[0])) continue;
                XYSeries pts = chart.addSeries(sw.id() + " " + s.name(), x, y);
                pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                Color colour = PALETTE[c++ % PALETTE.length];
                pts.setMarker(SeriesMarkers.CIRCLE);
                pts.setMarkerColor(colour);
            }
        }
        save(chart, png);
    }

    private static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(600)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        chart.getStyler()
                .setXAxisLogarithmic(true)
                .setYAxisLogarithmic(true)
                .setLegendPosition(Styler.LegendPosition.InsideNW)
                .setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void save(XYChart chart, Path png) throws IOException {
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
