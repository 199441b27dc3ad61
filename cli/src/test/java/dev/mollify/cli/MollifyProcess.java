package dev.mollify.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** {@code mollify} as its own process (the JVM and class path of the tests), and the signals that stop it. */
final class MollifyProcess {
    private MollifyProcess() {}

    /** The command line that runs {@code mollify args} in a JVM of its own. */
    static List<String> command(List<String> args) {
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
        c.addAll(args);
        return c;
    }

    /**
     * Sends SIGTERM ({@code "TERM"}) or SIGINT ({@code "INT"}) and waits up to 60 s for the exit; skips the test
     * when SIGINT is ignored (a process started in the background inherits that from the test runner).
     */
    static void interrupt(Process p, String signal) throws Exception {
        if (signal.equals("TERM")) {
            p.destroy();
        } else {
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assumptions.assumeTrue(
                    signal.equals("TERM"),
                    "SIGINT is ignored in this test environment (inherited from the test runner)");
            throw new AssertionError("the interrupted run did not exit");
        }
    }
}
