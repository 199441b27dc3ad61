package dev.mollify.spark;

import dev.mollify.pde.fit.FitInputException;
import dev.mollify.pde.fit.FitJob;
import dev.mollify.pde.fit.SweepPlan;
import dev.mollify.pde.fit.Table;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A {@code mollify sweep} description run as a Spark job: the description is read and expanded on the
 * driver ({@link SweepPlan}), each fit becomes one task ({@link FitTask}: the list of fits is cut into as
 * many partitions as fits, one fit each, and {@code mapPartitions} runs them), and the rows
 * ({@link SweepRows}) are written as Parquet ({@code OUT/sweep.parquet}) and/or CSV ({@code OUT/sweep.csv/},
 * one part file with a header), beside a copy of the description ({@code OUT/sweep-spec.json}). Each fit
 * also writes its row, as it ends, to {@code OUT/fits/NAME/row.json}: running the same description into
 * the same folder again keeps those rows and runs only the fits without one (a killed job resumes where
 * it stopped); a different description there is refused unless {@code --force}. Files are
 * read and written through Hadoop's file systems: local paths, {@code hdfs://} and {@code s3a://} alike;
 * data paths in the description are relative to its folder.
 *
 * <pre>
 * spark-submit --class dev.mollify.spark.SparkSweep mollify-spark.jar \
 *     --spec s3a://bucket/sweep.json --out s3a://bucket/runs/sweep [--format parquet,csv] [--force]
 * </pre>
 *
 * Exit codes as {@code mollify}'s: 0 every fit ok, 1 some fit failed or diverged (its row says why),
 * 2 usage (options, the description), 3 bad input data (a missing data file), 4 output exists or cannot be
 * written.
 */
public final class SparkSweep {
    /**
     * Names inside the output folder: the rows as Parquet ({@code sweep.parquet/}) and as CSV
     * ({@code sweep.csv/}, one part file with a header), and the copy of the sweep description.
     */
    public static final String PARQUET = "sweep.parquet", CSV = "sweep.csv", SPEC_COPY = "sweep-spec.json";
    /** Each fit's folder inside the output folder ({@code fits/NAME/}), holding its row when it ended. */
    public static final String FITS = "fits", ROW = "row.json";

    /** Exit codes. */
    static final int OK = 0, FAILURE = 1, USAGE = 2, BAD_DATA = 3, OUTPUT = 4;

    /** The output formats. */
    public enum Format {
        /** Parquet, {@code OUT/sweep.parquet/}: the typed rows, for Spark, pandas or DuckDB. */
        PARQUET,
        /** CSV, {@code OUT/sweep.csv/}: one part file with a header, empty cells for missing values. */
        CSV
    }

    private SparkSweep() {}

