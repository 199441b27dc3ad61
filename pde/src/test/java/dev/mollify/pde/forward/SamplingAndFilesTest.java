package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.tensor.Rng;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplingAndFilesTest {
    static GridField small() {
        double[] t = {0, 0.5, 1};
        double[] x = {0, 0.25, 0.5, 0.75};
        double[] v = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                v[i * 4 + j] = Math.sin(x[j] + 2 * t[i]) + i;
            }
        }
        return new GridField("test", "u", List.of("t", "x"), List.of(t, x), v, Map.of("D", 0.1), "small");
    }

    @Test
    void splitMix64GoldenValues() {
        // reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c)
        Rng r = new Rng(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
    }

    @Test
    void gaussianStatistics() {
        Rng r = new Rng(42);
        int n = 200_000;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            s += g;
            s2 += g * g;
        }
        assertEquals(0, s / n, 0.01);
        assertEquals(1, s2 / n, 0.01);
    }

    @Test
    void sameSeedSameNoiseOtherSeedOtherNoise() {
        GridField f =
                HeatSolver.solve(HeatSolver.Params.defaults().withGrid(33, 1).withTime(0.5, 11, 0));
        GridField a = Sampling.addNoise(f, 0.01, 7);
        GridField b = Sampling.addNoise(f, 0.01, 7);
        GridField c = Sampling.addNoise(f, 0.01, 8);
        assertArrayEquals(a.values(), b.values()); // bit-identical
        assertEquals(a, b);
        assertFalse(java.util.Arrays.equals(a.values(), c.values()));
        double[] d = new double[f.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i) - f.get(i);
        }
        double measured = Stats.std(d);
        assertEquals(0.01 * f.std(), measured, 0.1 * 0.01 * f.std());
        assertEquals(0.01, a.parameter("noise.r"));
        assertThrows(IllegalArgumentException.class, () -> Sampling.addNoise(f, -0.01, 1));
    }

    @Test
    void randomPointsAreDistinctGridPoints() {
        GridField f = small();
        PointSet p = Sampling.randomPoints(f, 7, 3);
        assertEquals(List.of("x", "t", "u"), p.columns());
        assertEquals(7, p.rows());
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < p.rows(); r++) {
            double x = p.get(r, 0);
            double t = p.get(r, 1);
            assertTrue(seen.add(x + "," + t), "duplicate point");
            int i = (int) Math.round(t * 2);
            int j = (int) Math.round(x * 4);
            assertEquals(f.at(i, j), p.get(r, 2));
        }
        assertEquals(p, Sampling.randomPoints(f, 7, 3));
        assertThrows(IllegalArgumentException.class, () -> Sampling.randomPoints(f, 13, 3));
        PointSet noisy = Sampling.addNoise(p, 0.05, 1);
        assertArrayEquals(p.column(0), noisy.column(0));
    }

    @Test
    void coarsenKeepsEveryStrideThPoint() {
        GridField f = small();
        GridField c = Sampling.coarsen(f, 2, 3);
        assertArrayEquals(new int[] {2, 2}, c.shape());
        assertArrayEquals(new double[] {0, 0.75}, c.axis("x"));
        assertEquals(f.at(2, 3), c.at(1, 1));
    }

    @Test
    void csvAndNpyRoundTrip(@TempDir Path dir) throws IOException {
        GridField f = small();
        Path csv = dir.resolve("f.csv");
        DataFiles.writeCsv(csv, f);
        List<String> lines = Files.readAllLines(csv);
        int header = 0;
        while (lines.get(header).startsWith("#")) {
            header++;
        }
        assertEquals("x,t,u", lines.get(header));
        assertEquals(12, lines.size() - header - 1);
        String[] row = lines.get(header + 6).split(",");
        assertEquals(f.get(5), Double.parseDouble(row[2]));
        assertEquals(0.25, Double.parseDouble(row[0]));
        assertEquals(0.5, Double.parseDouble(row[1]));

        Path npy = dir.resolve("f.npy");
        DataFiles.writeNpy(npy, f);
        byte[] b = Files.readAllBytes(npy);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        int hl = (b[8] & 0xff) | ((b[9] & 0xff) << 8);
        assertEquals(0, (10 + hl) % 64);
        String h = new String(b, 10, hl, StandardCharsets.US_ASCII);
        assertTrue(h.contains("'descr': '<f8'") && h.contains("'shape': (3, 4)") && h.endsWith("\n"), h);
        ByteBuffer data = ByteBuffer.wrap(b, 10 + hl, b.length - 10 - hl).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            assertEquals(f.get(i), data.getDouble());
        }
        Path ax = dir.resolve("x.npy");
        DataFiles.writeAxisNpy(ax, f, "x");
        byte[] a = Files.readAllBytes(ax);
        int al = (a[8] & 0xff) | ((a[9] & 0xff) << 8);
        assertTrue(new String(a, 10, al, StandardCharsets.US_ASCII).contains("'shape': (4,)"));
    }

    @Test
    void gridFieldIsImmutable() {
        GridField f = small();
        f.values()[0] = 99;
        f.axes().get(0)[0] = 99;
        assertEquals(0, f.axis("t")[0]);
        assertEquals(Math.sin(0), f.get(0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new GridField("bad", "u", List.of("x"), List.of(new double[3]), new double[4], Map.of(), ""));
    }
}
