package dev.mollify.pde.fit;

import dev.mollify.autograd.Var;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.Pinn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A finer collocation grid where the network, fitted to the data alone, changes faster than the grid can follow
 * (docs/math.md, "The collocation grid").
 *
 * <p>The mollifier route tests the equation by sums over the collocation nodes, Σ_j û(x_j) ∂^α η(x_i − x_j) h. They
 * are accurate quadratures of the integrals while û changes little from one node to the next. A front narrower than
 * the spacing (a shock or a soliton that falls between the samples) makes the sums depend on where the front sits
 * between two nodes; that error acts like a change of the coefficients that shape the front (the viscosity of a
 * shock, the dispersion of a soliton). After the data-only fit the steepness along axis a is
 *
 * <pre>
 *   J_a = max over fields f and neighbouring nodes i, i+1 along a of |û_f(i+1) − û_f(i)| / (max û_f − min û_f),
 * </pre>
 *
 * A front tanh(2x/(w·h)), w spacings wide, gives J ≈ tanh(1/w). An axis steeper than the trigger gets
 * n'_a = ⌈n_a·J_a / {@link #MAX_STEP}⌉ uniform nodes over the same interval, so that the network moves by at most about
 * a tenth of its range between neighbours. The trigger depends on whose grid it is. For a tanh front the trapezoid
 * sums err by about exp(−π²·s/h), with s/h = 1/(2 artanh J) the front's scale in spacings, and the viscous or
 * dispersive term they must resolve is 10–30 times smaller than the flux terms whose sums carry the error. The data's
 * own grid is therefore refined only where J_a &gt; {@link #GRID_TRIGGER}: there the factor passes 10⁻³ (J = 0.6),
 * while Burgers on 128 samples (J = 0.82) gives 1.5·10⁻² and b 24 % off. Below it a finer grid costs time and buys
 * nothing: on 256 samples (J = 0.54) it left b 2.4 % off at the 300 s budget, against 0.3 % on the data grid. The
 * grid of scattered points is the route's own choice (64 nodes per axis), and it is refined wherever
 * J_a &gt; {@link #MAX_STEP}: its difference kernels gain from any resolution, and KdV from 2,000 scattered points at
 * 1 % noise gave b 4.4 % off on 64² nodes, 1.05 % on 128² and 0.38 % on 200². A front narrower than
 * the spacing shows a J_a below its true steepness (a step can jump no more than the range), so the rule is applied
 * again on the refined grid, up to {@link #ROUNDS} times. While the grid would hold more than {@link #MAX_NODES}
 * nodes, the refined axes are shortened in proportion (never below their own n_a).
 */
public final class CollocationRefinement {
    /** The neighbour step of the network along an axis of the data's grid, as a share of its range, above which it is refined. */
    static final double GRID_TRIGGER = 0.6;
    /** The largest neighbour step, as a share of the range, that a refined axis is given. */
    static final double MAX_STEP = 0.1;
    /** The most nodes a refined grid holds (as many as a lattice of scattered points keeps). */
    static final int MAX_NODES = DataLayout.MAX_LATTICE_NODES;

    /** The most times the rule is applied, each on the grid the previous one gave. */
    static final int ROUNDS = 3;

    private CollocationRefinement() {}

    /**
     * The grid refined while an axis is steeper than {@link #MAX_STEP} on it, once one is steeper than {@code trigger}
     * on {@code grid}, until the node cap is reached or {@link #ROUNDS} rounds are done.
     *
     * @param grid        the collocation grid
     * @param trigger     the steepness above which refining starts ({@link #GRID_TRIGGER} or {@link #MAX_STEP})
     * @param steepnessOn J_a per axis of the field on a given grid ({@link #steepness} of the network there)
     * @return {@code grid} itself when no axis is steeper, else a finer grid over the same box
     */
    static Grid refine(Grid grid, double trigger, Function<Grid, double[]> steepnessOn) {
        double[] first = steepnessOn.apply(grid);
        if (Arrays.stream(first).noneMatch(j -> j > trigger)) return grid;
        Grid g = grid;
        for (int round = 0; round < ROUNDS; round++) {
            Grid next = refine(g, round == 0 ? first : steepnessOn.apply(g));
            if (next.equals(g)) break;
            g = next;
        }
        return g;
    }

    /**
     * {@link #refine(Grid, double, Function)} for a network: its fields evaluated on each candidate grid.
     *
     * @param grid      the collocation grid
     * @param dataGrid  whether {@code grid} is the data's own grid (else the route's, for scattered points)
     * @param net       the network, fitted to the data
     * @param fields    the fields whose steepness counts (outputs of {@code net})
     * @return {@code grid} itself when no axis is steeper, else a finer grid over the same box
     */
    static Grid refine(Grid grid, boolean dataGrid, Pinn net, List<String> fields) {
        return refine(grid, dataGrid ? GRID_TRIGGER : MAX_STEP, g -> steepness(g, onGrid(net, g, fields)));
    }

    /**
     * The network's fields on every node of {@code grid}, row-major.
     *
     * @param net    the network (fitted to the data)
     * @param grid   the grid
     * @param fields the fields to evaluate (outputs of {@code net})
     * @return field name → values on the grid
     */
    static Map<String, double[]> onGrid(Pinn net, Grid grid, List<String> fields) {
        Var out = net.forward(Var.constant(grid.points(net.coordinates())));
        Map<String, double[]> values = new LinkedHashMap<>();
        for (String f : fields) values.put(f, net.output(out, f).value().toDoubleArray());
        return values;
    }

    /**
     * J_a of each axis (see the class comment): the largest neighbour step along it over the fields, as a share of
     * each field's range; 0 along an axis of one node or for a constant field.
     *
     * @param grid   the grid the values lie on
     * @param values field name → values on the grid, row-major
     * @return one steepness per axis
     */
    static double[] steepness(Grid grid, Map<String, double[]> values) {
        int[] shape = grid.shape();
        double[] j = new double[shape.length];
        for (double[] v : values.values()) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            double range = hi - lo;
            if (!(range > 0)) continue;
            for (int a = 0; a < shape.length; a++) {
                int stride = 1;
                for (int b = a + 1; b < shape.length; b++) stride *= shape[b];
                double step = 0;
                for (int i = 0; i < v.length; i++) {
                    if ((i / stride) % shape[a] == shape[a] - 1) continue;
                    step = Math.max(step, Math.abs(v[i + stride] - v[i]));
                }
                j[a] = Math.max(j[a], step / range);
            }
        }
        return j;
    }

    /**
     * One round: the grid with each axis steeper than {@link #MAX_STEP} refined (see the class comment); {@code grid}
     * itself when no axis is.
     *
     * @param grid      the collocation grid
     * @param steepness J_a per axis ({@link #steepness})
     * @return a grid over the same box with at least as many nodes along each axis
     */
    static Grid refine(Grid grid, double[] steepness) {
        int[] n = grid.shape();
        int[] m = n.clone();
        boolean any = false;
        for (int a = 0; a < n.length; a++) {
            if (steepness[a] > MAX_STEP) {
                m[a] = (int) Math.min(MAX_NODES, Math.ceil(n[a] * steepness[a] / MAX_STEP));
                any |= m[a] > n[a];
            }
        }
        if (!any) return grid;
        while (nodes(m) > MAX_NODES) { // shorten the refined axes in proportion, not below their own length
            double shrink = Math.pow((double) MAX_NODES / nodes(m), 1.0 / refinedAxes(n, m));
            boolean moved = false;
            for (int a = 0; a < n.length; a++) {
                if (m[a] <= n[a]) continue;
                int next = Math.max(n[a], Math.min(m[a] - 1, (int) Math.floor(m[a] * shrink)));
                moved |= next != m[a];
                m[a] = next;
            }
            if (!moved) break;
        }
        List<double[]> axes = new ArrayList<>();
        for (int a = 0; a < n.length; a++) {
            double[] ax = grid.axis(a);
            axes.add(m[a] > n[a] ? Grid.uniform(ax[0], ax[ax.length - 1], m[a]) : ax);
        }
        return new Grid(grid.axisNames(), axes);
    }

    private static long nodes(int[] m) {
        long p = 1;
        for (int x : m) p *= x;
        return p;
    }

    private static int refinedAxes(int[] n, int[] m) {
        int k = 0;
        for (int a = 0; a < n.length; a++) if (m[a] > n[a]) k++;
        return Math.max(1, k);
    }
}
