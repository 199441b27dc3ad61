package dev.mollify.cli.fit;

import dev.mollify.autograd.train.Callback;
import dev.mollify.autograd.train.Checkpoint;
import dev.mollify.autograd.train.Checkpointer;
import dev.mollify.autograd.train.DivergenceGuard;
import dev.mollify.autograd.train.ProgressPrinter;
import dev.mollify.autograd.train.Trainer;
import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.cli.CliException;
import dev.mollify.cli.ExitCode;
import dev.mollify.cli.data.AtomicFile;
import dev.mollify.cli.report.FitReport;
import dev.mollify.cli.report.Plots;
import dev.mollify.pde.fit.CoefficientProfile;
import dev.mollify.pde.fit.DataFit;
import dev.mollify.pde.fit.Ensemble;
import dev.mollify.pde.fit.FitInputException;
import dev.mollify.pde.fit.FitOptions;
import dev.mollify.pde.fit.FitSetup;
import dev.mollify.pde.fit.NetworkSize;
import dev.mollify.pde.fit.WeakForm;
import dev.mollify.pde.pinn.InverseProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fit from settings to report: set the problem up and train it (Adam, then L-BFGS) with the
 * library's {@link DataFit}, adding progress, divergence stop, checkpoints and clean interruption,
 * then write the report folder.
 */
public final class FitRun {
    /** Where checkpoints go inside the output folder. */
    public static final String CHECKPOINTS = "checkpoints";

    private FitRun() {}

    /**
     * How a run ended.
     *
     * @param built the set-up problem: data, equation, network, start values and the truth when known
     * @param result the training's result: final unknowns, steps, seconds and stop reason
     * @param stepCost one gradient step at the final parameters, measured alone: seconds and peak tensor bytes
     * @param report the report written to {@code report.json}, as a JSON object; empty when the run was
     *     interrupted during the ensemble and wrote none
     * @param exitCode the code the command exits with: {@link ExitCode#OK}, {@link ExitCode#FAILURE}
     *     (diverged) or {@link ExitCode#INTERRUPTED}
     * @param message what to tell the user on standard error (how to resume, what to try after a divergence);
     *     null when the run succeeded
     * @param interruption the run's interrupt handling; {@link #release()} lets a pending interrupt exit the JVM
     * @param warnings what the setup and the fit could not vouch for, one sentence each
     * @param ensemble the ensemble's spread per coefficient; null when none was asked for or run
     * @param profile each coefficient's standard error from the profile of the loss; null when none was taken
     */
    public record Outcome(
            FitSetup.Built built,
            TrainingResult result,
            InverseProblem.StepCost stepCost,
            Map<String, Object> report,
            int exitCode,
            String message,
            Interruption interruption,
            List<String> warnings,
            Ensemble.Result ensemble,
            CoefficientProfile profile) {
        /** Call once everything is printed: an interrupted JVM exits only then. */
        public void release() {
            interruption.finished();
        }
    }

    /** How the run shows progress. */
    public enum Progress {
        /** A progress bar on standard error (for a terminal): step, rate, ETA, loss terms and unknowns. */
        BAR,
        /** About 20 plain lines on the output, each with the step, loss terms and unknowns (for logs). */
        LINES,
        /** Nothing while training; the summary is still printed. */
        NONE
    }

    /**
     * Runs (or, with {@code resume}, continues) the fit described by {@code s} in its output folder, which is
     * created when needed and not claimed (an earlier fit's files there are not removed first).
     *
     * @param s the fit and where it writes
     * @param resume true to continue from the checkpoint in {@code s.out()/checkpoints}
     * @param progress how training progress is shown
     * @param out where the setup, the training lines and notes are printed
     * @return how the run ended, with the report written; call {@link Outcome#release()} once it is printed
     * @throws CliException as {@link #run(FitSettings, boolean, Progress, PrintStream, Runnable)}
     */
    public static Outcome run(FitSettings s, boolean resume, Progress progress, PrintStream out) {
        return run(s, resume, progress, out, () -> OutputFolder.prepare(s.out()));
    }

