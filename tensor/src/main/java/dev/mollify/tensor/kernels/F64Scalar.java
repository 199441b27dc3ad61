package dev.mollify.tensor.kernels;

/**
 * The scalar reference loops behind {@link F64Kernels}: the definition every fast path is tested
 * against, and the path taken for strided data or with {@code -Dmollify.simd=false}.
 *
 * <p>Layout as in {@link F64Kernels}: element {@code i} of an operand lives at {@code off + i * stride};
 * outputs are contiguous from {@code yOff}.
 */
final class F64Scalar {
    private F64Scalar() {}

    static void unary(UnaryOp op, double[] x, int xOff, int xStride, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = op.apply(x[xOff + i * xStride]);
    }

    static void binary(
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
        // guide: binary
        for (int i = 0; i < n; i++) y[yOff + i] = op.apply(a[aOff + i * aStride], b[bOff + i * bStride]);
        // guide: end
    }

    static void where(
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
        for (int i = 0; i < n; i++) {
            y[yOff + i] = c[cOff + i * cStride] != 0 ? a[aOff + i * aStride] : b[bOff + i * bStride];
        }
    }

    /** {@code y[i] = k·a[i]·b[i]·c[i]}, multiplied left to right. */
    static void mul3(
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
        for (int i = 0; i < n; i++)
            y[yOff + i] = k * a[aOff + i * aStride] * b[bOff + i * bStride] * c[cOff + i * cStride];
    }

    /** {@code y[i] = g[i]·(1 − t[i]²)}: tanh's derivative written on its output t. */
    static void tanhBackward(
            double[] g, int gOff, int gStride, double[] t, int tOff, int tStride, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double ti = t[tOff + i * tStride];
            y[yOff + i] = g[gOff + i * gStride] * (1.0 - ti * ti);
        }
    }

    static double reduce(ReduceOp op, double[] x, int off, int stride, int n) {
        double acc = op.identity();
        for (int i = 0; i < n; i++) acc = op.combine(acc, x[off + i * stride]);
        return acc;
    }

    static void accumulate(ReduceOp op, double[] x, int xOff, int xStride, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = op.combine(y[yOff + i], x[xOff + i * xStride]);
    }

    /** {@code C = A·B}, the textbook i-p-j loop (C row-major, A and B by strides). */
    static void gemm(
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
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) c[ci + j] = 0.0;
            for (int p = 0; p < k; p++) {
                double aip = a[aOff + i * aRowStride + p * aColStride];
                int bp = bOff + p * bRowStride;
                for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j * bColStride];
            }
        }
    }
}
