package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.train.TrainingResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The warning for a fit whose wall-clock budget ended it inside L-BFGS ({@link FitWarnings#budgetWarning}): a
 * real fit given one second says so in its warnings; a fit that ends for any other reason does not.
 */
class BudgetWarningTest {
    /** Heat data u = sin(πx)·exp(−Dπ²t), D = 0.1, on 33 x × 17 t nodes of [0, 1]². */
    static DataFit.Builder heat() {
        int nx = 33, nt = 17;
        double[] x = new double[nx * nt], t = new double[nx * nt], u = new double[nx * nt];
        for (int i = 0; i < nt; i++) {
            for (int j = 0; j < nx; j++) {
                int k = i * nx + j;
                x[k] = j / (nx - 1.0);
                t[k] = i / (nt - 1.0);
                u[k] = Math.sin(Math.PI * x[k]) * Math.exp(-0.1 * Math.PI * Math.PI * t[k]);
            }
        }
        return DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {x, t, u})
                .pde("u_t = D*u_xx")
                .unknown("D")
                .hidden(8, 8)
                .seed(1);
    }

    @Test
    void aFitTheBudgetEndsSaysSo() {
        DataFit.Result r = heat().adamSteps(1_000_000)
                .lbfgsIterations(1_000_000)
                .tolerance(0) // no settling rule: only the budget ends it
                .timeBudget(1)
                .build()
                .run();
        List<String> budget = r.warnings().stream()
                .filter(w -> w.contains("before it converged"))
                .toList();
        assertEquals(
                1,
                budget.size(),
                r.training().stopReason() + " after " + r.training().steps() + " steps; " + r.warnings());
        assertTrue(
                budget.get(0)
                        .startsWith("the time budget ended the fit after "
                                + r.training().steps() + " steps"),
                budget.get(0));
    }

    @Test
    void aFitThatEndsOtherwiseDoesNot() {
        DataFit.Result r =
                heat().adamSteps(30).lbfgsIterations(5).timeBudget(0).build().run();
        assertTrue(
                r.warnings().stream().noneMatch(w -> w.contains("before it converged")),
                r.warnings().toString());
        for (String reason : List.of(
                "completed", "Adam stopped at step 40 (70 % of the 1 s time budget); L-BFGS converged", "diverged")) {
            assertNull(FitWarnings.budgetWarning(result(reason)), reason);
        }
    }

    static TrainingResult result(String stopReason) {
        return new TrainingResult(Map.of("D", 0.1), Map.of("data", 0.0), 0, Map.of(), List.of(), stopReason, 1, -1, 0);
    }
}
