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
        GridField g = HeatSolver.solve(HeatSolver.Params.defaults().withDiffusion(TRUE_D).withGrid(33, 8).withTime(1, 17, 0));
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
        DataFit.Result r = DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {x, t, u})
                .pde("u_t = D*u_xx").unknown("D").positive("D")
                .hidden(16, 16).adamSteps(300).lbfgsIterations(200).seed(1)
                .build()
                .run();
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double d = r.values().get("D");
        assertEquals(List.of("D"), List.copyOf(r.values().keySet()));
        assertEquals(TRUE_D, d, 0.03 * TRUE_D, "D = " + d + ", warnings " + r.warnings());
        double fromData = r.estimate().values().get("D");
        assertTrue(fromData > 0 && Double.isFinite(fromData), "the estimate from the data alone: " + fromData);
        assertEquals(d, r.problem().report().get("D"), 0.0, "the trained problem holds the result");
        assertTrue(r.training().steps() > 0 && r.training().steps() <= 500, r.training().stopReason());
        assertFalse(r.setup().layout().scattered());
        assertTrue(seconds < 20, "took " + seconds + " s");
    }

    @Test
    void aTableWithoutTheFieldsColumnIsBadData() {
        DataFit fit = DataFit.builder().arrays(new String[] {"x", "t", "v"}, new double[][] {x, t, u}).pde("u_t = D*u_xx").unknown("D").build();
        FitInputException e = assertThrows(FitInputException.class, fit::setup);
        assertEquals(FitInputException.Kind.DATA, e.kind());
        assertEquals("data has no column for the PDE's field [u]; columns are [x, t, v]", e.getMessage());
    }

    @Test
    void settingsNoFitCanUseAreUsageErrors() {
        DataFit fit = DataFit.builder().arrays(new String[] {"x", "t", "u"}, new double[][] {x, t, u}).pde("u_t = D*u_xx").unknown("D")
                .route("magic").build();
        FitInputException route = assertThrows(FitInputException.class, fit::setup);
        assertEquals(FitInputException.Kind.USAGE, route.kind());
        FitInputException positive = assertThrows(FitInputException.class, () -> DataFit.builder().arrays(new String[] {"x"}, new double[][] {x})
                .pde("u_t = D*u_xx").positive("D").build());
        assertEquals(FitInputException.Kind.USAGE, positive.kind());
        FitInputException lengths = assertThrows(FitInputException.class, () -> DataFit.builder().arrays(new String[] {"x", "u"}, new double[][] {x, {1, 2}}));
        assertEquals(FitInputException.Kind.DATA, lengths.kind());
    }
}
