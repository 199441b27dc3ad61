package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate writes plain data and NAME.json beside it; fit reads the truth from there (and still from '# truth.' lines
 * of files made elsewhere).
 */
class SidecarTest {
    @TempDir
    Path dir;

    private CliRunner fit(Path data, Path out) {
        return CliRunner.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05",
                "--steps",
                "2",
                "--lbfgs",
                "0",
                "--route",
                "autodiff",
                "--hidden",
                "8",
                "--progress",
                "none",
                "--out",
                out.toString());
    }

    @Test
    void generateWritesAPlainCsvAndTheTruthBesideIt() throws IOException {
        Path data = dir.resolve("heat.csv");
        CliRunner g = CliRunner.run(
                "generate",
                "--problem",
                "heat",
                "--grid",
                "17x9",
                "--noise",
                "0.01",
                "--seed",
                "3",
                "--out",
                data.toString());
        assertEquals(0, g.code(), g.toString());
        List<String> lines = Files.readAllLines(data);
        assertEquals("x,t,u", lines.get(0), "the CSV starts with its header");
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("#")), "no comment lines");
        assertEquals(1 + 17 * 9, lines.size());
        String json = Files.readString(dir.resolve("heat.json"));
        assertTrue(json.contains("\"truth\": {\n    \"D\": 0.1\n  }"), json);
        assertTrue(
                json.contains("\"noise\": 0.01") && json.contains("\"seed\": 3") && json.contains("\"nx\": 17"), json);
        assertTrue(g.out().contains("-> " + dir.resolve("heat.json")), g.out());

        CliRunner f = fit(data, dir.resolve("fit"));
        assertEquals(0, f.code(), f.toString());
        assertTrue(
                Files.readString(dir.resolve("fit/report.json")).contains("\"truth\": 0.1"),
                "the report compares with the sidecar's truth");
        try (var s = Files.list(dir.resolve("fit"))) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary file is left");
        }
        List<String> fields = Files.readAllLines(dir.resolve("fit/fields.csv"));
        assertTrue(fields.get(0).startsWith("x,t,") || fields.get(0).startsWith("t,x,"), fields.get(0));
        assertTrue(fields.stream().noneMatch(l -> l.startsWith("#")), "fields.csv is plain: no comment lines");
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            try (var s = Files.walk(dir.resolve("fit"))) {
                var perms = s.filter(Files::isRegularFile)
                        .collect(java.util.stream.Collectors.groupingBy(
                                p -> {
                                    try {
                                        return Files.getPosixFilePermissions(p);
                                    } catch (IOException e) {
                                        throw new java.io.UncheckedIOException(e);
                                    }
                                },
                                java.util.stream.Collectors.mapping(
                                        p -> p.getFileName().toString(), java.util.stream.Collectors.toList())));
                assertEquals(1, perms.size(), "one permission policy for every file of the report: " + perms);
                assertTrue(
                        perms.values()
                                .iterator()
                                .next()
                                .containsAll(List.of("report.json", "model.safetensors", "loss.png")),
                        perms.toString());
            }
        }
    }

    @Test
    void npzDataGetTheSameSidecar() throws IOException {
        Path data = dir.resolve("kdv.npz");
        assertEquals(
                0,
                CliRunner.run("generate", "--problem", "kdv", "--grid", "32x9", "--out", data.toString())
                        .code());
        String json = Files.readString(dir.resolve("kdv.json"));
        assertTrue(json.contains("\"a\"") && json.contains("\"b\""), json);
    }

    @Test
    void commentLinesOfFilesMadeElsewhereAreStillRead() throws IOException {
        StringBuilder s = new StringBuilder("# measured on the bench, 3 March\n# truth.D = 0.25\nx,t,u\n");
        for (int i = 0; i < 9; i++)
            for (int j = 0; j < 9; j++)
                s.append(j / 8.0)
                        .append(',')
                        .append(i / 8.0)
                        .append(',')
                        .append(Math.sin(j / 8.0) * Math.exp(-i / 8.0))
                        .append('\n');
        Path data = dir.resolve("bench.csv");
        Files.writeString(data, s);
        CliRunner f = fit(data, dir.resolve("bench"));
        assertEquals(0, f.code(), f.toString());
        assertTrue(Files.readString(dir.resolve("bench/report.json")).contains("\"truth\": 0.25"));
    }

    @Test
    void aJsonBesideTheDataThatHoldsNoTruthIsLeftAlone() throws IOException {
        StringBuilder s = new StringBuilder("x,t,u\n");
        for (int i = 0; i < 9; i++)
            for (int j = 0; j < 9; j++)
                s.append(j / 8.0)
                        .append(',')
                        .append(i / 8.0)
                        .append(',')
                        .append(Math.sin(j / 8.0) * Math.exp(-i / 8.0))
                        .append('\n');
        Path data = dir.resolve("mine.csv");
        Files.writeString(data, s);
        Files.writeString(dir.resolve("mine.json"), "{\"instrument\": \"probe 7\", ");
        CliRunner f = fit(data, dir.resolve("mine"));
        assertEquals(0, f.code(), f.toString());
        assertFalse(Files.readString(dir.resolve("mine/report.json")).contains("\"truth\""));
    }
}
