package dev.mollify.tensor;

import dev.mollify.tensor.kernels.BinaryOp;
import dev.mollify.tensor.kernels.ReduceOp;
import dev.mollify.tensor.kernels.UnaryOp;
import java.util.Arrays;

/**
 * A dense, strided, N-dimensional array of {@link DType#F64} (default) or {@link DType#F32} numbers.
 *
 * <p><b>Layout.</b> Element {@code (i0, i1, …)} lives at {@code storage[offset + Σ i_d·strides[d]]}.
 * A freshly created tensor is contiguous in row-major (C) order. Views ({@link #reshape},
 * {@link #permute}, {@link #slice}, {@link #expand}, {@link #squeeze}, {@link #unsqueeze}) share the
 * storage and only change shape, strides and offset; a stride of 0 repeats an element (broadcast).
 *
 * <p><b>Immutability.</b> No public method changes a tensor: every operation returns a new tensor or
 * view. (Only the kernels below this API write into fresh output arrays.)
 *
 * <p><b>Errors.</b> Shape, dtype and index mistakes throw {@link IllegalArgumentException} or
 * {@link IndexOutOfBoundsException} with a message naming the shapes involved.
 *
 * <p>Start reading at the factories ({@link #of}, {@link #zeros}, {@link #linspace}) and the
 * elementwise methods; the loops live in {@link Elementwise}, {@link Reductions}, {@link MatMul},
 * {@link Layout} and {@link Joins}.
 */
public final class Tensor {
    static {
        dev.mollify.tensor.internal.RawStorage.lend(new StorageLender());
    }

    final DType dtype;
    /** Storage when {@code dtype == F64}, else null. */
    final double[] d;
    /** Storage when {@code dtype == F32}, else null. */
    final float[] f;

    final int[] shape;
    final int[] strides;
    final int offset;
    final int numel;

    Tensor(double[] d, int[] shape, int[] strides, int offset) {
        this.dtype = DType.F64;
        this.d = d;
        this.f = null;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.numel = Shapes.numel(shape);
    }

    Tensor(float[] f, int[] shape, int[] strides, int offset) {
        this.dtype = DType.F32;
        this.d = null;
        this.f = f;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.numel = Shapes.numel(shape);
    }

    /**
     * A contiguous tensor whose elements the caller will all overwrite: its storage comes from the open
     * {@link Workspace} scope when there is one (not cleared), else it is a fresh array.
     */
    static Tensor uninitialized(DType dtype, int[] shape) {
        int n = Shapes.numel(shape);
        int[] s = shape.clone();
        return dtype == DType.F64
                ? new Tensor(Workspace.takeF64(n), s, Shapes.contiguousStrides(s), 0)
                : new Tensor(Workspace.takeF32(n), s, Shapes.contiguousStrides(s), 0);
    }

    /** A contiguous tensor over fresh, zeroed, counted storage. */
    static Tensor empty(DType dtype, int[] shape) {
        int n = Shapes.numel(shape);
        int[] s = shape.clone();
        return dtype == DType.F64
                ? new Tensor(MemoryStats.allocF64(n), s, Shapes.contiguousStrides(s), 0)
                : new Tensor(MemoryStats.allocF32(n), s, Shapes.contiguousStrides(s), 0);
    }

    // ------------------------------------------------------------------ creation

