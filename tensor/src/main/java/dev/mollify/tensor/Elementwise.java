package dev.mollify.tensor;

import dev.mollify.tensor.kernels.BinaryOp;
import dev.mollify.tensor.kernels.F32Kernels;
import dev.mollify.tensor.kernels.F64Kernels;
import dev.mollify.tensor.kernels.UnaryOp;
import java.util.Arrays;

/** Elementwise loops: strided operands are walked row by row and each row goes to a kernel. */
final class Elementwise {
    private Elementwise() {}

    static Tensor unary(UnaryOp op, Tensor x) {
        Tensor y = Tensor.uninitialized(x.dtype, x.shape);
        if (x.isContiguous()) { // one row: the common case, no loop bookkeeping
            if (x.d != null) F64Kernels.unary(op, x.d, x.offset, 1, y.d, 0, x.numel);
            else F32Kernels.unary(op, x.f, x.offset, 1, y.f, 0, x.numel);
            return y;
        }
        StridedLoop.forEachRow(x.shape, new int[][] {y.strides, x.strides}, new int[] {0, x.offset}, (o, s, n) -> {
            if (x.d != null) F64Kernels.unary(op, x.d, o[1], s[1], y.d, o[0], n);
            else F32Kernels.unary(op, x.f, o[1], s[1], y.f, o[0], n);
        });
        return y;
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        if (a.dtype != b.dtype) Tensor.requireSameDType(a, b, op.name().toLowerCase());
        int[] shape = Shapes.broadcast(a.shape, b.shape);
        if (op == BinaryOp.MUL) { // 1·x = x exactly for every x (NaN and −0 included): no pass, no copy
            if (isBroadcastOne(a) && Arrays.equals(b.shape, shape)) return b;
            if (isBroadcastOne(b) && Arrays.equals(a.shape, shape)) return a;
        }
        Tensor y = Tensor.uninitialized(a.dtype, shape);
        // one flat row: same-shape contiguous operands, or one of them a single broadcast element
        if (a.isContiguous() && b.isContiguous() && (Arrays.equals(a.shape, b.shape) || a.numel == 1 || b.numel == 1)) {
            int sa = a.numel == 1 && y.numel != 1 ? 0 : 1;
            int sb = b.numel == 1 && y.numel != 1 ? 0 : 1;
            if (a.d != null) F64Kernels.binary(op, a.d, a.offset, sa, b.d, b.offset, sb, y.d, 0, y.numel);
            else F32Kernels.binary(op, a.f, a.offset, sa, b.f, b.offset, sb, y.f, 0, y.numel);
            return y;
        }
        Tensor ea = a.expand(shape);
        Tensor eb = b.expand(shape);
        StridedLoop.forEachRow(
                shape,
                new int[][] {y.strides, ea.strides, eb.strides},
                new int[] {0, ea.offset, eb.offset},
                (o, s, n) -> {
                    if (a.d != null) F64Kernels.binary(op, a.d, o[1], s[1], b.d, o[2], s[2], y.d, o[0], n);
                    else F32Kernels.binary(op, a.f, o[1], s[1], b.f, o[2], s[2], y.f, o[0], n);
                });
        return y;
    }

    /**
     * True when every element of t is the one stored value 1 (a broadcast view of a single exact 1, such
     * as the unit gradient seed that {@code sum}'s backward expands): then a product with t is the other
     * operand (tensors are immutable, so returning it is safe).
     */
    private static boolean isBroadcastOne(Tensor t) {
        if (t.numel == 0) return false;
        for (int d = 0; d < t.shape.length; d++) if (t.shape[d] > 1 && t.strides[d] != 0) return false;
        return t.d != null ? t.d[t.offset] == 1.0 : t.f[t.offset] == 1.0f;
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Tensor.requireSameDType(a, b, "where");
        int[] shape = Shapes.broadcast(Shapes.broadcast(cond.shape, a.shape), b.shape);
        Tensor c = cond.to(a.dtype).expand(shape);
        Tensor ea = a.expand(shape);
        Tensor eb = b.expand(shape);
        Tensor y = Tensor.uninitialized(a.dtype, shape);
        StridedLoop.forEachRow(
                shape,
                new int[][] {y.strides, c.strides, ea.strides, eb.strides},
                new int[] {0, c.offset, ea.offset, eb.offset},
                (o, s, n) -> {
                    if (a.d != null) F64Kernels.where(c.d, o[1], s[1], a.d, o[2], s[2], b.d, o[3], s[3], y.d, o[0], n);
                    else F32Kernels.where(c.f, o[1], s[1], a.f, o[2], s[2], b.f, o[3], s[3], y.f, o[0], n);
                });
        return y;
    }

