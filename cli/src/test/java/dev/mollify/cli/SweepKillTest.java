package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.train.Checkpoint;
import dev.mollify.autograd.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mollify sweep} stopped by a real SIGTERM or SIGINT: the sweep runs as its own process, one fit at a
 * time, and is stopped once its first fit has ended and while the second trains. It exits 143 or 130 with the
 * hint to run it again, its summary says which fits ended, which was interrupted and which did not run, and
 * the same command again leaves the ended fit's folder as it was (bytes and modification times), resumes the
 * interrupted one from its checkpoint, runs the other two, and ends with the {@code sweep.csv} numbers and every
 * {@code model.safetensors} of a sweep that was never stopped. The plots of each fit, drawn there two fits at
 * once, are the same pixels as here, where each fit draws alone.
 */
class SweepKillTest {
    @TempDir
    static Path dir;

    static final String SPEC = "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D:positive\"], \"data\": [\"heat.csv\"],\n"
            + " \"noise\": [0.01, 0.05], \"seed\": [1, 2],\n"
            + " \"fit\": {\"steps\": 300, \"lbfgs\": 10, \"hidden\": [8, 8], \"checkpoint-every\": 10}}\n";

    static final List<String> NAMES = SweepTest.NAMES;

    /** The columns of sweep.csv that measure the run (time, memory) rather than its result. */
    static final List<String> MEASURED = List.of("seconds", "peak_bytes");

    /** The sweep that was not stopped, run in-process with two fits at once. */
    static Path whole;

    @BeforeAll
    static void dataAndUninterruptedSweep() throws IOException {
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
        whole = dir.resolve("whole");
        CliRunner w = CliRunner.run(sweepArgs(whole, "2", "none").toArray(new String[0]));
        assertEquals(0, w.code(), w.toString());
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aStoppedSweepFinishesOnlyTheMissingFits(String signal) throws Exception {
        Path out = dir.resolve("cut-" + signal);
        Path log = dir.resolve("cut-" + signal + ".log");
        Process p = new ProcessBuilder(MollifyProcess.command(sweepArgs(out, "1", "lines")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Path first = out.resolve(NAMES.get(0)), second = out.resolve(NAMES.get(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        boolean reached = false;
        while (p.isAlive()
                && System.nanoTime() < deadline
                && !(reached =
                        SweepCommand.finished(first) && Files.exists(Checkpoint.file(second.resolve("checkpoints")))))
            Thread.sleep(5);
        assertTrue(reached, "the sweep never reached its second fit:\n" + Files.readString(log));
        assertTrue(p.isAlive(), "the sweep ended before it could be stopped:\n" + Files.readString(log));
        MollifyProcess.interrupt(p, signal);

        String printed = Files.readString(log);
        assertEquals(signal.equals("TERM") ? ExitCode.TERMINATED : ExitCode.INTERRUPTED, p.exitValue(), printed);
        assertTrue(printed.contains("the sweep was interrupted; run the same command again to finish it"), printed);
        assertFalse(printed.contains("Exception"), printed);
        assertFalse(printed.contains("CUDA"), "the CPU path says nothing of CUDA:\n" + printed);
        assertEquals(
                List.of("ok", "interrupted", "not run", "not run"),
                column(out.resolve("sweep.csv"), "status"),
                "the summary of the stopped sweep");
        assertFalse(Files.exists(out.resolve(NAMES.get(2))), "a fit that did not start leaves no folder");
        Checkpoint cut = Checkpoint.read(second.resolve("checkpoints"));
        assertTrue(cut.step() >= 10 && !cut.inLbfgs(), "stopped in Adam at step " + cut.step());
        Map<String, FileState> kept = FileState.of(first);

        CliRunner again = CliRunner.run(sweepArgs(out, "1", "lines").toArray(new String[0]));
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("4 fits in " + out + "; 1 finished already, 3 to run"), again.out());
        assertFalse(again.out().contains("] " + NAMES.get(0)), "the ended fit does not run again:\n" + again.out());
        assertEquals(kept, FileState.of(first), "the ended fit's folder is left as it was");
        String secondLog = Files.readString(second.resolve(SweepCommand.LOG));
        assertTrue(
                secondLog.contains(
                        "resuming from " + second.resolve("checkpoints") + " at " + Trainer.resumePoint(cut)),
                secondLog);

        assertEquals(results(whole.resolve("sweep.csv")), results(out.resolve("sweep.csv")));
        for (String n : NAMES) {
            assertArrayEquals(
                    Files.readAllBytes(whole.resolve(n).resolve("model.safetensors")),
                    Files.readAllBytes(out.resolve(n).resolve("model.safetensors")),
                    n + ": model.safetensors differs from the sweep that was not stopped");
            assertSamePlots(whole.resolve(n), out.resolve(n));
        }
    }

    /**
     * The plots of a fit drawn two at once (the sweep that was not stopped) and drawn alone (one fit at a time,
     * in another JVM or after a resume): the same files, each a PNG of the same pixels.
     */
    private static void assertSamePlots(Path concurrent, Path alone) throws IOException {
        List<String> names = pngs(concurrent);
        assertTrue(names.contains("loss.png") && names.contains("unknowns.png"), names.toString());
        assertEquals(names, pngs(alone), alone.toString());
        for (String png : names) {
            BufferedImage a = ImageIO.read(concurrent.resolve(png).toFile()),
                    b = ImageIO.read(alone.resolve(png).toFile());
            assertTrue(a != null && b != null, png + " is not a readable PNG");
            assertEquals(a.getWidth() + "x" + a.getHeight(), b.getWidth() + "x" + b.getHeight(), png);
            assertArrayEquals(
                    a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
                    b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()),
                    alone.resolve(png) + ": other pixels than when drawn beside another fit");
        }
    }

    private static List<String> pngs(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".png"))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> sweepArgs(Path out, String jobs, String progress) {
        return new ArrayList<>(List.of(
                "sweep",
                "--spec",
                dir.resolve("sweep.json").toString(),
                "--out",
                out.toString(),
                "--jobs",
                jobs,
                "--progress",
                progress));
    }

    /** sweep.csv with the measured columns blanked: every result, status and stop reason, as written. */
    private static List<String> results(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.size(), cells.length, line);
            for (String m : MEASURED) cells[header.indexOf(m)] = "";
            out.add(String.join(",", cells));
        }
        return out;
    }

    /** One column of sweep.csv, row by row. */
    private static List<String> column(Path csv, String name) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int c = Arrays.asList(lines.get(0).split(",", -1)).indexOf(name);
        assertTrue(c >= 0, lines.get(0));
        return lines.subList(1, lines.size()).stream()
                .map(l -> l.split(",", -1)[c])
                .toList();
    }

    /** A file's bytes and modification time (a folder's: its time alone). */
    record FileState(FileTime modified, String sha256) {
        static Map<String, FileState> of(Path folder) throws IOException {
            Map<String, FileState> out = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.toList()) {
                    String digest = Files.isRegularFile(p) ? sha256(Files.readAllBytes(p)) : "";
                    out.put(folder.relativize(p).toString(), new FileState(Files.getLastModifiedTime(p), digest));
                }
            }
            return out;
        }

        private static String sha256(byte[] bytes) {
            try {
                return java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(bytes));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
