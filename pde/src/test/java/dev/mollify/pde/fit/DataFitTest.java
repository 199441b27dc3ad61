package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.HeatSolver;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The library's fit from plain arrays: heat data on 33 x × 17 t, D = 0.1, recovered with a short budget. */
class DataFitTest {
    static final double TRUE_D = 0.1;
    static double[] x, t, u;

    /** Heat data as {@code mollify generate --problem heat --grid 33x17} makes them: one row per node. */
    @BeforeAll
    static void data() {
        GridField g = HeatSolver.solve(HeatSolver.Params.defaults()
                .withDiffusion(TRUE_D)
                .withGrid(33, 8)
                .withTime(1, 17, 0));
        assertEquals(List.of("t", "x"), g.axisNames());
        int nt = g.shape()[0], nx = g.shape()[1];
        x = new double[nt * nx];
        t = new double[nt * nx];
        u = g.values();
        for (int i = 0; i < nt; i++) {
            for (int j = 0; j < nx; j++) {
                x[i * nx + j] = g.axis("x")[j];
                t[i * nx + j] = g.axis("t")[i];
            }
        }
    }

    @Test
    void recoversTheDiffusivityFromArrays() {
        long t0 = System.nanoTime();
        DataFit.Result r = heat(200, 0);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double d = r.values().get("D");
        assertEquals(List.of("D"), List.copyOf(r.values().keySet()));
        assertEquals(TRUE_D, d, 0.03 * TRUE_D, "D = " + d + ", warnings " + r.warnings());
        double fromData = r.estimate().values().get("D");
        assertTrue(fromData > 0 && Double.isFinite(fromData), "the estimate from the data alone: " + fromData);
        assertEquals(d, r.problem().report().get("D"), 0.0, "the trained problem holds the result");
        assertTrue(
                r.training().steps() > 0 && r.training().steps() <= 500,
                r.training().stopReason());
        assertFalse(r.setup().layout().scattered());
        // the network follows these data: its answer stands beside the weak form's
        assertTrue(
                r.setup().direct() != null && !WeakForm.networkFallsShort(r.setup()),
                r.training().stopReason());
        assertFalse(
                r.training().stopReason().contains("weak form"), r.training().stopReason());
        assertTrue(seconds < 20, "took " + seconds + " s");
    }

