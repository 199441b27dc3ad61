package dev.mollify.autograd.optim;

/**
 * Updates parameters from their gradients.
 *
 * <p>The usual loop:
 * <pre>
 *   for (int i = 0; i &lt; steps; i++) {
 *       opt.zeroGrad();
 *       Var loss = lossOf(net);
 *       loss.backward();
 *       opt.step();
 *   }
 * </pre>
 * {@link #step()} reads each parameter's {@link dev.mollify.autograd.Var#grad()} and replaces its value
 * with {@link dev.mollify.autograd.Var#assign}. A parameter whose gradient is null (it did not take
 * part in the loss) is skipped and its state left untouched, as in PyTorch. Optimisers that need to
 * re-evaluate the loss ({@link Lbfgs}) take a {@link LossClosure} instead.
 */
public interface Optimizer {
    /** One update from the current gradients. */
    void step();

    /** Clears every parameter's gradient. */
    void zeroGrad();

    /**
     * Evaluates {@code closure} (which computes the gradients) and then takes one step; returns the loss before the step.
     *
     * @param closure computes the loss and fills the parameters' gradients
     * @return the loss at the parameters before the step
     */
    default double step(LossClosure closure) {
        double loss = closure.evaluate();
        step();
        return loss;
    }
}