    /** A problem the user can fix, with its exit code; printed as one line. */
    static final class SweepException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        SweepException(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /**
     * {@code spark-submit … --class dev.mollify.spark.SparkSweep}: runs the sweep in the SparkSession that
     * spark-submit configured (or a new one), prints one line per fit and where the results went, and exits
     * with the class's exit code (0, returning normally, when every fit is ok).
     *
     * @param args {@code --spec FILE.json --out DIR [--format parquet,csv] [--force]}, or {@code --help}
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != OK) System.exit(code);
    }

    /** Runs the command line {@code args} in the SparkSession that spark-submit configured (or one it creates), printing to the streams. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String spec = null, dir = null;
        Set<Format> formats = EnumSet.allOf(Format.class);
        boolean force = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--spec" -> spec = value(args, ++i, "--spec");
                    case "--out" -> dir = value(args, ++i, "--out");
                    case "--format" -> formats = formats(value(args, ++i, "--format"));
                    case "--force" -> force = true;
                    case "--help", "-h" -> {
                        out.println(USAGE_TEXT);
                        return OK;
                    }
                    default -> throw new SweepException(USAGE, "unknown option " + args[i] + "\n" + USAGE_TEXT);
                }
            }
            if (spec == null || dir == null) throw new SweepException(USAGE, "give --spec and --out\n" + USAGE_TEXT);
        } catch (SweepException e) {
            err.println("mollify-spark: " + e.getMessage());
            return e.exitCode;
        }
        SparkSession spark = SparkSession.builder().appName("mollify sweep").getOrCreate();
        try {
            List<Row> rows = sweep(spark, spec, dir, formats, force, out).collectAsList();
            int code = OK;
            for (Row r : rows) {
                out.println(line(r));
                if (!r.getString(r.fieldIndex("status")).equals("ok")) code = FAILURE;
            }
            out.println(rows.size() + " fits; results in " + dir);
            if (code != OK) err.println("mollify-spark: some fits did not succeed; see their status and message");
            return code;
        } catch (SweepException e) {
            err.println("mollify-spark: " + e.getMessage());
            return e.exitCode;
        } finally {
            spark.stop();
        }
    }

    static final String USAGE_TEXT = "usage: spark-submit --class dev.mollify.spark.SparkSweep mollify-spark.jar"
            + " --spec FILE.json --out DIR [--format parquet,csv] [--force]\n"
            + "  --spec    the sweep description (as for mollify sweep); a path or URI (hdfs://, s3a://, file:)\n"
            + "  --out     the results folder: sweep.parquet, sweep.csv/, sweep-spec.json\n"
            + "  --format  parquet, csv or both (default parquet,csv)\n"
            + "  --force   replace the results of an earlier run in --out (the same sweep file again resumes it)";

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--"))
            throw new SweepException(USAGE, option + " needs a value\n" + USAGE_TEXT);
        return args[i];
    }

    private static Set<Format> formats(String text) {
        Set<Format> f = EnumSet.noneOf(Format.class);
        for (String s : text.split(",")) {
            switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "parquet" -> f.add(Format.PARQUET);
                case "csv" -> f.add(Format.CSV);
                default ->
                    throw new SweepException(USAGE, "--format takes parquet, csv or parquet,csv; got '" + text + "'");
            }
        }
        return f;
    }

    /**
     * Runs the sweep described at {@code spec} in {@code spark} and writes its rows under {@code out} in
     * the {@code formats} asked for ({@code force}: replace earlier results). Problems with the options, the
     * description or its data files throw before any fit runs; a fit that fails has status {@code failed} and
     * its message. Fits whose {@code OUT/fits/NAME/row.json} exists from an earlier run of the same
     * description are not run again.
     *
     * @param spark the {@code SparkSession} whose executors run the fits, one task per fit
     * @param spec the sweep description (JSON, as for {@code mollify sweep}): a path or a URI
     *     ({@code hdfs://}, {@code s3a://}, {@code file:}); its data paths are relative to its folder
     * @param out the results folder, a path or a URI
     * @param formats the formats to write; not empty
     * @param force true to delete the results of an earlier run in {@code out} first
     * @return the rows as written, one per fit, ordered by fit index: fit, index, the swept values, status,
     *     each unknown with its truth and relative error, seconds, peak bytes, stop reason, warnings, message
     * @throws RuntimeException a problem the user can fix, before any fit runs, as this class's internal
     *     {@code SweepException} (its message says what to change), with exit code 2 for no format or an unreadable or
     *     invalid description, 3 for a missing data file, 4 when
     *     {@code out} holds another sweep's results (without {@code force}), a finished row cannot be read, or
     *     {@code out} cannot be written
     */
    public static Dataset<Row> sweep(SparkSession spark, String spec, String out, Set<Format> formats, boolean force) {
        return sweep(spark, spec, out, formats, force, null);
    }

    /**
     * {@link #sweep(SparkSession, String, String, Set, boolean)}, saying on {@code log} (when not null) how many
     * fits a re-run finds finished.
     */
    static Dataset<Row> sweep(
            SparkSession spark, String spec, String out, Set<Format> formats, boolean force, PrintStream log) {
        if (formats.isEmpty()) throw new SweepException(USAGE, "--format names no format; give parquet, csv or both");
        HadoopFiles files = new HadoopFiles(spark.sparkContext().hadoopConfiguration());
        Path specPath = new Path(spec);
        SweepPlan plan;
        String text;
        try {
            if (!files.isFile(specPath))
                throw new SweepException(
                        USAGE,
                        "--spec " + spec + ": " + (files.exists(specPath) ? "a folder" : "no such file")
                                + "; give a sweep file (JSON) as for mollify sweep");
            text = files.readString(specPath);
        } catch (IOException e) {
            throw new SweepException(USAGE, "--spec " + spec + ": cannot read it (" + e.getMessage() + ")");
        }
        List<FitTask> tasks = new ArrayList<>();
        try {
            plan = SweepPlan.parse(text, spec, FitJob.libraryOptions());
            Table none = new Table(spec, List.of(), List.of(), Map.of());
            for (FitJob job : plan.jobs()) {
                job.builder().table(none).options(); // every setting checked before a task starts
                Path data = new Path(specPath.getParent(), job.data());
                if (!files.isFile(data))
                    throw new SweepException(
                            BAD_DATA,
                            spec + ": data file " + job.data() + " not found (" + data
                                    + "; paths are relative to the sweep file's folder)");
                tasks.add(new FitTask(job, files.qualify(data), files.qualify(rowPath(out, job.name())), files));
            }
        } catch (FitInputException e) {
            throw new SweepException(e.kind() == FitInputException.Kind.DATA ? BAD_DATA : USAGE, e.getMessage());
        } catch (IOException e) {
            throw new SweepException(BAD_DATA, spec + ": cannot look up its data files (" + e.getMessage() + ")");
        }

        Path dir = new Path(out);
        SweepRows rows = SweepRows.of(plan);
        List<Row> finished = new ArrayList<>();
        List<FitTask> todo = new ArrayList<>();
        try {
            Path specCopy = new Path(dir, SPEC_COPY);
            if (force) {
                for (String name : List.of(PARQUET, CSV, FITS)) files.deleteTree(new Path(dir, name));
            } else if (files.exists(specCopy)) {
                if (!sameSweep(files.readString(specCopy), text))
                    throw new SweepException(
                            OUTPUT,
                            out + " holds the results of another sweep file (" + specCopy
                                    + "); choose another --out, or replace them with --force");
            } else {
                for (String name : List.of(PARQUET, CSV, FITS))
                    if (files.exists(new Path(dir, name)))
                        throw new SweepException(
                                OUTPUT,
                                new Path(dir, name) + " exists; choose another --out, or replace it with --force");
            }
            files.writeString(specCopy, text);
            for (FitTask t : tasks) {
                Path row = new Path(t.rowUri());
                if (files.isFile(row)) finished.add(readRow(files, rows, row));
                else todo.add(t);
            }
        } catch (IOException e) {
            throw new SweepException(OUTPUT, "cannot write to " + out + ": " + e.getMessage());
        }
        if (!finished.isEmpty() && log != null)
            log.printf(
                    Locale.ROOT,
                    "resuming: %d of %d fits finished already (their rows in %s), %d to run%n",
                    finished.size(),
                    tasks.size(),
                    new Path(dir, FITS),
                    todo.size());

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> results = todo.isEmpty()
                ? jsc.<Row>emptyRDD()
                : jsc.parallelize(todo, todo.size()) // as many slices as fits: one fit per partition
                        .mapPartitions(partition -> runAll(partition, rows));
        if (!finished.isEmpty()) results = jsc.parallelize(finished, 1).union(results);
        Dataset<Row> table = spark.createDataFrame(results, rows.schema());
        // the fits run once, for the first format; the second is written from what the first wrote
        String parquet = new Path(dir, PARQUET).toString(), csv = new Path(dir, CSV).toString();
        Dataset<Row> written;
        if (formats.contains(Format.PARQUET)) {
            table.write().mode(SaveMode.Overwrite).parquet(parquet);
            written = spark.read().schema(rows.schema()).parquet(parquet);
            if (formats.contains(Format.CSV)) writeCsv(written.orderBy("index"), csv);
        } else {
            writeCsv(table, csv);
            written =
                    spark.read().schema(rows.schema()).option("header", "true").csv(csv);
        }
        return written.orderBy("index");
    }

    private static void writeCsv(Dataset<Row> rows, String path) {
        rows.coalesce(1)
                .write()
                .mode(SaveMode.Overwrite)
                .option("header", "true")
                .csv(path);
    }

    /** The fits of one partition (one, as the job cuts them), each on the task's cores. */
    private static Iterator<Row> runAll(Iterator<FitTask> partition, SweepRows rows) throws IOException {
        TaskContext context = TaskContext.get();
        int threads = context == null ? 1 : Math.max(1, context.cpus());
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(threads); // the FFTs' pool, as mollify sweep
        List<Row> out = new ArrayList<>();
        while (partition.hasNext()) {
            FitTask task = partition.next();
            Row row = rows.row(task.job(), task.run(threads));
            task.files().writeAtomically(new Path(task.rowUri()), rows.toJson(row)); // a re-run keeps it
            out.add(row);
        }
        return out.iterator();
    }

    /** {@code OUT/fits/NAME/row.json}. */
    static Path rowPath(String out, String fit) {
        return new Path(new Path(new Path(out, FITS), fit), ROW);
    }

    private static Row readRow(HadoopFiles files, SweepRows rows, Path row) {
        try {
            return rows.fromJson(files.readString(row));
        } catch (IllegalArgumentException | IOException e) {
            throw new SweepException(
                    OUTPUT,
                    "cannot read the finished fit's row " + row + " (" + e.getMessage()
                            + "); delete it to run that fit again, or start over with --force");
        }
    }

    /** Two sweep files describe the same sweep when they are the same JSON (spacing and key order aside). */
    private static boolean sameSweep(String a, String b) {
        try {
            return dev.mollify.pde.fit.DataSidecar.parseJson(a).equals(dev.mollify.pde.fit.DataSidecar.parseJson(b));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** One line of the summary: fit, status, each unknown with its error, seconds. */
    static String line(Row r) {
        StringBuilder s = new StringBuilder(r.getString(r.fieldIndex("fit")));
        s.append("  ").append(r.getString(r.fieldIndex("status")));
        for (int i = 0; i < r.length(); i++) {
            String name = r.schema().fields()[i].name();
            if (r.schema().getFieldIndex(name + "_relative_error").isEmpty() || r.isNullAt(i)) continue;
            s.append(String.format(Locale.ROOT, "  %s = %.6g", name, r.getDouble(i)));
            int e = r.fieldIndex(name + "_relative_error");
            if (!r.isNullAt(e)) s.append(String.format(Locale.ROOT, " (%.2f %%)", 100 * r.getDouble(e)));
        }
        int sec = r.fieldIndex("seconds");
        if (!r.isNullAt(sec)) s.append(String.format(Locale.ROOT, "  %.1f s", r.getDouble(sec)));
        int msg = r.fieldIndex("message");
        if (!r.isNullAt(msg)) s.append("  ").append(r.getString(msg));
        return s.toString();
    }
}
