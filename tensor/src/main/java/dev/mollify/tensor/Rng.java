package dev.mollify.tensor;

/**
 * A small seeded random generator (SplitMix64) whose output is specified here, so the same seed gives
 * bit-identical numbers on every JDK. Not thread-safe: give each thread its own, e.g. with
 * {@link #split()}.
 */
public final class Rng {
    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    /**
     * A generator seeded with {@code seed}.
     *
     * @param seed any long; equal seeds give bit-identical streams on every JDK
     */
    public Rng(long seed) {
        this.state = seed;
    }

    /**
     * Next 64 random bits (SplitMix64, Steele et al. 2014): the state advances by the golden-ratio
     * constant 0x9E3779B97F4A7C15 and is mixed by two xor-shift-multiply rounds.
     *
     * @return 64 uniformly distributed bits
     */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Uniform in [0, 1) with 53 random bits: (nextLong() >>> 11) · 2⁻⁵³.
     *
     * @return a double u with 0 ≤ u &lt; 1, on the grid of multiples of 2⁻⁵³
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform integer in [0, bound), unbiased (rejection of the incomplete last block).
     *
     * @param bound the exclusive upper end; must be positive
     * @return an int i with 0 ≤ i &lt; bound, each value equally likely
     * @throws IllegalArgumentException when {@code bound ≤ 0}
     */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("nextInt bound must be positive, got " + bound);
        while (true) {
            long r = nextLong() >>> 1; // 63 uniform bits
            long m = r % bound;
            if (r - m + (bound - 1) >= 0) return (int) m; // no overflow: a complete block
        }
    }

    /**
     * Standard normal by the Box–Muller transform (pairs; the second value is kept for the next call),
     * with {@link StrictMath} so no platform intrinsic changes the last bit: for u₁ ∈ (0, 1] and
     * u₂ ∈ [0, 1), r = √(−2 ln u₁), θ = 2πu₂, and the pair is (r cos θ, r sin θ).
     *
     * @return a sample of N(0, 1)
     */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1 = 1.0 - nextDouble(); // (0, 1]: the log is finite
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double theta = 2.0 * StrictMath.PI * u2;
        spareGaussian = r * StrictMath.sin(theta);
        hasSpare = true;
        return r * StrictMath.cos(theta);
    }

    /**
     * A new generator whose stream is independent of this one's continuation. Consumes one
     * {@link #nextLong()} of this generator.
     *
     * @return a generator seeded with {@code nextLong() ^ 0x5DEECE66D}, for another thread or task
     */
    public Rng split() {
        return new Rng(nextLong() ^ 0x5DEECE66DL);
    }

    /**
     * A random permutation of 0..n-1 (Fisher–Yates), each of the n! orders equally likely.
     *
     * @param n the length; 0 gives an empty array (a negative n fails with
     *     NegativeArraySizeException)
     * @return a new array holding each of 0, 1, …, n−1 once
     */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
