package dev.mollify.mollifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A linear differential operator with constant coefficients, Σ c·∂^α, as requested from
 * {@link MollifiedDerivatives}. α lists one order per spatial axis of the field (any axis may be time).
 * Each term is applied as separable 1-D passes of a tensor-product kernel, so mixed derivatives,
 * the Laplacian and the biharmonic cost a few passes each. Axes are indices here; a PDE's derivative
 * of a named field along named coordinates ({@code u_xx}) is the pde module's {@code Partial}.
 *
 * @param name  a label for printing (e.g. "u_xx", "laplacian")
 * @param terms the terms Σ c·∂^α
 */
public record DifferentialOperator(String name, List<Term> terms) {

    /** c·∂^α with α = orders (one per spatial axis). */
    public record Term(double coefficient, List<Integer> orders) {}

    /** Copies the terms; there must be at least one, all with the same number of axes and no negative order. */
    public DifferentialOperator {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) throw new IllegalArgumentException("a derivative needs at least one term");
        int d = terms.get(0).orders().size();
        for (Term t : terms) {
            if (t.orders().size() != d)
                throw new IllegalArgumentException("all terms of " + name + " must have " + d + " axes");
            for (int k : t.orders())
                if (k < 0) throw new IllegalArgumentException("negative derivative order in " + name);
        }
    }

    /** ∂^α, one order per axis; {@code of(0, 2)} is u_yy of a 2-D field, {@code of(0)} is û itself. */
    public static DifferentialOperator of(int... orders) {
        return new DifferentialOperator("d" + Arrays.toString(orders), List.of(term(1.0, orders)));
    }

    /** The mollified field û itself, for a field with {@code dims} spatial axes. */
    public static DifferentialOperator value(int dims) {
        return new DifferentialOperator("u", List.of(term(1.0, new int[dims])));
    }

    /** ∂ᵏ along one axis. */
    public static DifferentialOperator along(int axis, int order, int dims) {
        int[] o = new int[dims];
        o[axis] = order;
        return new DifferentialOperator("d" + Arrays.toString(o), List.of(term(1.0, o)));
    }

    /** ∇² = Σ_a ∂_a². */
    public static DifferentialOperator laplacian(int dims) {
        List<Term> t = new ArrayList<>();
        for (int a = 0; a < dims; a++) {
            int[] o = new int[dims];
            o[a] = 2;
            t.add(term(1.0, o));
        }
        return new DifferentialOperator("laplacian", t);
    }

    /** ∇⁴ = Σ_a ∂_a⁴ + 2·Σ_{a&lt;b} ∂_a²∂_b². */
    public static DifferentialOperator biharmonic(int dims) {
        List<Term> t = new ArrayList<>();
        for (int a = 0; a < dims; a++) {
            for (int b = a; b < dims; b++) {
                int[] o = new int[dims];
                o[a] += 2;
                o[b] += 2;
                t.add(term(a == b ? 1.0 : 2.0, o));
            }
        }
        return new DifferentialOperator("biharmonic", t);
    }

    /** The number of spatial axes. */
    public int dims() {
        return terms.get(0).orders().size();
    }

    /** The highest order along {@code axis} over all terms. */
    public int maxOrder(int axis) {
        int m = 0;
        for (Term t : terms) m = Math.max(m, t.orders().get(axis));
        return m;
    }

    private static Term term(double c, int[] orders) {
        List<Integer> l = new ArrayList<>();
        for (int k : orders) l.add(k);
        return new Term(c, l);
    }

    @Override
    public String toString() {
        return name;
    }
}
