package dev.mollify.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.cli.Mollify;
import dev.mollify.pde.fit.DataFit;
import dev.mollify.pde.fit.FitJob;
import dev.mollify.pde.fit.SweepPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small sweep (two tiny heat fits, seeds 1 and 2) run as a Spark job in {@code local[2]}: its rows hold
 * the same bits as {@code mollify sweep} on the same description and as the library's {@link DataFit} on
 * the same settings, and it writes Parquet, CSV and the description's copy; mistakes stop it before any fit
 * runs.
 */
class SparkSweepTest {
    @TempDir
    static Path dir;

    static SparkSession spark;

    static final String SPEC = "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D:positive\"], \"data\": [\"heat.csv\"],\n"
            + " \"noise\": 0.01, \"seed\": [1, 2],\n"
            + " \"fit\": {\"steps\": 60, \"lbfgs\": 10, \"hidden\": [8, 8], \"checkpoint-every\": 20}}\n";

    /** u = sin(πx)·exp(−Dπ²t), D = 0.1, on 17 x × 9 t, with the truth in heat.json beside it. */
    @BeforeAll
    static void start() throws IOException {
        StringBuilder csv = new StringBuilder("x,t,u\n");
        for (int j = 0; j < 9; j++)
            for (int i = 0; i < 17; i++) {
                double x = i / 16.0, t = j / 8.0;
                double u = Math.sin(Math.PI * x) * Math.exp(-0.1 * Math.PI * Math.PI * t);
                csv.append(x).append(',').append(t).append(',').append(u).append('\n');
            }
        Files.writeString(dir.resolve("heat.csv"), csv);
        Files.writeString(dir.resolve("heat.json"), "{\"truth\": {\"D\": 0.1}}\n");
        Files.writeString(dir.resolve("sweep.json"), SPEC);
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("SparkSweepTest")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.warehouse.dir", dir.resolve("warehouse").toString())
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    @Test
    void theSparkJobGivesTheBitsOfMollifySweepAndOfTheLibrary() throws IOException {
        Path out = dir.resolve("spark-out");
        List<Row> rows = SparkSweep.sweep(
                        spark,
                        dir.resolve("sweep.json").toString(),
                        out.toString(),
                        EnumSet.allOf(SparkSweep.Format.class),
                        false)
                .collectAsList();
        assertEquals(2, rows.size(), rows.toString());

        // the same description through mollify sweep
        Path cliOut = dir.resolve("cli-out");
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            code = Mollify.run(
                    new String[] {
                        "sweep",
                        "--spec",
                        dir.resolve("sweep.json").toString(),
                        "--out",
                        cliOut.toString(),
                        "--jobs",
                        "2",
                        "--progress",
                        "none"
                    },
                    po,
                    pe);
        }
        assertEquals(0, code, o.toString(StandardCharsets.UTF_8) + e.toString(StandardCharsets.UTF_8));
        List<String> csv = Files.readAllLines(cliOut.resolve("sweep.csv"));
        assertEquals(
                "fit,status,data,noise,seed,D,D_truth,D_relative_error,seconds,peak_bytes,stop_reason,warnings,message",
                csv.get(0));
        for (int i = 0; i < 2; i++) {
            Row r = rows.get(i);
            String[] c = csv.get(i + 1).split(",", -1);
            String where = csv.get(i + 1) + "\n" + r;
            assertEquals(c[0], r.getAs("fit"), where);
            assertEquals(i + 1, (int) r.getAs("index"), where);
            assertEquals("ok", r.getAs("status"), where);
            assertEquals("heat.csv", r.getAs("data"), where);
            assertEquals(0.01, (double) r.getAs("noise"), where);
            assertEquals(i + 1L, (long) r.getAs("seed"), where);
            assertEquals(c[5], Double.toString(r.getAs("D")), "D, every bit: " + where);
            assertEquals(c[6], Double.toString(r.getAs("D_truth")), where);
            assertEquals(c[7], Double.toString(r.getAs("D_relative_error")), where);
            assertEquals(c[10], r.getAs("stop_reason"), where);
            assertEquals(c[11], Integer.toString(r.getAs("warnings")), where);
            assertTrue((double) r.getAs("seconds") > 0 && (long) r.getAs("peak_bytes") > 0, where);
            assertNull(r.getAs("message"), where);
        }

        String line = SparkSweep.line(rows.get(0));
        assertTrue(line.startsWith(csv.get(1).split(",")[0] + "  ok  D = "), line);

        // the library on the first fit's settings: the same bits
        FitJob first = SweepPlan.parse(SPEC, "sweep.json", FitJob.libraryOptions())
                .jobs()
                .get(0);
        double d = first.builder()
                .data(dir.resolve("heat.csv"))
                .build()
                .run()
                .values()
                .get("D");
        assertEquals(Double.toString(d), Double.toString(rows.get(0).getAs("D")));

        // what the job wrote: Parquet, one CSV part with a header, the description
        assertTrue(Files.isDirectory(out.resolve(SparkSweep.PARQUET)));
        Path part;
        try (Stream<Path> s = Files.list(out.resolve(SparkSweep.CSV))) {
            part = s.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .findFirst()
                    .orElseThrow();
        }
        List<String> sparkCsv = Files.readAllLines(part);
        assertEquals(3, sparkCsv.size(), String.join("\n", sparkCsv));
        assertTrue(
                sparkCsv.get(0).startsWith("fit,index,status,data,noise,seed,D,D_truth,D_relative_error,"),
                sparkCsv.get(0));
        assertTrue(sparkCsv.get(1).startsWith(rows.get(0).getAs("fit") + ",1,ok,heat.csv,"), sparkCsv.get(1));
        assertEquals(SPEC, Files.readString(out.resolve(SparkSweep.SPEC_COPY)));
    }

