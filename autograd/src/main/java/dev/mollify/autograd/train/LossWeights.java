package dev.mollify.autograd.train;

import java.util.List;
import java.util.Map;

/**
 * How the loss terms are combined: {@code total = Σᵢ λᵢ·Lᵢ}. A policy is immutable; the
 * {@link Trainer} holds the current weights (and saves them in checkpoints).
 *
 * <p>Two policies: {@link #fixed} weights, and the adaptive {@link GradNormBalancing}. Adaptive weights
 * change only in the Adam phase; L-BFGS needs a fixed objective, so it keeps the weights Adam ended with.
 */
public interface LossWeights {
    /** The weights at the start, for the given term names (in order). */
    Map<String, Double> initial(List<String> terms);

    /** True when the weights are to be recomputed before the 1-based Adam step {@code step}. */
    default boolean updatesAt(int step) {
        return false;
    }

    /**
     * New weights from the current ones and each term's gradient with respect to all parameters
     * ({@code gradients.get(term)} is the flat vector of {@code ∂Lᵢ/∂θ}).
     */
    default Map<String, Double> update(Map<String, Double> current, Map<String, double[]> gradients) {
        return current;
    }

    /** The same weight for every term. */
    static LossWeights uniform() {
        return fixed(Map.of());
    }

    /** Fixed weights; terms not named get 1. */
    static LossWeights fixed(Map<String, Double> weights) {
        return new FixedWeights(weights);
    }

    /** Gradient-norm balancing (Wang, Teng &amp; Perdikaris 2021) against {@code referenceTerm}. */
    static GradNormBalancing gradNorm(String referenceTerm, double alpha, int every) {
        return new GradNormBalancing(referenceTerm, alpha, every);
    }
}
