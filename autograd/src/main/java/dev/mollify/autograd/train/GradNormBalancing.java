package dev.mollify.autograd.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learning-rate annealing by gradient statistics (Wang, Teng &amp; Perdikaris 2021, "Understanding and
 * mitigating gradient flow pathologies in physics-informed neural networks", SIAM J. Sci. Comput.
 * 43(5), Algorithm 1). Every {@code every} Adam steps (steps 1, 1+every, …), for each term
 * {@code i} other than the reference term {@code r} (usually {@code "residual"}):
 *
 * <pre>
 *   λ̂ᵢ = max_θ |∇_θ L_r| / mean_θ |∇_θ Lᵢ|
 *   λᵢ ← (1 − α)·λᵢ + α·λ̂ᵢ
 * </pre>
 * where max and mean run over all scalars θ of the parameters, and the gradients are of the
 * unweighted terms. The reference term keeps weight 1. A term whose gradient is zero everywhere keeps
 * its weight (λ̂ would be infinite). The paper uses α = 0.9 and updates every 10 steps.
 *
 * @param referenceTerm the term the others are balanced against
 * @param alpha         the moving-average factor α in (0, 1]
 * @param every         recompute every this many Adam steps (≥ 1)
 */
public record GradNormBalancing(String referenceTerm, double alpha, int every) implements LossWeights {
    /**
     * Checks that the reference term is named, α ∈ (0, 1] and {@code every} ≥ 1.
     *
     * @param referenceTerm the term whose weight stays 1; non-empty
     * @param alpha the moving-average factor α in (0, 1]
     * @param every the update interval in Adam steps, ≥ 1
     * @throws IllegalArgumentException when an argument is out of range
     */
    public GradNormBalancing {
        if (referenceTerm == null || referenceTerm.isEmpty())
            throw new IllegalArgumentException("referenceTerm must be named");
        if (!(alpha > 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must lie in (0, 1], got " + alpha);
        if (every < 1) throw new IllegalArgumentException("every must be >= 1, got " + every);
    }

    /**
     * The paper's settings: reference {@code "residual"}, α = 0.9, every 10 steps.
     *
     * @return {@code new GradNormBalancing("residual", 0.9, 10)}
     */
    public static GradNormBalancing paperDefaults() {
        return new GradNormBalancing("residual", 0.9, 10);
    }

    @Override
    public Map<String, Double> initial(List<String> terms) {
        if (!terms.contains(referenceTerm)) {
            throw new IllegalArgumentException("gradient-norm balancing refers to term '" + referenceTerm
                    + "' but the loss has no such term; terms: " + terms);
        }
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        for (String t : terms) m.put(t, 1.0);
        return m;
    }

    @Override
    public boolean updatesAt(int step) {
        return (step - 1) % every == 0;
    }

    @Override
    public Map<String, Double> update(Map<String, Double> current, Map<String, double[]> gradients) {
        double maxRef = 0;
        for (double g : gradients.get(referenceTerm)) maxRef = Math.max(maxRef, Math.abs(g));
        LinkedHashMap<String, Double> next = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : current.entrySet()) {
            String term = e.getKey();
            double lambda = e.getValue();
            if (!term.equals(referenceTerm)) {
                double[] g = gradients.get(term);
                double sum = 0;
                for (double x : g) sum += Math.abs(x);
                double mean = g.length == 0 ? 0 : sum / g.length;
                if (mean > 0 && Double.isFinite(mean) && Double.isFinite(maxRef)) {
                    lambda = (1 - alpha) * lambda + alpha * (maxRef / mean);
                }
            }
            next.put(term, lambda);
        }
        return next;
    }
}
