package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.forward.FisherKppSolver;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.Profile;
import dev.mollify.pde.spec.PdeSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The warning for a learned field that the data leave loose ({@link FitWarnings#fieldWarnings}): Fisher–KPP with a
 * growth field, {@code u_t = D*u_xx + k(x)*u*(1-u)}, fitted with the same short settings to two data sets of the
 * same solver. From a bump (the fisher-field data of {@code mollify generate}) u(1 − u) vanishes ahead of the
 * fronts, where they never arrive; from a start between 0.2 and 0.6 it stays away from zero over the whole window.
 */
class FieldWarningTest {
    static final String PDE = "u_t = D*u_xx + k(x)*u*(1-u)";

    /** {@link #PDE} fitted to {@code g} with 1 % noise, D from the data, a short budget. */
    static DataFit.Result fit(GridField g) {
        assertEquals(List.of("t", "x"), g.axisNames());
        int nt = g.shape()[0], nx = g.shape()[1];
        double[] x = new double[nt * nx], t = new double[nt * nx];
        for (int i = 0; i < nt; i++) {
            for (int j = 0; j < nx; j++) {
                x[i * nx + j] = g.axis("x")[j];
                t[i * nx + j] = g.axis("t")[i];
            }
        }
        return DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {x, t, g.values()})
                .pde(PDE)
                .unknown("D")
                .positive("D")
                .noise(0.01)
                .hidden(16, 16)
                .adamSteps(300)
                .lbfgsIterations(100)
                .seed(1)
                .build()
                .run();
    }

    static List<String> fieldWarnings(DataFit.Result r) {
        return r.warnings().stream()
                .filter(w -> w.contains("the learned field"))
                .toList();
    }

    static String profile(DataFit.Result r) {
        StringBuilder s = new StringBuilder();
        for (FieldSensitivity.Profile p : FieldSensitivity.of(r.setup())) {
            double[] rel = p.relative();
            s.append(p.field()).append(" S/max S:");
            for (double v : rel) s.append(String.format(Locale.ROOT, " %.2f", v));
        }
        return s.toString();
    }

    @Test
    void aFieldLeftLooseAheadOfTheFrontsIsReported() {
        // mollify generate --problem fisher-field --grid 64x26: fronts leave a bump at x = 0 and never reach the ends
        GridField g = FisherKppSolver.solve(
                FisherKppSolver.Params.defaults().withGrid(64, 1).withTime(3, 26, 0, 0.01));
        DataFit.Result r = fit(g);
        List<String> w = fieldWarnings(r);
        String why = r.warnings() + "\n" + profile(r);
        assertEquals(1, w.size(), why);
        String text = w.get(0);
        assertTrue(text.startsWith("the data barely constrain the learned field k(x) on "), why);
        assertTrue(text.contains("its multiplier u*(1 - u) in k(x)*u*(1 - u) (RMS over t)"), why);
        assertTrue(text.contains("D, fitted with it, may absorb its error"), why);
        // the loose nodes are those the fronts never reach by t = 3 (x below -0.69 and above 0.84 here, 25 % of the
        // nodes): the profile is smallest at the ends
        FieldSensitivity.Profile p = FieldSensitivity.of(r.setup()).get(0);
        double[] rel = p.relative();
        assertEquals(64, rel.length);
        assertTrue(rel[0] < FitWarnings.FIELD_SENSITIVITY && rel[63] < FitWarnings.FIELD_SENSITIVITY, why);
        assertTrue(Arrays.stream(rel).filter(v -> v > 0.5).count() > 10, why);
    }

    @Test
    void aFieldWhoseMultiplierStaysAwayFromZeroIsNotReported() {
        // the same solver and rate field, from u0 = 0.4 + 0.2 cos(πx) for one time unit: 0.2 ≤ u ≤ 0.95, and S
        // stays above 0.8 of its largest everywhere
        FisherKppSolver.Params d = FisherKppSolver.Params.defaults();
        GridField g = FisherKppSolver.solve(new FisherKppSolver.Params(
                d.diffusion(),
                d.rate(),
                d.x0(),
                d.length(),
                64,
                1,
                1,
                26,
                0,
                d.cfl(),
                d.dtCap(),
                new Profile("u0(x) = 0.4 + 0.2 cos(pi x)", x -> 0.4 + 0.2 * Math.cos(Math.PI * x))));
        DataFit.Result r = fit(g);
        String why = r.warnings() + "\n" + profile(r);
        assertEquals(List.of(), fieldWarnings(r), why);
        double[] rel = FieldSensitivity.of(r.setup()).get(0).relative();
        assertTrue(Arrays.stream(rel).min().getAsDouble() > 0.3, why);
    }

    @Test
    void theMultiplierAndTheCoefficientsFittedWithTheFieldAreReadFromTheText() {
        PdeSpec spec = PdeSpec.parse(PDE + "; v_t = E*v_xx - k(x)*v/2 + c*u")
                .unknown("D", 1)
                .unknown("E", 1)
                .unknown("c", 1)
                .unknownField("k")
                .build();
        Map<String, String> terms = new java.util.LinkedHashMap<>();
        FieldSensitivity.terms(spec, "k").forEach((t, m) -> terms.put(t.toString(), m));
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("k(x)*u*(1 - u)", "u*(1 - u)");
        expected.put("k(x)*v/2", null); // not a product with k as a factor: no multiplier to name
        assertEquals(expected, terms);
        assertEquals(List.of("D", "E", "c"), FieldSensitivity.fittedWith(spec, "k"));
        assertEquals(
                List.of("D"),
                FieldSensitivity.fittedWith(
                        PdeSpec.parse(PDE + "; v_t = E*v_xx + c*u")
                                .unknown("D", 1)
                                .unknown("E", 1)
                                .unknown("c", 1)
                                .unknownField("k")
                                .build(),
                        "k"));
    }
}
