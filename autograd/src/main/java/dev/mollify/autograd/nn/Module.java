package dev.mollify.autograd.nn;

import dev.mollify.autograd.Var;

/**
 * A differentiable function with trainable parameters: {@code y = forward(x)}.
 *
 * <p>{@link #parameters()} lists every trainable {@link Var} once, under a stable dotted name
 * ({@code "layers.0.weight"}), in a fixed order. Optimisers, {@link Safetensors} and the flat-vector
 * helpers of {@link Parameters} all rely on that order, so a module must return the same registry
 * (same names, same order, same {@code Var} objects) every time.
 */
public interface Module {
    /**
     * Applies the module to a batch {@code x}; records the operations when grad mode is on.
     *
     * @param x a batch of inputs, shape (batch, inputs)
     * @return the outputs, shape (batch, outputs)
     */
    Var forward(Var x);

    /**
     * The trainable parameters, in registration order.
     *
     * @return the same registry on every call
     */
    Parameters parameters();
}
