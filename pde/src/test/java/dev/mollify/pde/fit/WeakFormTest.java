package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.tensor.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The weak form on the measurements: the noise level read from the data, and the answer when the network cannot follow them. */
class WeakFormTest {
    @BeforeAll
    static void data() {
        DataFitTest.data(); // the heat data on 33 x × 17 t, D = 0.1
    }

    /** sin(πx)·e^{−t} + 0.3 cos(3πx) on an nt × nx grid over [0, 1]², plus Gaussian noise of {@code sigma}. */
    private static double[] field(int nt, int nx, double sigma, long seed) {
        Rng rng = new Rng(seed);
        double[] v = new double[nt * nx];
        for (int i = 0; i < nt; i++)
            for (int j = 0; j < nx; j++) {
                double t = i / (nt - 1.0), x = j / (nx - 1.0);
                v[i * nx + j] = Math.sin(Math.PI * x) * Math.exp(-t)
                        + 0.3 * Math.cos(3 * Math.PI * x)
                        + sigma * rng.nextGaussian();
            }
        return v;
    }

    @Test
    void theNoiseLevelIsReadFromNeighbouringSamples() {
        for (double sigma : new double[] {0.01, 0.05}) {
            double s = WeakForm.noiseLevel(field(41, 128, sigma, 3), new int[] {41, 128});
            assertEquals(sigma, s, 0.1 * sigma, "σ = " + sigma);
        }
        // with one node in seven missing, from the complete triples
        double[] gaps = field(41, 128, 0.05, 4);
        for (int k = 0; k < gaps.length; k += 7) gaps[k] = Double.NaN;
        assertEquals(0.05, WeakForm.noiseLevel(gaps, new int[] {41, 128}), 0.01);
        // too few samples on every axis: no level
        assertTrue(Double.isNaN(WeakForm.noiseLevel(new double[12], new int[] {3, 4})));
    }

