package dev.mollify.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of {@code docs/guide} is a region of code that is compiled and run, so the code a
 * chapter shows cannot drift from the code behind its output.
 *
 * <p>A chapter marks each code block with an HTML comment on the line before its {@code ```java} fence:
 * <pre>
 * &lt;!-- code: Ch01Tensors part=strides --&gt;
 * &lt;!-- code: autograd/src/main/java/dev/mollify/autograd/Ops.java part=mul --&gt;
 * </pre>
 * A bare class name is a chapter's example ({@code examples/src/main/java/dev/mollify/examples/guide/NAME.java});
 * a path (relative to the repository root, under some module's {@code src/main/java}) is library code the chapter
 * quotes. In that file the region is delimited by two comment lines:
 * <pre>
 * // guide: strides
 * Tensor a = Tensor.arange(12).reshape(3, 4); // storage 0, 1, …, 11, row-major
 * // guide: end
 * </pre>
 * The block must equal the lines between them exactly, comments included, after both sides lose their common
 * leading indentation, trailing spaces and leading or trailing blank lines. Pieces of one file that lie apart go
 * into one block as {@code part=a,b}: the regions one after the other, each de-indented on its own, with one blank
 * line between them. A region name is unique within its file, regions do not nest, and every region (in the
 * examples or in any module's main sources) is shown by some chapter. Run {@code mvn spotless:apply} before
 * copying a region into a chapter: the formatter may re-wrap its lines.
 */
class GuideCodeTest {
    static final Path REPO = Path.of("..");
    static final Path EXAMPLES = Path.of("src", "main", "java", "dev", "mollify", "examples", "guide");
    static final Pattern MARKER = Pattern.compile("^<!-- code: ([\\w./-]+) part=([\\w,-]+) -->$");
    static final Pattern REGION = Pattern.compile("^\\s*// guide: ([\\w-]+)\\s*$");
    static final String END = "end";

    /** One code block of a chapter: where it is, which regions it shows (comma-separated), its text. */
    record Block(Path chapter, int line, String source, String part, List<String> text) {
        List<String> parts() {
            return List.of(part.split(","));
        }

        String label() {
            return chapter.getFileName() + ":" + line + " " + source + " part=" + part;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCodeBlockIsARegionOfCodeThatRuns() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path chapter : GuideOutputTest.chapters()) blocks.addAll(blocks(chapter));
        return blocks.stream().map(b -> DynamicTest.dynamicTest(b.label(), () -> assertShowsItsRegions(b)));
    }

    static void assertShowsItsRegions(Block b) throws IOException {
        assertShows(b, regions(file(b.source(), b.label())));
    }

    /** The block is its regions, in order, each de-indented, with one blank line between two of them. */
    static void assertShows(Block b, Map<String, List<String>> regions) {
        List<String> shown = new ArrayList<>();
        for (String part : b.parts()) {
            List<String> region = regions.get(part);
            if (region == null) {
                fail(b.label() + ": " + b.source() + " has no region '" + part + "' (regions: " + regions.keySet()
                        + "); mark it with the lines // guide: " + part + " and // guide: end");
            }
            if (!shown.isEmpty()) shown.add("");
            shown.addAll(normalised(region));
        }
        List<String> text = normalised(b.text());
        int line = 0;
        while (line < shown.size() && line < text.size() && shown.get(line).equals(text.get(line))) line++;
        String first = line < Math.max(shown.size(), text.size())
                ? " (first difference at line " + (line + 1) + " of the block: the source has '"
                        + (line < shown.size() ? shown.get(line) : "") + "', the chapter '"
                        + (line < text.size() ? text.get(line) : "") + "')"
                : "";
        assertEquals(
                String.join("\n", shown),
                String.join("\n", text),
                b.label() + ": the chapter's code differs from the source" + first
                        + "; copy the region after spotless:apply");
    }

    @Test
    void everyRegionIsShownInAChapter() throws IOException {
        Set<String> shown = new HashSet<>();
        Set<Path> files = new HashSet<>();
        for (Path chapter : GuideOutputTest.chapters())
            for (Block b : blocks(chapter)) {
                Path f = file(b.source(), b.label()).toAbsolutePath().normalize();
                files.add(f);
                for (String part : b.parts()) shown.add(f + "#" + part);
            }
        files.addAll(sourcesWithRegions());
        for (Path f : files)
            for (String part : regions(f).keySet()) {
                assertTrue(
                        shown.contains(f + "#" + part),
                        f.getFileName() + ": region '" + part + "' is shown in no chapter (show it or remove its"
                                + " // guide: lines)");
            }
    }

    @Test
    void regionsAreParsedAndCompared(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = dir.resolve("X.java");
        Files.writeString(
                f,
                "class X {\n    void m() {\n        // guide: a\n        int x = 1; // one\n\n"
                        + "        if (x > 0) {\n            x++;\n        }\n        // guide: end\n    }\n}\n");
        List<String> a = regions(f).get("a");
        assertEquals(List.of("int x = 1; // one", "", "if (x > 0) {", "    x++;", "}"), normalised(a));
        assertEquals(
                normalised(a), normalised(List.of("  int x = 1; // one  ", "", "  if (x > 0) {", "      x++;", "  }")));
        Files.writeString(f, "// guide: a\nint x;\n");
        assertThrows(AssertionError.class, () -> regions(f));
        Files.writeString(f, "// guide: a\n// guide: b\n// guide: end\n");
        assertThrows(AssertionError.class, () -> regions(f));
        Files.writeString(f, "// guide: a\n// guide: end\n// guide: a\n// guide: end\n");
        assertThrows(AssertionError.class, () -> regions(f));
        Files.writeString(f, "int x;\n// guide: end\n");
        assertThrows(AssertionError.class, () -> regions(f));
    }

    @Test
    void blocksMustBeMarkedAndEqualTheirRegions(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Map<String, List<String>> regions =
                Map.of("a", List.of("    int x = 1; // one"), "b", List.of("        x++;", "        return x;"));
        Path md = dir.resolve("01-x.md");
        Files.writeString(
                md,
                "text\n\n- item\n\n  <!-- code: ChX part=a,b -->\n  ```java\n  int x = 1; // one\n\n  x++;\n"
                        + "  return x;\n  ```\n\n<!-- code: ChX part=a -->\n```java\nint x = 1; // two\n```\n");
        List<Block> blocks = blocks(md);
        assertEquals(2, blocks.size());
        assertShows(blocks.get(0), regions);
        assertThrows(AssertionError.class, () -> assertShows(blocks.get(1), regions));
        Files.writeString(md, "```java\nint x = 1;\n```\n");
        assertThrows(AssertionError.class, () -> blocks(md));
        Files.writeString(md, "<!-- code: ChX part=a -->\n\n```java\nint x = 1;\n```\n");
        assertThrows(AssertionError.class, () -> blocks(md));
    }

    /** Every main source file of the repository's modules that has a {@code // guide:} line. */
    static List<Path> sourcesWithRegions() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPO)) {
            for (Path main : modules.map(m -> m.resolve(Path.of("src", "main", "java")))
                    .filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path f :
                            files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        if (Files.readString(f, UTF_8).contains("// guide: "))
                            out.add(f.toAbsolutePath().normalize());
                    }
                }
            }
        }
        return out;
    }

    /** The chapter's {@code ```java} blocks; a block without a marker, or a marker without a block, fails. */
    static List<Block> blocks(Path chapter) throws IOException {
        List<String> lines = Files.readAllLines(chapter, UTF_8);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = chapter.getFileName() + ":" + (i + 1);
            Matcher m = MARKER.matcher(lines.get(i).trim());
            boolean marker = m.matches();
            if (!marker && lines.get(i).trim().startsWith("<!-- code:")) {
                fail(where + ": a code marker reads <!-- code: ChNN… part=NAME --> or <!-- code: path/X.java"
                        + " part=NAME -->");
            }
            boolean fence = i + 1 < lines.size() && lines.get(i + 1).trim().equals("```java");
            if (marker && !fence) fail(where + ": a code marker must be followed by a ```java fence");
            if (lines.get(i).trim().equals("```java")) {
                fail(where + ": a ```java block needs a marker on the line before it, e.g."
                        + " <!-- code: Ch01Tensors part=NAME -->, naming a region // guide: NAME … // guide: end");
            }
            if (!marker) continue;
            List<String> text = new ArrayList<>();
            int j = i + 2;
            for (; j < lines.size() && !lines.get(j).trim().equals("```"); j++) text.add(lines.get(j));
            if (j == lines.size()) fail(where + ": the code block is not closed");
            out.add(new Block(chapter, i + 1, m.group(1), m.group(2), text));
            i = j;
        }
        return out;
    }

    /** An example's class name, or a main source's path from the repository root. */
    static Path file(String source, String label) {
        Path f;
        if (source.matches("\\w+")) f = EXAMPLES.resolve(source + ".java");
        else {
            if (!source.contains("/src/main/java/") || source.contains(".."))
                fail(label + ": a library excerpt names a file under a module's src/main/java: " + source);
            f = REPO.resolve(source);
        }
        if (!Files.isRegularFile(f)) fail(label + ": no such source file " + f);
        return f;
    }

    /** The regions of a source file, by name, each the lines strictly between its two comment lines. */
    static Map<String, List<String>> regions(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, UTF_8);
        Map<String, List<String>> out = new LinkedHashMap<>();
        String open = null;
        List<String> current = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = REGION.matcher(lines.get(i));
            String where = file.getFileName() + ":" + (i + 1);
            if (!m.matches()) {
                if (current != null) current.add(lines.get(i));
                continue;
            }
            String name = m.group(1);
            if (name.equals(END)) {
                if (open == null) fail(where + ": // guide: end without an open region");
                out.put(open, current);
                open = null;
                current = null;
            } else {
                if (open != null) fail(where + ": region '" + name + "' opens inside region '" + open + "'");
                if (out.containsKey(name)) fail(where + ": a second region '" + name + "'");
                open = name;
                current = new ArrayList<>();
            }
        }
        if (open != null) fail(file.getFileName() + ": region '" + open + "' is not closed by // guide: end");
        return out;
    }

    /** The lines without trailing spaces, leading or trailing blank lines, or their common indentation. */
    static List<String> normalised(List<String> lines) {
        List<String> t = lines.stream().map(String::stripTrailing).toList();
        int from = 0, to = t.size();
        while (from < to && t.get(from).isEmpty()) from++;
        while (to > from && t.get(to - 1).isEmpty()) to--;
        t = t.subList(from, to);
        int indent = t.stream()
                .filter(l -> !l.isEmpty())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        return t.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList();
    }
}
