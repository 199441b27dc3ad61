package dev.mollify.pde.fit;

import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.pde.pinn.CoefficientEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a finished fit cannot vouch for, in words ({@link DataFit.Result#warnings()}; {@code mollify fit}
 * prints them and writes them to report.json):
 * <ul>
 *   <li>an unknown that barely moved from its start, unless that start is the data's own least-squares value
 *       with a visible term: the loss may not depend on it;</li>
 *   <li>data misfit far above what the network reached on the data alone: the equation, with any
 *       coefficients, does not describe these data as well as a free fit does (a missing term, wrong units
 *       of a known field);</li>
 *   <li>a network that, fitted to the data alone, missed them by far more than their noise, whose coefficients
 *       are then replaced by the weak form's ({@link WeakForm});</li>
 *   <li>a residual that stays a large part of the equation's largest term;</li>
 *   <li>replicates (points measured more than once) whose spread is large beside the data's
 *       ({@link #replicateWarnings}, before the fit), and replicates that disagree with each other more than
 *       the fit misses the data, or less than it: noisier repeats, or an equation that misses something;</li>
 *   <li>a learned field that the data leave loose over a large part of its domain: where its multiplier in
 *       the equation is small, the residual hardly changes with the field, so the field is not determined
 *       there and the coefficients fitted with it may absorb its error ({@link #fieldWarnings},
 *       {@code FieldSensitivity}).</li>
 * </ul>
 * Both loss terms are in units of the data's and the equation's own sizes (scale-free fitting), so the
 * thresholds hold whatever the units.
 */
public final class FitWarnings {
    /** Relative change below which an unknown "barely moved". */
    static final double BARELY_MOVED = 1e-4;
    /** RMS data misfit above {@code MISFIT_RATIO ×} the free fit's plus {@code MISFIT_FLOOR} (in std of the data) is reported. */
    static final double MISFIT_RATIO = 3, MISFIT_FLOOR = 0.05;
    /** RMS residual above this share of the equation's largest term is reported. */
    static final double RESIDUAL_SHARE = 0.1;
    /** Replicate spread above this many std of the data is reported before the fit. */
    static final double REPLICATE_NOISE = 0.1;
    /** The fit's misfit and the replicates' spread are reported when one exceeds this multiple of the other (plus {@code MISFIT_FLOOR}). */
    static final double REPLICATE_RATIO = 2;
    /**
     * A node of a learned field counts as loose when its sensitivity S ({@link FieldSensitivity}: the RMS over
     * the other coordinates of its multiplier ∂r/∂k, in units of the equation's size) is below this share of
     * its largest value. The loss's curvature there is then under 1 % of its largest, and a given residual
     * error moves the field there more than ten times as much as where the data pin it best.
     */
    static final double FIELD_SENSITIVITY = 0.1;
    /** A learned field is reported when more than this share of its nodes are loose. */
    static final double FIELD_SHARE = 0.2;
    /** A coefficient whose standard error from the loss's profile exceeds this share of its value is reported. */
    static final double LOOSE_COEFFICIENT = 0.05;
    /** How the trainer's stop reason begins when the wall-clock budget ended L-BFGS ({@code Trainer}). */
    static final String BUDGET_STOP = "time budget of ";

    private FitWarnings() {}

    /**
     * True when the start of {@code name} is the data's own least-squares value and its term is a visible part
     * of its equation there ({@link CoefficientEstimate#MIN_TERM_SHARE}): a fit that keeps
     * such a start agrees with the data, it is not stuck.
     */
    static boolean toldByTheData(FitSetup.Built b, String name, double start) {
        Double fromData = b.estimate().values().get(name);
        Double share = b.estimate().termShare().get(name);
        return fromData != null && fromData == start && share != null && share >= CoefficientEstimate.MIN_TERM_SHARE;
    }

    /**
     * The warnings about a finished fit (none for an interrupted or failed one); the thresholds are those of
     * docs/math.md, "Warnings after a fit".
     *
     * When the weak form gives the coefficients ({@link WeakForm#weakFormAnswers}) only its warning and the learned
     * fields' are given: the others judge the network's coefficients, which the fit does not report.
     *
     * @param b the set-up problem the fit trained
     * @param r the training's result
     * @return the warnings in words, empty when there is nothing to report or when no step was taken; without
     *     an estimate (no unknown scalars) only the learned fields are checked
     */
    public static List<String> afterFit(FitSetup.Built b, TrainingResult r) {
        List<String> out = new ArrayList<>();
        if (r.steps() == 0) return out;
        if (b.estimate() == null) return fieldWarnings(b); // no unknown scalars: only the fields to check
        if (WeakForm.weakFormAnswers(b)) { // the coefficients are not the briefly trained network's
            out.add(WeakForm.warning(b, r));
            out.addAll(fieldWarnings(b));
            return out;
        }
        for (Map.Entry<String, Double> e : b.start().entrySet()) {
            Double v = r.unknowns().get(e.getKey());
            if (v != null
                    && Math.abs(v - e.getValue()) <= BARELY_MOVED * Math.abs(e.getValue())
                    && !toldByTheData(b, e.getKey(), e.getValue())) {
                out.add(String.format(
                        Locale.ROOT,
                        "%s barely moved from its start (%.6g → %.6g): the fit may be insensitive to it; check the report's termShare",
                        e.getKey(),
                        e.getValue(),
                        v));
            }
        }
        Double data = r.terms().get("data");
        int fields = b.observed().size();
        boolean missed = false;
        if (data != null && Double.isFinite(b.prefitLoss())) {
            double misfit = Math.sqrt(data / fields);
            double free = Math.sqrt(b.prefitLoss() / fields);
            if (misfit > MISFIT_RATIO * free + MISFIT_FLOOR) {
                missed = true;
                out.add(String.format(
                        Locale.ROOT,
                        "the fit misses the data by %.3g std (RMS), where the network alone reached %.3g: "
                                + "the equation may lack a term, or a known field or the units may be off",
                        misfit,
                        free));
            }
        }
        double spread = replicateSpread(b);
        if (data != null && Double.isFinite(spread)) {
            double misfit = Math.sqrt(data / fields);
            if (misfit > REPLICATE_RATIO * spread + MISFIT_FLOOR) {
                if (!missed)
                    out.add(String.format(
                            Locale.ROOT,
                            "the fit misses the data by %.3g std (RMS), more than repeated measurements at one point disagree (%.3g std): "
                                    + "the equation may lack a term, or a known field or the units may be off",
                            misfit,
                            spread));
            } else if (spread > REPLICATE_RATIO * misfit + MISFIT_FLOOR) {
                out.add(String.format(
                        Locale.ROOT,
                        "repeated measurements at one point disagree by %.3g std (RMS), more than the fit misses the data (%.3g std): "
                                + "the repeats are noisier than the other points, or were taken under other conditions",
                        spread,
                        misfit));
            }
        }
        String shortNetwork = WeakForm.warning(b, r);
        if (shortNetwork != null) out.add(shortNetwork);
        Double res = r.terms().get("residual");
        int equations = b.spec().equations().size();
        if (res != null && Math.sqrt(res / equations) > RESIDUAL_SHARE) {
            out.add(String.format(
                    Locale.ROOT,
                    "the equation is far from satisfied: its RMS residual is %.0f %% of its largest term",
                    100 * Math.sqrt(res / equations)));
        }
        String budget = budgetWarning(r);
        if (budget != null) out.add(budget);
        out.addAll(fieldWarnings(b));
        return out;
    }

    /**
     * The warnings from the profile of the loss ({@link CoefficientProfile}; none for null): each coefficient
     * whose standard error is above {@link #LOOSE_COEFFICIENT} of its value, and each whose profile fell on a
     * side (the fit had not reached its minimum along it).
     *
     * @param p the profile, or null when none was taken
     * @return the warnings in words, in the unknowns' order
     */
    public static List<String> profileWarnings(CoefficientProfile p) {
        List<String> out = new ArrayList<>();
        if (p == null) return out;
        for (Map.Entry<String, Double> e : p.relative().entrySet()) {
            String name = e.getKey();
            double se = e.getValue();
            if (p.lowered().get(name)) {
                out.add(String.format(
                        Locale.ROOT,
                        "moving %s by %.0f %% and refitting the rest lowered the loss: the fit had not reached its"
                                + " minimum along %s, so %s may still be off; allow more time or iterations",
                        name,
                        100 * CoefficientProfile.STEP,
                        name,
                        name));
            } else if (se > LOOSE_COEFFICIENT) {
                out.add(String.format(
                        Locale.ROOT,
                        "%s is loosely determined by these data: its standard error from the profile of the loss is"
                                + " %.2g %% of its value (the noise alone may move it that far, and biases come on top);"
                                + " denser or less noisy data settle it, and --ensemble 5 gives an interval for it",
                        name,
                        100 * se));
            }
        }
        return out;
    }

    /**
     * The warning for a fit that its wall-clock budget ended inside L-BFGS (the trainer's stop reason holds
     * {@value #BUDGET_STOP}), or null: its coefficients may still be moving, and where the budget ends depends on
     * the machine's speed and load, so another run stops at another step.
     *
     * @param r the training's result
     * @return the warning, or null when the fit ended for another reason
     */
    static String budgetWarning(TrainingResult r) {
        if (r.stopReason() == null || !r.stopReason().contains(BUDGET_STOP)) return null;
        return String.format(
                Locale.ROOT,
                "the time budget ended the fit after %d steps, inside L-BFGS, before it converged: the coefficients may"
                        + " still be moving, and on a faster or less busy machine the fit stops at another step with"
                        + " other values; allow more time, or none (a time budget of 0)",
                r.steps());
    }

    /**
     * Each learned field of a trained problem that more than {@link #FIELD_SHARE} of its nodes leave loose
     * (sensitivity below {@link #FIELD_SENSITIVITY} of its largest; {@link FieldSensitivity}): the field, the
     * term it multiplies, the share and where, and the coefficients that may absorb its error.
     */
    static List<String> fieldWarnings(FitSetup.Built b) {
        List<String> out = new ArrayList<>();
        for (FieldSensitivity.Profile p : FieldSensitivity.of(b)) {
            String name = p.field().name();
            double[] rel = p.relative();
            boolean[] loose = new boolean[rel.length];
            int finite = 0, count = 0;
            double max = 0;
            for (int i = 0; i < rel.length; i++) {
                if (Double.isFinite(p.sensitivity()[i])) {
                    finite++;
                    max = Math.max(max, p.sensitivity()[i]);
                }
                loose[i] = rel[i] < FIELD_SENSITIVITY;
                if (loose[i]) count++;
            }
            if (finite == 0) continue; // a failed fit: nothing to judge
            List<String> with = FieldSensitivity.fittedWith(b.spec(), name);
            String absorb =
                    with.isEmpty() ? "" : ", and " + String.join(", ", with) + ", fitted with it, may absorb its error";
            if (max == 0) {
                out.add(String.format(
                        Locale.ROOT,
                        "the residual does not change with the learned field %s anywhere on these data: %s is not determined%s",
                        p.field(),
                        name,
                        absorb));
                continue;
            }
            double share = count / (double) rel.length;
            if (share <= FIELD_SHARE) continue;
            Map<dev.mollify.pde.spec.Expr, String> terms = FieldSensitivity.terms(b.spec(), name);
            List<String> termText = new ArrayList<>(), multipliers = new ArrayList<>();
            for (var t : terms.entrySet()) {
                termText.add(t.getKey().toString());
                if (t.getValue() != null) multipliers.add(t.getValue());
            }
            boolean named = !terms.isEmpty() && multipliers.size() == terms.size();
            List<String> others = new ArrayList<>(b.grid().axisNames());
            others.removeAll(p.axes());
            String over = others.isEmpty() ? "" : " (RMS over " + String.join(", ", others) + ")";
            out.add(String.format(
                    Locale.ROOT,
                    "the data barely constrain the learned field %s on %.0f %% of its nodes (%s): there %s in %s%s is under %.2g"
                            + " of its largest, so the residual hardly changes with %s; %s is not determined there%s",
                    p.field(),
                    100 * share,
                    where(p, loose),
                    named ? "its multiplier " + String.join(" and ", multipliers) : "the residual's sensitivity to it",
                    String.join(" and ", termText),
                    over,
                    FIELD_SENSITIVITY,
                    name,
                    name,
                    absorb));
        }
        return out;
    }

    /**
     * Where the loose nodes lie: along one coordinate its runs ({@code x from -1.00 to -0.688 and from 0.844 to
     * 0.969}, at most three, then how many more); over several, the box that holds them.
     */
    static String where(FieldSensitivity.Profile p, boolean[] loose) {
        if (p.axes().size() == 1) {
            double[] x = p.nodes().get(0);
            List<String> runs = new ArrayList<>();
            int total = 0;
            for (int i = 0; i < loose.length; i++) {
                if (!loose[i] || (i > 0 && loose[i - 1])) continue;
                int j = i;
                while (j + 1 < loose.length && loose[j + 1]) j++;
                total++;
                if (runs.size() < 3)
                    runs.add(
                            i == j
                                    ? String.format(Locale.ROOT, "at %.3g", x[i])
                                    : String.format(Locale.ROOT, "from %.3g to %.3g", x[i], x[j]));
            }
            return p.axes().get(0) + " " + String.join(" and ", runs)
                    + (total > runs.size() ? " and " + (total - runs.size()) + " more stretches" : "");
        }
        int d = p.axes().size();
        double[] lo = new double[d], hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        int[] idx = new int[d];
        for (int i = 0; i < loose.length; i++) {
            if (loose[i]) {
                for (int a = 0; a < d; a++) {
                    double v = p.nodes().get(a)[idx[a]];
                    lo[a] = Math.min(lo[a], v);
                    hi[a] = Math.max(hi[a], v);
                }
            }
            for (int a = d - 1; a >= 0; a--) {
                if (++idx[a] < p.nodes().get(a).length) break;
                idx[a] = 0;
            }
        }
        List<String> box = new ArrayList<>();
        for (int a = 0; a < d; a++)
            box.add(String.format(Locale.ROOT, "%s from %.3g to %.3g", p.axes().get(a), lo[a], hi[a]));
        return "within " + String.join(", ", box);
    }

    /** Before the fit: each observed field whose replicates spread by more than {@link #REPLICATE_NOISE} std of its data. */
    static List<String> replicateWarnings(DataLayout layout, List<String> observed) {
        List<String> out = new ArrayList<>();
        for (String f : observed) {
            double spread = layout.replicateSpread(f) / Measurements.meanAndScale(layout, f)[1];
            if (spread > REPLICATE_NOISE) {
                out.add(String.format(
                        Locale.ROOT,
                        "repeated measurements of '%s' at one point disagree by %.3g std of its data (RMS): "
                                + "noise of that size limits how precisely the coefficients are determined",
                        f,
                        spread));
            }
        }
        return out;
    }

    /** RMS over the observed fields of each field's replicate spread in std of its data; NaN when no point is measured twice. */
    static double replicateSpread(FitSetup.Built b) {
        double sum = 0;
        int n = 0;
        for (String f : b.observed()) {
            double s = b.layout().replicateSpread(f) / Measurements.meanAndScale(b.layout(), f)[1];
            if (Double.isFinite(s)) {
                sum += s * s;
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(sum / n);
    }
}
