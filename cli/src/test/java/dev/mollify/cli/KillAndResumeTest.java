package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.train.Checkpoint;
import dev.mollify.cli.fit.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM or SIGINT during a fit (in its Adam phase or inside L-BFGS), or SIGKILL, leaves a valid checkpoint,
 * and {@code fit --resume} ends with exactly the unknowns and the {@code model.safetensors} bytes of an
 * uninterrupted run with the same seed. The interrupted run is the real command in its own JVM.
 */
class KillAndResumeTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0} during Adam")
    @ValueSource(strings = {"TERM", "INT"})
    void interruptedRunResumesToTheSameResult(String signal) throws Exception {
        List<String> fit = heatFit(
                heatData("17x9", "0.01"),
                "12,12",
                "--steps",
                "400",
                "--lbfgs",
                "20",
                "--seed",
                "3",
                "--checkpoint-every",
                "10");
        Path whole = runWhole(fit);

        Path cut = dir.resolve("cut");
        Process p = startUntil(fit, cut, c -> Files.exists(Checkpoint.file(c)));
        MollifyProcess.interrupt(p, signal);
        assertEquals(
                signal.equals("TERM") ? ExitCode.TERMINATED : ExitCode.INTERRUPTED,
                p.exitValue(),
                "SIGTERM exits 143, SIGINT 130");
        String log = Files.readString(dir.resolve("cut.log"));
        assertTrue(log.contains("interrupted"), "the run should say it was interrupted:\n" + log);

        assertEquals(0, resume(cut).code());
        assertSameResult(whole, cut);
        assertEquals(420, steps(cut));
    }

    @ParameterizedTest(name = "SIG{0} during L-BFGS")
    @ValueSource(strings = {"TERM", "INT"})
    void aRunInterruptedDuringLbfgsResumesThere(String signal) throws Exception {
        List<String> fit = heatFit(
                heatData("33x17", "0.01"),
                "16,16",
                "--steps",
                "20",
                "--lbfgs",
                "400",
                "--seed",
                "4",
                "--checkpoint-every",
                "3");
        Path whole = runWhole(fit);

        Path cut = dir.resolve("cut");
        Process p = startUntil(fit, cut, KillAndResumeTest::inLbfgs);
        MollifyProcess.interrupt(p, signal);
        Checkpoint c = Checkpoint.read(cut.resolve("checkpoints"));
        assertTrue(c.inLbfgs() && c.step() > 20, "checkpoint at step " + c.step());

        CliRunner b = resume(cut);
        assertEquals(0, b.code(), b.toString());
        assertTrue(b.out().contains("at L-BFGS iteration"), b.out());
        assertSameResult(whole, cut);
        assertEquals(steps(whole), steps(cut));
    }

    /**
     * {@code kill -9} can land while a checkpoint is being written. The write goes to a temporary file that
     * is renamed over the checkpoint only once complete, so what such a kill leaves is the previous
     * checkpoint, intact, beside a partial temporary file. The run is killed with SIGKILL once checkpoints
     * exist, the partial file a write cut short leaves is put beside them (a SIGKILL lands inside a write only
     * by chance), and the resumed run removes it, says so, and ends with the uninterrupted run's bits.
     */
    @Test
    void killDashNineDuringACheckpointWriteResumesFromThePreviousOne() throws Exception {
        List<String> fit = heatFit(
                heatData("17x9", "0.01"),
                "12,12",
                "--steps",
                "400",
                "--lbfgs",
                "20",
                "--seed",
                "5",
                "--checkpoint-every",
                "10");
        Path whole = runWhole(fit);

        Path cut = dir.resolve("cut");
        Process p = startUntil(fit, cut, c -> pastStep(c, 30));
        p.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the killed run did not exit");
        assertEquals(137, p.exitValue());
        Path checkpoints = cut.resolve("checkpoints");
        byte[] last = Files.readAllBytes(Checkpoint.file(checkpoints));
        Path partial = checkpoints.resolve(Checkpoint.FILE + "." + 123456789L + ".tmp");
        Files.write(partial, Arrays.copyOf(last, last.length / 2));

        CliRunner b = resume(cut);
        assertEquals(0, b.code(), b.toString());
        assertTrue(b.out().contains("removed 1 unfinished temporary file"), b.out());
        assertFalse(Files.exists(partial));
        assertSameResult(whole, cut);
    }

    /** A fit that ended is not resumed (it would run again), and a fit is resumed only on the data it started on. */
    @Test
    void resumeRefusesAnEndedFitAndChangedData() throws Exception {
        Path data = heatData("17x9", "0");
        Path run = dir.resolve("run");
        CliRunner a = CliRunner.run(with(
                        heatFit(data, "8", "--steps", "20", "--lbfgs", "0", "--checkpoint-every", "10"),
                        "--progress",
                        "none",
                        "--out",
                        run.toString())
                .toArray(new String[0]));
        assertEquals(0, a.code(), a.toString());
        assertTrue(Files.readString(run.resolve(OutputFolder.DATA_HASH)).endsWith("  " + data + "\n"));
        String report = Files.readString(run.resolve("report.json"));

        CliRunner ended = CliRunner.run("fit", "--resume", run.toString());
        assertEquals(ExitCode.USAGE, ended.code(), ended.toString());
        assertTrue(
                ended.err().contains("that fit already ended (") && ended.err().contains("--force"), ended.err());
        assertEquals(
                report, Files.readString(run.resolve("report.json")), "the refused resume must not touch the report");

        Files.delete(run.resolve("report.json")); // as if it had stopped before its report
        List<String> rows = new ArrayList<>(Files.readAllLines(data));
        rows.set(1, rows.get(1).replaceFirst(",[^,]*$", ",0.5")); // one measurement edited
        Files.write(data, rows);
        CliRunner changed = CliRunner.run("fit", "--resume", run.toString());
        assertEquals(ExitCode.BAD_DATA, changed.code(), changed.toString());
        assertTrue(changed.err().contains("changed since this fit started"), changed.err());
        assertFalse(changed.err().contains("Exception"), changed.err());
    }

    /** A checkpoint damaged after it was written (one bit flipped) is refused by its checksum, before any setup. */
    @Test
    void aDamagedCheckpointIsRefused() throws Exception {
        Path data = heatData("17x9", "0");
        Path run = dir.resolve("damaged");
        CliRunner a = CliRunner.run(with(
                        heatFit(data, "8", "--steps", "20", "--lbfgs", "0", "--checkpoint-every", "10"),
                        "--progress",
                        "none",
                        "--out",
                        run.toString())
                .toArray(new String[0]));
        assertEquals(0, a.code(), a.toString());
        Files.delete(run.resolve("report.json")); // as if it had stopped before its report
        Path file = Checkpoint.file(run.resolve("checkpoints"));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x10; // one bit of the last tensor's data
        Files.write(file, bytes);

        CliRunner damaged = CliRunner.run("fit", "--resume", run.toString(), "--progress", "none");
        assertEquals(ExitCode.USAGE, damaged.code(), damaged.toString());
        assertTrue(damaged.err().contains("do not match its checksum"), damaged.err());
        assertTrue(damaged.err().contains("--force"), damaged.err());
        assertFalse(damaged.err().contains("Exception") || damaged.err().contains("\tat "), damaged.err());
        assertFalse(damaged.out().contains("training:"), "refused before the setup:\n" + damaged.out());
        assertArrayEquals(bytes, Files.readAllBytes(file), "the damaged checkpoint is left for inspection");
    }

    /** Ctrl-C (SIGINT) stops the run the same way, with exit code 130 and the hint to resume. */
    @Test
    void ctrlCExits130AndSaysHowToResume() throws Exception {
        List<String> fit = heatFit(
                heatData("17x9", "0"), "12,12", "--steps", "100000", "--tolerance", "0", "--checkpoint-every", "10");
        Path cut = dir.resolve("int");
        Process p = startUntil(fit, cut, c -> Files.exists(Checkpoint.file(c)));
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assumptions.abort("SIGINT is ignored in this test environment (inherited from the test runner)");
        }
        String log = Files.readString(dir.resolve("int.log"));
        assertEquals(ExitCode.INTERRUPTED, p.exitValue(), log);
        assertTrue(log.contains("continue with  mollify fit --resume " + cut), log);
    }

    /**
     * SIGTERM while the ensemble runs: exit 143 and no report (the members are not checkpointed); {@code --resume}
     * finishes the fit from its checkpoint and runs every member again, to the bits of an uninterrupted run.
     */
    @Test
    void aRunInterruptedDuringTheEnsembleResumesToTheSameEnsemble() throws Exception {
        List<String> fit = heatFit(
                heatData("17x9", "0.02"),
                "12,12",
                "--steps",
                "200",
                "--lbfgs",
                "20",
                "--checkpoint-every",
                "10",
                "--ensemble",
                "3");
        Path whole = runWhole(fit);

        Path cut = dir.resolve("cut");
        Path log = dir.resolve("cut.log");
        Process p = new ProcessBuilder(MollifyProcess.command(with(fit, "--progress", "none", "--out", cut.toString())))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive()
                && System.nanoTime() < deadline
                && !Files.readString(log).contains("ensemble: 3 refits")) Thread.sleep(5);
        assertTrue(p.isAlive(), "the run ended before its ensemble could be stopped:\n" + Files.readString(log));
        MollifyProcess.interrupt(p, "TERM");
        assertEquals(ExitCode.TERMINATED, p.exitValue(), Files.readString(log));
        assertTrue(Files.readString(log).contains("interrupted during the ensemble"), Files.readString(log));
        assertFalse(Files.exists(cut.resolve("report.json")), "no report while the ensemble is incomplete");

        assertEquals(0, resume(cut).code());
        assertSameResult(whole, cut);
        assertEquals(
                ensembleValues(Files.readString(whole.resolve("report.json"))),
                ensembleValues(Files.readString(cut.resolve("report.json"))),
                "the resumed run's members must be the same bits");
    }

    /** The member values of D in report.json's ensemble. */
    private static String ensembleValues(String json) {
        Matcher m = Pattern.compile("\"values\": \\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    /** {@code mollify generate --problem heat} on an NXxNT grid with relative noise {@code noise}. */
    private Path heatData(String grid, String noise) {
        Path data = dir.resolve("heat.csv");
        CliRunner g = CliRunner.run(
                "generate", "--problem", "heat", "--grid", grid, "--noise", noise, "--out", data.toString());
        assertEquals(0, g.code(), g.toString());
        return data;
    }

    /** A fit of D in u_t = D·u_xx from 0.05, with hidden layers {@code hidden} and the given settings. */
    private static List<String> heatFit(Path data, String hidden, String... settings) {
        List<String> a = new ArrayList<>(List.of("fit", "--data", data.toString(), "--pde", "u_t = D*u_xx"));
        a.addAll(List.of("--unknown", "D=0.05:positive", "--hidden", hidden));
        a.addAll(List.of(settings));
        return a;
    }

    /** The uninterrupted run, in-process, into {@code whole/}. */
    private Path runWhole(List<String> fit) {
        Path whole = dir.resolve("whole");
        CliRunner a = CliRunner.run(
                with(fit, "--progress", "none", "--out", whole.toString()).toArray(new String[0]));
        assertEquals(0, a.code(), a.toString());
        return whole;
    }

    /**
     * The fit started as its own process with {@code --out out} and progress lines (its output in {@code out.log}), returned once
     * {@code ready} holds for its checkpoints folder; fails when the run ends first or nothing happens in 120 s.
     */
    private Process startUntil(List<String> fit, Path out, Predicate<Path> ready) throws Exception {
        Path log = dir.resolve(out.getFileName() + ".log");
        Process p = new ProcessBuilder(
                        MollifyProcess.command(with(fit, "--progress", "lines", "--out", out.toString())))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Path checkpoints = out.resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        boolean reached = false;
        while (p.isAlive() && System.nanoTime() < deadline && !(reached = safely(ready, checkpoints))) Thread.sleep(5);
        assertTrue(reached, "the run never reached the point to stop it at:\n" + Files.readString(log));
        assertTrue(p.isAlive(), "the run finished before it could be stopped:\n" + Files.readString(log));
        return p;
    }

    private static boolean safely(Predicate<Path> ready, Path checkpoints) {
        try {
            return ready.test(checkpoints);
        } catch (RuntimeException e) {
            return false; // a checkpoint being replaced
        }
    }

    private static CliRunner resume(Path out) {
        return CliRunner.run("fit", "--resume", out.toString(), "--progress", "none");
    }

    private static boolean pastStep(Path checkpoints, int step) {
        try {
            return Files.exists(Checkpoint.file(checkpoints))
                    && Checkpoint.read(checkpoints).step() >= step;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean inLbfgs(Path checkpoints) {
        try {
            return Files.exists(Checkpoint.file(checkpoints))
                    && Checkpoint.read(checkpoints).inLbfgs();
        } catch (IOException e) {
            return false;
        }
    }

    /** The same D, to the bit, and the same {@code model.safetensors}, byte for byte. */
    private static void assertSameResult(Path whole, Path resumed) throws IOException {
        assertEquals(
                value(Files.readString(whole.resolve("report.json"))),
                value(Files.readString(resumed.resolve("report.json"))),
                0.0,
                "the resumed run must end with the same bits");
        assertArrayEquals(
                Files.readAllBytes(whole.resolve("model.safetensors")),
                Files.readAllBytes(resumed.resolve("model.safetensors")),
                "model.safetensors of the resumed run must equal the uninterrupted run's, byte for byte");
    }

    private static int steps(Path out) throws IOException {
        String json = Files.readString(out.resolve("report.json"));
        Matcher m = Pattern.compile("\"steps\": ([0-9]+)").matcher(json);
        assertTrue(m.find(), json);
        return Integer.parseInt(m.group(1));
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of(more));
        return a;
    }

    private static double value(String json) {
        Matcher m = Pattern.compile("\"D\": \\{\\s*\"value\": (-?[0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), json);
        return Double.parseDouble(m.group(1));
    }
}
