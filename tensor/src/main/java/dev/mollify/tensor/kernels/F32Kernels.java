package dev.mollify.tensor.kernels;

/**
 * Row kernels on {@code float[]} storage: the seam between the tensor library and the hardware.
 *
 * <p>Every method works on one strided "row": element {@code i} of operand {@code x} lives at
 * {@code x[xOff + i * xStride]}. Outputs are written contiguously from {@code yOff} unless a stride is
 * given. A stride of 0 broadcasts one element along the row. Callers (the {@code Tensor} class)
 * iterate over the outer dimensions and hand each innermost row to these kernels.
 *
 * <p>Each method has a scalar reference loop; a Vector API fast path is taken for unit-stride data
 * when {@link Simd#enabled()}.
 */
public final class F32Kernels {
    private F32Kernels() {}

    /** {@code y[i] = op(x[i])}. */
    public static void unary(UnaryOp op, float[] x, int xOff, int xStride, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = op.apply(x[xOff + i * xStride]);
    }

    /** {@code y[i] = op(a[i], b[i])}; strides 0 broadcast. */
    public static void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                              float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = op.apply(a[aOff + i * aStride], b[bOff + i * bStride]);
    }

    /** {@code y[i] = c[i] != 0 ? a[i] : b[i]}. */
    public static void where(float[] c, int cOff, int cStride, float[] a, int aOff, int aStride,
                             float[] b, int bOff, int bStride, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = c[cOff + i * cStride] != 0 ? a[aOff + i * aStride] : b[bOff + i * bStride];
        }
    }

    /** Reduction of a row to one value; the identity of {@code op} for {@code n == 0}. */
    public static float reduce(ReduceOp op, float[] x, int off, int stride, int n) {
        float acc = (float) op.identity();
        for (int i = 0; i < n; i++) acc = (float) op.combine(acc, x[off + i * stride]);
        return acc;
    }

    /** {@code y[i] = op.combine(y[i], x[i])}: folds one more row into a row of accumulators. */
    public static void accumulate(ReduceOp op, float[] x, int xOff, int xStride, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = (float) op.combine(y[yOff + i], x[xOff + i * xStride]);
    }

    /** Index of the first maximum of a row (a NaN counts as the maximum); -1 for an empty row. */
    public static int argmax(float[] x, int off, int stride, int n) {
        int best = -1;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = x[off + i * stride];
            if (Double.isNaN(v)) return i;
            if (best < 0 || v > bestValue) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }

    /** Index of the first minimum of a row (a NaN counts as the minimum); -1 for an empty row. */
    public static int argmin(float[] x, int off, int stride, int n) {
        int best = -1;
        float bestValue = Float.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = x[off + i * stride];
            if (Double.isNaN(v)) return i;
            if (best < 0 || v < bestValue) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }

    /** {@code y[yOff + i*yStride] = x[xOff + i*xStride]}. */
    public static void copy(float[] x, int xOff, int xStride, float[] y, int yOff, int yStride, int n) {
        if (xStride == 1 && yStride == 1) {
            System.arraycopy(x, xOff, y, yOff, n);
            return;
        }
        for (int i = 0; i < n; i++) y[yOff + i * yStride] = x[xOff + i * xStride];
    }

    /** {@code y[yOff + i*yStride] += x[xOff + i*xStride]} (scatter-add used by slice adjoints). */
    public static void addTo(float[] x, int xOff, int xStride, float[] y, int yOff, int yStride, int n) {
        for (int i = 0; i < n; i++) y[yOff + i * yStride] += x[xOff + i * xStride];
    }

    /**
     * General matrix product {@code C = A·B} with A (m×k) and B (k×n) given by strides (so transposed
     * views need no copy) and C (m×n) row-major with leading dimension {@code ldc}. C is overwritten.
     */
    public static void gemm(int m, int n, int k,
                            float[] a, int aOff, int aRowStride, int aColStride,
                            float[] b, int bOff, int bRowStride, int bColStride,
                            float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) c[ci + j] = 0f;
            for (int p = 0; p < k; p++) {
                float aip = a[aOff + i * aRowStride + p * aColStride];
                int bp = bOff + p * bRowStride;
                for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j * bColStride];
            }
        }
    }
}