    /**
     * The heat data with noise: every {@code 1/share}-th node measured twice with noise of {@code repeats} std
     * of u, the other nodes once with noise of {@code single} std.
     */
    static double[][] replicated(double single, double repeats, double share, long seed) {
        double sd = Measurements.std(u);
        java.util.Random rng = new java.util.Random(seed);
        long every = Math.round(1 / share);
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < u.length; i++) {
            boolean twice = i % every == 0;
            for (int k = 0; k < (twice ? 2 : 1); k++)
                rows.add(new double[] {x[i], t[i], u[i] + (twice ? repeats : single) * sd * rng.nextGaussian()});
        }
        double[][] cols = new double[3][rows.size()];
        for (int r = 0; r < rows.size(); r++) for (int c = 0; c < 3; c++) cols[c][r] = rows.get(r)[c];
        return cols;
    }

    @Test
    void replicatesThatDisagreeAreReported() {
        DataFit.Builder quiet = DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, replicated(0.01, 0.01, 1, 3))
                .pde("u_t = D*u_xx")
                .unknown("D")
                .positive("D")
                .hidden(16, 16)
                .adamSteps(300)
                .lbfgsIterations(100)
                .seed(1);
        DataFit.Result calm = quiet.build().run();
        assertTrue(calm.setup().layout().scattered(), "replicates are read as points");
        assertEquals(0.01, calm.setup().layout().replicateSpread("u") / Measurements.std(u), 0.002);
        assertTrue(
                calm.warnings().stream().noneMatch(w -> w.contains("repeated measurements")),
                calm.warnings().toString());
        assertEquals(
                TRUE_D, calm.values().get("D"), 0.05 * TRUE_D, calm.warnings().toString());

        // one node in twenty measured twice with noise of 1.5 std: the spread is large, and larger than the fit's
        // misfit
        DataFit.Result noisy = DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, replicated(0.01, 1.5, 0.05, 3))
                .pde("u_t = D*u_xx")
                .unknown("D")
                .positive("D")
                .hidden(16, 16)
                .adamSteps(300)
                .lbfgsIterations(100)
                .seed(1)
                .build()
                .run();
        assertTrue(
                noisy.warnings().stream()
                        .anyMatch(w -> w.startsWith("repeated measurements of 'u' at one point disagree by")),
                noisy.warnings().toString());
        assertTrue(
                noisy.warnings().stream().anyMatch(w -> w.contains("more than the fit misses the data")),
                noisy.warnings().toString());
    }

    @Test
    void aTableWithoutTheFieldsColumnIsBadData() {
        DataFit fit = DataFit.builder()
                .arrays(new String[] {"x", "t", "v"}, new double[][] {x, t, u})
                .pde("u_t = D*u_xx")
                .unknown("D")
                .build();
        FitInputException e = assertThrows(FitInputException.class, fit::setup);
        assertEquals(FitInputException.Kind.DATA, e.kind());
        assertEquals(
                "data has no column for the PDE's field [u]; columns are [x, t, v]. Add the column, or name the field in the"
                        + " equation after a column (a field may go unmeasured only when another field is measured)",
                e.getMessage());
    }

    @Test
    void settingsNoFitCanUseAreUsageErrors() {
        DataFit fit = DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {x, t, u})
                .pde("u_t = D*u_xx")
                .unknown("D")
                .route("magic")
                .build();
        FitInputException route = assertThrows(FitInputException.class, fit::setup);
        assertEquals(FitInputException.Kind.USAGE, route.kind());
        FitInputException positive = assertThrows(
                FitInputException.class,
                () -> DataFit.builder()
                        .arrays(new String[] {"x"}, new double[][] {x})
                        .pde("u_t = D*u_xx")
                        .positive("D")
                        .build());
        assertEquals(FitInputException.Kind.USAGE, positive.kind());
        FitInputException lengths = assertThrows(
                FitInputException.class,
                () -> DataFit.builder().arrays(new String[] {"x", "u"}, new double[][] {x, {1, 2}}));
        assertEquals(FitInputException.Kind.DATA, lengths.kind());
        FitInputException lossTolerance = assertThrows(
                FitInputException.class,
                () -> DataFit.builder()
                        .arrays(new String[] {"x", "t", "u"}, new double[][] {x, t, u})
                        .pde("u_t = D*u_xx")
                        .unknown("D")
                        .lossTolerance(-1e-2)
                        .build());
        assertEquals(FitInputException.Kind.USAGE, lossTolerance.kind());
    }

    /** With a loss tolerance, L-BFGS goes on past the point where D alone had settled, until the loss has too. */
    @Test
    void aLossToleranceEndsLbfgsOnlyOnceTheLossHasSettledToo() {
        DataFit.Result coefficientOnly = heat(3000, 0);
        DataFit.Result withLoss = heat(3000, 1e-4);
        String stop = withLoss.training().stopReason();
        assertFalse(stop.contains("(unknowns within 0.001 over"), stop);
        assertTrue(
                withLoss.training().steps() > coefficientOnly.training().steps(),
                withLoss.training().steps() + " steps with the loss rule, "
                        + coefficientOnly.training().steps() + " without; " + stop);
        assertEquals(
                coefficientOnly
                        .training()
                        .history()
                        .get(coefficientOnly.training().steps() - 1),
                withLoss.training().history().get(coefficientOnly.training().steps() - 1),
                "the same path up to where the coefficient rule ended");
    }

    /** D of the heat data, positive, on a 16 × 16 network: 300 Adam steps, then at most {@code lbfgs} iterations. */
    private static DataFit.Result heat(int lbfgs, double lossTolerance) {
        return DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {x, t, u})
                .pde("u_t = D*u_xx")
                .unknown("D")
                .positive("D")
                .hidden(16, 16)
                .adamSteps(300)
                .lbfgsIterations(lbfgs)
                .lossTolerance(lossTolerance)
                .seed(1)
                .build()
                .run();
    }
}
