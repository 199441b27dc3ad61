package dev.mollify.pde.spec;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which derivative of which field: a field name plus a multi-index (coordinate → order), e.g.
 * {@code u_xxy} is {@code Partial("u", {x: 2, y: 1})} and the field value {@code u} itself is
 * {@code Partial("u", {})}.
 *
 * <p>This is the name of a derivative (a map key, a binding). In a parsed equation it sits in the node
 * {@link Expr.Derivative}; the mollifier module's {@code DifferentialOperator} is an operator Σ c·∂^α
 * over a grid's axis indices, which the mollifier route applies to compute a {@code Partial}'s values.
 *
 * <p>Mixed derivatives are taken to commute, so {@code u_xy} and {@code u_yx} are the same key.
 * Coordinates are single letters (so that {@code u_xy} can be split). {@link #toString()} writes the
 * letters in the order x, y, z, other letters alphabetically, then t: {@code u_xxt}.
 *
 * @param field  the field name
 * @param orders coordinate letter → derivative order (≥ 1); zero entries are dropped
 */
public record Partial(String field, Map<String, Integer> orders) implements Comparable<Partial> {

    /** Canonical letter order for printing: x, y, z, others alphabetically, t last. */
    static final Comparator<String> LETTER_ORDER =
            Comparator.comparingInt(Partial::rank).thenComparing(Comparator.naturalOrder());

    /**
     * Checks the field name and orders (≥ 0, single-letter coordinates), drops zero orders and
     * stores the rest in canonical letter order.
     *
     * @param field the field name, non-empty
     * @param orders coordinate letter → derivative order (≥ 0); copied, zero entries dropped
     * @throws IllegalArgumentException when the field name is empty, an order is negative or a coordinate is
     *     not a single letter
     * @throws NullPointerException when the field name is null
     */
    public Partial {
        Objects.requireNonNull(field, "field");
        if (field.isEmpty()) throw new IllegalArgumentException("a derivative needs a field name");
        Map<String, Integer> copy = new TreeMap<>(LETTER_ORDER);
        for (Map.Entry<String, Integer> e : orders.entrySet()) {
            int k = e.getValue();
            if (k < 0)
                throw new IllegalArgumentException("derivative order must be >= 0, got " + k + " along " + e.getKey());
            if (e.getKey().length() != 1) {
                throw new IllegalArgumentException("coordinates are single letters, got '" + e.getKey() + "'");
            }
            if (k > 0) copy.put(e.getKey(), k);
        }
        orders = Collections.unmodifiableMap(copy);
    }

    /**
     * The field value itself (no derivative).
     *
     * @param field the field name
     * @return {@code Partial(field, {})}, printed as the bare name
     */
    public static Partial value(String field) {
        return new Partial(field, Map.of());
    }

    /**
     * One coordinate, one order: {@code of("u", "x", 2)} is u_xx.
     *
     * @param field the field name
     * @param coordinate the coordinate letter
     * @param order how many times to differentiate along it, ≥ 0 (0 gives the value)
     * @return ∂^order field / ∂coordinate^order
     * @throws IllegalArgumentException when the order is negative or the coordinate is not one letter
     */
    public static Partial of(String field, String coordinate, int order) {
        return new Partial(field, Map.of(coordinate, order));
    }

    /**
     * Reads {@code "u"}, {@code "u_x"}, {@code "u_xxt"}: the field name, and after the last
     * underscore one letter per differentiation.
     *
     * @param text the derivative as written, e.g. {@code "u_xxt"}; a text without underscore is a value
     * @return the partial; letters may come in any order ({@code u_tx} equals {@code u_xt})
     * @throws IllegalArgumentException when the field name or the letters are empty, or a letter is not a
     *     lower-case a–z
     */
    public static Partial parse(String text) {
        int us = text.lastIndexOf('_');
        if (us < 0) return value(text);
        String field = text.substring(0, us);
        String letters = text.substring(us + 1);
        if (field.isEmpty() || letters.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a derivative: write field_letters, e.g. u_xx");
        }
        Map<String, Integer> m = new LinkedHashMap<>();
        for (char c : letters.toCharArray()) {
            if (c < 'a' || c > 'z') {
                throw new IllegalArgumentException("'" + text + "' is not a derivative: after '_' write one lower-case "
                        + "coordinate letter per differentiation, e.g. u_xx");
            }
            m.merge(String.valueOf(c), 1, Integer::sum);
        }
        return new Partial(field, m);
    }

    /**
     * Total order |α|, the sum of the orders along each coordinate.
     *
     * @return the number of differentiations, 0 for the value itself
     */
    public int order() {
        int s = 0;
        for (int k : orders.values()) s += k;
        return s;
    }

    /**
     * Order along one coordinate.
     *
     * @param coordinate a coordinate letter
     * @return how many times this partial differentiates along it, 0 when absent
     */
    public int order(String coordinate) {
        return orders.getOrDefault(coordinate, 0);
    }

    /**
     * This derivative differentiated {@code times} more times along {@code coordinate}: {@code u_x.then("t", 1)}
     * is u_xt.
     *
     * @param coordinate the coordinate letter
     * @param times how many more differentiations; a negative value lowers the order
     * @return the new partial of the same field
     * @throws IllegalArgumentException when the resulting order along {@code coordinate} would be negative
     */
    public Partial then(String coordinate, int times) {
        Map<String, Integer> m = new LinkedHashMap<>(orders);
        m.merge(coordinate, times, Integer::sum);
        return new Partial(field, m);
    }

    /** Sorts by field, then total order, then letters in the order x, y, z, …, t: u, u_x, u_t, u_xx, u_xt, … */
    @Override
    public int compareTo(Partial o) {
        int c = field.compareTo(o.field);
        if (c != 0) return c;
        c = Integer.compare(order(), o.order());
        if (c != 0) return c;
        String a = letters(), b = o.letters();
        for (int i = 0; i < a.length(); i++) {
            c = LETTER_ORDER.compare(a.substring(i, i + 1), b.substring(i, i + 1));
            if (c != 0) return c;
        }
        return 0;
    }

    /**
     * The letters after the underscore, one per differentiation.
     *
     * @return the letters in the order x, y, z, other letters, t (e.g. {@code "xxt"}); {@code ""} for the value
     */
    public String letters() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : orders.entrySet())
            sb.append(e.getKey().repeat(e.getValue()));
        return sb.toString();
    }

    /** {@code u}, {@code u_x}, {@code u_xxt}. */
    @Override
    public String toString() {
        if (orders.isEmpty()) return field;
        return field + "_" + letters();
    }

    private static int rank(String letter) {
        switch (letter) {
            case "x":
                return 0;
            case "y":
                return 1;
            case "z":
                return 2;
            case "t":
                return 4;
            default:
                return 3;
        }
    }
}
