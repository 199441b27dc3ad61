package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.fit.DataSidecar;
import dev.mollify.tests.matrix.GeneralisationMatrix.Cli;
import dev.mollify.tests.matrix.Resample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mollify fit} with its defaults (the equation, the unknowns' names, a seed; nothing tuned per
 * case) on data written the way other people write them: other units, few time samples, noise. The
 * recovered coefficients must not depend on the units, and the warnings must say what the data cannot
 * tell. (Named *InverseTest: minutes of fits, run once, with the Vector API kernels.)
 */
class UnseenDataInverseTest {
    @TempDir
    Path dir;

    /** The first number of report.json under {@code key}. */
    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\": (-?[0-9.eE+-]+)")
                .matcher(json);
        assertTrue(m.find(), key + " in\n" + json);
        return Double.parseDouble(m.group(1));
    }

    /** The recovered value of unknown {@code name} in report.json. */
    static double recovered(String json, String name) {
        return number(json.substring(json.indexOf("\"" + name + "\": {")), "value");
    }

    /**
     * {@code mollify fit} of Burgers, u_t + a·u·u_x − b·u_xx = 0 with a and b (positive) unknown, on {@code data} with 1 %
     * noise and defaults otherwise, the report in {@code dir/out}; {@code extra} adds options (a seed, say).
     */
    Cli fitBurgers(Path data, String out, String... extra) {
        return fitCli(
                data,
                out,
                List.of(
                        "--pde",
                        "u_t + a*u*u_x - b*u_xx = 0",
                        "--unknown",
                        "a",
                        "--unknown",
                        "b:positive",
                        "--noise",
                        "0.01"),
                extra);
    }

    /** {@code mollify fit} of the heat equation u_t = D·u_xx, D positive, on {@code data}, the report in {@code dir/name}. */
    private Cli fit(Path data, String name, String... extra) {
        return fitCli(data, name, List.of("--pde", "u_t = D*u_xx", "--unknown", "D:positive"), extra);
    }

    /** {@code mollify fit --data data} with {@code problem} (the equation and unknowns), no progress bar, the report in {@code dir/out}, then {@code extra}. */
    private Cli fitCli(Path data, String out, List<String> problem, String... extra) {
        List<String> args = new ArrayList<>(List.of("fit", "--data", data.toString()));
        args.addAll(problem);
        args.addAll(List.of("--progress", "none", "--out", dir.resolve(out).toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(new String[0]));
    }

    /**
     * Rewrites a generated x,t,u CSV with x·sx, t·st, u·su, keeping the rows {@code keep} accepts (by t); the truth
     * {@code name = value} goes to the JSON sidecar.
     */
    static Path rescale(
            Path in, Path out, double sx, double st, double su, DoublePredicate keep, String name, double value)
            throws IOException {
        Resample.rewrite(in, out, sx, st, su, keep);
        Files.writeString(DataSidecar.of(out), "{\"truth\": {\"" + name + "\": " + value + "}}\n");
        return out;
    }

    private double recovered(String name) throws IOException {
        String json = Files.readString(dir.resolve(name).resolve("report.json"));
        return number(json, "value");
    }

    /** x·10³, t·10⁻², u·10⁶: D·10⁸. The same fit, to the optimiser's tolerance, and right in both units. */
    @Test
    void theRecoveredCoefficientDoesNotDependOnTheUnits() throws IOException {
        Path data = dir.resolve("heat.csv");
        assertEquals(
                0,
                Cli.run(
                                "generate",
                                "--problem",
                                "heat",
                                "--grid",
                                "48x41",
                                "--noise",
                                "0.01",
                                "--seed",
                                "4",
                                "--out",
                                data.toString())
                        .code());
        Path other = rescale(data, dir.resolve("heat-units.csv"), 1e3, 1e-2, 1e6, t -> true, "D", 1e7);
        Cli a = fit(data, "si");
        Cli b = fit(other, "units");
        assertEquals(0, a.code(), a.toString());
        assertEquals(0, b.code(), b.toString());
        double d1 = recovered("si"), d2 = recovered("units");
        assertEquals(0.1, d1, 0.01 * 0.1, a.out());
        assertEquals(1e7, d2, 0.01 * 1e7, b.out());
        assertEquals(
                d1 * 1e8,
                d2,
                2e-3 * d2,
                "the same data in other units: " + d1 + " vs " + d2 + "\n" + a.out() + "\n" + b.out());
        String json = Files.readString(dir.resolve("si").resolve("report.json"));
        assertTrue(json.contains("\"warnings\": []"), json);
        assertTrue(json.contains("\"fromData\":") && json.contains("\"stopReason\": \"Adam converged at step"), json);
        assertTrue(a.out().contains("from the data alone"), a.out());
    }

    /** Five time samples, x in mm, 5 % noise: the route's own grid in t; within the sparse-time bound. */
    @Test
    void fiveTimeSamplesInMillimetres() throws IOException {
        Path data = dir.resolve("heat.csv");
        assertEquals(
                0,
                Cli.run("generate", "--problem", "heat", "--grid", "64x41", "--seed", "2", "--out", data.toString())
                        .code());
        Path sparse = rescale(
                data, dir.resolve("heat-t5.csv"), 1e3, 1, 1, t -> Math.abs(t * 4 - Math.rint(t * 4)) < 1e-9, "D", 1e5);
        Cli r = fit(sparse, "t5", "--noise", "0.05", "--seed", "3");
        assertEquals(0, r.code(), r.toString());
        assertTrue(
                r.out().contains("grid 5 t × 64 x, full")
                        && r.out().contains("collocation grid 32 t × 64 x (the route's own"),
                r.out());
        double d = recovered("t5");
        assertEquals(1e5, d, 0.10 * 1e5, r.out());
    }

    /**
     * Burgers over its whole time range (the front forms and steepens), ν = 0.05 so that 128 x samples
     * resolve the front at CI size (ν = 0.01/π needs 256: tests/external), 1 % noise, written as
     * X = 10x, T = 10t, U = 2u: then U_T + (a/2)·U·U_X − 10ν·U_XX = 0, so the truths are a′ = 0.5,
     * b′ = 0.5. Defaults only; both within 1 %.
     */
    @Test
    void burgersInOtherUnitsWithDefaults() throws IOException {
        Path data = dir.resolve("burgers.csv");
        assertEquals(
                0,
                Cli.run(
                                "generate",
                                "--problem",
                                "burgers",
                                "--set",
                                "nu=0.05",
                                "--grid",
                                "128x41",
                                "--out",
                                data.toString())
                        .code());
        double aTrue = 0.5, bTrue = 0.5;
        Path other = rescale(data, dir.resolve("burgers-units.csv"), 10, 10, 2, t -> true, "b", bTrue);
        Cli r = fitBurgers(other, "burgers", "--seed", "2");
        assertEquals(0, r.code(), r.toString());
        String json = Files.readString(dir.resolve("burgers").resolve("report.json"));
        double a = recovered(json, "a");
        double b = recovered(json, "b");
        String recovered = String.format(
                Locale.ROOT,
                "burgers (X = 10x, T = 10t, U = 2u; 1 %% noise): a' = %.6g (%.3f %%), b' = %.6g (%.3f %%)%n",
                a,
                100 * Math.abs(a / aTrue - 1),
                b,
                100 * Math.abs(b / bTrue - 1));
        assertEquals(aTrue, a, 0.01 * aTrue, recovered + r.out());
        assertEquals(bTrue, b, 0.01 * bTrue, recovered + r.out());
    }

    /**
     * Burgers with ν = 0.01/π on 128 x samples: the shock falls between two samples (the data jump 82 % of their range
     * from one to the next). On the data grid the route's sums misjudge the front and b came out 23.6 % low; the
     * collocation grid refined where the fitted network is steep brings it within 1.4 %.
     */
    @Test
    void aShockBetweenTheSamplesGetsAFinerCollocationGrid() throws IOException {
        Path data = dir.resolve("shock.csv");
        assertEquals(
                0,
                Cli.run("generate", "--problem", "burgers", "--grid", "128x50", "--out", data.toString())
                        .code());
        // --time 0: the convergence rules alone end it, the same steps on a busy machine; --profile 0: the standard
        // errors, computed after the fit, leave the coefficients checked here as they are
        Cli r = fitBurgers(data, "shock", "--seed", "1", "--time", "0", "--profile", "0");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("refined from 50 t × 128 x"), r.out());
        String json = Files.readString(dir.resolve("shock").resolve("report.json"));
        double a = recovered(json, "a");
        double b = recovered(json, "b");
        double bTrue = 0.01 / Math.PI;
        String recovered = String.format(
                Locale.ROOT,
                "shock on 128 x, 1 %% noise: a = %.6g, b = %.6g (%.2f %%)%n",
                a,
                b,
                100 * Math.abs(b / bTrue - 1));
        assertEquals(1, a, 0.01, recovered + r.out());
        assertEquals(bTrue, b, 0.03 * bTrue, recovered + r.out());
    }

    @Test
    void warningsSayWhatTheDataCannotTell() throws IOException {
        Path data = dir.resolve("heat.csv");
        assertEquals(
                0,
                Cli.run("generate", "--problem", "heat", "--grid", "32x21", "--out", data.toString())
                        .code());

        // two terms that look alike: only their sum is determined
        Cli alike = Cli.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = a*u_xx + b*u_xx",
                "--unknown",
                "a",
                "--unknown",
                "b",
                "--steps",
                "50",
                "--lbfgs",
                "0",
                "--progress",
                "none",
                "--out",
                dir.resolve("alike").toString());
        assertEquals(0, alike.code(), alike.toString());
        assertTrue(alike.out().contains("warning: the terms of a and b look alike"), alike.out());
        assertTrue(Files.readString(dir.resolve("alike").resolve("report.json")).contains("look alike on these data"));

        // three time samples: too few for u_t
        Path coarse =
                rescale(data, dir.resolve("t3.csv"), 1, 1, 1, t -> Math.abs(t * 2 - Math.rint(t * 2)) < 1e-9, "D", 0.1);
        Cli c = fit(coarse, "coarse", "--steps", "20", "--lbfgs", "0");
        assertEquals(0, c.code(), c.toString());
        assertTrue(c.out().contains("warning: the data have 3 samples along t"), c.out());

        // a coefficient that did not move (one Adam step, no L-BFGS) from a start the data do not vouch for
        // (written non-linearly, the starting values carry no term share); from the data's own value, no warning
        Cli still = Cli.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*D*u_xx",
                "--unknown",
                "D=0.3",
                "--steps",
                "1",
                "--lr",
                "1e-9",
                "--lbfgs",
                "0",
                "--tolerance",
                "0",
                "--progress",
                "none",
                "--out",
                dir.resolve("still").toString());
        assertTrue(still.out().contains("warning: D barely moved from its start"), still.out());
        Cli settled = fit(data, "settled", "--steps", "1", "--lr", "1e-9", "--lbfgs", "0", "--tolerance", "0");
        assertFalse(settled.out().contains("barely moved"), settled.out());

        // constant data
        List<String> flat = new ArrayList<>(List.of("x,t,u"));
        for (int i = 0; i < 20; i++) for (int j = 0; j < 20; j++) flat.add(j / 19.0 + "," + i / 19.0 + ",3.5");
        Path constant = Files.write(dir.resolve("flat.csv"), flat);
        Cli k = fit(constant, "flat", "--steps", "20", "--lbfgs", "0");
        assertTrue(k.out().contains("warning: the data of 'u' are constant"), k.out());

        // the equation lacks a term: heat-equation data with a source (Fisher–KPP's growth) fitted without it
        Path fisher = dir.resolve("fisher-lacking.csv");
        assertEquals(
                0,
                Cli.run("generate", "--problem", "fisher", "--grid", "64x33", "--out", fisher.toString())
                        .code());
        Cli wrong = Cli.run(
                "fit",
                "--data",
                fisher.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D:positive",
                "--steps",
                "300",
                "--lbfgs",
                "50",
                "--progress",
                "none",
                "--out",
                dir.resolve("wrong").toString());
        assertEquals(0, wrong.code(), wrong.toString());
        assertTrue(wrong.out().contains("warning: the fit misses the data by"), wrong.out());

        // and a clean, right fit warns of nothing
        Cli right = fit(data, "right", "--steps", "300", "--lbfgs", "100");
        assertFalse(right.out().contains("warning:"), right.out());
    }

    /**
     * A growth experiment as it comes: 38 unevenly spaced positions × 5 times, x in µm, t in hours, u in cells/µm²,
     * 2 % noise, logistic growth with an unknown carrying capacity and no guess for any coefficient. Fisher–KPP data
     * (D = 0.01, r = 1 on x ∈ [−1, 1), t ∈ [0, 3]) written as X = 500(x + 1), T = 16t, U = 1.7·10⁻³·u, so
     * D′ = 0.01·500²/16 = 156.25 µm²/h, r′ = 1/16 per hour and K = 1.7·10⁻³. Each within the sparse-time bound (10 %).
     */
    @Test
    void growthExperimentWithAnUnknownCapacityAndNoGuesses() throws IOException {
        Path data = dir.resolve("fisher.csv");
        assertEquals(
                0,
                Cli.run("generate", "--problem", "fisher", "--noise", "0.02", "--seed", "5", "--out", data.toString())
                        .code());
        List<String> lines = Files.readAllLines(data);
        List<String> header = List.of(lines.get(0).split(","));
        int xi = header.indexOf("x"), ti = header.indexOf("t"), ui = header.indexOf("u");
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>(), ts = new java.util.TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split(",");
            xs.add(Double.parseDouble(p[xi]));
            ts.add(Double.parseDouble(p[ti]));
        }
        Double[] x = xs.toArray(new Double[0]), t = ts.toArray(new Double[0]);
        java.util.Set<Double> keepX = new java.util.HashSet<>(), keepT = new java.util.HashSet<>();
        for (int k = 0; k < 38; k++) keepX.add(x[(int) Math.round(k * (x.length - 1) / 37.0)]);
        for (int k = 0; k < 5; k++) keepT.add(t[k * (t.length - 1) / 4]);
        List<String> rows = new ArrayList<>(List.of("x,t,u"));
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split(",");
            double px = Double.parseDouble(p[xi]), pt = Double.parseDouble(p[ti]);
            if (keepX.contains(px) && keepT.contains(pt))
                rows.add(String.format(
                        Locale.ROOT, "%.6f,%.6f,%.6e", 500 * (px + 1), 16 * pt, 1.7e-3 * Double.parseDouble(p[ui])));
        }
        Path cells = dir.resolve("cells.csv");
        Files.write(cells, rows);
        Cli r = Cli.run(
                "fit",
                "--data",
                cells.toString(),
                "--pde",
                "u_t = D*u_xx + r*u*(1 - u/K)",
                "--unknown",
                "D",
                "--unknown",
                "r",
                "--unknown",
                "K",
                "--progress",
                "none",
                "--out",
                dir.resolve("cells").toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(190, rows.size() - 1);
        String json = Files.readString(dir.resolve("cells").resolve("report.json"));
        double[] truth = {156.25, 1 / 16.0, 1.7e-3};
        String[] names = {"D", "r", "K"};
        for (int i = 0; i < 3; i++) {
            assertEquals(truth[i], recovered(json, names[i]), 0.10 * truth[i], names[i] + "\n" + r.out());
        }
    }
}
