package dev.mollify.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's correlation of a learnt field with its truth, whole and within groups of rows. */
class CorrelationTest {

    @Test
    void aFunctionOfTimeAddedToTheFieldIsRemovedWithEachTimesMean() {
        int n = 60;
        double[] t = new double[n], truth = new double[n], learnt = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i % 3; // three time samples
            truth[i] = Math.sin(0.7 * i);
            learnt[i] = 2 * truth[i] + 5 * t[i] * t[i]; // the truth, scaled, plus an arbitrary c(t)
        }
        assertTrue(FitReport.correlation(learnt, truth) < 0.5, "c(t) hides the match in the plain correlation");
        assertEquals(1, FitReport.correlationWithin(learnt, truth, new double[][] {t}), 1e-12);
        assertEquals(
                FitReport.correlation(learnt, truth), FitReport.correlationWithin(learnt, truth, new double[0][]), 0);
    }

    @Test
    void rowsAloneInTheirGroupAndUndefinedRowsAreLeftOut() {
        double[] t = {0, 0, 0, 1, 1, 1, 2};
        double[] truth = {1, 2, 3, 1, 2, 3, 100};
        double[] learnt = {11, 12, 13, 21, 22, Double.NaN, -100};
        assertEquals(1, FitReport.correlationWithin(learnt, truth, new double[][] {t}), 1e-12);
    }

    @Test
    void theClauseNamesTheCoordinatesWhoseMeansAreRemoved() {
        assertEquals(", each t's mean removed", FitReport.groupMeansRemoved(Map.of("undeterminedAlong", List.of("t"))));
        assertEquals("", FitReport.groupMeansRemoved(Map.of("note", "x")));
    }
}
