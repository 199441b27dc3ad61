package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.train.Checkpoint;
import dev.mollify.cli.fit.OutputFolder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Path data = dir.resolve("heat.csv");
        assertEquals(
                0,
                CliRunner.run(
                                "generate",
                                "--problem",
                                "heat",
                                "--grid",
                                "17x9",
                                "--noise",
                                "0.01",
                                "--out",
                                data.toString())
                        .code());
        List<String> fit = List.of(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05:positive",
                "--hidden",
                "12,12",
                "--steps",
                "400",
                "--lbfgs",
                "20",
                "--checkpoint-every",
                "10",
                "--progress",
                "lines",
                "--seed",
                "3");

        Path whole = dir.resolve("whole");
        CliRunner a = CliRunner.run(with(fit, "--out", whole.toString()));
        assertEquals(0, a.code(), a.toString());

        Path cut = dir.resolve("cut");
        Process p = new ProcessBuilder(command(with(fit, "--out", cut.toString())))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("cut.log").toFile())
                .start();
        Path checkpoint = cut.resolve("checkpoints").resolve("checkpoint.safetensors");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(Files.exists(checkpoint), "no checkpoint appeared:\n" + Files.readString(dir.resolve("cut.log")));
        assertTrue(
                p.isAlive(),
                "the run finished before it could be interrupted; give it more steps:\n"
                        + Files.readString(dir.resolve("cut.log")));
        interrupt(p, signal);
        assertEquals(
                signal.equals("TERM") ? ExitCode.TERMINATED : ExitCode.INTERRUPTED,
                p.exitValue(),
                "SIGTERM exits 143, SIGINT 130");
        String log = Files.readString(dir.resolve("cut.log"));
        assertTrue(log.contains("interrupted"), "the run should say it was interrupted:\n" + log);
        assertTrue(Files.exists(checkpoint));

        CliRunner b = CliRunner.run("fit", "--resume", cut.toString(), "--progress", "none");
        assertEquals(0, b.code(), b.toString());
        double dWhole = value(Files.readString(whole.resolve("report.json")));
        double dResumed = value(Files.readString(cut.resolve("report.json")));
        assertEquals(dWhole, dResumed, 0.0, "resumed run must end with the same bits");
        assertTrue(
                Files.readString(cut.resolve("report.json")).contains("\"steps\": 420"),
                Files.readString(cut.resolve("report.json")));
        assertSameModel(whole, cut);
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
        Path data = dir.resolve("heat.csv");
        assertEquals(
                0,
                CliRunner.run(
                                "generate",
                                "--problem",
                                "heat",
                                "--grid",
                                "17x9",
                                "--noise",
                                "0.01",
                                "--out",
                                data.toString())
                        .code());
        List<String> fit = List.of(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05:positive",
                "--hidden",
                "12,12",
                "--steps",
                "400",
                "--lbfgs",
                "20",
                "--checkpoint-every",
                "10",
                "--progress",
                "none",
                "--seed",
                "5");
        Path whole = dir.resolve("whole");
        CliRunner a = CliRunner.run(with(fit, "--out", whole.toString()));
        assertEquals(0, a.code(), a.toString());

        Path cut = dir.resolve("cut");
        Process p = new ProcessBuilder(command(with(fit, "--out", cut.toString())))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("cut.log").toFile())
                .start();
        Path checkpoints = cut.resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline && !pastStep(checkpoints, 30)) Thread.sleep(5);
        assertTrue(
                p.isAlive(),
                "the run finished before it could be killed:\n" + Files.readString(dir.resolve("cut.log")));
        p.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the killed run did not exit");
        assertEquals(137, p.exitValue());
        byte[] last = Files.readAllBytes(Checkpoint.file(checkpoints));
        Path partial = checkpoints.resolve(Checkpoint.FILE + "." + 123456789L + ".tmp");
        Files.write(partial, java.util.Arrays.copyOf(last, last.length / 2));

        CliRunner b = CliRunner.run("fit", "--resume", cut.toString(), "--progress", "none");
        assertEquals(0, b.code(), b.toString());
        assertTrue(b.out().contains("removed 1 unfinished temporary file"), b.out());
        assertFalse(Files.exists(partial));
        assertEquals(
                value(Files.readString(whole.resolve("report.json"))),
                value(Files.readString(cut.resolve("report.json"))),
                0.0);
        assertSameModel(whole, cut);
    }

    /** A fit that ended is not resumed (it would run again), and a fit is resumed only on the data it started on. */
    @Test
    void resumeRefusesAnEndedFitAndChangedData() throws Exception {
        Path data = dir.resolve("heat.csv");
        assertEquals(
                0,
                CliRunner.run("generate", "--problem", "heat", "--grid", "17x9", "--out", data.toString())
                        .code());
        Path run = dir.resolve("run");
        CliRunner a = CliRunner.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05:positive",
                "--hidden",
                "8",
                "--steps",
                "20",
                "--lbfgs",
                "0",
                "--checkpoint-every",
                "10",
                "--progress",
                "none",
                "--out",
                run.toString());
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

    /** Sends SIGTERM or SIGINT and waits for the exit; skips when SIGINT is ignored (inherited from the test runner). */
    private static void interrupt(Process p, String signal) throws Exception {
        if (signal.equals("TERM")) {
            p.destroy();
        } else {
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assumptions.assumeTrue(
                    signal.equals("TERM"),
                    "SIGINT is ignored in this test environment (inherited from the test runner)");
            throw new AssertionError("the interrupted run did not exit");
        }
    }

    private static boolean pastStep(Path checkpoints, int step) {
        try {
            return Files.exists(Checkpoint.file(checkpoints))
                    && Checkpoint.read(checkpoints).step() >= step;
        } catch (Exception e) {
            return false;
        }
    }

    private static void assertSameModel(Path whole, Path resumed) throws IOException {
        assertArrayEquals(
                Files.readAllBytes(whole.resolve("model.safetensors")),
                Files.readAllBytes(resumed.resolve("model.safetensors")),
                "model.safetensors of the resumed run must equal the uninterrupted run's, byte for byte");
    }

    @ParameterizedTest(name = "SIG{0} during L-BFGS")
    @ValueSource(strings = {"TERM", "INT"})
    void aRunInterruptedDuringLbfgsResumesThere(String signal) throws Exception {
        Path data = dir.resolve("heat.csv");
        assertEquals(
                0,
                CliRunner.run(
                                "generate",
                                "--problem",
                                "heat",
                                "--grid",
                                "33x17",
                                "--noise",
                                "0.01",
                                "--out",
                                data.toString())
                        .code());
        List<String> fit = List.of(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05:positive",
                "--hidden",
                "16,16",
                "--steps",
                "20",
                "--lbfgs",
                "400",
                "--checkpoint-every",
                "3",
                "--progress",
                "none",
                "--seed",
                "4");

        Path whole = dir.resolve("whole");
        CliRunner a = CliRunner.run(with(fit, "--out", whole.toString()));
        assertEquals(0, a.code(), a.toString());
        int steps = steps(Files.readString(whole.resolve("report.json")));

        Path cut = dir.resolve("cut");
        Process p = new ProcessBuilder(command(with(fit, "--out", cut.toString())))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("cut.log").toFile())
                .start();
        Path checkpoints = cut.resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline && !inLbfgs(checkpoints)) Thread.sleep(5);
        assertTrue(
                p.isAlive(),
                "the run finished before it could be interrupted in L-BFGS (" + steps + " steps in all):\n"
                        + Files.readString(dir.resolve("cut.log")));
        interrupt(p, signal);
        Checkpoint c = Checkpoint.read(checkpoints);
        assertTrue(c.inLbfgs() && c.step() > 20, "checkpoint at step " + c.step());

        CliRunner b = CliRunner.run("fit", "--resume", cut.toString(), "--progress", "none");
        assertEquals(0, b.code(), b.toString());
        assertTrue(b.out().contains("at L-BFGS iteration"), b.out());
        assertEquals(
                value(Files.readString(whole.resolve("report.json"))),
                value(Files.readString(cut.resolve("report.json"))),
                0.0,
                "resumed inside L-BFGS, the run must end with the same bits");
        assertEquals(steps, steps(Files.readString(cut.resolve("report.json"))));
        assertSameModel(whole, cut);
    }

    private static boolean inLbfgs(Path checkpoints) {
        try {
            return Files.exists(Checkpoint.file(checkpoints))
                    && Checkpoint.read(checkpoints).inLbfgs();
        } catch (Exception e) {
            return false;
        }
    }

    private static int steps(String json) {
        Matcher m = Pattern.compile("\"steps\": ([0-9]+)").matcher(json);
        assertTrue(m.find(), json);
        return Integer.parseInt(m.group(1));
    }

    /** Ctrl-C (SIGINT) stops the run the same way, with exit code 130 and the hint to resume. */
    @Test
    void ctrlCExits130AndSaysHowToResume() throws Exception {
        Path data = dir.resolve("heat.csv");
        assertEquals(
                0,
                CliRunner.run("generate", "--problem", "heat", "--grid", "17x9", "--out", data.toString())
                        .code());
        Path cut = dir.resolve("int");
        List<String> fit = List.of(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05:positive",
                "--hidden",
                "12,12",
                "--steps",
                "100000",
                "--tolerance",
                "0",
                "--checkpoint-every",
                "10",
                "--progress",
                "lines",
                "--out",
                cut.toString());
        Process p = new ProcessBuilder(command(fit.toArray(new String[0])))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("int.log").toFile())
                .start();
        Path checkpoint = cut.resolve("checkpoints").resolve("checkpoint.safetensors");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(p.isAlive() && Files.exists(checkpoint), Files.readString(dir.resolve("int.log")));
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assumptions.abort("SIGINT is ignored in this test environment (inherited from the test runner)");
        }
        String log = Files.readString(dir.resolve("int.log"));
        assertEquals(ExitCode.INTERRUPTED, p.exitValue(), log);
        assertTrue(log.contains("continue with  mollify fit --resume " + cut), log);
    }

    private static String[] with(List<String> args, String... more) {
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private static double value(String json) {
        Matcher m = Pattern.compile("\"D\": \\{\\s*\"value\": (-?[0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), json);
        return Double.parseDouble(m.group(1));
    }

    /** The same JVM and class path as this test, running {@code mollify}. */
    private static List<String> command(String[] args) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> c = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator)));
        String simd = System.getProperty("mollify.simd");
        if (simd != null) c.add("-Dmollify.simd=" + simd);
        c.add("dev.mollify.cli.Mollify");
        c.addAll(List.of(args));
        return c;
    }
}
