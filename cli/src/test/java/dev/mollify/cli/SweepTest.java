package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.cli.fit.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mollify sweep} on tiny heat data: the summary, the same bits as {@code mollify fit} alone,
 * a re-run that finishes only what is missing, and a changed sweep file. Bad sweep files are rows of
 * {@link BadInputCatalogueTest}.
 */
class SweepTest {
    @TempDir
    static Path dir;

    static final String SPEC = "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D:positive\"], \"data\": [\"heat.csv\"],\n"
            + " \"noise\": [0.01, 0.05], \"seed\": [1, 2],\n"
            + " \"fit\": {\"steps\": 60, \"lbfgs\": 10, \"hidden\": [8, 8], \"checkpoint-every\": 20}}\n";

    static final List<String> NAMES =
            List.of("fit-001-n0.01-s1", "fit-002-n0.01-s2", "fit-003-n0.05-s1", "fit-004-n0.05-s2");

    @BeforeAll
    static void data() throws IOException {
        CliRunner g = CliRunner.run(
                "generate",
                "--problem",
                "heat",
                "--grid",
                "17x9",
                "--out",
                dir.resolve("heat.csv").toString());
        assertEquals(0, g.code(), g.toString());
        Files.writeString(dir.resolve("sweep.json"), SPEC);
    }

