package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import dev.mollify.testing.AllowsOutput;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/math.md "Discretisation traps" "noise vs bias": sin(πx) + 5 % Gaussian noise on 2,001 points. The data live on [−0.5, 1.5]
 * (h = 0.001) and every error is measured on [0, 1]: the field is evaluated on an extended grid, the
 * unbiased boundary choice of docs/math.md "Boundaries", so widths up to 0.5 see no edge.
 */
class NoisyDerivativeTest {
    static final int N = 2001;
    static final double H = 0.001, X0 = -0.5, SIGMA = 0.05;
    static final double[] DELTAS = {0.02, 0.04, 0.07, 0.1, 0.14, 0.2, 0.25, 0.3, 0.4};

    static double[] data() {
        double[] noise =
                Tensor.randn(Long.getLong("mollify.noiseSeed", 2024L), N).toDoubleArray();
        double[] g = new double[N];
        for (int i = 0; i < N; i++) g[i] = Math.sin(Math.PI * (X0 + i * H)) + SIGMA * noise[i];
        return g;
    }

    static double[] truthOnUnitInterval() {
        double[] t = new double[1001];
        for (int j = 0; j <= 1000; j++) t[j] = -Math.PI * Math.PI * Math.sin(Math.PI * j * 0.001);
        return t;
    }

    /** û_xx on [0, 1] at width δ (x index 500..1500 of the data). */
    static double[] mollifiedUxx(double[] g, double delta) {
        int m = Window.covering(H, delta, 0).halfWidth()[0];
        MollifiedDerivatives md = MollifiedDerivatives.builder(KernelFamily.bump(), new double[] {H}, new int[] {m})
                .width(delta)
                .boundary(Boundary.EXTENDED)
                .build();
        DifferentialOperator uxx = DifferentialOperator.of(2);
        Map<DifferentialOperator, Var> out = md.compute(Var.constant(Tensor.of(g, 1, 1, N)), uxx);
        double[] y = out.get(uxx).value().toDoubleArray();
        int shift = m + 1; // output o ↔ data index o + M + p
        double[] r = new double[1001];
        for (int j = 0; j <= 1000; j++) r[j] = y[500 + j - shift];
        return r;
    }

    static double corr(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }

    @Test
    @AllowsOutput(whenProperty = "mollify.print")
    void mollifiedSecondDerivativeBeatsCentralDifferencesAndTheErrorIsUShaped() {
        double[] g = data(), truth = truthOnUnitInterval();
        double[] err = new double[DELTAS.length];
        double[] cor = new double[DELTAS.length];
        int best = 0;
        for (int i = 0; i < DELTAS.length; i++) {
            double[] u = mollifiedUxx(g, DELTAS[i]);
            err[i] = rms(u, truth);
            cor[i] = corr(u, truth);
            if (err[i] < err[best]) best = i;
        }
        double[] cd = new double[1001];
        for (int j = 0; j <= 1000; j++) {
            int i = 500 + j;
            cd[j] = (g[i + 1] - 2 * g[i] + g[i - 1]) / (H * H);
        }
        double cdCorr = corr(cd, truth);
        if (Boolean.getBoolean("mollify.print")) {
            for (int i = 0; i < DELTAS.length; i++)
                System.out.printf("δ=%.2f  rms %.4g  corr %.6f%n", DELTAS[i], err[i], cor[i]);
            System.out.printf("central differences: rms %.4g corr %.4f%n", rms(cd, truth), cdCorr);
        }
        // "a good δ": any scanned width whose error is within 25 % of the smallest
        double bestCorr = -1, good = 0;
        for (int i = 0; i < DELTAS.length; i++) {
            if (err[i] <= 1.25 * err[best] && cor[i] > bestCorr) {
                bestCorr = cor[i];
                good = DELTAS[i];
            }
        }
        assertTrue(bestCorr > 0.99, "correlation at a good width " + good + ": " + bestCorr);
        assertTrue(Math.abs(cdCorr) < 0.3, "central differences of the raw data correlate " + cdCorr);
        assertTrue(
                best > 0 && best < DELTAS.length - 1, "error minimum inside the scanned range, at δ = " + DELTAS[best]);
        // where noise dominates, its size is docs/math.md "Discretisation traps"'s σ·√(h/δ)·‖φ″‖₂/δ² (‖φ″‖₂ = 7.41)
        double predicted = SIGMA * Math.sqrt(H / 0.04) * 7.41 / (0.04 * 0.04);
        assertTrue(
                Math.abs(err[1] / predicted - 1) < 0.15, "noise at δ = 0.04: " + err[1] + " vs predicted " + predicted);
        // U shape: falls to the minimum, rises after it
        for (int i = 1; i <= best; i++)
            assertTrue(err[i] < err[i - 1], "error falls towards the minimum at δ = " + DELTAS[i]);
        for (int i = best + 1; i < DELTAS.length; i++)
            assertTrue(err[i] > err[i - 1], "error rises past the minimum at δ = " + DELTAS[i]);
    }
}
