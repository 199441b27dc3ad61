package dev.mollify.pde.pinn;

import dev.mollify.autograd.nn.Parameters;
import dev.mollify.pde.spec.PdeSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How the residual's derivatives of the network's fields are computed; the set is closed:
 * <ul>
 *   <li>{@link Autodiff}: nested reverse mode on the network's inputs at the collocation nodes;</li>
 *   <li>{@link MollifierRoute} (the paper's method): the network on the grid plus a halo, û and its
 *   derivatives by convolution with {@link dev.mollify.mollifier.MollifiedDerivatives};</li>
 *   <li>{@link FiniteDifference}: central differences of the network on the same grid (baseline).</li>
 * </ul>
 * A route is a configuration; {@link #prepare} binds it to a model, a spec, a collocation grid and
 * the data, and the result evaluates {@link Evaluation}s (bindings for the residual and the model's
 * predictions at the measurements) at the current parameters.
 */
public sealed interface DerivativeRoute permits Autodiff, MollifierRoute, FiniteDifference {

    /** The route names, as {@link #name()} reports them and {@link #named} accepts them. */
    List<String> NAMES = List.of("mollifier", "autodiff", "fd");

    /**
     * Short name for reports.
     *
     * @return one of {@link #NAMES}
     */
    String name();

    /**
     * Binds the route.
     *
     * @param model the network whose fields are differentiated
     * @param spec the PDE, whose {@link PdeSpec#requiredDerivatives()} the route computes
     * @param grid collocation grid: the residual is evaluated at its nodes
     * @param data measurements per field (any subset of the model's fields)
     * @return the bound route, ready to evaluate at the current parameters
     * @throws IllegalArgumentException when the route cannot serve this model, spec, grid and data (e.g. an
     *     axis without a width, or data on another grid)
     */
    Prepared prepare(Pinn model, PdeSpec spec, Grid grid, Map<String, Observations> data);

    /** A route bound to a problem. */
    interface Prepared {
        /**
         * Trainable parameters the route adds (the mollifier's learnable width), possibly none.
         *
         * @return the route's own parameters, empty when it has none
         */
        Parameters parameters();

        /**
         * Bindings and predictions at the current parameters (a fresh graph each call).
         *
         * @return the residual's bindings at the collocation nodes and the predictions at the measurements
         */
        Evaluation evaluate();

        /**
         * Route quantities worth reporting (the mollifier's current δ), possibly none.
         *
         * @return name → value; empty by default
         */
        default Map<String, Double> state() {
            return Map.of();
        }

        /**
         * One line for reports.
         *
         * @return the route and its settings, e.g. its name and widths
         */
        String describe();
    }

    /**
     * The route called {@code name}, one of {@link #NAMES}: {@code "autodiff"} is {@link #autodiff()},
     * {@code "fd"} is {@link #finiteDifferences()}, and {@code "mollifier"} is what {@code mollifier}
     * supplies (its widths and kernels are the caller's choice; the supplier is called for that name
     * only, so it may be null when the caller has already ruled the mollifier out).
     *
     * @param name the route's name
     * @param mollifier supplies the configured mollifier route; called only for {@code "mollifier"}
     * @return the route
     * @throws IllegalArgumentException for any other name, listing {@link #NAMES}, or for {@code "mollifier"}
     *     with a null supplier
     */
    static DerivativeRoute named(String name, Supplier<MollifierRoute> mollifier) {
        return switch (name == null ? "" : name) {
            case "mollifier" -> {
                if (mollifier == null) {
                    throw new IllegalArgumentException(
                            "route 'mollifier' needs its widths: pass a supplier of the configured route");
                }
                yield mollifier.get();
            }
            case "autodiff" -> autodiff();
            case "fd" -> finiteDifferences();
            default ->
                throw new IllegalArgumentException("unknown route '" + name + "': use " + String.join(", ", NAMES));
        };
    }

    /**
     * Nested reverse-mode autodiff.
     *
     * @return the autodiff route
     */
    static Autodiff autodiff() {
        return new Autodiff();
    }

    /**
     * The mollifier route with width δ (physical units, every axis).
     *
     * @param delta the kernel's width δ &gt; 0, the same on every axis
     * @return a builder for the route's other settings
     */
    static MollifierRoute.Builder mollifier(double delta) {
        return MollifierRoute.builder(delta);
    }

    /**
     * The mollifier route with one width per named axis (physical units of each coordinate), e.g.
     * {@code mollifier(Map.of("t", 0.05, "x", 0.2))}; every axis of the collocation grid must be named.
     *
     * @param widths axis name → width δ_a &gt; 0 in that coordinate's units
     * @return a builder for the route's other settings
     * @throws IllegalArgumentException when {@code widths} is empty or names an empty axis
     */
    static MollifierRoute.Builder mollifier(Map<String, Double> widths) {
        return MollifierRoute.builder(widths);
    }

    /**
     * Second-order central differences on the grid.
     *
     * @return the finite-difference route
     */
    static FiniteDifference finiteDifferences() {
        return new FiniteDifference();
    }
}
