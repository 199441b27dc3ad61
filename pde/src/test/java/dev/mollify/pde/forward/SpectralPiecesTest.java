package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpectralPiecesTest {
    @Test
    void etdrk4CoefficientsReduceToRk4WeightsAtZero() {
        // L = 0 and Nonlinear = constant c: one step must give v + h c exactly
        Etdrk4 e = new Etdrk4(new double[] {0, -1e-9, -50}, new double[] {0, 0, 0}, 0.1);
        double[] re = {1, 1, 1};
        double[] im = {0, 0, 0};
        e.step(re, im, (vr, vi, or, oi) -> {
            for (int m = 0; m < vr.length; m++) {
                or[m] = 2;
                oi[m] = 0;
            }
        });
        assertEquals(1 + 0.2, re[0], 1e-15);
        assertEquals(Math.exp(-1e-10) + Math.expm1(-1e-10) / -1e-9 * 2, re[1], 1e-14);
        // v' = -50 v + 2 exactly: v(h) = 2/50 + (1 - 2/50) e^{-5}
        assertEquals(0.04 + 0.96 * Math.exp(-5), re[2], 1e-14);
    }

    @Test
    void spectralDerivativesAndInterpolation() {
        int n = 64;
        double len = 2 * Math.PI;
        Spectral1D sp = new Spectral1D(n, len);
        double[] x = SpectralMarch.periodicGrid(0, len, n);
        double[] u = new double[n];
        for (int j = 0; j < n; j++) {
            u[j] = Math.exp(Math.sin(x[j]));
        }
        double[] d1 = new double[n];
        double[] d4 = new double[n];
        sp.derivative(u, 1, d1);
        sp.derivative(u, 4, d4);
        for (int j = 0; j < n; j++) {
            double s = Math.sin(x[j]);
            double c = Math.cos(x[j]);
            assertEquals(c * u[j], d1[j], 1e-12);
            // (e^{sin})'''' = e^{sin} (c^4 - 6 c^2 s - 4 c^2 + 3 s^2 + s)
            double exact4 = u[j] * (Math.pow(c, 4) - 6 * c * c * s - 4 * c * c + 3 * s * s + s);
            assertEquals(exact4, d4[j], 1e-9);
        }
        double[] re = new double[sp.modes()];
        double[] im = new double[sp.modes()];
        sp.forward(u, re, im);
        double[] xi = {0.123, 1.7, 5.9};
        double[] ui = sp.interpolate(re, im, 0, xi);
        for (int p = 0; p < xi.length; p++) {
            assertEquals(Math.exp(Math.sin(xi[p])), ui[p], 1e-13);
        }
        assertTrue(Spectral1D.tailFraction(re, im) < 1e-13);
    }
}