    static CliRunner sweep(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of(
                "sweep", "--spec", dir.resolve("sweep.json").toString(), "--out", out.toString(), "--jobs", "2"));
        a.addAll(List.of(extra));
        return CliRunner.run(a.toArray(new String[0]));
    }

    /** The recovered value in a report.json, as written (Double.toString: every bit). */
    static String value(Path report) throws IOException {
        String json = Files.readString(report);
        int i = json.indexOf("\"value\": ");
        assertTrue(i > 0, json);
        return json.substring(i + 9, json.indexOf(',', i));
    }

    @Test
    void aSweepRunsEveryFitOnceAndSummarisesThem() throws IOException {
        Path out = dir.resolve("runs");
        CliRunner r = sweep(out, "--progress", "lines");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("4 fits in " + out + "; 0 finished already, 4 to run, 2 at once"), r.out());
        for (String n : NAMES) {
            assertTrue(Files.exists(out.resolve(n).resolve("report.json")), n);
            assertTrue(Files.exists(out.resolve(n).resolve(OutputFolder.ARGS)), n);
            assertTrue(Files.readString(out.resolve(n).resolve("log.txt")).contains("recovered"), n);
            assertTrue(r.out().contains(n), r.out()); // a progress line and a table row
        }
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(
                "fit,status,data,noise,seed,D,D_truth,D_relative_error,seconds,peak_bytes,stop_reason,warnings,message",
                csv.get(0));
        assertEquals(5, csv.size(), String.join("\n", csv));
        for (int i = 0; i < 4; i++) {
            String[] c = csv.get(i + 1).split(",", -1);
            assertEquals(NAMES.get(i), c[0]);
            assertEquals("ok", c[1]);
            assertEquals(i < 2 ? "0.01" : "0.05", c[3]);
            assertEquals(i % 2 == 0 ? "1" : "2", c[4]);
            assertEquals(value(out.resolve(NAMES.get(i)).resolve("report.json")), c[5]);
            assertEquals("0.1", c[6]); // the truth from heat.json
            double err = Double.parseDouble(c[7]);
            assertEquals(Math.abs(Double.parseDouble(c[5]) - 0.1) / 0.1, err, 1e-12);
            assertTrue(Double.parseDouble(c[8]) > 0 && Long.parseLong(c[9]) > 0, csv.get(i + 1));
        }
        String json = Files.readString(out.resolve("sweep.json"));
        assertTrue(json.contains("\"fit\": \"fit-004-n0.05-s2\"") && json.contains("\"relativeError\": "), json);
        assertEquals(SPEC, Files.readString(out.resolve("sweep-spec.json")));
        // noise varies: D against noise, mean over the two seeds ± their sd
        assertTrue(Files.size(out.resolve("sweep-D.png")) > 1000, "sweep-D.png");
        assertTrue(r.out().contains("plots: " + out.resolve("sweep-D.png")), r.out());

        // the same fit alone, by mollify fit with the arguments the sweep saved: the same bits
        List<String> args =
                new ArrayList<>(Files.readAllLines(out.resolve(NAMES.get(2)).resolve("fit-args.txt")));
        Path alone = dir.resolve("alone");
        args.set(args.indexOf("--out") + 1, alone.toString());
        args.add(0, "fit");
        CliRunner f = CliRunner.run(args.toArray(new String[0]));
        assertEquals(0, f.code(), f.toString());
        assertEquals(
                value(alone.resolve("report.json")),
                value(out.resolve(NAMES.get(2)).resolve("report.json")));
        assertArrayEquals(
                Files.readAllBytes(alone.resolve("model.safetensors")),
                Files.readAllBytes(out.resolve(NAMES.get(2)).resolve("model.safetensors")));

        // a re-run redoes only what is missing: one fit without its report (resumed from its checkpoint),
        // one without its folder (started again); the others are left as they were
        Map<String, String> before = new HashMap<>();
        for (String n : NAMES) before.put(n, value(out.resolve(n).resolve("report.json")));
        byte[] model3 = Files.readAllBytes(out.resolve(NAMES.get(3)).resolve("model.safetensors"));
        FitTime kept = FitTime.of(out.resolve(NAMES.get(0)).resolve("report.json"));
        Files.delete(out.resolve(NAMES.get(1)).resolve("report.json"));
        deleteTree(out.resolve(NAMES.get(3)));
        CliRunner again = sweep(out, "--progress", "lines");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("2 finished already, 2 to run"), again.out());
        assertFalse(again.out().contains("] " + NAMES.get(0)), again.out());
        assertTrue(again.out().contains("] " + NAMES.get(1) + ": done"), again.out());
        assertTrue(
                Files.readString(out.resolve(NAMES.get(1)).resolve("log.txt")).contains("resuming from"),
                "resumed from its checkpoint");
        assertEquals(kept, FitTime.of(out.resolve(NAMES.get(0)).resolve("report.json")), "a finished fit is kept");
        for (String n : NAMES) assertEquals(before.get(n), value(out.resolve(n).resolve("report.json")), n);
        assertArrayEquals(model3, Files.readAllBytes(out.resolve(NAMES.get(3)).resolve("model.safetensors")));
        assertEquals(5, Files.readAllLines(out.resolve("sweep.csv")).size());

        // nothing left: nothing runs
        CliRunner done = sweep(out, "--progress", "none");
        assertEquals(0, done.code(), done.toString());
        assertTrue(done.out().contains("4 finished already, 0 to run"), done.out());
    }

    /** A sweep whose fits run ensembles: each row carries the ensemble's mean, sd, interval and coverage. */
    @Test
    void aSweepOfEnsemblesSummarisesTheirSpread() throws IOException {
        Path spec = dir.resolve("ensembles.json");
        Files.writeString(
                spec,
                "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D:positive\"], \"data\": [\"heat.csv\"],"
                        + " \"noise\": [0.02], \"seed\": [1, 2],"
                        + " \"fit\": {\"steps\": 40, \"lbfgs\": 5, \"hidden\": [8, 8], \"ensemble\": 3}}\n");
        Path out = dir.resolve("ensemble-runs");
        CliRunner r = CliRunner.run(
                "sweep", "--spec", spec.toString(), "--out", out.toString(), "--jobs", "2", "--progress", "none");
        assertEquals(0, r.code(), r.toString());
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        for (String k : List.of("mean", "sd", "lo", "hi", "covers"))
            assertTrue(header.contains("D_ensemble_" + k), csv.get(0));
        assertEquals(3, csv.size(), String.join("\n", csv));
        for (int i = 1; i < 3; i++) {
            String[] c = csv.get(i).split(",", -1);
            double mean = Double.parseDouble(c[header.indexOf("D_ensemble_mean")]);
            double lo = Double.parseDouble(c[header.indexOf("D_ensemble_lo")]);
            double hi = Double.parseDouble(c[header.indexOf("D_ensemble_hi")]);
            assertTrue(
                    lo <= mean && mean <= hi && Double.parseDouble(c[header.indexOf("D_ensemble_sd")]) > 0, csv.get(i));
            assertTrue(List.of("true", "false").contains(c[header.indexOf("D_ensemble_covers")]), csv.get(i));
        }
        assertTrue(Files.readString(out.resolve("sweep.json")).contains("\"ensemble\": {"));
        assertTrue(r.out().contains("D ensemble "), r.out());
    }

    @Test
    void aChangedSweepFileIsRefusedUnlessForced() throws IOException {
        Path out = dir.resolve("changed");
        Path spec = dir.resolve("one.json");
        String one = "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D:positive\"], \"data\": \"heat.csv\","
                + " \"fit\": {\"steps\": 20, \"lbfgs\": 0, \"hidden\": [4]}}";
        Files.writeString(spec, one);
        String[] args = {"sweep", "--spec", spec.toString(), "--out", out.toString(), "--progress", "none"};
        CliRunner first = CliRunner.run(args);
        assertEquals(0, first.code(), first.toString());
        assertTrue(Files.exists(out.resolve("fit-001-heat").resolve("report.json")), first.out());

        Files.writeString(spec, one.replace("\"steps\": 20", "\"steps\": 30"));
        CliRunner refused = CliRunner.run(args);
        assertEquals(ExitCode.USAGE, refused.code(), refused.toString());
        assertTrue(refused.err().contains("holds the fits of another sweep file"), refused.err());
        assertTrue(refused.err().contains("--force"), refused.err());
        assertEquals(one, Files.readString(out.resolve("sweep-spec.json")), "the folder is left as it was");

        List<String> forced = new ArrayList<>(List.of(args));
        forced.add("--force");
        CliRunner replaced = CliRunner.run(forced.toArray(new String[0]));
        assertEquals(0, replaced.code(), replaced.toString());
        assertTrue(replaced.out().contains("0 finished already, 1 to run"), replaced.out());
        assertTrue(Files.readString(out.resolve("fit-001-heat").resolve("report.json"))
                .contains("\"adamSteps\": 30"));

        // whitespace and key order are not a change
        Files.writeString(
                spec,
                "{\"fit\": {\"steps\": 30, \"lbfgs\": 0, \"hidden\": [4]},\n \"pde\": \"u_t = D*u_xx\","
                        + " \"unknowns\": [\"D:positive\"], \"data\": \"heat.csv\"}");
        CliRunner same = CliRunner.run(args);
        assertEquals(0, same.code(), same.toString());
        assertTrue(same.out().contains("1 finished already, 0 to run"), same.out());
    }

    /** A file's modification time (a kept fit's report is not written again). */
    record FitTime(FileTime time) {
        static FitTime of(Path p) throws IOException {
            return new FitTime(Files.getLastModifiedTime(p));
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
