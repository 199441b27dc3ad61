package dev.mollify.pde.fit;

import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.Pinn;
import java.util.Arrays;
import java.util.List;

/**
 * The network's hidden widths when the fit is not given any (docs/math.md, "The network's size").
 *
 * <p>A fit starts with {@link #DEFAULT} (2 × 32 tanh units), which follows smooth fields at a few milliseconds a step.
 * A front that the network fitted to the data alone draws across about one spacing of the collocation grid,
 *
 * <pre>  J_a = max_i |û(i + e_a) − û(i)| / (max û − min û) &gt; {@link CollocationRefinement#GRID_TRIGGER}</pre>
 *
 * on the collocation grid before it is refined (the data's grid, or the route's own for scattered points), asks more
 * of it: the equation must then shape the front between the samples, and a small network draws it too wide or too
 * narrow, which biases the coefficients of the terms that shape it. Such data get {@link #STEEP} (3 × 64) instead, and
 * the data-only fit is repeated with it. On Burgers data sampled at 128 × 50 (1 % noise, seed 1) the viscosity came
 * out 1.38 % off with 2 × 32 and 0.72 % with 3 × 64 on the full grid, and 9.9 % and 0.93 % from 6 time samples. Smooth
 * fields (heat, Fisher–KPP, KdV at the sampling tested) stay below the trigger and keep the small network's speed.
 */
public final class NetworkSize {
    /** The hidden widths of a fit whose data show no front sharper than the collocation grid. */
    static final int[] DEFAULT = {32, 32};
    /** The hidden widths of a fit whose network, fitted to the data alone, is steeper than the trigger. */
    static final int[] STEEP = {64, 64, 64};

    private NetworkSize() {}

    /**
     * The widths a fit starts with: those given, else {@link #DEFAULT}.
     *
     * @param s the options (empty {@link FitOptions#hidden()}: choose)
     * @return a new array, one width per hidden layer
     */
    static int[] initial(FitOptions s) {
        return s.hidden().length > 0 ? s.hidden() : DEFAULT.clone();
    }

    /**
     * Whether the fit swaps its network for {@link #STEEP}: the widths were not given and the network, fitted to the
     * data alone, is steeper than {@link CollocationRefinement#GRID_TRIGGER} along some axis of {@code grid}.
     *
     * @param s      the options
     * @param grid   the collocation grid before refinement
     * @param net    the network of {@link #initial} widths, fitted to the data alone
     * @param fields the fields measured (outputs of {@code net})
     * @return true when the wider network is to be used
     */
    static boolean widens(FitOptions s, Grid grid, Pinn net, List<String> fields) {
        if (s.hidden().length > 0) return false;
        double[] j = CollocationRefinement.steepness(grid, CollocationRefinement.onGrid(net, grid, fields));
        return Arrays.stream(j).anyMatch(v -> v > CollocationRefinement.GRID_TRIGGER);
    }

    /**
     * Whether a set-up fit took the wider network because the data asked for it ({@link #widens}).
     *
     * @param s the options the fit was set up with
     * @param b the set-up problem
     * @return true when no widths were given and the network has the {@link #STEEP} ones
     */
    public static boolean widened(FitOptions s, FitSetup.Built b) {
        return s.hidden().length == 0 && Arrays.equals(b.hidden(), STEEP);
    }
}
