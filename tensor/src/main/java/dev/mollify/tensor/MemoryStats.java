package dev.mollify.tensor;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts tensor storage: bytes allocated (always), and live and peak-live bytes (when
 * {@link #trackLive(boolean) tracking} is on).
 *
 * <p>Live bytes fall when the garbage collector frees a storage array, so between collections the
 * live count also holds garbage not yet collected. For a number that means "what the computation
 * still holds", call {@link #liveBytesAfterGc()} at the point of interest: it forces collections
 * until the count settles.
 *
 * <p>These counts are JVM-wide: with several jobs in one JVM they add up every thread's storage. A
 * {@link Meter} counts only what one thread allocates while it is open, so a job can measure itself
 * while others run.
 */
public final class MemoryStats {
    private static final AtomicLong ALLOCATED = new AtomicLong();
    private static final AtomicLong LIVE = new AtomicLong();
    private static final AtomicLong PEAK = new AtomicLong();
    private static volatile boolean tracking;
    private static Cleaner cleaner;
    private static final ThreadLocal<Meter> METER = new ThreadLocal<>();

    private MemoryStats() {}

    /**
     * Total bytes of tensor storage allocated since start or the last {@link #resetAllocated()}.
     *
     * @return the sum over all threads of elements × {@link DType#bytes()} of every storage made
     */
    public static long allocatedBytes() {
        return ALLOCATED.get();
    }

    /** Resets the allocation counter to zero. */
    public static void resetAllocated() {
        ALLOCATED.set(0);
    }

    /**
     * Storage bytes allocated while tracking was on and not yet collected.
     *
     * @return live bytes, JVM-wide; 0 when tracking was never on
     */
    public static long liveBytes() {
        return LIVE.get();
    }

    /**
     * Highest {@link #liveBytes()} seen since tracking started or {@link #resetPeak()}.
     *
     * @return the peak of live bytes, JVM-wide
     */
    public static long peakLiveBytes() {
        return PEAK.get();
    }

    /** Sets the peak to the current live count. */
    public static void resetPeak() {
        PEAK.set(LIVE.get());
    }

    /**
     * Turns live/peak tracking on or off (costs one Cleaner registration per allocation).
     *
     * @param on true to count live and peak bytes of allocations from now on; false to stop
     */
    public static synchronized void trackLive(boolean on) {
        if (on && cleaner == null) cleaner = Cleaner.create();
        tracking = on;
    }

    /**
     * Live bytes after forcing garbage collection until the count stops changing (at most 10 rounds
     * of {@code System.gc()} and a 20 ms pause).
     *
     * @return {@link #liveBytes()} once settled: about what the computation still holds
     */
    public static long liveBytesAfterGc() {
        long previous = -1;
        for (int round = 0; round < 10; round++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = LIVE.get();
            if (now == previous) break;
            previous = now;
        }
        return LIVE.get();
    }

    /**
     * Starts counting the tensor storage this thread allocates, until {@link Meter#close()}: bytes
     * allocated, and live and peak-live bytes of those allocations (falling as the garbage collector
     * frees them). Other threads' allocations are not counted. Meters do not nest: opening one on a
     * thread replaces the one open there until it closes.
     *
     * @return the open meter; close it, e.g. with try-with-resources, to stop counting
     */
    public static Meter meter() {
        synchronized (MemoryStats.class) {
            if (cleaner == null) cleaner = Cleaner.create();
        }
        Meter m = new Meter(METER.get());
        METER.set(m);
        return m;
    }

    /** What one thread allocated while the meter was open; see {@link #meter()}. */
    public static final class Meter implements AutoCloseable {
        private final Meter previous;
        private final AtomicLong live = new AtomicLong();
        private final AtomicLong peak = new AtomicLong();
        private long allocated;

        private Meter(Meter previous) {
            this.previous = previous;
        }

        /**
         * Bytes allocated on this thread since the meter opened.
         *
         * @return elements × {@link DType#bytes()} summed over this thread's allocations
         */
        public long allocatedBytes() {
            return allocated;
        }

        /**
         * Bytes of those allocations not yet collected.
         *
         * @return live bytes of this meter's allocations; falls as the garbage collector frees them
         */
        public long liveBytes() {
            return live.get();
        }

        /**
         * Highest {@link #liveBytes()} since the meter opened.
         *
         * @return the peak of this meter's live bytes
         */
        public long peakLiveBytes() {
            return peak.get();
        }

        private void count(Object array, long bytes) {
            allocated += bytes;
            peak.accumulateAndGet(live.addAndGet(bytes), Math::max);
            AtomicLong counter = live;
            cleaner.register(array, () -> counter.addAndGet(-bytes));
        }

        /** Stops counting (the numbers stay readable). */
        @Override
        public void close() {
            if (METER.get() == this) {
                if (previous == null) METER.remove();
                else METER.set(previous);
            }
        }
    }

    static double[] allocF64(int n) {
        double[] a = new double[n];
        count(a, 8L * n);
        return a;
    }

    static float[] allocF32(int n) {
        float[] a = new float[n];
        count(a, 4L * n);
        return a;
    }

    /** Counts an array created elsewhere (e.g. one handed in by the user and wrapped without a copy). */
    static void count(Object array, long bytes) {
        ALLOCATED.addAndGet(bytes);
        if (tracking) {
            long live = LIVE.addAndGet(bytes);
            PEAK.accumulateAndGet(live, Math::max);
            cleaner.register(array, () -> LIVE.addAndGet(-bytes));
        }
        Meter m = METER.get();
        if (m != null) m.count(array, bytes);
    }
}
