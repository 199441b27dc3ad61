package dev.mollify.tests.acceptance;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One route's outcome on one acceptance row (a problem, a noise level, a route).
 *
 * @param problem        e.g. "burgers"
 * @param route          mollifier, autodiff or fd
 * @param noise          relative noise level r (σ = r·std(u))
 * @param recovered      recovered values by unknown name (for fields: a summary such as a mean)
 * @param errors         the quantity each bound is asserted on, by name: a relative error for a
 *                       scalar ("lambda1" → 0.003), or e.g. "f.correlation" → 0.97 for a field
 * @param secondsPerStep mean wall time of one gradient evaluation (loss + backward)
 * @param peakBytes      peak live tensor storage of one gradient evaluation
 * @param totalSeconds   wall time of the whole fit
 */
public record RowResult(
        String problem,
        String route,
        double noise,
        Map<String, Double> recovered,
        Map<String, Double> errors,
        double secondsPerStep,
        long peakBytes,
        double totalSeconds) {

    public RowResult {
        recovered = Map.copyOf(new LinkedHashMap<>(recovered));
        errors = Map.copyOf(new LinkedHashMap<>(errors));
    }

    /** One line for logs and the README tables. */
    @Override
    public String toString() {
        StringBuilder s =
                new StringBuilder(String.format(Locale.ROOT, "%-10s %-9s noise %4.1f%%", problem, route, 100 * noise));
        recovered.keySet().stream()
                .sorted()
                .forEach(k -> s.append(String.format(Locale.ROOT, "  %s = %.6g", k, recovered.get(k))));
        errors.keySet().stream()
                .sorted()
                .forEach(k -> s.append(String.format(Locale.ROOT, "  [%s %.4g]", k, errors.get(k))));
        s.append(String.format(
                Locale.ROOT,
                "  %7.2f ms/step  peak %7.2f MiB  total %.1f s",
                1e3 * secondsPerStep,
                peakBytes / 1048576.0,
                totalSeconds));
        return s.toString();
    }
}
