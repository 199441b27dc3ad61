package dev.mollify.cli.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Every file {@code mollify} writes goes through here: the bytes go to a temporary file in the same
 * folder ({@code .NAME.<digits>.tmp[.ext]}), which is renamed over the target in one step once it is
 * complete, so a reader (or a later run) never sees half a file and an earlier file survives a
 * failed write. Files get the umask's permissions, like any file the user makes. The temporary file is deleted when
 * writing fails; {@link #cleanStale} removes those a
 * killed process left behind.
 */
public final class AtomicFile {
    /** Names of the temporary files of this class, {@code Checkpointer} and {@code Safetensors}. */
    private static final Pattern TEMPORARY = Pattern.compile("\\.?.+\\.\\d+\\.tmp(\\.[A-Za-z]+)?");

    private AtomicFile() {}

    /** Writes a file through a path given to it (the temporary file). */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the whole content to {@code tmp}, which exists and is empty; a writer may replace it.
         *
         * @param tmp the temporary file, in the target's folder
         * @throws IOException when writing fails; the temporary file is then deleted and the target kept
         */
        void writeTo(Path tmp) throws IOException;
    }

    /**
     * Writes {@code target} atomically: {@code body} writes the temporary file, which then replaces
     * the target. With {@code keepExtension} the temporary name ends in the target's extension (for
     * writers that add one, such as chart encoders).
     *
     * @param target the file to create or replace; its folder must exist
     * @param keepExtension true to end the temporary name in the target's extension ({@code .png})
     * @param body writes the content to the temporary file
     * @throws IOException when the temporary file cannot be created, {@code body} fails or the rename fails;
     *     the target is then unchanged
     */
    public static void write(Path target, boolean keepExtension, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String suffix = ".tmp" + (keepExtension && dot > 0 ? name.substring(dot) : "");
        Path tmp = reserve(abs.getParent(), "." + name + ".", suffix);
        try {
            body.writeTo(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new empty file {@code prefix}, digits, {@code suffix}, created with the umask's permissions (unlike
     * {@link Files#createTempFile}, which makes it private).
     */
    private static Path reserve(Path dir, String prefix, String suffix) throws IOException {
        while (true) {
            Path p = dir.resolve(prefix + ProcessHandle.current().pid() + COUNTER.incrementAndGet() + suffix);
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                // another writer took the name: try the next
            }
        }
    }

    private static final AtomicLong COUNTER = new AtomicLong();

    /**
     * {@link #write(Path, boolean, Body)} for a file whose writer takes any name (the temporary name ends in
     * {@code .tmp}).
     *
     * @param target the file to create or replace; its folder must exist
     * @param body writes the content to the temporary file
     * @throws IOException when writing or the rename fails; the target is then unchanged
     */
    public static void write(Path target, Body body) throws IOException {
        write(target, false, body);
    }

    /**
     * Text, UTF-8, written atomically.
     *
     * @param target the file to create or replace; its folder must exist
     * @param text the whole content
     * @throws IOException when writing or the rename fails; the target is then unchanged
     */
    public static void writeString(Path target, CharSequence text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /**
     * Deletes the temporary files a killed process left in {@code dir} (not in its subfolders): those of this
     * class, of checkpoints and of safetensors files, named {@code NAME.DIGITS.tmp} with an optional leading
     * dot and extension. Call it only when no other writer uses the folder.
     *
     * @param dir the folder; nothing happens when it does not exist
     * @return how many files were deleted
     * @throws IOException when the folder cannot be listed or a file cannot be deleted
     */
    public static int cleanStale(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                if (Files.isRegularFile(p)
                        && TEMPORARY.matcher(p.getFileName().toString()).matches()) {
                    Files.delete(p);
                    n++;
                }
            }
        }
        return n;
    }
}
