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
 *       the fit misses the data, or less than it: noisier repeats, or an equation that misses something.</li>
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
     * @param b the set-up problem the fit trained
     * @param r the training's result
     * @return the warnings in words, empty when there is nothing to report or no estimate to compare with,
     *     or when no step was taken
     */
    public static List<String> afterFit(FitSetup.Built b, TrainingResult r) {
        List<String> out = new ArrayList<>();
        if (b.estimate() == null || r.steps() == 0) return out;
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
        return out;
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
