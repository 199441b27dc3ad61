package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.pde.spec.Unknowns;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pieces of scale-free fitting: unknowns as s·θ, network outputs at unit scale, loss terms divided
 * by their sizes, and the starting values from the data ({@link CoefficientEstimate}).
 */
class ScaleFreeTest {
    private static final int N = 400;

    /** Values of a random smooth-looking signal, fixed seed. */
    private static Var random(long seed, double scale) {
        Rng rng = new Rng(seed);
        double[] v = new double[N];
        for (int i = 0; i < N; i++) v[i] = scale * rng.nextGaussian();
        return Var.constant(Tensor.of(v, N));
    }

    @Test
    void scaledUnknownsStartWhereAskedAndScaleTheirGradient() {
        PdeSpec spec = PdeSpec.parse("u_t = D*u_xx").unknownPositive("D", 1.0).build();
        Unknowns u = spec.unknownParameters(Map.of("D", 2.5e5), Map.of("D", 1e5));
        assertEquals(2.5e5, u.value("D"), 1e-9 * 2.5e5);
        assertEquals(2.5e5, u.physical("D").item(), 1e-9 * 2.5e5);
        assertEquals(1e5, u.scale("D"));
        // d(physical)/dθ = s·sigmoid(θ): the raw parameter is of order one while the value is 2.5e5
        assertTrue(
                Math.abs(u.parameter("D").item()) < 5, "θ = " + u.parameter("D").item());
        Unknowns plain =
                PdeSpec.parse("u_t = a*u_xx").unknown("a", -3).build().unknownParameters(Map.of(), Map.of("a", 10.0));
        assertEquals(-3, plain.value("a"), 1e-12);
        assertEquals(-0.3, plain.parameter("a").item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> spec.unknownParameters(Map.of(), Map.of("D", 0.0)));
    }

    @Test
    void outputScaleMapsTheNetworkToTheFieldsUnits() {
        Pinn plain = Pinn.builder(Domain.interval1dTime(0, 1, 0, 1))
                .hidden(4)
                .seed(3)
                .build();
        Pinn scaled = Pinn.builder(Domain.interval1dTime(0, 1, 0, 1))
                .hidden(4)
                .seed(3)
                .outputScale("u", 7, 1e6)
                .build();
        Var x = Var.constant(Tensor.of(new double[] {0.1, 0.2, 0.7, 0.9}, 2, 2));
        double a = plain.forward(x).value().toDoubleArray()[1];
        double b = scaled.forward(x).value().toDoubleArray()[1];
        assertEquals(7 + 1e6 * a, b, 1e-6);
    }

    @Test
    void termSizesSplitTheResidualAtItsSums() {
        PdeSpec spec = PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
                .unknown("a", 2)
                .unknown("b", 3)
                .build();
        Var ut = random(2, 4);
        Bindings bind = Bindings.create()
                .field("u", random(1, 1))
                .derivative("u_t", ut)
                .derivative("u_x", random(3, 1))
                .derivative("u_xx", random(4, 1));
        List<double[]> sizes = spec.termSizes(bind, spec.unknownParameters());
        assertEquals(1, sizes.size());
        assertEquals(3, sizes.get(0).length);
        assertEquals(rms(ut), sizes.get(0)[0], 1e-12);
        assertEquals(2 * rms(random(1, 1).mul(random(3, 1))), sizes.get(0)[1], 1e-12);
        assertEquals(3 * rms(random(4, 1)), sizes.get(0)[2], 1e-12);
    }

    private static double rms(Var v) {
        double s = 0;
        for (double x : v.value().toDoubleArray()) s += x * x;
        return Math.sqrt(s / v.value().numel());
    }

    /** u_t = D·u_xx + c·u with u_t made from the truth: the closed form gives it back, in any units. */
    @Test
    void linearEstimateRecoversTheCoefficientsInAnyUnits() {
        for (double unit : new double[] {1, 1e-6, 1e6}) {
            Var uxx = random(5, unit);
            Var u = random(6, unit);
            double d = 0.37, c = -2.0;
            Var ut = uxx.mul(d).add(u.mul(c)).add(random(7, 1e-3 * unit)); // a little misfit
            PdeSpec spec = PdeSpec.parse("u_t = D*u_xx + c*u")
                    .unknownPositive("D", 1)
                    .unknown("c", 1)
                    .build();
            Bindings b = Bindings.create().field("u", u).derivative("u_t", ut).derivative("u_xx", uxx);
            CoefficientEstimate e = CoefficientEstimate.from(spec, b, Map.of());
            assertTrue(e.linear());
            assertEquals(d, e.values().get("D"), 5e-4 * d); // the misfit moves the least-squares answer by ~1e-4
            assertEquals(c, e.values().get("c"), 5e-4 * Math.abs(c));
            assertTrue(e.warnings().isEmpty(), e.warnings().toString());
            assertEquals(rms(ut), e.residualScales()[0], 0.05 * rms(ut));
            assertTrue(e.conditioning() > 0.5, "conditioning " + e.conditioning());
        }
    }

