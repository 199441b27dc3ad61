package dev.mollify.pde.fit;

import java.util.Locale;

/**
 * The Java heap left for a job, checked before a large allocation so that a file, grid or network
 * too large for the JVM is refused with the numbers and the fix instead of failing with
 * {@link OutOfMemoryError}. Available = {@code maxMemory − (totalMemory − freeMemory)}: the most the
 * heap may grow to, less what is in use now (garbage included, so the check errs on the safe side).
 */
public final class HeapBudget {
    /** How to give Java more memory, for messages. */
    public static final String MORE_MEMORY =
            "give Java more memory (java -Xmx8g …; for the mollify launcher MOLLIFY_JAVA_OPTS=-Xmx8g)";

    private HeapBudget() {}

    /**
     * Bytes the heap may still grow to hold.
     *
     * @return {@code maxMemory − (totalMemory − freeMemory)}, in bytes
     */
    public static long available() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /**
     * Whether {@code bytes} more fit in the heap; before saying no, collects the garbage once (it counts as
     * used until then).
     *
     * @param bytes the size of the planned allocation
     * @return true when it fits in {@link #available()}
     */
    public static boolean fits(double bytes) {
        if (bytes <= available()) return true;
        System.gc();
        return bytes <= available();
    }

    /**
     * The heap's ceiling ({@link Runtime#maxMemory()}).
     *
     * @return the largest heap the JVM may use, in bytes ({@code -Xmx})
     */
    public static long max() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Bytes as text: {@code 512 MiB}, {@code 3.2 GiB}.
     *
     * @param b a number of bytes
     * @return KiB or MiB with no decimals, GiB or TiB with one (binary units)
     */
    public static String bytes(double b) {
        if (b >= 1L << 40) return String.format(Locale.ROOT, "%.1f TiB", b / (1L << 40));
        if (b >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", b / (1L << 30));
        if (b >= 1L << 20) return String.format(Locale.ROOT, "%.0f MiB", b / (1L << 20));
        return String.format(Locale.ROOT, "%.0f KiB", b / 1024);
    }
}
