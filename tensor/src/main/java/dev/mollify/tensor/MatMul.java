package dev.mollify.tensor;

import dev.mollify.tensor.kernels.F32Kernels;
import dev.mollify.tensor.kernels.F64Kernels;

/**
 * Matrix products. Operands go to the gemm kernel with their strides, so a transposed view
 * ({@code a.t().matmul(b)}, the backward pass of a linear layer) costs no copy.
 */
final class MatMul {
    private MatMul() {}

    static Tensor matmul(Tensor a, Tensor b) {
        Tensor.requireSameDType(a, b, "matmul");
        if (a.dim() < 2 || b.dim() < 2) {
            throw new IllegalArgumentException(
                    "matmul needs operands with at least 2 dimensions, got " + Shapes.str(a.shape) + " and "
                            + Shapes.str(b.shape) + "; use unsqueeze(0) / unsqueeze(1) for vectors");
        }
        int m = a.shape[a.dim() - 2], k = a.shape[a.dim() - 1];
        int k2 = b.shape[b.dim() - 2], n = b.shape[b.dim() - 1];
        if (k != k2) {
            throw new IllegalArgumentException("matmul shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape)
                    + " do not align: " + k + " columns vs " + k2 + " rows");
        }
        if (a.dim() == 2 && b.dim() == 2) {
            Tensor c = Tensor.uninitialized(a.dtype, new int[] {m, n}); // gemm overwrites C
            gemm(a, a.offset, b, b.offset, c, 0, m, n, k);
            return c;
        }
        int[] aBatch = java.util.Arrays.copyOf(a.shape, a.dim() - 2);
        int[] bBatch = java.util.Arrays.copyOf(b.shape, b.dim() - 2);
        int[] batch = Shapes.broadcast(aBatch, bBatch);
        int[] aFull = concat(batch, m, k);
        int[] bFull = concat(batch, k, n);
        Tensor ea = a.expand(aFull);
        Tensor eb = b.expand(bFull);
        Tensor c = Tensor.uninitialized(a.dtype, concat(batch, m, n)); // every batch's C is overwritten
        int batches = Shapes.numel(batch);
        int[] index = new int[batch.length];
        for (int bi = 0; bi < batches; bi++) {
            int ao = ea.offset, bo = eb.offset;
            for (int d = 0; d < batch.length; d++) {
                ao += index[d] * ea.strides[d];
                bo += index[d] * eb.strides[d];
            }
            gemm(ea, ao, eb, bo, c, bi * m * n, m, n, k);
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++index[d] < batch[d]) break;
                index[d] = 0;
            }
        }
        return c;
    }

    static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        Tensor c = matmul(x, w);
        Tensor.requireSameDType(c, bias, "linear");
        int[] shape = Shapes.broadcast(c.shape, bias.shape);
        if (!java.util.Arrays.equals(shape, c.shape)) {
            throw new IllegalArgumentException("linear: bias of shape " + Shapes.str(bias.shape)
                    + " must broadcast to the product's shape " + Shapes.str(c.shape));
        }
        // c is fresh and contiguous: add the bias in place, row by row (input and output rows coincide)
        Tensor eb = bias.expand(c.shape);
        StridedLoop.forEachRow(c.shape, new int[][] {c.strides, eb.strides}, new int[] {0, eb.offset}, (o, s, n) -> {
            if (c.d != null)
                F64Kernels.binary(
                        dev.mollify.tensor.kernels.BinaryOp.ADD, c.d, o[0], 1, eb.d, o[1], s[1], c.d, o[0], n);
            else
                F32Kernels.binary(
                        dev.mollify.tensor.kernels.BinaryOp.ADD, c.f, o[0], 1, eb.f, o[1], s[1], c.f, o[0], n);
        });
        return c;
    }

    private static void gemm(Tensor a, int ao, Tensor b, int bo, Tensor c, int co, int m, int n, int k) {
        int ar = a.strides[a.dim() - 2], ac = a.strides[a.dim() - 1];
        int br = b.strides[b.dim() - 2], bc = b.strides[b.dim() - 1];
        if (a.d != null) F64Kernels.gemm(m, n, k, a.d, ao, ar, ac, b.d, bo, br, bc, c.d, co, n);
        else F32Kernels.gemm(m, n, k, a.f, ao, ar, ac, b.f, bo, br, bc, c.f, co, n);
    }

    private static int[] concat(int[] batch, int x, int y) {
        int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = x;
        s[batch.length + 1] = y;
        return s;
    }
}
