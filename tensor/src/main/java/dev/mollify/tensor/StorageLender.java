package dev.mollify.tensor;

import dev.mollify.tensor.internal.RawStorage;
import java.util.Arrays;

/**
 * What this package lends {@link RawStorage}: the tensors' own arrays and array-wrapping constructors,
 * installed once by {@link Tensor}'s class initialiser. The contract is {@link RawStorage}'s.
 */
final class StorageLender implements RawStorage.Lender {

    /** The elements in row-major order as F64, without a copy when possible; read only. */
    @Override
    public double[] readF64(Tensor t) {
        if (t.dtype == DType.F64 && t.offset == 0 && t.d.length == t.numel && t.isContiguous()) return t.d;
        return t.toDoubleArray();
    }

    /** The elements in row-major order as F32, without a copy when possible; read only. */
    @Override
    public float[] readF32(Tensor t) {
        if (t.dtype == DType.F32 && t.offset == 0 && t.f.length == t.numel && t.isContiguous()) return t.f;
        return t.toFloatArray();
    }

    /**
     * An F64 array of n elements for an output the caller will overwrite <em>completely</em> and then
     * wrap with {@link #wrapF64}: drawn, not cleared, from the open {@link Workspace} scope when there is
     * one, else fresh (and then counted by {@link MemoryStats} here, once).
     */
    @Override
    public double[] uninitializedF64(int n) {
        return Workspace.takeF64(n);
    }

    /** The F32 twin of {@link #uninitializedF64}. */
    @Override
    public float[] uninitializedF32(int n) {
        return Workspace.takeF32(n);
    }

    /** An F64 tensor over an array from {@link #uninitializedF64} (already counted; not copied). */
    @Override
    public Tensor wrapF64(double[] data, int[] shape) {
        int[] s = checked(data == null ? -1 : data.length, shape);
        return new Tensor(data, s, Shapes.contiguousStrides(s), 0);
    }

    /** An F32 tensor over an array from {@link #uninitializedF32} (already counted; not copied). */
    @Override
    public Tensor wrapF32(float[] data, int[] shape) {
        int[] s = checked(data == null ? -1 : data.length, shape);
        return new Tensor(data, s, Shapes.contiguousStrides(s), 0);
    }

    /** An F64 tensor over {@code data} (row-major, not copied; the caller gives the array up). */
    @Override
    public Tensor adoptF64(double[] data, int[] shape) {
        int[] s = checked(data == null ? -1 : data.length, shape);
        MemoryStats.count(data, 8L * data.length);
        return new Tensor(data, s, Shapes.contiguousStrides(s), 0);
    }

    /** An F32 tensor over {@code data} (row-major, not copied; the caller gives the array up). */
    @Override
    public Tensor adoptF32(float[] data, int[] shape) {
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
