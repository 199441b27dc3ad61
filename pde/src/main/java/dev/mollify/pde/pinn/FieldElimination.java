package dev.mollify.pde.pinn;

import dev.mollify.pde.spec.Bindings;

/**
 * A field minimised over before the coefficients in their linear estimate (docs/math.md, "Starting values"): the
 * residual is linear in the field, r = m₀ + Σⱼ cⱼ mⱼ + B·α with α the field's free values and B their columns, so
 * minimising over α first projects m₀ and each mⱼ onto the complement of B's columns. The coefficients are then the
 * least-squares solution of the projected parts.
 */
interface FieldElimination {
    /**
     * The coefficient-free part with the field at zero instead of its bound values.
     *
     * @param m0 the flattened coefficient-free part over the kept points of every equation, field as bound
     * @return a new array
     */
    double[] withoutField(double[] m0);

    /**
     * v with its part along the field's columns removed.
     *
     * @param v a flattened residual part (m₀ or an mⱼ) over the kept points of every equation
     * @return a new array, orthogonal to the field's columns
     */
    double[] project(double[] v);

    /**
     * The bindings with the field at the values that best fit a residual.
     *
     * @param b the bindings the residual was computed with
     * @param r0 the flattened residual at the estimated coefficients with the field at zero ({@link #withoutField})
     * @return a copy of b with the field replaced
     */
    Bindings fitted(Bindings b, double[] r0);
}
