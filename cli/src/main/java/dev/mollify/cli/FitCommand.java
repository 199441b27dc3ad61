package dev.mollify.cli;

import dev.mollify.cli.fit.FitRun;
import dev.mollify.cli.fit.FitSettings;
import dev.mollify.cli.fit.OutputFolder;
import dev.mollify.cli.report.FarthestMeasurements;
import dev.mollify.cli.report.FitReport;
import dev.mollify.pde.fit.CoefficientProfile;
import dev.mollify.pde.fit.DataFit;
import dev.mollify.pde.fit.FitInputException;
import dev.mollify.pde.fit.TimeBudget;
import dev.mollify.pde.fit.UnknownSetting;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mollify fit}: the general inverse solver. */
@Command(
        name = "fit",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        description = {"Fit a PDE with unknown coefficients to measured data and report the recovered values.", ""},
        footer = {
            "",
            "Examples:",
            "  mollify fit --data heat.csv --pde \"u_t = D*u_xx\" --unknown D=0.05:positive",
            "  mollify fit --data burgers.csv --pde \"u_t + a*u*u_x - b*u_xx = 0\" --unknown a=0 --unknown b=0.01:positive \\",
            "              --noise 0.01 --points 2000 --route mollifier --delta auto --out runs/burgers",
            "  mollify fit --data heat2d.csv --pde \"0 = k(x,y)*lap(u) + m(x,y)\"    # m: a data column (known); k: unknown field",
            "  mollify fit --resume runs/burgers           # continue an interrupted run (same result as uninterrupted)",
            "",
            "Data: CSV with a header (x,t,u / x,y,u / x,y,t,u, several fields), .npz, or .npy with --columns.",
            "The CSV's cells are separated by commas, semicolons (decimal commas allowed), tabs or spaces; a unit",
            "in brackets after a name is a label (x (mm) is x). Empty CSV cells are missing values.",
            "Coordinates are the one-letter columns the PDE uses (rename others with --columns); the reader",
            "finds the grid (full, with missing nodes) or treats the rows as scattered points, and says which.",
            "Names written f(x,t) are fields: a data column of that name is a known field, otherwise an unknown",
            "field learnt by the network (a column NAME_true, when present, is used to score it).",
            "",
            "Outputs in --out: report.json, report.md, loss.png, unknowns.png, data/fitted/residual plots,",
            "fields.csv, model.safetensors, checkpoints/."
        })
public final class FitCommand implements Callable<Integer> {
    @ParentCommand
    Mollify parent;

    @Option(names = "--data", paramLabel = "FILE", description = "measurements: .csv, .npz or .npy")
    Path data;

    @Option(
            names = "--columns",
            paramLabel = "x,t,u",
            split = ",",
            description =
                    "column names of a plain .npy table, or new names for a CSV's columns in the file's order (--columns t,x,u reads a time,x,u file)")
    List<String> columns = new ArrayList<>();

    @Option(names = "--pde", paramLabel = "TEXT", description = "the equation, e.g. \"u_t + a*u*u_x - b*u_xx = 0\"")
    String pde;

    @Option(
            names = "--unknown",
            paramLabel = "NAME[=GUESS][:positive]",
            description =
                    "an unknown coefficient (repeat for each); the start comes from the data, the guess is used where they cannot give one")
    List<String> unknowns = new ArrayList<>();

    @Option(
            names = "--truth",
            paramLabel = "NAME=VALUE",
            description =
                    "the true value, when known, for the report's error (also read from the \"truth\" of DATA.json beside the data, as generate writes it, or from '# truth.NAME = v' lines of a CSV)")
    List<String> truth = new ArrayList<>();

    @Option(names = "--route", defaultValue = "mollifier", description = "mollifier (default), autodiff or fd")
    String route;

    @Option(
            names = "--delta",
            defaultValue = "auto",
            description =
                    "mollifier width: auto (chosen from the data: the width of a ladder of 2–14 %% of each axis across which the starting values change least; report.json deltaScan, delta.png), learn (one width, trained), a number in coordinate units, or one per axis, e.g. t=0.05,x=0.12 (axes not named get 4 spacings or 5 %% of the axis, whichever is wider, at most a quarter of it)")
    String delta;