    @Test
    void termsThatLookAlikeOrVanishAreReported() {
        Var uxx = random(8, 1);
        Var ut = uxx.mul(0.5);
        PdeSpec alike = PdeSpec.parse("u_t = a*u_xx + b*u_xx")
                .unknown("a", 1)
                .unknown("b", 1)
                .build();
        CoefficientEstimate e = CoefficientEstimate.from(
                alike, Bindings.create().derivative("u_t", ut).derivative("u_xx", uxx), Map.of());
        assertTrue(e.conditioning() < CoefficientEstimate.MIN_CONDITIONING);
        assertTrue(
                e.warnings().stream().anyMatch(w -> w.contains("a and b look alike")),
                e.warnings().toString());
        assertEquals(0.5, e.values().get("a") + e.values().get("b"), 1e-9); // the combination is determined

        PdeSpec zero = PdeSpec.parse("u_t = a*u_xx + b*u_x")
                .unknown("a", 1)
                .unknown("b", 1)
                .build();
        Bindings bz =
                Bindings.create().derivative("u_t", ut).derivative("u_xx", uxx).derivative("u_x", uxx.mul(0.0));
        CoefficientEstimate z = CoefficientEstimate.from(zero, bz, Map.of());
        assertTrue(Double.isNaN(z.values().get("b")));
        assertEquals(0.5, z.values().get("a"), 1e-9);
        assertTrue(
                z.warnings().stream().anyMatch(w -> w.startsWith("b: its term is zero everywhere")),
                z.warnings().toString());

        PdeSpec tiny = PdeSpec.parse("u_t = a*u_xx + b*u_x")
                .unknown("a", 1)
                .unknown("b", 1)
                .build();
        Bindings bt = Bindings.create()
                .derivative("u_t", ut.add(random(9, 1e-6)))
                .derivative("u_xx", uxx)
                .derivative("u_x", random(10, 1));
        CoefficientEstimate t = CoefficientEstimate.from(tiny, bt, Map.of());
        assertTrue(
                t.termShare().get("b") < CoefficientEstimate.MIN_TERM_SHARE,
                t.termShare().toString());
        assertTrue(
                t.warnings().stream().anyMatch(w -> w.contains("b is not identifiable")),
                t.warnings().toString());
        assertFalse(
                t.warnings().stream().anyMatch(w -> w.startsWith("a")),
                t.warnings().toString());
    }

    /** Data that call for D &lt; 0 while D is declared positive: a warning, and sizes and misfit measured at the guess. */
    @Test
    void aPositiveUnknownTheDataWantNegativeIsReportedNotRefused() {
        Var uxx = random(11, 1);
        Var ut = uxx.mul(-0.2).add(random(12, 1e-3));
        PdeSpec spec = PdeSpec.parse("u_t = D*u_xx").unknownPositive("D", 0.5).build();
        CoefficientEstimate e = CoefficientEstimate.from(
                spec, Bindings.create().derivative("u_t", ut).derivative("u_xx", uxx), Map.of());
        assertEquals(-0.2, e.values().get("D"), 1e-2);
        assertTrue(
                e.warnings().stream().anyMatch(w -> w.contains("declared positive")),
                e.warnings().toString());
        assertEquals(0.7 / 0.5, e.misfit(), 0.05); // r = u_t − 0.5·u_xx = −0.7·u_xx, over the largest term 0.5·u_xx
    }

    /**
     * Kuramoto–Sivashinsky in other units (x·10³, t·10⁻², u·10⁶): at a = b = c = 1 the terms differ by twenty orders of
     * magnitude, so the fourth-order one is lost in the rounding of the others. The probe balances them and still finds
     * the equation linear, with the true coefficients.
     */
    @Test
    void termsOfVeryDifferentSizesAreStillSolvedFor() {
        double sx = 1e3, st = 1e-2, su = 1e6;
        Var u = random(21, su), ux = random(22, su / sx), uxx = random(23, su / (sx * sx)), u4 = random(24, su / 1e12);
        double a = 1 / su * sx / st, b = sx * sx / st, c = 1e12 / st; // the unit coefficients in these units
        Var ut = u.mul(ux).mul(-a).sub(uxx.mul(b)).sub(u4.mul(c));
        PdeSpec spec = PdeSpec.parse("u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0")
                .unknown("a", 1)
                .unknown("b", 1)
                .unknown("c", 1)
                .build();
        Bindings bind = Bindings.create()
                .field("u", u)
                .derivative("u_x", ux)
                .derivative("u_xx", uxx)
                .derivative("u_xxxx", u4)
                .derivative("u_t", ut);
        CoefficientEstimate e = CoefficientEstimate.from(spec, bind, Map.of());
        assertTrue(e.linear());
        assertEquals(a, e.values().get("a"), 1e-6 * a);
        assertEquals(b, e.values().get("b"), 1e-6 * b);
        assertEquals(c, e.values().get("c"), 1e-6 * c);
    }

