package dev.mollify.jmh.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerFitTest {
    @Test
    void timesGrowingAsTheSquareGiveExponentTwo() {
        double[] n = {64, 128, 256, 512, 1024};
        double[] t = new double[n.length];
        for (int i = 0; i < n.length; i++) t[i] = 3e-9 * n[i] * n[i];
        PowerFit f = PowerFit.fit(n, t);
        assertEquals(2.0, f.exponent(), 1e-9);
        assertEquals(3e-9, f.coefficient(), 3e-9 * 1e-9);
        assertEquals(1.0, f.r2(), 1e-12);
        assertEquals(64, f.minSize());
        assertEquals(1024, f.maxSize());
        assertEquals(5, f.points());
        assertEquals(3e-9 * 2048 * 2048, f.at(2048), 3e-9 * 2048 * 2048 * 1e-9);
    }

    @Test
    void noisyCubicTimesGiveAnExponentNearThree() {
        Random rnd = new Random(11);
        double[] n = new double[12], t = new double[12];
        for (int i = 0; i < n.length; i++) {
            n[i] = 32 * Math.pow(2, i / 2.0);
            t[i] = 1e-10 * Math.pow(n[i], 3) * Math.exp(0.05 * rnd.nextGaussian());
        }
        PowerFit f = PowerFit.fit(n, t);
        assertEquals(3.0, f.exponent(), 0.05);
        assertEquals(1.0, f.r2(), 0.01);
    }

    @Test
    void constantTimesGiveExponentZeroAndAPerfectFit() {
        PowerFit f = PowerFit.fit(new double[] {1, 10, 100}, new double[] {5, 5, 5});
        assertEquals(0.0, f.exponent(), 1e-12);
        assertEquals(5.0, f.coefficient(), 1e-12);
        assertEquals(1.0, f.r2());
    }

    @Test
    void rejectsOneSizeAndNonPositiveValues() {
        assertThrows(IllegalArgumentException.class, () -> PowerFit.fit(new double[] {8, 8}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> PowerFit.fit(new double[] {1, 2}, new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> PowerFit.fit(new double[] {1, 2}, new double[] {1}));
    }
}
