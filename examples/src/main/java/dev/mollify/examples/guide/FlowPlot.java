package dev.mollify.examples.guide;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Panels of a 2-D flow side by side: a scalar as a colour map (a diverging blue–white–red scale symmetric about 0,
 * or a sequential white–red one from 0) under the streamlines of a velocity field, written as a PNG under
 * {@code examples/target/guide/} like {@link GuidePlots}.
 *
 * <p>Streamlines are drawn in the frame that moves with the mean of the panel's u (u − ū, v), where the vortices of a
 * wake nearly stand still and show as closed loops. Each starts at a node of a 9 × 9 lattice and is traced both ways
 * by midpoint (RK2) steps of a tenth of a cell through the bilinearly interpolated velocity, until it leaves the
 * window, slows to 1 % of the largest speed or reaches 400 steps.
 */
final class FlowPlot {
    private FlowPlot() {}

    /**
     * One panel.
     *
     * @param title     its heading
     * @param colour    the scalar shown as colours, rows y (bottom first), columns x, on nodes of its own that span
     *                  the same window as the velocity's
     * @param u         velocity along x on the same nodes
     * @param v         velocity along y on the same nodes
     * @param diverging a scale symmetric about 0 (blue negative, red positive); else white at 0 to red at the maximum
     */
    record Panel(String title, double[][] colour, double[][] u, double[][] v, boolean diverging) {}

    static final int SIZE = 320, MARGIN = 40, BAR = 14, SEEDS = 9, MAX_STEPS = 400;
    /** One panel's width: its map, the margins, the colour bar and the bar's labels. */
    static final int PANEL = SIZE + 3 * MARGIN + BAR;