    /** A killed job resumes: the same description into the same folder keeps the fits' rows and runs the rest. */
    @Test
    void aRerunKeepsFinishedFitsAndRunsOnlyTheOthers() throws IOException {
        Path out = dir.resolve("resume");
        String spec = dir.resolve("sweep.json").toString();
        List<Row> first = SparkSweep.sweep(spark, spec, out.toString(), EnumSet.of(SparkSweep.Format.PARQUET), false)
                .collectAsList();
        String a = first.get(0).getAs("fit"), b = first.get(1).getAs("fit");
        Path rowA = out.resolve(SparkSweep.FITS).resolve(a).resolve(SparkSweep.ROW);
        Path rowB = out.resolve(SparkSweep.FITS).resolve(b).resolve(SparkSweep.ROW);
        assertTrue(Files.isRegularFile(rowA) && Files.isRegularFile(rowB));

        // as if the job had been killed after the first fit: no table, no second row; the kept row is marked
        Files.delete(rowB);
        try (Stream<Path> walk = Files.walk(out.resolve(SparkSweep.PARQUET))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        String kept = Files.readString(rowA);
        Files.writeString(rowA, kept.replaceFirst("\"seconds\": [^,]+", "\"seconds\": 12345.0"));
        Files.deleteIfExists(rowA.resolveSibling("." + SparkSweep.ROW + ".crc")); // the local file system's checksum

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Row> again;
        try (PrintStream p = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            again = SparkSweep.sweep(spark, spec, out.toString(), EnumSet.of(SparkSweep.Format.PARQUET), false, p)
                    .collectAsList();
        }
        assertTrue(
                log.toString(StandardCharsets.UTF_8).contains("resuming: 1 of 2 fits finished already"),
                log.toString());
        assertEquals(2, again.size(), again.toString());
        assertEquals(12345.0, (double) again.get(0).getAs("seconds"), "the finished fit is not run again");
        for (int i = 0; i < 2; i++)
            assertEquals(
                    Double.toString(first.get(i).getAs("D")),
                    Double.toString(again.get(i).getAs("D")),
                    "fit " + i);
        assertTrue(Files.isRegularFile(rowB), "the fit that ran wrote its row");

        Path changed = dir.resolve("changed.json");
        Files.writeString(changed, SPEC.replace("[1, 2]", "[1, 3]"));
        SparkSweep.SweepException other = assertThrows(
                SparkSweep.SweepException.class,
                () -> SparkSweep.sweep(
                        spark, changed.toString(), out.toString(), EnumSet.of(SparkSweep.Format.PARQUET), false));
        assertEquals(SparkSweep.OUTPUT, other.exitCode, other.getMessage());
        assertTrue(
                other.getMessage().contains("another sweep file")
                        && other.getMessage().contains("--force"),
                other.getMessage());
    }

    @Test
    void mistakesAreRefusedBeforeAnyFitRuns() throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            assertEquals(SparkSweep.USAGE, SparkSweep.run(new String[] {"--spec"}, po, pe));
            assertEquals(SparkSweep.USAGE, SparkSweep.run(new String[] {"--format", "xml"}, po, pe));
        }
        String err = e.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("--spec needs a value") && err.contains("--format takes parquet, csv"), err);

        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, SPEC.replace("heat.csv", "no-such.csv"));
        SparkSweep.SweepException noData = assertThrows(
                SparkSweep.SweepException.class,
                () -> SparkSweep.sweep(
                        spark,
                        missing.toString(),
                        dir.resolve("x").toString(),
                        EnumSet.of(SparkSweep.Format.CSV),
                        false));
        assertEquals(SparkSweep.BAD_DATA, noData.exitCode, noData.getMessage());
        assertTrue(noData.getMessage().contains("data file no-such.csv not found"), noData.getMessage());

        Path badFit = dir.resolve("bad-fit.json");
        Files.writeString(badFit, SPEC.replace("\"steps\": 60", "\"out\": \"x\""));
        SparkSweep.SweepException bySweep = assertThrows(
                SparkSweep.SweepException.class,
                () -> SparkSweep.sweep(
                        spark,
                        badFit.toString(),
                        dir.resolve("y").toString(),
                        EnumSet.of(SparkSweep.Format.CSV),
                        false));
        assertEquals(SparkSweep.USAGE, bySweep.exitCode, bySweep.getMessage());
        assertTrue(bySweep.getMessage().contains("fit.out is set by the sweep"), bySweep.getMessage());

        Path taken = dir.resolve("taken");
        Files.createDirectories(taken.resolve(SparkSweep.PARQUET));
        SparkSweep.SweepException exists = assertThrows(
                SparkSweep.SweepException.class,
                () -> SparkSweep.sweep(
                        spark,
                        dir.resolve("sweep.json").toString(),
                        taken.toString(),
                        EnumSet.of(SparkSweep.Format.PARQUET),
                        false));
        assertEquals(SparkSweep.OUTPUT, exists.exitCode, exists.getMessage());
        assertTrue(exists.getMessage().contains("--force"), exists.getMessage());
    }
}