    @Option(
            names = "--kernels",
            defaultValue = "auto",
            description =
                    "mollifier derivative kernels: auto (analytic when δ spans 5+ spacings on every axis and the equation has a flux term such as u*u_x, else differences; the default), differences (sixth-order central differences of the sampled bump; what auto takes where it takes differences), differences2 (three-point central differences) or analytic (exact derivatives with moment corrections; not with --delta learn)")
    String kernels;

    @Option(
            names = "--noise",
            defaultValue = "0",
            description = "add Gaussian noise of σ = r·std(u) to the data (seeded); default 0")
    double noise;

    @Option(
            names = "--points",
            defaultValue = "0",
            description = "keep n measured points drawn at random (seeded); default all")
    int points;

    @Option(
            names = "--steps",
            defaultValue = "20000",
            description = "most Adam steps (default 20000; Adam ends sooner when the unknowns settle, see --tolerance)")
    int steps;

    @Option(
            names = "--tolerance",
            defaultValue = "1e-3",
            description =
                    "Adam, then L-BFGS, ends once every unknown changed by less than this, relatively, over 200 steps (default 1e-3; 0 runs every --steps and --lbfgs)")
    double tolerance;

    @Option(
            names = "--loss-tolerance",
            description =
                    "with --tolerance above 0, L-BFGS ends only once the loss, too, changed by at most this, relatively, over those 200 iterations (default "
                            + DataFit.DEFAULT_LOSS_TOLERANCE
                            + "; 0: the unknowns alone decide)")
    double lossTolerance = DataFit.DEFAULT_LOSS_TOLERANCE;

    @Option(
            names = "--time",
            paramLabel = "SECONDS",
            description = "wall-clock budget of the fit: Adam ends at 70 %% of it, L-BFGS at the budget (default "
                    + (int) TimeBudget.PLANE
                    + ", or "
                    + (int) TimeBudget.SPACE_TIME
                    + " for an equation in three coordinates such as x, y and t; 0 for none). Where the budget ends a"
                    + " phase, the result depends on the machine's speed; with 0 the same arguments give the same bits")
    Double time;

    @Option(
            names = "--profile",
            paramLabel = "ITERATIONS",
            defaultValue = "300",
            description =
                    "after the fit, each coefficient's standard error from the profile of the loss: it is moved by 5 %% and"
                            + " the rest refitted until the standard errors settle, by at most this many L-BFGS iterations"
                            + " and a fifth of the --time budget (default 300; 0: none)")
    int profile;

    @Option(
            names = "--lbfgs",
            defaultValue = "20000",
            description =
                    "most L-BFGS iterations after Adam (default 20000; it ends sooner when the unknowns settle, see --tolerance, the loss stops changing or the --time budget is spent; 0 to skip)")
    int lbfgs;

    @Option(names = "--lr", defaultValue = "5e-3", description = "Adam learning rate (default 5e-3)")
    double lr;

    @Option(
            names = "--hidden",
            split = ",",
            description =
                    "hidden layer widths (default 32,32, or 64,64,64 when the network fitted to the data alone draws a"
                            + " front sharper than the collocation grid, or misses data that do not fill a grid by far"
                            + " more than their noise)")
    int[] hidden;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of the noise, the point draw and the network (default 1)")
    long seed;

    @Option(
            names = "--ensemble",
            paramLabel = "N",
            description =
                    "after the fit, refit the data N times (N ≥ 2), member k with seed + k and half of the data drawn without replacement (half the rows, or half the nodes of a grid), and report each coefficient's mean ± sd and 95 %% Student-t interval (mean ± t·sd·sqrt(1 + 1/N))")
    Integer ensemble;

    @Option(
            names = "--checkpoint-every",
            defaultValue = "100",
            description = "checkpoint every N Adam steps (default 100)")
    int checkpointEvery;

