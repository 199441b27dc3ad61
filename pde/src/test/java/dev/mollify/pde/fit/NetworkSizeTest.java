package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.Pinn;
import org.junit.jupiter.api.Test;

/** The network's widths when none are given: the small network for smooth data, the wider one for a front between samples. */
class NetworkSizeTest {
    /**
     * A front u = −tanh((x − 0.2t)/0.004), far narrower than the spacing, on 32 x over [−1, 1] × 9 t over [0, 1]: two
     * neighbouring samples differ by nearly the whole range.
     */
    private static double[][] front() {
        int nx = 32, nt = 9;
        double[][] cols = new double[3][nx * nt];
        for (int i = 0; i < nt; i++)
            for (int j = 0; j < nx; j++) {
                double t = i / (nt - 1.0), x = -1 + 2.0 * j / (nx - 1);
                cols[0][i * nx + j] = x;
                cols[1][i * nx + j] = t;
                cols[2][i * nx + j] = -Math.tanh((x - 0.2 * t) / 0.004);
            }
        return cols;
    }

    private static DataFit.Builder frontFit() {
        return DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, front())
                .pde("u_t + a*u*u_x - b*u_xx = 0")
                .unknown("a")
                .unknown("b")
                .positive("b")
                .seed(1);
    }

    @Test
    void aFrontBetweenTheSamplesGetsTheWiderNetwork() {
        DataFit fit = frontFit().build();
        FitSetup.Built b = fit.setup();
        assertArrayEquals(NetworkSize.STEEP, b.hidden());
        assertTrue(NetworkSize.widened(b));
        assertTrue(b.widenedBecause().contains("front sharper than the collocation grid"), b.widenedBecause());
        assertEquals(
                NetworkSize.STEEP.length + 1,
                b.problem().model().network().layers().size(),
                "the trained network is the wider one");
    }

    @Test
    void widthsGivenAreKept() {
        DataFit given = frontFit().hidden(16, 16).build();
        FitSetup.Built b = given.setup();
        assertArrayEquals(new int[] {16, 16}, b.hidden());
        assertFalse(NetworkSize.widened(b));
        // the wide widths given by the user are theirs, not the data's choice
        DataFit wide = frontFit().hidden(NetworkSize.STEEP).build();
        assertFalse(NetworkSize.widened(wide.setup()));
    }

    /** The heat data of {@link DataFitTest} (33 x × 17 t, D = 0.1), D unknown and positive. */
    private static DataFit heatFit() {
        DataFitTest.data();
        return DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u})
                .pde("u_t = D*u_xx")
                .unknown("D")
                .positive("D")
                .seed(1)
                .build();
    }

    @Test
    void smoothDataKeepTheSmallNetwork() {
        DataFit fit = heatFit();
        FitSetup.Built b = fit.setup();
        assertArrayEquals(NetworkSize.DEFAULT, b.hidden());
        assertFalse(NetworkSize.widened(b));
        assertNull(b.widenedBecause());
    }

    /**
     * A smooth network that misses its data by far more than their noise is widened only where the weak form cannot
     * answer instead (data that do not fill the grid), and only when the widths were not given and the noise is known.
     */
    @Test
    void dataTheNetworkCannotFollowGetTheWiderNetworkWhereTheWeakFormCannot() {
        DataFit fit = heatFit();
        FitSetup.Built b = fit.setup();
        Pinn net = b.problem().model();
        FitOptions auto = fit.options();
        String why = NetworkSize.widening(auto, b.grid(), net, b.observed(), 0.3, 0.02, false);
        assertNotNull(why, "a misfit of 0.3 std at noise 0.02 std, no weak form: widened");
        assertTrue(why.contains("missed them by 0.300 std"), why);
        assertNull(NetworkSize.widening(auto, b.grid(), net, b.observed(), 0.3, 0.02, true), "the weak form answers");
        assertNull(NetworkSize.widening(auto, b.grid(), net, b.observed(), 0.03, 0.02, false), "within the noise");
        assertNull(NetworkSize.widening(auto, b.grid(), net, b.observed(), 0.3, Double.NaN, false), "noise unknown");
        FitOptions given = frontFit().hidden(16, 16).build().options();
        assertNull(NetworkSize.widening(given, b.grid(), net, b.observed(), 0.3, 0.02, false), "widths given");
    }

    @Test
    void theWiderNetworkIsKeptOutWhenTheHeapCannotHoldIt() {
        String w = NetworkSize.tooLarge("fitted to the data alone, the smaller network missed them", 9.4e9);
        assertTrue(w.startsWith("Fitted to the data alone, the smaller network missed them, but the wider network"), w);
        assertTrue(w.contains("--hidden 64,64,64") && w.contains("keeps the smaller one"), w);
        assertTrue(w.contains("MOLLIFY_JAVA_OPTS=-Xmx"), w);
    }

    @Test
    void autodiffKeepsOneTapePerRequiredDerivative() {
        // the Navier–Stokes fit of pde/README.md: 49 t × 33 y × 33 x and 5,000 rows; 2 × 32 on autodiff peaked at
        // 2.3 GiB, and 3 × 64 ran out of a 5.9 GiB heap
        Grid grid = new Grid(
                java.util.List.of("t", "y", "x"),
                java.util.List.of(Grid.uniform(30, 39.6, 49), Grid.uniform(2, 6, 33), Grid.uniform(6, 10, 33)));
        dev.mollify.pde.spec.PdeSpec ns = dev.mollify.pde.spec.PdeSpec.parse(
                        "u_t + l1*(u*u_x + v*u_y) = -p_x + l2*(u_xx + u_yy); "
                                + "v_t + l1*(u*v_x + v*v_y) = -p_y + l2*(v_xx + v_yy); u_x + v_y = 0")
                .fields("u", "v", "p")
                .unknown("l1", 0.5)
                .unknown("l2", 0.05)
                .build();
        FitOptions autodiff = DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, front())
                .pde("u_t = D*u_xx")
                .unknown("D")
                .route("autodiff")
                .options();
        double gib = 1L << 30;
        double small = MemoryEstimate.bytes(autodiff, NetworkSize.DEFAULT, grid, 5000, ns, 0) / gib;
        double wide = MemoryEstimate.bytes(autodiff, NetworkSize.STEEP, grid, 5000, ns, 0) / gib;
        assertTrue(small > 2.3 && small < 2 * 2.3, "2 × 32: " + small + " GiB against 2.3 measured");
        assertTrue(wide > 5.9, "3 × 64: " + wide + " GiB, more than the heap it ran out of");
    }
}
