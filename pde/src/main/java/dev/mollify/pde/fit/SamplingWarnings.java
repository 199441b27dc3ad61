package dev.mollify.pde.fit;

import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;
import java.util.ArrayList;
import java.util.Arrays;
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
 *   <li>changes faster than the sampling: along an axis the equation differentiates, a sample is not
 *       predicted by linear interpolation between its two neighbours,
 *       <pre>  E_a = median_i rms(u_i − ((1 − w_i) u_{i−1} + w_i u_{i+1})) / std(u) &gt; {@value #UNPREDICTABLE},
 *  w_i = (a_i − a_{i−1}) / (a_{i+1} − a_{i−1}),</pre>
 *       where i runs over the interior samples along the axis and the rms over the slice at a_i. The field
 *       then changes by about its whole spread between samples (a chaotic flow sampled a few times, say),
 *       and the equation's derivatives along the axis are the network's guess between samples, so the
 *       coefficients can come out far off without the fit showing it. Smooth data give E ≲ 0.3 (a moving
 *       soliton sampled six times: 0.25; six snapshots of a chaotic Kuramoto–Sivashinsky flow: 0.74); noise
 *       of relative size s adds about 1.2 s.</li>
 * </ul>
 */
final class SamplingWarnings {
    /** Share of the field's range that neighbouring samples may differ by before a front counts as unresolved. */
    static final double STEEP_JUMP = 0.4;
    /** The fewest neighbouring pairs along an axis for the front check to speak. */
    static final int MIN_PAIRS = 16;
    /** Median interpolation miss, in units of the field's spread, above which an axis counts as sampled too sparsely. */
    static final double UNPREDICTABLE = 0.5;

    private SamplingWarnings() {}

    /** Every sampling warning for the observed fields of {@code layout} under {@code spec}. */
    static List<String> of(DataLayout layout, PdeSpec spec, List<String> observed) {
        List<String> out = new ArrayList<>(tooFewSamples(layout, spec));
        out.addAll(steepFronts(layout, spec, observed));
        out.addAll(unpredictableSamples(layout, spec, observed));
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

    /** Axes the equation differentiates along which a field's samples are not predictable from their neighbours. */
    static List<String> unpredictableSamples(DataLayout layout, PdeSpec spec, List<String> observed) {
        List<String> out = new ArrayList<>();
        DataLayout grid = layout.scattered() ? productGrid(layout) : layout;
        if (grid == null) return out;
        for (int a = 0; a < grid.shape().length; a++) {
            String axis = grid.axisNames().get(a);
            if (order(spec, axis) < 1) continue;
            for (String f : observed) {
                double miss = interpolationMiss(
                        grid.fields().get(f), grid.shape(), grid.axes().get(a), a);
                if (miss > UNPREDICTABLE) {
                    out.add(String.format(
                            Locale.ROOT,
                            "along %s, linear interpolation between neighbouring samples of '%s' misses the sample between them by "
                                    + "%.0f %% of the field's spread (median): '%s' changes by about its whole spread from one sample "
                                    + "to the next, so its derivatives along %s between samples are the network's guess and the "
                                    + "coefficients may be far off, even with a small misfit. Denser sampling along %s resolves it",
                            axis,
                            f,
                            100 * miss,
                            f,
                            axis,
                            axis));
                }
            }
        }
        return out;
    }

    /**
     * E_a: the median, over interior samples i along axis {@code a} of a row-major grid (NaN = not measured), of
     * the rms miss of linear interpolation between samples i − 1 and i + 1 over the slice at i, in units of the
     * standard deviation of the measured values; 0 when the axis has fewer than 3 samples, fewer than
     * {@link #MIN_PAIRS} complete triples are measured, or the values are constant.
     */
    static double interpolationMiss(double[] v, int[] shape, double[] coords, int a) {
        int n = shape[a];
        if (n < 3) return 0;
        int stride = 1;
        for (int b = a + 1; b < shape.length; b++) stride *= shape[b];
        double sum = 0, sumSq = 0;
        int count = 0;
        for (double x : v) {
            if (Double.isNaN(x)) continue;
            sum += x;
            sumSq += x * x;
            count++;
        }
        if (count == 0) return 0;
        double mean = sum / count, var = sumSq / count - mean * mean;
        if (!(var > 0)) return 0;
        double[] missSq = new double[n];
        int[] triples = new int[n];
        for (int k = 0; k < v.length; k++) {
            int i = (k / stride) % n;
            if (i == 0 || i == n - 1) continue;
            double prev = v[k - stride], here = v[k], next = v[k + stride];
            if (Double.isNaN(prev) || Double.isNaN(here) || Double.isNaN(next)) continue;
            double w = (coords[i] - coords[i - 1]) / (coords[i + 1] - coords[i - 1]);
            double d = here - ((1 - w) * prev + w * next);
            missSq[i] += d * d;
            triples[i]++;
        }
        double[] rms = new double[n - 2];
        int slices = 0, total = 0;
        for (int i = 1; i < n - 1; i++) {
            total += triples[i];
            if (triples[i] > 0) rms[slices++] = Math.sqrt(missSq[i] / triples[i]);
        }
        if (total < MIN_PAIRS) return 0;
        double[] sorted = Arrays.copyOf(rms, slices);
        Arrays.sort(sorted);
        double median = slices % 2 == 1 ? sorted[slices / 2] : 0.5 * (sorted[slices / 2 - 1] + sorted[slices / 2]);
        return median / Math.sqrt(var);
    }

    /**
     * Scattered points that are the nodes of a grid with unevenly spaced lines (a few time samples taken at
     * irregular times, say), as a grid layout over the distinct coordinate values; null when the points are
     * not such nodes (two points share a node, or fewer than half the nodes are measured).
     */
    static DataLayout productGrid(DataLayout layout) {
        double[][] pts = layout.points();
        int d = layout.axisNames().size();
        List<double[]> axes = new ArrayList<>();
        List<double[]> coordCols = new ArrayList<>();
        long nodes = 1;
        for (int a = 0; a < d; a++) {
            double[] c = new double[pts.length];
            for (int r = 0; r < pts.length; r++) c[r] = pts[r][a];
            double[] distinct = Arrays.stream(c).sorted().distinct().toArray();
            coordCols.add(c);
            axes.add(distinct);
            nodes *= distinct.length;
            if (nodes > 2L * pts.length) return null;
        }
        return DataLayout.atNodes(layout.axisNames(), axes, coordCols, layout.pointValues());
    }
}
