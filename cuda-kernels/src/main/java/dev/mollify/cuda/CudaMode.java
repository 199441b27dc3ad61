package dev.mollify.cuda;

import java.util.Locale;

/**
 * The {@code -Dmollify.cuda} switch: {@code auto} (default) uses the GPU when one works and the CPU
 * path otherwise; {@code on} forces the CUDA backend, so a missing GPU fails loudly at the first
 * convolution instead of running on the CPU; {@code off} never touches CUDA.
 */
public enum CudaMode {
    AUTO,
    ON,
    OFF;

    /** The system property read by {@link #current()}. */
    public static final String PROPERTY = "mollify.cuda";

    /** The mode named by {@code -Dmollify.cuda} (absent or empty: AUTO). */
    public static CudaMode current() {
        return parse(System.getProperty(PROPERTY));
    }

    /** Parses auto/on/off (any case); null or blank is AUTO. */
    public static CudaMode parse(String value) {
        if (value == null || value.isBlank()) return AUTO;
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto":
                return AUTO;
            case "on":
            case "true":
                return ON;
            case "off":
            case "false":
                return OFF;
            default:
                throw new IllegalArgumentException(
                        "-D" + PROPERTY + "=" + value + " is not understood; use auto (GPU when present), "
                                + "on (force the GPU, fail without one) or off (CPU only)");
        }
    }
}
