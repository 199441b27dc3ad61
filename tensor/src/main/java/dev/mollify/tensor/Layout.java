package dev.mollify.tensor;

import java.util.Arrays;

/** Views: new shape/strides/offset over the same storage. Copies only where a reshape needs one. */
final class Layout {
    private Layout() {}

    static Tensor view(Tensor t, int[] shape, int[] strides, int offset) {
        return t.d != null ? new Tensor(t.d, shape, strides, offset) : new Tensor(t.f, shape, strides, offset);
    }

    static Tensor reshape(Tensor t, int[] requested) {
        int[] shape = inferShape(t, requested);
        if (Arrays.equals(shape, t.shape)) return t;
        int[] strides = viewStrides(t.shape, t.strides, shape);
        if (strides != null) return view(t, shape, strides, t.offset);
        Tensor c = t.copy();
        return view(c, shape, Shapes.contiguousStrides(shape), 0);
    }

    private static int[] inferShape(Tensor t, int[] requested) {
        int[] shape = requested.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("cannot reshape " + Shapes.str(t.shape) + " to "
                            + Arrays.toString(requested) + ": only one -1 allowed");
                }
                unknown = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("cannot reshape " + Shapes.str(t.shape) + " to "
                        + Arrays.toString(requested) + ": negative size");
            } else {
                known *= shape[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || t.numel % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Shapes.str(t.shape) + " (" + t.numel
                        + " elements) to " + Arrays.toString(requested));
            }
            shape[unknown] = (int) (t.numel / known);
        } else if (known != t.numel) {
            throw new IllegalArgumentException("cannot reshape " + Shapes.str(t.shape) + " (" + t.numel
                    + " elements) to " + Shapes.str(shape) + " (" + known + " elements)");
        }
        return shape;
    }

    /**
     * Strides that present the old layout under the new shape without copying, or null if impossible
     * (the algorithm of NumPy's {@code _attempt_nocopy_reshape}: match runs of old and new axes with
     * equal products; each old run must be contiguous within itself).
     */
    private static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
        // drop size-1 axes of the old shape
        int n = 0;
        int[] os = new int[oldShape.length];
        int[] ost = new int[oldShape.length];
        for (int i = 0; i < oldShape.length; i++) {
            if (oldShape[i] != 1) {
                os[n] = oldShape[i];
                ost[n] = oldStrides[i];
                n++;
            }
        }
        int[] ns = new int[newShape.length];
        int oi = 0, oj = 1, ni = 0, nj = 1;
        int newRank = newShape.length;
        for (int s : newShape) if (s == 0) return Shapes.contiguousStrides(newShape);
        while (ni < newRank && oi < n) {
            long np = newShape[ni];
            long op = os[oi];
            while (np != op) {
                if (np < op) {
                    np *= newShape[nj++];
                } else {
                    op *= os[oj++];
                }
            }
            for (int k = oi; k < oj - 1; k++) {
                if (ost[k] != os[k + 1] * ost[k + 1]) return null;
            }
            ns[nj - 1] = ost[oj - 1];
            for (int k = nj - 1; k > ni; k--) ns[k - 1] = ns[k] * newShape[k];
            ni = nj++;
            oi = oj++;
        }
        // trailing size-1 axes of the new shape
        for (int k = ni; k < newRank; k++) ns[k] = 1;
        return ns;
    }

    static Tensor permute(Tensor t, int[] order) {
        int r = t.shape.length;
        if (order.length != r) {
            throw new IllegalArgumentException(
                    "permute " + Arrays.toString(order) + " needs " + r + " axes for shape " + Shapes.str(t.shape));
        }
        boolean[] seen = new boolean[r];
        int[] shape = new int[r];
        int[] strides = new int[r];
        for (int i = 0; i < r; i++) {
            int a = Shapes.axis(order[i], r, t.shape);
            if (seen[a]) {
                throw new IllegalArgumentException("permute " + Arrays.toString(order) + " repeats axis " + a
                        + " (shape " + Shapes.str(t.shape) + ")");
            }
            seen[a] = true;
            shape[i] = t.shape[a];
            strides[i] = t.strides[a];
        }
        return view(t, shape, strides, t.offset);
    }

    static Tensor transpose(Tensor t, int a, int b) {
        int r = t.shape.length;
        int[] order = new int[r];
        for (int i = 0; i < r; i++) order[i] = i;
        int x = Shapes.axis(a, r, t.shape);
        int y = Shapes.axis(b, r, t.shape);
        order[x] = y;
        order[y] = x;
        return permute(t, order);
    }

    static Tensor slice(Tensor t, int axis, int start, int end, int step) {
        int a = Shapes.axis(axis, t.shape.length, t.shape);
        int size = t.shape[a];
        if (step == 0)
            throw new IllegalArgumentException(
                    "slice step must be non-zero (axis " + a + " of shape " + Shapes.str(t.shape) + ")");
        int s, e;
        if (step > 0) {
            s = clamp(start < 0 ? start + size : start, 0, size);
            e = clamp(end < 0 ? end + size : end, 0, size);
        } else {
            s = clamp(start < 0 ? start + size : start, -1, size - 1);
            e = end < -size ? -1 : clamp(end < 0 ? end + size : end, -1, size - 1);
        }
        int len = step > 0 ? Math.max(0, (e - s + step - 1) / step) : Math.max(0, (s - e + (-step) - 1) / (-step));
        int[] shape = t.shape.clone();
        int[] strides = t.strides.clone();
        shape[a] = len;
        strides[a] = t.strides[a] * step;
        int offset = len == 0 ? t.offset : t.offset + s * t.strides[a];
        return view(t, shape, strides, offset);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static Tensor narrow(Tensor t, int axis, int start, int length) {
        int a = Shapes.axis(axis, t.shape.length, t.shape);
        if (start < 0 || length < 0 || start + length > t.shape[a]) {
            throw new IndexOutOfBoundsException("narrow(axis " + a + ", start " + start + ", length " + length
                    + ") is outside shape " + Shapes.str(t.shape));
        }
        return slice(t, a, start, start + length, 1);
    }

    static Tensor expand(Tensor t, int[] target) {
        int r = target.length;
        if (r < t.shape.length) {
            throw new IllegalArgumentException(
                    "cannot expand shape " + Shapes.str(t.shape) + " to fewer axes " + Shapes.str(target));
        }
        if (Arrays.equals(target, t.shape)) return t;
        int[] strides = new int[r];
        int lead = r - t.shape.length;
        for (int i = 0; i < r; i++) {
            if (i < lead) {
                strides[i] = 0;
                continue;
            }
            int have = t.shape[i - lead];
            if (have == target[i]) {
                strides[i] = t.strides[i - lead];
            } else if (have == 1) {
                strides[i] = 0;
            } else {
                throw new IllegalArgumentException("cannot expand shape " + Shapes.str(t.shape) + " to "
                        + Shapes.str(target) + ": axis " + i + " has size " + have + " (only size-1 axes can grow)");
            }
        }
        return view(t, target.clone(), strides, t.offset);
    }

    static Tensor squeeze(Tensor t) {
        int n = 0;
        for (int s : t.shape) if (s != 1) n++;
        int[] shape = new int[n];
        int[] strides = new int[n];
        int j = 0;
        for (int i = 0; i < t.shape.length; i++) {
            if (t.shape[i] != 1) {
                shape[j] = t.shape[i];
                strides[j++] = t.strides[i];
            }
        }
        return view(t, shape, strides, t.offset);
    }

    static Tensor squeeze(Tensor t, int axis) {
        int a = Shapes.axis(axis, t.shape.length, t.shape);
        if (t.shape[a] != 1) {
            throw new IllegalArgumentException(
                    "cannot squeeze axis " + a + " of shape " + Shapes.str(t.shape) + ": its size is " + t.shape[a]);
        }
        int[] shape = new int[t.shape.length - 1];
        int[] strides = new int[shape.length];
        for (int i = 0, j = 0; i < t.shape.length; i++) {
            if (i == a) continue;
            shape[j] = t.shape[i];
            strides[j++] = t.strides[i];
        }
        return view(t, shape, strides, t.offset);
    }

    static Tensor unsqueeze(Tensor t, int axis) {
        int r = t.shape.length + 1;
        int a = Shapes.axis(axis, r, t.shape);
        int[] shape = new int[r];
        int[] strides = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            if (i == a) {
                shape[i] = 1;
                strides[i] = j < t.shape.length ? t.strides[j] * t.shape[j] : 1;
            } else {
                shape[i] = t.shape[j];
                strides[i] = t.strides[j++];
            }
        }
        return view(t, shape, strides, t.offset);
    }
}
