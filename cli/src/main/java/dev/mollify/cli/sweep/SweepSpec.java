package dev.mollify.cli.sweep;

import dev.mollify.cli.CliException;
import dev.mollify.pde.fit.DataSidecar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file: the fixed settings of a set of fits ({@code pde}, {@code unknowns}, {@code fit}: any
 * option of {@code mollify fit}) and the lists whose cartesian product is the set ({@code data},
 * {@code route}, {@code delta}, {@code points}, {@code noise}, {@code seed}; a single value is a list of
 * one). Each fit becomes the command line of {@code mollify fit} that runs it alone. Mistakes are
 * {@link CliException}s: exit code 2 for the file's keys, types and values, 3 for a missing data file.
 *
 * @param text    the file as read
 * @param parsed  the file parsed (compared, not as text, to tell whether a sweep folder holds this sweep)
 * @param fits    every fit of the product, in order (data outermost, seed innermost)
 */
public record SweepSpec(String text, Map<String, Object> parsed, List<Fit> fits) {
    /** The lists of the product, outermost first. */
    public static final List<String> DIMENSIONS = List.of("data", "route", "delta", "points", "noise", "seed");
    /** Every key a sweep file may have. */
    public static final List<String> KEYS =
            List.of("pde", "unknowns", "data", "route", "delta", "points", "noise", "seed", "fit");
    /** The most fits one sweep may hold. */
    public static final int MAX_FITS = 100_000;

    /**
     * One fit of the sweep.
     *
     * @param index   1-based position in the product
     * @param name    its folder's name, {@code fit-NNN-TAG} (the tag names the values that vary)
     * @param values  its value of each list of the product, by key, as given to {@code mollify fit}
     * @param data    the data file
     * @param args    the {@code mollify fit} arguments of this fit, without {@code --out} and {@code --progress}
     */
    public record Fit(int index, String name, Map<String, String> values, Path data, List<String> args) {}

