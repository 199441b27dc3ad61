package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.testing.AllowsOutput;
import dev.mollify.tests.acceptance.ChromatinRow;
import dev.mollify.tests.acceptance.RowResult;
import org.junit.jupiter.api.Test;

/**
 * Acceptance row: the chromatin phase field (fourth order, 2-D, docs/math.md, "Test problems"),
 * 1 % noise → the constant λ = 1 within 5 %, then the field λ(x,y) = 1 + 0.5 sin(2πx/10) sin(2πy/10)
 * with correlation ≥ 0.9 over every node, by the mollifier route.
 *
 * <p>The autodiff route runs on the same data and network and its error, time per gradient step and
 * peak live memory are recorded (not asserted; {@link RecordedRows}). Nested reverse mode to fourth order in 2-D
 * costs tens of times more per step than the mollifier, so within the CI budget it trains for
 * {@link #AUTODIFF_ADAM} Adam steps only (no L-BFGS): its error here is that of a shorter run, and
 * the README gives both routes at equal budgets. {@code -Dchromatin.autodiff=false} skips it.
 *
 * <p>CI size: every 8th node of the default 201 × 201 data (26 × 26 on [0, 10]², h = 0.4), a
 * 2→32→32→1 tanh network for φ_d (and 2→16→16→1 for λ(x,y)), δ = 0.8 ({@link ChromatinRow.Config#ci()}).
 * The full-size run is {@code java … dev.mollify.tests.acceptance.ChromatinRow} (201 × 201).
 */
@AllowsOutput(whenProperty = RecordedRows.VERBOSE)
class ChromatinInverseTest {
    static final double NOISE = 0.01;
    static final int AUTODIFF_ADAM = 50;

    @Test
    void mollifierRecoversConstantLambdaWithin5Percent() {
        RecordedRows rows = new RecordedRows("ChromatinInverseTest, constant λ");
        RowResult m = runBoth(ChromatinRow.Config.ci().with(ChromatinRow.Lambda.CONSTANT), rows);
        double err = m.errors().get("lambda");
        assertTrue(err <= 0.05, m + ": λ error " + err + " > 5 %\n" + rows);
    }

    @Test
    void mollifierRecoversLambdaFieldWithCorrelationAtLeast09() {
        RecordedRows rows = new RecordedRows("ChromatinInverseTest, λ(x,y)");
        RowResult m = runBoth(ChromatinRow.Config.ci().with(ChromatinRow.Lambda.FIELD), rows);
        double corr = m.errors().get("lambda.correlation");
        assertTrue(corr >= 0.9, m + ": λ(x,y) correlation " + corr + " < 0.9\n" + rows);
    }

    /** Runs the mollifier route (returned) and records it and the autodiff route, at the shorter budget, in {@code rows}. */
    private static RowResult runBoth(ChromatinRow.Config ci, RecordedRows rows) {
        rows.add(ci + "; autodiff: Adam " + AUTODIFF_ADAM + " only");
        RowResult m = ChromatinRow.run("mollifier", NOISE, ci);
        rows.add(m);
        if (RECORD_AUTODIFF) rows.add(ChromatinRow.run("autodiff", NOISE, ci.withBudget(AUTODIFF_ADAM, 0)));
        rows.printIfVerbose();
        return m;
    }

    /** Autodiff is fitted when the rows are printed or -Dchromatin.autodiff=true, not with -Dchromatin.autodiff=false ({@link RecordedRows#autodiff}). */
    static final boolean RECORD_AUTODIFF = RecordedRows.autodiff("chromatin.autodiff");
}
