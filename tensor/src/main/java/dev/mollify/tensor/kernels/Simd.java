package dev.mollify.tensor.kernels;

/**
 * The switch between the Vector API fast paths and the scalar reference loops.
 *
 * <p>Defaults to on when the {@code jdk.incubator.vector} module is present (run with
 * {@code --add-modules jdk.incubator.vector}); {@code -Dmollify.simd=false} forces the scalar loops for
 * a whole run, and {@link #setEnabled(boolean)} switches at run time (benchmarks use it).
 */
public final class Simd {
    private static final boolean AVAILABLE = probe();
    private static volatile boolean enabled =
            AVAILABLE && !"false".equalsIgnoreCase(System.getProperty("mollify.simd", "true"));

    private Simd() {}

    /**
     * Whether the kernels take their Vector API paths now.
     *
     * @return true when vector kernels are used, false when the scalar reference loops run
     */
    public static boolean enabled() {
        return enabled;
    }

    /**
     * Whether this JVM can run the vector kernels at all.
     *
     * @return true when the {@code jdk.incubator.vector} module is loaded in this JVM
     */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * Turns the vector kernels on or off for this JVM; asking for them when the module is missing
     * leaves them off.
     *
     * @param on true to use the vector kernels (when {@link #available()}), false for the scalar loops
     * @return the setting before this call, so that a caller can restore it
     */
    public static boolean setEnabled(boolean on) {
        boolean previous = enabled;
        enabled = on && AVAILABLE;
        return previous;
    }

    private static boolean probe() {
        try {
            return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        } catch (Throwable t) {
            return false;
        }
    }
}
