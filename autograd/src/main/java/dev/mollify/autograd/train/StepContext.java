package dev.mollify.autograd.train;

import dev.mollify.tensor.Rng;

/**
 * Handed to {@link LossModel#beginStep}: the 1-based number of the step about to run, its phase and a
 * generator derived from {@code (seed, step)} alone ({@link #rngFor}), so a resumed run draws exactly
 * the numbers the uninterrupted run drew and the checkpoint needs no generator state beyond the seed.
 *
 * @param step  the 1-based number of the step about to run
 * @param phase the phase it belongs to (Adam or L-BFGS)
 * @param rng   the step's generator, {@link #rngFor} of the run's seed and the step
 */
public record StepContext(int step, Phase phase, Rng rng) {
    /**
     * The generator for {@code step}: SplitMix64 seeded with {@code seed ⊕ step·0x9E3779B97F4A7C15}.
     *
     * @param seed the run's seed
     * @param step the 1-based step number
     * @return a fresh generator; equal (seed, step) give equal streams
     */
    public static Rng rngFor(long seed, int step) {
        return new Rng(seed ^ (step * 0x9E3779B97F4A7C15L));
    }
}
