package dev.mollify.cuda;

import dev.mollify.mollifier.Boundary;

/**
 * A {@link Boundary} as the kernels see it: the {@code MODE_*} numbers of {@code mollify_common.cuh},
 * and {@link #source} mirroring the device's {@code source_index} (checked against
 * {@link dev.mollify.tensor.Tensor#pad} by the tests).
 */
public enum BoundaryCode {
    /** VALID and EXTENDED: the correlation never reads outside the field. */
    NONE(0),
    /** {@link Boundary#ZERO}: zeros beyond the edge. */
    ZERO(1),
    /** {@link Boundary#REFLECT}: the mirror image, without repeating the edge cell. */
    REFLECT(2),
    /** {@link Boundary#REPLICATE}: the edge cell repeated. */
    REPLICATE(3),
    /** {@link Boundary#PERIODIC}: the field wrapped around. */
    PERIODIC(4);

    private final int code;

    BoundaryCode(int code) {
        this.code = code;
    }

    /**
     * The number passed to the kernels.
     *
     * @return the {@code MODE_*} value of {@code mollify_common.cuh}, 0 to 4
     */
    public int code() {
        return code;
    }

    /**
     * The kernels' code for a boundary mode.
     *
     * @param b the mode
     * @return the matching code; {@link #NONE} for {@link Boundary#VALID} and {@link Boundary#EXTENDED}
     */
    public static BoundaryCode of(Boundary b) {
        switch (b) {
            case ZERO:
                return ZERO;
            case REFLECT:
                return REFLECT;
            case REPLICATE:
                return REPLICATE;
            case PERIODIC:
                return PERIODIC;
            default:
                return NONE;
        }
    }

    /**
     * Whether the field is padded, so a correlation's output has the input's size.
     *
     * @return false for {@link #NONE} only
     */
    public boolean pads() {
        return this != NONE;
    }

    /**
     * The index in [0, n) that padded coordinate i reads, or −1 where the padding holds a zero
     * (the device's {@code source_index}).
     *
     * @param i the coordinate along the padded axis, counted from the field's first cell (negative before it)
     * @param n the field's length along that axis, ≥ 1
     * @return the field cell read, or −1 for a zero ({@link #ZERO}, or {@link #NONE} outside the field)
     */
    public long source(long i, long n) {
        if (i >= 0 && i < n) return i;
        switch (this) {
            case REFLECT: {
                if (n == 1) return 0;
                long p = 2 * n - 2, m = Math.floorMod(i, p);
                return m < n ? m : p - m;
            }
            case REPLICATE:
                return i < 0 ? 0 : n - 1;
            case PERIODIC:
                return Math.floorMod(i, n);
            default:
                return -1;
        }
    }
}
