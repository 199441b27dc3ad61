package dev.mollify.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The fused kernels (linear, tanhBackward, mul3) against the unfused operations and naive loops. */
class TensorFusedOpsTest {

    @Test
    void mul3BroadcastsAllThreeLikeNaive() {
        Rng rng = new Rng(61);
        int[] as = {3, 1}, bs = {4}, cs = {2, 1, 1};
        double[] a = Naive.randomDyadic(rng, 3), b = Naive.randomDyadic(rng, 4), c = Naive.randomDyadic(rng, 2);
        Tensor y = TensorElementwiseTest.randomLayout(rng, a, as)
                .mul3(Tensor.of(b, bs).flip(0).flip(0), Tensor.of(c, cs), -1.5);
        int[] out = {2, 3, 4};
        assertArrayEquals(out, y.shape());
        double[] got = y.toDoubleArray();
        for (int f = 0; f < got.length; f++) {
            int[] idx = Naive.unravel(f, out);
            double want = -1.5 * Naive.at(a, as, idx) * Naive.at(b, bs, idx) * Naive.at(c, cs, idx);
            assertEquals(want, got[f], 0.0); // dyadic inputs: exact
        }
        Tensor f32 = Tensor.ofFloat(new float[] {1, 2}, 2)
                .mul3(Tensor.ofFloat(new float[] {3}, 1), Tensor.ofFloat(new float[] {0.5f, 4}, 2), 2);
        assertEquals(DType.F32, f32.dtype());
        assertArrayEquals(new float[] {3, 48}, f32.toFloatArray());
    }

    @Test
    void tanhBackwardIsGTimesOneMinusYSquared() {
        Rng rng = new Rng(62);
        Tensor g = Tensor.randn(rng, 3, 4).t(); // non-contiguous (4, 3)
        Tensor y = Tensor.randn(rng, 3).tanh(); // broadcast along rows
        Tensor z = g.tanhBackward(y);
        Tensor ref = g.mul(y.square().neg().add(1.0));
        assertArrayEquals(new int[] {4, 3}, z.shape());
        assertArrayEquals(ref.toDoubleArray(), z.toDoubleArray(), 1e-15);
        Tensor z32 = g.to(DType.F32).tanhBackward(y.to(DType.F32));
        assertEquals(DType.F32, z32.dtype());
        assertArrayEquals(ref.toDoubleArray(), z32.to(DType.F64).toDoubleArray(), 1e-6);
    }

    @Test
    void linearEqualsMatmulPlusBias() {
        Rng rng = new Rng(63);
        Tensor x = Tensor.randn(rng, 5, 3);
        Tensor w = Tensor.randn(rng, 4, 3).t(); // transposed weight view
        for (Tensor b : new Tensor[] {
            Tensor.randn(rng, 4), Tensor.randn(rng, 1, 4), Tensor.randn(rng, 5, 1), Tensor.scalar(0.25)
        }) {
            Tensor y = x.linear(w, b);
            assertArrayEquals(new int[] {5, 4}, y.shape());
            assertArrayEquals(x.matmul(w).add(b).toDoubleArray(), y.toDoubleArray(), 0.0);
        }
        Tensor xb = Tensor.randn(rng, 2, 5, 3);
        Tensor bias = Tensor.randn(rng, 4);
        assertArrayEquals(
                xb.matmul(w).add(bias).toDoubleArray(), xb.linear(w, bias).toDoubleArray(), 0.0);
        Tensor f = x.to(DType.F32).linear(w.to(DType.F32), bias.to(DType.F32));
        assertEquals(DType.F32, f.dtype());
        assertArrayEquals(x.matmul(w).add(bias).toDoubleArray(), f.to(DType.F64).toDoubleArray(), 1e-5);
        // a bias that would grow the result is an error naming both shapes
        TensorErrorTest.iae(() -> x.linear(w, Tensor.zeros(2, 5, 4)), "(2, 5, 4)", "(5, 4)");
        TensorErrorTest.iae(() -> x.linear(w, Tensor.zeros(3)), "(3,)", "(5, 4)");
    }

    @Test
    void productWithABroadcastExactOneIsTheOtherOperandItself() {
        Tensor r = Tensor.of(new double[] {2, Double.NaN, -0.0, Double.POSITIVE_INFINITY, 1e-310, -3}, 2, 3);
        Tensor seed = Tensor.scalar(1.0).reshape(1, 1).expand(2, 3); // what sum's backward hands to mul's
        assertSame(r, seed.mul(r));
        assertSame(r, r.mul(seed));
        assertSame(r, r.mul(Tensor.scalar(1.0)));
        double[] plain = r.toDoubleArray();
        double[] viaProduct = seed.mul(r).toDoubleArray();
        for (int i = 0; i < plain.length; i++)
            assertEquals(Double.doubleToRawLongBits(plain[i]), Double.doubleToRawLongBits(viaProduct[i]));
        // not taken when the one would grow the result, is not exactly one, or is a full tensor of ones
        Tensor row = Tensor.of(new double[] {4, 5, 6}, 1, 3);
        assertArrayEquals(new double[] {4, 5, 6, 4, 5, 6}, seed.mul(row).toDoubleArray(), 0.0);
        assertNotSame(
                r, Tensor.scalar(1.0 + 1e-16 * 2).reshape(1, 1).expand(2, 3).mul(r));
        assertNotSame(r, Tensor.ones(2, 3).mul(r));
        Tensor f = Tensor.ofFloat(new float[] {1.5f, -2f}, 2);
        assertSame(f, Tensor.ofFloat(new float[] {1f}, 1).expand(2).mul(f));
    }
}
