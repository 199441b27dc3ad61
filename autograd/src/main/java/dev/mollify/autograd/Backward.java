package dev.mollify.autograd;

/**
 * The derivative rule of one primitive: given the gradient {@code g} of the loss with respect to the
 * primitive's output {@code out}, return the gradients with respect to its inputs (vector–Jacobian
 * products). Entries whose {@code needs[i]} is false may be null.
 *
 * <p>Rules must be written with {@link Var} operations (never raw tensors for quantities that depend
 * on inputs), so that when the engine records the backward pass ({@code createGraph}) the rule itself
 * can be differentiated again.
 */
@FunctionalInterface
public interface Backward {
    /**
     * The gradients with respect to the inputs, in input order, given the output {@code out} and
     * {@code g = ∂L/∂out}.
     *
     * @param out the primitive's output (saved inputs are reachable through the closure)
     * @param g ∂L/∂out, of out's shape
     * @param needs one flag per input: whether its gradient is wanted
     * @return one gradient per input, each of that input's shape; null where {@code needs[i]} is false
     */
    Var[] apply(Var out, Var g, boolean[] needs);
}
