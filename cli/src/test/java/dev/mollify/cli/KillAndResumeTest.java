package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.train.Checkpoint;

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

/**
 * SIGTERM during a fit leaves a valid checkpoint, and {@code fit --resume} ends with exactly
 * the unknowns of an uninterrupted run with the same seed. The interrupted run is the real command in
 * its own JVM, stopped with SIGTERM ({@link Process#destroy()}) once its first checkpoint exists.
 */
class KillAndResumeTest {
    @TempDir
    Path dir;

    @Test
    void interruptedRunResumesToTheSameResult() throws Exception {
        Path data = dir.resolve("heat.csv");
        assertEquals(0, CliRunner.run("generate", "--problem", "heat", "--grid", "17x9", "--noise", "0.01", "--out", data.toString()).code());
        List<String> fit = List.of("fit", "--data", data.toString(), "--pde", "u_t = D*u_xx", "--unknown", "D=0.05:positive", "--hidden", "12,12",
                "--steps", "400", "--lbfgs", "20", "--checkpoint-every", "10", "--progress", "lines", "--seed", "3");

        Path whole = dir.resolve("whole");
        CliRunner a = CliRunner.run(with(fit, "--out", whole.toString()));
        assertEquals(0, a.code(), a.toString());

        Path cut = dir.resolve("cut");
        Process p = new ProcessBuilder(command(with(fit, "--out", cut.toString()))).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cut.log").toFile()).start();
        Path checkpoint = cut.resolve("checkpoints").resolve("checkpoint.safetensors");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(Files.exists(checkpoint), "no checkpoint appeared:\n" + Files.readString(dir.resolve("cut.log")));
        assertTrue(p.isAlive(), "the run finished before it could be interrupted; give it more steps:\n" + Files.readString(dir.resolve("cut.log")));
        p.destroy();                                             // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the interrupted run did not exit");
        assertEquals(ExitCode.TERMINATED, p.exitValue(), "SIGTERM exits 143");
        String log = Files.readString(dir.resolve("cut.log"));
        assertTrue(log.contains("interrupted"), "the run should say it was interrupted:\n" + log);
        assertTrue(Files.exists(checkpoint));

        CliRunner b = CliRunner.run("fit", "--resume", cut.toString(), "--progress", "none");
        assertEquals(0, b.code(), b.toString());
        double dWhole = value(Files.readString(whole.resolve("report.json")));
        double dResumed = value(Files.readString(cut.resolve("report.json")));
        assertEquals(dWhole, dResumed, 0.0, "resumed run must end with the same bits");
        assertTrue(Files.readString(cut.resolve("report.json")).contains("\"steps\": 420"), Files.readString(cut.resolve("report.json")));
    }

    @Test
    void aRunInterruptedDuringLbfgsResumesThere() throws Exception {
        Path data = dir.resolve("heat.csv");
        assertEquals(0, CliRunner.run("generate", "--problem", "heat", "--grid", "33x17", "--noise", "0.01", "--out", data.toString()).code());
        List<String> fit = List.of("fit", "--data", data.toString(), "--pde", "u_t = D*u_xx", "--unknown", "D=0.05:positive", "--hidden", "16,16",
                "--steps", "20", "--lbfgs", "400", "--checkpoint-every", "3", "--progress", "none", "--seed", "4");

        Path whole = dir.resolve("whole");
        CliRunner a = CliRunner.run(with(fit, "--out", whole.toString()));
        assertEquals(0, a.code(), a.toString());
        int steps = steps(Files.readString(whole.resolve("report.json")));

        Path cut = dir.resolve("cut");
        Process p = new ProcessBuilder(command(with(fit, "--out", cut.toString()))).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cut.log").toFile()).start();
        Path checkpoints = cut.resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline && !inLbfgs(checkpoints)) Thread.sleep(5);
        assertTrue(p.isAlive(), "the run finished before it could be interrupted in L-BFGS (" + steps + " steps in all):\n"
                + Files.readString(dir.resolve("cut.log")));
        p.destroy();                                             // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the interrupted run did not exit");
        Checkpoint c = Checkpoint.read(checkpoints);
        assertTrue(c.inLbfgs() && c.step() > 20, "checkpoint at step " + c.step());

        CliRunner b = CliRunner.run("fit", "--resume", cut.toString(), "--progress", "none");
        assertEquals(0, b.code(), b.toString());
        assertTrue(b.out().contains("at L-BFGS iteration"), b.out());
        assertEquals(value(Files.readString(whole.resolve("report.json"))), value(Files.readString(cut.resolve("report.json"))), 0.0,
                "resumed inside L-BFGS, the run must end with the same bits");
        assertEquals(steps, steps(Files.readString(cut.resolve("report.json"))));
    }

    private static boolean inLbfgs(Path checkpoints) {
        try {
            return Files.exists(Checkpoint.file(checkpoints)) && Checkpoint.read(checkpoints).inLbfgs();
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
        assertEquals(0, CliRunner.run("generate", "--problem", "heat", "--grid", "17x9", "--out", data.toString()).code());
        Path cut = dir.resolve("int");
        List<String> fit = List.of("fit", "--data", data.toString(), "--pde", "u_t = D*u_xx", "--unknown", "D=0.05:positive", "--hidden", "12,12",
                "--steps", "100000", "--tolerance", "0", "--checkpoint-every", "10", "--progress", "lines", "--out", cut.toString());
        Process p = new ProcessBuilder(command(fit.toArray(new String[0]))).redirectErrorStream(true).redirectOutput(dir.resolve("int.log").toFile()).start();
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
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator)));
        String simd = System.getProperty("mollify.simd");
        if (simd != null) c.add("-Dmollify.simd=" + simd);
        c.add("dev.mollify.cli.Mollify");
        c.addAll(List.of(args));
        return c;
    }
}
