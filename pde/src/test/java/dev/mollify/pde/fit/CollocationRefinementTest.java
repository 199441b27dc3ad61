package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.pinn.Grid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollocationRefinementTest {
    /** u(t, x) = tanh(x / w) on a grid of nt × nx over t ∈ [0, 1], x ∈ [−1, 1]. */
    private static Map<String, double[]> front(Grid g, double w) {
        double[] t = g.axis(0), x = g.axis(1);
        double[] v = new double[t.length * x.length];
        for (int i = 0; i < t.length; i++) for (int j = 0; j < x.length; j++) v[i * x.length + j] = Math.tanh(x[j] / w);
        return Map.of("u", v);
    }

    private static Grid grid(int nt, int nx) {
        return new Grid(List.of("t", "x"), List.of(Grid.uniform(0, 1, nt), Grid.uniform(-1, 1, nx)));
    }

    @Test
    void aFrontBetweenTheNodesRefinesItsAxisOnly() {
        Grid g = grid(50, 128);
        double[] j = CollocationRefinement.steepness(g, front(g, 0.01));
        assertEquals(0, j[0], 1e-15);
        assertTrue(j[1] > 0.5, "the front jumps most of the range in one step: " + j[1]);
        Grid r = CollocationRefinement.refine(g, j);
        assertEquals(50, r.shape()[0]);
        assertEquals((int) Math.ceil(128 * j[1] / CollocationRefinement.MAX_STEP), r.shape()[1]);
        assertArrayEquals(new double[] {-1, 1}, new double[] {r.axis(1)[0], r.axis(1)[r.shape()[1] - 1]}, 1e-15);
        // one round underestimates a front narrower than the spacing; the rounds follow it down
        Grid rounds = CollocationRefinement.refine(
                g, CollocationRefinement.GRID_TRIGGER, c -> CollocationRefinement.steepness(c, front(c, 0.01)));
        assertTrue(rounds.shape()[1] > r.shape()[1], rounds.shape()[1] + " vs " + r.shape()[1]);
        double after = CollocationRefinement.steepness(rounds, front(rounds, 0.01))[1];
        assertTrue(after <= 1.05 * CollocationRefinement.MAX_STEP, "steepness after " + after);
    }

    @Test
    void aSmoothFieldKeepsItsGrid() {
        Grid g = grid(50, 128);
        double[] j = CollocationRefinement.steepness(g, front(g, 0.5));
        assertTrue(j[1] < CollocationRefinement.MAX_STEP, "smooth: " + j[1]);
        assertSame(g, CollocationRefinement.refine(g, j));
        // a front five spacings wide: steeper than MAX_STEP but below the trigger, so the grid and its cost stay
        Grid coarse = grid(50, 64);
        double w = 2.5 * 2.0 / 63; // tanh(x / w): the front is 2w wide
        double[] five = CollocationRefinement.steepness(coarse, front(coarse, w));
        assertTrue(
                five[1] > CollocationRefinement.MAX_STEP && five[1] < CollocationRefinement.GRID_TRIGGER,
                "J " + five[1]);
        assertSame(
                coarse,
                CollocationRefinement.refine(
                        coarse,
                        CollocationRefinement.GRID_TRIGGER,
                        c -> CollocationRefinement.steepness(c, front(c, w))));
        // the route's own grid (scattered points) is refined from MAX_STEP on
        Grid own = CollocationRefinement.refine(
                coarse, CollocationRefinement.MAX_STEP, c -> CollocationRefinement.steepness(c, front(c, w)));
        assertTrue(own.shape()[1] > 64 && own.shape()[0] == 50, "refined: " + own);
    }

    @Test
    void theRefinedGridStaysWithinTheNodeCap() {
        Grid g = grid(200, 256);
        Grid r = CollocationRefinement.refine(g, new double[] {0.05, 0.9});
        assertTrue(r.size() <= CollocationRefinement.MAX_NODES, "nodes " + r.size());
        assertEquals(200, r.shape()[0]);
        assertTrue(r.shape()[1] > 256, "x still refined: " + r.shape()[1]);
        Grid full = grid(256, 256); // already at the cap: nothing to add
        assertEquals(full, CollocationRefinement.refine(full, new double[] {0.5, 0.5}));
    }
}
