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
    /** The SHA-256 of the data a fit started on, in {@code sha256sum}'s format; {@code --resume} refuses other data. */
    public static final String DATA_HASH = "data.sha256";

    private OutputFolder() {}

    /**
     * Creates {@code dir} if needed and proves it writable by creating and deleting a temporary file in it.
     *
     * @param dir the output folder
     * @throws CliException with {@link ExitCode#OUTPUT} when {@code dir} is a file, cannot be created or
     *     cannot be written
     */
    public static void prepare(Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new CliException(ExitCode.OUTPUT, "output folder " + dir + " is a file; choose another --out");
            }
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new CliException(
                    ExitCode.OUTPUT,
                    "cannot write to the output folder " + dir + " ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a writable --out",
                    e);
        }
    }

    /**
     * Checks, without creating anything, that a new fit could be written to {@code dir}: it is a
     * folder or can be made in a writable one, and holds no earlier fit unless {@code force}.
     *
     * @param dir the output folder, which need not exist
     * @param force true to accept a folder holding an earlier fit ({@link #claim} replaces it later)
     * @throws CliException with {@link ExitCode#OUTPUT} when {@code dir} is a file or its nearest existing
     *     ancestor is not a writable folder; with {@link ExitCode#USAGE} when it holds an earlier fit (its
     *     {@code report.json} or {@code checkpoints/}) and {@code force} is false
     */
    public static void check(Path dir, boolean force) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new CliException(ExitCode.OUTPUT, "output folder " + dir + " is a file; choose another --out");
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new CliException(
                    ExitCode.OUTPUT,
                    "cannot write to the output folder " + dir + ": "
                            + (existing == null
                                    ? "no part of the path exists"
                                    : existing + (Files.isDirectory(existing) ? " is not writable" : " is a file"))
                            + "; choose a writable --out");
        }
        if (!force && holdsFit(abs)) {
            throw CliException.usage("the output folder " + dir
                    + " holds an earlier fit; choose another --out, continue it with --resume " + dir
                    + ", or replace it with --force");
        }
    }

    private static boolean holdsFit(Path dir) {
        return Files.exists(dir.resolve("report.json")) || Files.exists(dir.resolve(FitRun.CHECKPOINTS));
    }

    /**
     * Claims {@code dir} for a new fit: a folder that holds an earlier fit (its report or checkpoints;
     * the saved arguments of a fit that stopped at a setup error do not count) is refused, so nothing is overwritten
     * silently, unless {@code force}, which
     * empties it first.
     *
     * @param dir the output folder, existing
     * @param force true to empty a folder that holds an earlier fit
     * @return whether an earlier fit was replaced
     * @throws CliException with {@link ExitCode#USAGE} when {@code dir} holds an earlier fit and {@code force}
     *     is false; with {@link ExitCode#OUTPUT} when it cannot be emptied
     */
    public static boolean claim(Path dir, boolean force) {
        if (!holdsFit(dir)) return false;
        if (!force) {
            throw CliException.usage("the output folder " + dir
                    + " holds an earlier fit; choose another --out, continue it with --resume " + dir
                    + ", or replace it with --force");
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) Files.delete(p);
            }
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.OUTPUT,
                    "cannot empty the output folder " + dir + " for --force (" + e.getMessage() + ")",
                    e);
        }
        return true;
    }

    /**
     * Writes text to {@code file} (UTF-8) through a temporary file and a rename, so readers never see half a
     * file.
     *
     * @param file the file to create or replace; its folder must exist
     * @param text the whole content
     * @throws IOException when the temporary file cannot be written or renamed
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        AtomicFile.writeString(file, text);
    }

    /**
     * Saves a fit's arguments to {@code dir/fit-args.txt}, one per line, for {@code --resume}.
     *
     * @param dir the output folder
     * @param args the arguments of {@code mollify fit}, without the command name and {@code --force}
     * @throws IOException when the file cannot be written
     */
    public static void saveArgs(Path dir, List<String> args) throws IOException {
        writeAtomically(dir.resolve(ARGS), String.join("\n", args) + "\n");
    }

    /**
     * The arguments saved by {@link #saveArgs}, empty lines dropped.
     *
     * @param dir the output folder of an earlier fit
     * @return the arguments, in their order
     * @throws CliException with {@link ExitCode#USAGE} when {@code dir/fit-args.txt} cannot be read
     */
    public static List<String> loadArgs(Path dir) {
        Path f = dir.resolve(ARGS);
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.USAGE,
                    "--resume " + dir + ": no " + ARGS + " there (" + e.getMessage()
                            + "); give the --out folder of an earlier fit");
        }
    }

    /**
     * Records the SHA-256 of {@code data} in {@code dir/data.sha256} for {@link #checkSameData}, as a
     * {@code sha256sum} line ({@code HEX  FILE}).
     *
     * @param dir the output folder
     * @param data the data file the fit starts on
     * @throws IOException when the data cannot be read or the record cannot be written
     */
    public static void saveDataHash(Path dir, Path data) throws IOException {
        writeAtomically(dir.resolve(DATA_HASH), sha256(data) + "  " + data + "\n");
    }

    /**
     * Refuses to resume on data that differ from the data the fit started on: a resumed run must be the
     * run that was interrupted. A folder without the record (made by hand) is not checked.
     *
     * @param dir the output folder of the fit to resume
     * @param data the data file the resumed fit would read
     * @throws CliException with {@link ExitCode#BAD_DATA} when the data or the record cannot be read, or the
     *     data's SHA-256 differs from the recorded one
     */
    public static void checkSameData(Path dir, Path data) {
        Path f = dir.resolve(DATA_HASH);
        if (!Files.exists(f)) return;
        String recorded, now;
        try {
            String line = Files.readString(f, StandardCharsets.UTF_8).strip();
            recorded = line.split("\\s+", 2)[0];
            now = sha256(data);
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.BAD_DATA,
                    "--resume " + dir + ": cannot read " + (Files.exists(data) ? f : data) + " (" + e.getMessage()
                            + ")",
                    e);
        }
        if (!recorded.equalsIgnoreCase(now)) {
            throw new CliException(
                    ExitCode.BAD_DATA,
                    "--resume " + dir + ": the data file " + data + " changed since this fit started (SHA-256 "
                            + abbreviate(recorded) + " then, " + abbreviate(now)
                            + " now); a resumed fit must continue on the same data. "
                            + "Restore the file, or start a new fit with another --out (or --force)");
        }
    }

    /**
     * Refuses to resume a fit that already ended (converged, used its budget or its steps, diverged): its
     * report says why it stopped. Only an interrupted fit, or one stopped before its report, continues.
     *
     * @param dir the output folder of the fit to resume
     * @throws CliException with {@link ExitCode#USAGE} when {@code dir/report.json} names a stop reason other
     *     than {@link Interruption#REASON}
     */
    public static void checkUnfinished(Path dir) {
        Path report = dir.resolve("report.json");
        if (!Files.exists(report)) return;
        String reason;
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"stopReason\": \"([^\"]*)\"")
                    .matcher(Files.readString(report, StandardCharsets.UTF_8));
            if (!m.find()) return;
            reason = m.group(1);
        } catch (IOException e) {
            return; // an unreadable report: the checkpoint decides
        }
        if (reason.equals(Interruption.REASON)) return;
        throw CliException.usage("--resume " + dir + ": that fit already ended (" + reason + "); its results are in "
                + report + ". To fit again, start a new fit with another --out, or replace this one with --force");
    }

    static String sha256(Path file) throws IOException {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static String abbreviate(String hex) {
        return hex.length() > 12 ? hex.substring(0, 12) + "…" : hex;
    }
}
