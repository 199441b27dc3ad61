package dev.mollify.cli.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: the target is whole or untouched, no temporary file survives, permissions follow the umask. */
class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteKeepsTheEarlierFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("report.json");
        AtomicFile.writeString(f, "first");
        IOException e = assertThrows(
                IOException.class,
                () -> AtomicFile.write(f, tmp -> {
                    Files.writeString(tmp, "half");
                    throw new IOException("disk full");
                }));
        assertEquals("disk full", e.getMessage());
        assertEquals("first", Files.readString(f));
        assertEquals(List.of(f), list());
    }

    @Test
    void aWriterThatAddsTheExtensionWritesTheTarget() throws IOException {
        Path f = dir.resolve("loss.png");
        AtomicFile.write(f, true, tmp -> {
            assertTrue(tmp.getFileName().toString().endsWith(".png"), tmp.toString());
            Files.writeString(tmp, "png");
        });
        assertEquals("png", Files.readString(f));
        assertEquals(List.of(f), list());
    }

    @Test
    void filesGetTheUmasksPermissionsLikeAnyOther() throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path f = dir.resolve("report.md");
        AtomicFile.writeString(f, "x");
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(f));
    }

    @Test
    void staleTemporaryFilesAreRemovedAndOthersKept() throws IOException {
        for (String n : List.of(
                "checkpoint.safetensors.123456.tmp",
                ".loss.png.98765.tmp.png",
                "model.safetensors.42.tmp",
                "report.json",
                "notes.tmp",
                "data.csv")) {
            Files.writeString(dir.resolve(n), n);
        }
        assertEquals(3, AtomicFile.cleanStale(dir));
        assertEquals(
                List.of("data.csv", "notes.tmp", "report.json"),
                list().stream().map(p -> p.getFileName().toString()).toList());
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aMissingFolderFailsWithoutAFile() {
        assertThrows(IOException.class, () -> AtomicFile.writeString(dir.resolve("no/such/file.txt"), "x"));
        assertFalse(Files.exists(dir.resolve("no")));
    }
}
