package dev.mollify.pde.forward;

/**
 * A tiny seeded random generator whose output is bit-identical on every JDK: SplitMix64 for the
 * integers (Steele, Lea, Flood 2014) and Box–Muller for the normals, with {@link StrictMath} so that
 * no platform intrinsic changes the last bit.
 *
 * <p>Not thread-safe; one instance per stream. Same seed → same sequence, forever: tests and noisy
 * data sets rely on that, so never change the constants.
 */
public final class Rng {
    private long state;
    private double spare;
    private boolean hasSpare;

    /** @param seed any 64-bit value; 0 is fine. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** Next raw 64-bit value (SplitMix64). */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), unbiased (rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound = " + bound + " must be > 0");
        }
        while (true) {
            long r = nextLong() >>> 1; // 63 uniform bits
            long m = r % bound;
            if (r - m + (bound - 1) >= 0) { // reject the incomplete last block (no overflow)
                return (int) m;
            }
        }
    }

    /** Standard normal N(0, 1) by Box–Muller (pairs; the second value is cached). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double theta = 2.0 * StrictMath.PI * u2;
        spare = r * StrictMath.sin(theta);
        hasSpare = true;
        return r * StrictMath.cos(theta);
    }
}
