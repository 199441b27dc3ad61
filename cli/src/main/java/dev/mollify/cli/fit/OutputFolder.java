package dev.mollify.cli.fit;

import dev.mollify.cli.CliException;
import dev.mollify.cli.ExitCode;
import dev.mollify.cli.data.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The output folder: created and checked writable before any work starts; files written atomically. */
public final class OutputFolder {
    /** The file holding a fit's arguments, read back by {@code --resume}. */
    public static final String ARGS = "fit-args.txt";

    private OutputFolder() {}

    /** Creates {@code dir} if needed and proves it writable, or throws with exit code OUTPUT. */
    public static void prepare(Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new CliException(ExitCode.OUTPUT, "output folder " + dir + " is a file; choose another --out");
            }
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new CliException(ExitCode.OUTPUT, "cannot write to the output folder " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); choose a writable --out", e);
        }
    }

    /**
     * Checks, without creating anything, that a new fit could be written to {@code dir}: it is a
     * folder or can be made in a writable one, and holds no earlier fit unless {@code force}.
     */
    public static void check(Path dir, boolean force) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new CliException(ExitCode.OUTPUT, "output folder " + dir + " is a file; choose another --out");
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new CliException(ExitCode.OUTPUT, "cannot write to the output folder " + dir + ": "
                    + (existing == null ? "no part of the path exists" : existing + (Files.isDirectory(existing) ? " is not writable" : " is a file"))
                    + "; choose a writable --out");
        }
        if (!force && holdsFit(abs)) {
            throw CliException.usage("the output folder " + dir + " holds an earlier fit; choose another --out, continue it with --resume " + dir
                    + ", or replace it with --force");
        }
    }

    private static boolean holdsFit(Path dir) {
        return Files.exists(dir.resolve("report.json")) || Files.exists(dir.resolve(FitRun.CHECKPOINTS));
    }

    /**
     * Claims {@code dir} for a new fit: a folder that holds an earlier fit (its report or checkpoints;
     * the saved arguments of a fit that stopped at a setup error do not count) is refused, so nothing is overwritten silently, unless {@code force}, which
     * empties it first. Returns whether an earlier fit was replaced.
     */
    public static boolean claim(Path dir, boolean force) {
        if (!holdsFit(dir)) return false;
        if (!force) {
            throw CliException.usage("the output folder " + dir + " holds an earlier fit; choose another --out, continue it with --resume " + dir
                    + ", or replace it with --force");
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) Files.delete(p);
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.OUTPUT, "cannot empty the output folder " + dir + " for --force (" + e.getMessage() + ")", e);
        }
        return true;
    }

    /** Writes text to {@code file} through a temporary file and a rename, so readers never see half a file. */
    public static void writeAtomically(Path file, String text) throws IOException {
        AtomicFile.writeString(file, text);
    }

    /** Saves a fit's arguments (one per line) for {@code --resume}. */
    public static void saveArgs(Path dir, List<String> args) throws IOException {
        writeAtomically(dir.resolve(ARGS), String.join("\n", args) + "\n");
    }

    /** The arguments saved by {@link #saveArgs}. */
    public static List<String> loadArgs(Path dir) {
        Path f = dir.resolve(ARGS);
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "--resume " + dir + ": no " + ARGS + " there (" + e.getMessage()
                    + "); give the --out folder of an earlier fit");
        }
    }
}