    /** {@code g·(1 − y²)} in one pass (g and y broadcast together; same-shape contiguous operands make one row). */
    static Tensor tanhBackward(Tensor g, Tensor y) {
        Tensor.requireSameDType(g, y, "tanhBackward");
        int[] shape = Shapes.broadcast(g.shape, y.shape);
        Tensor out = Tensor.uninitialized(g.dtype, shape);
        Tensor eg = g.expand(shape), ey = y.expand(shape);
        StridedLoop.forEachRow(
                shape,
                new int[][] {out.strides, eg.strides, ey.strides},
                new int[] {0, eg.offset, ey.offset},
                (o, s, n) -> {
                    if (out.d != null) F64Kernels.tanhBackward(eg.d, o[1], s[1], ey.d, o[2], s[2], out.d, o[0], n);
                    else F32Kernels.tanhBackward(eg.f, o[1], s[1], ey.f, o[2], s[2], out.f, o[0], n);
                });
        return out;
    }

    /** {@code k·a·b·c} in one pass (multiplied left to right; F32 with k rounded to float). */
    static Tensor mul3(Tensor a, Tensor b, Tensor c, double k) {
        Tensor.requireSameDType(a, b, "mul3");
        Tensor.requireSameDType(a, c, "mul3");
        int[] shape = Shapes.broadcast(Shapes.broadcast(a.shape, b.shape), c.shape);
        Tensor out = Tensor.uninitialized(a.dtype, shape);
        Tensor ea = a.expand(shape), eb = b.expand(shape), ec = c.expand(shape);
        StridedLoop.forEachRow(
                shape,
                new int[][] {out.strides, ea.strides, eb.strides, ec.strides},
                new int[] {0, ea.offset, eb.offset, ec.offset},
                (o, s, n) -> {
                    if (out.d != null)
                        F64Kernels.mul3(k, ea.d, o[1], s[1], eb.d, o[2], s[2], ec.d, o[3], s[3], out.d, o[0], n);
                    else
                        F32Kernels.mul3(
                                (float) k, ea.f, o[1], s[1], eb.f, o[2], s[2], ec.f, o[3], s[3], out.f, o[0], n);
                });
        return out;
    }

    /** A contiguous copy in {@code target} dtype. */
    static Tensor copyTo(Tensor x, DType target) {
        Tensor y = Tensor.uninitialized(target, x.shape);
        StridedLoop.forEachRow(x.shape, new int[][] {y.strides, x.strides}, new int[] {0, x.offset}, (o, s, n) -> {
            if (x.d != null && y.d != null) {
                F64Kernels.copy(x.d, o[1], s[1], y.d, o[0], 1, n);
            } else if (x.f != null && y.f != null) {
                F32Kernels.copy(x.f, o[1], s[1], y.f, o[0], 1, n);
            } else if (x.d != null) {
                for (int i = 0; i < n; i++) y.f[o[0] + i] = (float) x.d[o[1] + i * s[1]];
            } else {
                for (int i = 0; i < n; i++) y.d[o[0] + i] = x.f[o[1] + i * s[1]];
            }
        });
        return y;
    }

    /** Copies {@code src} into the strided region {@code dst} (same shape) of a fresh output array. */
    static void copyInto(Tensor src, Tensor dst, boolean add) {
        Tensor.requireSameDType(src, dst, "copy");
        Tensor s0 = src.expand(dst.shape);
        StridedLoop.forEachRow(
                dst.shape, new int[][] {dst.strides, s0.strides}, new int[] {dst.offset, s0.offset}, (o, s, n) -> {
                    if (dst.d != null) {
                        if (add) F64Kernels.addTo(s0.d, o[1], s[1], dst.d, o[0], s[0], n);
                        else F64Kernels.copy(s0.d, o[1], s[1], dst.d, o[0], s[0], n);
                    } else {
                        if (add) F32Kernels.addTo(s0.f, o[1], s[1], dst.f, o[0], s[0], n);
                        else F32Kernels.copy(s0.f, o[1], s[1], dst.f, o[0], s[0], n);
                    }
                });
    }
}
