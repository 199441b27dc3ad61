package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A field of the equations with no data column is learnt from the equations alone. Heat data u(t, x)
 * with D = 0.1 (the {@link DataFitTest} data) fitted as the system {@code u_t = q_x; q = D*u_x}: the flux
 * q is never measured, yet the second equation pins it to D·u_x, so D and q are both recovered, on the
 * mollifier route (the default) and on autodiff.
 */
class UnmeasuredFieldTest {
    private static final String SYSTEM = "u_t = q_x; q = D*u_x";

    private static DataFit.Builder flux(String route) {
        DataFitTest.data();
        return DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u})
                .pde(SYSTEM)
                .unknown("D", 0.05)
                .positive("D")
                .route(route)
                .hidden(16, 16)
                .adamSteps(1500)
                .lbfgsIterations(300)
                .timeBudget(60)
                .seed(1);
    }

    @Test
    void theFluxIsLearntFromTheEquationsOnTheMollifierRoute() {
        checkRecovered(flux("mollifier").build().run());
    }

    @Test
    void theFluxIsLearntFromTheEquationsOnAutodiff() {
        checkRecovered(flux("autodiff").build().run());
    }

    /** D within 5 % and the learnt q against D·u_x of the data's own network: correlation above 0.99. */
    private static void checkRecovered(DataFit.Result r) {
        FitSetup.Built b = r.setup();
        assertEquals(List.of("u"), b.observed());
        assertEquals(List.of("q"), b.unmeasured());
        double d = r.values().get("D");
        assertEquals(
                DataFitTest.TRUE_D,
                d,
                0.05 * DataFitTest.TRUE_D,
                "D = " + d + " " + r.training().stopReason());
        var bindings = r.problem().route().evaluate().bindings();
        double[] q = values(bindings.derivatives().get(Partial.value("q")));
        double[] ux = values(bindings.derivatives().get(Partial.parse("u_x")));
        double c = correlation(q, ux);
        assertTrue(c > 0.99, "corr(q, u_x) = " + c);
    }

    /** Pearson correlation. */
    private static double correlation(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElseThrow();
        double mb = java.util.Arrays.stream(b).average().orElseThrow();
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double[] values(Var v) {
        return v.value().toDoubleArray();
    }

    @Test
    void aFieldMayGoUnmeasuredOnlyBesideAMeasuredOne() {
        DataFitTest.data();
        FitInputException none = assertThrows(
                FitInputException.class,
                () -> DataFit.builder()
                        .arrays(
                                new String[] {"x", "t", "w"},
                                new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u})
                        .pde(SYSTEM)
                        .unknown("D")
                        .build()
                        .setup());
        assertEquals(FitInputException.Kind.DATA, none.kind());
        assertTrue(none.getMessage().contains("has no column for the PDE's fields [u, q]"), none.getMessage());
        assertTrue(none.getMessage().contains("only when another field is measured"), none.getMessage());
    }

    @Test
    void aFieldMayGoUnmeasuredOnlyWhenTheEquationsAreAsManyAsTheFields() {
        DataFitTest.data();
        FitInputException e = assertThrows(
                FitInputException.class,
                () -> DataFit.builder()
                        .arrays(
                                new String[] {"x", "t", "u"},
                                new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u})
                        .pde("u_t = D*v_xx")
                        .unknown("D")
                        .build()
                        .setup());
        assertEquals(FitInputException.Kind.DATA, e.kind());
        assertTrue(e.getMessage().startsWith("data has no column for the PDE's field [v]"), e.getMessage());
        assertTrue(
                e.getMessage().contains("the equations, 1 here, are at least as many as the fields, 2"),
                e.getMessage());
    }

    @Test
    void aColumnThatLooksLikeTheMissingFieldIsReadAsATypo() {
        DataFitTest.data();
        FitInputException e = assertThrows(
                FitInputException.class,
                () -> DataFit.builder()
                        .arrays(
                                new String[] {"x", "t", "u", "Q"},
                                new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u, DataFitTest.u})
                        .pde(SYSTEM)
                        .unknown("D")
                        .build()
                        .setup());
        assertEquals(FitInputException.Kind.DATA, e.kind());
        assertTrue(e.getMessage().startsWith("data has no column 'q' but has 'Q'"), e.getMessage());
    }

    @Test
    void aFieldSeenOnlyThroughSpaceDerivativesIsKnownUpToAFunctionOfTime() {
        PdeSpec ns = PdeSpec.parse("u_t + u*u_x = -p_x + l2*u_xx; v_t = -p_y; u_x + v_y = 0")
                .fields("u", "v", "p")
                .unknown("l2", 0.01)
                .build();
        assertEquals(List.of("t"), UnmeasuredFields.undeterminedAlong(ns, "p"));
        assertEquals(
                "p: not measured, learnt from the equations alone; known up to a function of t (only its derivatives"
                        + " along x, y enter the equations)",
                UnmeasuredFields.describe(ns, "p"));
        PdeSpec steady = PdeSpec.parse("u*u_x = -p_x + l2*u_xx; v = -p_y; u_x + v_y = 0")
                .fields("u", "v", "p")
                .unknown("l2", 0.01)
                .build();
        assertEquals(List.of(), UnmeasuredFields.undeterminedAlong(steady, "p"));
        assertTrue(UnmeasuredFields.describe(steady, "p")
                .endsWith("known up to a constant (only its derivatives enter" + " the equations)"));
        PdeSpec valued = PdeSpec.parse("u_t = -p_x + p; v_t = -p_y; u_x + v_y = 0")
                .fields("u", "v", "p")
                .build();
        assertEquals(List.of(), UnmeasuredFields.undeterminedAlong(valued, "p"));
        assertEquals("p: not measured, learnt from the equations alone", UnmeasuredFields.describe(valued, "p"));
    }

    @Test
    void typosAreSameLettersInAnotherCaseOrOneEditOfALongName() {
        assertTrue(UnmeasuredFields.looksLike("p", "P"));
        assertFalse(UnmeasuredFields.looksLike("p", "q"), "single letters are distinct fields");
        assertTrue(UnmeasuredFields.looksLike("phi", "ph1"));
        assertTrue(UnmeasuredFields.looksLike("rho", "rhoo"));
        assertFalse(UnmeasuredFields.looksLike("rho", "psi"));
        assertEquals(3, UnmeasuredFields.editDistance("kitten", "sitting"));
    }

    @Test
    void truthColumnsAreNeverData() {
        DataFitTest.data();
        FitSetup.Measured m = FitSetup.measure(DataFit.builder()
                .arrays(
                        new String[] {"x", "t", "u", "q_true"},
                        new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u, DataFitTest.u})
                .pde(SYSTEM)
                .unknown("D", 0.05)
                .build()
                .options());
        assertEquals(List.of("u"), m.observed());
        assertEquals(List.of("q"), m.unmeasured());
    }
}
