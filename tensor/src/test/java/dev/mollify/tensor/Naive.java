package dev.mollify.tensor;

import java.util.Arrays;

/**
 * Test oracles: plain loops over row-major {@code double[]} arrays, written without any of the
 * library's stride, broadcasting or kernel code, so the library can be compared against them.
 */
final class Naive {
    private Naive() {}

    /** Row-major multi-index of a flat position. */
    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** Row-major flat position of a multi-index. */
    static int ravel(int[] idx, int[] shape) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) flat = flat * shape[d] + idx[d];
        return flat;
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** NumPy broadcast of two shapes (the textbook rule, written independently of {@link Shapes}). */
    static int[] broadcast(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) throw new AssertionError("not broadcastable");
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Value of row-major {@code data} of {@code shape} at the broadcast index {@code outIdx}. */
    static double at(double[] data, int[] shape, int[] outIdx) {
        int lead = outIdx.length - shape.length;
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = shape[d] == 1 ? 0 : outIdx[lead + d];
            flat = flat * shape[d] + i;
        }
        return data[flat];
    }

    /** The indices Python's {@code range(*slice(start, end, step).indices(size))} yields. */
    static int[] pythonSlice(int size, int start, int end, int step) {
        int lower = step > 0 ? 0 : -1;
        int upper = step > 0 ? size : size - 1;
        int s = start < 0 ? Math.max(start + size, lower) : Math.min(start, upper);
        int e = end < 0 ? Math.max(end + size, lower) : Math.min(end, upper);
        int[] buf = new int[size + 1];
        int n = 0;
        if (step > 0) for (int i = s; i < e; i += step) buf[n++] = i;
        else for (int i = s; i > e; i += step) buf[n++] = i;
        return Arrays.copyOf(buf, n);
    }

    /** A random shape of the given rank with sizes in [1, maxSize]. */
    static int[] randomShape(Rng rng, int rank, int maxSize) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) s[i] = 1 + rng.nextInt(maxSize);
        return s;
    }

    /** Random values in [-2, 2), rounded to 1/64 so sums are exact in any order. */
    static double[] randomDyadic(Rng rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.floor((rng.nextDouble() * 4 - 2) * 64) / 64;
        return v;
    }
}
