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

    /** An empty set; add terms with {@link #with}. */
    public static LossTerms empty() {
        return new LossTerms();
    }

    /** One term. */
    public static LossTerms of(String name, Var term) {
        return empty().with(name, term);
    }

    /** Two terms, in this order. */
    public static LossTerms of(String n1, Var t1, String n2, Var t2) {
        return empty().with(n1, t1).with(n2, t2);
    }

    /** Adds a term (the name must be new, the value one element); returns this. */
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

    /** The terms by name, in order (read-only). */
    public Map<String, Var> asMap() {
        return Collections.unmodifiableMap(terms);
    }

    /** The term values by name, in order. */
    public Map<String, Double> values() {
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : terms.entrySet())
            m.put(e.getKey(), e.getValue().item());
        return m;
    }
}
