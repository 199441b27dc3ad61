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
    /**
     * Copies the map of predictions.
     *
     * @param bindings every required derivative, the coordinates and the unknown fields, at the collocation
     *     nodes
     * @param atData per observed field, the model's prediction at each measurement; copied
     * @throws NullPointerException when the map, a key or a value is null
     */
    public Evaluation {
        atData = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(atData));
    }

    /**
     * A bound derivative written as in the text.
     *
     * @param text the derivative, e.g. {@code "u_t"} or {@code "u"}
     * @return its values at the collocation nodes, or null when the route did not bind it
     * @throws IllegalArgumentException when {@code text} is not a derivative
     */
    public Var derivative(String text) {
        return bindings.derivatives().get(Partial.parse(text));
    }
}
