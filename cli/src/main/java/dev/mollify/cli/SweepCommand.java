package dev.mollify.cli;

import dev.mollify.autograd.train.Checkpoint;
import dev.mollify.autograd.train.DivergenceGuard;
import dev.mollify.cli.data.AtomicFile;
import dev.mollify.cli.fit.FitRun;
import dev.mollify.cli.fit.FitSettings;
import dev.mollify.cli.fit.Interruption;
import dev.mollify.cli.fit.OutputFolder;
import dev.mollify.cli.report.Json;
import dev.mollify.cli.report.SweepPlots;
import dev.mollify.cli.sweep.SweepSpec;
import dev.mollify.pde.fit.DataSidecar;
import dev.mollify.pde.fit.FitInputException;
import dev.mollify.tensor.kernels.Parallel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mollify sweep}: many fits from one file, several at once in one JVM, with a summary. */
@Command(
        name = "sweep",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        description = {
            "Run a set of fits described by a JSON file (fixed settings × lists of data, routes, δ, points, noise"
                    + " and seeds), several at once, and summarise their results.",
            ""
        },
        footer = {
            "",
            "Example sweep file (24 fits: 3 noise levels × 4 seeds × 2 routes):",
            "  {\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D:positive\"], \"data\": [\"heat.csv\"],",
            "   \"noise\": [0.01, 0.05, 0.1], \"seed\": [1, 2, 3, 4], \"route\": [\"mollifier\", \"autodiff\"],",
            "   \"fit\": {\"steps\": 300, \"lbfgs\": 50}}",
            "  mollify sweep --spec sweep.json --out runs/sweep",
            "",
            "Keys: pde, unknowns (as --unknown takes them), data (files, relative to the sweep file), route, delta,",
            "points, noise, seed (a value or a list; the fits are their cartesian product) and fit (any other option",
            "of mollify fit by its long name: {\"steps\": 300, \"hidden\": [16, 16], \"truth\": {\"D\": 0.1}}).",
            "",
            "Outputs in --out: fit-NNN-TAG/ (the report folder of mollify fit, plus its printout in log.txt),",
            "sweep.csv and sweep.json (one row per fit), sweep-NAME.png (each unknown against the numeric lists",
            "that vary, mean over seeds ± sd), sweep-spec.json (the sweep file, to check a re-run).",
            "Run the same command again to finish an interrupted sweep: finished fits are kept, interrupted ones",
            "resume from their checkpoint, the others start."
        })
public final class SweepCommand implements Callable<Integer> {
    @ParentCommand
    Mollify parent;

