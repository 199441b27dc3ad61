package dev.mollify.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every chapter of {@code docs/guide} shows its example's real output, so a chapter cannot drift from its code.
 *
 * <p>A chapter marks a pasted output with an HTML comment on the line before a {@code ```text} fence:
 * <pre>
 * &lt;!-- output: Ch01Tensors part=strides rtol=1e-9 --&gt;
 * </pre>
 * The block is compared with what {@code dev.mollify.examples.guide.Ch01Tensors.main()} prints (one run per class,
 * shared by its blocks). Options:
 * <ul>
 *   <li>{@code part=NAME} — only the lines after the example's line {@code == NAME ==}, up to the next such line;</li>
 *   <li>{@code rtol=R} — numbers agree when |a − b| ≤ R·max(|a|, |b|) + 1e-12 (default 1e-6);</li>
 *   <li>{@code measured} — the numbers are timings or memory, different on every run: only the words are compared.</li>
 * </ul>
 * Words (everything between numbers, whitespace collapsed) must match exactly; numbers must match in count and
 * within the tolerance.
 *
 * <p>The chapters' {@code ```java} blocks are checked by {@link GuideCodeTest}: each carries a marker
 * {@code <!-- code: Ch01Tensors part=strides -->} and must equal the example's lines between {@code // guide: strides}
 * and {@code // guide: end}.
 */
class GuideOutputTest {
    static final Path GUIDE = Path.of("..", "docs", "guide");
    static final String PACKAGE = "dev.mollify.examples.guide.";
    static final Pattern MARKER = Pattern.compile("^<!-- output: (\\w+)((?:\\s+[\\w.=+-]+)*)\\s*-->\\s*$");
    static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");

    private final Map<String, String> outputs = new HashMap<>();

    /** One pasted block: where it is, what produced it, how to compare it. */
    record Block(Path chapter, int line, String example, String part, double rtol, boolean measured, String text) {
        String label() {
            return chapter.getFileName() + ":" + line + " " + example + (part == null ? "" : " part=" + part);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPastedOutputMatchesItsExample() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path chapter : chapters()) blocks.addAll(blocks(chapter));
        return blocks.stream()
                .map(b -> DynamicTest.dynamicTest(b.label(), () -> {
                    String actual = section(outputOf(b.example()), b.part(), b.label());
                    assertMatches(b, b.text(), actual);
                }));
    }

    @Test
    void everyChapterHasOutputAndNamesItsCommand() throws IOException {
        List<Path> chapters = chapters();
        assertFalse(chapters.isEmpty(), "no chapters under " + GUIDE.toAbsolutePath());
        for (Path c : chapters) {
            String text = Files.readString(c, UTF_8);
            assertFalse(
                    blocks(c).isEmpty(), c.getFileName() + " pastes no example output (an <!-- output: … --> block)");
            assertTrue(
                    text.contains("examples/run Ch"),
                    c.getFileName() + " does not name the command that runs its example (examples/run ChNN…)");
        }
    }

    @Test
    void everyExampleIsInTheGuide() throws IOException {
        List<String> shown = new ArrayList<>();
        for (Path c : chapters()) for (Block b : blocks(c)) shown.add(b.example());
        Path sources = Path.of("src", "main", "java", "dev", "mollify", "examples", "guide");
        try (Stream<Path> files = Files.list(sources)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("Ch\\d\\d\\w*\\.java"))
                    .toList()) {
                String name = f.getFileName().toString().replace(".java", "");
                assertTrue(shown.contains(name), name + " is not shown in any chapter of docs/guide");
            }
        }
    }

    @Test
    void theComparisonToleratesRoundingAndCatchesDrift() {
        Block b = new Block(Path.of("x.md"), 1, "X", null, 1e-6, false, "");
        assertMatches(b, "loss 1.0000000  D = 0.25", "loss 1.00000001 D = 0.25");
        assertThrowsAssertion(() -> assertMatches(b, "loss 1.0", "loss 1.1"));
        assertThrowsAssertion(() -> assertMatches(b, "loss 1.0", "cost 1.0"));
        assertThrowsAssertion(() -> assertMatches(b, "loss 1.0", "loss 1.0 2.0"));
        Block m = new Block(Path.of("x.md"), 1, "X", null, 1e-6, true, "");
        assertMatches(m, "took 12 ms", "took 15 ms");
        assertEquals("b\nc", section("== p ==\na\n== q ==\nb\nc\n== r ==\nd", "q", "x"));
    }

    private static void assertThrowsAssertion(Runnable r) {
        try {
            r.run();
        } catch (AssertionError expected) {
            return;
        }
        fail("expected a mismatch");
    }

    static List<Path> chapters() throws IOException {
        if (!Files.isDirectory(GUIDE)) return List.of();
        try (Stream<Path> files = Files.list(GUIDE)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.md"))
                    .sorted()
                    .toList();
        }
    }

    static List<Block> blocks(Path chapter) throws IOException {
        List<String> lines = Files.readAllLines(chapter, UTF_8);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i));
            if (!m.matches()) continue;
            if (i + 1 >= lines.size() || !lines.get(i + 1).trim().equals("```text")) {
                fail(chapter.getFileName() + ":" + (i + 1) + ": an output marker must be followed by a ```text fence");
            }
            String part = null;
            double rtol = 1e-6;
            boolean measured = false;
            for (String opt : m.group(2).trim().split("\\s+")) {
                if (opt.isEmpty()) continue;
                if (opt.startsWith("part=")) part = opt.substring(5);
                else if (opt.startsWith("rtol=")) rtol = Double.parseDouble(opt.substring(5));
                else if (opt.equals("measured")) measured = true;
                else
                    fail(chapter.getFileName() + ":" + (i + 1) + ": unknown output option '" + opt
                            + "' (part=, rtol=, measured)");
            }
            StringBuilder text = new StringBuilder();
            int j = i + 2;
            for (; j < lines.size() && !lines.get(j).trim().equals("```"); j++)
                text.append(lines.get(j)).append('\n');
            if (j == lines.size()) fail(chapter.getFileName() + ":" + (i + 1) + ": the output block is not closed");
            out.add(new Block(chapter, i + 1, m.group(1), part, rtol, measured, text.toString()));
            i = j;
        }
        return out;
    }

    /** What the example's main prints, run once per class in this JVM. */
    String outputOf(String example) throws Exception {
        String cached = outputs.get(example);
        if (cached != null) return cached;
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, UTF_8));
        try {
            Class.forName(PACKAGE + example).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            throw new AssertionError(example + ".main failed", e.getCause());
        } finally {
            System.setOut(saved);
        }
        String text = buffer.toString(UTF_8);
        outputs.put(example, text);
        return text;
    }

    /** The lines after {@code == part ==} up to the next header (all of it when part is null). */
    static String section(String output, String part, String label) {
        if (part == null) return output.strip();
        String[] lines = output.split("\n", -1);
        StringBuilder s = new StringBuilder();
        boolean in = false, found = false;
        for (String l : lines) {
            boolean header = l.startsWith("== ") && l.trim().endsWith(" ==");
            if (header) {
                in = l.trim().equals("== " + part + " ==");
                found |= in;
                continue;
            }
            if (in) s.append(l).append('\n');
        }
        if (!found) fail(label + ": the example prints no section '== " + part + " =='");
        return s.toString().strip();
    }

    static void assertMatches(Block b, String pasted, String actual) {
        String pw = words(pasted), aw = words(actual);
        if (!pw.equals(aw)) {
            fail(b.label()
                    + ": the pasted output's words differ from the example's (paste the new output)\n--- pasted\n"
                    + pasted + "\n--- actual\n" + actual);
        }
        if (b.measured()) return;
        List<Double> pn = numbers(pasted), an = numbers(actual);
        for (int i = 0; i < pn.size(); i++) {
            double p = pn.get(i), a = an.get(i);
            if (!(Math.abs(p - a) <= b.rtol() * Math.max(Math.abs(p), Math.abs(a)) + 1e-12)) {
                fail(b.label() + ": number " + (i + 1) + " is " + a + ", the chapter shows " + p + " (rtol " + b.rtol()
                        + ")\n--- actual\n" + actual);
            }
        }
    }

    /** The text with every number replaced by '#' and whitespace collapsed. */
    static String words(String text) {
        return NUMBER.matcher(text).replaceAll("#").trim().replaceAll("\\s+", " ");
    }

    static List<Double> numbers(String text) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) out.add(Double.parseDouble(m.group()));
        return out;
    }
}
