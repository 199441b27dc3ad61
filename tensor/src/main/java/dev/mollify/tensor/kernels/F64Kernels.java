package dev.mollify.tensor.kernels;

/**
 * Row kernels on {@code double[]} storage: the seam between the tensor library and the hardware.
 *
 * <p>Every method works on one strided "row": element {@code i} of operand {@code x} lives at
 * {@code x[xOff + i * xStride]}. Outputs are written contiguously from {@code yOff} unless a stride is
 * given. A stride of 0 broadcasts one element along the row. Callers (the {@code Tensor} class)
 * iterate over the outer dimensions and hand each innermost row to these kernels. An output may be the
 * same array region as an input (in place) but must not overlap it at a shift.
 *
 * <p>Each method has a scalar reference loop in {@link F64Scalar}; when {@link Simd#enabled()} and the
 * strides allow (unit stride, or 0 where a broadcast is allowed), the Vector API loop in
 * {@link F64Vector} or {@link F64Gemm} is taken instead. Elementwise rows of at least
 * {@link Parallel#ELEMENTWISE_THRESHOLD} elements, and large products, are split across threads
 * (see {@link Parallel}); results never depend on the thread count.
 */
public final class F64Kernels {
    private F64Kernels() {}

    private static boolean unitOrBroadcast(int stride) {
        return stride == 0 || stride == 1;
    }

    /**
     * {@code y[i] = op(x[i])}.
     *
     * @param op the function applied to each element
     * @param x the input: element i at x[xOff + i·xStride]
     * @param xOff the index in x of element 0
     * @param xStride the step in x between consecutive elements; 0 broadcasts x[xOff]
     * @param y the output storage, written contiguously: element i at y[yOff + i]
     * @param yOff the index in y of element 0
     * @param n the row length, ≥ 0; 0 writes nothing
     */
    public static void unary(UnaryOp op, double[] x, int xOff, int xStride, double[] y, int yOff, int n) {
        if (Simd.enabled() && xStride == 1 && F64Vector.hasUnary(op)) {
            if (n <= Parallel.CHUNK) F64Vector.unary(op, x, xOff, y, yOff, n);
            else Parallel.forChunks(n, (lo, hi) -> F64Vector.unary(op, x, xOff + lo, y, yOff + lo, hi - lo));
        } else if (n <= Parallel.CHUNK) {
            F64Scalar.unary(op, x, xOff, xStride, y, yOff, n);
        } else {
            Parallel.forChunks(
                    n, (lo, hi) -> F64Scalar.unary(op, x, xOff + lo * xStride, xStride, y, yOff + lo, hi - lo));
        }
    }

    /**
     * {@code y[i] = op(a[i], b[i])}; strides 0 broadcast.
     *
     * @param op the function applied to each pair (POW always takes the scalar loop)
     * @param a the first operand: element i at a[aOff + i·aStride]
     * @param aOff the index in a of element 0
     * @param aStride the step in a between consecutive elements; 0 broadcasts a[aOff]
     * @param b the second operand: element i at b[bOff + i·bStride]
     * @param bOff the index in b of element 0
     * @param bStride the step in b between consecutive elements; 0 broadcasts b[bOff]
     * @param y the output storage, written contiguously: element i at y[yOff + i]
     * @param yOff the index in y of element 0
     * @param n the row length, ≥ 0; 0 writes nothing
     */
    public static void binary(
            BinaryOp op,
            double[] a,
            int aOff,
            int aStride,
            double[] b,
            int bOff,
            int bStride,
            double[] y,
            int yOff,
            int n) {
        if (Simd.enabled() && op != BinaryOp.POW && unitOrBroadcast(aStride) && unitOrBroadcast(bStride)) {
            if (n <= Parallel.CHUNK) F64Vector.binary(op, a, aOff, aStride, b, bOff, bStride, y, yOff, n);
            else
                Parallel.forChunks(
                        n,
                        (lo, hi) -> F64Vector.binary(
                                op,
                                a,
                                aOff + lo * aStride,
                                aStride,
                                b,
                                bOff + lo * bStride,
                                bStride,
                                y,
                                yOff + lo,
                                hi - lo));
        } else if (n <= Parallel.CHUNK) {
            F64Scalar.binary(op, a, aOff, aStride, b, bOff, bStride, y, yOff, n);
        } else {
            Parallel.forChunks(
                    n,
                    (lo, hi) -> F64Scalar.binary(
                            op,
                            a,
                            aOff + lo * aStride,
                            aStride,
                            b,
                            bOff + lo * bStride,
                            bStride,
                            y,
                            yOff + lo,
                            hi - lo));
        }
    }

