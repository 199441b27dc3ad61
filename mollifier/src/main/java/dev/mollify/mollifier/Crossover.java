package dev.mollify.mollifier;

import java.util.Locale;

/**
 * When a one-axis kernel goes through the FFT instead of direct correlation: when its length is at
 * least {@link #minFftTaps(boolean)} (F64 and F32 differ: float lanes make direct correlation twice as fast).
 *
 * <p>The default is a fixed threshold, {@link #DEFAULT_MIN_TAPS}, taken from the JMH measurements in
 * {@code jmh/README.md}: the two paths round differently in the last bits, so a threshold timed at
 * start-up would make the same seed give different bits from run to run (a loaded machine moves the
 * crossover). {@code -Dmollify.fft.minTaps=measure} times it on this machine instead (direct
 * vs FFT on 64 lines of 4096 points for kernel lengths 9 … 513, best of 3, after a warm-up),
 * {@code -Dmollify.fft.minTaps=N} or {@link #setMinFftTaps(int)} sets it. {@code Integer.MAX_VALUE}
 * turns the FFT path off; 1 forces it.
 */
public final class Crossover {
    /**
     * The default F64 threshold, from the wall-clock JMH table on the 2-core machine (jmh/README.md,
     * forward at (16, 100 000), 2 threads): direct 19.8 / 31.6 / 72.3 ms against FFT 26.4 / 26.3 / 26.8 ms
     * at 511 / 1023 / 2047 taps, so the FFT wins from 1023. (One-thread CPU time puts it near 513: the
     * direct loops use both cores, the FFT barely gains from the second.)
     */
    public static final int DEFAULT_MIN_TAPS = 1023;
    /** The default F32 threshold: direct 15.8 / 36.5 / 71.7 ms against FFT 30.2 / 32.1 / 32.5 ms at 1023 / 2047 / 4095 taps. */
    public static final int DEFAULT_MIN_TAPS_F32 = 2047;

    private static volatile int minTapsF32 = -1;

    private static volatile int minTaps = -1;

    private Crossover() {}

    /**
     * The F64 threshold: the kernel length from which the FFT path is used. Read once from
     * {@code -Dmollify.fft.minTaps} (absent: {@link #DEFAULT_MIN_TAPS}; {@code measure}: timed on this
     * machine) unless {@link #setMinFftTaps(int)} came first.
     *
     * @return the threshold in taps, ≥ 1
     * @throws NumberFormatException when the property is neither an integer nor {@code measure}
     */
    public static int minFftTaps() {
        int m = minTaps;
        if (m < 0) {
            synchronized (Crossover.class) {
                if (minTaps < 0) {
                    String p = System.getProperty("mollify.fft.minTaps");
                    if (p == null) minTaps = DEFAULT_MIN_TAPS;
                    else if (p.trim().equals("measure")) minTaps = measure();
                    else minTaps = Integer.parseInt(p.trim());
                }
                m = minTaps;
            }
        }
        return m;
    }

    /**
     * The threshold for one precision. F32 has its own default, {@link #DEFAULT_MIN_TAPS_F32}; a
     * {@code -Dmollify.fft.minTaps} or {@link #setMinFftTaps(int)} value applies to both.
     *
     * @param f32 true for F32 fields, false for F64
     * @return the kernel length, in taps, from which the FFT path is used
     * @throws NumberFormatException when the property is neither an integer nor {@code measure}
     */
    public static int minFftTaps(boolean f32) {
        int m = minFftTaps();
        if (!f32) return m;
        int f = minTapsF32;
        return f > 0 ? f : (System.getProperty("mollify.fft.minTaps") == null ? DEFAULT_MIN_TAPS_F32 : m);
    }

    /**
     * Overrides the threshold of both precisions for this JVM.
     *
     * @param taps the kernel length from which the FFT path is used, ≥ 1 ({@code Integer.MAX_VALUE}
     *     turns it off, 1 forces it)
     * @return the previous F64 threshold
     * @throws IllegalArgumentException when taps &lt; 1
     */
    public static int setMinFftTaps(int taps) {
        if (taps < 1) throw new IllegalArgumentException("FFT threshold must be >= 1 tap, got " + taps);
        int prev = minFftTaps();
        minTaps = taps;
        minTapsF32 = taps;
        return prev;
    }

    /** Times both paths and returns the first kernel length where the FFT wins (513 when it never does). */
    static int measure() {
        int n = 4096, lines = 64;
        double[] x = new double[lines * n];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(0.01 * i);
        // warm both paths up first, so that a cold JIT (interpreted vector loops) does not decide
        double[] w0 = new double[33];
        java.util.Arrays.fill(w0, 1.0 / 33);
        double[] y0 = new double[lines * (n - 32)];
        for (int r = 0; r < 30; r++) {
            DirectCorrelation.correlate(x, lines, new int[] {n}, w0, new int[] {33}, y0);
            FftCorrelation.correlate(x, lines, new int[] {n}, w0, new int[] {33}, y0);
        }
        for (int k = 9; k <= 513; k = 2 * k - 1) {
            double[] w = new double[k];
            java.util.Arrays.fill(w, 1.0 / k);
            int[] xs = {n}, ks = {k};
            double[] y = new double[lines * (n - k + 1)];
            long direct = best(() -> DirectCorrelation.correlate(x, lines, xs, w, ks, y));
            long fft = best(() -> FftCorrelation.correlate(x, lines, xs, w, ks, y));
            if (fft < direct) return k;
        }
        return 513;
    }

    private static long best(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    /**
     * A one-line description of both thresholds, for logs.
     *
     * @return for example "FFT correlation from 1023 taps (F64), 2047 taps (F32)"
     */
    public static String describe() {
        return String.format(
                Locale.ROOT, "FFT correlation from %d taps (F64), %d taps (F32)", minFftTaps(false), minFftTaps(true));
    }
}
