package dev.mollify.autograd.optim;

/**
 * The learning rate as a function of the step number {@code k = 0, 1, 2, …} (the number of completed
 * optimiser steps). All schedules are pure functions, computed with {@link StrictMath}, so they give
 * the same bits on every JDK.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** Learning rate for step {@code k}. */
    double rate(int k);

    /** {@code lr} at every step. */
    static LearningRateSchedule constant(double lr) {
        checkRate(lr);
        return k -> lr;
    }

    /** {@code lr · γ^⌊k / stepSize⌋}: multiply by γ every {@code stepSize} steps (PyTorch's StepLR). */
    static LearningRateSchedule stepDecay(double lr, int stepSize, double gamma) {
        checkRate(lr);
        if (stepSize <= 0) throw new IllegalArgumentException("stepDecay needs stepSize > 0, got " + stepSize);
        checkGamma(gamma);
        return k -> lr * StrictMath.pow(gamma, k / stepSize);
    }

    /** {@code lr · γ^k} (PyTorch's ExponentialLR). */
    static LearningRateSchedule exponential(double lr, double gamma) {
        checkRate(lr);
        checkGamma(gamma);
        return k -> lr * StrictMath.pow(gamma, k);
    }

    /**
     * Cosine annealing from {@code lr} to {@code minLr} over {@code totalSteps} (Loshchilov &amp; Hutter
     * 2017, no restarts): {@code minLr + ½(lr − minLr)(1 + cos(π·k/totalSteps))}, then {@code minLr}.
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