    @Option(
            names = "--grid-size",
            description =
                    "collocation nodes per axis for scattered data (default: the grid the points are nodes of, thinned to 65,536 nodes in all, where it has more than 64 lines along an axis; else 64)")
    Integer gridSize;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "mollify-out/fit",
            description = "report folder (default mollify-out/fit)")
    Path out;

    @Option(
            names = "--force",
            description = "replace an earlier fit in --out (by default a folder holding one is refused)")
    boolean force;

    @Option(
            names = "--resume",
            paramLabel = "DIR",
            description = "continue the fit whose --out was DIR, from its last checkpoint")
    Path resume;

    @Option(
            names = "--progress",
            defaultValue = "auto",
            description = "bar, lines, none or auto (bar on a terminal, lines otherwise)")
    String progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The most Adam steps or L-BFGS iterations one fit may ask for. */
    static final int MAX_STEPS = 10_000_000;
    /** The most members of an {@code --ensemble}. */
    static final int MAX_MEMBERS = 1000;
    /** The most hidden layers. */
    static final int MAX_LAYERS = 32;
    /**
     * The widest hidden layer: far beyond what a fit of a few coefficients needs (16 to 64 units); wider,
     * every step costs seconds or minutes on data that fit in memory.
     */
    static final int MAX_WIDTH = 4096;

    /** A command with the defaults of its options; picocli sets the options and the parent command. */
    public FitCommand() {}

    /**
     * Runs the fit (or, with {@code --resume DIR}, continues it with the arguments saved in
     * {@code DIR/fit-args.txt}, on data whose SHA-256 matches {@code DIR/data.sha256}). Every option is checked
     * before the output folder is touched, and the folder is claimed only once the data and settings have
     * passed the setup. The output folder then holds {@code fit-args.txt}, {@code data.sha256},
     * {@code checkpoints/}, and at the end {@code report.json}, {@code report.md}, the plots, {@code fields.csv}
     * and {@code model.safetensors}; the recovered values, the ensemble's spread and the warnings are printed.
     *
     * @return {@link ExitCode#OK}; {@link ExitCode#FAILURE} when the run diverged (the report of what it reached
     *     is written); {@link ExitCode#INTERRUPTED} when an interrupt stopped it after a last checkpoint
     *     (resumable; on SIGTERM the JVM itself then exits with {@link ExitCode#TERMINATED})
     * @throws IOException not in practice: read and write failures of the run arrive as a {@link CliException}
     *     with their exit code
     * @throws CliException with {@link ExitCode#USAGE} for a bad option, equation, setting or resume folder;
     *     with {@link ExitCode#BAD_DATA} for unusable data or data changed since the fit started; with
     *     {@link ExitCode#OUTPUT} when the output folder cannot be written
     */
    @Override
    public Integer call() throws IOException {
        PrintStream out = parent.out;
        FitCommand run = this;
        if (resume != null) {
            List<String> extra = new ArrayList<>();
            for (var o : spec.commandLine().getParseResult().matchedOptions()) {
                if (!List.of("--resume", "--progress").contains(o.longestName())) extra.add(o.longestName());
            }
            if (!extra.isEmpty()) {
                throw CliException.usage("--resume continues with the settings saved in "
                        + resume.resolve(OutputFolder.ARGS) + "; it takes no " + String.join(", ", extra)
                        + " (only --progress). To change a setting, start a new fit with another --out");
            }
            List<String> saved = OutputFolder.loadArgs(resume);
            OutputFolder.checkUnfinished(resume);
            run = new FitCommand();
            run.parent = parent;
            new CommandLine(run).parseArgs(saved.toArray(new String[0]));
            run.progress = progress;
            run.out = resume;
        }
        FitSettings s = run.settings(); // every option checked before the folder is touched
        FitRun.Progress mode = run.progressMode();
        if (resume != null) OutputFolder.checkSameData(resume, run.data);
        Runnable claim = () -> {};
        if (resume == null) {
            OutputFolder.check(
                    this.out, force); // writable, and no earlier fit unless --force: said before the setup's work
            List<String> args =
                    new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
            if (!args.isEmpty() && args.get(0).equals(spec.name())) args.remove(0);
            args.remove("--force");
            claim = () -> { // once the data and settings passed the setup's checks
                OutputFolder.prepare(this.out);
                if (OutputFolder.claim(this.out, force))
                    out.println("--force: the earlier fit in " + this.out + " was removed");
                try {
                    OutputFolder.saveArgs(this.out, args);
                } catch (IOException e) {
                    throw new CliException(
                            ExitCode.OUTPUT,
                            "cannot write " + this.out.resolve(OutputFolder.ARGS) + ": " + e.getMessage(),
                            e);
                }
                try {
                    OutputFolder.saveDataHash(this.out, data);
                } catch (IOException e) {
                    throw new CliException(
                            ExitCode.OUTPUT,
                            "cannot write " + this.out.resolve(OutputFolder.DATA_HASH) + ": " + e.getMessage(),
                            e);
                }
            };
        }
        FitRun.Outcome o = FitRun.run(s, resume != null, mode, out, claim);
        printResults(out, s, o);
        if (o.message() != null) parent.err.println("mollify: " + o.message());
        out.flush();
        parent.err.flush();
        o.release();
        return o.exitCode();
    }

    FitSettings settings() {
        if (data == null) throw CliException.usage("fit needs --data FILE (or --resume DIR)");
        if (pde == null || pde.isBlank())
            throw CliException.usage("fit needs --pde \"…\", e.g. --pde \"u_t = D*u_xx\"");
        checkSize(pde);
        DataFit.Builder fit = DataFit.builder().data(data).columns(columns).pde(pde);
        Set<String> names = new LinkedHashSet<>();
        for (String u : unknowns) {
            UnknownSetting parsed;
            try {
                parsed = UnknownSetting.parse(u);
            } catch (FitInputException e) {
                throw CliException.from(e);
            }
            String name = parsed.name();
            if (names.contains(name))
                throw CliException.usage("--unknown " + name + " is given twice; give each unknown once");
            fit.unknown(name, parsed.guess());
            if (parsed.positive()) fit.positive(name);
            names.add(name);
        }
        for (String u : truth) {
            String[] kv = u.split("=", 2);
            if (kv.length != 2) throw CliException.usage("--truth " + u + ": write NAME=VALUE");
            if (!names.contains(kv[0].strip()))
                throw CliException.usage("--truth " + kv[0] + ": no --unknown of that name " + names);
            fit.truth(kv[0].strip(), number("--truth " + kv[0], kv[1]));
        }
        if (steps < 0 || lbfgs < 0 || steps + lbfgs == 0)
            throw CliException.usage("--steps and --lbfgs must be ≥ 0 and not both 0");
        if (steps > MAX_STEPS)
            throw CliException.usage("--steps " + steps + " is more than the most, " + MAX_STEPS
                    + "; Adam ends sooner anyway (--tolerance, --time)");
        if (lbfgs > MAX_STEPS)
            throw CliException.usage("--lbfgs " + lbfgs + " is more than the most, " + MAX_STEPS
                    + "; L-BFGS ends sooner anyway (--time)");
        if (!(lr > 0)) throw CliException.usage("--lr must be positive, got " + lr);
        if (!(tolerance >= 0) || !Double.isFinite(tolerance))
            throw CliException.usage("--tolerance must be ≥ 0 (0 runs every step), got " + tolerance);
        if (!(lossTolerance >= 0) || !Double.isFinite(lossTolerance))
            throw CliException.usage(
                    "--loss-tolerance must be ≥ 0 (0: the unknowns alone end L-BFGS), got " + lossTolerance);
        if (time != null && (!(time >= 0) || !Double.isFinite(time)))
            throw CliException.usage("--time must be ≥ 0 seconds (0 for no budget), got " + time);
        if (profile < 0 || profile > MAX_STEPS)
            throw CliException.usage("--profile must be 0 (no standard errors) to " + MAX_STEPS + ", got " + profile);
        if (checkpointEvery < 1) throw CliException.usage("--checkpoint-every must be ≥ 1");
        if (ensemble != null && (ensemble < 2 || ensemble > MAX_MEMBERS))
            throw CliException.usage("--ensemble " + ensemble + ": an ensemble needs 2 to " + MAX_MEMBERS
                    + " members (a spread needs at least two fits), e.g. --ensemble 10");
        if (gridSize != null && gridSize < 8) throw CliException.usage("--grid-size must be ≥ 8, got " + gridSize);
        if (hidden == null) hidden = new int[0]; // chosen from the data (NetworkSize)
        if (hidden.length > MAX_LAYERS)
            throw CliException.usage(
                    "--hidden gives " + hidden.length + " layers; at most " + MAX_LAYERS + ", e.g. --hidden 32,32");
        for (int h : hidden) {
            if (h < 1) throw CliException.usage("--hidden widths must be ≥ 1, got " + h);
            if (h > MAX_WIDTH)
                throw CliException.usage(String.format(
                        Locale.ROOT,
                        "--hidden %s has a layer %,d wide; at most %,d (every step would take very long), and"
                                + " 16 to 64 units per layer fit most data, e.g. --hidden 32,32",
                        joined(hidden),
                        h,
                        MAX_WIDTH));
        }
        fit.route(route)
                .delta(delta)
                .kernels(kernels)
                .noise(noise)
                .points(points)
                .hidden(hidden)
                .adamSteps(steps)
                .lbfgsIterations(lbfgs)
                .lr(lr)
                .seed(seed)
                .gridSize(gridSize == null ? 0 : gridSize)
                .tolerance(tolerance)
                .lossTolerance(lossTolerance)
                .timeBudget(time == null ? Double.NaN : time)
                .profileIterations(profile);
        return new FitSettings(fit.options(), checkpointEvery, out, ensemble == null ? 0 : ensemble);
    }

    private static String joined(int[] widths) {
        return String.join(
                ",", java.util.Arrays.stream(widths).mapToObj(Integer::toString).toList());
    }

    /** The most nested parentheses and operators of a {@code --pde}: far beyond any equation, well within the parser's stack. */
    static final int MAX_DEPTH = 100, MAX_OPERATORS = 2000;

    /** Refuses an equation so deep or long that parsing and differentiating it would exhaust the stack. */
    static void checkSize(String text) {
        int depth = 0, deepest = 0, operators = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') deepest = Math.max(deepest, ++depth);
            else if (c == ')') depth--;
            else if ("+-*/^".indexOf(c) >= 0) operators++;
        }
        if (deepest > MAX_DEPTH)
            throw CliException.usage(
                    "--pde nests parentheses " + deepest + " deep; at most " + MAX_DEPTH + ": simplify the equation");
        if (operators > MAX_OPERATORS)
            throw CliException.usage("--pde has " + operators + " operators; at most " + MAX_OPERATORS
                    + ": collect like terms (e.g. 3*D*u_xx for D*u_xx + D*u_xx + D*u_xx)");
    }

    FitRun.Progress progressMode() {
        return switch (progress) {
            case "bar" -> FitRun.Progress.BAR;
            case "lines" -> FitRun.Progress.LINES;
            case "none" -> FitRun.Progress.NONE;
            case "auto" -> System.console() != null ? FitRun.Progress.BAR : FitRun.Progress.LINES;
            default -> throw CliException.usage("--progress must be bar, lines, none or auto, got '" + progress + "'");
        };
    }

    static double number(String what, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw CliException.usage(what + ": '" + text + "' is not a finite number");
        }
    }

    /** Each coefficient's ensemble mean ± sd and interval, and whether it covers the truth when known. */
    static void printEnsemble(PrintStream out, FitRun.Outcome o) {
        var e = o.ensemble();
        out.printf(
                Locale.ROOT,
                "ensemble of %d (%s), %s Student-t interval:%n",
                e.members(),
                e.resample().describe(),
                new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", 100 * e.level()))
                                .stripTrailingZeros()
                                .toPlainString()
                        + " %");
        e.coefficients().forEach((name, c) -> {
            Double t = o.built().truth().get(name);
            out.printf(
                    Locale.ROOT,
                    "%-10s %.6g ± %.3g   [%.6g, %.6g]%s%n",
                    name,
                    c.mean(),
                    c.sd(),
                    c.lo(),
                    c.hi(),
                    t == null ? "" : c.lo() <= t && t <= c.hi() ? "   covers the truth" : "   misses the truth");
        });
    }

    /** One line: each coefficient's standard error from the profile of the loss, relative to its value. */
    static void printProfile(PrintStream out, FitRun.Outcome o) {
        List<String> parts = new ArrayList<>();
        CoefficientProfile p = o.profile();
        Map<String, Double> relative = p.relative();
        p.standardError().forEach((name, se) -> {
            double rel = relative.get(name);
            parts.add(
                    Double.isFinite(rel)
                            ? String.format(Locale.ROOT, "%s ± %.2g %%", name, 100 * rel)
                            : Double.isFinite(se)
                                    ? String.format(Locale.ROOT, "%s ± %.3g", name, se)
                                    : name + " ± ? (the loss did not rise)");
        });
        out.printf(
                Locale.ROOT,
                "standard error (the noise's share, from the profile of the loss, %d iterations%s, %.1f s): %s%n",
                p.iterations(),
                p.settled() ? "" : ", not settled",
                p.seconds(),
                String.join(", ", parts));
    }

    static void printResults(PrintStream out, FitSettings s, FitRun.Outcome o) {
        var r = o.result();
        out.println();
        out.printf(Locale.ROOT, "%-10s %12s %12s %12s %10s%n", "unknown", "start", "recovered", "truth", "error");
        for (Map.Entry<String, Double> e : s.options().unknowns().entrySet()) {
            double v = r.unknowns().get(e.getKey());
            Double t = o.built().truth().get(e.getKey());
            out.printf(
                    Locale.ROOT,
                    "%-10s %12.6g %12.6g %12s %10s%n",
                    e.getKey(),
                    o.built().start().get(e.getKey()),
                    v,
                    t == null ? "-" : String.format(Locale.ROOT, "%.6g", t),
                    t == null ? "-" : String.format(Locale.ROOT, "%.3f %%", 100 * Math.abs(v - t) / Math.abs(t)));
        }
        if (o.profile() != null) printProfile(out, o);
        if (o.report().get("unknownFields") instanceof Map<?, ?> fields) {
            fields.forEach((name, v) -> {
                Map<?, ?> m = (Map<?, ?>) v;
                out.printf(
                        Locale.ROOT,
                        "%-10s field: mean %.4g, range [%.4g, %.4g]%s%n",
                        name,
                        (Double) m.get("mean"),
                        (Double) m.get("min"),
                        (Double) m.get("max"),
                        m.containsKey("correlation")
                                ? String.format(
                                        Locale.ROOT, ", correlation with %s %.4f", m.get("truthColumn"), (Double)
                                                m.get("correlation"))
                                : "");
            });
        }
        if (o.report().get("unmeasuredFields") instanceof Map<?, ?> unmeasured) {
            unmeasured.forEach((name, v) -> {
                Map<?, ?> m = (Map<?, ?>) v;
                out.println(m.get("note")
                        + (m.containsKey("correlation")
                                ? String.format(
                                        Locale.ROOT,
                                        "; correlation with %s %.4f%s",
                                        m.get("truthColumn"),
                                        (Double) m.get("correlation"),
                                        inParentheses(FitReport.groupMeansRemoved(m)))
                                : ""));
            });
        }
        if (o.ensemble() != null) printEnsemble(out, o);
        if (o.report().get("farthestFromFit") instanceof List<?> far
                && !far.isEmpty()
                && far.get(0) instanceof Map<?, ?> top
                && top.get("spreads") instanceof Double spreads
                && spreads >= FarthestMeasurements.PRINTED) {
            out.println("farthest from the fit: " + FarthestMeasurements.describe(top)
                    + ": a stuck sensor or a mistyped value, or a place the fitted field does not follow (report.md lists"
                    + " the five farthest)");
        }
        for (String w : o.warnings()) out.println("warning: " + w);
        out.printf(
                Locale.ROOT,
                "%d steps in %.1f s; one gradient step %.2f ms, peak tensor memory %.2f MiB; stop: %s%n",
                r.steps(),
                r.seconds(),
                1e3 * o.stepCost().seconds(),
                o.stepCost().peakLiveBytes() / 1048576.0,
                r.stopReason());
        if (!o.report().isEmpty()) out.println("report: " + s.out().resolve("report.md"));
    }

    /** ", each t's mean removed" as " (each t's mean removed)"; "" stays "". */
    private static String inParentheses(String clause) {
        return clause.isEmpty() ? "" : " (" + clause.substring(2) + ")";
    }
}
