package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.testing.AllowsOutput;
import dev.mollify.tests.acceptance.LangevinRow;
import dev.mollify.tests.acceptance.RowResult;
import org.junit.jupiter.api.Test;

/**
 * Acceptance row: Langevin u_t = u + f(t) with f(t) = sin 2πt + 0.5 sin(6πt + 1) unknown,
 * 5 % noise → f recovered with correlation ≥ 0.95 to the truth by the mollifier route. The autodiff
 * route runs on the same data, network and budget; its correlation, time per gradient step and peak
 * live memory are recorded beside the mollifier's (not asserted; {@link RecordedRows}).
 *
 * <p>CI size: {@link LangevinRow.Config#ci()} — all 201 times of the default data, u from a
 * 1→32→32→1 tanh network, f from its own 1→16→16→1 network, Adam then L-BFGS, δ_t = 0.04 (8 h_t).
 * The full-size run is {@code java … dev.mollify.tests.acceptance.LangevinRow}.
 */
@AllowsOutput(whenProperty = RecordedRows.VERBOSE)
class LangevinInverseTest {
    static final LangevinRow.Config CI = LangevinRow.Config.ci();

    @Test
    void mollifierRecoversTheForcingWithinItsBound() {
        RecordedRows rows = new RecordedRows("LangevinInverseTest (" + CI + ")");
        RowResult m = LangevinRow.run("mollifier", 0.05, CI);
        rows.add(m);
        if (RECORD_AUTODIFF) rows.add(LangevinRow.run("autodiff", 0.05, CI));
        rows.printIfVerbose();
        double corr = m.errors().get("f.correlation");
        assertTrue(corr >= 0.95, m + ": correlation of f below 0.95\n" + rows);
    }

    /** Autodiff is fitted when the rows are printed or -Dlangevin.autodiff=true, not with -Dlangevin.autodiff=false ({@link RecordedRows#autodiff}). */
    static final boolean RECORD_AUTODIFF = RecordedRows.autodiff("langevin.autodiff");
}
