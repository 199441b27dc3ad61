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

    /** True when vector kernels are used. */
    public static boolean enabled() {
        return enabled;
    }

    /** True when the Vector API module is loaded in this JVM. */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * Turns the vector kernels on or off for this JVM; asking for them when the module is missing
     * leaves them off. Returns the previous setting.
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
