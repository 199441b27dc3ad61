package dev.mollify.autograd.train;

import dev.mollify.autograd.nn.Parameters;
import java.util.Map;

/**
 * What the {@link Trainer} trains: it knows nothing about PDEs, only this interface.
 *
 * <p>Contract, so that runs are reproducible and resumable bit for bit:
 * <ul>
 *   <li>{@link #parameters()} returns the same registry every call: the network weights and the
 *       unknown coefficients, all trainable, in a fixed order.</li>
 *   <li>{@link #loss()} builds a fresh graph from the current parameter values and returns the same
 *       term names every call (e.g. {@code "data"}, {@code "residual"}, {@code "boundary"}).</li>
 *   <li>Any randomness (resampled collocation points, mini-batches) is drawn only from the
 *       {@link StepContext#rng()} handed to {@link #beginStep}; the model keeps no other state.</li>
 * </ul>
 */
public interface LossModel {
    /**
     * Everything trainable: network + unknowns.
     *
     * @return the same registry on every call; the optimisers update exactly these leaves
     */
    Parameters parameters();

    /**
     * The named loss terms at the current parameters (unweighted; the trainer applies {@link LossWeights}).
     *
     * @return the terms in the same order every call, each one element with its graph recorded
     */
    LossTerms loss();

    /**
     * Current physical values of the unknown coefficients by name (e.g. {@code a → 0.98}), logged every
     * step. The same names every call; empty when there are none.
     *
     * @return values by name in a fixed order; empty when the model has no unknowns
     */
    Map<String, Double> report();

    /**
     * Called before each Adam step and once at the start of the L-BFGS phase (whose objective must stay
     * fixed, or its curvature pairs are meaningless). Resample points here, from {@code ctx.rng()} only.
     *
     * @param ctx the coming step's number, phase and generator
     */
    default void beginStep(StepContext ctx) {}
}
