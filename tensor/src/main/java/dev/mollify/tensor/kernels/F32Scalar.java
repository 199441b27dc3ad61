package dev.mollify.tensor.kernels;

/**
 * The scalar reference loops behind {@link F32Kernels}: the definition every fast path is tested
 * against, and the path taken for strided data or with {@code -Dmollify.simd=false}.
 *
 * <p>Layout as in {@link F32Kernels}: element {@code i} of an operand lives at {@code off + i * stride};
 * outputs are contiguous from {@code yOff}.
 */
final class F32Scalar {
    private F32Scalar() {}

    static void unary(UnaryOp op, float[] x, int xOff, int xStride, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = op.apply(x[xOff + i * xStride]);
    }

    static void binary(
            BinaryOp op,
            float[] a,
            int aOff,
            int aStride,
            float[] b,
            int bOff,
            int bStride,
            float[] y,
            int yOff,
            int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = op.apply(a[aOff + i * aStride], b[bOff + i * bStride]);
    }

    static void where(
            float[] c,
            int cOff,
            int cStride,
            float[] a,
            int aOff,
            int aStride,
            float[] b,
            int bOff,
            int bStride,
            float[] y,
            int yOff,
            int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = c[cOff + i * cStride] != 0 ? a[aOff + i * aStride] : b[bOff + i * bStride];
        }
    }

    /** {@code y[i] = k·a[i]·b[i]·c[i]}, multiplied left to right. */
    static void mul3(
            float k,
            float[] a,
            int aOff,
            int aStride,
            float[] b,
            int bOff,
            int bStride,
            float[] c,
            int cOff,
            int cStride,
            float[] y,
            int yOff,
            int n) {
        for (int i = 0; i < n; i++)
            y[yOff + i] = k * a[aOff + i * aStride] * b[bOff + i * bStride] * c[cOff + i * cStride];
    }

    /** {@code y[i] = g[i]·(1 − t[i]²)}: tanh's derivative written on its output t. */
    static void tanhBackward(
            float[] g, int gOff, int gStride, float[] t, int tOff, int tStride, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float ti = t[tOff + i * tStride];
            y[yOff + i] = g[gOff + i * gStride] * (1f - ti * ti);
        }
    }

    static float reduce(ReduceOp op, float[] x, int off, int stride, int n) {
        float acc = (float) op.identity();
        for (int i = 0; i < n; i++) acc = (float) op.combine(acc, x[off + i * stride]);
        return acc;
    }

    static void accumulate(ReduceOp op, float[] x, int xOff, int xStride, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = (float) op.combine(y[yOff + i], x[xOff + i * xStride]);
    }

    /** {@code C = A·B}, the textbook i-p-j loop (C row-major, A and B by strides). */
    static void gemm(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int aRowStride,
            int aColStride,
            float[] b,
            int bOff,
            int bRowStride,
            int bColStride,
            float[] c,
            int cOff,
            int ldc) {
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
