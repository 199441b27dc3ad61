package dev.mollify.pde.fit;

import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.pinn.CoefficientEstimate;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.InverseProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * δ chosen from the data (docs/math.md, "Widths"): the widths at which the answer stops depending on δ.
 *
 * <p>The network fitted to the data alone is differentiated by the mollifier route at a ladder of widths,
 * δ_a(f) = max(2·h_a, min(f·L_a, L_a/4)) for f in {@link #SPAN_FRACTIONS} (the floor {@link #LADDER_CELLS} spacings,
 * so the narrow rungs on a fine grid stay distinct), and the starting
 * values ĉ(f) are solved at each ({@link CoefficientEstimate}). Too narrow a kernel lets the network's
 * small-scale error through, so ĉ drifts as f changes; too wide a kernel smooths the solution's features
 * and reaches into the halo beyond the data, and ĉ drifts again. Between the two, the estimate is flat.
 * The chosen f is the interior rung with the smallest change across its neighbours:
 * <pre>  score(f_i) = max_j |ĉ_j(f_{i+1}) − ĉ_j(f_{i−1})| / |ĉ_j(f_i)|</pre>
 * over the unknowns the data determine, among the rungs whose misfit (the residual left at their
 * estimate, {@link CoefficientEstimate#misfit}) is within {@link #MISFIT_SLACK} of the smallest on the ladder:
 * a rung whose kernel smooths the solution's features leaves the mollified data further from satisfying the
 * equation, and its estimate can sit on a flat stretch of bias. When no interior rung is that close, or when
 * even the smallest misfit is above {@link #MISFIT_MEANINGFUL} (the route's derivatives of the network explain
 * little of the equation at any width, so the misfit says nothing about bias), every interior rung counts.
 * Ladders of fewer than three distinct widths keep the default f = {@link MollifierWidths#AUTO_SPAN}. The whole curve is kept for the report.
 *
 * <p>The chosen rung gives the starting values. The fit trains there too when the equation has a flux term.
 * Without one the trained route fits û = ĝ∗W to the data, and the network ĝ, not the kernel, is what smooths
 * the noise; a wider W only asks ĝ for a deconvolution where the data change fast. Such equations train at
 * the narrowest rung ({@link #trained}). In three or more coordinates the set-up widens the trained widths to span
 * a cell of the measured points ({@link MollifierWidths#atLeastDataCell}).
 *
 * @param points  the rungs, narrowest first
 * @param chosen  the index of the chosen rung: the starting values' widths
 * @param trained the index of the rung the fit trains at: 0 without a flux term, else {@code chosen}
 */
public record WidthScan(List<Point> points, int chosen, int trained) {
    /** The share of each axis's length tried for δ. */
    public static final double[] SPAN_FRACTIONS = {0.02, 0.03, 0.05, 0.07, 0.1, 0.14};

    /** The narrowest width tried, in grid spacings: the least support a kernel still resolves. */
    public static final int LADDER_CELLS = 2;

    /**
     * One rung of the ladder.
     *
     * @param fraction the share f of each axis's length
     * @param widths   δ per axis at f
     * @param estimate the starting values the route gives with these widths
     * @param score    the rung's change across its neighbours (NaN at the ends)
     * @param misfit   the residual left at the rung's estimate, relative to the equation's size ({@link CoefficientEstimate#misfit})
     */
    public record Point(
            double fraction, Map<String, Double> widths, Map<String, Double> estimate, double score, double misfit) {}

    /**
     * The chosen rung.
     *
     * @return {@code points().get(chosen())}
     */
    public Point choice() {
        return points.get(chosen);
    }

    /**
     * The rung the fit trains at.
     *
     * @return {@code points().get(trained())}
     */
    public Point training() {
        return points.get(trained);
    }

    /**
     * Each rung's change across its neighbours, max_j |ĉ_j(i+1) − ĉ_j(i−1)| / |ĉ_j(i)| over the
     * unknowns with finite, non-zero estimates there; NaN at the ends.
     */
    static double[] scores(List<Map<String, Double>> values) {
        int n = values.size();
        double[] score = new double[n];
        java.util.Arrays.fill(score, Double.NaN);
        for (int i = 1; i + 1 < n; i++) {
            double s = 0;
            for (String name : values.get(i).keySet()) {
                double lo = values.get(i - 1).get(name),
                        mid = values.get(i).get(name),
                        hi = values.get(i + 1).get(name);
                if (!Double.isFinite(lo) || !Double.isFinite(mid) || !Double.isFinite(hi) || mid == 0) continue;
                s = Math.max(s, Math.abs(hi - lo) / Math.abs(mid));
            }
            score[i] = s;
        }
        return score;
    }

    /** A rung whose misfit exceeds the ladder's smallest by more than this share is not chosen (if another can be). */
    public static final double MISFIT_SLACK = 0.25;

    /** Above this smallest misfit on the ladder, the misfit does not restrict the choice. */
    public static final double MISFIT_MEANINGFUL = 0.3;

    /**
     * The rung with the smallest score among those whose misfit is within {@link #MISFIT_SLACK} of the smallest
     * finite misfit; the plain {@link #flattest(double[])} when no scored rung is, or when the smallest misfit is
     * above {@link #MISFIT_MEANINGFUL}.
     */
    static int flattest(double[] score, double[] misfit) {
        double least = Double.POSITIVE_INFINITY;
        for (double m : misfit) if (Double.isFinite(m)) least = Math.min(least, m);
        if (!(least <= MISFIT_MEANINGFUL)) return flattest(score);
        double[] eligible = score.clone();
        boolean any = false;
        for (int i = 0; i < score.length; i++) {
            boolean close = Double.isFinite(misfit[i]) && misfit[i] <= (1 + MISFIT_SLACK) * least;
            if (!close) eligible[i] = Double.NaN;
            any |= close && !Double.isNaN(score[i]);
        }
        return flattest(any ? eligible : score);
    }

    /** The rung with the smallest score (the first of equals), or −1 when no rung has one. */
    static int flattest(double[] score) {
        int best = -1;
        for (int i = 0; i < score.length; i++)
            if (!Double.isNaN(score[i]) && (best < 0 || score[i] < score[best])) best = i;
        return best;
    }

    /** The widths per axis at share {@code f} of each axis: δ_a = max(LADDER_CELLS·h_a, min(f·L_a, L_a/4)). */
    static Map<String, Double> widthsAt(double f, Grid grid) {
        Map<String, Double> w = new LinkedHashMap<>();
        for (int a = 0; a < grid.dims(); a++) {
            double h = grid.spacing(a);
            double[] ax = grid.axis(a);
            double span = ax[ax.length - 1] - ax[0];
            w.put(grid.axisNames().get(a), Math.max(LADDER_CELLS * h, Math.min(f * span, span / 4)));
        }
        return w;
    }

    /**
     * Scans the ladder.
     *
     * @param grid     the collocation grid
     * @param fluxFree whether the equation has no flux term (then the fit trains at the narrowest rung)
     * @param kernels  the kernels asked for (null: auto, per rung)
     * @param estimate the starting values with a route of the given widths (the network already fitted to the data)
     */
    static WidthScan run(
            Grid grid,
            boolean fluxFree,
            DerivativeKernels.Method kernels,
            Function<DerivativeRoute, InverseProblem> problem,
            BiFunction<InverseProblem, Map<String, Double>, CoefficientEstimate> estimate) {
        List<Map<String, Double>> widths = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        for (double f : SPAN_FRACTIONS) {
            Map<String, Double> w = widthsAt(f, grid);
            if (!widths.isEmpty() && widths.get(widths.size() - 1).equals(w))
                continue; // the cell floor or the cap: the same rung
            widths.add(w);
            fractions.add(f);
        }
        List<Map<String, Double>> values = new ArrayList<>();
        List<Double> misfits = new ArrayList<>();
        for (Map<String, Double> w : widths) {
            double[] wa = w.values().stream().mapToDouble(Double::doubleValue).toArray();
            DerivativeKernels.Method m = kernels != null ? kernels : MollifierWidths.forWidths(wa, grid);
            CoefficientEstimate e = estimate.apply(
                    problem.apply(DerivativeRoute.mollifier(w).method(m).build()), w);
            values.add(e.values());
            misfits.add(e.misfit());
        }
        int n = widths.size();
        double[] score = scores(values);
        int chosen = flattest(
                score, misfits.stream().mapToDouble(Double::doubleValue).toArray());
        if (chosen < 0) { // too short a ladder: the default share
            chosen = 0;
            for (int i = 0; i < n; i++) if (fractions.get(i) <= MollifierWidths.AUTO_SPAN) chosen = i;
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++)
            points.add(new Point(fractions.get(i), widths.get(i), values.get(i), score[i], misfits.get(i)));
        return new WidthScan(List.copyOf(points), chosen, fluxFree ? 0 : chosen);
    }
}