    /**
     * Draws the panels in one row and writes {@code NAME.png}.
     *
     * @param name    the file name without extension
     * @param caption a line under the panels
     * @param xs      the nodes' x, increasing
     * @param ys      the nodes' y, increasing
     * @param panels  the panels, left to right
     * @return the file written
     */
    static Path save(String name, String caption, double[] xs, double[] ys, List<Panel> panels) {
        System.setProperty("java.awt.headless", "true");
        int w = panels.size() * PANEL, h = SIZE + 2 * MARGIN + 20;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k < panels.size(); k++) draw(g, panels.get(k), xs, ys, k * PANEL);
        g.setColor(Color.BLACK);
        g.drawString(caption, MARGIN, h - 8);
        g.dispose();
        return GuidePlots.write(img, name);
    }

    private static void draw(Graphics2D g, Panel p, double[] xs, double[] ys, int left) {
        int ny = ys.length, nx = xs.length, x0 = left + MARGIN, y0 = MARGIN;
        double hi = 0;
        for (double[] row : p.colour()) for (double c : row) hi = Math.max(hi, Math.abs(c));
        if (hi == 0) hi = 1;
        for (int py = 0; py < SIZE; py++)
            for (int px = 0; px < SIZE; px++) {
                int cy = p.colour().length, cx = p.colour()[0].length; // its own nodes, over the same window
                double fx = px * (cx - 1) / (SIZE - 1.0), fy = (SIZE - 1 - py) * (cy - 1) / (SIZE - 1.0);
                g.setColor(colour(bilinear(p.colour(), fx, fy) / hi, p.diverging()));
                g.fillRect(x0 + px, y0 + py, 1, 1);
            }
        drawStreamlines(g, p, x0, y0);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, y0, SIZE, SIZE);
        g.drawString(p.title(), x0, y0 - 10);
        g.drawString(String.format(Locale.ROOT, "x %.0f", xs[0]), x0, y0 + SIZE + 14);
        g.drawString(String.format(Locale.ROOT, "%.0f", xs[nx - 1]), x0 + SIZE - 10, y0 + SIZE + 14);
        g.drawString(String.format(Locale.ROOT, "y %.0f", ys[0]), x0 - 34, y0 + SIZE);
        g.drawString(String.format(Locale.ROOT, "%.0f", ys[ny - 1]), x0 - 14, y0 + 10);
        // colour bar
        int bx = x0 + SIZE + 8;
        for (int py = 0; py < SIZE; py++) {
            double s = 1 - 2.0 * py / (SIZE - 1);
            g.setColor(colour(p.diverging() ? s : (s + 1) / 2, p.diverging()));
            g.fillRect(bx, y0 + py, BAR, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(bx, y0, BAR, SIZE);
        g.drawString(String.format(Locale.ROOT, "%.2g", hi), bx + BAR + 4, y0 + 10);
        g.drawString(String.format(Locale.ROOT, "%.2g", p.diverging() ? -hi : 0), bx + BAR + 4, y0 + SIZE);
    }

    /** Streamlines of (u − ū, v) from a lattice of seeds, in node units, drawn in the panel's pixels. */
    private static void drawStreamlines(Graphics2D g, Panel p, int x0, int y0) {
        int ny = p.u().length, nx = p.u()[0].length;
        double mean = 0, top = 0;
        for (double[] row : p.u()) for (double c : row) mean += c / (nx * ny);
        double[][] u = new double[ny][nx];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++) {
                u[j][i] = p.u()[j][i] - mean;
                top = Math.max(top, Math.hypot(u[j][i], p.v()[j][i]));
            }
        g.setColor(new Color(0, 0, 0, 150));
        g.setStroke(new BasicStroke(0.8f));
        double sx = (SIZE - 1.0) / (nx - 1), sy = (SIZE - 1.0) / (ny - 1);
        for (int a = 0; a < SEEDS; a++)
            for (int b = 0; b < SEEDS; b++) {
                double fx = (a + 0.5) * (nx - 1) / SEEDS, fy = (b + 0.5) * (ny - 1) / SEEDS;
                for (int dir = -1; dir <= 1; dir += 2) {
                    Path2D.Double line = new Path2D.Double();
                    line.moveTo(x0 + fx * sx, y0 + SIZE - 1 - fy * sy);
                    double px = fx, py = fy;
                    for (int s = 0; s < MAX_STEPS; s++) {
                        double[] k1 = unit(u, p.v(), px, py, top, dir);
                        if (k1 == null) break;
                        double[] k2 = unit(u, p.v(), px + 0.05 * k1[0], py + 0.05 * k1[1], top, dir);
                        if (k2 == null) break;
                        px += 0.1 * k2[0];
                        py += 0.1 * k2[1];
                        if (px < 0 || py < 0 || px > nx - 1 || py > ny - 1) break;
                        line.lineTo(x0 + px * sx, y0 + SIZE - 1 - py * sy);
                    }
                    g.draw(line);
                }
            }
    }

    /** The direction of (u, v) at (fx, fy) times {@code dir}, unit length in node units; null where it stalls. */
    private static double[] unit(double[][] u, double[][] v, double fx, double fy, double top, int dir) {
        if (fx < 0 || fy < 0 || fx > u[0].length - 1 || fy > u.length - 1) return null;
        double a = bilinear(u, fx, fy), b = bilinear(v, fx, fy), s = Math.hypot(a, b);
        if (s < 0.01 * top) return null;
        return new double[] {dir * a / s, dir * b / s};
    }

    /** f at fractional node (fx along columns, fy along rows), bilinear. */
    static double bilinear(double[][] f, double fx, double fy) {
        int i = Math.min((int) fx, f[0].length - 2), j = Math.min((int) fy, f.length - 2);
        double a = fx - i, b = fy - j;
        return (1 - b) * ((1 - a) * f[j][i] + a * f[j][i + 1]) + b * ((1 - a) * f[j + 1][i] + a * f[j + 1][i + 1]);
    }

    /** s in [−1, 1] (diverging: blue, white, red) or [0, 1] (sequential: white to red). */
    static Color colour(double s, boolean diverging) {
        s = Math.max(-1, Math.min(1, s));
        if (!diverging) s = Math.max(0, s);
        float t = (float) Math.abs(s);
        return s >= 0 ? new Color(1f, 1f - 0.8f * t, 1f - 0.85f * t) : new Color(1f - 0.85f * t, 1f - 0.7f * t, 1f);
    }
}
