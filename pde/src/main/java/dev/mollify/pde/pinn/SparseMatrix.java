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

    /**
     * The selection matrix picking entries {@code index[0], index[1], …} of a vector of length {@code cols}.
     *
     * @param index the picked entries, each in [0, cols); copied
     * @param cols the length of the vectors the matrix applies to
     * @return an (index.length × cols) matrix with a single 1 per row
     * @throws IllegalArgumentException when an index lies outside [0, cols)
     */
    public static SparseMatrix selection(int[] index, int cols) {
        int[] ptr = new int[index.length + 1];
        for (int r = 0; r < index.length; r++) ptr[r + 1] = r + 1;
        double[] ones = new double[index.length];
        Arrays.fill(ones, 1.0);
        return new SparseMatrix(index.length, cols, ptr, index.clone(), ones);
    }

    /**
     * Number of rows.
     *
     * @return the length of y = A·x
     */
    public int rows() {
        return rows;
    }

    /**
     * Number of columns.
     *
     * @return the length of x in y = A·x
     */
    public int cols() {
        return cols;
    }

    /**
     * Number of stored entries.
     *
     * @return the count of stored (row, column, value) entries, explicit zeros included
     */
    public int nonZeros() {
        return val.length;
    }

    /**
     * y = A·x for a plain array.
     *
     * @param x a vector of length {@link #cols()}
     * @return y, a new array of length {@link #rows()}
     * @throws IllegalArgumentException when {@code x} does not have {@link #cols()} entries
     */
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

    /**
     * y = A·x as a differentiable operation, with gradient Aᵀ·g.
     *
     * @param x a vector of shape (cols); any shape with that many elements is flattened
     * @return y of shape (rows), of x's dtype (the product is summed in double)
     * @throws IllegalArgumentException when {@code x} does not have {@link #cols()} elements
     */
    public Var apply(Var x) {
        Var flat = x.shape().length == 1 ? x : x.flatten();
        Tensor y = Tensor.of(multiply(flat.value().toDoubleArray()), rows);
        if (y.dtype() != flat.dtype()) y = y.to(flat.dtype());
        return Autograd.record(
                "sparseMatvec", y, (out, g, needs) -> new Var[] {transpose().apply(g)}, flat);
    }

    /**
     * The transpose, built on the first call and kept.
     *
     * @return Aᵀ (cols × rows), whose own transpose is this matrix
     */
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
