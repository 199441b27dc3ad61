package dev.mollify.jmh.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SweepTest {
    @Test
    void aSweepOfTimesGrowingAsTheSquareHasExponentTwo() {
        Sweep sw = Sweeps.byId("matmul").sweep(JmhResult.parse(JmhJsonFixtures.matmulJson()));
        assertEquals("simd = true", sw.fixed());
        assertEquals(2, sw.series().size());
        for (Sweep.Series s : sw.series()) {
            PowerFit f = s.fit();
            assertEquals(2.0, f.exponent(), 1e-9, s.name());
            assertEquals(64, f.minSize());
            assertEquals(512, f.maxSize());
        }
        Sweep.Series f64 = sw.series().get(0);
        assertEquals("F64", f64.name());
        assertEquals("F64", f64.dtype());
        Sweep.Point p = f64.points().get(3);
        assertEquals(512, p.size());
        assertEquals(2.0 * 512 * 512 * 512, p.flops());
        assertEquals(3.0 * 512 * 512 * 8, p.bytes());
        assertEquals(2.0 * 512 * 512 * 512 / (2e-12 * 512 * 512) / 1e9, p.gflops(), 1e-6);
        assertEquals(3.0 * 512 * 512 * 4, sw.series().get(1).points().get(3).bytes());
    }

    @Test
    void aConvolutionShapeIsReadAsBNAndKAndTheFftOvertakesWhereItsTimeDropsBelow() {
        // direct: t = K µs; FFT: t = 300 µs flat, so the curves cross at K = 300
        StringBuilder s = new StringBuilder("[");
        int[] k = {11, 101, 1001, 4001};
        for (int i = 0; i < k.length; i++) {
            String shape = "\"shape\" : \"16x1000x" + k[i] + "\", \"dtype\" : \"F32\", \"storage\" : \"workspace\", ";
            s.append(JmhJsonFixtures.result(
                            "MollifierConvBenchmark.forward",
                            shape + "\"path\" : \"simd\"",
                            k[i] * 1e-3,
                            "\"NaN\"",
                            "ms/op"))
                    .append(',');
            s.append(JmhJsonFixtures.result(
                            "MollifierConvBenchmark.forward", shape + "\"path\" : \"fft\"", 0.3, "\"NaN\"", "ms/op"))
                    .append(i + 1 < k.length ? "," : "");
        }
        s.append(']');
        Sweep sw = Sweeps.byId("conv-k").sweep(JmhResult.parse(s.toString()));
        assertEquals("B = 16, N = 1000, dtype = F32, storage = workspace", sw.fixed());
        Sweep.Series direct = sw.series().get(0), fft = sw.series().get(1);
        assertEquals("simd", direct.name());
        assertEquals(1.0, direct.fit().exponent(), 1e-9);
        assertEquals(0.0, fft.fit().exponent(), 1e-9);
        assertEquals(2.0 * 16 * 1000 * 101, direct.points().get(1).flops());
        assertTrue(Double.isNaN(fft.points().get(1).flops()));
        Crossing c = Crossing.of(direct, fft);
        assertNotNull(c);
        assertEquals(1001, c.firstFaster());
        assertEquals(300, c.interpolated(), 1e-9);
        Crossing reverse = Crossing.of(fft, direct); // the direct path is faster from the first K
        assertEquals(11, reverse.firstFaster());
        assertTrue(Double.isNaN(reverse.interpolated()));
        assertNull(Crossing.of(direct, direct)); // never faster
    }
}
