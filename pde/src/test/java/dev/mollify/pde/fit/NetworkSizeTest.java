package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(NetworkSize.widened(fit.options(), b));
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
        assertFalse(NetworkSize.widened(given.options(), b));
        // the wide widths given by the user are theirs, not the data's choice
        DataFit wide = frontFit().hidden(NetworkSize.STEEP).build();
        assertFalse(NetworkSize.widened(wide.options(), wide.setup()));
    }

    @Test
    void smoothDataKeepTheSmallNetwork() {
        DataFitTest.data();
        DataFit fit = DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u})
                .pde("u_t = D*u_xx")
                .unknown("D")
                .positive("D")
                .seed(1)
                .build();
        FitSetup.Built b = fit.setup();
        assertArrayEquals(NetworkSize.DEFAULT, b.hidden());
        assertFalse(NetworkSize.widened(fit.options(), b));
    }
}
