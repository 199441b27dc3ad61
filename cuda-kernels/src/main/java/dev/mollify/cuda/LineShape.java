package dev.mollify.cuda;

import java.util.Optional;

/**
 * A correlation whose kernel is longer than one tap along at most one axis, seen as a line pass:
 * the batch of fields viewed as (outer, n, inner) row-major, the kernel running along the n axis
 * (stride inner). Separable (tensor-product) kernels arrive this way, one axis per call, from
 * {@link dev.mollify.mollifier.MollifierConv#applyAlong}.
 *
 * @param axis  the spatial axis the kernel runs along
 * @param outer batch × the spatial sizes before it
 * @param n     the field's length along it
 * @param inner the product of the spatial sizes after it (1 for the last axis)
 * @param taps  the kernel's length along it
 */
public record LineShape(int axis, int outer, int n, int inner, int taps) {

    /**
     * The line view of {@code batch} fields of spatial shape xs and a kernel of shape ks.
     *
     * @param batch the number of fields
     * @param xs each field's spatial shape, row-major
     * @param ks the kernel's shape, same rank; a kernel of one tap runs along the last axis
     * @return the view, or empty when the kernel is longer than one tap along two or more axes
     * @throws ArithmeticException when outer or inner exceeds the int range
     */
    public static Optional<LineShape> of(int batch, int[] xs, int[] ks) {
        int axis = ks.length - 1;
        int longAxes = 0;
        for (int a = 0; a < ks.length; a++) {
            if (ks[a] > 1) {
                axis = a;
                longAxes++;
            }
        }
        if (longAxes > 1) return Optional.empty();
        long outer = batch, inner = 1;
        for (int a = 0; a < axis; a++) outer *= xs[a];
        for (int a = axis + 1; a < xs.length; a++) inner *= xs[a];
        return Optional.of(new LineShape(axis, Math.toIntExact(outer), xs[axis], Math.toIntExact(inner), ks[axis]));
    }

    /**
     * Whether the kernel runs along the contiguous (last) axis, which the row kernels take.
     *
     * @return true when inner = 1
     */
    public boolean contiguous() {
        return inner == 1;
    }
}
