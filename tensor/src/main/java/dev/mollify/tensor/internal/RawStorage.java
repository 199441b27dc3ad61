package dev.mollify.tensor.internal;

import dev.mollify.tensor.Tensor;

/**
 * Internal, not API: no-copy access to tensor storage for the array-level kernels of other Mollify
 * modules (the mollifier convolution), which otherwise pay a full copy on the way in
 * ({@link Tensor#toFloatArray}) and on the way out ({@link Tensor#ofFloat}). The arrays it hands out
 * are the tensors' own storage, and tensors are immutable.
 *
 * <p><b>Contract.</b> {@code read*} returns the tensor's backing array when it holds exactly the
 * tensor's elements in row-major order (right dtype, contiguous, offset 0, no spare capacity), else a
 * fresh row-major copy; either way the caller must not write to it. {@code uninitialized*} draws an
 * array the caller will overwrite completely (from the open {@code Workspace} scope when there is one)
 * and {@code wrap*} turns it into a tensor without copying. {@code adopt*} wraps any array without
 * copying (counted by {@code MemoryStats} like any storage); the caller hands the array over and must
 * not touch it afterwards.
 *
 * <p>The work is done inside {@code dev.mollify.tensor}, which lends it to this class
 * ({@link #lend}) when {@link Tensor} is initialised; this package only keeps those internals out of
 * the tensor package's public API.
 */
public final class RawStorage {
    /** The operations the tensor package lends; see the class contract. */
    public interface Lender {
        /**
         * Implements {@link RawStorage#readF64}.
         *
         * @param t the tensor to read
         * @return its elements in row-major order as F64; read only
         */
        double[] readF64(Tensor t);

        /**
         * Implements {@link RawStorage#readF32}.
         *
         * @param t the tensor to read
         * @return its elements in row-major order as F32; read only
         */
        float[] readF32(Tensor t);

        /**
         * Implements {@link RawStorage#uninitializedF64}.
         *
         * @param n the number of elements, ≥ 0
         * @return an array of length n with unspecified contents
         */
        double[] uninitializedF64(int n);

        /**
         * Implements {@link RawStorage#uninitializedF32}.
         *
         * @param n the number of elements, ≥ 0
         * @return an array of length n with unspecified contents
         */
        float[] uninitializedF32(int n);

        /**
         * Implements {@link RawStorage#wrapF64}.
         *
         * @param data an array from {@link #uninitializedF64}, row-major, length numel(shape)
         * @param shape the tensor's shape
         * @return a tensor over {@code data}, not copied
         */
        Tensor wrapF64(double[] data, int[] shape);

        /**
         * Implements {@link RawStorage#wrapF32}.
         *
         * @param data an array from {@link #uninitializedF32}, row-major, length numel(shape)
         * @param shape the tensor's shape
         * @return a tensor over {@code data}, not copied
         */
        Tensor wrapF32(float[] data, int[] shape);

        /**
         * Implements {@link RawStorage#adoptF64}.
         *
         * @param data any array, row-major, length numel(shape); handed over
         * @param shape the tensor's shape
         * @return a tensor over {@code data}, not copied, its bytes counted by {@code MemoryStats}
         */
        Tensor adoptF64(double[] data, int[] shape);

        /**
         * Implements {@link RawStorage#adoptF32}.
         *
         * @param data any array, row-major, length numel(shape); handed over
         * @param shape the tensor's shape
         * @return a tensor over {@code data}, not copied, its bytes counted by {@code MemoryStats}
         */
        Tensor adoptF32(float[] data, int[] shape);
    }

    private static volatile Lender lender;

    private RawStorage() {}

    /**
     * Called once, by {@link Tensor}'s class initialiser; any other call is refused (it initialises
     * Tensor first, which lends the real implementation).
     *
     * @param l the tensor package's implementation; must not be null
     * @throws IllegalStateException when a lender is already set or {@code l} is null
     */
    public static void lend(Lender l) {
        initialiseTensor(); // outside the lock: Tensor's initialiser takes it
        synchronized (RawStorage.class) {
            if (lender != null || l == null)
                throw new IllegalStateException("RawStorage is lent by dev.mollify.tensor only");
            lender = l;
        }
    }

    private static Lender lender() {
        Lender l = lender;
        if (l != null) return l;
        initialiseTensor();
        return lender;
    }

    /** Runs Tensor's class initialiser (which calls {@link #lend}) unless it ran or is running. */
    private static void initialiseTensor() {
        try {
            Class.forName(Tensor.class.getName(), true, Tensor.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The elements in row-major order as F64, without a copy when possible; read only.
     *
     * @param t an F64 tensor to read (any other dtype, or a strided view, is copied)
     * @return the backing array when it holds exactly t's elements, else a row-major copy; never
     *     write to it
     */
    public static double[] readF64(Tensor t) {
        return lender().readF64(t);
    }

    /**
     * The elements in row-major order as F32, without a copy when possible; read only.
     *
     * @param t an F32 tensor to read (any other dtype, or a strided view, is copied)
     * @return the backing array when it holds exactly t's elements, else a row-major copy; never
     *     write to it
     */
    public static float[] readF32(Tensor t) {
        return lender().readF32(t);
    }

    /**
     * An F64 array of n elements for an output the caller will overwrite completely and then
     * {@link #wrapF64}; drawn from the open {@code Workspace} scope when there is one.
     *
     * @param n the number of elements, ≥ 0
     * @return an array of length n whose contents are unspecified (possibly NaN, possibly stale)
     */
    public static double[] uninitializedF64(int n) {
        return lender().uninitializedF64(n);
    }

    /**
     * The F32 twin of {@link #uninitializedF64}.
     *
     * @param n the number of elements, ≥ 0
     * @return an array of length n whose contents are unspecified
     */
    public static float[] uninitializedF32(int n) {
        return lender().uninitializedF32(n);
    }

    /**
     * An F64 tensor over an array from {@link #uninitializedF64} (already counted; not copied).
     *
     * @param data the filled array, row-major, of length numel(shape)
     * @param shape the tensor's shape
     * @return a tensor whose storage is {@code data}; do not write to the array afterwards
     */
    public static Tensor wrapF64(double[] data, int... shape) {
        return lender().wrapF64(data, shape);
    }

    /**
     * An F32 tensor over an array from {@link #uninitializedF32} (already counted; not copied).
     *
     * @param data the filled array, row-major, of length numel(shape)
     * @param shape the tensor's shape
     * @return a tensor whose storage is {@code data}; do not write to the array afterwards
     */
    public static Tensor wrapF32(float[] data, int... shape) {
        return lender().wrapF32(data, shape);
    }

    /**
     * An F64 tensor over {@code data} (row-major, not copied; the caller gives the array up).
     *
     * @param data any array of length numel(shape), counted by {@code MemoryStats} now
     * @param shape the tensor's shape
     * @return a tensor whose storage is {@code data}; do not touch the array afterwards
     */
    public static Tensor adoptF64(double[] data, int... shape) {
        return lender().adoptF64(data, shape);
    }

    /**
     * An F32 tensor over {@code data} (row-major, not copied; the caller gives the array up).
     *
     * @param data any array of length numel(shape), counted by {@code MemoryStats} now
     * @param shape the tensor's shape
     * @return a tensor whose storage is {@code data}; do not touch the array afterwards
     */
    public static Tensor adoptF32(float[] data, int... shape) {
        return lender().adoptF32(data, shape);
    }
}