    /**
     * {@code y[i] = k·a[i]·b[i]·c[i]} (left to right): the fused product behind nested tanh derivatives.
     *
     * @param k the constant factor applied first
     * @param a the first operand: element i at a[aOff + i·aStride]
     * @param aOff the index in a of element 0
     * @param aStride the step in a between consecutive elements; 0 broadcasts a[aOff]
     * @param b the second operand: element i at b[bOff + i·bStride]
     * @param bOff the index in b of element 0
     * @param bStride the step in b between consecutive elements; 0 broadcasts b[bOff]
     * @param c the third operand: element i at c[cOff + i·cStride]
     * @param cOff the index in c of element 0
     * @param cStride the step in c between consecutive elements; 0 broadcasts c[cOff]
     * @param y the output storage, written contiguously: element i at y[yOff + i]
     * @param yOff the index in y of element 0
     * @param n the row length, ≥ 0; 0 writes nothing
     */
    public static void mul3(
            double k,
            double[] a,
            int aOff,
            int aStride,
            double[] b,
            int bOff,
            int bStride,
            double[] c,
            int cOff,
            int cStride,
            double[] y,
            int yOff,
            int n) {
        if (Simd.enabled() && aStride == 1 && bStride == 1 && cStride == 1) {
            Parallel.forChunks(
                    n, (lo, hi) -> F64Vector.mul3(k, a, aOff + lo, b, bOff + lo, c, cOff + lo, y, yOff + lo, hi - lo));
        } else {
            Parallel.forChunks(
                    n,
                    (lo, hi) -> F64Scalar.mul3(
                            k,
                            a,
                            aOff + lo * aStride,
                            aStride,
                            b,
                            bOff + lo * bStride,
                            bStride,
                            c,
                            cOff + lo * cStride,
                            cStride,
                            y,
                            yOff + lo,
                            hi - lo));
        }
    }

    /**
     * {@code y[i] = g[i]·(1 − t[i]²)}: tanh's derivative from its output t.
     *
     * @param g the upstream gradient: element i at g[gOff + i·gStride]
     * @param gOff the index in g of element 0
     * @param gStride the step in g between consecutive elements; 0 broadcasts g[gOff]
     * @param t the tanh output: element i at t[tOff + i·tStride]
     * @param tOff the index in t of element 0
     * @param tStride the step in t between consecutive elements; 0 broadcasts t[tOff]
     * @param y the output storage, written contiguously: element i at y[yOff + i]
     * @param yOff the index in y of element 0
     * @param n the row length, ≥ 0; 0 writes nothing
     */
    public static void tanhBackward(
            double[] g, int gOff, int gStride, double[] t, int tOff, int tStride, double[] y, int yOff, int n) {
        if (Simd.enabled() && gStride == 1 && tStride == 1) {
            Parallel.forChunks(
                    n, (lo, hi) -> F64Vector.tanhBackward(g, gOff + lo, t, tOff + lo, y, yOff + lo, hi - lo));
        } else {
            Parallel.forChunks(
                    n,
                    (lo, hi) -> F64Scalar.tanhBackward(
                            g, gOff + lo * gStride, gStride, t, tOff + lo * tStride, tStride, y, yOff + lo, hi - lo));
        }
    }