    /**
     * Runs (or, with {@code resume}, continues) the fit described by {@code s}; {@code claim} creates and
     * claims the output folder, and runs only once the data and settings have passed every check of the
     * setup, so a bad input leaves no folder behind. Prints what the setup found (data, equation, route, δ,
     * estimates from the data alone, warnings), trains with checkpoints every {@code s.checkpointEvery()} Adam
     * steps, runs the ensemble when asked, and writes the report ({@link FitReport}). The output folder ends
     * up holding {@code checkpoints/}, {@code report.json}, {@code report.md}, the plots, {@code fields.csv}
     * and {@code model.safetensors}.
     *
     * @param s the fit and where it writes
     * @param resume true to continue from the checkpoint in {@code s.out()/checkpoints}
     * @param progress how training progress is shown
     * @param out where the setup, the training lines and notes are printed
     * @param claim creates and claims the output folder (and may save the arguments); run once, after the
     *     setup's checks
     * @return how the run ended: {@link ExitCode#OK}, {@link ExitCode#FAILURE} for a divergence (its report
     *     is written) or {@link ExitCode#INTERRUPTED}; call {@link Outcome#release()} once it is printed
     * @throws CliException with {@link ExitCode#USAGE} for settings the setup refuses or a checkpoint that
     *     cannot be resumed (none yet, damaged, other settings); with {@link ExitCode#BAD_DATA} for unusable
     *     data; with {@link ExitCode#OUTPUT} when the folder, a checkpoint or the report cannot be written
     */
    public static Outcome run(FitSettings s, boolean resume, Progress progress, PrintStream out, Runnable claim) {
        FitOptions o = s.options();
        Path checkpoints = s.out().resolve(CHECKPOINTS);
        if (resume && !Files.exists(Checkpoint.file(checkpoints))) {
            throw CliException.usage(
                    "no checkpoint in " + checkpoints + " to resume from; the run stopped before its first checkpoint"
                            + " (every " + s.checkpointEvery() + " Adam steps): start it again without --resume");
        }
        if (resume) checkReadable(checkpoints, s);
        DataFit fit = DataFit.of(o);
        FitSetup.Built built;
        try {
            built = fit.setup();
        } catch (FitInputException e) {
            throw CliException.from(e);
        }
        claim.run();
        OutputFolder.prepare(s.out());
        try {
            int stale = AtomicFile.cleanStale(s.out()) + AtomicFile.cleanStale(checkpoints);
            if (stale > 0)
                out.println("removed " + stale + " unfinished temporary file" + (stale > 1 ? "s" : "")
                        + " that a stopped run left in " + s.out());
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.OUTPUT, "cannot clean the output folder " + s.out() + ": " + e.getMessage(), e);
        }
        out.println("data: " + o.data() + " — " + built.table().rows() + " rows, columns "
                + String.join(",", built.table().names()));
        out.println("  " + built.dataSummary().replace("\n", "\n  "));
        if (o.noise() > 0) out.printf(Locale.ROOT, "  noise added: σ = %.4g·std(u), seed %d%n", o.noise(), o.seed());
        out.println("pde: " + built.spec().text() + "   unknowns " + o.unknowns()
                + (built.unknownFields().isEmpty() ? "" : "   unknown fields " + built.unknownFields())
                + (built.unmeasured().isEmpty()
                        ? ""
                        : "   unmeasured fields " + built.unmeasured() + " (no data; learnt from the equations)"));
        out.println("route: " + built.problem().route().describe());
        if (o.hidden().length == 0)
            out.println("network: hidden widths " + java.util.Arrays.toString(built.hidden())
                    + (NetworkSize.widened(built) ? " (" + built.widenedBecause() + ")" : ""));
        if (built.widthScan() != null) {
            StringBuilder ladder = new StringBuilder("δ from the data: the starting values are flattest at ");
            ladder.append(String.format(
                    Locale.ROOT,
                    "%.3g of each axis (tried",
                    built.widthScan().choice().fraction()));
            for (var p : built.widthScan().points()) ladder.append(String.format(Locale.ROOT, " %.3g", p.fraction()));
            ladder.append("; delta.png)");
            if (built.widthScan().trained() != built.widthScan().chosen())
                ladder.append(String.format(
                        Locale.ROOT,
                        "; the equation has no flux term, so the fit trains at the narrowest, %.3g",
                        built.widthScan().training().fraction()));
            if (!built.axisDeltas().equals(built.widthScan().training().widths()))
                ladder.append("; widened to span a cell of the measured points (√d of their spacings per axis, for"
                        + " fields of three or more coordinates)");
            out.println(ladder);
        }
        if (built.estimate() != null) {
            StringBuilder first = new StringBuilder(
                    "from the data alone (network fitted to the data, least squares on its derivatives):");
            built.estimate().values().forEach((n, v) -> first.append(String.format(Locale.ROOT, " %s = %.6g", n, v)));
            out.println(first);
        }
        if (built.direct() != null) {
            StringBuilder weak = new StringBuilder("weak form on the measured grid (no network):");
            built.direct()
                    .estimate()
                    .values()
                    .forEach((n, v) -> weak.append(String.format(Locale.ROOT, " %s = %.6g", n, v)));
            StringBuilder widths = new StringBuilder();
            built.direct()
                    .widths()
                    .forEach((a, w) -> widths.append(widths.length() == 0 ? "" : ", ")
                            .append(a)
                            .append(' ')
                            .append(String.format(Locale.ROOT, "%.4g", w)));
            out.println(weak.append(String.format(
                    Locale.ROOT,
                    " (δ %s; %.2g of the equation left); noise in the data about %.3g std",
                    widths,
                    built.direct().estimate().misfit(),
                    built.noiseLevel())));
            if (WeakForm.weakFormAnswers(built))
                out.println(
                        "the network alone misses these data by far more than their noise and the weak form explains"
                                + " the equation: the coefficients will be the weak form's, and the network is trained only"
                                + " briefly, for the fields");
        }
        for (String w : built.warnings()) out.println("warning: " + w);
        out.printf(
                Locale.ROOT,
                "training: Adam up to %d steps (lr %.3g%s), then L-BFGS up to %d iterations%s; seed %d%s%n",
                fit.adamSteps(built),
                o.lr(),
                o.tolerance() > 0
                        ? String.format(
                                Locale.ROOT,
                                ", ends when the unknowns change < %.1g%s over %d steps",
                                o.tolerance(),
                                o.lossTolerance() > 0
                                        ? String.format(
                                                Locale.ROOT, " (L-BFGS: and the loss < %.1g)", o.lossTolerance())
                                        : "",
                                DataFit.CONVERGENCE_WINDOW)
                        : "",
                fit.lbfgsIterations(built),
                built.timeBudget() > 0 ? String.format(Locale.ROOT, "; time budget %.0f s", built.timeBudget()) : "",
                o.seed(),
                resume ? "; resuming from " + checkpoints + resumePoint(checkpoints) : "");

