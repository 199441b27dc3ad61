package dev.mollify.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** concat, stack, the four pad modes (values from the {@link PadMode} Javadoc) and embedSlice. */
class TensorJoinPadTest {
    // the Javadoc's row [a b c d] = [1 2 3 4], padded by 2 on each side
    static final Tensor ROW = Tensor.vector(1, 2, 3, 4);

    @Test
    void padModesOnTheJavadocRow() {
        assertArrayEquals(
                new double[] {0, 0, 1, 2, 3, 4, 0, 0},
                ROW.pad(0, 2, 2, PadMode.ZERO).toDoubleArray());
        assertArrayEquals(
                new double[] {3, 2, 1, 2, 3, 4, 3, 2},
                ROW.pad(0, 2, 2, PadMode.REFLECT).toDoubleArray());
        assertArrayEquals(
                new double[] {1, 1, 1, 2, 3, 4, 4, 4},
                ROW.pad(0, 2, 2, PadMode.REPLICATE).toDoubleArray());
        assertArrayEquals(
                new double[] {3, 4, 1, 2, 3, 4, 1, 2},
                ROW.pad(0, 2, 2, PadMode.CIRCULAR).toDoubleArray());
    }

    @Test
    void padAsymmetricAndAtTheLimits() {
        assertArrayEquals(
                new double[] {2, 1, 2, 3, 4}, ROW.pad(0, 1, 0, PadMode.REFLECT).toDoubleArray());
        assertArrayEquals(
                new double[] {1, 2, 3, 4, 3, 2, 1},
                ROW.pad(0, 0, 3, PadMode.REFLECT).toDoubleArray()); // pad = n-1
        assertArrayEquals(
                new double[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4},
                ROW.pad(0, 4, 4, PadMode.CIRCULAR).toDoubleArray()); // pad = n
        assertArrayEquals(
                new double[] {1, 2, 3, 4, 4, 4, 4},
                ROW.pad(0, 0, 3, PadMode.REPLICATE).toDoubleArray());
        assertArrayEquals(
                new double[] {0, 1, 2, 3, 4}, ROW.pad(0, 1, 0, PadMode.ZERO).toDoubleArray());
        assertSame(ROW, ROW.pad(0, 0, 0, PadMode.REFLECT));
    }

    /** Every mode along each axis of a 2-D non-contiguous input, against an index-formula reference. */
    @Test
    void padModesAlongEachAxisOfATransposedInputMatchNaive() {
        Tensor x = Tensor.arange(15).reshape(3, 5).t(); // (5, 3), non-contiguous
        for (PadMode mode : PadMode.values()) {
            for (int axis = 0; axis < 2; axis++) {
                int n = x.size(axis);
                int before = 2, after = Math.min(n - 1, 3);
                Tensor p = x.pad(axis, before, after, mode);
                int[] ps = x.shape();
                ps[axis] += before + after;
                assertArrayEquals(ps, p.shape());
                for (int i = 0; i < ps[0]; i++) {
                    for (int j = 0; j < ps[1]; j++) {
                        int[] idx = {i, j};
                        int k = idx[axis] - before; // position along the original axis
                        double want;
                        int src;
                        switch (mode) {
                            case ZERO:
                                src = k >= 0 && k < n ? k : -1;
                                break;
                            case REFLECT:
                                src = k < 0 ? -k : (k >= n ? 2 * (n - 1) - k : k);
                                break;
                            case REPLICATE:
                                src = Math.max(0, Math.min(n - 1, k));
                                break;
                            default:
                                src = Math.floorMod(k, n);
                        }
                        if (src < 0) {
                            want = 0;
                        } else {
                            idx[axis] = src;
                            want = x.get(idx);
                        }
                        assertEquals(want, p.get(i, j), mode + " axis " + axis + " at (" + i + ", " + j + ")");
                    }
                }
            }
        }
    }

