package dev.mollify.autograd.optim;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import java.util.function.Supplier;

/**
 * Re-evaluates the objective: clears the gradients, computes the loss, calls
 * {@link Var#backward()} and returns the loss value. {@link Lbfgs} calls it several times per step
 * (line search). {@link #of} builds one from a function returning the loss {@link Var}.
 */
@FunctionalInterface
public interface LossClosure {
    /**
     * Loss at the current parameter values; the parameters' gradients must hold its gradient afterwards.
     *
     * @return the loss value at the current parameters
     */
    double evaluate();

    /**
     * A closure that zeroes {@code parameters}' gradients, builds {@code loss}, backpropagates and returns its value.
     *
     * @param parameters the parameters whose gradients are zeroed before and filled by each evaluation
     * @param loss builds the one-element loss from the parameters' current values
     * @return a closure doing zeroGrad, loss, backward and returning the loss's value
     */
    static LossClosure of(Parameters parameters, Supplier<Var> loss) {
        return () -> {
            parameters.zeroGrad();
            Var l = loss.get();
            l.backward();
            return l.item();
        };
    }
}
