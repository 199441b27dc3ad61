package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.testing.AllowsOutput;
import org.junit.jupiter.api.Test;

/**
 * Reference values of docs/math.md, "Reference values" and the error table of docs/math.md "Discretisation traps" (u =
 * sin(πx), δ = 0.1, bump).
 */
class DerivativeKernelsTest {
    static final double DELTA = 0.1;
    static final double F = 0.9922188778;

    /** Σ_n D_n·sin(π(x0 + n·h)) — the derivative kernel applied at one interior node. */
    static double apply(double[] taps, double x0, double h) {
        int m = (taps.length - 1) / 2;
        double s = 0;
        for (int n = -m; n <= m; n++) s += taps[n + m] * Math.sin(Math.PI * (x0 + n * h));
        return s;
    }

    static double mollified(int order, double ratio, double x0, DerivativeKernels.Method method) {
        double h = DELTA / ratio;
        double[] k = DerivativeKernels.kernel(KernelFamily.bump(), Window.covering(h, DELTA, 0), DELTA, order, method);
        return apply(k, x0, h);
    }

    /** Exact û^{(k)}(x) = F·π^k·sin(πx + kπ/2). */
    static double exact(int order, double x) {
        return F * Math.pow(Math.PI, order) * Math.sin(Math.PI * x + order * Math.PI / 2);
    }

    @Test
    void referenceValuesAtTenAndFiftyCellsPerWidth() {
        assertEquals(-9.792808, exact(2, 0.5), 1e-6);
        assertEquals(96.65114, exact(4, 0.5), 1e-4);
        assertEquals(2.204156, exact(1, 0.25), 1e-6);
        double[][] cases = {{2, 0.5, -9.792808}, {4, 0.5, 96.65114}, {1, 0.25, 2.204156}};
        for (double[] c : cases) {
            int k = (int) c[0];
            double v10 = mollified(k, 10, c[1], DerivativeKernels.Method.DIFFERENCES);
            double v50 = mollified(k, 50, c[1], DerivativeKernels.Method.DIFFERENCES);
            assertEquals(c[2], v10, 2e-4 * Math.abs(c[2]), "order " + k + " at δ/h = 10");
            assertEquals(c[2], v50, 1e-5 * Math.abs(c[2]), "order " + k + " at δ/h = 50");
        }
        assertTrue(mollified(1, 10, 0.25, DerivativeKernels.Method.DIFFERENCES) > 0, "sign convention: û′(0.25) > 0");
        assertTrue(mollified(3, 10, 0.25, DerivativeKernels.Method.DIFFERENCES) < 0, "sign convention: û‴(0.25) < 0");
    }

    @Test
    void enforcedMomentsHoldExactly() {
        double h = 0.01;
        Window w = Window.covering(h, DELTA, 0);
        for (int k = 0; k <= 4; k++) {
            double[] d = DerivativeKernels.kernel(
                    KernelFamily.bump(), w, DELTA, k, DerivativeKernels.Method.ANALYTIC_MOMENTS);
            double[] diff =
                    DerivativeKernels.kernel(KernelFamily.bump(), w, DELTA, k, DerivativeKernels.Method.DIFFERENCES);
            for (int j = 0; j <= k; j++) {
                double target = j == k ? 1 : 0, fact = 1;
                for (int i = 2; i <= j; i++) fact *= i;
                double mm = 0, md = 0, scale = 0, scaleD = 0;
                int m = (d.length - 1) / 2, md2 = (diff.length - 1) / 2;
                for (int n = -m; n <= m; n++) {
                    mm += d[n + m] * Math.pow(n * h, j) / fact;
                    scale += Math.abs(d[n + m] * Math.pow(n * h, j) / fact);
                }
                for (int n = -md2; n <= md2; n++) {
                    md += diff[n + md2] * Math.pow(n * h, j) / fact;
                    scaleD += Math.abs(diff[n + md2] * Math.pow(n * h, j) / fact);
                }
                // exact up to rounding of the sums (Σ|terms|·1e-13)
                assertEquals(target, mm, 1e-13 * scale + 1e-13, "analytic+moments k=" + k + " moment " + j);
                // differences satisfy them too: they difference the moments of a normalised kernel
                assertEquals(target, md, 1e-13 * scaleD + 1e-13, "differences k=" + k + " moment " + j);
            }
        }
    }

    @Test
    void sixthOrderStencilsMatchTheTaylorMomentsUpToTheirLength() {
        // k = 2: (2, −27, 270, −490, 270, −27, 2)/180
        double[] s2 = DerivativeKernels.sixthOrderStencil(2);
        double[] expected = {2, -27, 270, -490, 270, -27, 2};
        for (int l = 0; l < s2.length; l++) assertEquals(expected[l] / 180, s2[l], 1e-14, "k = 2, tap " + l);
        for (int k = 0; k <= 4; k++) {
            double[] s = DerivativeKernels.sixthOrderStencil(k);
            int p = DerivativeKernels.stencilHalfWidth(k, DerivativeKernels.Method.SIXTH_ORDER_DIFFERENCES);
            assertEquals(2 * p + 1, s.length, "k = " + k);
            assertEquals(k == 0 ? 0 : (k + 1) / 2 + 2, p, "k = " + k);
            // Σ_l s_l·lʲ/j! = δ_jk for every j ≤ 2p: the error term starts at h^{2p+1−k} ≥ h⁶ (even k: h^{2p+2−k})
            for (int j = 0; j <= 2 * p; j++) {
                double m = 0, fact = 1;
                for (int i = 2; i <= j; i++) fact *= i;
                for (int l = -p; l <= p; l++) m += s[l + p] * Math.pow(l, j) / fact;
                assertEquals(j == k ? 1 : 0, m, 1e-12, "k = " + k + ", moment " + j);
            }
        }
    }

