package dev.mollify.tests.matrix;

import dev.mollify.cli.Mollify;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generalisation matrix: {@code mollify fit} with its defaults (the equation, the unknowns' names, a
 * seed, the noise level; nothing tuned per cell) on data from the forward solvers, in four samplings,
 * at several noise levels and seeds. Each cell's coefficients are compared with the truth and with the
 * bound for its noise level and the order of its term:
 * <pre>
 *   noise ≤ 1 %: terms up to 2nd order within 1 %, 3rd–4th order within 3 %
 *   noise ≤ 5 %: 5 % / 10 %        noise ≤ 10 %: 10 % / 20 %        few time samples: at least 10 %
 * </pre>
 * Run it (full size: every problem × sampling × noise 0, 1, 5, 10 % × seeds 1, 2, 3; hours on 2 cores):
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp tests/target/classes:$(cat tests/target/classpath.txt) \
 *        dev.mollify.tests.matrix.GeneralisationMatrix [problems=heat,burgers] [routes=mollifier,autodiff]
 *        [samplings=full,points] [noise=0,0.01] [seeds=1] [size=ci|full] [out=DIR]
 * </pre>
 * It prints one Markdown table row per cell and a summary, writes the table to {@code OUT/matrix.md},
 * and exits 0 when every cell is within its bound, 1 otherwise. The CI-sized cells are
 * {@code GeneralisationMatrixInverseTest}.
 */
public final class GeneralisationMatrix {
    private GeneralisationMatrix() {}

    /** x·10³, t·10⁻², u·10⁶: the "other units" sampling. */
    static final double SX = 1e3, ST = 1e-2, SU = 1e6;
    /** Time samples kept by the "few time samples" sampling. */
    static final int SPARSE_T = 6;
    /** Points kept by the "scattered points" sampling. */
    static final int POINTS = 2000;

    /** How the data are handed to the fit. */
    public enum Sampling {
        /** Every grid node. */
        FULL("full"),
        /** {@value #POINTS} points drawn at random ({@code fit --points}). */
        POINTS("points"),
        /** {@value #SPARSE_T} equally spaced time samples, every x. */
        SPARSE("sparse-t"),
        /** Every node, x·10³, t·10⁻², u·10⁶ (u unchanged where the equation fixes its scale). */
        UNITS("units");

        final String label;

        Sampling(String label) {
            this.label = label;
        }

        static Sampling of(String s) {
            for (Sampling m : values()) if (m.label.equals(s) || m.name().equalsIgnoreCase(s)) return m;
            throw new IllegalArgumentException("unknown sampling '" + s + "'; use full, points, sparse-t, units");
        }
    }

    /**
     * A coefficient: its name, whether it is declared positive, and its term's order in x and power of u
     * (u_t = … + c·uᵖ·∂ₓᵏu…): in other units its value becomes c·sxᵏ·su^(1−p)/st.
     */
    public record Coefficient(String name, boolean positive, int xOrder, int uPower) {
        double inUnits(double c, double sx, double st, double su) {
            return c * Math.pow(sx, xOrder) * Math.pow(su, 1 - uPower) / st;
        }
    }

    /** A forward problem: the generator's name and grids, the equation and its coefficients. */
    public record Problem(
            String name, String ciGrid, String fullGrid, String pde, boolean scalesU, List<Coefficient> coefficients) {}

    /** The matrix's problems: the forward solvers of {@code mollify generate}, each over its whole time range. */
    public static final List<Problem> PROBLEMS = List.of(
            new Problem("heat", "64x33", "256x101", "u_t = D*u_xx", true, List.of(new Coefficient("D", true, 2, 1))),
            new Problem(
                    "burgers",
                    "128x50",
                    "256x100",
                    "u_t + a*u*u_x - b*u_xx = 0",
                    true,
                    List.of(new Coefficient("a", false, 1, 2), new Coefficient("b", true, 2, 1))),
            new Problem(
                    "kdv",
                    "128x51",
                    "512x201",
                    "u_t + a*u*u_x + b*u_xxx = 0",
                    true,
                    List.of(new Coefficient("a", false, 1, 2), new Coefficient("b", false, 3, 1))),
            new Problem(
                    "ks",
                    "128x63",
                    "1024x251",
                    "u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0",
                    true,
                    List.of(
                            new Coefficient("a", false, 1, 2),
                            new Coefficient("b", false, 2, 1),
                            new Coefficient("c", false, 4, 1))),
            // u·(1 − u): the equation fixes u's scale, so the units sampling leaves u alone
            new Problem(
                    "fisher",
                    "64x51",
                    "256x101",
                    "u_t = D*u_xx + r*u*(1-u)",
                    false,
                    List.of(new Coefficient("D", true, 2, 1), new Coefficient("r", false, 0, 1))),
            new Problem(
                    "fisher-field",
                    "64x51",
                    "256x101",
                    "u_t = D*u_xx + k(x)*u*(1-u)",
                    false,
                    List.of(new Coefficient("D", true, 2, 1))),
            new Problem(
                    "reaction-diffusion",
                    "64x51",
                    "256x101",
                    "u_t = D*u_xx - k*u*v^2; v_t = D*v_xx - 2*k*u*v^2",
                    true,
                    List.of(new Coefficient("D", true, 2, 1), new Coefficient("k", false, 0, 3))));

