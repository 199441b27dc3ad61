package dev.mollify.pde.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep description, parsed and expanded: the fixed settings of a set of fits ({@code pde},
 * {@code unknowns}, {@code fit}: options of {@code mollify fit} by their long names) and the lists whose
 * cartesian product is the set ({@code data}, {@code route}, {@code delta}, {@code points}, {@code noise},
 * {@code seed}; a single value is a list of one). For lists L₁ … L₆ (absent ones left out) the fits are
 * L₁ × … × L₆ in order, the last list varying fastest; fit k (1-based) is named
 * {@code fit-NNN-TAG}, NNN = k with at least three digits, TAG the values of the lists with more than one
 * entry (the data file's name without extension, {@code n}noise, {@code s}seed, {@code p}points,
 * {@code d}delta, the route).
 *
 * <p>The text is parsed here and nothing is read: the data files stay as the description writes them
 * ({@link FitJob#data()}), for the caller to resolve (relative to the description's folder, on a local
 * disk or a cluster's file system). Mistakes throw {@link FitInputException} of kind USAGE naming the key
 * and the fix.
 *
 * @param parsed the description as parsed (compare two of these, not their text, to tell whether they differ)
 * @param jobs   every fit of the product, in order (data outermost, seed innermost)
 */
public record SweepPlan(Map<String, Object> parsed, List<FitJob> jobs) {
    /** The lists of the product, outermost first. */
    public static final List<String> DIMENSIONS = List.of("data", "route", "delta", "points", "noise", "seed");
    /** Every key a sweep description may have. */
    public static final List<String> KEYS =
            List.of("pde", "unknowns", "data", "route", "delta", "points", "noise", "seed", "fit");
    /** The most fits one sweep may hold. */
    public static final int MAX_FITS = 100_000;
    /** Options of {@code mollify fit} that a sweep sets itself, so its {@code "fit"} object may not. */
    public static final Set<String> SET_BY_THE_SWEEP =
            Set.of("data", "out", "resume", "force", "progress", "pde", "unknown", "help", "version");

    /**
     * Copies the lists.
     *
     * @param parsed the description as parsed (kept as given)
     * @param jobs   the fits of the product, copied
     */
    public SweepPlan {
        jobs = List.copyOf(jobs);
    }

    /**
     * Parses a sweep description; {@code where} names it in messages (its file), {@code fitOptions} are the
     * long option names (without dashes) its {@code "fit"} object may set — for the command line every
     * option of {@code mollify fit}, for a caller that runs {@link FitJob#builder()} at least
     * {@link FitJob#OPTIONS}.
     *
     * @param text       the description, a JSON object
     * @param where      its name in messages, e.g. the file's path
     * @param fitOptions the option names its {@code "fit"} object may set
     * @return the parsed description and its fits, in product order
     * @throws FitInputException (kind USAGE) when the text is not one JSON object, a key is unknown, a
     *     value or list is malformed or repeats a value, {@code "data"} is missing, a {@code "fit"} option is
     *     outside {@code fitOptions} or set by the sweep itself, or the product holds more than
     *     {@link #MAX_FITS} fits; the message names the key and the fix
     */
    public static SweepPlan parse(String text, String where, Set<String> fitOptions) {
        Object root;
        try {
            root = DataSidecar.parseJson(text);
        } catch (IllegalArgumentException e) {
            throw FitInputException.usage(where + " is not valid JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> m))
            throw FitInputException.usage(where + ": a sweep file is one JSON object, e.g. {\"pde\": \"u_t = D*u_xx\", "
                    + "\"unknowns\": [\"D:positive\"], \"data\": [\"heat.csv\"], \"seed\": [1, 2, 3]}");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) m;
        return new SweepPlan(map, expand(where, map, fitOptions));
    }

    private static List<FitJob> expand(String where, Map<String, Object> spec, Set<String> fitOptions) {
        for (String k : spec.keySet()) {
            if (!KEYS.contains(k))
                throw FitInputException.usage(where + ": unknown key \"" + k + "\"; a sweep file has "
                        + String.join(", ", KEYS) + " (other options of mollify fit go in \"fit\": {…})");
        }
        if (!(spec.get("pde") instanceof String pde) || pde.isBlank())
            throw FitInputException.usage(
                    where + ": \"pde\" must be the equation as a string, e.g. \"pde\": \"u_t = D*u_xx\"");
        List<String> unknowns = new ArrayList<>();
        for (Object u : list(spec, "unknowns", where)) {
            if (!(u instanceof String s))
                throw FitInputException.usage(
                        where + ": \"unknowns\" must be strings like \"D:positive\" or \"a=0\", got " + describe(u));
            unknowns.add(s);
        }
        if (unknowns.isEmpty())
            throw FitInputException.usage(
                    where + ": \"unknowns\" must name at least one unknown, e.g. [\"D:positive\"]");

        Map<String, Object> fit = fitObject(where, spec, fitOptions);

        // the lists of the product, each value as mollify fit takes it
        Map<String, List<String>> dims = new LinkedHashMap<>();
        for (String d : DIMENSIONS) {
            if (!spec.containsKey(d)) continue;
            List<String> values = new ArrayList<>();
            for (Object v : list(spec, d, where)) values.add(value(where, d, v));
            if (values.isEmpty())
                throw FitInputException.usage(where + ": \"" + d
                        + "\" is an empty list, so the sweep would have no fits;"
                        + " give at least one value, or leave \"" + d + "\" out for the default");
            if (values.stream().distinct().count() < values.size())
                throw FitInputException.usage(where + ": \"" + d + "\" lists a value twice; list each once");
            dims.put(d, values);
        }
        if (!dims.containsKey("data"))
            throw FitInputException.usage(where + ": \"data\" must list the data files, e.g. \"data\": [\"heat.csv\"]");
        long count = 1;
        for (List<String> v : dims.values()) count *= v.size();
        if (count > MAX_FITS)
            throw FitInputException.usage(where + ": the product has " + count + " fits; at most " + MAX_FITS);

        List<FitJob.Setting> fixed = new ArrayList<>();
        fixed.add(new FitJob.Setting("pde", pde));
        for (String u : unknowns) fixed.add(new FitJob.Setting("unknown", u));
        for (Map.Entry<String, Object> e : fit.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            if (v instanceof List<?> l) {
                if (l.isEmpty())
                    throw FitInputException.usage(
                            where + ": fit." + k + " is an empty list; give a value or leave it out");
                for (Object x : l) fixed.add(new FitJob.Setting(k, value(where, "fit." + k, x)));
            } else if (v instanceof Map<?, ?> mv) { // e.g. "truth": {"D": 0.1}
                for (Map.Entry<?, ?> x : mv.entrySet())
                    fixed.add(new FitJob.Setting(
                            k, x.getKey() + "=" + value(where, "fit." + k + "." + x.getKey(), x.getValue())));
            } else {
                fixed.add(new FitJob.Setting(k, value(where, "fit." + k, v)));
            }
        }

        List<FitJob> jobs = new ArrayList<>();
        List<String> keys = new ArrayList<>(dims.keySet());
        int[] at = new int[keys.size()];
        int width = Math.max(3, Long.toString(count).length());
        for (int index = 1; index <= count; index++) {
            Map<String, String> values = new LinkedHashMap<>();
            List<FitJob.Setting> settings = new ArrayList<>(fixed);
            String data = null;
            StringBuilder tag = new StringBuilder();
            for (int k = 0; k < keys.size(); k++) {
                String key = keys.get(k);
                String v = dims.get(key).get(at[k]);
                values.put(key, v);
                if (key.equals("data")) data = v;
                else settings.add(new FitJob.Setting(key, v));
                if (dims.get(key).size() > 1) {
                    if (tag.length() > 0) tag.append('-');
                    tag.append(tagPart(key, key.equals("data") ? stem(v) : v));
                }
            }
            if (tag.length() == 0) tag.append(stem(data));
            String t = tag.toString().replaceAll("[^A-Za-z0-9._=+-]", "_");
            if (t.length() > 60) t = t.substring(0, 60);
            jobs.add(new FitJob(index, String.format("fit-%0" + width + "d-%s", index, t), values, data, settings));
            for (int k = keys.size() - 1; k >= 0; k--) { // the next combination, the last list fastest
                if (++at[k] < dims.get(keys.get(k)).size()) break;
                at[k] = 0;
            }
        }
        return jobs;
    }

    /** The {@code "fit"} object, its keys checked against {@code fitOptions}. */
    private static Map<String, Object> fitObject(String where, Map<String, Object> spec, Set<String> fitOptions) {
        Map<String, Object> fit = new LinkedHashMap<>();
        if (spec.containsKey("fit")) {
            if (!(spec.get("fit") instanceof Map<?, ?> f))
                throw FitInputException.usage(where + ": \"fit\" must be an object of mollify fit options, e.g. "
                        + "{\"steps\": 300, \"lbfgs\": 50}, got " + describe(spec.get("fit")));
            for (Map.Entry<?, ?> e : f.entrySet()) fit.put((String) e.getKey(), e.getValue());
        }
        for (String k : fit.keySet()) {
            if (k.startsWith("-"))
                throw FitInputException.usage(
                        where + ": fit." + k + ": write option names without dashes, e.g. \"steps\"");
            boolean bySweep = SET_BY_THE_SWEEP.contains(k);
            if (bySweep || !fitOptions.contains(k)) {
                List<String> allowed = fitOptions.stream()
                        .filter(o -> !SET_BY_THE_SWEEP.contains(o))
                        .sorted()
                        .toList();
                throw FitInputException.usage(where + ": fit." + k + " is "
                        + (bySweep
                                ? "set by the sweep"
                                        + (k.equals("pde") || k.equals("unknown") || k.equals("data")
                                                ? " (give it at the top level)"
                                                : "")
                                : "not an option of mollify fit")
                        + "; \"fit\" takes " + String.join(", ", allowed));
            }
            if (DIMENSIONS.contains(k) && spec.containsKey(k))
                throw FitInputException.usage(
                        where + ": " + k + " is given both at the top level and in \"fit\"; give it once");
        }
        return fit;
    }

    private static String tagPart(String key, String v) {
        return switch (key) {
            case "noise" -> "n" + v;
            case "seed" -> "s" + v;
            case "points" -> "p" + v;
            case "delta" -> "d" + v;
            default -> v;
        };
    }

    /** The file name of a data path or URI without its extension: {@code runs/heat.csv} → {@code heat}. */
    static String stem(String data) {
        String n = data;
        while (n.length() > 1 && (n.endsWith("/") || n.endsWith("\\"))) n = n.substring(0, n.length() - 1);
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static List<?> list(Map<String, Object> spec, String key, String where) {
        Object v = spec.get(key);
        if (v == null) {
            if (spec.containsKey(key))
                throw FitInputException.usage(
                        where + ": \"" + key + "\" is null; give a value or a list, or leave it out");
            return List.of();
        }
        if (v instanceof List<?> l) return l;
        if (v instanceof Map<?, ?>)
            throw FitInputException.usage(
                    where + ": \"" + key + "\" must be a value or a list of values, not an object");
        return List.of(v);
    }

    /** A JSON value as mollify fit's option text: whole numbers without ".0" where the option wants a whole number. */
    private static String value(String where, String key, Object v) {
        boolean whole = key.equals("seed") || key.equals("points");
        boolean number = whole || key.equals("noise");
        boolean text = key.equals("data") || key.equals("route");
        if (v instanceof Double d) {
            if (text) throw wrongType(where, key, v, "a string");
            if (whole && (d != Math.rint(d) || Math.abs(d) > 9.0e15)) throw wrongType(where, key, v, "a whole number");
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) (double) d) : Double.toString(d);
        }
        if (v instanceof String s) {
            if (number) throw wrongType(where, key, v, whole ? "a whole number" : "a number");
            return s;
        }
        if (v instanceof Boolean b && !number && !text) return b.toString();
        throw wrongType(
                where,
                key,
                v,
                whole ? "a whole number" : number ? "a number" : text ? "a string" : "a string or a number");
    }

    private static FitInputException wrongType(String where, String key, Object v, String want) {
        return FitInputException.usage(
                where + ": \"" + key + "\" takes " + want + " (or a list of them), got " + describe(v));
    }

    private static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return "the string \"" + s + "\"";
        if (v instanceof Double d)
            return "the number " + (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) (double) d) : d);
        if (v instanceof List<?>) return "a list";
        if (v instanceof Map<?, ?>) return "an object";
        return v.toString();
    }
}
