package dev.mollify.pde.spec;

import java.util.List;
import java.util.Objects;

/**
 * An unknown field of some coordinates, written {@code k(x,y)} or {@code f(t)} in the text. Its values
 * come from the caller at evaluation time (e.g. a small network's output), through
 * {@link Bindings#unknownField}.
 *
 * @param name the name used in the text
 * @param args the coordinates it depends on, in the order written
 */
public record UnknownField(String name, List<String> args) {
    /**
     * Checks that the name is non-null and copies the coordinates.
     *
     * @param name the name used in the text
     * @param args the coordinates it depends on, in the order written; copied
     * @throws NullPointerException when the name or the list (or an element of it) is null
     */
    public UnknownField {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
    }

    /** {@code k(x,y)}. */
    @Override
    public String toString() {
        return name + "(" + String.join(",", args) + ")";
    }
}
