package dev.mollify.tensor;

import dev.mollify.tensor.kernels.F32Kernels;
import dev.mollify.tensor.kernels.F64Kernels;
import dev.mollify.tensor.kernels.ReduceOp;

/** Reductions over any set of axes, arg-max/min, and the broadcast adjoint {@link #sumTo}. */
final class Reductions {
    private Reductions() {}

    /** Number of elements folded into each output of a reduction over {@code axes}. */
    static int count(Tensor x, int[] axes) {
        int[] ax = Shapes.axes(axes, x.shape.length, x.shape);
        int c = 1;
        for (int a : ax) c *= x.shape[a];
        return c;
    }

    /**
     * Reduces over {@code axes} (all when empty). The input is walked in its own row order; the output
     * has stride 0 along reduced axes, so a row either folds into one output (reduced innermost axis)
     * or accumulates into a row of outputs (kept innermost axis).
     */
    static Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepdim) {
        int rank = x.shape.length;
        int[] ax = Shapes.axes(axes, rank, x.shape);
        boolean[] reduced = new boolean[rank];
        for (int a : ax) reduced[a] = true;
        int[] keptShape = x.shape.clone();
        for (int a : ax) keptShape[a] = 1;
        for (int a : ax) {
            if (x.shape[a] == 0 && op != ReduceOp.SUM) {
                throw new IllegalArgumentException(op + " over empty axis " + a + " of shape " + Shapes.str(x.shape));
            }
        }
        Tensor y = Tensor.full(x.dtype, op.identity(), keptShape);
        int[] yStrides = y.strides.clone();
        for (int a : ax) yStrides[a] = 0;
        StridedLoop.forEachRow(x.shape, new int[][] {yStrides, x.strides}, new int[] {0, x.offset}, (o, s, n) -> {
            if (s[0] == 0) { // the row runs along reduced axes: fold into one output
                if (x.d != null) y.d[o[0]] = op.combine(y.d[o[0]], F64Kernels.reduce(op, x.d, o[1], s[1], n));
                else y.f[o[0]] = (float) op.combine(y.f[o[0]], F32Kernels.reduce(op, x.f, o[1], s[1], n));
            } else if (s[0] == 1) {
                if (x.d != null) F64Kernels.accumulate(op, x.d, o[1], s[1], y.d, o[0], n);
                else F32Kernels.accumulate(op, x.f, o[1], s[1], y.f, o[0], n);
            } else {
                for (int i = 0; i < n; i++) {
                    int yi = o[0] + i * s[0];
                    if (x.d != null) y.d[yi] = op.combine(y.d[yi], x.d[o[1] + i * s[1]]);
                    else y.f[yi] = (float) op.combine(y.f[yi], x.f[o[1] + i * s[1]]);
                }
            }
        });
        if (keepdim) return y;
        int[] out = new int[rank - ax.length];
        for (int i = 0, j = 0; i < rank; i++) if (!reduced[i]) out[j++] = x.shape[i];
        return y.reshape(out);
    }

    static Tensor sumTo(Tensor x, int[] target) {
        if (java.util.Arrays.equals(x.shape, target)) return x;
        int[] axes = Shapes.sumToAxes(x.shape, target);
        if (axes.length == 0) return x.reshape(target);
        return reduce(ReduceOp.SUM, x, axes, true).reshape(target);
    }

    static int argmaxFlat(Tensor x) {
        if (x.numel == 0) throw new IllegalArgumentException("argmax of an empty tensor " + Shapes.str(x.shape));
        Tensor c = x.contiguous();
        return c.d != null
                ? F64Kernels.argmax(c.d, c.offset, 1, c.numel)
                : F32Kernels.argmax(c.f, c.offset, 1, c.numel);
    }

    static Tensor argAlong(Tensor x, int axis, boolean max) {
        int a = Shapes.axis(axis, x.shape.length, x.shape);
        int n = x.shape[a];
        if (n == 0)
            throw new IllegalArgumentException(
                    "argmax/argmin along empty axis " + a + " of shape " + Shapes.str(x.shape));
        int[] order = new int[x.shape.length];
        for (int i = 0, j = 0; i < order.length; i++) if (i != a) order[j++] = i;
        order[order.length - 1] = a;
        Tensor c = x.permute(order).contiguous();
        int rows = c.numel / n;
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            int off = c.offset + r * n;
            out[r] = c.d != null
                    ? (max ? F64Kernels.argmax(c.d, off, 1, n) : F64Kernels.argmin(c.d, off, 1, n))
                    : (max ? F32Kernels.argmax(c.f, off, 1, n) : F32Kernels.argmin(c.f, off, 1, n));
        }
        int[] shape = new int[x.shape.length - 1];
        for (int i = 0, j = 0; i < x.shape.length; i++) if (i != a) shape[j++] = x.shape[i];
        return Tensor.of(out, shape);
    }

    static boolean allFinite(Tensor x) {
        boolean[] ok = {true};
        StridedLoop.forEachRow(x.shape, new int[][] {x.strides}, new int[] {x.offset}, (o, s, n) -> {
            if (!ok[0]) return;
            for (int i = 0; i < n; i++) {
                double v = x.d != null ? x.d[o[0] + i * s[0]] : x.f[o[0] + i * s[0]];
                if (!Double.isFinite(v)) {
                    ok[0] = false;
                    return;
                }
            }
        });
        return ok[0];
    }
}
