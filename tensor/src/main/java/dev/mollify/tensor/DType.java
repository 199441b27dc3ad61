package dev.mollify.tensor;

/** Element types. {@link #F64} is the default everywhere; {@link #F32} halves memory and doubles SIMD width. */
public enum DType {
    /** IEEE-754 double, stored in a {@code double[]}. */
    F64(8),
    /** IEEE-754 single, stored in a {@code float[]}. */
    F32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /**
     * Bytes per element, as counted by {@link MemoryStats}.
     *
     * @return 8 for F64, 4 for F32
     */
    public int bytes() {
        return bytes;
    }
}
