package dev.mollify.mollifier;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.PadMode;

/**
 * How a convolution treats the edge of the field (docs/math.md, "Boundaries", best first):
 * <ul>
 *   <li>{@link #EXTENDED}: the caller evaluated the field on a grid extended by the kernel's halo
 *   (⌈δ/h⌉ cells, or the window's half-width) on every side; the output covers the inner grid.
 *   Unbiased. Computationally the same as {@link #VALID}; the name records the intent.</li>
 *   <li>{@link #VALID}: no padding; the output is smaller by 2·halo per axis.</li>
 *   <li>{@link #ZERO}, {@link #REFLECT} (mirror without repeating the edge), {@link #REPLICATE},
 *   {@link #PERIODIC}: pad by the halo, output the size of the input; biased near the edges unless
 *   the data really behave that way.</li>
 * </ul>
 * Padding is a differentiable primitive ({@link BoundaryPadding}, the same values as {@link Var#pad})
 * whose adjoint folds the halo's gradient back onto the cells it copied in one pass.
 */
public enum Boundary {
    /** No padding; the output is smaller by 2·halo per axis. */
    VALID(null),
    /** The field was evaluated on a grid extended by the halo; no padding, the output covers the inner grid. */
    EXTENDED(null),
    /** Pads with zeros. */
    ZERO(PadMode.ZERO),
    /** Pads with the mirror image, without repeating the edge cell. */
    REFLECT(PadMode.REFLECT),
    /** Pads by repeating the edge cell. */
    REPLICATE(PadMode.REPLICATE),
    /** Pads by wrapping around (circular). */
    PERIODIC(PadMode.CIRCULAR);

    private final PadMode mode;

    Boundary(PadMode mode) {
        this.mode = mode;
    }

    /** The padding mode (null for VALID and EXTENDED, which do not pad). */
    PadMode padMode() {
        return mode;
    }

    /**
     * Whether this mode leaves the field unpadded, so that a correlation's output is smaller than its
     * input.
     *
     * @return true for {@link #VALID} and {@link #EXTENDED}, false for the padding modes
     */
    public boolean crops() {
        return mode == null;
    }

    /**
     * Pads {@code axis} of {@code x} by {@code halo} cells on both sides in this mode, as a
     * differentiable primitive whose adjoint folds the halo's gradient back onto the cells it copied.
     *
     * @param x the field, any rank, F32 or F64
     * @param axis the axis to pad, counted among all axes of x (batch and channel included); negative
     *     counts from the end
     * @param halo the cells added at each end, ≥ 0; usually the kernel's half-width M
     * @return x with that axis grown by 2·halo, or x itself for {@link #VALID}, {@link #EXTENDED} or
     *     halo = 0
     * @throws IllegalArgumentException when the axis is out of range, halo &lt; 0, a {@link #REFLECT}
     *     halo is not shorter than the axis, a {@link #PERIODIC} halo is longer than it, or
     *     {@link #REPLICATE} meets an empty axis
     */
    public Var pad(Var x, int axis, int halo) {
        if (mode == null || halo == 0) return x;
        int rank = x.shape().length;
        if (axis < -rank || axis >= rank) {
            throw new IllegalArgumentException(
                    "axis " + axis + " out of range for a field of rank " + rank + "; pass 0.." + (rank - 1));
        }
        if (axis < 0) axis += rank;
        if (halo < 0) throw new IllegalArgumentException("the halo must be >= 0 cells, got " + halo);
        int n = x.shape()[axis];
        if (this == REFLECT && halo >= n || this == PERIODIC && halo > n) {
            throw new IllegalArgumentException(name() + " padding needs more than " + halo + " cells along axis " + axis
                    + " (the kernel's halo) but the field has " + n + "; use a narrower window or a larger grid");
        }
        if (this == REPLICATE && n == 0) {
            throw new IllegalArgumentException(
                    "cannot replicate-pad the empty axis " + axis + "; give the field at least one cell there");
        }
        return BoundaryPadding.pad(x, axis, halo, halo, mode);
    }
}
