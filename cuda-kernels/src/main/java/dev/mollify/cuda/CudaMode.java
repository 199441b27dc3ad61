package dev.mollify.cuda;

import java.util.Locale;

/**
 * The {@code -Dmollify.cuda} switch: {@code auto} (default) uses the GPU when one works and the CPU
 * path otherwise; {@code on} forces the CUDA backend, so a missing GPU fails loudly at the first
 * convolution instead of running on the CPU; {@code off} never touches CUDA.
 */
public enum CudaMode {
    /** Use the GPU when a device works, else the CPU path (the reason is logged at DEBUG once). */
    AUTO,
    /**
     * Always choose the CUDA backend; without a working device the first call throws
     * {@link CudaUnavailableException}.
     */
    ON,
    /** Never touch CUDA: the backend reports itself unavailable. */
    OFF;

    /** The system property read by {@link #current()}. */
    public static final String PROPERTY = "mollify.cuda";

    /**
     * The mode named by {@code -Dmollify.cuda}, read on each call.
     *
     * @return the parsed mode; {@link #AUTO} when the property is absent or blank
     * @throws IllegalArgumentException when the property holds a value {@link #parse} does not know
     */
    public static CudaMode current() {
        return parse(System.getProperty(PROPERTY));
    }

    /**
     * Parses a mode name, in any case and with surrounding blanks: {@code auto}, {@code on} (or
     * {@code true}), {@code off} (or {@code false}).
     *
     * @param value the text, or null
     * @return the mode; {@link #AUTO} for null or blank
     * @throws IllegalArgumentException for any other text, with the accepted values in the message
     */
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
