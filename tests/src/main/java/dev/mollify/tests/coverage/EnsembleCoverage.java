package dev.mollify.tests.coverage;

import dev.mollify.pde.fit.DataFit;
import dev.mollify.pde.fit.Ensemble;
import dev.mollify.pde.fit.FitOptions;
import dev.mollify.tensor.Rng;
import dev.mollify.tests.matrix.GeneralisationMatrix.Cli;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How often the interval of {@code mollify fit --ensemble} covers the truth. Problem i (i = 0 … P−1) is
 * heat data u_t = D·u_xx from {@code mollify generate --problem heat} on a small grid, with D drawn
 * log-uniformly from [0.05, 0.2], noise r drawn uniformly from [1 %, 5 %] and the generator's noise seed
 * 1000 + i (all drawn with {@code new Rng(seed)}); the ensemble of N members (base seed i + 1, the
 * library's {@link Ensemble}, the settings below) gives each problem an interval, and the program counts
 * the problems whose interval holds the true D.
 *
 * <p>Printed: one line per problem, then the coverage of the ensemble's interval (the Student-t interval
 * c̄ ± t_{N−1}(0.975)·sd·sqrt(1 + 1/N)) with its Wilson 95 % interval, the coverage of the members'
 * 2.5 and 97.5 % percentiles and of mean ± 1.96·sd for comparison, the mean relative width (hi − lo)/D, the mean relative error
 * |mean − D|/D, the median of width/(2·|mean − D|), and the RMS of z = (mean − D)/sd (about 1 when the
 * members' spread matches the ensemble mean's error). Written to {@code out=FILE} (CSV) too when asked.
 *
 * <pre>
 * CP="tests/target/classes:$(cat tests/target/classpath.txt)"
 * java --add-modules jdk.incubator.vector -cp "$CP" dev.mollify.tests.coverage.EnsembleCoverage problems=60 members=10
 * </pre>
 * With {@code data=scattered} the data are instead {@code points} (400) points (x, t) drawn uniformly in [0, 1]²
 * of the exact solution sin(πx)·exp(−Dπ²t) with the noise added (seed 1000 + i), fitted on a collocation grid
 * of {@code grid-size}² (64², {@code mollify fit}'s default) nodes: the half-of-the-rows resampling.
 *
 * <p>Keys: {@code problems} (60), {@code from} (0: run problems from … problems − 1 only, the same problems
 * as in a run from 0, so that two runs can share the problems out), {@code members} (10), {@code data} (grid), {@code grid} (24x17, x by t), {@code hidden} (16,16),
 * {@code steps} (Adam, 1500), {@code lbfgs} (200), {@code jobs} (members at once, 1), {@code seed} (1, the draw of
 * D and r), {@code work} (a temporary folder), {@code out} (CSV, written as each problem ends; none).
 * {@code summarise=A.csv,B.csv} prints the summary of CSVs this program wrote and runs nothing.
 */
public final class EnsembleCoverage {
    private static final Set<String> KEYS = Set.of(
            "problems",
            "from",
            "summarise",
            "members",
            "data",
            "grid",
            "points",
            "grid-size",
            "hidden",
            "steps",
            "lbfgs",
            "jobs",
            "seed",
            "work",
            "out");

    private EnsembleCoverage() {}

    /** One problem's outcome. */
    record Row(
            int index,
            double truth,
            double noise,
            double mean,
            double sd,
            double lo,
            double hi,
            double plo,
            double phi,
            double seconds) {
        boolean covers() {
            return lo <= truth && truth <= hi;
        }

        boolean percentileCovers() {
            return plo <= truth && truth <= phi;
        }

        boolean normalCovers() {
            return Math.abs(mean - truth) <= 1.96 * sd;
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (String s : args) {
            String[] kv = s.split("=", 2);
            if (kv.length != 2 || !KEYS.contains(kv[0])) {
                System.err.println("EnsembleCoverage: arguments are key=value with keys " + KEYS + ", got '" + s + "'");
                System.exit(2);
            }
            a.put(kv[0], kv[1]);
        }
        if (a.containsKey("summarise")) {
            List<Row> all = new ArrayList<>();
            Set<Integer> seen = new java.util.HashSet<>();
            for (String f : a.get("summarise").split(","))
                for (Row r : read(Path.of(f))) if (seen.add(r.index())) all.add(r); // a problem counts once
            all.sort(java.util.Comparator.comparingInt(Row::index));
            summary(System.out, all, all.stream().mapToDouble(Row::seconds).sum());
            return;
        }
        int problems = Integer.parseInt(a.getOrDefault("problems", "60"));
        int from = Integer.parseInt(a.getOrDefault("from", "0"));
        int members = Integer.parseInt(a.getOrDefault("members", "10"));
        String grid = a.getOrDefault("grid", "24x17");
        int[] hidden = java.util.Arrays.stream(a.getOrDefault("hidden", "16,16").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int steps = Integer.parseInt(a.getOrDefault("steps", "1500"));
        int lbfgs = Integer.parseInt(a.getOrDefault("lbfgs", "200"));
        int jobs = Integer.parseInt(a.getOrDefault("jobs", "1"));
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        boolean scattered = switch (a.getOrDefault("data", "grid")) {
            case "grid" -> false;
            case "scattered" -> true;
            default -> throw new IllegalArgumentException("data must be grid or scattered, got " + a.get("data"));
        };
        int points = Integer.parseInt(a.getOrDefault("points", "400"));
        int gridSize = Integer.parseInt(a.getOrDefault("grid-size", "64"));
        Path work = a.containsKey("work") ? Path.of(a.get("work")) : Files.createTempDirectory("ensemble-coverage");
        Files.createDirectories(work);
        PrintStream out = System.out;
        out.printf(
                Locale.ROOT,
                "ensemble coverage: %d heat problems (%s, D log-uniform in [0.05, 0.2], noise 1-5 %%), %d members,"
                        + " hidden %s, Adam ≤ %d, L-BFGS ≤ %d, %d at once%n",
                problems,
                scattered
                        ? points + " scattered points of the exact solution, collocation grid " + gridSize + "²"
                        : "grid " + grid + " from mollify generate",
                members,
                a.getOrDefault("hidden", "16,16"),
                steps,
                lbfgs,
                jobs);
        Rng draw = new Rng(seed);
        List<Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        Path csv = a.containsKey("out") ? Path.of(a.get("out")) : null;
        if (csv != null) Files.writeString(csv, CSV_HEADER, StandardCharsets.UTF_8);
        for (int i = 0; i < problems; i++) {
            double d = 0.05 * Math.pow(4, draw.nextDouble());
            double noise = 0.01 + 0.04 * draw.nextDouble();
            if (i < from) continue; // the same draws as a run from 0, so problem i is the same problem
            DataFit.Builder fit = DataFit.builder();
            if (scattered)
                fit.arrays(new String[] {"x", "t", "u"}, exactHeat(d, noise, points, 1000 + i))
                        .gridSize(gridSize);
            else fit.data(generated(work, i, d, noise, grid));
            FitOptions o = fit.pde("u_t = D*u_xx")
                    .unknown("D")
                    .positive("D")
                    .hidden(hidden)
                    .adamSteps(steps)
                    .lbfgsIterations(lbfgs)
                    .timeBudget(0)
                    .seed(i + 1)
                    .options();
            long t1 = System.nanoTime();
            Ensemble.Result r = Ensemble.of(o, members).parallel(jobs).run();
            Ensemble.Coefficient c = r.coefficients().get("D");
            double[] v = c.values();
            double alpha = 1 - r.level();
            Row row = new Row(
                    i,
                    d,
                    noise,
                    c.mean(),
                    c.sd(),
                    c.lo(),
                    c.hi(),
                    Ensemble.Coefficient.percentile(v, alpha / 2),
                    Ensemble.Coefficient.percentile(v, 1 - alpha / 2),
                    (System.nanoTime() - t1) * 1e-9);
            rows.add(row);
            out.printf(
                    Locale.ROOT,
                    "%3d  D %.5f  noise %.3f  mean %.5f ± %.5f  [%.5f, %.5f]  %s  percentile %s  %.1f s%n",
                    i,
                    d,
                    noise,
                    row.mean(),
                    row.sd(),
                    row.lo(),
                    row.hi(),
                    row.covers() ? "covers" : "MISSES",
                    row.percentileCovers() ? "covers" : "misses",
                    row.seconds());
            if (csv != null) Files.writeString(csv, csvLine(row), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        summary(out, rows, (System.nanoTime() - t0) * 1e-9);
    }

    private static final String CSV_HEADER =
            "problem,truth,noise,mean,sd,lo,hi,covers,percentile_lo,percentile_hi,percentile_covers,seconds\n";

    /** One CSV line of a row (the columns of {@link #CSV_HEADER}). */
    static String csvLine(Row r) {
        return String.format(
                Locale.ROOT,
                "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%b,%.17g,%.17g,%b,%.3f%n",
                r.index(),
                r.truth(),
                r.noise(),
                r.mean(),
                r.sd(),
                r.lo(),
                r.hi(),
                r.covers(),
                r.plo(),
                r.phi(),
                r.percentileCovers(),
                r.seconds());
    }

    /** The rows of a CSV this program wrote. */
    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new Row(
                    Integer.parseInt(f[0]),
                    Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]),
                    Double.parseDouble(f[8]),
                    Double.parseDouble(f[9]),
                    Double.parseDouble(f[11])));
        }
        return rows;
    }

    /** {@code mollify generate --problem heat} with diffusion d on {@code grid}, noise r, noise seed 1000 + i. */
    static Path generated(Path work, int i, double d, double noise, String grid) {
        Path data = work.resolve("heat-" + i + ".csv");
        Cli g = Cli.run(
                "generate",
                "--problem",
                "heat",
                "--set",
                "diffusion=" + d,
                "--grid",
                grid,
                "--noise",
                Double.toString(noise),
                "--seed",
                Integer.toString(1000 + i),
                "--force",
                "--out",
                data.toString());
        if (g.code() != 0) throw new IllegalStateException("generate failed: " + g);
        return data;
    }

    /**
     * n scattered points (x, t) uniform in [0, 1]² of the exact solution u = sin(πx)·exp(−dπ²t) of
     * u_t = d·u_xx, with Gaussian noise of σ = r·std(u), all drawn with {@code new Rng(seed)}: columns x, t, u.
     */
    static double[][] exactHeat(double d, double noise, int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n], t = new double[n], u = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = rng.nextDouble();
            t[k] = rng.nextDouble();
            u[k] = Math.sin(Math.PI * x[k]) * Math.exp(-d * Math.PI * Math.PI * t[k]);
        }
        double mean = java.util.Arrays.stream(u).average().orElseThrow();
        double std = Math.sqrt(java.util.Arrays.stream(u)
                .map(v -> (v - mean) * (v - mean))
                .average()
                .orElseThrow());
        for (int k = 0; k < n; k++) u[k] += noise * std * rng.nextGaussian();
        return new double[][] {x, t, u};
    }

    /** The coverage with its Wilson interval, widths, errors and the z spread. */
    static void summary(PrintStream out, List<Row> rows, double seconds) {
        int n = rows.size();
        long covered = rows.stream().filter(Row::covers).count();
        long normal = rows.stream().filter(Row::normalCovers).count();
        long percentile = rows.stream().filter(Row::percentileCovers).count();
        double p = covered / (double) n, z = 1.96;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        double width = rows.stream()
                .mapToDouble(r -> (r.hi() - r.lo()) / r.truth())
                .average()
                .orElse(Double.NaN);
        double error = rows.stream()
                .mapToDouble(r -> Math.abs(r.mean() - r.truth()) / r.truth())
                .average()
                .orElse(Double.NaN);
        double[] ratio = rows.stream()
                .mapToDouble(r -> (r.hi() - r.lo()) / (2 * Math.abs(r.mean() - r.truth())))
                .sorted()
                .toArray();
        double zrms = Math.sqrt(rows.stream()
                .mapToDouble(r -> Math.pow((r.mean() - r.truth()) / r.sd(), 2))
                .average()
                .orElse(Double.NaN));
        out.printf(
                Locale.ROOT,
                "the ensemble's t interval covers the truth in %d of %d problems: %.1f %% (Wilson 95 %%: %.1f–%.1f %%)%n"
                        + "the members' 2.5–97.5 %% percentiles cover it in %d of %d: %.1f %%;"
                        + " mean ± 1.96 sd in %d of %d: %.1f %%%n"
                        + "mean relative width (hi − lo)/D %.4f; mean relative error |mean − D|/D %.4f;"
                        + " median width / (2·|error|) %.2f; RMS of (mean − D)/sd %.2f%n"
                        + "%.0f s in all%n",
                covered,
                n,
                100 * p,
                100 * (centre - half),
                100 * (centre + half),
                percentile,
                n,
                100.0 * percentile / n,
                normal,
                n,
                100.0 * normal / n,
                width,
                error,
                ratio[ratio.length / 2],
                zrms,
                seconds);
    }
}
