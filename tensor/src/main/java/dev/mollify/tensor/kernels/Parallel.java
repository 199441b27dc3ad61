package dev.mollify.tensor.kernels;

import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Splits large kernel calls across cores: on {@link WorkerPool}'s spinning workers, with the calling
 * thread doing one share (on {@code ForkJoinPool.commonPool()} when another thread's call holds the
 * workers, or when a part itself splits again).
 *
 * <p>Determinism: callers partition work so that every output element is computed by the same
 * sequence of floating-point operations whatever the number of parts; the thread count changes who
 * computes an element, never how. So results are bit-identical for 1, 2 or 64 threads.
 *
 * <p>The number of threads defaults to the number of processors; {@code -Dmollify.threads=N} or
 * {@link #setThreads(int)} change it for the whole JVM (benchmarks use 1 to measure single-core speed);
 * {@link #withThreads(int, Supplier)} changes it for the calls one thread makes, so several jobs can run
 * side by side in one JVM, each with its own share of the cores.
 */
public final class Parallel {
    /**
     * Elementwise rows at least this long are split across threads: 16,384 elements, so that a layer of
     * 32 neurons over 1,000 points (32,000) is split (jmh/README.md, "Hot-method profiles").
     */
    static final int ELEMENTWISE_THRESHOLD = 1 << 14;
    /**
     * Elementwise rows are processed in fixed chunks of this many elements, whether or not they are
     * split, so that where a vector loop hands over to its scalar tail never depends on the split.
     */
    static final int CHUNK = 1 << 13;

    private static volatile int threads = Math.max(
            1, Integer.getInteger("mollify.threads", Runtime.getRuntime().availableProcessors()));

    /** A setting for the calls of one thread ({@link #withThreads}); null: the JVM-wide one. */
    private static final ThreadLocal<int[]> LOCAL = new ThreadLocal<>();

    private Parallel() {}

    /**
     * The number of threads a large kernel call made on this thread is split across.
     *
     * @return this thread's {@link #withThreads} setting if one is active, else the JVM-wide one (≥ 1)
     */
    public static int threads() {
        int[] local = LOCAL.get();
        return local != null ? local[0] : threads;
    }

    /**
     * Runs {@code body} with large kernel calls made on this thread split across at most {@code n}
     * threads (at least 1), whatever the JVM-wide setting, and returns its result; other threads keep
     * theirs. Results are the same bits for any {@code n} (see above).
     *
     * @param <T> the type of the body's result
     * @param n the most threads to use; values below 1 mean 1
     * @param body the computation to run on this thread; its kernel calls see the setting
     * @return what {@code body.get()} returned
     */
    public static <T> T withThreads(int n, Supplier<T> body) {
        int[] previous = LOCAL.get();
        LOCAL.set(new int[] {Math.max(1, n)});
        try {
            return body.get();
        } finally {
            if (previous == null) LOCAL.remove();
            else LOCAL.set(previous);
        }
    }

    /**
     * Sets the number of threads for large kernel calls for the whole JVM.
     *
     * @param n the number of threads; values below 1 mean 1
     * @return the JVM-wide setting before this call, so that a caller can restore it
     */
    public static int setThreads(int n) {
        int previous = threads;
        threads = Math.max(1, n);
        return previous;
    }

    /** A piece of work over the index range {@code [lo, hi)}. */
    public interface Range {
        /**
         * Processes the indices {@code lo ≤ i < hi}.
         *
         * @param lo the first index, inclusive
         * @param hi the end index, exclusive; {@code lo ≤ hi}
         */
        void run(int lo, int hi);
    }

    /**
     * Runs {@code body} over {@code [0, count)}: as one call when {@code split} is false or one thread
     * is configured, otherwise as up to {@link #threads()} contiguous parts run concurrently. Part t
     * of p covers [⌊count·t/p⌋, ⌊count·(t+1)/p⌋).
     *
     * @param count the number of indices; 0 runs the body once on the empty range
     * @param split whether the range may be split across threads
     * @param body the work, called once per part; parts must not write the same output
     */
    public static void forRange(int count, boolean split, Range body) {
        int parts = split ? Math.min(threads(), count) : 1;
        if (parts <= 1) {
            body.run(0, count);
            return;
        }
        invoke(parts, t -> body.run((int) ((long) count * t / parts), (int) ((long) count * (t + 1) / parts)));
    }

    /**
     * Runs {@code part.accept(t)} for every t in [0, parts) concurrently, part 0 on the calling thread, and
     * returns when all have ended (the first exception of any part is rethrown). Callers decide the
     * parts, so the split, and with it every result, is the same whatever thread runs a part.
     */
    static void invoke(int parts, IntConsumer part) {
        if (parts <= 1) {
            if (parts == 1) part.accept(0);
            return;
        }
        if (WorkerPool.INSTANCE.tryInvoke(parts, part)) return;
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts];
        for (int t = 0; t < parts; t++) {
            int index = t;
            tasks[t] = ForkJoinTask.adapt(() -> part.accept(index));
        }
        ForkJoinTask.invokeAll(tasks); // forks all but the first, runs that one here, joins the rest
    }

    /**
     * Runs an elementwise kernel over {@code [0, n)} in chunks of {@link #CHUNK} elements, split across
     * threads when {@code n >= ELEMENTWISE_THRESHOLD}. {@code body} sees one chunk per call.
     */
    static void forChunks(int n, Range body) {
        if (n <= CHUNK) {
            body.run(0, n);
            return;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        forRange(chunks, n >= ELEMENTWISE_THRESHOLD, (c0, c1) -> {
            for (int c = c0; c < c1; c++) body.run(c * CHUNK, (int) Math.min(n, (long) (c + 1) * CHUNK));
        });
    }
}
