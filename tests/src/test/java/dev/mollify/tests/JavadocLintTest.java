package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Javadoc of each module this one depends on is complete: {@code javadoc -Xdoclint:all} over the
 * module's main sources reports no warning and no error (no public type, constructor, method or field
 * without a comment, no missing {@code @param}, {@code @return} or {@code @throws}, no broken link or HTML).
 * The class path is this test's own, which holds every such module and its dependencies. The same check
 * runs by hand for any module, with a count per module, as {@code docs/check-javadoc.sh MODULE}.
 */
class JavadocLintTest {
    static final Path REPO = Path.of("..");

    @ParameterizedTest
    @ValueSource(strings = {"tensor", "autograd", "mollifier", "pde", "cuda-kernels", "cli"})
    void noDoclintWarnings(String module) throws IOException {
        Path sources = REPO.resolve(module).resolve(Path.of("src", "main", "java"));
        Path out = Files.createTempDirectory("javadoc-" + module);
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        DiagnosticCollector<JavaFileObject> said = new DiagnosticCollector<>();
        List<String> problems = new ArrayList<>();
        try (StandardJavaFileManager files = javadoc.getStandardFileManager(said, Locale.ROOT, null)) {
            List<String> options = new ArrayList<>(Arrays.asList(
                    "-quiet",
                    "-Xdoclint:all",
                    "-Xmaxwarns",
                    "100000",
                    "--add-modules",
                    "jdk.incubator.vector",
                    "-d",
                    out.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-sourcepath",
                    sources.toString(),
                    "-subpackages",
                    "dev.mollify"));
            StringWriter log = new StringWriter();
            javadoc.getTask(log, files, said, null, options, null).call();
            for (Diagnostic<? extends JavaFileObject> d : said.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.WARNING && d.getKind() != Diagnostic.Kind.ERROR) continue;
                String message = d.getMessage(Locale.ROOT);
                if (message.contains("incubat")) continue; // "using incubating module(s)"
                String where = d.getSource() == null
                        ? ""
                        : REPO.toAbsolutePath()
                                        .normalize()
                                        .relativize(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber() + ": ";
                problems.add(where + message);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(out)) {
                walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                        .forEach(p -> p.toFile().delete());
            }
        }
        assertEquals(
                List.of(),
                problems.subList(0, Math.min(problems.size(), 40)),
                module + ": " + problems.size() + " doclint warnings/errors (the first 40 shown)");
    }
}
