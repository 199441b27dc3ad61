package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.testing.AllowsOutput;
import dev.mollify.tests.acceptance.RowResult;
import dev.mollify.tests.acceptance.SteadyHeat2DRow;
import org.junit.jupiter.api.Test;

/**
 * Acceptance row: steady 2-D heat, 0 = k(x,y)·lap(u) + m(x,y) with m known, 1 % noise →
 * the conductivity field k with correlation ≥ 0.95 to the truth, by the mollifier route. The
 * correlation is scored where k is identifiable: interior nodes with |m| ≥ 0.1·max|m| (see
 * {@link SteadyHeat2DRow}); the correlation over every node is recorded beside it. The autodiff
 * route runs on the same data and network and its correlation, time per gradient step and peak
 * live memory are recorded (not asserted; {@link RecordedRows}).
 *
 * <p>CI size: every 8th node of the default 129 × 129 data (17 × 17, h = 1/16), a 2→32→32→1 tanh
 * network for u and a 2→16→16→1 one for k, Adam 300 then L-BFGS 6000, δ = 0.1, residual weight
 * 1e-3, seed 1 ({@link SteadyHeat2DRow.Config#ci()}). Autodiff gets the same budget unless
 * {@code -Dheat2d.autodiff=false}. The full-size run is
 * {@code java … dev.mollify.tests.acceptance.SteadyHeat2DRow} (129 × 129).
 */
@AllowsOutput(whenProperty = RecordedRows.VERBOSE)
class SteadyHeat2DInverseTest {
    static final double NOISE = 0.01;
    static final double BOUND = 0.95;

    @Test
    void mollifierRecoversConductivityFieldWithinItsBound() {
        SteadyHeat2DRow.Config ci = SteadyHeat2DRow.Config.ci();
        RecordedRows rows = new RecordedRows("SteadyHeat2DInverseTest (" + ci + ")");
        RowResult m = SteadyHeat2DRow.run("mollifier", NOISE, ci);
        rows.add(m);
        if (RECORD_AUTODIFF) rows.add(SteadyHeat2DRow.run("autodiff", NOISE, ci));
        rows.printIfVerbose();
        double corr = m.errors().get("k.correlation");
        assertTrue(corr >= BOUND, m + ": k correlation " + corr + " < " + BOUND + "\n" + rows);
    }

    /** Autodiff is fitted when the rows are printed or -Dheat2d.autodiff=true, not with -Dheat2d.autodiff=false ({@link RecordedRows#autodiff}). */
    static final boolean RECORD_AUTODIFF = RecordedRows.autodiff("heat2d.autodiff");
}