    @Option(names = "--spec", paramLabel = "FILE", required = true, description = "the sweep file (JSON)")
    Path specFile;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "mollify-out/sweep",
            description = "sweep folder (default mollify-out/sweep)")
    Path out;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "fits run at once (default: the number of cores); each gets cores/N kernel threads")
    Integer jobs;

    @Option(
            names = "--force",
            description =
                    "replace the fits of another sweep file in --out (by default a changed sweep file is refused)")
    boolean force;

    @Option(
            names = "--progress",
            defaultValue = "auto",
            description = "bar, lines (one per finished fit), none, or auto (bar on a terminal, lines otherwise)")
    String progress;

    /** The copy of the sweep file in the sweep folder. */
    public static final String SPEC_COPY = "sweep-spec.json";
    /** Each fit's printout, in its folder. */
    public static final String LOG = "log.txt";
    /** The most fits at once. */
    static final int MAX_JOBS = 1024;

    /** What one fit of this run ended with (null fields: not run now). */
    record Ran(int exitCode, String message) {}

    /** A command with the defaults of its options; picocli sets the options and the parent command. */
    public SweepCommand() {}

    /**
     * Runs the sweep: reads and checks the sweep file and every fit's options before anything is written,
     * copies the file to {@code OUT/sweep-spec.json}, then runs the fits not finished yet, {@code --jobs} at
     * once, each in {@code OUT/fit-NNN-TAG/} (a {@code mollify fit} report folder, its printout in
     * {@code log.txt}; an interrupted fit resumes from its checkpoint). Finally writes the summary, one row
     * per fit with its status (ok, diverged, failed, interrupted, not run), settings, recovered values, truth,
     * errors, time and memory, as {@code OUT/sweep.csv} and {@code OUT/sweep.json}, and prints it as a table.
     *
     * @return {@link ExitCode#OK} when every fit succeeded; {@link ExitCode#INTERRUPTED} when a fit was
     *     interrupted or not run (the same command finishes the sweep); otherwise the exit code of the first
     *     fit that did not succeed
     * @throws IOException not in practice: read and write failures arrive as a {@link CliException} with their
     *     exit code
     * @throws InterruptedException when waiting for the running fits to stop is interrupted
     * @throws CliException with {@link ExitCode#USAGE} for a bad option, sweep file or fit setting, or a
     *     folder holding another sweep (without {@code --force}) or a single fit; with {@link ExitCode#OUTPUT}
     *     when the folder or the summary cannot be written
     */
    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream o = parent.out;
        if (!List.of("bar", "lines", "none", "auto").contains(progress))
            throw CliException.usage("--progress must be bar, lines, none or auto, got '" + progress + "'");
        int cores = Runtime.getRuntime().availableProcessors();
        if (jobs != null && (jobs < 1 || jobs > MAX_JOBS))
            throw CliException.usage("--jobs must be 1 to " + MAX_JOBS + ", got " + jobs);
        SweepSpec spec = SweepSpec.read(specFile, fitOptionNames());
        List<SweepSpec.Fit> fits = spec.fits();
        List<FitSettings> settings = new ArrayList<>();
        for (SweepSpec.Fit f : fits)
            settings.add(parse(f, out.resolve(f.name())).settings());

        prepareFolder(spec);
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++)
            if (!finished(out.resolve(fits.get(i).name()))) todo.add(i);
        int running = Math.max(1, Math.min(jobs != null ? jobs : cores, todo.size()));
        int threadsPerFit = Math.max(1, cores / running);
        o.printf(
                Locale.ROOT,
                "sweep: %d fits in %s; %d finished already, %d to run, %d at once, %d kernel thread%s each%n",
                fits.size(),
                out,
                fits.size() - todo.size(),
                todo.size(),
                todo.isEmpty() ? 0 : running,
                threadsPerFit,
                threadsPerFit > 1 ? "s" : "");

        Map<Integer, Ran> ran = new java.util.concurrent.ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        SweepInterruption stop = SweepInterruption.install();
        boolean bar = progress.equals("bar") || (progress.equals("auto") && System.console() != null);
        boolean lines = progress.equals("lines") || (progress.equals("auto") && System.console() == null);
        me.tongfei.progressbar.ProgressBar pb = bar && !todo.isEmpty()
                ? new me.tongfei.progressbar.ProgressBarBuilder()
                        .setTaskName("sweep")
                        .setInitialMax(todo.size())
                        .setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII)
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(parent.err))
                        .build()
                : null;
        int fftThreads = org.visnow.jlargearrays.ConcurrencyUtils.getNumberOfThreads();
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(threadsPerFit);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(running, r -> {
            Thread t = new Thread(r, "mollify-sweep-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i : todo) {
                futures.add(pool.submit(() -> {
                    if (stop.requested()) return;
                    SweepSpec.Fit f = fits.get(i);
                    Ran r = Parallel.withThreads(threadsPerFit, () -> runOne(f, settings.get(i)));
                    ran.put(i, r);
                    int k = done.incrementAndGet();
                    if (pb != null) pb.step();
                    if (lines) o.println(progressLine(k, todo.size(), f, r));
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(fftThreads);
            if (pb != null) pb.close();
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        try {
            List<Map<String, Object>> rows = summary(spec, ran);
            writeSummary(rows);
            List<Path> plots = writePlots(rows);
            printTable(o, spec, rows);
            o.printf(
                    Locale.ROOT,
                    "%d fit%s run in %.1f s; summary: %s, %s%n",
                    ran.size(),
                    ran.size() == 1 ? "" : "s",
                    wall,
                    out.resolve("sweep.csv"),
                    out.resolve("sweep.json"));
            if (!plots.isEmpty())
                o.println("plots: "
                        + String.join(", ", plots.stream().map(Path::toString).toList()));
            int code = ExitCode.OK;
            for (Map<String, Object> row : rows) {
                String status = (String) row.get("status");
                if (status.equals("interrupted") || status.equals("not run")) code = ExitCode.INTERRUPTED;
                else if (code == ExitCode.OK && !status.equals("ok")) code = ((Number) row.get("exitCode")).intValue();
            }
            if (code == ExitCode.INTERRUPTED)
                parent.err.println("mollify: the sweep was interrupted; run the same command again to finish it");
            else if (code != ExitCode.OK)
                parent.err.println("mollify: some fits did not succeed; see the status column of "
                        + out.resolve("sweep.csv") + " and each fit's " + LOG);
            o.flush();
            return code;
        } finally {
            stop.finished();
        }
    }

    /** Runs (or resumes, or restarts) one fit in its folder, its printout going to its log. */
    private Ran runOne(SweepSpec.Fit f, FitSettings s) {
        Path dir = s.out();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        boolean resume = Files.exists(Checkpoint.file(dir.resolve(FitRun.CHECKPOINTS)))
                && Files.exists(dir.resolve(OutputFolder.ARGS));
        if (resume) {
            try {
                OutputFolder.checkSameData(dir, f.data());
            } catch (CliException changed) {
                log.println(changed.getMessage() + "; starting the fit again");
                resume = false;
            }
        }
        List<String> args = new ArrayList<>(f.args());
        args.addAll(List.of("--progress", "none", "--out", dir.toString()));
        Runnable claim = resume
                ? () -> {}
                : () -> {
                    OutputFolder.prepare(dir);
                    OutputFolder.claim(dir, true); // an unfinished earlier attempt: replaced
                    try {
                        OutputFolder.saveArgs(dir, args);
                        OutputFolder.saveDataHash(dir, f.data());
                    } catch (IOException e) {
                        throw new CliException(ExitCode.OUTPUT, "cannot write to " + dir + ": " + e.getMessage(), e);
                    }
                };
        Ran result;
        try {
            FitRun.Outcome outcome;
            try {
                outcome = FitRun.run(s, resume, FitRun.Progress.NONE, log, claim);
            } catch (CliException e) {
                if (!resume || e.exitCode() != ExitCode.USAGE) throw e;
                log.println("cannot resume (" + e.getMessage() + "); starting the fit again");
                OutputFolder.claim(dir, true);
                outcome = FitRun.run(s, false, FitRun.Progress.NONE, log, claim);
            }
            FitCommand.printResults(log, s, outcome);
            if (outcome.message() != null) log.println("mollify: " + outcome.message());
            outcome.release();
            result = new Ran(outcome.exitCode(), outcome.message());
        } catch (CliException e) {
            log.println("mollify: " + e.getMessage());
            result = new Ran(e.exitCode(), e.getMessage());
        } catch (FitInputException e) {
            CliException c = CliException.from(e);
            log.println("mollify: " + c.getMessage());
            result = new Ran(c.exitCode(), c.getMessage());
        } catch (IllegalStateException e) {
            if (!(e.getMessage() != null && e.getMessage().contains("Shutdown in progress"))) throw e;
            result = new Ran(ExitCode.INTERRUPTED, "interrupted before it started");
        } catch (OutOfMemoryError e) {
            result = new Ran(
                    ExitCode.FAILURE, "out of memory; run fewer fits at once (--jobs) or give Java more memory");
            log.println("mollify: " + result.message());
        } catch (RuntimeException e) {
            log.println("mollify: failed: " + e);
            result = new Ran(ExitCode.FAILURE, "failed: " + e);
        }
        log.flush();
        if (Files.isDirectory(dir) && buffer.size() > 0) {
            try {
                Files.write(
                        dir.resolve(LOG),
                        buffer.toByteArray(),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND); // a resumed fit adds to the log of its first part
            } catch (IOException e) {
                // the report holds the numbers; a log that cannot be written is not worth failing the fit
            }
        }
        return result;
    }

    /** The fit command these arguments describe, checked as {@code mollify fit} checks them. */
    private FitCommand parse(SweepSpec.Fit f, Path dir) {
        FitCommand fc = new FitCommand();
        fc.parent = parent;
        List<String> args = new ArrayList<>(f.args());
        args.addAll(List.of("--progress", "none", "--out", dir.toString()));
        String where = specFile + " (" + f.name() + ")";
        try {
            new CommandLine(fc).parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw CliException.usage(where + ": " + e.getMessage());
        }
        try {
            FitSettings s = fc.settings();
            // the setup checks the route; a sweep checks it before any fit starts
            if (!List.of("mollifier", "autodiff", "fd").contains(s.options().route()))
                throw CliException.usage("--route must be mollifier, autodiff or fd, got '"
                        + s.options().route() + "'");
        } catch (CliException e) {
            throw new CliException(e.exitCode(), where + ": " + e.getMessage(), e);
        } catch (FitInputException e) {
            CliException c = CliException.from(e);
            throw new CliException(c.exitCode(), where + ": " + c.getMessage(), e);
        }
        return fc;
    }

    /** The long option names of {@code mollify fit}, without dashes. */
    static Set<String> fitOptionNames() {
        Set<String> names = new LinkedHashSet<>();
        for (var opt : new CommandLine(new FitCommand()).getCommandSpec().options())
            names.add(opt.longestName().replaceFirst("^--", ""));
        return names;
    }

    /** A fit whose report says it ended (not interrupted): a re-run keeps it. */
    static boolean finished(Path dir) {
        Path report = dir.resolve("report.json");
        if (!Files.exists(report)) return false;
        try {
            Object r = DataSidecar.parseJson(Files.readString(report, StandardCharsets.UTF_8));
            return r instanceof Map<?, ?> m
                    && m.get("stopReason") instanceof String reason
                    && !reason.equals(Interruption.REASON);
        } catch (IOException | IllegalArgumentException e) {
            return false; // unreadable: run it again
        }
    }

    /** Creates the sweep folder, or checks that it holds this sweep (or replaces another with --force). */
    private void prepareFolder(SweepSpec spec) {
        if (Files.exists(out) && !Files.isDirectory(out))
            throw new CliException(ExitCode.OUTPUT, "output folder " + out + " is a file; choose another --out");
        if (Files.exists(out.resolve("report.json")) || Files.exists(out.resolve(FitRun.CHECKPOINTS)))
            throw CliException.usage("the output folder " + out + " holds a fit, not a sweep; choose another --out");
        Path copy = out.resolve(SPEC_COPY);
        if (Files.exists(copy)) {
            Object before;
            try {
                before = DataSidecar.parseJson(Files.readString(copy, StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                before = null;
            }
            if (!spec.parsed().equals(before)) {
                if (!force)
                    throw CliException.usage("the sweep folder " + out + " holds the fits of another sweep file ("
                            + copy + " differs from " + specFile
                            + "); choose another --out, or replace them with --force");
                OutputFolder.prepare(out);
                try (var list = Files.list(out)) {
                    for (Path p : list.toList()) {
                        String n = p.getFileName().toString();
                        if (n.startsWith("fit-") && Files.isDirectory(p)) deleteTree(p);
                        else if (n.equals("sweep.csv")
                                || n.equals("sweep.json")
                                || (n.startsWith("sweep-") && n.endsWith(".png"))) Files.delete(p);
                    }
                } catch (IOException e) {
                    throw new CliException(
                            ExitCode.OUTPUT, "cannot empty " + out + " for --force: " + e.getMessage(), e);
                }
                parent.out.println("--force: the fits of the earlier sweep in " + out + " were removed");
            }
        }
        OutputFolder.prepare(out);
        try {
            AtomicFile.writeString(copy, spec.text());
        } catch (IOException e) {
            throw new CliException(ExitCode.OUTPUT, "cannot write " + copy + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** One row per fit, read back from its report (so fits finished by an earlier run are included). */
    private List<Map<String, Object>> summary(SweepSpec spec, Map<Integer, Ran> ran) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < spec.fits().size(); i++) {
            SweepSpec.Fit f = spec.fits().get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fit", f.name());
            row.putAll(f.values());
            Map<?, ?> report = null;
            try {
                Path file = out.resolve(f.name()).resolve("report.json");
                if (Files.exists(file)
                        && DataSidecar.parseJson(Files.readString(file, StandardCharsets.UTF_8)) instanceof Map<?, ?> m)
                    report = m;
            } catch (IOException | IllegalArgumentException e) {
                report = null;
            }
            Ran r = ran.get(i);
            String reason = report == null ? null : (String) report.get("stopReason");
            String status;
            int exit;
            if (r != null && r.exitCode() != ExitCode.OK) {
                exit = r.exitCode();
                status = exit == ExitCode.INTERRUPTED || exit == ExitCode.TERMINATED
                        ? "interrupted"
                        : DivergenceGuard.stopped(reason) ? "diverged" : "failed";
            } else if (reason == null) {
                exit = ExitCode.INTERRUPTED;
                status = "not run";
            } else if (reason.equals(Interruption.REASON)) {
                exit = ExitCode.INTERRUPTED;
                status = "interrupted";
            } else if (reason.startsWith("divergence") || reason.startsWith("exploding loss")) {
                exit = ExitCode.FAILURE;
                status = "diverged";
            } else {
                exit = ExitCode.OK;
                status = "ok";
            }
            row.put("status", status);
            row.put("exitCode", exit);
            Map<String, Object> unknowns = new LinkedHashMap<>();
            if (report != null && report.get("unknowns") instanceof Map<?, ?> us) {
                us.forEach((name, v) -> {
                    Map<?, ?> u = (Map<?, ?>) v;
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("value", u.get("value"));
                    x.put("truth", u.get("truth"));
                    x.put("relativeError", u.get("relativeError"));
                    unknowns.put((String) name, x);
                });
            }
            if (report != null
                    && report.get("ensemble") instanceof Map<?, ?> ens
                    && ens.get("unknowns") instanceof Map<?, ?> eus) {
                eus.forEach((name, v) -> {
                    if (!(v instanceof Map<?, ?> e) || !(unknowns.get(name) instanceof Map<?, ?> u)) return;
                    @SuppressWarnings("unchecked")
                    Map<String, Object> x = (Map<String, Object>) u;
                    Map<String, Object> spread = new LinkedHashMap<>();
                    for (String k : ENSEMBLE_FIELDS) spread.put(k, e.get(k));
                    spread.put("members", ens.get("members"));
                    spread.put("level", ens.get("level"));
                    x.put("ensemble", spread);
                });
            }
            row.put("unknowns", unknowns);
            row.put("seconds", report == null ? null : report.get("seconds"));
            row.put("peakBytes", report == null ? null : report.get("peakBytes"));
            row.put("stopReason", reason);
            row.put("warnings", report != null && report.get("warnings") instanceof List<?> w ? w.size() : null);
            row.put("message", r != null ? r.message() : null);
            rows.add(row);
        }
        return rows;
    }

    /** The summary plots ({@link SweepPlots}): one PNG per unknown with a numeric setting that varies. */
    private List<Path> writePlots(List<Map<String, Object>> rows) {
        try {
            return SweepPlots.write(out, rows, dimensions(rows), unknownNames(rows));
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.OUTPUT, "cannot write the summary plots to " + out + ": " + e.getMessage(), e);
        }
    }

    private void writeSummary(List<Map<String, Object>> rows) {
        List<String> names = unknownNames(rows);
        List<String> dims = dimensions(rows);
        List<String> header = new ArrayList<>(List.of("fit", "status"));
        header.addAll(dims);
        boolean ensembles = rows.stream().anyMatch(SweepCommand::hasEnsemble);
        for (String n : names) {
            header.addAll(List.of(n, n + "_truth", n + "_relative_error"));
            if (ensembles) for (String k : ENSEMBLE_FIELDS) header.add(n + "_ensemble_" + k);
        }
        header.addAll(List.of("seconds", "peak_bytes", "stop_reason", "warnings", "message"));
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (Map<String, Object> row : rows) {
            List<Object> cells = new ArrayList<>(List.of(row.get("fit"), row.get("status")));
            for (String d : dims) cells.add(row.get(d));
            Map<?, ?> us = (Map<?, ?>) row.get("unknowns");
            for (String n : names) {
                Map<?, ?> u = us.get(n) instanceof Map<?, ?> m ? m : Map.of();
                cells.add(u.get("value"));
                cells.add(u.get("truth"));
                cells.add(u.get("relativeError"));
                if (ensembles) {
                    Map<?, ?> e = u.get("ensemble") instanceof Map<?, ?> m ? m : Map.of();
                    for (String k : ENSEMBLE_FIELDS) cells.add(e.get(k));
                }
            }
            cells.addAll(java.util.Arrays.asList(
                    row.get("seconds"),
                    row.get("peakBytes"),
                    row.get("stopReason"),
                    row.get("warnings"),
                    row.get("message")));
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cells.size(); c++) {
                if (c > 0) line.append(',');
                line.append(csvCell(cells.get(c)));
            }
            csv.append(line).append('\n');
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("spec", SPEC_COPY);
        json.put("fits", rows);
        try {
            AtomicFile.writeString(out.resolve("sweep.csv"), csv.toString());
            AtomicFile.writeString(out.resolve("sweep.json"), Json.write(json));
        } catch (IOException e) {
            throw new CliException(ExitCode.OUTPUT, "cannot write the summary to " + out + ": " + e.getMessage(), e);
        }
    }

    /** The ensemble's numbers per unknown in the summary: mean, standard deviation, interval, and whether it covers the truth. */
    static final List<String> ENSEMBLE_FIELDS = List.of("mean", "sd", "lo", "hi", "covers");

    private static boolean hasEnsemble(Map<String, Object> row) {
        return ((Map<?, ?>) row.get("unknowns"))
                .values().stream().anyMatch(u -> u instanceof Map<?, ?> m && m.get("ensemble") != null);
    }

    private static String csvCell(Object v) {
        if (v == null) return "";
        String s = v instanceof Double d ? (Double.isFinite(d) ? Double.toString(d) : "") : String.valueOf(v);
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) s = Long.toString((long) (double) d);
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) return '"' + s.replace("\"", "\"\"") + '"';
        return s;
    }

    private static List<String> unknownNames(List<Map<String, Object>> rows) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> row : rows)
            for (Object n : ((Map<?, ?>) row.get("unknowns")).keySet()) names.add((String) n);
        return new ArrayList<>(names);
    }

    private static List<String> dimensions(List<Map<String, Object>> rows) {
        List<String> dims = new ArrayList<>();
        for (String d : SweepSpec.DIMENSIONS) if (!rows.isEmpty() && rows.get(0).containsKey(d)) dims.add(d);
        return dims;
    }

    private void printTable(PrintStream o, SweepSpec spec, List<Map<String, Object>> rows) {
        List<String> names = unknownNames(rows);
        List<String> dims = new ArrayList<>();
        for (String d : dimensions(rows)) {
            if (rows.stream().map(r -> r.get(d)).distinct().count() > 1) dims.add(d);
        }
        int fitWidth = Math.max(
                3,
                rows.stream()
                        .mapToInt(r -> ((String) r.get("fit")).length())
                        .max()
                        .orElse(3));
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%n%-" + fitWidth + "s", "fit"));
        for (String d : dims) h.append(String.format(Locale.ROOT, " %10s", d));
        for (String n : names) h.append(String.format(Locale.ROOT, " %12s %9s", n, "error"));
        h.append(String.format(Locale.ROOT, " %8s  %s", "seconds", "status"));
        o.println(h);
        for (Map<String, Object> row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + fitWidth + "s", row.get("fit")));
            for (String d : dims) line.append(String.format(Locale.ROOT, " %10s", abbreviate(row.get(d), 10)));
            Map<?, ?> us = (Map<?, ?>) row.get("unknowns");
            for (String n : names) {
                Map<?, ?> u = us.get(n) instanceof Map<?, ?> m ? m : Map.of();
                line.append(String.format(
                        Locale.ROOT,
                        " %12s %9s",
                        u.get("value") instanceof Double v ? String.format(Locale.ROOT, "%.6g", v) : "-",
                        u.get("relativeError") instanceof Double e
                                ? String.format(Locale.ROOT, "%.2f %%", 100 * e)
                                : "-"));
            }
            line.append(String.format(
                    Locale.ROOT,
                    " %8s  %s",
                    row.get("seconds") instanceof Double s ? String.format(Locale.ROOT, "%.1f", s) : "-",
                    row.get("status")));
            for (String n : names) {
                Map<?, ?> u = us.get(n) instanceof Map<?, ?> m ? m : Map.of();
                if (u.get("ensemble") instanceof Map<?, ?> e && e.get("mean") instanceof Double mean)
                    line.append(String.format(
                            Locale.ROOT,
                            "  %s ensemble %.6g ± %.2g [%.6g, %.6g]",
                            n,
                            mean,
                            e.get("sd") instanceof Double sd ? sd : Double.NaN,
                            e.get("lo") instanceof Double lo ? lo : Double.NaN,
                            e.get("hi") instanceof Double hi ? hi : Double.NaN));
            }
            o.println(line);
        }
    }

    private static String abbreviate(Object v, int width) {
        String s = String.valueOf(v);
        if (s.contains("/")) s = s.substring(s.lastIndexOf('/') + 1);
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static String progressLine(int k, int total, SweepSpec.Fit f, Ran r) {
        return String.format(
                Locale.ROOT,
                "[%d/%d] %s: %s",
                k,
                total,
                f.name(),
                r.exitCode() == ExitCode.OK
                        ? "done"
                        : "exit " + r.exitCode() + (r.message() == null ? "" : " — " + r.message()));
    }

    /**
     * Ctrl-C / SIGTERM during a sweep: no further fit starts (each running fit stops at its next step
     * through its own {@link Interruption}, writing its checkpoint and report), and the JVM waits until
     * the summary is written.
     */
    static final class SweepInterruption {
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile boolean requested;
        private final Thread hook = new Thread(
                () -> {
                    requested = true;
                    try {
                        finished.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "mollify-sweep-interrupt");

        static SweepInterruption install() {
            SweepInterruption i = new SweepInterruption();
            Runtime.getRuntime().addShutdownHook(i.hook);
            return i;
        }

        boolean requested() {
            return requested;
        }

        void finished() {
            finished.countDown();
            if (!requested) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the latch lets it through
                }
            }
        }
    }
}
