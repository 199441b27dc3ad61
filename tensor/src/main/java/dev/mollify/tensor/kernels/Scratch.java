package dev.mollify.tensor.kernels;

/**
 * Per-thread scratch arrays for packed matrix panels, reused from call to call.
 *
 * <p>Why not allocate: a fresh multi-megabyte array per product keeps the young generation growing
 * into untouched memory, and first-touch page faults (expensive in a VM) made the first seconds of a
 * run 5× slower. Arrays up to {@link #MAX_KEPT} elements are kept per thread; larger ones are not.
 * The contents are garbage on return: callers overwrite every element they read.
 */
final class Scratch {
    /** Largest array (elements) kept per thread and type: 32 MiB of doubles. */
    static final int MAX_KEPT = 1 << 22;

    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private double[] doubles = new double[0];
    private float[] floats = new float[0];

    private Scratch() {}

    /** A {@code double[]} of at least {@code n} elements owned by the calling thread until its next call. */
    static double[] doubles(int n) {
        Scratch s = LOCAL.get();
        if (s.doubles.length >= n) return s.doubles;
        double[] d = new double[n];
        if (n <= MAX_KEPT) s.doubles = d;
        return d;
    }

    /** A {@code float[]} of at least {@code n} elements owned by the calling thread until its next call. */
    static float[] floats(int n) {
        Scratch s = LOCAL.get();
        if (s.floats.length >= n) return s.floats;
        float[] f = new float[n];
        if (n <= MAX_KEPT) s.floats = f;
        return f;
    }
}
