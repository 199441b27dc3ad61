package dev.mollify.tests.acceptance;

import dev.mollify.pde.pinn.DerivativeRoute;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code key=value} command-line overrides for the rows' {@code main} methods. Every key must be
 * read; {@link #finish()} rejects the ones nobody asked for, naming the keys that exist. A malformed
 * argument, a value of the wrong type, an unknown route or an unknown key ends the program with a
 * one-line message on stderr and exit code 2 (no stack trace).
 */
final class RowArgs {
    /** Exit code of a malformed command line. */
    static final int USAGE = 2;

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
            if (kv.length != 2 || kv[0].isEmpty()) fail("arguments are key=value, got '" + s + "'");
            a.values.put(kv[0], kv[1]);
        }
        return a;
    }

    String[] routes() {
        String[] r = text("routes", routes).split(",");
        for (String name : r) {
            if (!DerivativeRoute.NAMES.contains(name))
                fail("routes: unknown route '" + name + "'; use " + String.join(", ", DerivativeRoute.NAMES));
        }
        return r;
    }

    double[] noises() {
        String v = text("noise", noises);
        try {
            return Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw fail("noise takes comma-separated numbers (e.g. noise=0.01,0.05), got '" + v + "'");
        }
    }

    boolean flag(String key) {
        String v = text(key, "false");
        if (!v.equals("true") && !v.equals("false")) fail(key + " takes true or false, got '" + v + "'");
        return Boolean.parseBoolean(v);
    }

    int integer(String key, int fallback) {
        String v = text(key, Integer.toString(fallback));
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw fail(key + " takes an integer, got '" + v + "'");
        }
    }

    double real(String key, double fallback) {
        String v = text(key, Double.toString(fallback));
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw fail(key + " takes a number, got '" + v + "'");
        }
    }

    int[] widths(String key, int[] fallback) {
        String v = values.get(key);
        known.add(key);
        if (v == null) return fallback;
        try {
            return Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw fail(key + " takes comma-separated integers (e.g. " + key + "=32,32), got '" + v + "'");
        }
    }

    /** One constant of {@code fallback}'s enum, by its exact name. */
    <E extends Enum<E>> E choice(String key, E fallback) {
        String v = text(key, fallback.name());
        for (E e : fallback.getDeclaringClass().getEnumConstants()) {
            if (e.name().equals(v)) return e;
        }
        throw fail(key + " takes one of "
                + Arrays.toString(fallback.getDeclaringClass().getEnumConstants()) + ", got '" + v + "'");
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
            if (!known.contains(k)) fail("unknown key '" + k + "'; known keys: " + known);
        }
    }

    /** Prints {@code message} to stderr and exits with {@link #USAGE}; declared to return for {@code throw fail(...)}. */
    private static IllegalStateException fail(String message) {
        System.err.println("error: " + message);
        System.exit(USAGE);
        return new IllegalStateException(message);
    }
}
