package dev.mollify.tensor;

import java.util.Arrays;

/**
 * Internal: no-copy access to tensor storage for the array-level kernels of other modules (the
 * mollifier convolution), which otherwise pay a full copy on the way in ({@link Tensor#toFloatArray})
 * and on the way out ({@link Tensor#ofFloat}). Not for user code: the arrays it hands out are the
 * tensors' own storage, and tensors are immutable.
 *
 * <p><b>Contract.</b> {@code read*} returns the tensor's backing array when it holds exactly the
 * tensor's elements in row-major order (right dtype, contiguous, offset 0, no spare capacity), else a
 * fresh row-major copy; either way the caller must not write to it. {@code adopt*} wraps an array
 * without copying (counted by {@link MemoryStats} like any storage); the caller hands the array over
 * and must not touch it afterwards.
 */
public final class RawStorage {
    private RawStorage() {}

    /** The elements in row-major order as F64, without a copy when possible; read only. */
    public static double[] readF64(Tensor t) {
        if (t.dtype == DType.F64 && t.offset == 0 && t.d.length == t.numel && t.isContiguous()) return t.d;
        return t.toDoubleArray();
    }

    /** The elements in row-major order as F32, without a copy when possible; read only. */
    public static float[] readF32(Tensor t) {
        if (t.dtype == DType.F32 && t.offset == 0 && t.f.length == t.numel && t.isContiguous()) return t.f;
        return t.toFloatArray();
    }

    /**
     * An F64 array of n elements for an output the caller will overwrite <em>completely</em> and then
     * wrap with {@link #wrapF64}: drawn, not cleared, from the open {@link Workspace} scope when there is
     * one, else fresh (and then counted by {@link MemoryStats} here, once).
     */
    public static double[] uninitializedF64(int n) {
        return Workspace.takeF64(n);
    }

    /** The F32 twin of {@link #uninitializedF64}. */
    public static float[] uninitializedF32(int n) {
        return Workspace.takeF32(n);
    }

    /** An F64 tensor over an array from {@link #uninitializedF64} (already counted; not copied). */
    public static Tensor wrapF64(double[] data, int... shape) {
        int[] s = checked(data == null ? -1 : data.length, shape);
        return new Tensor(data, s, Shapes.contiguousStrides(s), 0);
    }

    /** An F32 tensor over an array from {@link #uninitializedF32} (already counted; not copied). */
    public static Tensor wrapF32(float[] data, int... shape) {
        int[] s = checked(data == null ? -1 : data.length, shape);
        return new Tensor(data, s, Shapes.contiguousStrides(s), 0);
    }

    /** An F64 tensor over {@code data} (row-major, not copied; the caller gives the array up). */
    public static Tensor adoptF64(double[] data, int... shape) {
        int[] s = checked(data == null ? -1 : data.length, shape);
        MemoryStats.count(data, 8L * data.length);
        return new Tensor(data, s, Shapes.contiguousStrides(s), 0);
    }

    /** An F32 tensor over {@code data} (row-major, not copied; the caller gives the array up). */
    public static Tensor adoptF32(float[] data, int... shape) {
        int[] s = checked(data == null ? -1 : data.length, shape);
        MemoryStats.count(data, 4L * data.length);
        return new Tensor(data, s, Shapes.contiguousStrides(s), 0);
    }

    private static int[] checked(int length, int[] shape) {
        if (length < 0) throw new IllegalArgumentException("data is null");
        int n = Shapes.numel(shape);
        if (n != length) {
            throw new IllegalArgumentException("data has " + length + " values but shape " + Shapes.str(shape)
                    + " needs " + n + "; pass an array of exactly the shape's size");
        }
        return Arrays.copyOf(shape, shape.length);
    }
}
