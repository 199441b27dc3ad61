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
    ZERO(1),
    REFLECT(2),
    REPLICATE(3),
    PERIODIC(4);

    private final int code;

    BoundaryCode(int code) {
        this.code = code;
    }

    /** The number passed to the kernels. */
    public int code() {
        return code;
    }

    /** The kernels' code for a boundary mode. */
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

    /** True when the field is padded (same-size output). */
    public boolean pads() {
        return this != NONE;
    }

    /**
     * The index in [0, n) that padded coordinate i reads, or −1 where the padding holds a zero
     * (the device's {@code source_index}).
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