    /**
     * Reads and checks a sweep file; {@code fitOptions} are the long option names of {@code mollify fit}
     * (without dashes) a {@code "fit"} object may set. Data paths are relative to the sweep file's folder.
     */
    public static SweepSpec read(Path file, Set<String> fitOptions) {
        if (!Files.isRegularFile(file))
            throw CliException.usage("--spec " + file + ": " + (Files.isDirectory(file) ? "a folder" : "no such file")
                    + "; give a sweep file (JSON), e.g. {\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D:positive\"],"
                    + " \"data\": [\"heat.csv\"], \"seed\": [1, 2, 3]}");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("--spec " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        Object root;
        try {
            root = DataSidecar.parseJson(text);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(file + " is not valid JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> m))
            throw CliException.usage(file + ": a sweep file is one JSON object, e.g. {\"pde\": \"u_t = D*u_xx\", "
                    + "\"unknowns\": [\"D:positive\"], \"data\": [\"heat.csv\"], \"seed\": [1, 2, 3]}");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) m;
        return new SweepSpec(text, map, expand(file, map, fitOptions));
    }

    private static List<Fit> expand(Path file, Map<String, Object> spec, Set<String> fitOptions) {
        String where = file.toString();
        for (String k : spec.keySet()) {
            if (!KEYS.contains(k))
                throw CliException.usage(where + ": unknown key \"" + k + "\"; a sweep file has "
                        + String.join(", ", KEYS) + " (other options of mollify fit go in \"fit\": {…})");
        }
        if (!(spec.get("pde") instanceof String pde) || pde.isBlank())
            throw CliException.usage(
                    where + ": \"pde\" must be the equation as a string, e.g. \"pde\": \"u_t = D*u_xx\"");
        List<String> unknowns = new ArrayList<>();
        for (Object u : list(spec, "unknowns", where)) {
            if (!(u instanceof String s))
                throw CliException.usage(
                        where + ": \"unknowns\" must be strings like \"D:positive\" or \"a=0\", got " + describe(u));
            unknowns.add(s);
        }
        if (unknowns.isEmpty())
            throw CliException.usage(where + ": \"unknowns\" must name at least one unknown, e.g. [\"D:positive\"]");

        Map<String, Object> fit = new LinkedHashMap<>();
        if (spec.containsKey("fit")) {
            if (!(spec.get("fit") instanceof Map<?, ?> f))
                throw CliException.usage(where + ": \"fit\" must be an object of mollify fit options, e.g. "
                        + "{\"steps\": 300, \"lbfgs\": 50}, got " + describe(spec.get("fit")));
            for (Map.Entry<?, ?> e : f.entrySet()) fit.put((String) e.getKey(), e.getValue());
        }
        Set<String> notInFit =
                Set.of("data", "out", "resume", "force", "progress", "pde", "unknown", "help", "version");
        for (Map.Entry<String, Object> e : fit.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("-"))
                throw CliException.usage(where + ": fit." + k + ": write option names without dashes, e.g. \"steps\"");
            if (notInFit.contains(k) || !fitOptions.contains(k)) {
                List<String> allowed = fitOptions.stream()
                        .filter(o -> !notInFit.contains(o))
                        .sorted()
                        .toList();
                throw CliException.usage(where + ": fit." + k + " is "
                        + (notInFit.contains(k)
                                ? "set by the sweep"
                                        + (k.equals("pde") || k.equals("unknown") || k.equals("data")
                                                ? " (give it at the top level)"
                                                : "")
                                : "not an option of mollify fit")
                        + "; \"fit\" takes " + String.join(", ", allowed));
            }
            if (DIMENSIONS.contains(k) && spec.containsKey(k))
                throw CliException.usage(
                        where + ": " + k + " is given both at the top level and in \"fit\"; give it once");
        }

        // the lists of the product, each value as mollify fit takes it
        Map<String, List<String>> dims = new LinkedHashMap<>();
        for (String d : DIMENSIONS) {
            if (!spec.containsKey(d)) continue;
            List<String> values = new ArrayList<>();
            for (Object v : list(spec, d, where)) values.add(value(where, d, v));
            if (values.isEmpty())
                throw CliException.usage(where + ": \"" + d + "\" is an empty list, so the sweep would have no fits;"
                        + " give at least one value, or leave \"" + d + "\" out for the default");
            if (values.stream().distinct().count() < values.size())
                throw CliException.usage(where + ": \"" + d + "\" lists a value twice; list each once");
            dims.put(d, values);
        }
        if (!dims.containsKey("data"))
            throw CliException.usage(where + ": \"data\" must list the data files, e.g. \"data\": [\"heat.csv\"]");
        long count = 1;
        for (List<String> v : dims.values()) count *= v.size();
        if (count > MAX_FITS)
            throw CliException.usage(where + ": the product has " + count + " fits; at most " + MAX_FITS);

        Path base = file.toAbsolutePath().getParent();
        List<Path> dataFiles = new ArrayList<>();
        for (String d : dims.get("data")) {
            Path p = base.resolve(d).normalize();
            if (!Files.isRegularFile(p))
                throw CliException.badData(
                        where + ": data file " + d + (Files.isDirectory(p) ? " is a folder" : " not found") + " (" + p
                                + "; paths are relative to the sweep file's folder)");
            dataFiles.add(p);
        }
        List<String> fixed = new ArrayList<>();
        fixed.add("--pde");
        fixed.add(pde);
        for (String u : unknowns) {
            fixed.add("--unknown");
            fixed.add(u);
        }
        for (Map.Entry<String, Object> e : fit.entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> l) {
                if (l.isEmpty())
                    throw CliException.usage(
                            where + ": fit." + e.getKey() + " is an empty list; give a value or leave it out");
                for (Object x : l) fixed.addAll(List.of("--" + e.getKey(), value(where, "fit." + e.getKey(), x)));
            } else if (v instanceof Map<?, ?> mv) { // e.g. "truth": {"D": 0.1}
                for (Map.Entry<?, ?> x : mv.entrySet())
                    fixed.addAll(List.of(
                            "--" + e.getKey(),
                            x.getKey() + "=" + value(where, "fit." + e.getKey() + "." + x.getKey(), x.getValue())));
            } else {
                fixed.addAll(List.of("--" + e.getKey(), value(where, "fit." + e.getKey(), v)));
            }
        }

        List<Fit> fits = new ArrayList<>();
        List<String> keys = new ArrayList<>(dims.keySet());
        int[] at = new int[keys.size()];
        int width = Math.max(3, Long.toString(count).length());
        for (int index = 1; index <= count; index++) {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> args = new ArrayList<>();
            Path data = null;
            StringBuilder tag = new StringBuilder();
            for (int k = 0; k < keys.size(); k++) {
                String key = keys.get(k);
                String v = dims.get(key).get(at[k]);
                values.put(key, v);
                if (key.equals("data")) {
                    data = dataFiles.get(at[k]);
                    args.addAll(0, List.of("--data", data.toString()));
                } else {
                    args.addAll(List.of("--" + key, v));
                }
                if (dims.get(key).size() > 1) {
                    if (tag.length() > 0) tag.append('-');
                    tag.append(tagPart(key, key.equals("data") ? stem(data) : v));
                }
            }
            if (tag.length() == 0) tag.append(stem(data));
            List<String> all = new ArrayList<>(args.subList(0, 2));
            all.addAll(fixed);
            all.addAll(args.subList(2, args.size()));
            String t = tag.toString().replaceAll("[^A-Za-z0-9._=+-]", "_");
            if (t.length() > 60) t = t.substring(0, 60);
            fits.add(
                    new Fit(index, String.format("fit-%0" + width + "d-%s", index, t), values, data, List.copyOf(all)));
            for (int k = keys.size() - 1; k >= 0; k--) { // the next combination, the last list fastest
                if (++at[k] < dims.get(keys.get(k)).size()) break;
                at[k] = 0;
            }
        }
        return fits;
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

    private static String stem(Path data) {
        String n = data.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static List<?> list(Map<String, Object> spec, String key, String where) {
        Object v = spec.get(key);
        if (v == null) {
            if (spec.containsKey(key))
                throw CliException.usage(where + ": \"" + key + "\" is null; give a value or a list, or leave it out");
            return List.of();
        }
        if (v instanceof List<?> l) return l;
        if (v instanceof Map<?, ?>)
            throw CliException.usage(where + ": \"" + key + "\" must be a value or a list of values, not an object");
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

    private static CliException wrongType(String where, String key, Object v, String want) {
        return CliException.usage(
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
