package dev.mollify.jmh.scaling;

import dev.mollify.pde.fit.DataSidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark of a JMH result file ({@code -rf json}): its method, parameters and score.
 *
 * @param benchmark the method's short name, {@code Class.method} without the package
 * @param params the {@code @Param} values (empty when none)
 * @param threads the benchmark threads
 * @param score the primary score, in {@code unit}
 * @param error the 99.9 % half-interval of the score, in {@code unit}; NaN when JMH had too few iterations
 * @param unit JMH's unit, e.g. {@code ms/op} or {@code ops/s}
 * @param secondary the secondary scores by name (e.g. the auxiliary counters), in their own units
 */
public record JmhResult(
        String benchmark,
        Map<String, String> params,
        int threads,
        double score,
        double error,
        String unit,
        Map<String, Double> secondary) {
    /** Copies the maps, keeping their order (JMH's: the parameters as the benchmark declares them). */
    public JmhResult {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
    }

    /**
     * The seconds of one call: the score scaled by its unit for {@code s/op}, {@code ms/op},
     * {@code us/op} and {@code ns/op}, 1 / score for {@code ops/s}, {@code ops/ms}, {@code ops/us},
     * {@code ops/ns}.
     *
     * @return seconds per operation
     * @throws IllegalStateException for another unit
     */
    public double seconds() {
        return toSeconds(score);
    }

    /**
     * The error of {@link #seconds()}: for a time unit the error scaled alike; for a rate, the score's
     * relative error times the seconds (first order).
     *
     * @return the half-interval in seconds per operation, NaN when JMH gave none
     */
    public double secondsError() {
        if (unit.endsWith("/op")) return toSeconds(error);
        return seconds() * error / score;
    }

    /**
     * A parameter.
     *
     * @param name the {@code @Param} field's name
     * @return its value
     * @throws IllegalArgumentException when the benchmark has no such parameter
     */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) throw new IllegalArgumentException(benchmark + " has no parameter " + name);
        return v;
    }

    private double toSeconds(double v) {
        switch (unit) {
            case "s/op":
                return v;
            case "ms/op":
                return v * 1e-3;
            case "us/op":
                return v * 1e-6;
            case "ns/op":
                return v * 1e-9;
            case "ops/s":
                return 1 / v;
            case "ops/ms":
                return 1e-3 / v;
            case "ops/us":
                return 1e-6 / v;
            case "ops/ns":
                return 1e-9 / v;
            default:
                throw new IllegalStateException("unknown JMH unit " + unit);
        }
    }

    /**
     * Every benchmark of a JMH JSON file.
     *
     * @param file the file {@code -rff} named
     * @return its results, in the file's order
     * @throws IOException when it cannot be read
     */
    public static List<JmhResult> read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /**
     * Every benchmark of a JMH JSON text: {@code benchmark} (the package removed), {@code threads},
     * {@code params}, {@code primaryMetric.score}, {@code .scoreError}, {@code .scoreUnit} and each
     * {@code secondaryMetrics.NAME.score}.
     *
     * @param json the text JMH wrote
     * @return its results, in order
     * @throws IllegalArgumentException when it is not a JSON array of JMH results
     */
    public static List<JmhResult> parse(String json) {
        Object root = DataSidecar.parseJson(json);
        if (!(root instanceof List<?> list)) throw new IllegalArgumentException("a JMH result file is a JSON array");
        List<JmhResult> out = new ArrayList<>();
        for (Object o : list) out.add(of(map(o)));
        return out;
    }

    private static JmhResult of(Map<?, ?> m) {
        String name = String.valueOf(m.get("benchmark"));
        int dot = name.lastIndexOf('.', name.lastIndexOf('.') - 1);
        Map<String, String> params = new LinkedHashMap<>();
        if (m.get("params") instanceof Map<?, ?> p) {
            for (Map.Entry<?, ?> e : p.entrySet()) params.put(e.getKey().toString(), String.valueOf(e.getValue()));
        }
        Map<?, ?> primary = map(m.get("primaryMetric"));
        Map<String, Double> secondary = new LinkedHashMap<>();
        if (m.get("secondaryMetrics") instanceof Map<?, ?> s) {
            for (Map.Entry<?, ?> e : s.entrySet()) {
                secondary.put(e.getKey().toString(), number(map(e.getValue()).get("score")));
            }
        }
        Object threads = m.get("threads");
        return new JmhResult(
                name.substring(dot + 1),
                params,
                threads == null ? 1 : (int) number(threads),
                number(primary.get("score")),
                number(primary.get("scoreError")),
                String.valueOf(primary.get("scoreUnit")),
                secondary);
    }

    private static Map<?, ?> map(Object o) {
        if (o instanceof Map<?, ?> m) return m;
        throw new IllegalArgumentException("a JSON object was expected, got " + o);
    }

    /** A number JSON holds as a number or as a string (JMH writes a missing error as {@code "NaN"}); NaN for null. */
    private static double number(Object v) {
        if (v == null) return Double.NaN;
        if (v instanceof Number n) return n.doubleValue();
        return Double.parseDouble(v.toString());
    }
}
