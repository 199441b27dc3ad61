package dev.mollify.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Factories: values, shapes, dtypes and layout of freshly created tensors. */
class TensorCreationTest {

    @Test
    void ofCopiesDataRowMajor() {
        double[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(data, 2, 3);
        data[0] = 99; // the tensor must hold a copy
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new int[] {3, 1}, t.strides());
        assertEquals(DType.F64, t.dtype());
        assertTrue(t.isContiguous());
        assertEquals(1, t.get(0, 0));
        assertEquals(6, t.get(1, 2));
        assertEquals(4, t.get(-1, 0)); // negative index counts from the end
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toDoubleArray());
        // toDoubleArray hands out a copy, never the storage
        t.toDoubleArray()[1] = -7;
        assertEquals(2, t.get(0, 1));
    }

    @Test
    void vectorRowsAndScalar() {
        Tensor v = Tensor.vector(3, 1, 4);
        assertArrayEquals(new int[] {3}, v.shape());
        assertArrayEquals(new double[] {3, 1, 4}, v.toDoubleArray());

        Tensor m = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertArrayEquals(new int[] {3, 2}, m.shape());
        assertEquals(5, m.get(2, 0));

        Tensor s = Tensor.scalar(2.5);
        assertEquals(0, s.dim());
        assertEquals(1, s.numel());
        assertEquals(2.5, s.item());
        assertEquals(2.5, s.get());
        Tensor s32 = Tensor.scalar(DType.F32, 0.1);
        assertEquals(DType.F32, s32.dtype());
        assertEquals((float) 0.1, (float) s32.item());
    }

    @Test
    void ofFloatIsF32AndRoundsOnce() {
        Tensor t = Tensor.ofFloat(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 2, 2);
        assertEquals(DType.F32, t.dtype());
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, t.toFloatArray());
        assertEquals((double) 0.3f, t.get(1, 0)); // widened, not re-rounded
        Tensor d = t.to(DType.F64);
        assertEquals(DType.F64, d.dtype());
        assertArrayEquals(new double[] {0.1f, 0.2f, 0.3f, 0.4f}, d.toDoubleArray());
        assertSame(t, t.to(DType.F32));
        // F64 -> F32 rounds to nearest float
        assertArrayEquals(
                new float[] {(float) Math.PI},
                Tensor.vector(Math.PI).to(DType.F32).toFloatArray());
    }

    @Test
    void zerosOnesFull() {
        assertArrayEquals(new double[6], Tensor.zeros(2, 3).toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1, 1}, Tensor.ones(4).toDoubleArray());
        assertArrayEquals(
                new double[] {-2.5, -2.5, -2.5}, Tensor.full(-2.5, 3, 1).toDoubleArray());
        assertArrayEquals(new int[] {3, 1}, Tensor.full(-2.5, 3, 1).shape());
        assertEquals(DType.F32, Tensor.zeros(DType.F32, 2).dtype());
        assertArrayEquals(new float[] {1f, 1f}, Tensor.ones(DType.F32, 2).toFloatArray());
        assertArrayEquals(
                new float[] {0.5f, 0.5f, 0.5f}, Tensor.full(DType.F32, 0.5, 3).toFloatArray());
        Tensor like = Tensor.ones(DType.F32, 1).fullLike(7, 2, 2);
        assertEquals(DType.F32, like.dtype());
        assertArrayEquals(new float[] {7, 7, 7, 7}, like.toFloatArray());
        // a size-0 axis is allowed
        assertEquals(0, Tensor.zeros(3, 0).numel());
        // 0-d
        assertEquals(1, Tensor.zeros().numel());
    }

    @Test
    void arangeMatchesNumpy() {
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, Tensor.arange(5).toDoubleArray());
        assertArrayEquals(
                new double[] {1, 1.5, 2, 2.5}, Tensor.arange(1, 3, 0.5).toDoubleArray());
        assertArrayEquals(new double[] {5, 3, 1}, Tensor.arange(5, 0, -2).toDoubleArray()); // numpy: [5, 3, 1]
        assertEquals(0, Tensor.arange(3, 1, 1).numel());
        assertEquals(0, Tensor.arange(0).numel());
        // end excluded even when it lies on the grid: numpy.arange(0, 1, 0.25) has 4 points
        assertEquals(4, Tensor.arange(0, 1, 0.25).numel());
    }

    @Test
    void linspaceEndpointsExactAndEvenSpacing() {
        Tensor t = Tensor.linspace(-1, 1, 5);
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, t.toDoubleArray());
        Tensor u = Tensor.linspace(0, 0.3, 7);
        assertEquals(0.0, u.get(0));
        assertEquals(0.3, u.get(6)); // exact endpoint, not 6*0.05 rounded
        for (int i = 0; i < 7; i++) assertEquals(i * 0.05, u.get(i), 1e-16);
        assertArrayEquals(new double[] {4}, Tensor.linspace(4, 9, 1).toDoubleArray());
    }

    @Test
    void meshgridIsIjIndexedAndBroadcastViews() {
        Tensor x = Tensor.vector(1, 2, 3);
        Tensor y = Tensor.vector(10, 20);
        Tensor[] g = Tensor.meshgrid(x, y);
        assertArrayEquals(new int[] {3, 2}, g[0].shape());
        assertArrayEquals(new int[] {3, 2}, g[1].shape());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(x.get(i), g[0].get(i, j));
                assertEquals(y.get(j), g[1].get(i, j));
            }
        }
        // broadcast views: stride 0 along the other axis, same storage as the axis
        assertArrayEquals(new int[] {1, 0}, g[0].strides());
        assertArrayEquals(new int[] {0, 1}, g[1].strides());
        assertSame(x.d, g[0].d);
        assertSame(y.d, g[1].d);
        // three axes
        Tensor[] g3 = Tensor.meshgrid(x, y, Tensor.vector(7, 8, 9, 10));
        assertArrayEquals(new int[] {3, 2, 4}, g3[2].shape());
        assertEquals(9, g3[2].get(1, 1, 2));
        assertEquals(20, g3[1].get(2, 1, 3));
    }

    @Test
    void eyeIsIdentity() {
        Tensor e = Tensor.eye(4);
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) assertEquals(i == j ? 1.0 : 0.0, e.get(i, j));
        Tensor a = Tensor.randn(3L, 4, 4);
        assertArrayEquals(a.toDoubleArray(), e.matmul(a).toDoubleArray());
    }

    @Test
    void randomFactoriesAreSeededAndHaveTheRightMoments() {
        Tensor a = Tensor.randn(42L, 200, 100);
        Tensor b = Tensor.randn(42L, 200, 100);
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray()); // same seed, same numbers
        assertTrue(!Tensor.randn(43L, 4).allClose(Tensor.randn(42L, 4), 0, 0));
        // N(0,1): mean within 5 sigma/sqrt(n), variance near 1
        int n = 20000;
        double mean = a.mean().item();
        double var = a.sub(a.mean()).square().mean().item();
        assertEquals(0.0, mean, 5 / Math.sqrt(n));
        assertEquals(1.0, var, 5 * Math.sqrt(2.0 / n));

        Tensor u = Tensor.uniform(new Rng(7), -3, 5, 10000);
        assertTrue(u.min().item() >= -3 && u.max().item() < 5);
        assertEquals(1.0, u.mean().item(), 5 * 8 / Math.sqrt(12.0 * 10000));
        Tensor r = Tensor.rand(9L, 3, 3);
        assertArrayEquals(new int[] {3, 3}, r.shape());
        assertTrue(r.min().item() >= 0 && r.max().item() < 1);
        assertArrayEquals(r.toDoubleArray(), Tensor.rand(9L, 3, 3).toDoubleArray());
        // uniform(lo == hi) is constant
        assertArrayEquals(
                new double[] {2, 2}, Tensor.uniform(new Rng(1), 2, 2, 2).toDoubleArray());
    }

    @Test
    void rngIsSplitMix64() {
        // SplitMix64 reference outputs for seed 0 (Steele, Lea & Flood 2014; also
        // java.util.SplittableRandom(0).nextLong())
        Rng rng = new Rng(0);
        assertEquals(0xE220A8397B1DCDAFL, rng.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, rng.nextLong());
        assertEquals(0x06C45D188009454FL, rng.nextLong());
        int[] p = new Rng(5).permutation(10);
        boolean[] seen = new boolean[10];
        for (int i : p) seen[i] = true;
        for (boolean s : seen) assertTrue(s);
        assertNotSame(p, new Rng(5).permutation(10));
        assertArrayEquals(p, new Rng(5).permutation(10));
    }
}
