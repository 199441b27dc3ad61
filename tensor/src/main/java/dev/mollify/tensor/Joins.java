package dev.mollify.tensor;

/** Concatenation, stacking, padding and the slice adjoint: operations that write into a larger output. */
final class Joins {
    private Joins() {}

    static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) throw new IllegalArgumentException("concat needs at least one tensor");
        Tensor first = parts[0];
        int a = Shapes.axis(axis, first.dim(), first.shape);
        int total = 0;
        for (int p = 0; p < parts.length; p++) {
            Tensor t = parts[p];
            Tensor.requireSameDType(first, t, "concat");
            if (t.dim() != first.dim()) {
                throw new IllegalArgumentException("concat: part " + p + " has shape " + Shapes.str(t.shape)
                        + ", part 0 has " + Shapes.str(first.shape) + " (ranks differ)");
            }
            for (int d = 0; d < t.dim(); d++) {
                if (d != a && t.shape[d] != first.shape[d]) {
                    throw new IllegalArgumentException(
                            "concat along axis " + a + ": part " + p + " has shape " + Shapes.str(t.shape)
                                    + ", part 0 has " + Shapes.str(first.shape) + " (axis " + d + " differs)");
                }
            }
            total += t.shape[a];
        }
        int[] shape = first.shape.clone();
        shape[a] = total;
        Tensor out = Tensor.empty(first.dtype, shape);
        int at = 0;
        for (Tensor t : parts) {
            if (t.shape[a] > 0) Elementwise.copyInto(t, out.narrow(a, at, t.shape[a]), false);
            at += t.shape[a];
        }
        return out;
    }

    static Tensor stack(int axis, Tensor... parts) {
        if (parts.length == 0) throw new IllegalArgumentException("stack needs at least one tensor");
        int a = Shapes.axis(axis, parts[0].dim() + 1, parts[0].shape);
        Tensor[] expanded = new Tensor[parts.length];
        for (int p = 0; p < parts.length; p++) {
            if (!java.util.Arrays.equals(parts[p].shape, parts[0].shape)) {
                throw new IllegalArgumentException("stack: part " + p + " has shape " + Shapes.str(parts[p].shape)
                        + ", part 0 has " + Shapes.str(parts[0].shape) + "; all must match");
            }
            expanded[p] = parts[p].unsqueeze(a);
        }
        return concat(a, expanded);
    }

    /** Padding built from slices and one concat, so each mode is a few lines (and its adjoint comes free). */
    static Tensor pad(Tensor x, int axis, int before, int after, PadMode mode) {
        int a = Shapes.axis(axis, x.dim(), x.shape);
        int n = x.shape[a];
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("pad widths must be >= 0, got before=" + before + ", after=" + after
                    + " (axis " + a + " of shape " + Shapes.str(x.shape) + ")");
        }
        if (before == 0 && after == 0) return x;
        switch (mode) {
            case ZERO: {
                int[] shape = x.shape.clone();
                shape[a] = n + before + after;
                Tensor out = Tensor.empty(x.dtype, shape);
                if (n > 0) Elementwise.copyInto(x, out.narrow(a, before, n), false);
                return out;
            }
            case REFLECT:
                if (before >= n || after >= n) {
                    throw new IllegalArgumentException("reflect padding of " + Math.max(before, after)
                            + " needs more than "
                            + Math.max(before, after) + " cells along axis " + a + ", shape is " + Shapes.str(x.shape)
                            + "; use REPLICATE or a smaller pad");
                }
                // The right part walks back from n-2; with after == n-1 its end is -1, which slice would read
                // as "the last element" (Python semantics), so spell "before index 0" as -n-1.
                return concat(a, x.slice(a, before, 0, -1), x, x.slice(a, n - 2, reflectEnd(n, after), -1));
            case REPLICATE: {
                if (n == 0)
                    throw new IllegalArgumentException(
                            "cannot replicate-pad an empty axis " + a + " of " + Shapes.str(x.shape));
                int[] bs = x.shape.clone();
                bs[a] = before;
                int[] as = x.shape.clone();
                as[a] = after;
                return concat(
                        a,
                        x.narrow(a, 0, 1).expand(bs),
                        x,
                        x.narrow(a, n - 1, 1).expand(as));
            }
            case CIRCULAR:
                if (before > n || after > n) {
                    throw new IllegalArgumentException("circular padding of " + Math.max(before, after)
                            + " exceeds the " + n + " cells of axis " + a + " (shape " + Shapes.str(x.shape) + ")");
                }
                return concat(a, x.narrow(a, n - before, before), x, x.narrow(a, 0, after));
            default:
                throw new AssertionError(mode);
        }
    }

    /** End index (exclusive, walking backwards) of the right-hand reflect slice: n-2-after, or -n-1 when that is -1. */
    static int reflectEnd(int n, int after) {
        int end = n - 2 - after;
        return end < 0 ? -n - 1 : end;
    }

    static Tensor embedSlice(Tensor x, int[] fullShape, int axis, int start, int step) {
        int a = Shapes.axis(axis, fullShape.length, fullShape);
        if (x.dim() != fullShape.length) {
            throw new IllegalArgumentException("embedSlice: part " + Shapes.str(x.shape) + " and full shape "
                    + Shapes.str(fullShape) + " differ in rank");
        }
        Tensor out = Tensor.empty(x.dtype, fullShape);
        int len = x.shape[a];
        if (len == 0) return out;
        int end = start + (len - 1) * step + (step > 0 ? 1 : -1);
        Tensor region = out.slice(a, start, end < 0 && step < 0 ? -fullShape[a] - 1 : end, step);
        if (!java.util.Arrays.equals(region.shape, x.shape)) {
            throw new IllegalArgumentException("embedSlice: part " + Shapes.str(x.shape) + " does not fit "
                    + Shapes.str(fullShape) + " at start " + start + " step " + step + " along axis " + a);
        }
        Elementwise.copyInto(x, region, false);
        return out;
    }
}
