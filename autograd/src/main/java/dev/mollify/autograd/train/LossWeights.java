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
    /**
     * The weights at the start, for the given term names (in order).
     *
     * @param terms the names of the loss terms, in the model's order
     * @return λᵢ for every term, in that order
     */
    Map<String, Double> initial(List<String> terms);

    /**
     * True when the weights are to be recomputed before the 1-based Adam step {@code step}.
     *
     * @param step the 1-based Adam step about to run
     * @return true when {@link #update} is to run first; false by default (fixed weights)
     */
    default boolean updatesAt(int step) {
        return false;
    }

    /**
     * New weights from the current ones and each term's gradient with respect to all parameters
     * ({@code gradients.get(term)} is the flat vector of {@code ∂Lᵢ/∂θ}).
     *
     * @param current the weights in use, by term name
     * @param gradients ∂Lᵢ/∂θ per term name, each a flat vector in parameter-registry order
     * @return the weights for the coming steps; {@code current} by default
     */
    default Map<String, Double> update(Map<String, Double> current, Map<String, double[]> gradients) {
        return current;
    }

    /**
     * The same weight for every term.
     *
     * @return a policy with λᵢ = 1 for every term
     */
    static LossWeights uniform() {
        return fixed(Map.of());
    }

    /**
     * Fixed weights; terms not named get 1.
     *
     * @param weights λ by term name; copied
     * @return a policy that never updates
     */
    static LossWeights fixed(Map<String, Double> weights) {
        return new FixedWeights(weights);
    }

    /**
     * Gradient-norm balancing (Wang, Teng &amp; Perdikaris 2021) against {@code referenceTerm}.
     *
     * @param referenceTerm the term whose weight stays 1 and whose gradient scale the others are matched to
     * @param alpha the moving-average factor α in (0, 1]
     * @param every recompute every this many Adam steps, ≥ 1
     * @return the policy
     * @throws IllegalArgumentException when the term is unnamed, α ∉ (0, 1] or every &lt; 1
     */
    static GradNormBalancing gradNorm(String referenceTerm, double alpha, int every) {
        return new GradNormBalancing(referenceTerm, alpha, every);
    }
}