    /**
     * {@code y[i] = c[i] != 0 ? a[i] : b[i]}.
     *
     * @param c the condition row: element i at c[cOff + i·cStride]; nonzero (also NaN) selects a[i]
     * @param cOff the index in c of element 0
     * @param cStride the step in c between consecutive elements; 0 broadcasts c[cOff]
     * @param a the values taken where c[i] != 0: element i at a[aOff + i·aStride]
     * @param aOff the index in a of element 0
     * @param aStride the step in a between consecutive elements; 0 broadcasts a[aOff]
     * @param b the values taken where c[i] == 0: element i at b[bOff + i·bStride]
     * @param bOff the index in b of element 0
     * @param bStride the step in b between consecutive elements; 0 broadcasts b[bOff]
     * @param y the output storage, written contiguously: element i at y[yOff + i]
     * @param yOff the index in y of element 0
     * @param n the row length, ≥ 0; 0 writes nothing
     */
    public static void where(
            double[] c,
            int cOff,
            int cStride,
            double[] a,
            int aOff,
            int aStride,
            double[] b,
            int bOff,
            int bStride,
            double[] y,
            int yOff,
            int n) {
        if (Simd.enabled() && unitOrBroadcast(cStride) && unitOrBroadcast(aStride) && unitOrBroadcast(bStride)) {
            Parallel.forChunks(
                    n,
                    (lo, hi) -> F64Vector.where(
                            c,
                            cOff + lo * cStride,
                            cStride,
                            a,
                            aOff + lo * aStride,
                            aStride,
                            b,
                            bOff + lo * bStride,
                            bStride,
                            y,
                            yOff + lo,
                            hi - lo));
        } else {
            F64Scalar.where(c, cOff, cStride, a, aOff, aStride, b, bOff, bStride, y, yOff, n);
        }
    }

    /**
     * Reduction of a row to one value; the identity of {@code op} for {@code n == 0}. MAX and MIN return
     * NaN if the row holds one. With SIMD on, a unit-stride SUM associates differently from the scalar
     * loop (last-bit differences), always the same way for the same {@code n}.
     *
     * @param op the reduction (SUM, MAX or MIN)
     * @param x the input: element i at x[xOff + i·xStride]
     * @param off the index in x of element 0
     * @param stride the step in x between consecutive elements (0 repeats x[off])
     * @param n the row length, ≥ 0
     * @return op's reduction of the n elements; op.identity() for n = 0
     */
    public static double reduce(ReduceOp op, double[] x, int off, int stride, int n) {
        if (Simd.enabled() && stride == 1) return F64Vector.reduce(op, x, off, n);
        return F64Scalar.reduce(op, x, off, stride, n);
    }

    /**
     * {@code y[i] = op.combine(y[i], x[i])}: folds one more row into a row of accumulators.
     *
     * @param op the reduction whose {@code combine} folds x into y
     * @param x the input: element i at x[xOff + i·xStride]
     * @param xOff the index in x of element 0
     * @param xStride the step in x between consecutive elements; 0 broadcasts x[xOff]
     * @param y the accumulators, read and overwritten: element i at y[yOff + i]
     * @param yOff the index in y of element 0
     * @param n the row length, ≥ 0; 0 writes nothing
     */
    public static void accumulate(ReduceOp op, double[] x, int xOff, int xStride, double[] y, int yOff, int n) {
        if (Simd.enabled() && xStride == 1) {
            Parallel.forChunks(n, (lo, hi) -> F64Vector.accumulate(op, x, xOff + lo, y, yOff + lo, hi - lo));
        } else {
            F64Scalar.accumulate(op, x, xOff, xStride, y, yOff, n);
        }
    }

    /**
     * Index of the first maximum of a row (a NaN counts as the maximum); -1 for an empty row.
     *
     * @param x the input: element i at x[xOff + i·xStride]
     * @param off the index in x of element 0
     * @param stride the step in x between consecutive elements (0 repeats x[off])
     * @param n the row length, ≥ 0
     * @return the index i in 0..n−1 of the first maximum (or first NaN); −1 when n = 0
     */
    public static int argmax(double[] x, int off, int stride, int n) {
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = x[off + i * stride];
            if (Double.isNaN(v)) return i;
            if (best < 0 || v > bestValue) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }

    /**
     * Index of the first minimum of a row (a NaN counts as the minimum); -1 for an empty row.
     *
     * @param x the input: element i at x[xOff + i·xStride]
     * @param off the index in x of element 0
     * @param stride the step in x between consecutive elements (0 repeats x[off])
     * @param n the row length, ≥ 0
     * @return the index i in 0..n−1 of the first minimum (or first NaN); −1 when n = 0
     */
    public static int argmin(double[] x, int off, int stride, int n) {
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = x[off + i * stride];
            if (Double.isNaN(v)) return i;
            if (best < 0 || v < bestValue) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }

    /**
     * {@code y[yOff + i*yStride] = x[xOff + i*xStride]}.
     *
     * @param x the input: element i at x[xOff + i·xStride]
     * @param xOff the index in x of element 0
     * @param xStride the step in x between consecutive elements; 0 broadcasts x[xOff]
     * @param y the output storage: element i at y[yOff + i·yStride]
     * @param yOff the index in y of element 0
     * @param yStride the step in y between consecutive elements
     * @param n the row length, ≥ 0; 0 writes nothing
     */
    public static void copy(double[] x, int xOff, int xStride, double[] y, int yOff, int yStride, int n) {
        if (xStride == 1 && yStride == 1) {
            System.arraycopy(x, xOff, y, yOff, n);
            return;
        }
        for (int i = 0; i < n; i++) y[yOff + i * yStride] = x[xOff + i * xStride];
    }

    /**
     * {@code y[yOff + i*yStride] += x[xOff + i*xStride]} (scatter-add used by slice adjoints).
     *
     * @param x the input: element i at x[xOff + i·xStride]
     * @param xOff the index in x of element 0
     * @param xStride the step in x between consecutive elements; 0 broadcasts x[xOff]
     * @param y the output storage: element i at y[yOff + i·yStride]
     * @param yOff the index in y of element 0
     * @param yStride the step in y between consecutive elements
     * @param n the row length, ≥ 0; 0 writes nothing
     */
    public static void addTo(double[] x, int xOff, int xStride, double[] y, int yOff, int yStride, int n) {
        if (xStride == 1 && yStride == 1) {
            for (int i = 0; i < n; i++) y[yOff + i] += x[xOff + i]; // C2 vectorises this form by itself
            return;
        }
        for (int i = 0; i < n; i++) y[yOff + i * yStride] += x[xOff + i * xStride];
    }

    /**
     * General matrix product {@code C = A·B} with A (m×k) and B (k×n) given by strides (so transposed
     * views need no copy) and C (m×n) row-major with leading dimension {@code ldc}. C is overwritten
     * and must not overlap A or B. With SIMD on, each element is one fused-multiply-add chain over
     * {@code p = 0..k-1} (see {@link F64Gemm}), split across threads when large.
     *
     * @param m the number of rows of A and C, ≥ 0
     * @param n the number of columns of B and C, ≥ 0
     * @param k the inner size: columns of A and rows of B, ≥ 0 (k = 0 writes zeros)
     * @param a storage of A; A[i][p] is a[aOff + i·aRowStride + p·aColStride]
     * @param aOff the index in a of A[0][0]
     * @param aRowStride the step in a from row i to row i+1
     * @param aColStride the step in a from column p to p+1 (1 for row-major, the row length for a transposed view)
     * @param b storage of B; B[p][j] is b[bOff + p·bRowStride + j·bColStride]
     * @param bOff the index in b of B[0][0]
     * @param bRowStride the step in b from row p to row p+1
     * @param bColStride the step in b from column j to j+1
     * @param c storage of C, overwritten: C[i][j] is written to c[cOff + i·ldc + j]
     * @param cOff the index in c of C[0][0]
     * @param ldc the leading dimension of C: the step in c from row i to row i+1, ≥ n
     */
    public static void gemm(
            int m,
            int n,
            int k,
            double[] a,
            int aOff,
            int aRowStride,
            int aColStride,
            double[] b,
            int bOff,
            int bRowStride,
            int bColStride,
            double[] c,
            int cOff,
            int ldc) {
        if (Simd.enabled()) {
            F64Gemm.gemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc);
        } else {
            F64Scalar.gemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc);
        }
    }
}
