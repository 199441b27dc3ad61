package dev.mollify.tests.acceptance;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code key=value} command-line overrides for the rows' {@code main} methods. Every key must be
 * read; {@link #finish()} rejects the ones nobody asked for, naming the keys that exist.
 */
final class RowArgs {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> known = new HashSet<>();
    private final String routes;
    private final String noises;

    private RowArgs(String routes, String noises) {
        this.routes = routes;
        this.noises = noises;
    }

    /** Parses {@code key=value} arguments; {@code routes} and {@code noise} default to the given lists. */
    static RowArgs parse(String[] args, String defaultRoutes, String defaultNoises) {
        RowArgs a = new RowArgs(defaultRoutes, defaultNoises);
        for (String s : args) {
            String[] kv = s.split("=", 2);
            if (kv.length != 2 || kv[0].isEmpty()) throw new IllegalArgumentException("arguments are key=value, got '" + s + "'");
            a.values.put(kv[0], kv[1]);
        }
        return a;
    }

    String[] routes() {
        return text("routes", routes).split(",");
    }

    double[] noises() {
        return Arrays.stream(text("noise", noises).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(text(key, "false"));
    }

    int integer(String key, int fallback) {
        return Integer.parseInt(text(key, Integer.toString(fallback)));
    }

    double real(String key, double fallback) {
        return Double.parseDouble(text(key, Double.toString(fallback)));
    }

    int[] widths(String key, int[] fallback) {
        String v = values.get(key);
        known.add(key);
        return v == null ? fallback : Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    String text(String key, String fallback) {
        known.add(key);
        return values.getOrDefault(key, fallback);
    }

    /** Fails on keys no getter read. */
    void finish() {
        routes();
        noises();
        for (String k : values.keySet()) {
            if (!known.contains(k)) throw new IllegalArgumentException("unknown key '" + k + "'; known keys: " + known);
        }
    }
}
