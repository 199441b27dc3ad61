package dev.mollify.mollifier;

import java.util.ServiceLoader;

/**
 * Finds the {@link ConvolutionBackend}: the available one of highest priority among those that
 * {@link ServiceLoader} finds, {@link CpuBackend} when none; {@link #use} overrides it (tests,
 * benchmarks), {@code use(null)} returns to the automatic choice.
 */
public final class Backends {
    private static volatile ConvolutionBackend override;
    private static volatile ConvolutionBackend found;

    private Backends() {}

    /**
     * The backend in use: the override when one is set, else the one discovered on first call and
     * kept for the life of the JVM.
     *
     * @return the backend every {@link MollifierConv} call goes to; never null
     */
    public static ConvolutionBackend current() {
        ConvolutionBackend o = override;
        if (o != null) return o;
        ConvolutionBackend f = found;
        if (f == null) {
            f = discover();
            found = f;
        }
        return f;
    }

    /**
     * Forces a backend for this JVM, for every thread, until the next call.
     *
     * @param backend the backend to use, whether or not it reports itself available; null returns to
     *     the automatic choice
     * @return the previous override, null when there was none (pass it back to restore the state)
     */
    public static ConvolutionBackend use(ConvolutionBackend backend) {
        ConvolutionBackend prev = override;
        override = backend;
        return prev;
    }

    static ConvolutionBackend discover() {
        ConvolutionBackend best = null;
        for (ConvolutionBackend b : ServiceLoader.load(ConvolutionBackend.class)) {
            try {
                if (b.available() && (best == null || b.priority() > best.priority())) best = b;
            } catch (RuntimeException | LinkageError e) {
                // a backend that cannot even answer available() is not available
            }
        }
        return best != null ? best : new CpuBackend();
    }
}
