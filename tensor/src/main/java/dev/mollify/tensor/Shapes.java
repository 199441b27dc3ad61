package dev.mollify.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by the tensor code: sizes, strides, broadcasting, axis checks. */
public final class Shapes {
    private Shapes() {}

    /**
     * Number of elements of a shape: the product of its sizes (1 for a scalar shape {@code []}).
     *
     * @param shape the sizes per axis; each must be ≥ 0
     * @return the product of the sizes
     * @throws IllegalArgumentException when a size is negative or the product exceeds 2³¹−1
     */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative size in shape " + str(shape));
            n *= s;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    /**
     * Row-major (C order) strides of a shape: strides[n−1] = 1, strides[i] = strides[i+1] ·
     * max(shape[i+1], 1).
     *
     * @param shape the sizes per axis; {@code []} gives {@code []}
     * @return the element step per axis, same length as {@code shape}
     */
    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    /**
     * NumPy broadcasting: align right, sizes must be equal or 1; a missing leading axis counts as 1.
     *
     * @param a the first shape
     * @param b the second shape
     * @return the broadcast shape, of rank max(rank a, rank b); {@code a} itself when a equals b
     * @throws IllegalArgumentException when an aligned pair of sizes differs and neither is 1
     */
    public static int[] broadcast(int[] a, int[] b) {
        if (Arrays.equals(a, b)) return a;
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i - (n - a.length) >= 0 ? a[i - (n - a.length)] : 1;
            int db = i - (n - b.length) >= 0 ? b[i - (n - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast: axis " + i + " (from the left of the result) has sizes "
                        + da + " and " + db + "; sizes must match or be 1");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Normalises a possibly negative axis index (−1 is the last axis), with an error naming the shape.
     *
     * @param axis the axis, in −rank..rank−1
     * @param rank the number of axes of the tensor
     * @param shapeForMessage the tensor's shape, only quoted in the error message
     * @return the axis in 0..rank−1 ({@code axis + rank} for a negative axis)
     * @throws IndexOutOfBoundsException when the axis is outside −rank..rank−1
     */
    public static int axis(int axis, int rank, int[] shapeForMessage) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IndexOutOfBoundsException("axis " + axis + " is out of range for shape " + str(shapeForMessage)
                    + " (rank " + rank + "; valid axes are " + (-rank) + ".." + (rank - 1) + ")");
        }
        return a;
    }

    /**
     * Normalised, sorted, duplicate-free axes; an empty array means all axes.
     *
     * @param axes axes in −rank..rank−1, in any order; empty for all axes
     * @param rank the number of axes of the tensor
     * @param shapeForMessage the tensor's shape, only quoted in error messages
     * @return a new ascending array of axes in 0..rank−1; 0, 1, …, rank−1 for an empty {@code axes}
     * @throws IndexOutOfBoundsException when an axis is out of range
     * @throws IllegalArgumentException when an axis is named twice
     */
    public static int[] axes(int[] axes, int rank, int[] shapeForMessage) {
        if (axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) all[i] = i;
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = axis(axes[i], rank, shapeForMessage);
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new IllegalArgumentException("axis " + out[i] + " repeated in " + Arrays.toString(axes)
                        + " for shape " + str(shapeForMessage));
            }
        }
        return out;
    }

    /**
     * Shape as text, e.g. {@code (3, 4)}; a rank-1 shape keeps a trailing comma, {@code (5,)}, and a
     * scalar shape is {@code ()}.
     *
     * @param shape the sizes per axis
     * @return the text used in every shape error message
     */
    public static String str(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        if (shape.length == 1) sb.append(',');
        return sb.append(')').toString();
    }

    /**
     * The axes along which {@code from} must be summed (keeping dims) to reach {@code to}, the shape it
     * was broadcast from. Leading extra axes of {@code from} are included. The backward pass of a
     * broadcast uses it to reduce a gradient to the shape of the input.
     *
     * @param from the broadcast (larger) shape
     * @param to the original shape; must broadcast to {@code from}
     * @return ascending axes of {@code from}: the leading extra ones and those where {@code to} has
     *     size 1 and {@code from} does not; empty when the shapes are equal
     * @throws IllegalArgumentException when {@code to} has higher rank or does not broadcast to
     *     {@code from}
     */
    public static int[] sumToAxes(int[] from, int[] to) {
        int lead = from.length - to.length;
        if (lead < 0) {
            throw new IllegalArgumentException("cannot sum shape " + str(from) + " down to larger rank " + str(to));
        }
        int[] axes = new int[from.length];
        int n = 0;
        for (int i = 0; i < from.length; i++) {
            if (i < lead || (to[i - lead] == 1 && from[i] != 1)) {
                axes[n++] = i;
            } else if (to[i - lead] != from[i]) {
                throw new IllegalArgumentException("shape " + str(to) + " does not broadcast to " + str(from));
            }
        }
        return Arrays.copyOf(axes, n);
    }
}
