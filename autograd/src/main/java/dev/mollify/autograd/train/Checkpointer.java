package dev.mollify.autograd.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a {@link Checkpoint} to {@code dir/checkpoint.safetensors} every {@code everyN} steps, Adam
 * steps and L-BFGS iterations alike.
 *
 * <p><b>Atomic.</b> The bytes go to a temporary file in {@code dir}, are forced to disk, and the file is
 * then renamed over the checkpoint with {@link StandardCopyOption#ATOMIC_MOVE}. A crash or I/O error
 * before the rename leaves the previous checkpoint untouched (the temporary file is deleted when the
 * JVM is still alive to do so); a reader sees either the old file or the new one, never a mixture.
 * An I/O error is rethrown as {@link UncheckedIOException} and ends the run.
 */
public final class Checkpointer implements Callback {
    /** Writes bytes to a file; replaceable in tests to simulate a failure mid-write. */
    interface ByteSink {
        void write(Path file, byte[] bytes) throws IOException;
    }

    static final ByteSink DURABLE = (file, bytes) -> {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
    };

    private final Path dir;
    private final int everyN;
    private final ByteSink sink;
    private int written;

    /**
     * Checkpoints into {@code dir} (created if missing) after every {@code everyN}-th step.
     *
     * @param dir the checkpoint directory; not null
     * @param everyN the step interval, ≥ 1 (steps everyN, 2·everyN, … are checkpointed)
     * @throws IllegalArgumentException when dir is null or everyN &lt; 1
     */
    public Checkpointer(Path dir, int everyN) {
        this(dir, everyN, DURABLE);
    }

    Checkpointer(Path dir, int everyN, ByteSink sink) {
        if (dir == null) throw new IllegalArgumentException("checkpoint directory is null");
        if (everyN < 1) throw new IllegalArgumentException("everyN must be >= 1, got " + everyN);
        this.dir = dir;
        this.everyN = everyN;
        this.sink = sink;
    }

    /**
     * The directory written to.
     *
     * @return the directory given to the constructor
     */
    public Path dir() {
        return dir;
    }

    /**
     * Number of checkpoints written by this callback.
     *
     * @return the number of checkpoints this callback has written
     */
    public int written() {
        return written;
    }

    @Override
    public Action onStep(StepInfo info) {
        if (info.step() % everyN != 0 || info.snapshot() == null) return Action.CONTINUE;
        try {
            write(info.snapshot().get());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not write checkpoint at step " + info.step() + " to " + dir + ": " + e.getMessage(), e);
        }
        return Action.CONTINUE;
    }

    /**
     * Writes {@code c} atomically to {@code dir/checkpoint.safetensors}.
     *
     * @param c the checkpoint; replaces the one in the directory
     * @throws IOException when the directory or the file cannot be written
     */
    public void write(Checkpoint c) throws IOException {
        Files.createDirectories(dir);
        byte[] bytes = c.encode();
        Path target = Checkpoint.file(dir).toAbsolutePath();
        Path tmp = newTemporary(target.getParent(), Checkpoint.FILE + ".");
        try {
            sink.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            written++;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new empty file {@code prefix<digits>.tmp} with the umask's permissions, like the user's other files
     * ({@code createTempFile} would make it private).
     */
    private static Path newTemporary(Path dir, String prefix) throws IOException {
        for (long n = System.nanoTime(); ; n++) {
            try {
                return Files.createFile(dir.resolve(prefix + (n & Long.MAX_VALUE) + ".tmp"));
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // another writer holds this name: try the next
            }
        }
    }
}
