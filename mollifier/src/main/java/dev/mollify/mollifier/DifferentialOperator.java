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

    /**
     * One term c·∂^α of the operator.
     *
     * @param coefficient the constant c
     * @param orders the multi-index α: one derivative order per spatial axis, slowest axis first
     */
    public record Term(double coefficient, List<Integer> orders) {}

    /**
     * Copies the terms; there must be at least one, all with the same number of axes and no negative order.
     *
     * @param name a label for printing
     * @param terms the terms Σ c·∂^α; copied
     * @throws IllegalArgumentException when there is no term, the terms differ in their number of axes,
     *     or an order is negative
     */
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

    /**
     * The single derivative ∂^α; {@code of(0, 2)} is u_yy of a 2-D field, {@code of(0)} is û itself.
     *
     * @param orders α, one order ≥ 0 per spatial axis, slowest first
     * @return the operator, named {@code d[α]}
     * @throws IllegalArgumentException when an order is negative
     */
    public static DifferentialOperator of(int... orders) {
        return new DifferentialOperator("d" + Arrays.toString(orders), List.of(term(1.0, orders)));
    }

    /**
     * The mollified field û = ĝ ∗ η_δ itself (all orders 0).
     *
     * @param dims the number of spatial axes of the field
     * @return the operator, named {@code u}
     */
    public static DifferentialOperator value(int dims) {
        return new DifferentialOperator("u", List.of(term(1.0, new int[dims])));
    }

    /**
     * ∂ᵏ along one axis.
     *
     * @param axis the spatial axis, 0 ≤ axis &lt; dims
     * @param order k, ≥ 0
     * @param dims the number of spatial axes of the field
     * @return the operator, named {@code d[α]}
     * @throws ArrayIndexOutOfBoundsException when the axis is out of range
     * @throws IllegalArgumentException when k &lt; 0
     */
    public static DifferentialOperator along(int axis, int order, int dims) {
        int[] o = new int[dims];
        o[axis] = order;
        return new DifferentialOperator("d" + Arrays.toString(o), List.of(term(1.0, o)));
    }

    /**
     * The Laplacian ∇² = Σ_a ∂_a² over every spatial axis.
     *
     * @param dims the number of spatial axes, ≥ 1
     * @return the operator, named {@code laplacian}
     * @throws IllegalArgumentException when dims &lt; 1
     */
    public static DifferentialOperator laplacian(int dims) {
        List<Term> t = new ArrayList<>();
        for (int a = 0; a < dims; a++) {
            int[] o = new int[dims];
            o[a] = 2;
            t.add(term(1.0, o));
        }
        return new DifferentialOperator("laplacian", t);
    }

    /**
     * The biharmonic ∇⁴ = Σ_a ∂_a⁴ + 2·Σ_{a&lt;b} ∂_a²∂_b² over every spatial axis.
     *
     * @param dims the number of spatial axes, ≥ 1
     * @return the operator, named {@code biharmonic}
     * @throws IllegalArgumentException when dims &lt; 1
     */
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

    /**
     * The number of spatial axes the operator acts on.
     *
     * @return the length of every term's α
     */
    public int dims() {
        return terms.get(0).orders().size();
    }

    /**
     * The highest order along one axis over all terms, which sets the kernel's extra half-width
     * ⌈k/2⌉ on that axis ({@link DerivativeKernels#stencilHalfWidth}).
     *
     * @param axis the spatial axis, 0 ≤ axis &lt; {@link #dims()}
     * @return max over the terms of α[axis]
     * @throws IndexOutOfBoundsException when the axis is out of range
     */
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
