package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.Partial;
import java.util.Map;

/**
 * What a route produces at the current parameters.
 *
 * @param bindings  every required derivative, the coordinates and the unknown fields, at the
 *                  collocation nodes (grid-shaped for the grid routes, (N) for autodiff)
 * @param atData    per observed field, the model's prediction at each measurement, shape (count)
 */
public record Evaluation(Bindings bindings, Map<String, Var> atData) {
    /** Copies the map of predictions. */
    public Evaluation {
        atData = Map.copyOf(atData);
    }

    /** A bound derivative written as in the text ({@code "u_t"}), or null. */
    public Var derivative(String text) {
        return bindings.derivatives().get(Partial.parse(text));
    }
}
