package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.acceptance.KuramotoSivashinskyRow;
import dev.mollify.pde.acceptance.RowResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * Issue #5 acceptance row: Kuramoto–Sivashinsky u_t + a u u_x + b u_xx + c u_xxxx = 0 (fourth order),
 * a = b = c = 1 (the default data set), 1 % noise → a, b and c each within 5 % by the mollifier route.
 *
 * <p>CI size: {@link KuramotoSivashinskyRow.Config#ci()} (window, grid and widths in
 * {@link KuramotoSivashinskyRow}). The autodiff route's cost — time per gradient step and peak live
 * memory — is measured on the same data and network and printed beside the mollifier's; fitting it
 * needs nested fourth-order reverse mode at every step, tens of times slower than the whole CI
 * budget allows, so its coefficient error is recorded only with {@code -Dks.autodiff=fit} (and by
 * the full-size run {@code java -cp … dev.mollify.pde.acceptance.KuramotoSivashinskyRow}).
 */
class KuramotoSivashinskyInverseTest {
    static final KuramotoSivashinskyRow.Config CI = KuramotoSivashinskyRow.Config.ci();

    @Test
    void mollifierRecoversAllThreeCoefficientsWithinFivePercent() {
        List<String> lines = new ArrayList<>();
        RowResult m = KuramotoSivashinskyRow.run("mollifier", 0.01, CI);
        lines.add(m.toString());
        if ("fit".equals(AUTODIFF)) {
            lines.add(KuramotoSivashinskyRow.run("autodiff", 0.01, CI).toString());
        } else if (!"false".equals(AUTODIFF)) {
            RowResult a = KuramotoSivashinskyRow.run("autodiff", 0.01, CI.withTraining(0, 0));
            lines.add(String.format(Locale.ROOT, "kuramoto-sivashinsky autodiff  (not fitted in CI; -Dks.autodiff=fit)  %7.2f ms/step  peak %7.2f MiB",
                    1e3 * a.secondsPerStep(), a.peakBytes() / 1048576.0));
        }
        System.out.println("KuramotoSivashinskyInverseTest (" + CI + "):");
        lines.forEach(l -> System.out.println("  " + l));
        List<String> failures = new ArrayList<>();
        for (String k : new String[] {"a", "b", "c"}) {
            if (!(m.errors().get(k) <= 0.05)) failures.add(k + " exceeds 5 %");
        }
        assertTrue(failures.isEmpty(), m + ": " + String.join("; ", failures));
    }

    /** Autodiff: cost only (default), {@code fit} for a full CI-budget fit, {@code false} to skip. */
    static final String AUTODIFF = System.getProperty("ks.autodiff", "cost");
}