    /** One cell's outcome. */
    public record Cell(
            Problem problem,
            String route,
            Sampling sampling,
            double noise,
            int seed,
            int exit,
            Map<String, Double> errors,
            Map<String, Double> standardErrors,
            Map<String, Double> bounds,
            String stop,
            int warnings,
            double seconds,
            String message) {
        /**
         * The coefficients whose error is at most {@code k} standard errors from the profile of the loss, and
         * those with a standard error at all.
         *
         * @param k how many standard errors
         * @return {within, with a standard error}
         */
        public int[] withinStandardErrors(double k) {
            int in = 0, all = 0;
            for (var e : standardErrors.entrySet()) {
                Double err = errors.get(e.getKey());
                if (err == null) continue;
                all++;
                if (err <= k * e.getValue()) in++;
            }
            return new int[] {in, all};
        }

        public boolean within() {
            if (exit != 0) return false;
            for (var e : bounds.entrySet()) {
                Double err = errors.get(e.getKey());
                if (err == null || !(err <= e.getValue())) return false;
            }
            return true;
        }

        public String row() {
            StringBuilder s = new StringBuilder();
            for (Coefficient c : problem.coefficients()) {
                Double e = errors.get(c.name());
                Double se = standardErrors.get(c.name());
                s.append(String.format(
                        Locale.ROOT,
                        "%s %s%s (≤ %.0f %%) ",
                        c.name(),
                        e == null ? "—" : String.format(Locale.ROOT, "%.2f %%", 100 * e),
                        e == null || se == null ? "" : String.format(Locale.ROOT, " = %.1f se", e / se),
                        100 * bounds.get(c.name())));
            }
            return String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %.0f %% | %d | %s| %s | %d | %.0f | %s |",
                    problem.name(),
                    route,
                    sampling.label,
                    100 * noise,
                    seed,
                    s,
                    exit == 0 ? stop : "exit " + exit + ": " + message,
                    warnings,
                    seconds,
                    within() ? "yes" : "**no**");
        }
    }

    /** The bound of a coefficient whose term has x-order {@code order}, at this noise and sampling. */
    public static double bound(int order, double noise, Sampling sampling) {
        boolean high = order >= 3;
        double b = noise <= 0.01 + 1e-12
                ? (high ? 0.03 : 0.01)
                : noise <= 0.05 + 1e-12 ? (high ? 0.10 : 0.05) : (high ? 0.20 : 0.10);
        return sampling == Sampling.SPARSE ? Math.max(b, 0.10) : b;
    }

    /** {@link #run(Problem, String, Sampling, double, int, boolean, Path)} on the default (mollifier) route. */
    public static Cell run(Problem p, Sampling sampling, double noise, int seed, boolean full, Path work) {
        return run(p, "mollifier", sampling, noise, seed, full, work);
    }

    /** {@link #run(Problem, String, Sampling, double, int, boolean, Path, List)} with the defaults only. */
    public static Cell run(
            Problem p, String route, Sampling sampling, double noise, int seed, boolean full, Path work) {
        return run(p, route, sampling, noise, seed, full, work, List.of());
    }

    /**
     * Generates (once per problem and size) the data, prepares the sampling, runs the fit on {@code route}
     * ({@code fit --route}, then {@code options}, e.g. {@code --loss-tolerance 1e-2}; everything else the
     * defaults), and scores it.
     */
    public static Cell run(
            Problem p,
            String route,
            Sampling sampling,
            double noise,
            int seed,
            boolean full,
            Path work,
            List<String> options) {
        try {
            Files.createDirectories(work);
            Path base = work.resolve(p.name() + (full ? "-full" : "-ci") + ".csv");
            if (!Files.exists(base)) {
                Cli g = Cli.run(
                        "generate",
                        "--problem",
                        p.name(),
                        "--grid",
                        full ? p.fullGrid() : p.ciGrid(),
                        "--out",
                        base.toString());
                if (g.code != 0) throw new IllegalStateException("generate " + p.name() + " failed: " + g.err);
            }
            Map<String, Double> truth = truth(base, p);
            Path data = base;
            if (sampling == Sampling.SPARSE || sampling == Sampling.UNITS) {
                data = work.resolve(p.name() + (full ? "-full-" : "-ci-") + sampling.label + ".csv");
                if (sampling == Sampling.UNITS) {
                    double su = p.scalesU() ? SU : 1;
                    Map<String, Double> scaled = new LinkedHashMap<>();
                    for (Coefficient c : p.coefficients())
                        scaled.put(c.name(), c.inUnits(truth.get(c.name()), SX, ST, su));
                    truth = scaled;
                    if (!Files.exists(data)) Resample.rewrite(base, data, SX, ST, su, t -> true);
                } else if (!Files.exists(data)) {
                    double[] times = Resample.times(base);
                    TreeSet<Double> keep = new TreeSet<>();
                    for (int i = 0; i < SPARSE_T; i++)
                        keep.add(times[(int) Math.round(i * (times.length - 1) / (double) (SPARSE_T - 1))]);
                    Resample.rewrite(base, data, 1, 1, 1, keep::contains);
                }
            }
            Path out = work.resolve(String.format(
                    Locale.ROOT,
                    "%s-%s-%s-%s-n%s-s%d",
                    p.name(),
                    route,
                    full ? "full" : "ci",
                    sampling.label,
                    noise,
                    seed));
            List<String> args = new ArrayList<>(List.of(
                    "fit",
                    "--data",
                    data.toString(),
                    "--pde",
                    p.pde(),
                    "--route",
                    route,
                    "--progress",
                    "none",
                    "--force",
                    "--seed",
                    Integer.toString(seed),
                    "--noise",
                    Double.toString(noise),
                    "--out",
                    out.toString()));
            for (Coefficient c : p.coefficients())
                args.addAll(List.of("--unknown", c.name() + (c.positive() ? ":positive" : "")));
            if (sampling == Sampling.POINTS) args.addAll(List.of("--points", Integer.toString(POINTS)));
            args.addAll(options);
            long t0 = System.nanoTime();
            Cli r = Cli.run(args.toArray(new String[0]));
            double seconds = (System.nanoTime() - t0) * 1e-9;
            Map<String, Double> errors = new LinkedHashMap<>(),
                    standardErrors = new LinkedHashMap<>(),
                    bounds = new LinkedHashMap<>();
            for (Coefficient c : p.coefficients()) bounds.put(c.name(), bound(c.xOrder(), noise, sampling));
            String stop = "";
            int warnings = 0;
            if (r.code == 0) {
                String json = Files.readString(out.resolve("report.json"));
                for (Coefficient c : p.coefficients()) {
                    double v = value(json, c.name()), t = truth.get(c.name());
                    errors.put(c.name(), Math.abs(v - t) / Math.abs(t));
                    double se = relativeStandardError(json, c.name());
                    // relative to the truth, as the error is
                    if (Double.isFinite(se)) standardErrors.put(c.name(), se * Math.abs(v) / Math.abs(t));
                }
                Matcher m = Pattern.compile("\"stopReason\": \"([^\"]*)\"").matcher(json);
                stop = m.find() ? shortStop(m.group(1)) : "?";
                warnings = warnings(json);
            }
            String message = r.err.lines()
                    .filter(l -> l.startsWith("mollify:"))
                    .findFirst()
                    .orElse("")
                    .replace("|", "/");
            return new Cell(
                    p,
                    route,
                    sampling,
                    noise,
                    seed,
                    r.code,
                    errors,
                    standardErrors,
                    bounds,
                    stop,
                    warnings,
                    seconds,
                    message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "converged", "time budget", "steps" or the reason's first words. */
    static String shortStop(String reason) {
        if (reason.contains("budget")) return "time budget";
        if (reason.contains("converged")) return "converged";
        if (reason.contains("completed") || reason.contains("steps")) return "steps";
        return reason.length() > 40 ? reason.substring(0, 40) + "…" : reason;
    }

    /** The number of entries of report.json's {@code warnings} list. */
    static int warnings(String json) {
        // the list's strings, up to the first ] outside them (a warning may hold brackets)
        Matcher m = Pattern.compile("\"warnings\": \\[((?:\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*,?)*)\\s*\\]", Pattern.DOTALL)
                .matcher(json);
        if (!m.find() || m.group(1).isBlank()) return 0;
        return (int) Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"")
                .matcher(m.group(1))
                .results()
                .count();
    }

    static Map<String, Double> truth(Path data, Problem p) throws IOException {
        String json = Files.readString(
                data.resolveSibling(data.getFileName().toString().replaceFirst("\\.csv$", ".json")));
        Map<String, Double> t = new LinkedHashMap<>();
        for (Coefficient c : p.coefficients()) {
            Matcher m = Pattern.compile("\"" + c.name() + "\": (-?[0-9.eE+-]+)")
                    .matcher(json.substring(json.indexOf("\"truth\"")));
            if (!m.find()) throw new IllegalStateException("no truth for " + c.name() + " in the sidecar of " + data);
            t.put(c.name(), Double.parseDouble(m.group(1)));
        }
        return t;
    }

    static double value(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\": \\{\\s*\"value\": (-?[0-9.eE+-]+|NaN)")
                .matcher(json);
        if (!m.find()) throw new IllegalStateException("no value for " + name + " in report.json");
        return Double.parseDouble(m.group(1));
    }

    /** An unknown's {@code relativeStandardError} in report.json; NaN when the profile gave none. */
    static double relativeStandardError(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\": \\{[^}]*\"relativeStandardError\": ([0-9.eE+-]+)")
                .matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** {@code mollify ARGS} in this JVM: exit code and what it printed. */
    public record Cli(int code, String out, String err) {
        public static Cli run(String... args) {
            ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
            int code;
            try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                    PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
                code = Mollify.run(args, po, pe);
            }
            return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    /** The table's header. */
    public static final String HEADER =
            "| problem | route | sampling | noise | seed | coefficients: error = how many standard errors (bound) | stop | warnings | s | within |\n|---|---|---|---|---|---|---|---|---|---|";

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (String s : args) {
            String[] kv = s.split("=", 2);
            if (kv.length != 2
                    || !List.of("problems", "routes", "samplings", "noise", "seeds", "size", "out", "fit")
                            .contains(kv[0])) {
                System.err.println(
                        "GeneralisationMatrix: arguments are problems=, routes=, samplings=, noise=, seeds=, size=ci|full, out=, fit='OPTIONS'; got '"
                                + s + "'");
                System.exit(2);
            }
            a.put(kv[0], kv[1]);
        }
        List<String> names =
                List.of(a.getOrDefault("problems", "heat,burgers,kdv,ks,fisher,fisher-field,reaction-diffusion")
                        .split(","));
        List<String> routes = List.of(a.getOrDefault("routes", "mollifier").split(","));
        List<Sampling> samplings = Arrays.stream(a.getOrDefault("samplings", "full,points,sparse-t,units")
                        .split(","))
                .map(Sampling::of)
                .toList();
        double[] noises = Arrays.stream(
                        a.getOrDefault("noise", "0,0.01,0.05,0.1").split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        int[] seeds = Arrays.stream(a.getOrDefault("seeds", "1,2,3").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        boolean full = !a.getOrDefault("size", "full").equals("ci");
        Path out = Path.of(a.getOrDefault("out", "tests/target/matrix"));
        List<String> options = a.getOrDefault("fit", "").isBlank()
                ? List.of()
                : List.of(a.get("fit").strip().split("\\s+"));
        List<String> rows = new ArrayList<>(List.of(HEADER));
        System.out.println(HEADER);
        int within = 0, cells = 0, inTwoSe = 0, withSe = 0;
        for (String n : names) {
            Problem p = PROBLEMS.stream()
                    .filter(q -> q.name().equals(n))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown problem '" + n + "'"));
            for (Sampling s : samplings)
                for (double noise : noises)
                    for (int seed : seeds)
                        for (String route : routes) {
                            Cell c = run(p, route, s, noise, seed, full, out, options);
                            rows.add(c.row());
                            System.out.println(c.row());
                            cells++;
                            if (c.within()) within++;
                            int[] se = c.withinStandardErrors(2);
                            inTwoSe += se[0];
                            withSe += se[1];
                            Files.writeString(out.resolve("matrix.md"), String.join("\n", rows) + "\n");
                        }
        }
        String summary = within + " of " + cells + " cells within their bounds; " + inTwoSe + " of " + withSe
                + " coefficients within two standard errors (the profile of the loss) of the truth";
        System.out.println(summary);
        Files.writeString(out.resolve("matrix.md"), String.join("\n", rows) + "\n\n" + summary + "\n");
        System.exit(within == cells ? 0 : 1);
    }
}
