package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standard error from the profile of the loss on heat data (33 x × 17 t, D = 0.1): it grows in proportion
 * to the noise, leaves the fit as it found it, and the warning for a loose coefficient follows its threshold: given
 * at 60 % noise, not at 2 % or 8 %.
 */
class CoefficientProfileTest {
    static DataFit.Result quiet, noisy, loud;

    /** The same data and settings at three noise levels. */
    @BeforeAll
    static void fits() {
        DataFitTest.data();
        quiet = fit(0.02);
        noisy = fit(0.08);
        loud = fit(0.6);
    }

    static DataFit.Result fit(double noise) {
        return DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u})
                .pde("u_t = D*u_xx")
                .unknown("D")
                .positive("D")
                .noise(noise)
                .hidden(16, 16)
                .adamSteps(300)
                .lbfgsIterations(3000) // to convergence (the unknowns settle): a profile needs a minimum
                .timeBudget(0)
                .seed(1)
                .build()
                .run();
    }

    @Test
    void theStandardErrorGrowsWithTheNoise() {
        double a = quiet.profile().relative().get("D"),
                b = noisy.profile().relative().get("D");
        assertTrue(a > 0 && b > 0, a + " " + b);
        // se ∝ noise: four times the noise, about four times the error (a little less: at 2 % the misfit the
        // fit leaves holds some of the network's own error besides the noise)
        assertTrue(b / a > 2.5 && b / a < 6, "se at 2 % noise " + a + ", at 8 % " + b);
        assertFalse(quiet.profile().lowered().get("D"));
        // the re-minimisations stop when the standard errors settle, within the cap
        for (DataFit.Result r : List.of(quiet, noisy)) {
            assertTrue(r.profile().settled(), "settled: " + r.profile());
            assertTrue(
                    r.profile().iterations() <= CoefficientProfile.DEFAULT_ITERATIONS,
                    r.profile().toString());
        }
        assertEquals(
                quiet.profile().standardError().get("D"),
                a * quiet.values().get("D"),
                1e-12 * quiet.values().get("D"));
        assertEquals(DataFitTest.u.length, quiet.profile().values());
        // the error the fit makes is of the size the profile says (within a few standard errors, plus the route's bias)
        double err = Math.abs(noisy.values().get("D") - DataFitTest.TRUE_D) / DataFitTest.TRUE_D;
        assertTrue(err < 4 * b + 0.01, "error " + err + ", se " + b);
    }

    @Test
    void theProfileLeavesTheFitAsItFoundIt() {
        double[] before = quiet.problem().parameters().flatValues();
        CoefficientProfile again = CoefficientProfile.of(quiet.problem(), 20, 0, null);
        assertArrayEquals(before, quiet.problem().parameters().flatValues(), 0.0);
        assertTrue(again.relative().get("D") > 0);
        assertEquals(20, again.iterations(), "a cap below one round is one short round");
        assertNull(CoefficientProfile.of(quiet.problem(), 20, 0, () -> true), "a stop before the first side ends it");
        assertArrayEquals(before, quiet.problem().parameters().flatValues(), 0.0);
    }

    @Test
    void aCapOfSecondsEndsTheProfileAfterTheRoundThatPassesIt() {
        double[] before = quiet.problem().parameters().flatValues();
        CoefficientProfile late = CoefficientProfile.of(quiet.problem(), 300, 1e-9, null);
        assertEquals(CoefficientProfile.ROUND, late.iterations(), "one round, then the cap of seconds");
        assertFalse(late.settled(), "a profile the clock ended has not settled");
        assertTrue(late.relative().get("D") > 0);
        assertArrayEquals(before, quiet.problem().parameters().flatValues(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> CoefficientProfile.of(quiet.problem(), 300, -1, null));
    }

    @Test
    void aCoefficientAtZeroGetsAnAbsoluteStandardError() {
        // a term the data do not have (an advection, orthogonal to the decaying mode): E fits near 0; held at
        // exactly 0 it is moved by ε·(its scale)
        DataFit.Result r = DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u})
                .pde("u_t = D*u_xx + E*u_x")
                .unknown("D")
                .unknown("E")
                // fixed widths: the test is about the profile, not the δ rule. E is held at 0 without re-minimising
                // the rest, so the fit's E must sit near 0 for the loss to rise on both sides (at x = 0.0625 it
                // fits −0.0043 and one side falls)
                .delta("t=0.125,x=0.07")
                .noise(0.02)
                .hidden(16, 16)
                .adamSteps(300)
                .lbfgsIterations(3000)
                .timeBudget(0)
                .seed(1)
                .build()
                .run();
        Map<String, Double> fitted = r.values();
        var unknowns = r.problem().unknowns();
        unknowns.parameter("E").assign(dev.mollify.tensor.Tensor.scalar(0.0));
        CoefficientProfile p = CoefficientProfile.of(r.problem(), CoefficientProfile.DEFAULT_ITERATIONS, 0, null);
        double se = p.standardError().get("E");
        assertTrue(Double.isNaN(p.relative().get("E")), "no relative error at 0");
        assertTrue(
                se > 0 && se < 0.01,
                "se of E " + se + "; fitted " + fitted + ", widths " + r.setup().axisDeltas());
        assertTrue(p.relative().get("D") > 0);
    }

    @Test
    void noProfileWhenAskedForNone() {
        DataFit.Result r = DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u})
                .pde("u_t = D*u_xx")
                .unknown("D")
                .hidden(8)
                .adamSteps(50)
                .lbfgsIterations(0)
                .profileIterations(0)
                .seed(1)
                .build()
                .run();
        assertNull(r.profile());
    }

    @Test
    void aLooseCoefficientIsReportedAndAFirmOneIsNot() {
        double edge = FitWarnings.LOOSE_COEFFICIENT;
        CoefficientProfile p = new CoefficientProfile(
                Map.of("D", 1.5 * edge, "r", 0.5 * edge),
                Map.of("D", 1.0, "r", 1.0),
                Map.of("D", false, "r", false),
                100,
                true,
                190,
                1);
        List<String> w = FitWarnings.profileWarnings(p);
        assertEquals(1, w.size(), w.toString());
        assertTrue(
                w.get(0)
                        .startsWith("D is loosely determined by these data: its standard error from the profile"
                                + " of the loss is 7.5 % of its value"),
                w.get(0));
        assertTrue(FitWarnings.profileWarnings(null).isEmpty());
        List<String> fell = FitWarnings.profileWarnings(new CoefficientProfile(
                Map.of("D", Double.NaN), Map.of("D", 1.0), Map.of("D", true), 100, true, 190, 1));
        assertEquals(1, fell.size());
        assertTrue(fell.get(0).startsWith("moving D by 5 % and refitting the rest lowered the loss"), fell.get(0));
        // the fits themselves: D is firm at 2 % and 8 % noise, loose at 60 %
        for (DataFit.Result r : List.of(quiet, noisy))
            assertTrue(
                    r.warnings().stream().noneMatch(s -> s.contains("loosely determined")),
                    r.warnings().toString());
        double se = loud.profile().relative().get("D");
        assertTrue(se > edge, "se at 60 % noise: " + se);
        assertTrue(
                loud.warnings().stream().anyMatch(s -> s.startsWith("D is loosely determined by these data")),
                loud.warnings().toString());
        // and the error it made is of the size the profile gives
        double err = Math.abs(loud.values().get("D") - DataFitTest.TRUE_D) / DataFitTest.TRUE_D;
        assertTrue(err < 3 * se, "error " + err + ", se " + se);
    }
}
