package dev.mollify.pde.fit;

import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.PointSet;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The measured values of a {@link DataLayout} as the fit uses them: observations, and their size. */
final class Measurements {
    private Measurements() {}

    /**
     * The largest magnitude of measured values a fit works with: squares of values beyond 10¹⁵⁰ (and of
     * nonzero values all below 10⁻¹⁵⁰) leave double precision (about 1.8·10³⁰⁸ down to 4.9·10⁻³²⁴).
     */
    static final double LARGEST = 1e150;

    /**
     * Refuses a field whose values are too large or too small in magnitude for their squares (the spread,
     * the loss) to exist in double precision: max|v| > {@link #LARGEST}, or 0 < max|v| < 1/{@link #LARGEST}.
     * The message names the field, its largest magnitude and the fix: rescale the column.
     */
    static void checkMagnitude(DataLayout layout, String f, String source) {
        double[] v = layout.scattered()
                ? layout.pointValues().get(f)
                : layout.fields().get(f);
        double max = 0;
        for (double x : v) if (!Double.isNaN(x)) max = Math.max(max, Math.abs(x));
        if (max <= LARGEST && (max == 0 || max >= 1 / LARGEST)) return;
        long power = Math.round(Math.floor(Math.log10(max)));
        throw FitInputException.badData(String.format(
                java.util.Locale.ROOT,
                "the values of '%s' in %s reach %.3g in magnitude: their squares %s double precision, so no"
                        + " fit of them (not a smaller --lr either) can work. Rescale the column to values near 1"
                        + " (%s it by 1e%d), then convert the coefficients back (those of a linear equation do"
                        + " not change)",
                f,
                source,
                max,
                max > LARGEST ? "overflow" : "underflow",
                max > LARGEST ? "divide" : "multiply",
                Math.abs(power)));
    }

    /** {mean, scale, std} of a field's measured values; the scale is the std, or |mean| (else 1) for constant data. */
    static double[] meanAndScale(DataLayout layout, String f) {
        double[] v = layout.scattered()
                ? layout.pointValues().get(f)
                : layout.fields().get(f);
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isNaN(x)) continue;
            s += x;
            n++;
        }
        double mean = s / n;
        double sd = std(v);
        double scale = sd > 0 ? sd : Math.abs(mean) > 0 ? Math.abs(mean) : 1;
        return new double[] {mean, scale, sd};
    }

    static String describe(Grid g) {
        List<String> dims = new ArrayList<>();
        for (int a = 0; a < g.dims(); a++)
            dims.add(g.axis(a).length + " " + g.axisNames().get(a));
        return String.join(" × ", dims);
    }

    /** The measured values of a grid layout as points (for a collocation grid that is not the data grid). */
    static Observations points(DataLayout layout, String f) {
        if (layout.scattered()) return observations(layout, f);
        double[] v = layout.fields().get(f);
        List<String> cols = new ArrayList<>(layout.axisNames());
        cols.add(f);
        int d = layout.axisNames().size();
        int[] shape = layout.shape();
        List<Double> data = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) continue;
            int rest = i;
            double[] p = new double[d];
            for (int a = d - 1; a >= 0; a--) {
                p[a] = layout.axes().get(a)[rest % shape[a]];
                rest /= shape[a];
            }
            for (double x : p) data.add(x);
            data.add(v[i]);
        }
        return Observations.points(new PointSet(
                "data", cols, data.stream().mapToDouble(Double::doubleValue).toArray(), Map.of(), "measured"));
    }

    static Observations observations(DataLayout layout, String f) {
        if (layout.scattered()) {
            List<String> cols = new ArrayList<>(layout.axisNames());
            cols.add(f);
            int w = cols.size();
            double[][] p = layout.points();
            double[] v = layout.pointValues().get(f);
            double[] data = new double[p.length * w];
            for (int r = 0; r < p.length; r++) {
                System.arraycopy(p[r], 0, data, r * w, w - 1);
                data[r * w + w - 1] = v[r];
            }
            return Observations.points(new PointSet("data", cols, data, Map.of(), "measured"));
        }
        double[] v = layout.fields().get(f).clone();
        boolean[] mask = new boolean[v.length];
        boolean full = true;
        for (int i = 0; i < v.length; i++) {
            mask[i] = !Double.isNaN(v[i]);
            if (!mask[i]) {
                full = false;
                v[i] = 0;
            }
        }
        GridField g = new GridField("data", f, layout.axisNames(), layout.axes(), v, Map.of(), "measured");
        return full ? Observations.grid(g) : Observations.masked(g, mask);
    }

    static double std(double[] u) {
        double s = 0, s2 = 0;
        int n = 0;
        for (double v : u) {
            if (Double.isNaN(v)) continue;
            s += v;
            n++;
        }
        double mean = s / n;
        for (double v : u) if (!Double.isNaN(v)) s2 += (v - mean) * (v - mean);
        return Math.sqrt(s2 / n);
    }
}
