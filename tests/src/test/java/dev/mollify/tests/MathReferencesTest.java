package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code cites the math by section: a comment saying {@code docs/math.md, "Width gradient"} (or
 * {@code math.md "Widths"}) names a heading of {@code docs/math.md}. Every such citation in the main
 * sources ({@code *.java}, {@code *.cu}) of every module must name a heading that exists, word for word,
 * so a renamed or removed section cannot leave the Javadoc pointing nowhere.
 */
class MathReferencesTest {
    static final Path REPO = Path.of("..");

    /** {@code math.md}, then up to a few characters (a comma, "section"), then the quoted heading. */
    static final Pattern CITATION = Pattern.compile("math\\.md[^\"\\n]{0,12}\"([^\"\\n]+)\"");

    @Test
    void everyCitedSectionExists() throws IOException {
        Set<String> headings;
        try (Stream<String> lines = Files.lines(REPO.resolve("docs/math.md"))) {
            headings = lines.filter(l -> l.startsWith("#"))
                    .map(l -> l.replaceFirst("^#+\\s*", "").trim())
                    .collect(Collectors.toSet());
        }
        List<String> broken = new ArrayList<>();
        int citations = 0;
        for (Path source : mainSources()) {
            String text = Files.readString(source);
            // a citation may be wrapped onto the next comment line: join the lines first
            String joined = text.replaceAll("\\n\\s*(\\*|//)\\s*", " ");
            Matcher m = CITATION.matcher(joined);
            while (m.find()) {
                citations++;
                String heading = m.group(1).trim();
                if (!headings.contains(heading)) broken.add(REPO.relativize(source) + ": \"" + heading + "\"");
            }
        }
        assertTrue(
                citations > 30, "found only " + citations + " citations of docs/math.md: the scan missed the sources");
        assertEquals(List.of(), broken, "citations of docs/math.md sections that do not exist; headings: " + headings);
    }

    /** Every {@code .java} and {@code .cu} file under a module's {@code src/main}. */
    static List<Path> mainSources() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPO)) {
            for (Path main : modules.map(m -> m.resolve(Path.of("src", "main")))
                    .filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(p -> p.toString().endsWith(".java")
                                    || p.toString().endsWith(".cu"))
                            .forEach(out::add);
                }
            }
        }
        return out;
    }
}
