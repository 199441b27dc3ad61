package dev.mollify.pde.fit;

import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.Pinn;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
 *
 * <p>A network that misses the data by far more than their noise ({@link WeakForm#fallsShort}) is widened too where
 * the weak form cannot answer in its place (data that do not fill the grid): on Kuramoto–Sivashinsky data from 2,000
 * points (1 % noise) the coefficients came out 35–52 % off with 2 × 32 and 5.9–9.0 % with 3 × 64. On 5,000 samples
 * of the Navier–Stokes wake (clean) 2 × 32 missed the velocities by 0.044 std and left the viscosity 42 % high in the
 * 300 s budget; 3 × 64 left it 15 % high (2.5 % in 900 s). A KdV network that misses its data by 0.022 std recovers
 * both coefficients within 0.2 % and is kept.
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
     * The warning when the fit would swap in {@link #STEEP} but the heap cannot hold it: the fit keeps its network.
     *
     * @param reason why it would widen ({@link #widening})
     * @param need   the bytes the fit would need with {@link #STEEP} ({@link MemoryEstimate#bytes})
     * @return the warning, naming the reason, the memory and the fix
     */
    static String tooLarge(String reason, double need) {
        return String.format(
                Locale.ROOT,
                "%s, but the wider network (--hidden %s) would need about %s of memory where Java may use at most %s:"
                        + " the fit keeps the smaller one, and the coefficients may come out biased; to allow the wider"
                        + " network, %s",
                Character.toUpperCase(reason.charAt(0)) + reason.substring(1),
                widths(STEEP),
                HeapBudget.bytes(need),
                HeapBudget.bytes(HeapBudget.max()),
                HeapBudget.MORE_MEMORY);
    }

    /**
     * Why the fit swaps its network for {@link #STEEP}, in words, or null to keep it. Never when the widths were
     * given. Otherwise when the network of {@link #initial} widths, fitted to the data alone,
     *
     * <ul>
     *   <li>is steeper than {@link CollocationRefinement#GRID_TRIGGER} along some axis of {@code grid}, or
     *   <li>misses the data by far more than their noise ({@link WeakForm#fallsShort}) and the weak form cannot take
     *       the coefficients from the measurements instead ({@link WeakForm#applies}: the data do not fill the grid).
     * </ul>
     *
     * @param s        the options
     * @param grid     the collocation grid before refinement
     * @param net      the network of {@link #initial} widths, fitted to the data alone
     * @param fields   the fields measured (outputs of {@code net})
     * @param misfit   the network's RMS misfit to the data, in std of each field
     * @param noise    the data's noise level in std ({@link WeakForm#noiseLevel}; NaN when unknown)
     * @param weakForm whether the weak form applies to these data
     * @return the reason, or null when the initial widths stay
     */
    static String widening(
            FitOptions s, Grid grid, Pinn net, List<String> fields, double misfit, double noise, boolean weakForm) {
        if (s.hidden().length > 0) return null;
        double[] j = CollocationRefinement.steepness(grid, CollocationRefinement.onGrid(net, grid, fields));
        if (Arrays.stream(j).anyMatch(v -> v > CollocationRefinement.GRID_TRIGGER))
            return "fitted to the data alone, the smaller network drew a front sharper than the collocation grid";
        if (!weakForm && Double.isFinite(noise) && Double.isFinite(misfit) && WeakForm.fallsShort(misfit, noise))
            return String.format(
                    Locale.ROOT,
                    "fitted to the data alone, the smaller network missed them by %.3g std (RMS), where their noise is"
                            + " about %.3g std",
                    misfit,
                    noise);
        return null;
    }

    /**
     * Whether a set-up fit took the wider network because the data asked for it ({@link #widening}).
     *
     * @param b the set-up problem
     * @return true when {@link #widening} gave a reason for the {@link #STEEP} widths (never when widths were given)
     */
    public static boolean widened(FitSetup.Built b) {
        return b.widenedBecause() != null;
    }

    /**
     * What may let a network follow data it misses, in words: a network of {@link #STEEP} widths when this one is
     * smaller (fewer layers or a narrower one); else denser sampling, since on Kuramoto–Sivashinsky data from 2,000
     * points 3 × 64 and 4 × 64 units missed them alike (0.30 and 0.20 std) and left the same coefficients.
     *
     * @param hidden the widths the fit used
     * @return a sentence without its full stop
     */
    static String advice(int[] hidden) {
        boolean smaller = hidden.length < STEEP.length || Arrays.stream(hidden).anyMatch(h -> h < STEEP[0]);
        return smaller
                ? "A wider network (--hidden 64,64,64) may follow them"
                : "A wider network than " + widths(hidden) + " is unlikely to follow them, but denser sampling may";
    }

    /** Widths as the option takes them, e.g. 64,64,64. */
    private static String widths(int[] hidden) {
        return String.join(
                ",", Arrays.stream(hidden).mapToObj(Integer::toString).toList());
    }
}
