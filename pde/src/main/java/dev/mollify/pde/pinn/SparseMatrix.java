package dev.mollify.pde.pinn;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.Arrays;

/**
 * A constant sparse matrix A (rows × cols, compressed rows) applied to a vector as a differentiable
 * primitive: y = A·x, ∂x = Aᵀ·g. The adjoint is another sparse product, so the rule is written with
 * this class itself and can be differentiated again. Used for selecting observed grid nodes and for
 * linear/bilinear interpolation of û to scattered data points.
 *
 * <p>Layout: row r holds the entries {@code colIdx[k], val[k]} for {@code k ∈ [rowPtr[r], rowPtr[r+1])}.
 */
public final class SparseMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final double[] val;
    private SparseMatrix transpose;

    SparseMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] val) {
        if (rowPtr.length != rows + 1 || colIdx.length != val.length || rowPtr[rows] != val.length) {
            throw new IllegalArgumentException("inconsistent compressed-row arrays");
        }
        for (int c : colIdx)
            if (c < 0 || c >= cols) throw new IllegalArgumentException("column " + c + " outside [0, " + cols + ")");
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.val = val;
    }

    /** The selection matrix picking entries {@code index[0], index[1], …} of a vector of length {@code cols}. */
    public static SparseMatrix selection(int[] index, int cols) {
        int[] ptr = new int[index.length + 1];
        for (int r = 0; r < index.length; r++) ptr[r + 1] = r + 1;
        double[] ones = new double[index.length];
        Arrays.fill(ones, 1.0);
        return new SparseMatrix(index.length, cols, ptr, index.clone(), ones);
    }

    /** Number of rows (length of y). */
    public int rows() {
        return rows;
    }

    /** Number of columns (length of x). */
    public int cols() {
        return cols;
    }

    /** Number of stored entries. */
    public int nonZeros() {
        return val.length;
    }

    /** y = A·x for a plain array. */
    public double[] multiply(double[] x) {
        if (x.length != cols)
            throw new IllegalArgumentException("vector of length " + x.length + ", matrix has " + cols + " columns");
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) s += val[k] * x[colIdx[k]];
            y[r] = s;
        }
        return y;
    }

    /** y = A·x for a vector {@code x} of shape (cols) (any shape with that many elements is flattened); y has shape (rows). */
    public Var apply(Var x) {
        Var flat = x.shape().length == 1 ? x : x.flatten();
        Tensor y = Tensor.of(multiply(flat.value().toDoubleArray()), rows);
        return Autograd.record(
                "sparseMatvec", y, (out, g, needs) -> new Var[] {transpose().apply(g)}, flat);
    }

    /** Aᵀ (built once). */
    public synchronized SparseMatrix transpose() {
        if (transpose == null) {
            int[] count = new int[cols + 1];
            for (int c : colIdx) count[c + 1]++;
            for (int c = 0; c < cols; c++) count[c + 1] += count[c];
            int[] ptr = count.clone();
            int[] ci = new int[val.length];
            double[] v = new double[val.length];
            int[] fill = Arrays.copyOf(count, cols);
            for (int r = 0; r < rows; r++) {
                for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
                    int p = fill[colIdx[k]]++;
                    ci[p] = r;
                    v[p] = val[k];
                }
            }
            transpose = new SparseMatrix(cols, rows, ptr, ci, v);
            transpose.transpose = this;
        }
        return transpose;
    }
}
