package dev.mollify.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seed rule of this module's README, checked over the sources: no {@code .java} file under a
 * module's {@code src/main} or {@code src/test} draws random numbers without a seed of its own
 * ({@code new Random()}, {@code Math.random()}, {@code ThreadLocalRandom}, {@code SecureRandom},
 * {@code new SplittableRandom()}) or seeds a generator from the clock. A failure then reproduces bit
 * for bit from the seeds written in the code.
 */
class FixedSeedsTest {
    static final Path REPO = Path.of("..");

    /** The ways to draw numbers that no written seed fixes. */
    static final Pattern UNSEEDED = Pattern.compile("new\\s+(Random|SplittableRandom)\\s*\\(\\s*\\)"
            + "|Math\\s*\\.\\s*random\\s*\\("
            + "|ThreadLocalRandom|SecureRandom"
            + "|new\\s+(Random|SplittableRandom)\\s*\\(\\s*System\\s*\\.\\s*(nanoTime|currentTimeMillis)");

    @Test
    void everyRandomChoiceTakesASeed() throws IOException {
        Path self = REPO.resolve("test-support/src/test/java/dev/mollify/testing/FixedSeedsTest.java");
        List<String> found = new ArrayList<>();
        int files = 0;
        for (Path source : sources()) {
            if (Files.isSameFile(source, self)) continue;
            files++;
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = UNSEEDED.matcher(lines.get(i));
                if (m.find()) found.add(REPO.relativize(source) + ":" + (i + 1) + ": " + m.group());
            }
        }
        assertTrue(files > 300, "found only " + files + " source files: the scan missed the modules");
        assertEquals(List.of(), found, "random numbers without a seed (pass one: new Random(seed), …)");
    }

    @Test
    void thePatternFindsEachUnseededForm() {
        for (String line : List.of(
                "Random r = new Random();",
                "double u = Math.random();",
                "ThreadLocalRandom.current().nextInt(3)",
                "new SecureRandom()",
                "new SplittableRandom( )",
                "new Random(System.nanoTime())")) {
            assertTrue(UNSEEDED.matcher(line).find(), line);
        }
        for (String line : List.of("new Random(20240611L)", "new SplittableRandom(seed)", "Tensor.randn(seed, 3)")) {
            assertTrue(!UNSEEDED.matcher(line).find(), line);
        }
    }

    /** Every {@code .java} file under a module's {@code src/main} and {@code src/test}. */
    static List<Path> sources() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPO)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                for (String part : List.of("main", "test")) {
                    Path dir = module.resolve(Path.of("src", part));
                    if (!Files.isDirectory(dir)) continue;
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
                    }
                }
            }
        }
        return out;
    }
}
