package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.testing.AllowsOutput;
import dev.mollify.tests.acceptance.KuramotoSivashinskyRow;
import dev.mollify.tests.acceptance.RowResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Acceptance row: Kuramoto–Sivashinsky u_t + a u u_x + b u_xx + c u_xxxx = 0 (fourth order),
 * a = b = c = 1 (the default data set), 1 % noise → a, b and c each within 5 % by the mollifier route.
 *
 * <p>CI size: {@link KuramotoSivashinskyRow.Config#ci()} (window, grid and widths in
 * {@link KuramotoSivashinskyRow}). The autodiff route (nested fourth-order reverse mode, ~20× a
 * mollifier step here) is fitted on the same data and network at a smaller budget, L-BFGS
 * {@value #AUTODIFF_LBFGS} after the same Adam steps, to fit CI; its error, time per step and peak
 * memory are recorded beside the mollifier's (not asserted; {@link RecordedRows}). {@code -Dks.autodiff=fit} gives it the
 * whole CI budget (≈ 10 min here: 0.75 / 0.76 / 1.4 %), {@code cost} measures only its step,
 * {@code false} skips it.
 */
@AllowsOutput(whenProperty = RecordedRows.VERBOSE)
class KuramotoSivashinskyInverseTest {
    static final KuramotoSivashinskyRow.Config CI = KuramotoSivashinskyRow.Config.ci();

    @Test
    void mollifierRecoversAllThreeCoefficientsWithinFivePercent() {
        RecordedRows lines = new RecordedRows("KuramotoSivashinskyInverseTest (" + CI + ")");
        RowResult m = KuramotoSivashinskyRow.run("mollifier", 0.01, CI);
        lines.add(m.toString());
        if ("fit".equals(AUTODIFF)) {
            lines.add(KuramotoSivashinskyRow.run("autodiff", 0.01, CI).toString());
        } else if ("cost".equals(AUTODIFF)) {
            RowResult a = KuramotoSivashinskyRow.run("autodiff", 0.01, CI.withTraining(0, 0));
            lines.add(String.format(
                    Locale.ROOT,
                    "kuramoto-sivashinsky autodiff  (step cost only)  %7.2f ms/step  peak %7.2f MiB",
                    1e3 * a.secondsPerStep(),
                    a.peakBytes() / 1048576.0));
        } else if (!"false".equals(AUTODIFF)) {
            lines.add(KuramotoSivashinskyRow.run("autodiff", 0.01, CI.withTraining(CI.adamSteps(), AUTODIFF_LBFGS))
                    + "  (smaller budget: L-BFGS " + AUTODIFF_LBFGS + ")");
        }
        lines.printIfVerbose();
        List<String> failures = new ArrayList<>();
        for (String k : new String[] {"a", "b", "c"}) {
            if (!(m.errors().get(k) <= 0.05)) failures.add(k + " exceeds 5 %");
        }
        assertTrue(failures.isEmpty(), m + ": " + String.join("; ", failures) + "\n" + lines);
    }

    /**
     * Autodiff: fitted at the smaller budget ({@code small}, the default when the rows are printed), {@code fit} for
     * the full CI budget, {@code cost} for the step cost only, {@code false} to skip (the default otherwise:
     * {@link RecordedRows#autodiff}).
     */
    static final String AUTODIFF =
            RecordedRows.autodiff("ks.autodiff") ? System.getProperty("ks.autodiff", "small") : "false";

    /** L-BFGS iterations of the autodiff fit in CI (the mollifier's: 2000). */
    static final int AUTODIFF_LBFGS = 300;
}
