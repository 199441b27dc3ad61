package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.Arrays;

/**
 * Algebraic recovery for separable problems u_t = λ·D[u] (docs/math.md, "Derivatives by convolution"): λ = û_t / D[û]
 * node by node, masked where |D[û]| is small — there the quotient is noise over nearly nothing.
 * The mask keeps nodes with |D[û]| ≥ threshold·max|D[û]|. A constant λ is summarised two ways: the
 * median of the node-wise quotients (robust) and the least-squares value Σ û_t·D[û] / Σ D[û]² over
 * the kept nodes (the quotient weighted by D[û]², which favours the well-conditioned nodes).
 */
public final class AlgebraicRecovery {
    private AlgebraicRecovery() {}

    /**
     * The recovered coefficient: node by node and summarised.
     *
     * @param field        λ at every node, NaN where masked (same shape as the inputs)
     * @param kept         number of unmasked nodes
     * @param median       median of λ over the kept nodes
     * @param leastSquares Σ û_t·D[û] / Σ D[û]² over the kept nodes
     */
    public record Result(Tensor field, int kept, double median, double leastSquares) {}

    /**
     * λ = û_t / D[û] from the current values (no gradient flows); see
     * {@link #separable(Tensor, Tensor, double)}.
     *
     * @param ut û_t at the nodes
     * @param operator D[û] at the same nodes, same shape as {@code ut}
     * @param threshold the mask level in [0, 1): nodes with |D[û]| &lt; threshold·max|D[û]| are dropped
     * @return λ per node and its median and least-squares summaries
     * @throws IllegalArgumentException when the shapes differ, the threshold is outside [0, 1), or every node is
     *     masked
     */
    public static Result separable(Var ut, Var operator, double threshold) {
        return separable(ut.value(), operator.value(), threshold);
    }

    /**
     * λ = ut / operator where |operator| ≥ threshold·max|operator| (and operator ≠ 0), NaN elsewhere.
     *
     * @param ut û_t at the nodes
     * @param operator D[û] at the same nodes, same shape as {@code ut}
     * @param threshold the mask level in [0, 1): nodes with |D[û]| &lt; threshold·max|D[û]| are dropped
     * @return λ per node (shape of the inputs), the number kept, and the median and least-squares λ
     * @throws IllegalArgumentException when the shapes differ, the threshold is outside [0, 1), or every node is
     *     masked
     */
    public static Result separable(Tensor ut, Tensor operator, double threshold) {
        if (!Arrays.equals(ut.shape(), operator.shape())) {
            throw new IllegalArgumentException("û_t " + Arrays.toString(ut.shape()) + " and D[û] "
                    + Arrays.toString(operator.shape()) + " must have the same shape");
        }
        if (!(threshold >= 0 && threshold < 1))
            throw new IllegalArgumentException("threshold must be in [0, 1), got " + threshold);
        double[] a = ut.toDoubleArray();
        double[] b = operator.toDoubleArray();
        double max = 0;
        for (double v : b) max = Math.max(max, Math.abs(v));
        double cut = threshold * max;
        double[] lambda = new double[a.length];
        double[] kept = new double[a.length];
        int k = 0;
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(b[i]) > 0 && Math.abs(b[i]) >= cut) {
                lambda[i] = a[i] / b[i];
                kept[k++] = lambda[i];
                num += a[i] * b[i];
                den += b[i] * b[i];
            } else {
                lambda[i] = Double.NaN;
            }
        }
        if (k == 0)
            throw new IllegalArgumentException(
                    "every node is masked: D[û] is zero everywhere or the threshold is too high");
        double[] s = Arrays.copyOf(kept, k);
        Arrays.sort(s);
        double median = k % 2 == 1 ? s[k / 2] : 0.5 * (s[k / 2 - 1] + s[k / 2]);
        return new Result(Tensor.of(lambda, ut.shape()), k, median, num / den);
    }
}
