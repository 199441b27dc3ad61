package dev.mollify.cli.report;

import dev.mollify.cli.data.AtomicFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of a run, drawn headless: line charts with XChart, field maps as plain images with a
 * colour bar (a grid of 10⁴–10⁵ cells is an image, not a chart of categories). Axes and colour bars
 * are ticked at round numbers ({@link #ticks}); signed quantities get a diverging colour map centred
 * on 0 ({@link Scale#symmetric}); maps meant to be compared share one {@link Scale}.
 */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color MARKER = new Color(90, 90, 90);
    private static final Color TRUTH = new Color(200, 30, 30);
    /** The fill and edge of a {@link Band}. */
    private static final Color BAND = new Color(31, 119, 180, 60), BAND_EDGE = new Color(31, 119, 180, 140);
    /** Colours of the solid curves, in order (Tableau 10 without its red, which marks a truth). */
    private static final Color[] PALETTE = {
        new Color(31, 119, 180),
        new Color(255, 127, 14),
        new Color(44, 160, 44),
        new Color(148, 103, 189),
        new Color(140, 86, 75),
        new Color(227, 119, 194),
        new Color(127, 127, 127),
        new Color(188, 189, 34),
        new Color(23, 190, 207)
    };

    private Plots() {}

    /**
     * A curve of a chart; dashed ones are references (a truth, the value 1). With {@code errors}, each point
     * is marked and carries an error bar y ± errors[i] (e.g. the spread over seeds).
     *
     * @param name the legend entry
     * @param x the abscissae, as long as {@code y}
     * @param y the values
     * @param dashed true for a dashed reference line (red for a truth), false for a solid curve of the palette
     * @param errors the half-lengths of the error bars, as long as {@code y}, or null for none
     */
    public record Series(String name, double[] x, double[] y, boolean dashed, double[] errors) {
        /**
         * A curve without error bars.
         *
         * @param name the legend entry
         * @param x the abscissae, as long as {@code y}
         * @param y the values
         * @param dashed true for a dashed reference line (red for a truth), false for a solid curve of the palette
         */
        public Series(String name, double[] x, double[] y, boolean dashed) {
            this(name, x, y, dashed, null);
        }
    }

    /**
     * A vertical dashed line at {@code x}, named in the legend by {@code label} (e.g. where Adam hands over to
     * L-BFGS).
     *
     * @param x where the line stands, in the chart's x units
     * @param label the legend entry, e.g. {@code Adam → L-BFGS at step 300}
     */
    public record Marker(double x, String label) {}

    /**
     * One chart: its curves against a common kind of x, with an optional vertical marker (null: none) and
     * horizontal bands (an interval of y across the whole chart, shaded; e.g. an ensemble's interval).
     *
     * @param title the title above the chart
     * @param xLabel the x axis's title
     * @param yLabel the y axis's title
     * @param logY true for a logarithmic y axis (e.g. a loss)
     * @param series the curves, drawn in order
     * @param marker a vertical marker, or null for none
     * @param bands the shaded intervals of y (copied)
     */
    public record Panel(
            String title,
            String xLabel,
            String yLabel,
            boolean logY,
            List<Series> series,
            Marker marker,
            List<Band> bands) {
        /**
         * Copies the bands.
         *
         * @param title the title above the chart
         * @param xLabel the x axis's title
         * @param yLabel the y axis's title
         * @param logY true for a logarithmic y axis (e.g. a loss)
         * @param series the curves, drawn in order
         * @param marker a vertical marker, or null for none
         * @param bands the shaded intervals of y; not null
         */
        public Panel {
            bands = List.copyOf(bands);
        }

        /**
         * A chart without bands.
         *
         * @param title the title above the chart
         * @param xLabel the x axis's title
         * @param yLabel the y axis's title
         * @param logY true for a logarithmic y axis (e.g. a loss)
         * @param series the curves, drawn in order
         * @param marker a vertical marker, or null for none
         */
        public Panel(String title, String xLabel, String yLabel, boolean logY, List<Series> series, Marker marker) {
            this(title, xLabel, yLabel, logY, series, marker, List.of());
        }
    }

    /**
     * The y interval [lo, hi] shaded across a chart, named in the legend.
     *
     * @param name the legend entry, e.g. {@code ensemble 95 % interval (10 members)}
     * @param lo the lower edge, in the chart's y units
     * @param hi the upper edge
     */
    public record Band(String name, double lo, double hi) {}

    /**
     * The colours of a map: values from {@code lo} to {@code hi} (clamped outside), through viridis or,
     * when {@code diverging}, blue–white–red with white at the middle; {@code label} is written beside the colour bar.
     *
     * @param lo the value drawn in the first colour (dark blue; blue when diverging)
     * @param hi the value drawn in the last colour (yellow; red when diverging), above {@code lo}
     * @param diverging true for blue–white–red, false for viridis
     * @param label the quantity's name beside the colour bar; null or empty for none
     */
    public record Scale(double lo, double hi, boolean diverging, String label) {
        /**
         * Viridis over the finite values of all the arrays together (one scale for maps to compare); a constant
         * value is padded by 1 % (by 1 when it is 0), and no finite value at all gives [0, 1].
         *
         * @param label the quantity's name beside the colour bar
         * @param arrays the values to cover; null arrays are skipped
         * @return a viridis scale from the smallest to the largest finite value
         */
        public static Scale over(String label, double[]... arrays) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double[] a : arrays) {
                if (a == null) continue;
                for (double v : a) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (!(lo <= hi)) {
                lo = 0;
                hi = 1;
            } else if (!(hi > lo)) {
                double pad = lo == 0 ? 1 : Math.abs(lo) * 0.01;
                lo -= pad;
                hi += pad;
            }
            return new Scale(lo, hi, false, label);
        }

        /**
         * Blue–white–red over ±max|v| of the finite values: 0 is white, equal magnitudes get equal strength
         * (±1 when every finite value is 0 or there is none).
         *
         * @param label the quantity's name beside the colour bar
         * @param values the values to cover
         * @return a diverging scale symmetric about 0
         */
        public static Scale symmetric(String label, double[] values) {
            double m = 0;
            for (double v : values) if (Double.isFinite(v)) m = Math.max(m, Math.abs(v));
            if (!(m > 0)) m = 1;
            return new Scale(-m, m, true, label);
        }

        /**
         * Blue–white–red over ±m, m the {@code quantile} of |v| over the finite values (e.g. 0.99), so one sharp
         * spot does not wash out the rest; values beyond ±m take the end colours, and the label says so when
         * any do. Falls back to {@link #symmetric} when the quantile is 0 or reaches the largest magnitude.
         *
         * @param label the quantity's name beside the colour bar
         * @param values the values to cover
         * @param quantile the share of finite magnitudes drawn unclipped, in [0, 1]
         * @return a diverging scale symmetric about 0
         */
        public static Scale robustSymmetric(String label, double[] values, double quantile) {
            double[] mags = java.util.Arrays.stream(values)
                    .filter(Double::isFinite)
                    .map(Math::abs)
                    .sorted()
                    .toArray();
            if (mags.length == 0) return symmetric(label, values);
            double m = mags[(int) Math.min(mags.length - 1, Math.ceil(quantile * (mags.length - 1)))];
            double max = mags[mags.length - 1];
            if (!(m > 0) || m >= max) return symmetric(label, values);
            return new Scale(
                    -m,
                    m,
                    true,
                    String.format(Locale.ROOT, "%s (±%.0fth pct of |v|; max %.2g)", label, 100 * quantile, max));
        }

        /**
         * The colour of {@code v}; values outside [lo, hi] take the end colours.
         *
         * @param v the value
         * @return the colour as 0xRRGGBB; grey (0xb0b0b0) for NaN and infinities
         */
        public int rgb(double v) {
            if (!Double.isFinite(v)) return 0xb0b0b0;
            double t = (v - lo) / (hi - lo);
            return diverging ? blueWhiteRed(t) : viridis(t);
        }
    }

    /**
     * One map of a figure: its title above it and its values on the figure's grid.
     *
     * @param title the title above the map; null or empty for none
     * @param values the values, row-major on the figure's {@link MapGrid} (rows × cols of them)
     */
    public record MapPanel(String title, double[] values) {}

    /**
     * The 2-D grid a map is drawn on: {@code rows} nodes along the slow axis (drawn upwards) from
     * {@code rowRange[0]} to {@code rowRange[1]}, {@code cols} along the fast axis from {@code colRange[0]} to
     * {@code colRange[1]}; values are row-major.
     *
     * @param rows nodes along the slow axis
     * @param cols nodes along the fast axis
     * @param rowAxis the slow axis's name, written up the left side
     * @param rowRange the slow axis's first and last coordinate
     * @param colAxis the fast axis's name, written below
     * @param colRange the fast axis's first and last coordinate
     */
    public record MapGrid(int rows, int cols, String rowAxis, double[] rowRange, String colAxis, double[] colRange) {}

    /**
     * Loads the AWT, font and XChart classes now: they register JVM shutdown hooks when first used, which
     * must not happen while an interrupt is shutting the JVM down.
     */
    public static void warmUp() {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.getFontMetrics().stringWidth("0");
        g.dispose();
        new XYChartBuilder().width(10).height(10).build();
    }

    /**
     * Several series against a common x in one 900×520 PNG chart, e.g. the loss terms over the steps.
     *
     * @param file the PNG file to create or replace ({@code .png} is added when missing), written atomically
     * @param title the chart's title
     * @param xLabel the x axis's title
     * @param yLabel the y axis's title
     * @param x the common abscissae
     * @param series the curves by legend entry, each as long as {@code x}, drawn solid
     * @param logY true for a logarithmic y axis
     * @param horizontalLines reference values by legend entry, drawn as dashed lines across the chart
     * @param marker a vertical marker, or null for none
     * @throws IOException when the file cannot be written
     */
    public static void lines(
            Path file,
            String title,
            String xLabel,
            String yLabel,
            double[] x,
            Map<String, double[]> series,
            boolean logY,
            Map<String, Double> horizontalLines,
            Marker marker)
            throws IOException {
        List<Series> s = new ArrayList<>();
        series.forEach((k, v) -> s.add(new Series(k, x, v, false)));
        double x0 = x[0], x1 = x[x.length - 1];
        horizontalLines.forEach((k, v) -> s.add(new Series(k, new double[] {x0, x1}, new double[] {v, v}, true)));
        write(file, render(chart(new Panel(title, xLabel, yLabel, logY, s, marker), 900, 520)));
    }

    /**
     * Charts side by side under one title, {@code columns} per row (their scales differ, e.g. u and u_xxxx,
     * or a ≈ 1 and b ≈ 0.003), each {@code width}×{@code height} pixels.
     *
     * @param file the PNG file to create or replace ({@code .png} is added when missing), written atomically
     * @param title the common title; null or empty for none
     * @param panels the charts, row by row
     * @param columns the most charts per row
     * @param width each chart's width in pixels
     * @param height each chart's height in pixels
     * @throws IOException when the file cannot be written
     */
    public static void panels(Path file, String title, List<Panel> panels, int columns, int width, int height)
            throws IOException {
        int cols = Math.max(1, Math.min(columns, panels.size()));
        int rows = (panels.size() + cols - 1) / cols;
        int head = title == null || title.isEmpty() ? 0 : 44;
        BufferedImage img = new BufferedImage(cols * width, head + rows * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        if (head > 0) title(g, title, img.getWidth(), 30);
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(
                    render(chart(panels.get(i), width, height)), (i % cols) * width, head + (i / cols) * height, null);
        }
        g.dispose();
        write(file, img);
    }

    /**
     * Maps side by side on one grid, all in the colours of {@code scale} with one colour bar, ticked at
     * round numbers on both axes and on the bar; NaN cells are grey.
     *
     * @param file the PNG file to create or replace ({@code .png} is added when missing), written atomically
     * @param title the common title
     * @param panels the maps, left to right
     * @param grid the grid all the maps share
     * @param scale the colours of every map and the bar
     * @throws IOException when the file cannot be written
     */
    public static void map(Path file, String title, List<MapPanel> panels, MapGrid grid, Scale scale)
            throws IOException {
        int k = panels.size();
        int pw = k == 1 ? 690 : 500, ph = 450, left = 86, gap = 86, top = k == 1 ? 50 : 76, bottom = 62, bar = 160;
        int w = left + k * pw + (k - 1) * gap + bar, h = top + ph + bottom;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        title(g, title, w, 30);
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        for (int p = 0; p < k; p++) {
            int x0 = left + p * (pw + gap);
            double[] values = panels.get(p).values();
            for (int py = 0; py < ph; py++) {
                int r = Math.min(grid.rows() - 1, (int) ((ph - 1 - py) * (long) grid.rows() / ph));
                for (int px = 0; px < pw; px++) {
                    int c = Math.min(grid.cols() - 1, (int) (px * (long) grid.cols() / pw));
                    img.setRGB(x0 + px, top + py, scale.rgb(values[r * grid.cols() + c]));
                }
            }
            g.setColor(Color.BLACK);
            g.drawRect(x0, top, pw, ph);
            g.setFont(plain);
            FontMetrics fm = g.getFontMetrics();
            String sub = panels.get(p).title();
            if (sub != null && !sub.isEmpty()) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                g.drawString(sub, x0 + (pw - g.getFontMetrics().stringWidth(sub)) / 2, top - 10);
                g.setFont(plain);
            }
            // the fast axis along the bottom: node i is at the middle of its cell
            for (double[] t : axisTicks(grid.colRange(), grid.cols(), pw, 7)) {
                int px = x0 + (int) Math.round(t[1]);
                g.drawLine(px, top + ph, px, top + ph + 5);
                String s = tickLabel(t[0], t[2]);
                g.drawString(s, px - fm.stringWidth(s) / 2, top + ph + 19);
            }
            g.drawString(grid.colAxis(), x0 + (pw - fm.stringWidth(grid.colAxis())) / 2, top + ph + 42);
            // the slow axis upwards on the left
            for (double[] t : axisTicks(grid.rowRange(), grid.rows(), ph, 6)) {
                int py = top + ph - (int) Math.round(t[1]);
                g.drawLine(x0 - 5, py, x0, py);
                String s = tickLabel(t[0], t[2]);
                g.drawString(s, x0 - 8 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
            }
            vertical(g, grid.rowAxis(), x0 - 62, top + ph / 2);
        }
        // the colour bar, ticked at round values of the scale
        int bx = left + k * pw + (k - 1) * gap + 28;
        for (int py = 0; py < ph; py++) {
            double v = scale.hi() - (scale.hi() - scale.lo()) * py / (ph - 1.0);
            g.setColor(new Color(scale.rgb(v)));
            g.drawLine(bx, top + py, bx + 20, top + py);
        }
        g.setColor(Color.BLACK);
        g.drawRect(bx, top, 20, ph);
        g.setFont(plain);
        FontMetrics fm = g.getFontMetrics();
        double[] bt = ticks(scale.lo(), scale.hi(), 8);
        double step = bt.length > 1 ? bt[1] - bt[0] : Math.abs(scale.hi() - scale.lo());
        int labelWidth = 0;
        for (double v : bt) {
            int py = top + (int) Math.round((scale.hi() - v) / (scale.hi() - scale.lo()) * (ph - 1));
            g.drawLine(bx + 20, py, bx + 25, py);
            String s = tickLabel(v, step);
            labelWidth = Math.max(labelWidth, fm.stringWidth(s));
            g.drawString(s, bx + 28, py + fm.getAscent() / 2 - 1);
        }
        if (scale.label() != null && !scale.label().isEmpty())
            vertical(g, scale.label(), bx + 28 + labelWidth + 20, top + ph / 2);
        g.dispose();
        write(file, img);
    }

    /**
     * Round numbers from {@code lo} to {@code hi} (both included when round), about {@code target} of them,
     * spaced 1, 2 or 5 times a power of ten; a lone {@code lo} when the range is empty.
     *
     * @param lo one end of the range
     * @param hi the other end (the two are swapped when {@code hi < lo})
     * @param target about how many ticks to return
     * @return the ticks in increasing order; empty when an end is not finite
     */
    public static double[] ticks(double lo, double hi, int target) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) return new double[0];
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        if (!(hi > lo)) return new double[] {lo};
        double step = niceStep((hi - lo) / Math.max(1, target));
        long first = (long) Math.ceil(lo / step - 1e-9), last = (long) Math.floor(hi / step + 1e-9);
        double[] out = new double[(int) (last - first + 1)];
        for (int i = 0; i < out.length; i++) {
            double v = (first + i) * step;
            out[i] = Math.abs(v) < step * 1e-9 ? 0 : v;
        }
        return out;
    }

    /** The one of 1, 2, 5 or 10 times a power of ten nearest to {@code raw} (> 0), on a log scale. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw) + 1e-12));
        double f = raw / p;
        double n = f < Math.sqrt(2) ? 1 : f < Math.sqrt(10) ? 2 : f < Math.sqrt(50) ? 5 : 10;
        return n * p;
    }

    /** A tick value written with as many decimals as its spacing {@code step} needs; very small or large ones in e-notation. */
    static String tickLabel(double v, double step) {
        if (v == 0) return "0";
        double s = step > 0 && Double.isFinite(step) ? step : Math.abs(v);
        int exponent = (int) Math.floor(Math.log10(s) + 1e-9);
        if (exponent < -4 || Math.abs(v) >= 1e6) {
            BigDecimal d = new BigDecimal(v)
                    .setScale(-exponent, java.math.RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
            String e = String.format(Locale.ROOT, "%." + Math.max(0, d.precision() - 1) + "e", d.doubleValue());
            return e.replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
        }
        return String.format(Locale.ROOT, "%." + Math.max(0, -exponent) + "f", v);
    }

    /** The viridis colour map at t ∈ [0, 1], from five anchor colours, linearly interpolated. */
    static int viridis(double t) {
        return interpolate(new int[][] {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}, t);
    }

    /** A blue–white–red map at t ∈ [0, 1] (ColorBrewer's RdBu, reversed): blue below ½, white at ½, red above. */
    static int blueWhiteRed(double t) {
        return interpolate(
                new int[][] {
                    {5, 48, 97},
                    {33, 102, 172},
                    {67, 147, 195},
                    {146, 197, 222},
                    {209, 229, 240},
                    {247, 247, 247},
                    {253, 219, 199},
                    {244, 165, 130},
                    {214, 96, 77},
                    {178, 24, 43},
                    {103, 0, 31}
                },
                t);
    }

    private static int interpolate(int[][] anchors, double t) {
        t = Math.max(0, Math.min(1, t)) * (anchors.length - 1);
        int i = Math.min(anchors.length - 2, (int) t);
        double f = t - i;
        int rgb = 0;
        for (int k = 0; k < 3; k++)
            rgb = rgb << 8 | (int) Math.round(anchors[i][k] + f * (anchors[i + 1][k] - anchors[i][k]));
        return rgb;
    }

    /** Ticks of a map axis of {@code n} nodes from range[0] to range[1] drawn over {@code pixels}: {value, pixel offset, step} each. */
    private static List<double[]> axisTicks(double[] range, int n, int pixels, int target) {
        List<double[]> out = new ArrayList<>();
        if (n < 2 || !(range[1] != range[0])) return out;
        double h = (range[1] - range[0]) / (n - 1);
        double lo = Math.min(range[0], range[1]) - Math.abs(h) / 2, hi = Math.max(range[0], range[1]) + Math.abs(h) / 2;
        double[] t = ticks(lo, hi, target);
        double step = t.length > 1 ? t[1] - t[0] : hi - lo;
        for (double v : t) out.add(new double[] {v, ((v - range[0]) / h + 0.5) * pixels / n, step});
        return out;
    }

    private static XYChart chart(Panel p, int width, int height) {
        XYChart c = new XYChartBuilder()
                .width(width)
                .height(height)
                .title(p.title())
                .xAxisTitle(p.xLabel())
                .yAxisTitle(p.yLabel())
                .build();
        XYStyler st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setYAxisLogarithmic(p.logY());
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setLegendVisible(
                p.series().size() > 1 || p.marker() != null || !p.bands().isEmpty());
        st.setPlotMargin(6);
        st.setLocale(Locale.ROOT);
        st.setErrorBarsColorSeriesColor(true);
        double xmin = Double.POSITIVE_INFINITY,
                xmax = Double.NEGATIVE_INFINITY,
                ymin = Double.POSITIVE_INFINITY,
                ymax = Double.NEGATIVE_INFINITY;
        Map<String, double[][]> clean = new LinkedHashMap<>();
        for (Series s : p.series()) {
            double[] y = new double[s.y().length];
            for (int i = 0; i < y.length; i++) {
                double v = s.y()[i];
                boolean ok = Double.isFinite(v) && (!p.logY() || v > 0);
                y[i] = ok ? v : Double.NaN;
                if (ok) {
                    double e = s.errors() != null && Double.isFinite(s.errors()[i]) ? s.errors()[i] : 0;
                    ymin = Math.min(ymin, p.logY() && v - e <= 0 ? v : v - e);
                    ymax = Math.max(ymax, v + e);
                    xmin = Math.min(xmin, s.x()[i]);
                    xmax = Math.max(xmax, s.x()[i]);
                }
            }
            clean.put(s.name(), new double[][] {s.x(), y});
        }
        for (Band b : p.bands()) {
            for (double v : new double[] {b.lo(), b.hi()}) {
                if (Double.isFinite(v) && (!p.logY() || v > 0)) {
                    ymin = Math.min(ymin, v);
                    ymax = Math.max(ymax, v);
                }
            }
        }
        if (!(ymin <= ymax)) {
            ymin = p.logY() ? 1 : 0;
            ymax = ymin;
        }
        // XChart puts the ticks of equally spaced values (steps 1, 2, 3, …) at every k-th value (1, 15, 29, …),
        // and on the y axis it takes values that change by less than its tolerance from one point to the next
        // (a coefficient drifting by 10⁻⁷ a step) for equally spaced too; values that are not equally spaced in
        // the order given get round-number ticks. A hidden series from (xmax, ymax) to (xmin, ymin) does that on
        // both axes.
        if (xmax > xmin) {
            XYSeries order = c.addSeries(" ", new double[] {xmax, xmin}, new double[] {ymax, ymin});
            order.setEnabled(false);
            order.setShowInLegend(false);
            order.setMarker(SeriesMarkers.NONE);
        }
        st.setXAxisDecimalPattern(decimalPattern(xmin, xmax));
        if (!p.logY()) st.setYAxisDecimalPattern(decimalPattern(ymin, ymax));
        if (xmax > xmin) {
            for (Band b : p.bands()) {
                if (!(Double.isFinite(b.lo()) && Double.isFinite(b.hi()))) continue;
                XYSeries area = c.addSeries(b.name(), new double[] {xmin, xmax, xmax, xmin, xmin}, new double[] {
                    b.lo(), b.lo(), b.hi(), b.hi(), b.lo()
                });
                area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                area.setMarker(SeriesMarkers.NONE);
                area.setFillColor(BAND);
                area.setLineColor(BAND_EDGE);
                area.setLineWidth(1f);
            }
        }
        int solid = 0;
        for (Series s : p.series()) {
            double[][] xy = clean.get(s.name());
            XYSeries xs;
            if (s.errors() == null) {
                xs = c.addSeries(s.name(), xy[0], xy[1]);
                xs.setMarker(SeriesMarkers.NONE);
            } else {
                double[] e = new double[s.errors().length];
                for (int i = 0; i < e.length; i++) e[i] = Double.isFinite(s.errors()[i]) ? s.errors()[i] : 0;
                xs = c.addSeries(s.name(), xy[0], xy[1], e);
                xs.setMarker(SeriesMarkers.CIRCLE);
                xs.setMarkerColor(PALETTE[solid % PALETTE.length]);
            }
            if (s.dashed()) {
                xs.setLineStyle(dashed(1.8f));
                xs.setLineColor(s.name().contains("truth") ? TRUTH : MARKER);
            } else {
                xs.setLineColor(PALETTE[solid++ % PALETTE.length]);
                xs.setLineWidth(1.8f);
            }
        }
        if (p.marker() != null) {
            double lo = ymin, hi = ymax;
            if (!(hi > lo)) {
                hi = p.logY() ? lo * 10 : lo + 1;
                lo = p.logY() ? lo / 10 : lo - 1;
            }
            XYSeries m = c.addSeries(
                    p.marker().label(), new double[] {p.marker().x(), p.marker().x()}, new double[] {lo, hi});
            m.setMarker(SeriesMarkers.NONE);
            m.setLineStyle(dashed(1.5f));
            m.setLineColor(MARKER);
        }
        return c;
    }

    /**
     * A DecimalFormat pattern for round ticks over [lo, hi]: a leading zero and as many decimals as a tick
     * spacing of about a tenth of the range needs; e-notation for very small or large values.
     */
    static String decimalPattern(double lo, double hi) {
        double range = hi - lo, big = Math.max(Math.abs(lo), Math.abs(hi));
        if (!(range > 0)) range = big > 0 ? big : 1;
        if (big >= 1e6 || big > 0 && big < 1e-4) return "0.###E0";
        int decimals = Math.max(0, 1 - (int) Math.floor(Math.log10(range / 10)));
        return decimals == 0 ? "0" : "0." + "#".repeat(Math.min(decimals, 8));
    }

    private static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f);
    }

    private static BufferedImage render(XYChart chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        return g;
    }

    /** A bold title centred at baseline {@code y}, made smaller until it fits the width. */
    private static void title(Graphics2D g, String title, int width, int y) {
        int size = 17;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        while (size > 10 && g.getFontMetrics().stringWidth(title) > width - 20)
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, --size));
        g.setColor(Color.BLACK);
        g.drawString(title, (width - g.getFontMetrics().stringWidth(title)) / 2, y);
    }

    /** Text turned a quarter to the left, centred on (x, y): an axis title along a vertical axis. */
    private static void vertical(Graphics2D g, String text, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        g.drawString(text, -g.getFontMetrics().stringWidth(text) / 2, 0);
        g.setTransform(saved);
    }

    private static void write(Path file, BufferedImage img) throws IOException {
        AtomicFile.write(png(file), tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer in this Java");
        });
    }

    /** The file with {@code .png} at the end (added when missing). */
    private static Path png(Path file) {
        return file.getFileName().toString().endsWith(".png") ? file : file.resolveSibling(file.getFileName() + ".png");
    }
}
