package dev.mollify.autograd.train;

import dev.mollify.autograd.Var;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named scalar loss terms in a fixed order, e.g. {@code data}, {@code residual}, {@code boundary},
 * {@code initial}. Each is a one-element {@link Var} carrying its graph.
 */
public final class LossTerms {
    private final LinkedHashMap<String, Var> terms = new LinkedHashMap<>();

    private LossTerms() {}

    /**
     * An empty set; add terms with {@link #with}.
     *
     * @return a new set with no terms
     */
    public static LossTerms empty() {
        return new LossTerms();
    }

    /**
     * One term.
     *
     * @param name the term's name: non-empty, without '/' or newlines
     * @param term a one-element value
     * @return a new set holding the term
     * @throws IllegalArgumentException when the name or the term breaks a rule of {@link #with}
     */
    public static LossTerms of(String name, Var term) {
        return empty().with(name, term);
    }

    /**
     * Two terms, in this order.
     *
     * @param n1 the first term's name
     * @param t1 the first term, one element
     * @param n2 the second term's name, different from n1
     * @param t2 the second term, one element
     * @return a new set holding both terms
     * @throws IllegalArgumentException when a name or term breaks a rule of {@link #with}
     */
    public static LossTerms of(String n1, Var t1, String n2, Var t2) {
        return empty().with(n1, t1).with(n2, t2);
    }

    /**
     * Adds a term (the name must be new, the value one element); returns this.
     *
     * @param name the term's name: non-empty, without '/' or newlines (it becomes a file and column name), not yet used
     * @param term a one-element value carrying its graph
     * @return this set
     * @throws IllegalArgumentException when the name is empty, holds '/' or a newline, or is given twice, or the term
     *     is null or has more than one element
     */
    public LossTerms with(String name, Var term) {
        if (name == null || name.isEmpty() || name.contains("\n") || name.contains("/")) {
            throw new IllegalArgumentException(
                    "loss term name must be non-empty without '/' or newlines, got '" + name + "'");
        }
        if (term == null) throw new IllegalArgumentException("loss term '" + name + "' is null");
        if (term.value().numel() != 1) {
            throw new IllegalArgumentException(
                    "loss term '" + name + "' must have one element; reduce it (e.g. mean) first");
        }
        if (terms.putIfAbsent(name, term) != null)
            throw new IllegalArgumentException("loss term '" + name + "' given twice");
        return this;
    }

    /**
     * The terms by name, in order (read-only).
     *
     * @return a read-only view of the terms in insertion order
     */
    public Map<String, Var> asMap() {
        return Collections.unmodifiableMap(terms);
    }

    /**
     * The term values by name, in order.
     *
     * @return a new ordered map from name to the term's value
     */
    public Map<String, Double> values() {
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : terms.entrySet())
            m.put(e.getKey(), e.getValue().item());
        return m;
    }
}
