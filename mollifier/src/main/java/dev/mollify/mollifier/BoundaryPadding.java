package dev.mollify.mollifier;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.PadMode;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.internal.RawStorage;
import java.util.Arrays;

/**
 * Boundary padding of one axis as a pair of primitives, each the other's adjoint:
 * <pre>
 *   p = pad(x):    p[…, q, …] = x[…, src(q), …]   (0 where src(q) is undefined: ZERO's halo)
 *   x̄ = fold(p̄):   x̄[…, i, …] = Σ_{q : src(q) = i} p̄[…, q, …]
 * </pre>
 * with, for q' = q − before: src = q' inside; in the halo −q' (REFLECT, mirror without repeating the
 * edge), 2(n−1) − q' on the right; 0 or n−1 (REPLICATE); q' mod n (CIRCULAR). Each is one pass over the
 * array (the halo's gradient is added onto the cells it copied), instead of the slices, zero-filled
 * embeddings and accumulating adds that {@link Var#pad}'s adjoint costs. Both are linear, so pad's rule
 * is fold and fold's rule is pad: every order of derivative works.
 *
 * <p><b>Layout.</b> The axis splits the row-major array into outer × len × inner blocks; a cell of the
 * padded axis moves as one contiguous run of {@code inner} elements.
 */
final class BoundaryPadding {
    private BoundaryPadding() {}

    /** x padded along {@code axis} by {@code before}/{@code after} cells in {@code mode} (the caller validates the widths). */
    static Var pad(Var x, int axis, int before, int after, PadMode mode) {
        int n = x.shape()[axis];
        Tensor value = move(x.value(), axis, n, before, after, mode, true);
        return Autograd.record(
                "boundaryPad", value, (out, g, needs) -> new Var[] {fold(g, axis, n, before, after, mode)}, x);
    }

    /** The adjoint of {@link #pad}: g (padded length along {@code axis}) folded back onto n cells. */
    static Var fold(Var g, int axis, int n, int before, int after, PadMode mode) {
        Tensor value = move(g.value(), axis, n, before, after, mode, false);
        return Autograd.record(
                "boundaryFold", value, (out, gx, needs) -> new Var[] {pad(gx, axis, before, after, mode)}, g);
    }

    /** The source cell of padded position q (−1: none). */
    static int source(int q, int n, int before, PadMode mode) {
        int i = q - before;
        if (i >= 0 && i < n) return i;
        switch (mode) {
            case ZERO:
                return -1;
            case REFLECT:
                return i < 0 ? -i : 2 * (n - 1) - i;
            case REPLICATE:
                return i < 0 ? 0 : n - 1;
            case CIRCULAR:
                return i < 0 ? i + n : i - n;
            default:
                throw new AssertionError(mode);
        }
    }

    /** pad (forward = true: t has n cells along the axis) or fold (t has n + before + after). */
    private static Tensor move(Tensor t, int axis, int n, int before, int after, PadMode mode, boolean forward) {
        int[] shape = t.shape();
        int outer = 1, inner = 1, padded = n + before + after;
        for (int a = 0; a < axis; a++) outer *= shape[a];
        for (int a = axis + 1; a < shape.length; a++) inner *= shape[a];
        int[] outShape = shape.clone();
        outShape[axis] = forward ? padded : n;
        int total = outer * outShape[axis] * inner;
        if (t.dtype() == DType.F32) {
            float[] src = RawStorage.readF32(t), dst = RawStorage.uninitializedF32(total);
            copyMiddle(src, dst, outer, inner, n, before, padded, forward);
            if (forward) padRows(src, dst, outer, inner, n, before, padded, mode);
            else foldRows(src, dst, outer, inner, n, before, padded, mode);
            return RawStorage.wrapF32(dst, outShape);
        }
        double[] src = RawStorage.readF64(t), dst = RawStorage.uninitializedF64(total);
        copyMiddle(src, dst, outer, inner, n, before, padded, forward);
        if (forward) padRows(src, dst, outer, inner, n, before, padded, mode);
        else foldRows(src, dst, outer, inner, n, before, padded, mode);
        return RawStorage.wrapF64(dst, outShape);
    }

    /** Elements per work unit of {@link #copyMiddle}. */
    private static final int COPY_CHUNK = 1 << 16;

    /**
     * The bulk of both directions, split across threads in chunks (a memory copy, so the same bits
     * for any split): pad dst[o, before + i, :] = src[o, i, :], fold dst[o, i, :] = src[o, before + i, :].
     */
    private static void copyMiddle(
            Object src, Object dst, int outer, int inner, int n, int before, int padded, boolean forward) {
        int row = n * inner, chunks = (row + COPY_CHUNK - 1) / COPY_CHUNK;
        DirectCorrelation.forUnits(outer * chunks, (long) outer * row, (lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                int o = u / chunks, c0 = (u % chunks) * COPY_CHUNK, len = Math.min(COPY_CHUNK, row - c0);
                int inPadded = (o * padded + before) * inner + c0, inPlain = o * row + c0;
                if (forward) System.arraycopy(src, inPlain, dst, inPadded, len);
                else System.arraycopy(src, inPadded, dst, inPlain, len);
            }
        });
    }

    /**
     * The halo of pad: dst[o, q, :] = src[o, source(q), :] outside the middle, 0 where there is no
     * source (ZERO). Either array type; dst may hold old values (a workspace array), so every halo cell is written.
     */
    private static void padRows(
            Object src, Object dst, int outer, int inner, int n, int before, int padded, PadMode mode) {
        for (int o = 0; o < outer; o++) {
            int s0 = o * n * inner, d0 = o * padded * inner;
            for (int q = 0; q < padded; q++) {
                if (q == before) q += n;
                if (q >= padded) break;
                int i = source(q, n, before, mode);
                if (i >= 0) System.arraycopy(src, s0 + i * inner, dst, d0 + q * inner, inner);
                else if (dst instanceof double[])
                    Arrays.fill((double[]) dst, d0 + q * inner, d0 + (q + 1) * inner, 0.0);
                else Arrays.fill((float[]) dst, d0 + q * inner, d0 + (q + 1) * inner, 0.0f);
            }
        }
    }

    /** dst[o, i, :] = Σ_{q: source(q) = i} src[o, q, :]: after the middle's copy, the halo added in order of q. */
    private static void foldRows(
            double[] src, double[] dst, int outer, int inner, int n, int before, int padded, PadMode mode) {
        for (int o = 0; o < outer; o++) {
            int s0 = o * padded * inner, d0 = o * n * inner;
            for (int q = 0; q < padded; q++) {
                if (q == before) q += n;
                if (q >= padded) break;
                int i = source(q, n, before, mode);
                if (i < 0) continue;
                int s = s0 + q * inner, d = d0 + i * inner;
                for (int j = 0; j < inner; j++) dst[d + j] += src[s + j];
            }
        }
    }

    private static void foldRows(
            float[] src, float[] dst, int outer, int inner, int n, int before, int padded, PadMode mode) {
        for (int o = 0; o < outer; o++) {
            int s0 = o * padded * inner, d0 = o * n * inner;
            for (int q = 0; q < padded; q++) {
                if (q == before) q += n;
                if (q >= padded) break;
                int i = source(q, n, before, mode);
                if (i < 0) continue;
                int s = s0 + q * inner, d = d0 + i * inner;
                for (int j = 0; j < inner; j++) dst[d + j] += src[s + j];
            }
        }
    }
}
