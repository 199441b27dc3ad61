package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.testing.AllowsOutput;
import dev.mollify.tests.acceptance.BurgersRow;
import dev.mollify.tests.acceptance.RowResult;
import dev.mollify.tests.acceptance.TimeSpaceRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Acceptance row: Burgers u_t + λ₁uu_x − λ₂u_xx = 0, λ₁ = 1, λ₂ = 0.01/π; the issue asks for
 * λ₁ within 0.5 % and λ₂ within 2 % at 0 % and 1 % noise by the mollifier route — asserted for both
 * noise levels. The autodiff route runs on the clean data and the same network at a smaller L-BFGS
 * budget (to fit CI) and is recorded beside the mollifier's (not asserted; {@link RecordedRows}).
 *
 * <p>CI size: {@link BurgersRow#ci()} — every second time of the default data over the whole window
 * (the front included), δ = (0.05, 0.12), flux form, analytic moment-corrected kernels (see
 * {@link BurgersRow} for why). The full-size run is {@code java … dev.mollify.tests.acceptance.BurgersRow}.
 */
@AllowsOutput(whenProperty = RecordedRows.VERBOSE)
class BurgersInverseTest {
    static final TimeSpaceRow.Config CI = BurgersRow.ci();

    @Test
    void mollifierRecoversBothCoefficientsWithinTheirBoundsAtBothNoiseLevels() {
        RecordedRows lines = new RecordedRows("BurgersInverseTest (" + CI + ")");
        List<String> failures = new ArrayList<>();
        for (double noise : new double[] {0.0, 0.01}) {
            RowResult r = BurgersRow.run("mollifier", noise, CI);
            lines.add(r.toString());
            if (!(r.errors().get("lambda1") <= 0.005)) failures.add(r + ": λ₁ exceeds 0.5 %");
            if (!(r.errors().get("lambda2") <= 0.02)) failures.add(r + ": λ₂ exceeds 2 %");
        }
        if (RECORD_AUTODIFF) {
            lines.add(BurgersRow.run("autodiff", 0.0, CI.withLbfgs(AUTODIFF_LBFGS)) + "  (smaller budget: L-BFGS "
                    + AUTODIFF_LBFGS + ")");
        }
        lines.printIfVerbose();
        assertTrue(failures.isEmpty(), String.join("; ", failures) + "\n" + lines);
    }

    /** Autodiff costs more per step than the mollifier here; it is recorded at this smaller L-BFGS budget to fit CI. */
    static final int AUTODIFF_LBFGS = 300;

    /** Autodiff (clean data) is fitted when the rows are printed or -Dburgers.autodiff=true, not with -Dburgers.autodiff=false ({@link RecordedRows#autodiff}). */
    static final boolean RECORD_AUTODIFF = RecordedRows.autodiff("burgers.autodiff");
}