    @Test
    void aNetworkThatCannotFollowTheDataGivesWayToTheWeakForm() {
        DataFit.Result r = DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u})
                .pde("u_t = D*u_xx")
                .unknown("D")
                .positive("D")
                .hidden(1)
                .adamSteps(5000)
                .lbfgsIterations(5000)
                .tolerance(0)
                .seed(1)
                .build()
                .run();
        WeakForm.Result weak = r.setup().direct();
        assertTrue(WeakForm.weakFormAnswers(r.setup()));
        assertTrue(
                r.training().steps() > 0 && r.training().steps() <= 2 * WeakForm.BRIEF_TRAINING,
                "the network is trained only briefly: " + r.training().steps() + " steps");
        assertTrue(
                r.warnings().stream().noneMatch(w -> w.contains("barely moved") || w.contains("the fit misses")),
                "no warning judges the network's own coefficients: " + r.warnings());
        assertNotNull(weak, "every node measured: the weak form applies");
        assertTrue(WeakForm.networkFallsShort(r.setup()), "prefit " + r.setup().prefitLoss());
        assertEquals(weak.estimate().values().get("D"), r.values().get("D"), 0.0);
        assertEquals(DataFitTest.TRUE_D, r.values().get("D"), 0.01 * DataFitTest.TRUE_D);
        assertTrue(
                r.training().stopReason().endsWith("(the network does not follow the data)"),
                r.training().stopReason());
        assertTrue(
                r.warnings().stream().anyMatch(w -> w.startsWith("the network alone misses the data by")),
                r.warnings().toString());
        assertTrue(Double.isFinite(r.setup().noiseLevel()));
    }

    /**
     * u_t + b·u_xx + c·u_xxxx = 0 (b = c = 1) sampled coarsely: Σ_k A_k·e^{(k² − k⁴)t}·sin(kx + φ_k) for k = 0.5,
     * 0.75, 1, 1.25 on 96 x over [0, 16π) (kh up to 0.65) × 33 t over [0, 4], as columns x, t, u.
     */
    private static double[][] fourthOrderData() {
        double[] ks = {0.5, 0.75, 1, 1.25}, amp = {1, 0.6, 0.8, 0.5}, phase = {0.3, 1.1, 2.0, 0.7};
        int nx = 96, nt = 33;
        double[][] cols = new double[3][nx * nt];
        for (int i = 0; i < nt; i++)
            for (int j = 0; j < nx; j++) {
                double t = 4.0 * i / (nt - 1), x = 16 * Math.PI * j / nx, u = 0;
                for (int m = 0; m < ks.length; m++) {
                    double k = ks[m];
                    u += amp[m] * Math.exp((k * k - k * k * k * k) * t) * Math.sin(k * x + phase[m]);
                }
                cols[0][i * nx + j] = x;
                cols[1][i * nx + j] = t;
                cols[2][i * nx + j] = u;
            }
        return cols;
    }

    /** The weak form's answer on {@link #fourthOrderData} with a network too small to follow it. */
    private static DataFit.Result fourthOrderWeakForm(String kernels) {
        return DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, fourthOrderData())
                .pde("u_t + b*u_xx + c*u_xxxx = 0")
                .unknown("b")
                .unknown("c")
                .kernels(kernels)
                .hidden(1)
                .adamSteps(20)
                .lbfgsIterations(0)
                .profileIterations(0)
                .seed(1)
                .build()
                .run();
    }

    @Test
    void theWeakFormTakesSixthOrderDifferencesSoACoarseGridLeavesNoBias() {
        DataFit.Result sixth = fourthOrderWeakForm("auto");
        DataFit.Result second = fourthOrderWeakForm("differences2");
        assertTrue(WeakForm.weakFormAnswers(sixth.setup()), "the weak form answers: " + sixth.warnings());
        double errSixth = 0, errSecond = 0;
        for (String c : List.of("b", "c")) {
            errSixth = Math.max(errSixth, Math.abs(sixth.values().get(c) - 1));
            errSecond = Math.max(
                    errSecond,
                    Math.abs(second.setup().direct().estimate().values().get(c) - 1));
        }
        assertTrue(errSixth < 2e-3, "sixth-order differences: " + sixth.values());
        // the second-order stencil's symbol is off by (kh)²/12 and (kh)²/6 for u_xx and u_xxxx
        assertTrue(
                errSecond > 1e-2,
                "second-order differences: "
                        + second.setup().direct().estimate().values());
    }

    @Test
    void theNetworkFallsShortByWhatTheNoiseDoesNotExplain() {
        // KS data at 10 % noise: a network that misses the field by 0.26 std shows a misfit of 0.28 std
        assertTrue(WeakForm.fallsShort(Math.hypot(0.26, 0.1), 0.1));
        // a network that follows data with 10 % noise: its misfit is about the noise
        assertFalse(WeakForm.fallsShort(0.13, 0.1));
        assertFalse(WeakForm.fallsShort(0.155, 0.1));
        // clean data: more than 0.025 std (a KdV network misses by 0.022 and is kept; a Navier–Stokes one by 0.044)
        assertTrue(WeakForm.fallsShort(0.044, 0.005));
        assertFalse(WeakForm.fallsShort(0.0225, 0.0022));
        assertTrue(WeakForm.fallsShort(0.03, 0));
        assertFalse(WeakForm.fallsShort(0.02, 0));
        // 1 % noise: the excess must pass 0.035 std
        assertFalse(WeakForm.fallsShort(Math.hypot(0.033, 0.01), 0.01));
        assertTrue(WeakForm.fallsShort(Math.hypot(0.038, 0.01), 0.01));
    }

    @Test
    void derivativesFallShortWhereTheWeakFormBalancesTheEquationAndTheNetworksDoNot() {
        // Allen–Cahn, e = 1e-4, r = 5, 201 t × 512 x, clean: the network's start leaves 0.156, the weak form 2e-10
        assertTrue(WeakForm.derivativesFallShort(0.156, 1.9e-10));
        // at 1 % noise: 0.0026 left by the weak form
        assertTrue(WeakForm.derivativesFallShort(0.15, 0.0026));
        // a network whose derivatives balance the equation to a few per cent is kept: the starts of heat, Burgers,
        // KdV and Fisher–KPP on the matrix's data leave 0.023–0.046, clean or at 1 % noise
        assertFalse(WeakForm.derivativesFallShort(0.046, 4e-7));
        assertFalse(WeakForm.derivativesFallShort(0.07, 1e-6));
        // not ten times what the weak form leaves, or a weak form that leaves more than 1 %
        assertFalse(WeakForm.derivativesFallShort(0.085, 0.009));
        assertFalse(WeakForm.derivativesFallShort(0.5, 0.015));
    }

    @Test
    void theWidthsAreCombinedPerAxis() {
        var ladder = List.of(Map.of("t", 1.0, "x", 0.5), Map.of("t", 1.0, "x", 0.7), Map.of("t", 2.0, "x", 0.9));
        var combos = WeakForm.perAxis(ladder);
        assertEquals(6, combos.size(), combos.toString()); // t ∈ {1, 2} × x ∈ {0.5, 0.7, 0.9}
        assertTrue(combos.contains(Map.of("t", 2.0, "x", 0.5)), combos.toString());
    }
}