    @Test
    void sixthOrderDifferencesFollowTheDerivativeOfTheMollifiedSamplesWhereSecondOrderOnesDoNot() {
        // sin(ωx) sampled at ωh = 0.5 (12.6 samples per wavelength), δ = 6 spacings. The exact target is the
        // k-th derivative of the discretely mollified samples, Ŵ(ω)·ωᵏ·sin(ωx₀ + kπ/2), Ŵ(ω) = Σ_n W_n cos(ωnh).
        double h = 0.1, omega = 5, x0 = 0.3, delta = 6 * h;
        Window window = Window.covering(h, delta, 0);
        double[] w = SampledKernel.sample(KernelFamily.bump(), window, delta).taps();
        int m = (w.length - 1) / 2;
        double transfer = 0;
        for (int n = -m; n <= m; n++) transfer += w[n + m] * Math.cos(omega * n * h);
        for (int k = 1; k <= 4; k++) {
            double exact = transfer * Math.pow(omega, k) * Math.sin(omega * x0 + k * Math.PI / 2);
            double[] errors = new double[2];
            DerivativeKernels.Method[] methods = {
                DerivativeKernels.Method.DIFFERENCES, DerivativeKernels.Method.SIXTH_ORDER_DIFFERENCES
            };
            for (int i = 0; i < 2; i++) {
                double[] d = DerivativeKernels.kernel(KernelFamily.bump(), window, delta, k, methods[i]);
                int md = (d.length - 1) / 2;
                double v = 0;
                for (int n = -md; n <= md; n++) v += d[n + md] * Math.sin(omega * (x0 + n * h));
                errors[i] = Math.abs(v / exact - 1);
            }
            // second order: about k·(ωh)²/24 (1–4 %); sixth order: of order (ωh)⁶/100 (10⁻⁴)
            assertTrue(errors[0] > 0.01, "k = " + k + ": second-order error " + errors[0]);
            assertTrue(errors[1] < 3e-4, "k = " + k + ": sixth-order error " + errors[1]);
        }
    }

    static final double[] RATIOS = {10, 20, 50, 100, 200};
    /** docs/math.md "Discretisation traps": k=2 analytic, k=2 differences, k=4 analytic, k=4 differences. */
    static final double[][] TABLE = {
        {5.8, 7.7e-5, 1.8e5, 1.6e-4},
        {0.58, 2.1e-5, 9.1e4, 4.1e-5},
        {2.7e-3, 3.3e-6, 2.7e3, 6.6e-6},
        {1.8e-6, 8.2e-7, 7.3, 1.6e-6},
        {1.5e-10, 2.1e-7, 2.4e-3, 4.1e-7}
    };

    static double relErr(int order, double ratio, DerivativeKernels.Method m) {
        return Math.abs(mollified(order, ratio, 0.5, m) / exact(order, 0.5) - 1);
    }

    /** The measured table, rows δ/h, columns as {@link #TABLE} plus the moment-enforced analytic kernels. */
    static double[][] measuredTable() {
        double[][] t = new double[RATIOS.length][6];
        for (int i = 0; i < RATIOS.length; i++) {
            t[i][0] = relErr(2, RATIOS[i], DerivativeKernels.Method.ANALYTIC);
            t[i][1] = relErr(2, RATIOS[i], DerivativeKernels.Method.DIFFERENCES);
            t[i][2] = relErr(4, RATIOS[i], DerivativeKernels.Method.ANALYTIC);
            t[i][3] = relErr(4, RATIOS[i], DerivativeKernels.Method.DIFFERENCES);
            t[i][4] = relErr(2, RATIOS[i], DerivativeKernels.Method.ANALYTIC_MOMENTS);
            t[i][5] = relErr(4, RATIOS[i], DerivativeKernels.Method.ANALYTIC_MOMENTS);
        }
        return t;
    }

    @Test
    @AllowsOutput(whenProperty = "mollify.print")
    void errorTableOfSection3() {
        double[][] t = measuredTable();
        if (Boolean.getBoolean("mollify.print")) {
            for (int i = 0; i < RATIOS.length; i++) {
                System.out.printf(
                        "δ/h=%4.0f  %10.3g %10.3g %10.3g %10.3g | moments %10.3g %10.3g%n",
                        RATIOS[i], t[i][0], t[i][1], t[i][2], t[i][3], t[i][4], t[i][5]);
            }
        }
        for (int i = 0; i < 3; i++) {
            // enforcing the discrete moments repairs most of the analytic kernel's error, but not all
            assertTrue(
                    t[i][4] < t[i][0] / 5 && t[i][5] < t[i][2] / 1000,
                    "moment enforcement helps at δ/h = " + RATIOS[i]);
        }
        for (int i = 0; i < RATIOS.length; i++) {
            for (int c = 0; c < 4; c++) {
                double ratio = t[i][c] / TABLE[i][c];
                // the differences columns to within 25 %; analytic ones (whose tiny errors at δ/h = 200 are
                // rounding-level) to within a factor 3
                double tol = c % 2 == 1 ? 1.25 : 3.0;
                if (c == 3 && RATIOS[i] == 200) {
                    // k = 4 at δ/h = 200 sits on the rounding floor here (ε·Σ|D_n|·h^... ≈ 2e-6): the table's
                    // 4.1e-7 is the O(h²) truncation error, below what double sums of 1/h⁴-scaled taps resolve
                    assertTrue(t[i][c] < 3e-6, "k=4 at δ/h=200: " + t[i][c]);
                    continue;
                }
                assertTrue(
                        ratio < tol && ratio > 1 / tol,
                        "δ/h = " + RATIOS[i] + " column " + c + ": measured " + t[i][c] + ", table " + TABLE[i][c]);
            }
        }
    }
}
