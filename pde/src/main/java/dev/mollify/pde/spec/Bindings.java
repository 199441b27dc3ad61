package dev.mollify.pde.spec;

import dev.mollify.autograd.Var;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

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
    private Tested tested;

    /**
     * How reaction terms are tested against a kernel: each is evaluated with the {@code raw} bindings (the
     * unmollified fields on a grid extended by the kernel's reach) and then passed through {@code test}, the
     * convolution with the kernel back onto the points of these bindings.
     *
     * @param raw the values a reaction term is evaluated with: fields, unknown fields and coordinates on the
     *     extended grid
     * @param test the kernel's convolution W∗·, from the extended grid to these bindings' points
     */
    public record Tested(Bindings raw, UnaryOperator<Var> test) {
        /**
         * Checks that neither part is null.
         *
         * @param raw the values a reaction term is evaluated with
         * @param test the kernel's convolution
         */
        public Tested {
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(test, "test");
        }
    }

    private Bindings() {}

    /**
     * Empty bindings.
     *
     * @return bindings holding no value yet, to be filled by the chained binders
     */
    public static Bindings create() {
        return new Bindings();
    }

    /**
     * Binds a derivative written as in the text: {@code "u"}, {@code "u_x"}, {@code "u_xxt"}.
     *
     * @param text the field name, then after the last underscore one coordinate letter per differentiation
     * @param value the derivative's values at the evaluation points, of any shape that broadcasts with the others
     * @return this bindings object, for chaining
     * @throws IllegalArgumentException when {@code text} is not a derivative ({@link Partial#parse})
     * @throws NullPointerException when {@code value} is null
     */
    public Bindings derivative(String text, Var value) {
        return derivative(Partial.parse(text), value);
    }

    /**
     * Binds a derivative; a later binding of the same partial replaces an earlier one.
     *
     * @param partial which derivative of which field
     * @param value the derivative's values at the evaluation points, of any shape that broadcasts with the others
     * @return this bindings object, for chaining
     * @throws NullPointerException when an argument is null
     */
    public Bindings derivative(Partial partial, Var value) {
        derivatives.put(Objects.requireNonNull(partial, "partial"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Binds the value of a field (no derivative); the same as {@code derivative(field, value)}.
     *
     * @param field the field name, e.g. {@code "u"}
     * @param value the field's values at the evaluation points
     * @return this bindings object, for chaining
     * @throws NullPointerException when an argument is null
     */
    public Bindings field(String field, Var value) {
        return derivative(Partial.value(field), value);
    }

    /**
     * Binds a coordinate's values, needed when the text uses the coordinate as a value ({@code x*u_x}) or
     * as an argument of a known field ({@code m(x,y)}).
     *
     * @param name the coordinate letter, e.g. {@code "x"}
     * @param value the coordinate at the evaluation points, in the coordinate's own units
     * @return this bindings object, for chaining
     * @throws NullPointerException when an argument is null
     */
    public Bindings coordinate(String name, Var value) {
        coordinates.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Binds an unknown field's values (e.g. a network's output at the points).
     *
     * @param name the field's name as written in the text, e.g. {@code "k"} for {@code k(x,y)}
     * @param value the field's values at the evaluation points; gradients flow back through it
     * @return this bindings object, for chaining
     * @throws NullPointerException when an argument is null
     */
    public Bindings unknownField(String name, Var value) {
        unknownFields.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Binds a flux derivative ½(u²)_x; the residual then uses it for every product {@code c·u·u_x}
     * ({@link FluxProducts}) instead of multiplying the bound u and u_x.
     *
     * @param term the flux term, e.g. {@code (u²/2)_x} from {@link PdeSpec#fluxTerms()}
     * @param value the values of ½(u²)_x at the evaluation points
     * @return this bindings object, for chaining
     * @throws NullPointerException when an argument is null
     */
    public Bindings flux(FluxProducts.Term term, Var value) {
        fluxes.put(Objects.requireNonNull(term, "term"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Tests every reaction term of the equations ({@link PdeSpec#reactionTerms()}) against a kernel: the residual
     * then uses {@code test(term evaluated on raw)}, W∗(k·ĝ·(1 − ĝ)), instead of the term evaluated on these
     * bindings, k·û·(1 − û) (docs/math.md, "Reaction terms"). Unknown scalars are shared with the rest of the
     * residual, so the result stays differentiable in them.
     *
     * @param raw the fields, unknown fields and coordinates a reaction term reads, on the grid {@code test} convolves
     * @param test the convolution with the kernel, from {@code raw}'s grid onto these bindings' points
     * @return this bindings object, for chaining
     * @throws NullPointerException when an argument is null
     */
    public Bindings tested(Bindings raw, UnaryOperator<Var> test) {
        tested = new Tested(raw, test);
        return this;
    }

    /**
     * How reaction terms are tested, if they are.
     *
     * @return the raw bindings and the kernel's convolution, or null when reaction terms are evaluated on these
     *     bindings as they are
     */
    public Tested tested() {
        return tested;
    }

    /**
     * A copy whose values are detached from their graphs (constants): for fits of the unknowns alone.
     *
     * @return new bindings with the same keys, each value {@link Var#detach()}ed
     */
    public Bindings detached() {
        Bindings b = new Bindings();
        derivatives.forEach((k, v) -> b.derivatives.put(k, v.detach()));
        coordinates.forEach((k, v) -> b.coordinates.put(k, v.detach()));
        unknownFields.forEach((k, v) -> b.unknownFields.put(k, v.detach()));
        fluxes.forEach((k, v) -> b.fluxes.put(k, v.detach()));
        if (tested != null) b.tested = new Tested(tested.raw().detached(), tested.test());
        return b;
    }

    /**
     * The bound flux derivatives.
     *
     * @return an unmodifiable view, flux term → ½(u²)_x values, in binding order
     */
    public Map<FluxProducts.Term, Var> fluxes() {
        return Collections.unmodifiableMap(fluxes);
    }

    /**
     * The bound derivatives.
     *
     * @return an unmodifiable view, partial → values (the field value under its {@link Partial#value} key)
     */
    public Map<Partial, Var> derivatives() {
        return Collections.unmodifiableMap(derivatives);
    }

    /**
     * The bound coordinates.
     *
     * @return an unmodifiable view, coordinate letter → values, in binding order
     */
    public Map<String, Var> coordinates() {
        return Collections.unmodifiableMap(coordinates);
    }

    /**
     * The bound unknown fields.
     *
     * @return an unmodifiable view, field name → values, in binding order
     */
    public Map<String, Var> unknownFields() {
        return Collections.unmodifiableMap(unknownFields);
    }
}