        Plots.warmUp(); // AWT registers shutdown hooks when first used: not during an interrupt
        int total = fit.adamSteps(built) + fit.lbfgsIterations(built);
        Checkpointer checkpointer = new Checkpointer(checkpoints, s.checkpointEvery());
        Interruption interruption = Interruption.install(checkpointer);
        ProgressBarCallback bar = progress == Progress.BAR ? new ProgressBarCallback("fit", total, System.err) : null;
        List<Callback> callbacks = new ArrayList<>();
        if (bar != null) callbacks.add(bar);
        if (progress == Progress.LINES) callbacks.add(new ProgressPrinter(out, Math.max(1, total / 20)));
        callbacks.add(new DivergenceGuard());
        callbacks.add(checkpointer);
        callbacks.add(interruption);
        Trainer trainer = fit.trainer(built, callbacks.toArray(new Callback[0]));
        TrainingResult result;
        try {
            result = resume ? trainer.resume(checkpoints) : trainer.run();
        } catch (UncheckedIOException e) {
            interruption.finished();
            throw new CliException(ExitCode.OUTPUT, e.getMessage(), e);
        } catch (IOException e) {
            interruption.finished();
            throw new CliException(ExitCode.USAGE, "cannot resume from " + checkpoints + ": " + e.getMessage(), e);
        } catch (FitInputException e) {
            interruption.finished();
            throw CliException.from(e);
        } catch (IllegalArgumentException e) {
            interruption.finished();
            if (!resume) throw e;
            throw new CliException(
                    ExitCode.USAGE,
                    "cannot resume from " + checkpoints + ": " + e.getMessage()
                            + " (resume with the same data and settings; they are read from "
                            + s.out().resolve(OutputFolder.ARGS) + ")",
                    e);
        } finally {
            if (bar != null) bar.close();
        }
        // one gradient evaluation at the final parameters, measured alone: time and peak memory per step
        InverseProblem.StepCost cost = built.problem().measureStep(2);
        List<String> warnings = new ArrayList<>(built.warnings());
        CoefficientProfile profile = null;
        if (!result.stopReason().equals(Interruption.REASON)) {
            DataFit.Finished finished = fit.finish(built, result, interruption::requested);
            warnings.addAll(finished.warnings());
            result = finished.result();
            profile = finished.profile();
            if (profile == null && interruption.requested())
                warnings.add("interrupted while profiling the loss: the fit is complete, but its coefficients have no"
                        + " standard errors");
        }
        String reason = result.stopReason();
        boolean diverged = DivergenceGuard.stopped(reason);
        Ensemble.Result ensemble = null;
        if (s.ensemble() > 0 && !reason.equals(Interruption.REASON)) {
            if (diverged) {
                warnings.add("the ensemble was not run: the fit diverged");
            } else {
                ensemble = EnsembleRun.run(s, out, interruption);
                if (ensemble == null) { // interrupted: no report, the fit's checkpoint stays the resume point
                    // the JVM exits once the caller has printed the message and called Outcome.release()
                    return new Outcome(
                            built,
                            result,
                            cost,
                            Map.of(),
                            ExitCode.INTERRUPTED,
                            "interrupted during the ensemble; no report was written and the fit's checkpoint in "
                                    + checkpoints + " is intact: mollify fit --resume " + s.out()
                                    + " finishes the fit from it and runs every member again",
                            interruption,
                            warnings,
                            null,
                            profile);
                }
                warnings.addAll(EnsembleRun.warnings(ensemble));
            }
        }
        Map<String, Object> report;
        try {
            report = FitReport.write(s, built, result, cost, warnings, ensemble, profile);
        } catch (IOException e) {
            interruption.finished();
            throw new CliException(ExitCode.OUTPUT, "cannot write the report to " + s.out() + ": " + e.getMessage(), e);
        } catch (FitInputException e) {
            interruption.finished();
            throw CliException.from(e);
        } catch (RuntimeException e) {
            interruption.finished();
            throw e;
        }
        if (reason.equals(Interruption.REASON)) {
            return new Outcome(
                    built,
                    result,
                    cost,
                    report,
                    ExitCode.INTERRUPTED,
                    "interrupted at step " + result.steps() + "; the checkpoint in " + checkpoints
                            + " is intact: continue with  mollify fit --resume " + s.out(),
                    interruption,
                    warnings,
                    null,
                    profile);
        }
        if (diverged) {
            return new Outcome(
                    built,
                    result,
                    cost,
                    report,
                    ExitCode.FAILURE,
                    "the run diverged and stopped: " + reason + ". The report of what it reached is in " + s.out()
                            + ". Try a smaller --lr, a better initial guess, or :positive for a coefficient that must stay positive.",
                    interruption,
                    warnings,
                    null,
                    profile);
        }
        return new Outcome(built, result, cost, report, ExitCode.OK, null, interruption, warnings, ensemble, profile);
    }

    /**
     * Refuses, before the setup, a checkpoint that cannot be read back whole (its checksum, its format): a
     * damaged file is not resumed, and the message says how to start the fit again.
     */
    private static void checkReadable(Path checkpoints, FitSettings s) {
        try {
            Checkpoint.read(checkpoints);
        } catch (IOException | IllegalArgumentException e) {
            throw CliException.usage("cannot resume from " + checkpoints + ": " + e.getMessage()
                    + " (its options are in " + s.out().resolve(OutputFolder.ARGS) + "; with them and --force"
                    + " the fit starts again in " + s.out() + ")");
        }
    }

    /** " at Adam step 1201" / " at L-BFGS iteration 338 (after 1894 Adam steps)", or "" when the checkpoint cannot be read here. */
    private static String resumePoint(Path checkpoints) {
        try {
            return " at " + Trainer.resumePoint(Checkpoint.read(checkpoints));
        } catch (IOException | RuntimeException e) {
            return ""; // the resume itself reports what is wrong with the checkpoint
        }
    }
}
