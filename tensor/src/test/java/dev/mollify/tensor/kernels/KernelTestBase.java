package dev.mollify.tensor.kernels;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up for kernel tests: a fixed-seed generator, random rows with awkward values mixed in, and
 * a way to run one call with the Vector API kernels on or off. The SIMD switch and the thread count are
 * restored after every test, so the suite's own mode ({@code -Dmollify.simd}) is left as found.
 */
abstract class KernelTestBase {
    /** Row lengths: empty, one element, shorter than a vector, odd, and long with a tail. */
    static final int[] LENGTHS = {0, 1, 7, 17, 1003};
    /** Input strides: broadcast, unit (the vector path), and strided (the scalar path). */
    static final int[] STRIDES = {0, 1, 2};

    static final double[] SPECIALS = {
        Double.NaN,
        0.0,
        -0.0,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        1.0,
        -1.0,
        800.0,
        -800.0,
        Double.MIN_VALUE
    };

    Random random;
    private boolean simdBefore;
    private int threadsBefore;

    @BeforeEach
    void saveSwitches() {
        random = new Random(20240611L);
        simdBefore = Simd.enabled();
        threadsBefore = Parallel.threads();
    }

    @AfterEach
    void restoreSwitches() {
        Simd.setEnabled(simdBefore);
        Parallel.setThreads(threadsBefore);
    }

    /** Runs {@code call} with the vector kernels switched {@code on} (or off), restoring the switch. */
    static <T> T simd(boolean on, Supplier<T> call) {
        boolean previous = Simd.setEnabled(on);
        try {
            return call.get();
        } finally {
            Simd.setEnabled(previous);
        }
    }

    /** Uniform values in [-3, 3]; with {@code specials}, about one in eight is a special value. */
    double[] doubles(int n, boolean specials) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = specials && random.nextInt(8) == 0
                    ? SPECIALS[random.nextInt(SPECIALS.length)]
                    : random.nextDouble() * 6 - 3;
        }
        return x;
    }

    float[] floats(int n, boolean specials) {
        double[] d = doubles(n, specials);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) d[i];
        return f;
    }

    /** Storage for a row of {@code n} elements read at {@code off + i*stride}. */
    static int span(int off, int stride, int n) {
        return n == 0 ? off : off + (n - 1) * stride + 1;
    }

    static boolean sameBits(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    static boolean sameBits(float a, float b) {
        return Float.floatToIntBits(a) == Float.floatToIntBits(b);
    }
}
