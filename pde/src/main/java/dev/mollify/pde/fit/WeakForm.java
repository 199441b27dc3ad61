package dev.mollify.pde.fit;

import dev.mollify.autograd.train.DivergenceGuard;
import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.pinn.CoefficientEstimate;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.MollifierRoute;
import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.pde.spec.Unknown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The weak form on the measurements themselves (docs/math.md, "The weak form on the data"), beside the network.
 *
 * <p>When every field of the equation is measured at every node of the collocation grid, the mollifier
 * route can test the equation against η_δ on the data directly: u∗∂^α η and ½(u²)∗∂_x η are exact for
 * linear and flux terms at any δ, and the least-squares coefficients need no network at all. Noise enters
 * only through the kernel's average. The network is still what the fit trains — it interpolates, denoises
 * and gives the field — but it can fall short: a network too small for the data (a chaotic field over a
 * long window) leaves a misfit far above the data's noise already when fitted to the data alone, and the
 * coefficients the fit then reaches describe the network, not the data. In that case, when the weak form itself
 * explains the equation well ({@link #UNCERTAIN_MISFIT}), the fit reports the weak-form coefficients instead
 * ({@link #conclude}); either way a warning says what happened. Both tests are settled before training (the network
 * is fitted to the data alone while the fit is set up), so when the weak form will answer the network is trained only
 * {@link #BRIEF_TRAINING} steps of each optimiser, for the fields it reports.
 *
 * <p>The noise level comes from the data: along each axis the second differences of neighbouring samples,
 * σ̂_a = 1.4826 · median|u_{i−1} − 2u_i + u_{i+1}| / √6 (the median ignores the few steep places), the
 * smallest over the axes, in std of the field. Smooth signal inflates it a little; that only makes the
 * test more lenient.
 */
public final class WeakForm {
    /**
     * The network falls short when the part of its free-fit RMS misfit that the noise does not explain,
     * √(m² − σ̂²), exceeds {@code SHORT_RATIO ×} the noise plus {@code SHORT_FLOOR} std.
     */
    static final double SHORT_RATIO = 1, SHORT_FLOOR = 0.025;
    /** The fewest measured neighbour triples along an axis for a noise level. */
    static final int MIN_TRIPLES = 32;

    private WeakForm() {}

    /**
     * The weak-form estimate and the widths it was taken at.
     *
     * @param estimate the least-squares coefficients on the measured values
     * @param widths   δ per axis
     */
    public record Result(CoefficientEstimate estimate, Map<String, Double> widths) {}

    /** Above this misfit (residual share left at the estimate) the weak form's answer is not used. */
    static final double UNCERTAIN_MISFIT = 0.1;

    /**
     * The weak-form estimate at the width where it explains the equation best: over the combinations of the δ
     * scan's widths per axis ({@link #perAxis}; just {@code reach} when the ladder is empty), the one whose least-squares coefficients leave the smallest residual
     * relative to the equation's size ({@link CoefficientEstimate#misfit}). For the true solution the weak form holds
     * exactly at any δ, so what is left is noise (narrow kernels) or what the sampling cannot carry (the quadrature of
     * wide-spread features); the smallest leftover marks the width where neither dominates. Null when the weak form
     * does not apply ({@link #measured}).
     *
     * <p>The kernels are {@code kernels}, or else the auto differences ({@link MollifierWidths#DIFFERENCES}, sixth
     * order) at every width: Σ_j u_j (s∗W)_{i−j} = Σ_j (s∗u)_j W_{i−j}, so the weak form is the mollified difference
     * of the data and carries the stencil's error, (ξh)⁶ against the three-point stencil's (ξh)². On
     * Kuramoto–Sivashinsky data sampled at 63 t × 128 x the three-point stencils left the coefficients 2.5–5 % off at
     * every width and the analytic kernels 40–100 %; the sixth-order ones 0.02–0.2 % wherever δ_x spans eight
     * spacings or more (docs/math.md, "The weak form on the data").
     */
    static Result choose(
            PdeSpec spec,
            Grid grid,
            DataLayout layout,
            List<String> observed,
            List<String> unknownFields,
            Map<String, Double> guesses,
            DerivativeRoute route,
            Map<String, Double> reach,
            List<Map<String, Double>> ladder,
            DerivativeKernels.Method kernels) {
        Map<String, double[]> values = measured(spec, route, grid, layout, observed, unknownFields);
        if (values == null) return null;
        Result best = null;
        DerivativeKernels.Method method = kernels != null ? kernels : MollifierWidths.DIFFERENCES;
        Map<String, Double> stencil = stencilReach(spec, grid, method);
        for (Map<String, Double> w : ladder.isEmpty() ? List.of(reach) : perAxis(ladder)) {
            DerivativeRoute r = ladder.isEmpty()
                    ? route
                    : DerivativeRoute.mollifier(w).method(method).build();
            Map<String, Double> inside = new LinkedHashMap<>(w);
            if (!ladder.isEmpty()) stencil.forEach((axis, extra) -> inside.merge(axis, extra, Double::sum));
            CoefficientEstimate e = estimate(spec, (MollifierRoute) r, grid, values, guesses, inside);
            if (e != null && (best == null || e.misfit() < best.estimate().misfit())) best = new Result(e, w);
        }
        return best;
    }

    /**
     * Each axis's stencil half-width in its units, p_a·h_a for the highest derivative order along it: the widths are
     * extended by it so that only nodes whose whole kernel, stencil included, lies on the measured grid enter the
     * solve, never the edge-repeated halo.
     */
    static Map<String, Double> stencilReach(PdeSpec spec, Grid grid, DerivativeKernels.Method method) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int a = 0; a < grid.dims(); a++) {
            String axis = grid.axisNames().get(a);
            int order = 0;
            for (List<Partial> ps : spec.requiredDerivatives().values())
                for (Partial p : ps) order = Math.max(order, p.order(axis));
            out.put(axis, DerivativeKernels.stencilHalfWidth(order, method) * grid.spacing(a));
        }
        return out;
    }

    /**
     * Every combination of the ladder's widths taken per axis: {δ_t} × {δ_x} × …, each axis's distinct widths in
     * ladder order. The weak form needs no network, so each combination costs one pass over the data, and the axes'
     * best widths need not be the same share of each axis (the noise averages along one axis, a feature bends along
     * another).
     */
    static List<Map<String, Double>> perAxis(List<Map<String, Double>> ladder) {
        List<Map<String, Double>> out = List.of(new LinkedHashMap<>());
        for (String axis : ladder.get(0).keySet()) {
            List<Double> widths =
                    ladder.stream().map(w -> w.get(axis)).distinct().toList();
            List<Map<String, Double>> next = new ArrayList<>();
            for (Map<String, Double> partial : out)
                for (double w : widths) {
                    Map<String, Double> m = new LinkedHashMap<>(partial);
                    m.put(axis, w);
                    next.add(m);
                }
            out = next;
        }
        return out;
    }

    /**
     * Each field's values on every node of the collocation grid, or null when the weak form does not apply: another
     * route, data not on the collocation grid or with gaps, an unmeasured field, or unknown fields (which only the
     * network has).
     */
    private static Map<String, double[]> measured(
            PdeSpec spec,
            DerivativeRoute route,
            Grid grid,
            DataLayout layout,
            List<String> observed,
            List<String> unknownFields) {
        if (!(route instanceof MollifierRoute) || !applies(spec, grid, layout, observed, unknownFields)) return null;
        Map<String, double[]> values = new LinkedHashMap<>();
        for (String f : spec.fields()) values.put(f, layout.fields().get(f));
        return values;
    }

    /**
     * Whether the weak form can be taken on the measurements: the data lie on {@code grid} and fill it, every field of
     * the equation is measured at every node, and no field is unknown (only the network has those).
     *
     * @param spec          the equation
     * @param grid          the collocation grid before refinement
     * @param layout        the data's layout
     * @param observed      the fields measured
     * @param unknownFields the unknown fields of the equation
     * @return true when the weak form applies on the mollifier route
     */
    static boolean applies(
            PdeSpec spec, Grid grid, DataLayout layout, List<String> observed, List<String> unknownFields) {
        if (layout.scattered() || !unknownFields.isEmpty()) return false;
        if (!grid.equals(new Grid(layout.axisNames(), layout.axes()))) return false;
        if (!observed.containsAll(spec.fields())) return false;
        for (String f : spec.fields()) {
            double[] v = layout.fields().get(f);
            if (v == null || Arrays.stream(v).anyMatch(Double::isNaN)) return false;
        }
        return true;
    }

    /** The weak-form estimate of {@code values} on the route's kernels, over the nodes {@code reach} keeps inside; null when none. */
    private static CoefficientEstimate estimate(
            PdeSpec spec,
            MollifierRoute route,
            Grid grid,
            Map<String, double[]> values,
            Map<String, Double> guesses,
            Map<String, Double> reach) {
        try {
            CoefficientEstimate e = CoefficientEstimate.from(
                    spec, route.bindValues(spec, grid, values), guesses, CoefficientEstimate.inside(grid, reach));
            return e.values().values().stream().allMatch(Double::isFinite) ? e : null;
        } catch (IllegalArgumentException ex) {
            return null; // not linear and no guesses, or a grid too small for the reach: the network alone answers
        }
    }

    /** The RMS over {@code fields} of each one's noise level in std of its data; NaN for scattered points or too few neighbours. */
    static double noiseLevel(DataLayout layout, List<String> fields) {
        if (layout.scattered()) return Double.NaN;
        double sum = 0;
        for (String f : fields) {
            double s = noiseLevel(layout.fields().get(f), layout.shape());
            if (!Double.isFinite(s)) return Double.NaN;
            double std = Measurements.meanAndScale(layout, f)[1];
            sum += (s / std) * (s / std);
        }
        return fields.isEmpty() ? Double.NaN : Math.sqrt(sum / fields.size());
    }

    /**
     * σ̂ = min over axes with ≥ 5 samples of 1.4826 · median|Δ²u| / √6 on a row-major grid of {@code shape}, over the
     * triples of neighbours that are all measured (NaN = not measured); NaN when no axis has {@link #MIN_TRIPLES}.
     */
    static double noiseLevel(double[] v, int[] shape) {
        double best = Double.NaN;
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 5) continue;
            int stride = 1;
            for (int b = a + 1; b < shape.length; b++) stride *= shape[b];
            double[] d = new double[v.length];
            int k = 0;
            for (int i = 0; i < v.length; i++) {
                int pos = (i / stride) % shape[a];
                if (pos == 0 || pos == shape[a] - 1) continue;
                double second = v[i - stride] - 2 * v[i] + v[i + stride];
                if (!Double.isNaN(second)) d[k++] = Math.abs(second);
            }
            if (k < MIN_TRIPLES) continue;
            double[] s = Arrays.copyOf(d, k);
            Arrays.sort(s);
            double med = k % 2 == 1 ? s[k / 2] : 0.5 * (s[k / 2 - 1] + s[k / 2]);
            double sigma = 1.4826 * med / Math.sqrt(6);
            if (!(best <= sigma)) best = sigma;
        }
        return best;
    }

    /**
     * True when the network alone missed the data by far more than their noise: the excess of its RMS misfit m
     * over the noise σ̂, √(max(m² − σ̂², 0)), is above {@link #SHORT_RATIO}·σ̂ + {@link #SHORT_FLOOR}. Noise and
     * the network's own miss add in squares, so at 10 % noise a network that misses a chaotic field by 0.26 std
     * shows a misfit of only 0.28 std; compared with the excess it is still found short.
     */
    static boolean networkFallsShort(FitSetup.Built b) {
        if (!Double.isFinite(b.noiseLevel()) || !Double.isFinite(b.prefitLoss())) return false;
        return fallsShort(Math.sqrt(b.prefitLoss() / b.observed().size()), b.noiseLevel());
    }

    /**
     * The weak form's share of the equation left unexplained at most which {@link #derivativesFallShort} compares
     * the network's with.
     */
    static final double EXPLAINED = 0.01;

    /** How many times the weak form's unexplained share the network's derivatives must leave to fall short. */
    static final double DERIVATIVES_RATIO = 10;

    /** The least share of the equation the network's derivatives leave unexplained when they fall short. */
    static final double DERIVATIVES_FLOOR = 0.08;

    /**
     * True when the network's derivatives do not follow the data although its RMS misfit is small: the
     * least-squares start on them leaves at least {@link #DERIVATIVES_FLOOR} of the equation unexplained and
     * {@link #DERIVATIVES_RATIO} times what the weak form leaves, while the weak form explains it to within
     * {@link #EXPLAINED}. A network that smooths interfaces narrower than a few samples misses the data by a few
     * per cent of their spread, and those few per cent are where the equation's terms balance (Allen–Cahn with
     * e = 10⁻⁴, r = 5: 0.02 std, e 17× too large from the network, exact from the weak form).
     */
    static boolean derivativesFallShort(FitSetup.Built b) {
        return b.direct() != null
                && b.estimate() != null
                && derivativesFallShort(
                        b.estimate().misfit(), b.direct().estimate().misfit());
    }

    /**
     * The rule of {@link #derivativesFallShort(FitSetup.Built)} on the two unexplained shares.
     *
     * @param network the share of the equation the least-squares start on the network's derivatives leaves
     * @param weak    the share the weak form on the measured grid leaves
     * @return weak ≤ {@link #EXPLAINED} and network ≥ max({@link #DERIVATIVES_FLOOR}, {@link #DERIVATIVES_RATIO}·weak)
     */
    static boolean derivativesFallShort(double network, double weak) {
        return weak <= EXPLAINED && network >= Math.max(DERIVATIVES_FLOOR, DERIVATIVES_RATIO * weak);
    }

    /** √(max(m² − σ̂², 0)) &gt; {@link #SHORT_RATIO}·σ̂ + {@link #SHORT_FLOOR}, both in std of the data. */
    static boolean fallsShort(double misfit, double noise) {
        double excess = Math.sqrt(Math.max(misfit * misfit - noise * noise, 0));
        return excess > SHORT_RATIO * noise + SHORT_FLOOR;
    }

    /**
     * The fit's final answer: {@code r} itself, or — when the network falls short ({@link #networkFallsShort}) — {@code r}
     * with each unknown coefficient replaced by its weak-form value (a positive unknown keeps the fit's value if the
     * weak form's is not positive), and the stop reason saying so (docs/math.md, "The weak form on the data").
     *
     * @param b the set-up problem, with its weak-form estimate and noise level
     * @param r the training's result
     * @return {@code r} unchanged, or a copy with the weak form's coefficients and an extended stop reason;
     *     a failed or interrupted run is returned unchanged
     */
    public static TrainingResult conclude(FitSetup.Built b, TrainingResult r) {
        if (!weakFormAnswers(b) || r.steps() == 0 || failed(r)) return r;
        Map<String, Double> u = new LinkedHashMap<>(r.unknowns());
        for (Unknown k : b.spec().unknowns()) {
            Double w = b.direct().estimate().values().get(k.name());
            if (w != null && u.containsKey(k.name()) && (!k.positive() || w > 0)) u.put(k.name(), w);
        }
        return new TrainingResult(
                u,
                r.terms(),
                r.total(),
                r.weights(),
                r.history(),
                r.stopReason()
                        + "; coefficients from the weak form on the measured grid (the network does not follow the data)",
                r.seconds(),
                r.peakLiveBytes(),
                r.allocatedBytes());
    }

    /**
     * True when the weak form replaces the network's coefficients: the network or its derivatives fall short
     * ({@link #networkFallsShort}, {@link #derivativesFallShort}) and the weak form explains
     * the equation to within {@link #UNCERTAIN_MISFIT} (otherwise neither answer is reliable, and the network's stays).
     * Both are settled when the fit is set up, so the answer is known before training.
     *
     * @param b the set-up problem, with its weak-form estimate and noise level
     * @return whether the reported coefficients will be the weak form's
     */
    public static boolean weakFormAnswers(FitSetup.Built b) {
        return b.direct() != null
                && (networkFallsShort(b) || derivativesFallShort(b))
                && b.direct().estimate().misfit() <= UNCERTAIN_MISFIT;
    }

    /**
     * The most Adam steps, and the most L-BFGS iterations, a fit trains its network for when the weak form will
     * answer ({@link #weakFormAnswers}).
     */
    public static final int BRIEF_TRAINING = 200;

    /** A diverged run keeps what it reached. */
    private static boolean failed(TrainingResult r) {
        return DivergenceGuard.stopped(r.stopReason());
    }

    /** The warning that goes with {@link #conclude}'s replacement, or null when the network's answer stands. */
    static String warning(FitSetup.Built b, TrainingResult r) {
        if (!(networkFallsShort(b) || derivativesFallShort(b)) || r.steps() == 0 || failed(r)) return null;
        double free = Math.sqrt(b.prefitLoss() / b.observed().size());
        if (b.direct() == null)
            return String.format(
                    Locale.ROOT,
                    "the network alone misses the data by %.3g std (RMS), where their noise is about %.3g std: it cannot follow "
                            + "these data, and the coefficients describe the network rather than the data. %s; on a complete"
                            + " grid the weak form would answer without one",
                    free,
                    b.noiseLevel(),
                    NetworkSize.advice(b.hidden()));
        StringBuilder net = new StringBuilder();
        r.unknowns().forEach((n, v) -> {
            if (b.direct().estimate().values().containsKey(n))
                net.append(String.format(Locale.ROOT, " %s = %.6g", n, v));
        });
        if (!weakFormAnswers(b)) {
            StringBuilder weak = new StringBuilder();
            b.direct()
                    .estimate()
                    .values()
                    .forEach((n, v) -> weak.append(String.format(Locale.ROOT, " %s = %.6g", n, v)));
            return String.format(
                    Locale.ROOT,
                    "the network alone misses the data by %.3g std (RMS), where their noise is about %.3g std: it cannot follow "
                            + "these data, and the weak form on the measured grid leaves %.0f %% of the equation unexplained (it gives%s), "
                            + "so neither answer is reliable; the coefficients reported are the network's. %s; denser"
                            + " sampling (in time above all) or less noise would settle them",
                    free,
                    b.noiseLevel(),
                    100 * b.direct().estimate().misfit(),
                    weak,
                    NetworkSize.advice(b.hidden()));
        }
        String derivatives = networkFallsShort(b)
                ? ""
                : String.format(
                        Locale.ROOT,
                        ", and its derivatives leave %.3g of the equation unexplained where the weak form leaves %.2g",
                        b.estimate().misfit(),
                        b.direct().estimate().misfit());
        return String.format(
                Locale.ROOT,
                "the network alone misses the data by %.3g std (RMS), where their noise is about %.3g std%s: it cannot follow "
                        + "these data, so the coefficients reported are the weak form's on the measured grid, and the network "
                        + "was trained only briefly, for the fields (it ended at%s). %s",
                free,
                b.noiseLevel(),
                derivatives,
                net,
                NetworkSize.advice(b.hidden()));
    }
}
