package dev.mollify.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary plots of a sweep: for each unknown, {@code sweep-NAME.png} with one chart per numeric setting
 * that takes two or more values (noise, points, a single width δ): the recovered value against that setting.
 * Each curve is one combination of the other settings except the seed (data file, route, the other numeric
 * settings), each point the mean over the seeds with an error bar of their sample standard deviation
 * sd = sqrt(Σ (c_s − c̄)² / (S − 1)) (none for a single seed). A truth shared by every fit is drawn as a dashed
 * red line. Only fits that ended well ({@code status} ok) count.
 */
public final class SweepPlots {
    /** The settings drawn on the x axis when they are numbers and vary; the seed gives the spread instead. */
    static final List<String> AXES = List.of("noise", "points", "delta");

    private SweepPlots() {}

    /**
     * Writes {@code sweep-NAME.png} into {@code out} for each unknown that has a chart to draw.
     *
     * @param out the sweep's output folder
     * @param rows the summary rows ({@code fit}, {@code status}, the settings, {@code unknowns} by name with
     *     {@code value} and {@code truth})
     * @param settings the settings the rows carry, in the sweep description's order
     * @param unknowns the unknowns' names
     * @return the files written, in the order of {@code unknowns}
     * @throws IOException when a file cannot be written
     */
    public static List<Path> write(
            Path out, List<Map<String, Object>> rows, List<String> settings, List<String> unknowns) throws IOException {
        List<Map<String, Object>> ok =
                rows.stream().filter(r -> "ok".equals(r.get("status"))).toList();
        List<Path> written = new ArrayList<>();
        for (String name : unknowns) {
            List<Plots.Panel> panels = new ArrayList<>();
            for (String axis : AXES) {
                if (!settings.contains(axis) || !numericAndVarying(ok, axis)) continue;
                panels.add(panel(ok, settings, name, axis));
            }
            if (panels.isEmpty()) continue;
            Path file = out.resolve("sweep-" + name + ".png");
            Plots.panels(file, name + " over the sweep (mean over seeds ± sd)", panels, 2, 620, 440);
            written.add(file);
        }
        return written;
    }

    /** True when every row's {@code axis} is a number and there are two or more of them. */
    static boolean numericAndVarying(List<Map<String, Object>> rows, String axis) {
        java.util.Set<Double> seen = new java.util.HashSet<>();
        for (Map<String, Object> r : rows) {
            Double v = number(r.get(axis));
            if (v == null) return false;
            seen.add(v);
        }
        return seen.size() >= 2;
    }

    /** One chart: {@code name} against {@code axis}, a curve per combination of the other settings but the seed. */
    static Plots.Panel panel(List<Map<String, Object>> rows, List<String> settings, String name, String axis) {
        Map<String, TreeMap<Double, List<Double>>> curves = new LinkedHashMap<>();
        java.util.Set<Double> truths = new java.util.HashSet<>();
        List<String> varying = settings.stream()
                .filter(s -> !s.equals(axis) && !s.equals("seed"))
                .filter(s -> rows.stream().map(x -> x.get(s)).distinct().count() > 1)
                .toList();
        for (Map<String, Object> r : rows) {
            if (!(r.get("unknowns") instanceof Map<?, ?> us) || !(us.get(name) instanceof Map<?, ?> u)) continue;
            Double value = number(u.get("value"));
            if (value == null || !Double.isFinite(value)) continue;
            Double truth = number(u.get("truth"));
            truths.add(truth);
            List<String> key = new ArrayList<>();
            for (String s : varying) key.add(s + " " + r.get(s));
            String curve = key.isEmpty() ? name : String.join(", ", key);
            curves.computeIfAbsent(curve, k -> new TreeMap<>())
                    .computeIfAbsent(number(r.get(axis)), k -> new ArrayList<>())
                    .add(value);
        }
        List<Plots.Series> series = new ArrayList<>();
        double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, TreeMap<Double, List<Double>>> c : curves.entrySet()) {
            int n = c.getValue().size(), i = 0;
            double[] x = new double[n], mean = new double[n], sd = new double[n];
            for (Map.Entry<Double, List<Double>> p : c.getValue().entrySet()) {
                x[i] = p.getKey();
                mean[i] = mean(p.getValue());
                sd[i] = sd(p.getValue(), mean[i]);
                i++;
            }
            xmin = Math.min(xmin, x[0]);
            xmax = Math.max(xmax, x[n - 1]);
            series.add(new Plots.Series(c.getKey(), x, mean, false, sd));
        }
        if (truths.size() == 1 && truths.iterator().next() != null && xmax >= xmin) {
            double t = truths.iterator().next();
            series.add(new Plots.Series(
                    "truth "
                            + new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", t))
                                    .stripTrailingZeros()
                                    .toPlainString(),
                    new double[] {xmin, xmax},
                    new double[] {t, t},
                    true));
        }
        return new Plots.Panel(name + " against " + axis, axis, name, false, series, null);
    }

    /** The mean of the values. */
    static double mean(List<Double> v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.size();
    }

    /** The sample standard deviation around {@code mean}; 0 for a single value. */
    static double sd(List<Double> v, double mean) {
        if (v.size() < 2) return 0;
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return Math.sqrt(ss / (v.size() - 1));
    }

    /** A setting's value as a number, or null when it is not one (a file name, a route, {@code auto}). */
    static Double number(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
