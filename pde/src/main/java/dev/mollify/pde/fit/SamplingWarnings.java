package dev.mollify.pde.fit;

import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Before the fit: data axes sampled too coarsely for the equation's derivatives along them (docs/math.md,
 * "The collocation grid"). Two signs, on gridded data (scattered points leave the question to the network's interpolation):
 * <ul>
 *   <li>too few samples: an axis with fewer than 2k + 3 samples for derivatives of order k along it;</li>
 *   <li>a front sharper than the sampling: along an axis the equation differentiates twice or more,
 *       neighbouring samples differ by more than {@link #STEEP_JUMP} of the field's range,
 *       <pre>  J_a = max_i |u(i + e_a) − u(i)| / (max u − min u) &gt; {@value #STEEP_JUMP},</pre>
 *       i.e. the steepest feature spans about two samples or fewer (a tanh front of width w samples gives
 *       J ≈ tanh(1/w)). The terms that shape such a front (diffusion, dispersion, hyperdiffusion) are then
 *       told by one or two samples, and their coefficients come out biased, whatever the route. Noise of
 *       10 % adds about 0.1 to J on smooth data, so smooth noisy data stay below the threshold.</li>
 * </ul>
 */
final class SamplingWarnings {
    /** Share of the field's range that neighbouring samples may differ by before a front counts as unresolved. */
    static final double STEEP_JUMP = 0.4;
    /** The fewest neighbouring pairs along an axis for the front check to speak. */
    static final int MIN_PAIRS = 16;

    private SamplingWarnings() {}

    /** Every sampling warning for the observed fields of {@code layout} under {@code spec}. */
    static List<String> of(DataLayout layout, PdeSpec spec, List<String> observed) {
        List<String> out = new ArrayList<>(tooFewSamples(layout, spec));
        out.addAll(steepFronts(layout, spec, observed));
        return out;
    }

    /** The highest order of derivative the equation takes along {@code axis}. */
    static int order(PdeSpec spec, String axis) {
        int order = 0;
        for (List<Partial> ps : spec.requiredDerivatives().values())
            for (Partial p : ps) order = Math.max(order, p.order(axis));
        return order;
    }

    /** Axes with too few samples for the equation's derivatives along them. */
    static List<String> tooFewSamples(DataLayout layout, PdeSpec spec) {
        List<String> out = new ArrayList<>();
        if (layout.scattered()) return out;
        for (int a = 0; a < layout.axisNames().size(); a++) {
            String name = layout.axisNames().get(a);
            int order = order(spec, name);
            int n = layout.axes().get(a).length;
            if (order > 0 && n < 2 * order + 3) {
                out.add(String.format(
                        Locale.ROOT,
                        "the data have %d samples along %s, few for the equation's derivatives of order %d there (%d or more resolve them): "
                                + "along %s the fit rests on the network's interpolation",
                        n,
                        name,
                        order,
                        2 * order + 3,
                        name));
            }
        }
        return out;
    }

    /** Axes of second or higher order along which a field's neighbouring samples jump by more than {@link #STEEP_JUMP} of its range. */
    static List<String> steepFronts(DataLayout layout, PdeSpec spec, List<String> observed) {
        List<String> out = new ArrayList<>();
        if (layout.scattered()) return out;
        int[] shape = layout.shape();
        for (int a = 0; a < shape.length; a++) {
            String axis = layout.axisNames().get(a);
            if (order(spec, axis) < 2 || shape[a] < 2) continue;
            for (String f : observed) {
                double jump = largestJump(layout.fields().get(f), shape, a);
                if (jump > STEEP_JUMP) {
                    out.add(String.format(
                            Locale.ROOT,
                            "along %s, neighbouring samples of '%s' differ by up to %.0f %% of its range: a front sharper than the sampling "
                                    + "(about two samples wide or less); the coefficients of the terms that shape it (order 2 or more in %s) "
                                    + "may come out biased. Finer sampling along %s resolves it",
                            axis,
                            f,
                            100 * jump,
                            axis,
                            axis));
                }
            }
        }
        return out;
    }

    /**
     * J_a: the largest difference between measured neighbours along axis {@code a} of a row-major grid (NaN = not
     * measured), over the range of the measured values; 0 when fewer than {@link #MIN_PAIRS} neighbours are
     * both measured or the values are constant.
     */
    static double largestJump(double[] v, int[] shape, int a) {
        int stride = 1;
        for (int b = a + 1; b < shape.length; b++) stride *= shape[b];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, jump = 0;
        int pairs = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) continue;
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
            boolean last = (i / stride) % shape[a] == shape[a] - 1;
            if (last || Double.isNaN(v[i + stride])) continue;
            jump = Math.max(jump, Math.abs(v[i + stride] - v[i]));
            pairs++;
        }
        return pairs < MIN_PAIRS || !(hi > lo) ? 0 : jump / (hi - lo);
    }
}
