package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code mollify} launcher script, run in a copy of the repository's layout with stand-ins for {@code mvn}
 * (records its arguments, takes a second, leaves a jar) and {@code java} (prints its arguments): two launches
 * at once build once (the lock), the build is {@code package} of the CLI and what it needs, never
 * {@code install}; a file changed under a {@code target} folder does not make it build again, a changed source
 * or {@code pom.xml} does.
 */
class LauncherTest {
    @TempDir
    Path root;

    @Test
    void buildsOnceUnderItsLockAndOnlyWhenASourceChanged() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/flock")) || Files.isExecutable(Path.of("/bin/flock")),
                "flock (util-linux) is not installed");
        Path script = root.resolve("mollify");
        Files.copy(Path.of("..", "mollify"), script);
        Path source = write("tensor/src/main/java/A.java", "class A {}");
        make(write("pom.xml", "<project/>"), -60);
        Path bin = Files.createDirectories(root.resolve("stand-ins"));
        executable(
                bin.resolve("mvn"),
                "#!/usr/bin/env bash\n"
                        + "echo \"$*\" >> \"$PWD/mvn-calls\"\n"
                        + "sleep 1\n"
                        + "mkdir -p cli/target/lib\n"
                        + "echo jar > cli/target/mollify-cli-0.jar\n"
                        + "echo jar > cli/target/lib/dependency.jar\n");
        executable(bin.resolve("java"), "#!/usr/bin/env bash\necho \"java $*\"\n");
        make(source, -60);

        Process first = launch(bin), second = launch(bin);
        String said = output(first), alsoSaid = output(second);
        assertEquals(0, first.exitValue(), said);
        assertEquals(0, second.exitValue(), alsoSaid);
        assertTrue(said.contains("dev.mollify.cli.Mollify --version"), said);
        assertTrue(alsoSaid.contains("dev.mollify.cli.Mollify --version"), alsoSaid);
        List<String> calls = Files.readAllLines(root.resolve("mvn-calls"));
        assertEquals(1, calls.size(), "two launches at once build once: " + calls);
        assertTrue(calls.get(0).contains("-pl cli -am package"), calls.get(0));
        assertFalse(calls.get(0).contains("install"), "nothing goes into ~/.m2: " + calls.get(0));
        assertTrue(
                said.contains("/cli/target/launch/") && said.contains("mollify-cli.jar"),
                "the run uses its own copy of the build: " + said);

        // a file newer than the build under target/ (a test's output, another build) is not a source
        make(write("tensor/target/classes/Generated.java", "class G {}"), 60);
        make(write("tensor/target-cli/Other.java", "class O {}"), 60);
        assertEquals(0, launch(bin).waitFor());
        assertEquals(1, Files.readAllLines(root.resolve("mvn-calls")).size(), "no build for files in target/");

        make(source, 60);
        assertEquals(0, launch(bin).waitFor());
        assertEquals(2, Files.readAllLines(root.resolve("mvn-calls")).size(), "a changed source builds again");

        make(source, -60); // older than the build again
        make(root.resolve("pom.xml"), 120);
        assertEquals(0, launch(bin).waitFor());
        assertEquals(3, Files.readAllLines(root.resolve("mvn-calls")).size(), "a changed pom.xml builds again");
    }

    private Process launch(Path bin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("mollify").toString(), "--version")
                .directory(root.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.remove("MOLLIFY_JAVA_OPTS");
        return pb.start();
    }

    private static String output(Process p) throws Exception {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private Path write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** Sets the file's modification time {@code seconds} from now. */
    private static void make(Path p, long seconds) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().plusSeconds(seconds)));
    }

    private static void executable(Path p, String text) throws IOException {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