    /**
     * Wraps a copy of {@code data} (row-major) as an F64 tensor of the given shape: element
     * (i₀, …, iₖ) is data[Σ iⱼ·strideⱼ] with row-major strides.
     *
     * @param data the values, row-major; length must be numel(shape); copied, so later writes to it
     *     do not show
     * @param shape the sizes per axis; none gives a 0-dimensional tensor of one value
     * @return a new contiguous F64 tensor
     * @throws IllegalArgumentException when data is null or its length does not match the shape
     */
    public static Tensor of(double[] data, int... shape) {
        requireData(data != null, "data is null");
        int n = Shapes.numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "data has " + data.length + " values but shape " + Shapes.str(shape) + " needs " + n);
        }
        Tensor t = empty(DType.F64, shape);
        System.arraycopy(data, 0, t.d, 0, n);
        return t;
    }

    /**
     * A 1-D F64 tensor holding a copy of {@code values}.
     *
     * @param values the elements; none gives shape (0,)
     * @return a new tensor of shape (values.length,)
     */
    public static Tensor vector(double... values) {
        return of(values, values.length);
    }

    /**
     * A 2-D F64 tensor from rows of equal length: element (i, j) is rows[i][j].
     *
     * @param rows at least one row; all rows must have the length of row 0
     * @return a new tensor of shape (rows.length, rows[0].length)
     * @throws IllegalArgumentException when rows is null or empty, or a row's length differs
     */
    public static Tensor of(double[][] rows) {
        requireData(rows != null && rows.length > 0, "rows must be non-empty");
        int cols = rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException(
                        "row " + i + " has length " + rows[i].length + ", row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return of(flat, rows.length, cols);
    }

    /**
     * Wraps a copy of {@code data} (row-major) as an F32 tensor.
     *
     * @param data the values, row-major; length must be numel(shape); copied
     * @param shape the sizes per axis
     * @return a new contiguous F32 tensor
     * @throws IllegalArgumentException when data is null or its length does not match the shape
     */
    public static Tensor ofFloat(float[] data, int... shape) {
        requireData(data != null, "data is null");
        int n = Shapes.numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "data has " + data.length + " values but shape " + Shapes.str(shape) + " needs " + n);
        }
        Tensor t = empty(DType.F32, shape);
        System.arraycopy(data, 0, t.f, 0, n);
        return t;
    }

    /**
     * A 0-dimensional F64 tensor.
     *
     * @param value its one element
     * @return a tensor of shape () that broadcasts against any shape
     */
    public static Tensor scalar(double value) {
        return full(DType.F64, value);
    }

    /**
     * A 0-dimensional tensor of the given dtype.
     *
     * @param dtype the element type; F32 rounds {@code value} to float
     * @param value its one element
     * @return a tensor of shape ()
     */
    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    /**
     * F64 zeros.
     *
     * @param shape the sizes per axis, each ≥ 0
     * @return a new tensor of that shape filled with 0.0
     */
    public static Tensor zeros(int... shape) {
        return empty(DType.F64, shape);
    }

    /**
     * Zeros of a dtype.
     *
     * @param dtype the element type
     * @param shape the sizes per axis, each ≥ 0
     * @return a new tensor of that shape and dtype filled with 0
     */
    public static Tensor zeros(DType dtype, int... shape) {
        return empty(dtype, shape);
    }

    /**
     * F64 ones.
     *
     * @param shape the sizes per axis, each ≥ 0
     * @return a new tensor of that shape filled with 1.0
     */
    public static Tensor ones(int... shape) {
        return full(DType.F64, 1.0, shape);
    }

    /**
     * Ones of a dtype.
     *
     * @param dtype the element type
     * @param shape the sizes per axis, each ≥ 0
     * @return a new tensor of that shape and dtype filled with 1
     */
    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1.0, shape);
    }

    /**
     * F64 tensor filled with {@code value}.
     *
     * @param value the value of every element
     * @param shape the sizes per axis, each ≥ 0
     * @return a new tensor of that shape
     */
    public static Tensor full(double value, int... shape) {
        return full(DType.F64, value, shape);
    }

    /**
     * Tensor of a dtype filled with {@code value}.
     *
     * @param dtype the element type; F32 rounds {@code value} to float
     * @param value the value of every element
     * @param shape the sizes per axis, each ≥ 0
     * @return a new tensor of that shape and dtype
     */
    public static Tensor full(DType dtype, double value, int... shape) {
        Tensor t = empty(dtype, shape);
        if (value != 0.0) {
            if (t.d != null) Arrays.fill(t.d, value);
            else Arrays.fill(t.f, (float) value);
        }
        return t;
    }

    /**
     * A tensor of this one's dtype filled with {@code value}.
     *
     * @param value the value of every element
     * @param shape the sizes per axis of the new tensor (not this tensor's shape)
     * @return a new tensor of that shape and this tensor's dtype
     */
    public Tensor fullLike(double value, int... shape) {
        return full(dtype, value, shape);
    }

    /**
     * {@code start, start+step, …} up to but excluding {@code end} (F64): element i is start + i·step,
     * for i &lt; ⌈(end − start)/step⌉.
     *
     * @param start the first value
     * @param end the bound, excluded
     * @param step the spacing; negative for a decreasing sequence
     * @return a 1-D tensor, empty when {@code end} is not beyond {@code start} in the step's direction
     * @throws IllegalArgumentException when a value is not finite or step is 0
     */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("arange needs finite start/end and a non-zero finite step, got " + start
                    + ", " + end + ", " + step);
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = start + i * step;
        return of(v, n);
    }

    /**
     * {@code 0, 1, …, n-1} (F64).
     *
     * @param n the number of values; n ≤ 0 gives an empty tensor
     * @return a 1-D tensor of shape (max(n, 0),)
     */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /**
     * {@code n} evenly spaced points from {@code a} to {@code b} inclusive (F64): xᵢ = a + i·(b − a)/(n − 1),
     * with the last point exactly b.
     *
     * @param a the first point
     * @param b the last point (ignored when n = 1)
     * @param n the number of points, ≥ 1
     * @return a 1-D tensor of shape (n,)
     * @throws IllegalArgumentException when n &lt; 1
     */
    public static Tensor linspace(double a, double b, int n) {
        if (n < 1) throw new IllegalArgumentException("linspace needs n >= 1, got " + n);
        double[] v = new double[n];
        if (n == 1) {
            v[0] = a;
        } else {
            double h = (b - a) / (n - 1);
            for (int i = 0; i < n; i++) v[i] = a + i * h;
            v[n - 1] = b;
        }
        return of(v, n);
    }

    /**
     * Coordinate grids from 1-D axes, "ij" indexing: result {@code k} has shape
     * {@code (len0, len1, …)} and varies along axis {@code k}. Results are broadcast views.
     *
     * @param axes 1-D tensors, one per output axis; none gives an empty array
     * @return one grid per axis: result[k][i₀, …] = axes[k][iₖ]
     * @throws IllegalArgumentException when an axis is not 1-D
     */
    public static Tensor[] meshgrid(Tensor... axes) {
        int[] shape = new int[axes.length];
        for (int k = 0; k < axes.length; k++) {
            if (axes[k].dim() != 1) {
                throw new IllegalArgumentException(
                        "meshgrid takes 1-D axes; axis " + k + " has shape " + Shapes.str(axes[k].shape));
            }
            shape[k] = axes[k].numel;
        }
        Tensor[] out = new Tensor[axes.length];
        for (int k = 0; k < axes.length; k++) {
            int[] s = new int[axes.length];
            Arrays.fill(s, 1);
            s[k] = shape[k];
            out[k] = axes[k].reshape(s).expand(shape);
        }
        return out;
    }

    /**
     * The n×n identity (F64): 1 on the diagonal, 0 elsewhere.
     *
     * @param n the size, ≥ 0
     * @return a new tensor of shape (n, n)
     */
    public static Tensor eye(int n) {
        Tensor t = empty(DType.F64, new int[] {n, n});
        for (int i = 0; i < n; i++) t.d[i * n + i] = 1.0;
        return t;
    }

    /**
     * Standard normal samples (F64) from a seeded generator, drawn in row-major order.
     *
     * @param rng the generator; advanced by numel(shape) Gaussian draws
     * @param shape the sizes per axis
     * @return a new tensor of N(0, 1) samples
     */
    public static Tensor randn(Rng rng, int... shape) {
        Tensor t = empty(DType.F64, shape);
        for (int i = 0; i < t.numel; i++) t.d[i] = rng.nextGaussian();
        return t;
    }

    /**
     * Standard normal samples (F64), seeded: the same as {@code randn(new Rng(seed), shape)}.
     *
     * @param seed the seed of a fresh {@link Rng}
     * @param shape the sizes per axis
     * @return a new tensor of N(0, 1) samples
     */
    public static Tensor randn(long seed, int... shape) {
        return randn(new Rng(seed), shape);
    }

    /**
     * Uniform samples in [lo, hi) (F64) from a seeded generator: lo + (hi − lo)·u, u = rng.nextDouble().
     *
     * @param rng the generator; advanced by numel(shape) draws
     * @param lo the lower bound, included
     * @param hi the upper bound, excluded; must be ≥ lo
     * @param shape the sizes per axis
     * @return a new tensor of samples, row-major in draw order
     * @throws IllegalArgumentException when hi &lt; lo or either is NaN
     */
    public static Tensor uniform(Rng rng, double lo, double hi, int... shape) {
        if (!(hi >= lo)) throw new IllegalArgumentException("uniform needs lo <= hi, got " + lo + ", " + hi);
        Tensor t = empty(DType.F64, shape);
        for (int i = 0; i < t.numel; i++) t.d[i] = lo + (hi - lo) * rng.nextDouble();
        return t;
    }

    /**
     * Uniform samples in [0, 1) (F64), seeded.
     *
     * @param seed the seed of a fresh {@link Rng}
     * @param shape the sizes per axis
     * @return a new tensor of samples
     */
    public static Tensor rand(long seed, int... shape) {
        return uniform(new Rng(seed), 0, 1, shape);
    }

    // ------------------------------------------------------------------ accessors

    /**
     * Element type.
     *
     * @return F64 or F32
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * A copy of the shape.
     *
     * @return the sizes per axis; changing the array does not change the tensor
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * A copy of the strides (in elements): element (i₀, …, iₖ) sits at offset + Σ iⱼ·stridesⱼ of the
     * storage; a broadcast axis has stride 0.
     *
     * @return the element step per axis
     */
    public int[] strides() {
        return strides.clone();
    }

    /**
     * Size along an axis (negative counts from the end).
     *
     * @param axis an axis in −dim()..dim()−1
     * @return shape[axis]
     * @throws IndexOutOfBoundsException when the axis is out of range
     */
    public int size(int axis) {
        return shape[Shapes.axis(axis, shape.length, shape)];
    }

    /**
     * Number of dimensions.
     *
     * @return the rank: the shape's length (0 for a scalar)
     */
    public int dim() {
        return shape.length;
    }

    /**
     * Number of elements.
     *
     * @return the product of the shape's sizes (1 for a scalar)
     */
    public int numel() {
        return numel;
    }

    /**
     * Whether the elements are laid out row-major without gaps (axes of size 1 are ignored).
     *
     * @return true when the strides are those of {@link Shapes#contiguousStrides}
     */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /**
     * Whether the shape equals {@code other}.
     *
     * @param other the sizes per axis to compare with
     * @return true when rank and every size agree
     */
    public boolean sameShape(int... other) {
        return Arrays.equals(shape, other);
    }

    /**
     * The element at a full index (negative indices count from the end).
     *
     * @param index one index per axis, each in −size..size−1
     * @return the element, widened to double for F32
     * @throws IllegalArgumentException when the index has the wrong number of entries
     * @throws IndexOutOfBoundsException when an entry is out of range
     */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " entries; tensor of shape " + Shapes.str(shape) + " needs " + shape.length);
        }
        int pos = offset;
        for (int k = 0; k < index.length; k++) {
            int i = index[k] < 0 ? index[k] + shape[k] : index[k];
            if (i < 0 || i >= shape[k]) {
                throw new IndexOutOfBoundsException("index " + index[k] + " out of range for axis " + k + " of size "
                        + shape[k] + " (shape " + Shapes.str(shape) + ")");
            }
            pos += i * strides[k];
        }
        return d != null ? d[pos] : f[pos];
    }

    /**
     * The value of a one-element tensor.
     *
     * @return the single element, widened to double for F32
     * @throws IllegalArgumentException when numel() is not 1
     */
    public double item() {
        if (numel != 1) {
            throw new IllegalArgumentException(
                    "item() needs exactly one element; shape " + Shapes.str(shape) + " has " + numel);
        }
        return d != null ? d[offset] : f[offset];
    }

    /**
     * The elements in row-major order as a new {@code double[]}.
     *
     * @return an array of length numel() that the caller owns (F32 values are widened)
     */
    public double[] toDoubleArray() {
        Tensor c = dtype == DType.F64 ? contiguous() : to(DType.F64);
        if (c.offset == 0 && c.d.length == numel) return c == this ? c.d.clone() : c.d;
        return Arrays.copyOfRange(c.d, c.offset, c.offset + numel);
    }

    /**
     * The elements in row-major order as a new {@code float[]}.
     *
     * @return an array of length numel() that the caller owns (F64 values are rounded to float)
     */
    public float[] toFloatArray() {
        Tensor c = dtype == DType.F32 ? contiguous() : to(DType.F32);
        if (c.offset == 0 && c.f.length == numel) return c == this ? c.f.clone() : c.f;
        return Arrays.copyOfRange(c.f, c.offset, c.offset + numel);
    }

    // ------------------------------------------------------------------ views (no copy)

    /**
     * Same elements, new shape (one entry may be -1); a view when the layout allows, else a copy.
     * Row-major order of the elements is kept.
     *
     * @param newShape the new sizes; their product must equal numel(), and a single −1 stands for the
     *     size that makes it so
     * @return a tensor of shape newShape
     * @throws IllegalArgumentException when the sizes do not multiply to numel() or −1 appears twice
     */
    public Tensor reshape(int... newShape) {
        return Layout.reshape(this, newShape);
    }

    /**
     * Flattens to 1-D, in row-major order.
     *
     * @return a tensor of shape (numel(),), a view when the layout allows
     */
    public Tensor flatten() {
        return reshape(numel);
    }

    /**
     * Reorders axes: result axis {@code i} is this tensor's axis {@code order[i]} (a view).
     *
     * @param order a permutation of 0..dim()−1 (negative axes count from the end)
     * @return a view of shape (shape[order[0]], …, shape[order[dim−1]])
     * @throws IllegalArgumentException when order is not a permutation of the axes
     */
    public Tensor permute(int... order) {
        return Layout.permute(this, order);
    }

    /**
     * Swaps two axes (a view).
     *
     * @param a one axis, in −dim()..dim()−1
     * @param b the other axis, in −dim()..dim()−1
     * @return a view whose axes a and b are exchanged
     */
    public Tensor transpose(int a, int b) {
        return Layout.transpose(this, a, b);
    }

    /**
     * Transpose of a 2-D tensor (swaps the last two axes of a batched one); a view.
     *
     * @return a view of shape (…, n, m) for shape (…, m, n)
     * @throws IllegalArgumentException when dim() &lt; 2
     */
    public Tensor t() {
        if (shape.length < 2)
            throw new IllegalArgumentException("t() needs at least 2 dimensions, shape is " + Shapes.str(shape));
        return transpose(-2, -1);
    }

    /**
     * Python-style slice along one axis: indices {@code start, start+step, …} stopping before
     * {@code end}. Negative start/end count from the end; a negative step walks backwards (then the
     * defaults are {@code start = size-1}, {@code end = -size-1}, i.e. before index 0). A view.
     *
     * @param axis the axis to slice, in −dim()..dim()−1
     * @param start the first index
     * @param end the index to stop before
     * @param step the index step; not 0
     * @return a view whose size along axis is the number of indices selected (possibly 0)
     */
    public Tensor slice(int axis, int start, int end, int step) {
        return Layout.slice(this, axis, start, end, step);
    }

    /**
     * {@code length} elements from {@code start} along {@code axis} (a view).
     *
     * @param axis the axis, in −dim()..dim()−1
     * @param start the first index, in 0..size
     * @param length the number of elements; start + length must not exceed the size
     * @return a view of the same rank with size {@code length} along axis
     */
    public Tensor narrow(int axis, int start, int length) {
        return Layout.narrow(this, axis, start, length);
    }

    /**
     * Index {@code i} along {@code axis}, removing that axis (a view).
     *
     * @param axis the axis, in −dim()..dim()−1
     * @param index the position along it, in −size..size−1
     * @return a view of rank dim() − 1
     */
    public Tensor select(int axis, int index) {
        int a = Shapes.axis(axis, shape.length, shape);
        int i = index < 0 ? index + shape[a] : index;
        return narrow(a, i, 1).squeeze(a);
    }

    /**
     * Reverses the order along an axis (a view with a negative stride): y[…, i, …] = x[…, n−1−i, …].
     *
     * @param axis the axis, in −dim()..dim()−1
     * @return a view of the same shape
     */
    public Tensor flip(int axis) {
        int a = Shapes.axis(axis, shape.length, shape);
        return slice(a, shape[a] - 1, -shape[a] - 1, -1);
    }

    /**
     * Broadcast view to a larger shape (sizes 1 become the new size; new leading axes are added).
     * No data is copied: expanded axes have stride 0.
     *
     * @param newShape the target shape; this shape must broadcast to it (NumPy rules)
     * @return a view of shape newShape
     * @throws IllegalArgumentException when this shape does not broadcast to newShape
     */
    public Tensor expand(int... newShape) {
        return Layout.expand(this, newShape);
    }

    /**
     * Removes all axes of size 1 (a view).
     *
     * @return a view with the same elements and no axis of size 1
     */
    public Tensor squeeze() {
        return Layout.squeeze(this);
    }

    /**
     * Removes one axis of size 1 (a view).
     *
     * @param axis the axis to remove, in −dim()..dim()−1; its size must be 1
     * @return a view of rank dim() − 1
     */
    public Tensor squeeze(int axis) {
        return Layout.squeeze(this, axis);
    }

    /**
     * Inserts an axis of size 1 at {@code axis} (0..dim); a view.
     *
     * @param axis the position of the new axis in the result
     * @return a view of rank dim() + 1
     */
    public Tensor unsqueeze(int axis) {
        return Layout.unsqueeze(this, axis);
    }

    /**
     * This tensor if already contiguous, else a contiguous copy.
     *
     * @return a row-major tensor with the same shape, dtype and elements
     */
    public Tensor contiguous() {
        return isContiguous() ? this : copy();
    }

    /**
     * A contiguous copy.
     *
     * @return a new row-major tensor with the same shape, dtype and elements
     */
    public Tensor copy() {
        return Elementwise.copyTo(this, dtype);
    }

    /**
     * Converted to another dtype (this tensor when the dtype already matches).
     *
     * @param target the element type wanted; F64 → F32 rounds to nearest float
     * @return a tensor of the same shape and dtype {@code target}
     */
    public Tensor to(DType target) {
        return target == dtype ? this : Elementwise.copyTo(this, target);
    }

    // ------------------------------------------------------------------ joins and padding

    /**
     * Joins tensors along an existing axis; all other sizes must match.
     *
     * @param axis the axis to join along, in −dim..dim−1
     * @param parts at least one tensor, all of one dtype and rank
     * @return a new tensor whose size along axis is the sum of the parts' sizes
     * @throws IllegalArgumentException when parts is empty or the shapes or dtypes disagree
     */
    public static Tensor concat(int axis, Tensor... parts) {
        return Joins.concat(axis, parts);
    }

    /**
     * Joins tensors of one shape along a new axis.
     *
     * @param axis the position of the new axis in the result, 0..dim
     * @param parts at least one tensor, all of one shape and dtype
     * @return a new tensor of rank dim + 1 with size parts.length along axis
     * @throws IllegalArgumentException when parts is empty or the shapes or dtypes disagree
     */
    public static Tensor stack(int axis, Tensor... parts) {
        return Joins.stack(axis, parts);
    }

    /**
     * Pads {@code before} and {@code after} cells along one axis.
     *
     * @param axis the axis, in −dim()..dim()−1
     * @param before cells added before index 0, ≥ 0
     * @param after cells added after the last index, ≥ 0
     * @param mode how the new cells are filled (REFLECT needs pad &lt; size, CIRCULAR pad ≤ size)
     * @return a new tensor whose size along axis grows by before + after
     */
    public Tensor pad(int axis, int before, int after, PadMode mode) {
        return Joins.pad(this, axis, before, after, mode);
    }

    /**
     * Pads every axis: {@code before[a]}, {@code after[a]} cells on axis {@code a}, one axis after
     * the other.
     *
     * @param before cells before index 0, one entry per axis, each ≥ 0
     * @param after cells after the last index, one entry per axis, each ≥ 0
     * @param mode how the new cells are filled
     * @return a tensor of shape shape[a] + before[a] + after[a]; this tensor when all are 0
     * @throws IllegalArgumentException when before or after does not have dim() entries
     */
    public Tensor pad(int[] before, int[] after, PadMode mode) {
        if (before.length != shape.length || after.length != shape.length) {
            throw new IllegalArgumentException("pad needs one before/after entry per axis of shape " + Shapes.str(shape)
                    + ", got " + Arrays.toString(before) + " / " + Arrays.toString(after));
        }
        Tensor t = this;
        for (int a = 0; a < shape.length; a++) {
            if (before[a] != 0 || after[a] != 0) t = t.pad(a, before[a], after[a], mode);
        }
        return t;
    }

    /**
     * The adjoint of {@link #slice}: a zero tensor of {@code fullShape} with this tensor written at the
     * positions {@code start, start+step, …} along {@code axis}.
     *
     * @param fullShape the shape of the tensor that was sliced; equal to this shape except along axis
     * @param axis the sliced axis
     * @param start the first index the slice took (non-negative)
     * @param step the step the slice took
     * @return a new tensor of fullShape, zero where the slice did not read
     */
    public Tensor embedSlice(int[] fullShape, int axis, int start, int step) {
        return Joins.embedSlice(this, fullShape, axis, start, step);
    }

    // ------------------------------------------------------------------ elementwise

    /**
     * Applies a unary function elementwise: y = op(x).
     *
     * @param op the function; its {@link UnaryOp#apply(double)} is the reference
     * @return a new tensor of this tensor's shape and dtype
     */
    public Tensor map(UnaryOp op) {
        return Elementwise.unary(op, this);
    }

    /**
     * Elementwise y = −x.
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor neg() {
        return map(UnaryOp.NEG);
    }

    /**
     * Elementwise y = |x|.
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor abs() {
        return map(UnaryOp.ABS);
    }

    /**
     * Elementwise y = eˣ.
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor exp() {
        return map(UnaryOp.EXP);
    }

    /**
     * Elementwise natural logarithm y = ln x (NaN for x &lt; 0).
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor log() {
        return map(UnaryOp.LOG);
    }

    /**
     * Elementwise y = √x.
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor sqrt() {
        return map(UnaryOp.SQRT);
    }

    /**
     * Elementwise y = sin x.
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor sin() {
        return map(UnaryOp.SIN);
    }

    /**
     * Elementwise y = cos x.
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor cos() {
        return map(UnaryOp.COS);
    }

    /**
     * Elementwise y = tanh x.
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor tanh() {
        return map(UnaryOp.TANH);
    }

    /**
     * Elementwise logistic function y = 1/(1 + e⁻ˣ).
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor sigmoid() {
        return map(UnaryOp.SIGMOID);
    }

    /**
     * Elementwise y = log(1 + eˣ), computed stably for all x.
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor softplus() {
        return map(UnaryOp.SOFTPLUS);
    }

    /**
     * Elementwise y = max(x, 0).
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor relu() {
        return map(UnaryOp.RELU);
    }

    /**
     * Elementwise y = 1/x.
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor reciprocal() {
        return map(UnaryOp.RECIPROCAL);
    }

    /**
     * Elementwise y = x².
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor square() {
        return map(UnaryOp.SQUARE);
    }

    /**
     * Elementwise sign: 1 for x > 0, −1 for x &lt; 0, 0 otherwise.
     *
     * @return a new tensor of this tensor's shape and dtype holding y for each element x
     */
    public Tensor sign() {
        return map(UnaryOp.SIGN);
    }

    /**
     * Applies a binary function elementwise with NumPy broadcasting: z = op(x, y).
     *
     * @param op the function; its {@link BinaryOp#apply(double, double)} is the reference
     * @param other the right operand; its shape must broadcast with this one, its dtype equal it
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor zip(BinaryOp op, Tensor other) {
        return Elementwise.binary(op, this, other);
    }

    /**
     * Applies a binary function with a scalar right operand: z = op(x, other).
     *
     * @param op the function
     * @param other the right operand for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype
     */
    public Tensor zip(BinaryOp op, double other) {
        return Elementwise.binary(op, this, scalarLike(other));
    }

    private Tensor scalarLike(double v) {
        return full(dtype, v);
    }

    /**
     * Elementwise {@code this + o}, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape and the common dtype
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor add(Tensor o) {
        return zip(BinaryOp.ADD, o);
    }

    /**
     * Elementwise {@code this - o}, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape and the common dtype
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor sub(Tensor o) {
        return zip(BinaryOp.SUB, o);
    }

    /**
     * Elementwise product {@code this * o}, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape and the common dtype
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor mul(Tensor o) {
        return zip(BinaryOp.MUL, o);
    }

    /**
     * Elementwise quotient {@code this / o}, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape and the common dtype
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor div(Tensor o) {
        return zip(BinaryOp.DIV, o);
    }

    /**
     * Elementwise power {@code Math.pow(this, o)}, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape and the common dtype
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor pow(Tensor o) {
        return zip(BinaryOp.POW, o);
    }

    /**
     * Elementwise {@code max(this, o)}, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape and the common dtype
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor maximum(Tensor o) {
        return zip(BinaryOp.MAX, o);
    }

    /**
     * Elementwise {@code min(this, o)}, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape and the common dtype
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor minimum(Tensor o) {
        return zip(BinaryOp.MIN, o);
    }

    /**
     * Elementwise {@code this == o} as 1.0 or 0.0, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape, 1.0 where the relation holds and 0.0 elsewhere
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor eq(Tensor o) {
        return zip(BinaryOp.EQ, o);
    }

    /**
     * Elementwise {@code this != o} as 1.0 or 0.0, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape, 1.0 where the relation holds and 0.0 elsewhere
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor ne(Tensor o) {
        return zip(BinaryOp.NE, o);
    }

    /**
     * Elementwise {@code this < o} as 1.0 or 0.0, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape, 1.0 where the relation holds and 0.0 elsewhere
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor lt(Tensor o) {
        return zip(BinaryOp.LT, o);
    }

    /**
     * Elementwise {@code this <= o} as 1.0 or 0.0, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape, 1.0 where the relation holds and 0.0 elsewhere
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor le(Tensor o) {
        return zip(BinaryOp.LE, o);
    }

    /**
     * Elementwise {@code this > o} as 1.0 or 0.0, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape, 1.0 where the relation holds and 0.0 elsewhere
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor gt(Tensor o) {
        return zip(BinaryOp.GT, o);
    }

    /**
     * Elementwise {@code this >= o} as 1.0 or 0.0, broadcast.
     *
     * @param o the right operand; its shape and this shape must broadcast together (sizes
     *     equal or 1, aligned from the right), and its dtype must equal this one's
     * @return a new tensor of the broadcast shape, 1.0 where the relation holds and 0.0 elsewhere
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public Tensor ge(Tensor o) {
        return zip(BinaryOp.GE, o);
    }

    /**
     * Elementwise {@code this + v}.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype
     */
    public Tensor add(double v) {
        return zip(BinaryOp.ADD, v);
    }

    /**
     * Elementwise {@code this - v}.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype
     */
    public Tensor sub(double v) {
        return zip(BinaryOp.SUB, v);
    }

    /**
     * Elementwise product {@code this * v}.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype
     */
    public Tensor mul(double v) {
        return zip(BinaryOp.MUL, v);
    }

    /**
     * Elementwise quotient {@code this / v}.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype
     */
    public Tensor div(double v) {
        return zip(BinaryOp.DIV, v);
    }

    /**
     * Elementwise power {@code Math.pow(this, v)}.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype
     */
    public Tensor pow(double v) {
        return zip(BinaryOp.POW, v);
    }

    /**
     * Elementwise {@code max(this, v)}.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype
     */
    public Tensor maximum(double v) {
        return zip(BinaryOp.MAX, v);
    }

    /**
     * Elementwise {@code min(this, v)}.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype
     */
    public Tensor minimum(double v) {
        return zip(BinaryOp.MIN, v);
    }

    /**
     * Elementwise {@code this > v} as 1.0 or 0.0.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype, 1.0 where the relation holds and 0.0 elsewhere
     */
    public Tensor gt(double v) {
        return zip(BinaryOp.GT, v);
    }

    /**
     * Elementwise {@code this >= v} as 1.0 or 0.0.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype, 1.0 where the relation holds and 0.0 elsewhere
     */
    public Tensor ge(double v) {
        return zip(BinaryOp.GE, v);
    }

    /**
     * Elementwise {@code this < v} as 1.0 or 0.0.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype, 1.0 where the relation holds and 0.0 elsewhere
     */
    public Tensor lt(double v) {
        return zip(BinaryOp.LT, v);
    }

    /**
     * Elementwise {@code this <= v} as 1.0 or 0.0.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype, 1.0 where the relation holds and 0.0 elsewhere
     */
    public Tensor le(double v) {
        return zip(BinaryOp.LE, v);
    }

    /**
     * Elementwise {@code this == v} as 1.0 or 0.0.
     *
     * @param v the right operand, the same for every element (rounded to float for F32)
     * @return a new tensor of this tensor's shape and dtype, 1.0 where the relation holds and 0.0 elsewhere
     */
    public Tensor eq(double v) {
        return zip(BinaryOp.EQ, v);
    }

    /**
     * {@code cond != 0 ? a : b} elementwise, all three broadcast together.
     *
     * @param cond the selector: nonzero picks {@code a} (NaN counts as nonzero)
     * @param a the values where cond is nonzero
     * @param b the values where cond is zero; same dtype as {@code a}
     * @return a new tensor of the broadcast shape of the three
     * @throws IllegalArgumentException when the shapes do not broadcast or the dtypes differ
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Elementwise.where(cond, a, b);
    }

    // ------------------------------------------------------------------ reductions

    /**
     * Sum of all elements, as a 0-d tensor: Σᵢ xᵢ.
     *
     * @return a tensor of shape () and this dtype; 0 for an empty tensor
     */
    public Tensor sum() {
        return Reductions.reduce(ReduceOp.SUM, this, new int[0], false);
    }

    /**
     * Sum over the given axes (all when none are given).
     *
     * @param axes the axes to sum over, in −dim()..dim()−1, each at most once; empty for all
     * @param keepdim true to keep the summed axes with size 1 (so the result broadcasts back), false
     *     to remove them
     * @return a new tensor of this dtype
     */
    public Tensor sum(int[] axes, boolean keepdim) {
        return Reductions.reduce(ReduceOp.SUM, this, axes, keepdim);
    }

    /**
     * Sum over one axis, removing it.
     *
     * @param axis the axis, in −dim()..dim()−1
     * @return a new tensor of rank dim() − 1
     */
    public Tensor sum(int axis) {
        return sum(new int[] {axis}, false);
    }

    /**
     * Mean of all elements: (Σᵢ xᵢ)/n.
     *
     * @return a tensor of shape (); NaN for an empty tensor (0/0)
     */
    public Tensor mean() {
        return mean(new int[0], false);
    }

    /**
     * Mean over the given axes (all when none are given): the sum divided by the number of elements
     * summed.
     *
     * @param axes the axes to average over, each at most once; empty for all
     * @param keepdim true to keep those axes with size 1, false to remove them
     * @return a new tensor of this dtype
     */
    public Tensor mean(int[] axes, boolean keepdim) {
        int count = Reductions.count(this, axes);
        return sum(axes, keepdim).div(count);
    }

    /**
     * Maximum of all elements (NaN if any is NaN).
     *
     * @return a tensor of shape (); −∞ for an empty tensor
     */
    public Tensor max() {
        return Reductions.reduce(ReduceOp.MAX, this, new int[0], false);
    }

    /**
     * Maximum over axes (NaN if any reduced element is NaN).
     *
     * @param axes the axes to reduce, each at most once; empty for all
     * @param keepdim true to keep those axes with size 1, false to remove them
     * @return a new tensor of this dtype
     */
    public Tensor max(int[] axes, boolean keepdim) {
        return Reductions.reduce(ReduceOp.MAX, this, axes, keepdim);
    }

    /**
     * Minimum of all elements (NaN if any is NaN).
     *
     * @return a tensor of shape (); +∞ for an empty tensor
     */
    public Tensor min() {
        return Reductions.reduce(ReduceOp.MIN, this, new int[0], false);
    }

    /**
     * Minimum over axes (NaN if any reduced element is NaN).
     *
     * @param axes the axes to reduce, each at most once; empty for all
     * @param keepdim true to keep those axes with size 1, false to remove them
     * @return a new tensor of this dtype
     */
    public Tensor min(int[] axes, boolean keepdim) {
        return Reductions.reduce(ReduceOp.MIN, this, axes, keepdim);
    }

    /**
     * Flat (row-major) index of the first maximum.
     *
     * @return an index in 0..numel()−1
     * @throws IllegalArgumentException when the tensor is empty
     */
    public int argmax() {
        return Reductions.argmaxFlat(this);
    }

    /**
     * Indices (as F64 values) of the first maximum along an axis, which is removed.
     *
     * @param axis the axis to search, in −dim()..dim()−1; its size must be ≥ 1
     * @return an F64 tensor of rank dim() − 1 holding indices 0..size−1
     */
    public Tensor argmax(int axis) {
        return Reductions.argAlong(this, axis, true);
    }

    /**
     * Indices (as F64 values) of the first minimum along an axis, which is removed.
     *
     * @param axis the axis to search, in −dim()..dim()−1; its size must be ≥ 1
     * @return an F64 tensor of rank dim() − 1 holding indices 0..size−1
     */
    public Tensor argmin(int axis) {
        return Reductions.argAlong(this, axis, false);
    }

    /**
     * Sums this tensor down to {@code target} so that {@code target} broadcasts back to this shape:
     * the adjoint of broadcasting.
     *
     * @param target a shape that broadcasts to this shape
     * @return a tensor of shape target; this tensor when the shapes are equal
     * @throws IllegalArgumentException when target does not broadcast to this shape
     */
    public Tensor sumTo(int... target) {
        return Reductions.sumTo(this, target);
    }

    // ------------------------------------------------------------------ linear algebra

    /**
     * Matrix product: 2-D {@code (m,k)·(k,n)}, or batched {@code (…,m,k)·(…,k,n)} with broadcast batch
     * axes: c[…, i, j] = Σₗ a[…, i, l]·b[…, l, j].
     *
     * @param other the right factor; its second-to-last size must equal this tensor's last, same dtype
     * @return a new tensor of shape (broadcast batch…, m, n)
     * @throws IllegalArgumentException when the inner sizes, batch shapes or dtypes do not fit
     */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other);
    }

    /**
     * The affine map of a linear layer, {@code this·w + bias} with the bias broadcast over rows, in one
     * output allocation (PyTorch's {@code addmm}).
     *
     * @param w the weights, shape (k, n) for this tensor's shape (m, k) (batched as in {@link #matmul})
     * @param bias shape (n,) or any shape that broadcasts to the product's shape, same dtype
     *
     * @return a new tensor of shape (m, n): y[i, j] = Σₗ x[i, l]·w[l, j] + bias[j]
     * @throws IllegalArgumentException when the shapes or dtypes do not fit
     */
    public Tensor linear(Tensor w, Tensor bias) {
        return MatMul.linear(this, w, bias);
    }

    /**
     * {@code this·(1 − y²)}: the derivative rule of tanh applied to an upstream gradient (this) given
     * the tanh output {@code y}, fused into one pass and one allocation.
     *
     * @param y the tanh output, same shape-broadcasting rules and dtype as this gradient
     * @return a new tensor g·(1 − y²) of the broadcast shape
     * @throws IllegalArgumentException when the dtypes differ or the shapes do not broadcast
     */
    public Tensor tanhBackward(Tensor y) {
        return Elementwise.tanhBackward(this, y);
    }

    /**
     * {@code k·this·b·c} elementwise (all three broadcast together), in one pass and one allocation.
     *
     * @param b the second factor, same dtype as this tensor
     * @param c the third factor, same dtype as this tensor
     * @param k a constant factor
     * @return a new tensor of the broadcast shape of the three
     * @throws IllegalArgumentException when the dtypes differ or the shapes do not broadcast
     */
    public Tensor mul3(Tensor b, Tensor c, double k) {
        return Elementwise.mul3(this, b, c, k);
    }

    // ------------------------------------------------------------------ checks and printing

    /**
     * Whether every element is finite (no NaN or ±Inf).
     *
     * @return true when every element is finite; true for an empty tensor
     */
    public boolean allFinite() {
        return Reductions.allFinite(this);
    }

    /**
     * |a−b| ≤ atol + rtol·|b| elementwise, same shapes (NaN never close); compared in double.
     *
     * @param other the reference b; its shape must equal this one's (dtypes may differ)
     * @param rtol the relative tolerance, ≥ 0
     * @param atol the absolute tolerance, ≥ 0
     * @return true when the shapes are equal and every pair is close; false otherwise
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) return false;
        double[] a = toDoubleArray();
        double[] b = other.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]))) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor")
                .append(Shapes.str(shape))
                .append(' ')
                .append(dtype)
                .append(' ');
        double[] v = toDoubleArray();
        int show = Math.min(v.length, 8);
        sb.append('[');
        for (int i = 0; i < show; i++) {
            if (i > 0) sb.append(", ");
            sb.append(v[i]);
        }
        if (v.length > show) sb.append(", …");
        return sb.append(']').toString();
    }

    static void requireData(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    static void requireSameDType(Tensor a, Tensor b, String op) {
        if (a.dtype != b.dtype) {
            throw new IllegalArgumentException(op + ": dtypes differ (" + a.dtype + " " + Shapes.str(a.shape) + " vs "
                    + b.dtype + " " + Shapes.str(b.shape) + "); convert one with .to(DType." + a.dtype + ")");
        }
    }
}
