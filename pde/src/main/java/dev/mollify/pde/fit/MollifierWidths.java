package dev.mollify.pde.fit;

import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.spec.PdeSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The mollifier route's widths and kernels from their settings: δ = auto (per axis, 4 spacings or 5 %
 * of the axis, whichever is wider, at most a quarter of it), learn, a number, or one per axis; each
 * checked against the collocation grid (at least 1.5 spacings, at most a quarter of the axis length).
 * Kernels auto: the analytic derivative kernels when δ spans at least 5 spacings on every axis (no
 * O(h²/δ²) difference error) and the data are fitted by the network itself (flux form, the network fitted
 * to the data alone, the weak form on the data), else central differences of the sampled bump, the
 * derivatives of the mollified field that the data fit otherwise; the network's derivatives of an equation
 * with a third or higher derivative take differences at every width ({@link #forNetwork}; docs/math.md,
 * "Widths").
 */
public final class MollifierWidths {
    private MollifierWidths() {}

    /** The auto width of an axis: at least this many spacings and this share of the axis's length. */
    static final double AUTO_CELLS = 4, AUTO_SPAN = 0.05;
    /** Auto kernels are the analytic ones when every axis's δ spans at least this many spacings. */
    static final double ANALYTIC_CELLS = 5;

    /** The mollifier's derivative kernels from {@code --kernels} (null for auto: see {@link #forWidths}). */
    static DerivativeKernels.Method kernels(String text, String delta) {
        return switch (text) {
            case "auto" -> null;
            case "differences" -> DIFFERENCES;
            case "differences2" -> DerivativeKernels.Method.DIFFERENCES;
            case "analytic" -> {
                if (delta.equals("learn")) {
                    throw FitInputException.usage(
                            "--kernels analytic cannot be used with --delta learn (the analytic kernels have no width gradient); use --kernels differences or a fixed --delta");
                }
                yield DerivativeKernels.Method.ANALYTIC_MOMENTS;
            }
            default ->
                throw FitInputException.usage(
                        "--kernels must be auto, differences, differences2 or analytic, got '" + text + "'");
        };
    }

    /**
     * The auto kernels for testing data-like values against η at these widths (the network fitted to the data
     * alone, the measurements of the weak form, ĝ in flux form): analytic when each spans {@link #ANALYTIC_CELLS}
     * spacings of its axis, else differences.
     */
    static DerivativeKernels.Method forWidths(double[] widths, Grid grid) {
        for (int a = 0; a < widths.length; a++) {
            if (widths[a] < ANALYTIC_CELLS * grid.spacing(a)) return DIFFERENCES;
        }
        return DerivativeKernels.Method.ANALYTIC_MOMENTS;
    }

    /**
     * The difference kernels the auto choice takes: sixth-order central differences of the sampled bump, whose
     * symbol is (iξ)ᵏ(1 + O(ξ⁶h⁶)) where the three-point stencils' is (iξ)ᵏ(1 + O(ξ²h²)). Measured at the
     * generalisation matrix's CI size, 1 % noise, seed 1: KdV's b 1.11 % → 0.09 % on the full grid and 1.23 % →
     * 0.19 % from 2,000 points; heat's D 0.10 % → 0.03 % (docs/math.md, "Widths").
     */
    static final DerivativeKernels.Method DIFFERENCES = DerivativeKernels.Method.SIXTH_ORDER_DIFFERENCES;

    /** From this derivative order on, the network's derivatives take differences at every width. */
    static final int DIFFERENCES_ORDER = 3;

    /**
     * The auto kernels of the network's derivatives whatever the width: differences when the equation has a
     * derivative of order {@link #DIFFERENCES_ORDER} or more, else null (per width, {@link #forWidths}). The
     * sampled ∂³η of the analytic kernels has structure a few spacings cannot carry: on KdV data from 2,000 points
     * of a 201 × 512 grid (b = 1), the starting value of b went 0.99, 0.78, −0.03, 0.63, 0.86, 0.93 along the δ
     * ladder with them, and 0.98–1.00 at every rung with differences (docs/math.md, "Widths").
     */
    static DerivativeKernels.Method forNetwork(PdeSpec spec) {
        int order = 0;
        for (var partials : spec.requiredDerivatives().values())
            for (var p : partials) order = Math.max(order, p.order());
        return order >= DIFFERENCES_ORDER ? DIFFERENCES : null;
    }

    /**
     * The auto kernels of the route the fit trains (docs/math.md, "Widths"). With a flux term the data are
     * fitted by the network ĝ and every term is ĝ tested against ∂^α η: {@link #forWidths}. Without one the
     * data are fitted by û = ĝ∗W (W the sampled bump), so the residual needs the derivatives of û itself.
     * Central differences of W give exactly those, D_k = s_k∗W/h^k, whose symbol over W's is the
     * difference stencil's, (2cos ξh − 2)/h² ≈ −ξ²(1 − ξ²h²/12) for u_xx at any δ. The analytic kernels match
     * W only in their moments up to order k; their next moment leaves D_k(ξ)/W(ξ) a few per cent away from
     * (iξ)^k at the data's wavenumbers while δ spans fewer than about 15 spacings. So: differences, sixth-order
     * ({@link #DIFFERENCES}), except with a learned field such as k(x): on the fisher-field data of the
     * generalisation matrix (CI size, 1 % noise, seeds 1–3) the sixth-order stencils left D 0.8–1.7 % low where the
     * three-point ones gave 0.01–0.93 %. The three-point stencils do not win by accuracy: the route evaluates the
     * reaction term on û ≈ W∗u, k·û(1 − û), where the tested equation has W∗(k·u(1 − u)), and a free k(x) takes up
     * part of the difference; on the true field that moves D by −0.62 % with the sixth-order stencils and +0.31 % with
     * the three-point ones, and testing the reaction term against the kernel makes it exact. In training it does not
     * help: tested, with sixth-order stencils, D came out 1.1–1.3 % low (docs/math.md, "Reaction terms"). So such
     * equations keep the three-point stencils in the trained route.
     */
    static DerivativeKernels.Method forTraining(double[] widths, Grid grid, PdeSpec spec) {
        if (!spec.fluxTerms().isEmpty()) return forWidths(widths, grid);
        return spec.unknownFields().isEmpty() ? DIFFERENCES : DerivativeKernels.Method.DIFFERENCES;
    }

    /** The fewest coordinates whose fields train across a cell of the measured points ({@link #atLeastDataCell}). */
    static final int FLOOR_DIMS = 3;

    /**
     * The trained widths of a fit whose fields depend on {@link #FLOOR_DIMS} or more coordinates, each at least the
     * diagonal of the data's own cell (docs/math.md, "Widths"): with N measured points over a grid of C cells the
     * data lie about s_a = h_a·max(1, (C/N)^{1/d}) apart along axis a, and
     * <pre>  δ_a ≥ √d · s_a   (at most a quarter of the axis)</pre>
     * so that the kernel spans a whole data cell, diagonal included, wherever it sits. Fewer coordinates keep
     * their widths.
     *
     * @param widths     δ per axis name, the ladder's trained rung
     * @param grid       the collocation grid
     * @param dataPoints the distinct measured points
     * @return the widths, widened where they fall short of the floor
     */
    static Map<String, Double> atLeastDataCell(Map<String, Double> widths, Grid grid, int dataPoints) {
        int d = grid.dims();
        if (d < FLOOR_DIMS || dataPoints <= 0) return widths;
        double cells = 1;
        for (int a = 0; a < d; a++) cells *= grid.axis(a).length - 1;
        double spread = Math.max(1, Math.pow(cells / dataPoints, 1.0 / d));
        Map<String, Double> out = new LinkedHashMap<>(widths);
        for (int a = 0; a < d; a++) {
            double[] ax = grid.axis(a);
            double floor = Math.sqrt(d) * grid.spacing(a) * spread;
            out.merge(grid.axisNames().get(a), Math.min(floor, (ax[ax.length - 1] - ax[0]) / 4), Math::max);
        }
        return out;
    }

    /**
     * δ per axis from {@code --delta t=0.05,x=0.12}: each named axis its own width, each checked against
     * that axis (at least 1.5 spacings, at most a quarter of its length); axes not named get auto
     * (4 spacings or 5 % of that axis, whichever is wider, at most a quarter of its length).
     */
    static Map<String, Double> chooseAxisDeltas(String text, Grid layout) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String part : text.isEmpty() ? new String[0] : text.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank())
                throw FitInputException.usage(
                        "--delta " + text + ": write one AXIS=WIDTH per axis, e.g. t=0.05,x=0.12");
            String axis = kv[0].strip();
            if (!layout.axisNames().contains(axis)) {
                throw FitInputException.usage("--delta " + text + ": the data have no axis '" + axis
                        + "'; its axes are " + layout.axisNames());
            }
            if (given.containsKey(axis))
                throw FitInputException.usage(
                        "--delta " + text + ": axis '" + axis + "' is given twice; give each axis one width");
            given.put(axis, kv[1].strip());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int a = 0; a < layout.dims(); a++) {
            String name = layout.axisNames().get(a);
            double h = layout.spacing(a);
            double[] ax = layout.axes().get(a);
            double span = ax[ax.length - 1] - ax[0];
            String v = given.get(name);
            double d;
            if (v == null) {
                d = autoWidth(h, span);
            } else {
                d = checked("--delta " + name + "=" + v, name, v, h, span);
            }
            out.put(name, d);
        }
        return out;
    }

    /**
     * The width {@code v} along {@code axis} (spacing {@code h}, length {@code span}), checked: between 1.5
     * spacings and a quarter of the length.
     */
    private static double checked(String shown, String axis, String v, double h, double span) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw FitInputException.usage(shown + ": '" + v
                    + "' is not a number; write auto, a width, or AXIS=WIDTH per axis, e.g. t=0.05,x=0.12");
        }
        String range = String.format(
                Locale.ROOT,
                "valid along %s: %s ≤ δ ≤ %s (spacing %s, length %s)",
                axis,
                fmt(1.5 * h),
                fmt(span / 4),
                fmt(h),
                fmt(span));
        if (!(d > 0) || !Double.isFinite(d)) throw FitInputException.usage(shown + " must be positive; " + range);
        if (d < 1.5 * h)
            throw FitInputException.usage(
                    shown + " is narrower than the grid can resolve along " + axis + "; " + range);
        if (d > span / 4)
            throw FitInputException.usage(shown + " is too wide for the data along " + axis + "; " + range);
        return d;
    }

    /**
     * The width along each axis of {@code grid} (in its order) from a {@code --delta} text: {@code auto}
     * (per axis, 4 spacings or 5 % of the axis, whichever is wider, at most a quarter of it), one width for
     * every axis, or {@code AXIS=WIDTH,…} (axes not named get auto). Each width is checked against its
     * axis; a {@link FitInputException} of kind USAGE names the axis and the valid range.
     *
     * @param text the {@code --delta} setting, e.g. {@code auto}, {@code 0.1} or {@code t=0.05,x=0.12}
     * @param grid the collocation grid
     * @return δ per axis of {@code grid}, in the coordinates' units
     * @throws FitInputException (kind USAGE) when a width is not a number, names no axis of the grid or one
     *     twice, or lies outside its axis's valid range (1.5 spacings to a quarter of the axis)
     */
    public static double[] perAxis(String text, Grid grid) {
        String t = text.strip();
        double[] out = new double[grid.dims()];
        if (t.equals("auto") || t.contains("=")) {
            Map<String, Double> m = chooseAxisDeltas(t.equals("auto") ? "" : t, grid);
            for (int a = 0; a < out.length; a++) out[a] = m.get(grid.axisNames().get(a));
            return out;
        }
        for (int a = 0; a < out.length; a++) {
            double[] ax = grid.axes().get(a);
            out[a] = checked("--delta " + t, grid.axisNames().get(a), t, grid.spacing(a), ax[ax.length - 1] - ax[0]);
        }
        return out;
    }

    /** The auto width: 4 spacings or 5 % of the axis, whichever is wider; at most a quarter of its length, at least 2 spacings. */
    private static double autoWidth(double h, double span) {
        return Math.max(2 * h, Math.min(Math.max(AUTO_CELLS * h, AUTO_SPAN * span), span / 4));
    }

    /** One δ for every axis from {@code --delta}: a number, or learn = the auto width of the coarsest axis, checked against the grid. */
    static double chooseDelta(String text, Grid layout) {
        double hMax = 0;
        double hMin = Double.MAX_VALUE;
        double span = Double.MAX_VALUE;
        for (int a = 0; a < layout.dims(); a++) {
            hMax = Math.max(hMax, layout.spacing(a));
            hMin = Math.min(hMin, layout.spacing(a));
            double[] ax = layout.axes().get(a);
            span = Math.min(span, ax[ax.length - 1] - ax[0]);
        }
        double delta;
        if (text.equals("auto") || text.equals("learn")) {
            delta = autoWidth(hMax, span);
        } else {
            try {
                delta = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw FitInputException.usage("--delta must be auto, learn or a positive number, got '" + text + "'");
            }
        }
        String range = String.format(
                Locale.ROOT,
                "valid for this grid: %s ≤ δ ≤ %s (spacings %s…%s; learn starts at the auto width of the coarsest spacing, at most a quarter of the shortest axis)",
                fmt(1.5 * hMax),
                fmt(span / 4),
                fmt(hMin),
                fmt(hMax));
        if (!(delta > 0) || !Double.isFinite(delta))
            throw FitInputException.usage("--delta must be positive, got " + text + "; " + range);
        if (delta < 1.5 * hMax) {
            throw FitInputException.usage("--delta " + text
                    + " is narrower than the grid can resolve: the kernel would hold fewer than 3 samples along an axis of spacing "
                    + fmt(hMax) + "; " + range);
        }
        if (delta > span / 4) {
            throw FitInputException.usage("--delta " + text
                    + " is too wide for the data: it smooths over more than a quarter of the shortest axis (length "
                    + fmt(span) + "); " + range);
        }
        return delta;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
