package dev.mollify.autograd.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed weights λᵢ by term name; a term not named gets 1.
 *
 * @param weights λ by term name, each finite and ≥ 0
 */
public record FixedWeights(Map<String, Double> weights) implements LossWeights {
    /**
     * Copies the map; every weight must be finite and ≥ 0.
     *
     * @param weights λ by term name, each finite and ≥ 0; copied (terms not named get 1)
     * @throws IllegalArgumentException when a weight is negative or not finite
     */
    public FixedWeights {
        weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            double w = e.getValue();
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weight of '" + e.getKey() + "' must be finite and >= 0, got " + w);
            }
        }
    }

    @Override
    public Map<String, Double> initial(List<String> terms) {
        for (String name : weights.keySet()) {
            if (!terms.contains(name)) {
                throw new IllegalArgumentException(
                        "a weight is given for '" + name + "' but the loss has no such term; terms: " + terms);
            }
        }
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        for (String t : terms) m.put(t, weights.getOrDefault(t, 1.0));
        return m;
    }
}
