package dev.mollify.autograd.optim;

/**
 * The learning rate as a function of the step number {@code k = 0, 1, 2, …} (the number of completed
 * optimiser steps). All schedules are pure functions, computed with {@link StrictMath}, so they give
 * the same bits on every JDK.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /**
     * Learning rate for step {@code k}.
     *
     * @param k the number of completed optimiser steps, ≥ 0
     * @return the learning rate to use for the next step, ≥ 0
     */
    double rate(int k);

    /**
     * {@code lr} at every step.
     *
     * @param lr the rate, finite and ≥ 0
     * @return a schedule returning lr for every k
     * @throws IllegalArgumentException when lr is negative, NaN or infinite
     */
    static LearningRateSchedule constant(double lr) {
        checkRate(lr);
        return k -> lr;
    }

    /**
     * {@code lr · γ^⌊k / stepSize⌋}: multiply by γ every {@code stepSize} steps (PyTorch's StepLR).
     *
     * @param lr the rate at k = 0, finite and ≥ 0
     * @param stepSize the number of steps between decays, &gt; 0
     * @param gamma the factor applied at each decay, finite and &gt; 0 (below 1 to decay)
     * @return the schedule
     * @throws IllegalArgumentException when an argument is out of range
     */
    static LearningRateSchedule stepDecay(double lr, int stepSize, double gamma) {
        checkRate(lr);
        if (stepSize <= 0) throw new IllegalArgumentException("stepDecay needs stepSize > 0, got " + stepSize);
        checkGamma(gamma);
        return k -> lr * StrictMath.pow(gamma, k / stepSize);
    }

    /**
     * {@code lr · γ^k} (PyTorch's ExponentialLR).
     *
     * @param lr the rate at k = 0, finite and ≥ 0
     * @param gamma the factor per step, finite and &gt; 0 (below 1 to decay)
     * @return the schedule
     * @throws IllegalArgumentException when an argument is out of range
     */
    static LearningRateSchedule exponential(double lr, double gamma) {
        checkRate(lr);
        checkGamma(gamma);
        return k -> lr * StrictMath.pow(gamma, k);
    }

    /**
     * Cosine annealing from {@code lr} to {@code minLr} over {@code totalSteps} (Loshchilov &amp; Hutter
     * 2017, no restarts): {@code minLr + ½(lr − minLr)(1 + cos(π·k/totalSteps))}, then {@code minLr}.
     *
     * @param lr the rate at k = 0, finite and ≥ 0
     * @param totalSteps the number of steps of the annealing, &gt; 0
     * @param minLr the rate at and after k = totalSteps, finite and ≥ 0
     * @return the schedule
     * @throws IllegalArgumentException when an argument is out of range
     */
    static LearningRateSchedule cosine(double lr, int totalSteps, double minLr) {
        checkRate(lr);
        checkRate(minLr);
        if (totalSteps <= 0) throw new IllegalArgumentException("cosine needs totalSteps > 0, got " + totalSteps);
        return k -> k >= totalSteps
                ? minLr
                : minLr + 0.5 * (lr - minLr) * (1 + StrictMath.cos(StrictMath.PI * k / totalSteps));
    }

    private static void checkRate(double lr) {
        if (!(lr >= 0) || !Double.isFinite(lr))
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
    }

    private static void checkGamma(double gamma) {
        if (!(gamma > 0) || !Double.isFinite(gamma))
            throw new IllegalArgumentException("decay factor γ must be finite and > 0, got " + gamma);
    }
}