    @Test
    void padEveryAxisAtOnce() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor p = x.pad(new int[] {1, 0}, new int[] {0, 1}, PadMode.REPLICATE);
        assertArrayEquals(new int[] {3, 3}, p.shape());
        assertArrayEquals(new double[] {1, 2, 2, 1, 2, 2, 3, 4, 4}, p.toDoubleArray());
        Tensor z = x.pad(new int[] {1, 1}, new int[] {1, 1}, PadMode.ZERO);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0}, z.toDoubleArray());
    }

    @Test
    void padF32KeepsDType() {
        Tensor x = Tensor.ofFloat(new float[] {1, 2, 3}, 3);
        for (PadMode m : PadMode.values())
            assertEquals(DType.F32, x.pad(0, 1, 1, m).dtype());
        assertArrayEquals(
                new float[] {3, 1, 2, 3, 1}, x.pad(0, 1, 1, PadMode.CIRCULAR).toFloatArray());
    }

    @Test
    void concatAlongEachAxisMatchesNaive() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        Tensor b = Tensor.arange(6).add(10).reshape(2, 3).flip(1); // non-contiguous part
        Tensor c0 = Tensor.concat(0, a, b);
        assertArrayEquals(new int[] {4, 3}, c0.shape());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 12, 11, 10, 15, 14, 13}, c0.toDoubleArray());
        Tensor c1 = Tensor.concat(-1, a, b, a);
        assertArrayEquals(new int[] {2, 9}, c1.shape());
        assertArrayEquals(
                new double[] {0, 1, 2, 12, 11, 10, 0, 1, 2, 3, 4, 5, 15, 14, 13, 3, 4, 5}, c1.toDoubleArray());
        // parts of different lengths along the axis, including an empty one
        Tensor d = Tensor.concat(1, a, Tensor.zeros(2, 0), a.narrow(1, 0, 1));
        assertArrayEquals(new double[] {0, 1, 2, 0, 3, 4, 5, 3}, d.toDoubleArray());
        // a single part gives an equal copy
        assertArrayEquals(a.toDoubleArray(), Tensor.concat(0, a).toDoubleArray());
    }

    @Test
    void stackAddsAnAxis() {
        Tensor a = Tensor.vector(1, 2, 3);
        Tensor b = Tensor.vector(4, 5, 6);
        Tensor s0 = Tensor.stack(0, a, b);
        assertArrayEquals(new int[] {2, 3}, s0.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, s0.toDoubleArray());
        Tensor s1 = Tensor.stack(1, a, b);
        assertArrayEquals(new int[] {3, 2}, s1.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, s1.toDoubleArray());
        assertArrayEquals(s1.toDoubleArray(), Tensor.stack(-1, a, b).toDoubleArray());
        Tensor m = Tensor.arange(4).reshape(2, 2);
        assertArrayEquals(new int[] {2, 3, 2}, Tensor.stack(1, m, m, m).shape());
        assertEquals(6, Tensor.stack(1, m, m.mul(2), m).get(1, 1, 1)); // (m·2)[1][1] = 3·2
    }

    @Test
    void embedSliceIsTheAdjointOfSlice() {
        Rng rng = new Rng(5);
        int n = 9;
        for (int step : new int[] {1, 2, 3, -1, -2, -4}) {
            for (int trial = 0; trial < 10; trial++) {
                int start = rng.nextInt(n);
                int[] idx = Naive.pythonSlice(n, start, step > 0 ? n : -n - 1, step);
                int len = 1 + rng.nextInt(idx.length);
                Tensor part = Tensor.randn(rng, 2, len);
                Tensor full = part.embedSlice(new int[] {2, n}, 1, start, step);
                assertArrayEquals(new int[] {2, n}, full.shape());
                double[] want = new double[2 * n];
                for (int r = 0; r < 2; r++) for (int j = 0; j < len; j++) want[r * n + idx[j]] = part.get(r, j);
                assertArrayEquals(want, full.toDoubleArray(), "start " + start + " step " + step + " len " + len);
                // adjoint identity: <slice(y), x> == <y, embed(x)>
                Tensor y = Tensor.randn(rng, 2, n);
                Tensor sl = y.slice(1, start, start + len * step < 0 ? -n - 1 : start + len * step, step);
                assertEquals(sl.mul(part).sum().item(), y.mul(full).sum().item(), 1e-12);
            }
        }
    }
}
