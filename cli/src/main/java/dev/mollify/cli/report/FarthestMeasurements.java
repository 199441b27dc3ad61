package dev.mollify.cli.report;

import dev.mollify.pde.fit.FitSetup;
import dev.mollify.pde.pinn.Evaluation;
import dev.mollify.pde.pinn.Observations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurements farthest from the fitted field, where a stuck sensor or a mistyped value shows: for each
 * measured field the misfits r_i = û(x_i) − y_i the data term compares, their robust spread
 * s = 1.4826 · median|r − median r| (the standard deviation for normal noise, unmoved by a few gross errors),
 * and the {@link #COUNT} largest |r_i| / s over all fields.
 */
public final class FarthestMeasurements {
    /** How many measurements are listed. */
    static final int COUNT = 5;

    /** From this many spreads on, the command prints the farthest measurement. */
    public static final double PRINTED = 10;

    private FarthestMeasurements() {}

    /**
     * One measurement and how far the fit is from it.
     *
     * @param field       the measured field
     * @param coordinates its coordinates by name
     * @param measured    the measured value
     * @param fitted      the fitted field there
     * @param spreads     |fitted − measured| in robust spreads of that field's misfits
     */
    public record Measurement(
            String field, Map<String, Double> coordinates, double measured, double fitted, double spreads) {
        /**
         * The measurement in words.
         *
         * @return e.g. {@code u at x=0.5, t=0.25: measured 1.2, fitted 0.31 (21.0 spreads)}
         */
        public String describe() {
            List<String> at = new ArrayList<>();
            coordinates.forEach((k, v) -> at.add(String.format(Locale.ROOT, "%s=%.6g", k, v)));
            return String.format(
                    Locale.ROOT,
                    "%s at %s: measured %.6g, fitted %.6g (%.1f spreads)",
                    field,
                    String.join(", ", at),
                    measured,
                    fitted,
                    spreads);
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", field);
            m.put("coordinates", new LinkedHashMap<>(coordinates));
            m.put("measured", measured);
            m.put("fitted", fitted);
            m.put("spreads", spreads);
            return m;
        }
    }

    /**
     * The {@link #COUNT} measurements farthest from the fit, farthest first; empty when every field's misfits
     * have no spread (a fit through every point).
     *
     * @param b  the set-up problem after training
     * @param ev the route's evaluation at the final parameters ({@code b.problem().loss().evaluation()})
     * @return the measurements, farthest first
     */
    public static List<Measurement> of(FitSetup.Built b, Evaluation ev) {
        List<Measurement> all = new ArrayList<>();
        for (Map.Entry<String, Observations> e : b.problem().observations().entrySet()) {
            var predicted = ev.atData().get(e.getKey());
            if (predicted == null) continue;
            double[] fit = predicted.value().toDoubleArray();
            double[] y = e.getValue().targets().toDoubleArray();
            double[] r = new double[y.length];
            for (int i = 0; i < y.length; i++) r[i] = fit[i] - y[i];
            double spread = 1.4826 * median(absDeviations(r, median(r.clone())));
            if (!(spread > 0)) continue;
            List<String> coords = b.spec().coordinates();
            double[] at = e.getValue().locations(coords).toDoubleArray();
            Integer[] order = new Integer[r.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, Comparator.comparingDouble(i -> -Math.abs(r[i])));
            for (int k = 0; k < Math.min(COUNT, order.length); k++) {
                int i = order[k];
                Map<String, Double> c = new LinkedHashMap<>();
                for (int a = 0; a < coords.size(); a++) c.put(coords.get(a), at[i * coords.size() + a]);
                all.add(new Measurement(e.getKey(), c, y[i], fit[i], Math.abs(r[i]) / spread));
            }
        }
        all.sort(Comparator.comparingDouble(m -> -m.spreads()));
        return List.copyOf(all.subList(0, Math.min(COUNT, all.size())));
    }

    /**
     * The measurements as report.json lists them.
     *
     * @param list the measurements
     * @return one map per measurement: field, coordinates, measured, fitted, spreads
     */
    static List<Map<String, Object>> json(List<Measurement> list) {
        return list.stream().map(Measurement::json).toList();
    }

    /**
     * One entry of report.json's {@code farthestFromFit} in words, as {@link Measurement#describe()} gives it.
     *
     * @param json an entry as {@link #json} wrote it
     * @return e.g. {@code u at x=0.5, t=0.25: measured 1.2, fitted 0.31 (21.0 spreads)}
     */
    public static String describe(Map<?, ?> json) {
        Map<String, Double> c = new LinkedHashMap<>();
        ((Map<?, ?>) json.get("coordinates")).forEach((k, v) -> c.put((String) k, (Double) v));
        return new Measurement(
                        (String) json.get("field"),
                        c,
                        (Double) json.get("measured"),
                        (Double) json.get("fitted"),
                        (Double) json.get("spreads"))
                .describe();
    }

    private static double[] absDeviations(double[] r, double centre) {
        double[] d = new double[r.length];
        for (int i = 0; i < r.length; i++) d[i] = Math.abs(r[i] - centre);
        return d;
    }

    /** The median; sorts {@code v} in place. */
    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
