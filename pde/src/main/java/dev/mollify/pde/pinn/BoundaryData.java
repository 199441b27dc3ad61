package dev.mollify.pde.pinn;

import dev.mollify.pde.forward.GridField;

/**
 * Slices of a gridded field for the {@code boundary} and {@code initial} loss terms of an
 * {@link InverseProblem}: each is {@link Observations#masked} on the field's own grid, so it lines
 * up with the collocation grid node for node.
 *
 * <pre>{@code
 * InverseProblem.builder(spec, net).observe("u", Observations.grid(noisy))
 *         .initial("u", BoundaryData.initial(clean))          // u(x, t₀)
 *         .boundary("u", BoundaryData.edges(clean, "x"))      // u at both ends of x
 * }</pre>
 */
public final class BoundaryData {
    private BoundaryData() {}

    /**
     * The nodes at the first time, u(·, t₀): index 0 of axis {@code t}.
     *
     * @param f the field on its grid, with an axis named {@code t}
     * @return observations of {@code f} at its first time slice, on {@code f}'s grid
     * @throws IllegalArgumentException when {@code f} has no axis {@code t}
     */
    public static Observations initial(GridField f) {
        return slab(f, "t", false);
    }

    /**
     * The nodes at both ends of one axis (e.g. x = x₀ and x = x₁ for all t).
     *
     * @param f the field on its grid
     * @param axis the axis name, e.g. {@code "x"}
     * @return observations of {@code f} at indices 0 and n−1 of {@code axis}, all nodes of the other axes
     * @throws IllegalArgumentException when {@code f} has no such axis
     */
    public static Observations edges(GridField f, String axis) {
        return slab(f, axis, true);
    }

    /** Index 0 of {@code axis}, and index n−1 too when {@code bothEnds}. */
    private static Observations slab(GridField f, String axis, boolean bothEnds) {
        int a = f.axisNames().indexOf(axis);
        if (a < 0)
            throw new IllegalArgumentException("the field has no axis '" + axis + "'; its axes are " + f.axisNames());
        int[] shape = new int[f.axisNames().size()];
        for (int i = 0; i < shape.length; i++) shape[i] = f.axis(i).length;
        int stride = 1;
        for (int i = a + 1; i < shape.length; i++) stride *= shape[i];
        int n = shape[a];
        boolean[] mask = new boolean[f.size()];
        for (int k = 0; k < mask.length; k++) {
            int idx = (k / stride) % n;
            mask[k] = idx == 0 || (bothEnds && idx == n - 1);
        }
        return Observations.masked(f, mask);
    }
}
