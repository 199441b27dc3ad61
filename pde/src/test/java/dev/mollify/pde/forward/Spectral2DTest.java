package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Spectral2D}: amplitudes, round trip of kept modes, the 2/3 cut, derivatives. */
class Spectral2DTest {
    private static final int NX = 24;
    private static final int NY = 16;
    private static final double LX = 3;
    private static final double LY = 2;

    private static double[] sample(java.util.function.DoubleBinaryOperator f) {
        double[] v = new double[NX * NY];
        for (int j = 0; j < NY; j++)
            for (int i = 0; i < NX; i++) v[j * NX + i] = f.applyAsDouble(i * LX / NX, j * LY / NY);
        return v;
    }

    private static double kx(int c) {
        return 2 * Math.PI * c / LX;
    }

    private static double ky(int q) {
        return 2 * Math.PI * q / LY;
    }

    @Test
    void keptModesRoundTripAndAmplitudesAreHalfTheCosineCoefficient() {
        Spectral2D sp = new Spectral2D(NX, NY, LX, LY);
        assertEquals(7, sp.maxIndexX()); // (24 - 1) / 3
        assertEquals(5, sp.maxIndexY()); // (16 - 1) / 3
        double[] f = sample((x, y) -> 0.3 + Math.cos(kx(7) * x) * Math.sin(ky(-5) * y) + 2 * Math.sin(kx(3) * x + 1));
        double[] re = new double[sp.modes()];
        double[] im = new double[sp.modes()];
        sp.forward(f, re, im);
        assertEquals(0.3, re[0], 1e-15);
        double[] back = new double[f.length];
        sp.inverse(re, im, back);
        for (int i = 0; i < f.length; i++) assertEquals(f[i], back[i], 1e-13);
        for (int m = 0; m < sp.modes(); m++)
            if (sp.indexX(m) == 3 && sp.indexY(m) == 0) {
                assertEquals(Math.sin(1), re[m], 1e-14); // 2 sin(kx + 1) = −i e^{i} e^{ikx} + conjugate
                assertEquals(-Math.cos(1), im[m], 1e-14);
            }
    }

    @Test
    void modesBeyondTheTwoThirdsRuleAreDropped() {
        Spectral2D sp = new Spectral2D(NX, NY, LX, LY);
        double[] f = sample((x, y) -> Math.cos(kx(8) * x) + Math.cos(ky(6) * y) + Math.cos(kx(1) * x));
        double[] re = new double[sp.modes()];
        double[] im = new double[sp.modes()];
        sp.forward(f, re, im);
        double[] back = new double[f.length];
        sp.inverse(re, im, back);
        double[] kept = sample((x, y) -> Math.cos(kx(1) * x));
        for (int i = 0; i < f.length; i++) assertEquals(kept[i], back[i], 1e-13);
    }

    @Test
    void derivativesAreExactOnKeptModes() {
        Spectral2D sp = new Spectral2D(NX, NY, LX, LY);
        double[] f = sample((x, y) -> Math.sin(kx(2) * x) * Math.cos(ky(3) * y));
        double[] re = new double[sp.modes()];
        double[] im = new double[sp.modes()];
        sp.forward(f, re, im);
        Spectral2D.derivative(sp.ky(), re, im, re, im);
        double[] fy = new double[f.length];
        sp.inverse(re, im, fy);
        double[] exact = sample((x, y) -> -ky(3) * Math.sin(kx(2) * x) * Math.sin(ky(3) * y));
        double err = 0;
        for (int i = 0; i < f.length; i++) err = Math.max(err, Math.abs(fy[i] - exact[i]));
        assertTrue(err < 1e-12, "max error " + err);
    }
}
