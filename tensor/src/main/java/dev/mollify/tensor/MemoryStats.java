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
 */
public final class MemoryStats {
    private static final AtomicLong ALLOCATED = new AtomicLong();
    private static final AtomicLong LIVE = new AtomicLong();
    private static final AtomicLong PEAK = new AtomicLong();
    private static volatile boolean tracking;
    private static Cleaner cleaner;

    private MemoryStats() {}

    /** Total bytes of tensor storage allocated since start or the last {@link #resetAllocated()}. */
    public static long allocatedBytes() {
        return ALLOCATED.get();
    }

    /** Resets the allocation counter to zero. */
    public static void resetAllocated() {
        ALLOCATED.set(0);
    }

    /** Storage bytes allocated while tracking was on and not yet collected. */
    public static long liveBytes() {
        return LIVE.get();
    }

    /** Highest {@link #liveBytes()} seen since tracking started or {@link #resetPeak()}. */
    public static long peakLiveBytes() {
        return PEAK.get();
    }

    /** Sets the peak to the current live count. */
    public static void resetPeak() {
        PEAK.set(LIVE.get());
    }

    /** Turns live/peak tracking on or off (costs one Cleaner registration per allocation). */
    public static synchronized void trackLive(boolean on) {
        if (on && cleaner == null) cleaner = Cleaner.create();
        tracking = on;
    }

    /** Live bytes after forcing garbage collection until the count stops changing (at most ~10 rounds). */
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
    }
}
