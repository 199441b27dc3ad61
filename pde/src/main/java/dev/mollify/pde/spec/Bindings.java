package dev.mollify.pde.spec;

import dev.mollify.autograd.Var;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values a residual is evaluated with: each required derivative of each field (see
 * {@link PdeSpec#requiredDerivatives()}), the coordinates the text uses as values, and the unknown
 * fields. Every value is a {@link Var} of any shape — (N, 1) at scattered points, a grid such as
 * (n_t, n_x) — as long as all of them broadcast together; the residual has the broadcast shape.
 *
 * <pre>{@code
 * Bindings b = Bindings.create()
 *         .derivative("u_t", ut)         // or .derivative(Partial.of("u", "t", 1), ut)
 *         .derivative("u_xx", uxx)
 *         .field("u", u)                 // the value u itself, same as .derivative("u", u)
 *         .coordinate("x", x)
 *         .unknownField("k", kNet);
 * }</pre>
 */
public final class Bindings {
    private final Map<Partial, Var> derivatives = new LinkedHashMap<>();
    private final Map<String, Var> coordinates = new LinkedHashMap<>();
    private final Map<String, Var> unknownFields = new LinkedHashMap<>();
    private final Map<FluxProducts.Term, Var> fluxes = new LinkedHashMap<>();

    private Bindings() {}

    /** Empty bindings. */
    public static Bindings create() {
        return new Bindings();
    }

    /** Binds a derivative written as in the text: {@code "u"}, {@code "u_x"}, {@code "u_xxt"}. */
    public Bindings derivative(String text, Var value) {
        return derivative(Partial.parse(text), value);
    }

    /** Binds a derivative. */
    public Bindings derivative(Partial partial, Var value) {
        derivatives.put(Objects.requireNonNull(partial, "partial"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Binds the value of a field (no derivative). */
    public Bindings field(String field, Var value) {
        return derivative(Partial.value(field), value);
    }

    /** Binds a coordinate's values. */
    public Bindings coordinate(String name, Var value) {
        coordinates.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Binds an unknown field's values (e.g. a network's output at the points). */
    public Bindings unknownField(String name, Var value) {
        unknownFields.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Binds a flux derivative ½(u²)_x; the residual then uses it for every product {@code c·u·u_x}
     * ({@link FluxProducts}) instead of multiplying the bound u and u_x.
     */
    public Bindings flux(FluxProducts.Term term, Var value) {
        fluxes.put(Objects.requireNonNull(term, "term"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** A copy whose values are detached from their graphs (constants): for fits of the unknowns alone. */
    public Bindings detached() {
        Bindings b = new Bindings();
        derivatives.forEach((k, v) -> b.derivatives.put(k, v.detach()));
        coordinates.forEach((k, v) -> b.coordinates.put(k, v.detach()));
        unknownFields.forEach((k, v) -> b.unknownFields.put(k, v.detach()));
        fluxes.forEach((k, v) -> b.fluxes.put(k, v.detach()));
        return b;
    }

    /** The bound flux derivatives. */
    public Map<FluxProducts.Term, Var> fluxes() {
        return Collections.unmodifiableMap(fluxes);
    }

    /** The bound derivatives. */
    public Map<Partial, Var> derivatives() {
        return Collections.unmodifiableMap(derivatives);
    }

    /** The bound coordinates. */
    public Map<String, Var> coordinates() {
        return Collections.unmodifiableMap(coordinates);
    }

    /** The bound unknown fields. */
    public Map<String, Var> unknownFields() {
        return Collections.unmodifiableMap(unknownFields);
    }
}