    /** Logistic growth u_t = r·u·(1 − u/K) is not linear in (r, K): solved from the guesses. */
    @Test
    void nonlinearEstimateStartsFromTheGuesses() {
        Rng rng = new Rng(11);
        double[] u = new double[N];
        for (int i = 0; i < N; i++) u[i] = 2e-3 * rng.nextDouble();
        Var uv = Var.constant(Tensor.of(u, N));
        double r = 0.05, k = 2e-3;
        Var ut = uv.mul(r).mul(uv.mul(-1 / k).add(1));
        PdeSpec spec = PdeSpec.parse("u_t = r*u*(1 - u/K)")
                .unknownPositive("r", 1)
                .unknownPositive("K", 1)
                .build();
        Bindings b = Bindings.create().field("u", uv).derivative("u_t", ut);
        CoefficientEstimate e = CoefficientEstimate.from(spec, b, Map.of("r", 0.1, "K", 1e-3));
        assertFalse(e.linear());
        assertEquals(r, e.values().get("r"), 1e-4 * r);
        assertEquals(k, e.values().get("K"), 1e-4 * k);
    }

    /**
     * Without a guess for K, K is scanned over thirty decades with r solved at each: the same answer, in any units
     * of u (u·10⁻⁶ and u·10⁶ move K with it).
     */
    @Test
    void nonlinearEstimateWithoutGuessesScansTheNonlinearUnknown() {
        for (double unit : new double[] {1, 1e-6, 1e6}) {
            Rng rng = new Rng(11);
            int n = N;
            double[] u = new double[n], uxx = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = 2e-3 * unit * rng.nextDouble();
                uxx[i] = unit * (rng.nextDouble() - 0.5);
            }
            Var uv = Var.constant(Tensor.of(u, n));
            Var uxxv = Var.constant(Tensor.of(uxx, n));
            double d = 3e-4, r = 0.05, k = 2e-3 * unit;
            Var ut = uxxv.mul(d).add(uv.mul(r).mul(uv.mul(-1 / k).add(1)));
            PdeSpec spec = PdeSpec.parse("u_t = D*u_xx + r*u*(1 - u/K)")
                    .unknownPositive("D", 1)
                    .unknown("r", 1)
                    .unknown("K", 1)
                    .build();
            Bindings b = Bindings.create().field("u", uv).derivative("u_t", ut).derivative("u_xx", uxxv);
            CoefficientEstimate e = CoefficientEstimate.from(spec, b, Map.of());
            assertFalse(e.linear());
            assertEquals(d, e.values().get("D"), 1e-4 * d, "D at unit " + unit);
            assertEquals(r, e.values().get("r"), 1e-4 * r, "r at unit " + unit);
            assertEquals(k, e.values().get("K"), 1e-4 * k, "K at unit " + unit);
        }
    }

    /** An unknown with no linear partner (u_t = exp(a·u)) is scanned alone. */
    @Test
    void nonlinearEstimateWithoutGuessScansALoneUnknown() {
        double[] u = new double[N];
        for (int i = 0; i < N; i++) u[i] = 0.1 + i / (double) N;
        Var uv = Var.constant(Tensor.of(u, N));
        Var ut = uv.mul(-0.7).exp();
        PdeSpec spec = PdeSpec.parse("u_t = exp(a*u)").unknown("a", 1).build();
        Bindings b = Bindings.create().field("u", uv).derivative("u_t", ut);
        CoefficientEstimate e = CoefficientEstimate.from(spec, b, Map.of());
        assertEquals(-0.7, e.values().get("a"), 1e-4);
    }

    @Test
    void symmetricEigenDecomposes() {
        double[][] a = {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 1}};
        double[][] copy = {a[0].clone(), a[1].clone(), a[2].clone()};
        double[][] v = new double[3][3];
        double[] l = CoefficientEstimate.symmetricEigen(copy, v);
        for (int e = 0; e < 3; e++) {
            for (int i = 0; i < 3; i++) {
                double av = 0;
                for (int j = 0; j < 3; j++) av += a[i][j] * v[j][e];
                assertEquals(l[e] * v[i][e], av, 1e-12);
            }
        }
    }
}
