package dev.mollify.jmh.limits;

import dev.mollify.tensor.kernels.Simd;

/**
 * The direct convolution's inner loop alone, on data that stays in L1: {@link #ACCUMULATORS} vectors of
 * outputs held in registers across {@link #TAPS} kernel weights, each step broadcasting one weight and
 * multiply-adding it into every accumulator with a freshly loaded vector of x. Where the loads fall is the
 * one thing the two roofs built on it change: at the convolution's offsets (most of them split across two
 * cache lines) or at offsets that are whole cache lines.
 *
 * <p>Runs the Vector API loop ({@link LimitVectorKernels#loadFma}) when {@link Simd#enabled()}, otherwise
 * the scalar loop here, with vectors of one lane.
 */
public final class LoadFmaKernels {
    /** Kernel weights per output block, as in the convolution benchmark's K = 255. */
    public static final int TAPS = 255;

    /** Vectors of outputs per block, each its own accumulator (8 covers FMA latency × FMA pipes). */
    public static final int ACCUMULATORS = 8;

    /** Output blocks per call. */
    public static final int BLOCKS = 16;

    /**
     * The first element of a float array that lies on a 64-byte line when the array object does, i.e. under
     * {@code -XX:ObjectAlignmentInBytes=64}: a float[] header is 16 bytes (8 mark word, 4 compressed class
     * pointer, 4 length), so element i is at object + 16 + 4·i, and object + 16 + 4·12 = object + 64.
     */
    public static final int ALIGNED_START = 12;

    /** Distance between the loads of consecutive taps that keeps every load on a 64-byte line: 16 floats. */
    public static final int ALIGNED_STRIDE = 16;

    private LoadFmaKernels() {}

    /**
     * Floats of x that both placements fit in: {@link #ALIGNED_START} + BLOCKS · 8 · 16 + 16 · TAPS = 6,140
     * floats (24 KiB, in L1 together with the 1 KiB of weights). The convolution's placement reads only the
     * first BLOCKS · 8 · 16 + TAPS − 1 = 2,302 of them (9 KiB).
     *
     * @return the length of x
     */
    public static int length() {
        int widest = Math.max(LimitKernels.lanesF32(), 16);
        return ALIGNED_START + BLOCKS * ACCUMULATORS * widest + ALIGNED_STRIDE * TAPS;
    }

    /**
     * Multiply-adds of one {@link #loadFma} call, each on {@link LimitKernels#lanesF32()} lanes: ACCUMULATORS ·
     * TAPS · BLOCKS. FLOPs per call: 2 · lanes · that.
     *
     * @return the FMA instructions per call
     */
    public static long fmasPerCall() {
        return (long) ACCUMULATORS * TAPS * BLOCKS;
    }

    /**
     * Floats of y, the outputs of one call: BLOCKS blocks of ACCUMULATORS vectors.
     *
     * @return BLOCKS · ACCUMULATORS · {@link LimitKernels#lanesF32()}
     */
    public static int outputs() {
        return BLOCKS * ACCUMULATORS * LimitKernels.lanesF32();
    }

    /**
     * For each output block from q (BLOCKS blocks of ACCUMULATORS · lanes floats) and tap t &lt; h.length:
     * {@code s_j ← fma(x[from + q + stride·t + j·lanes …], h[t], s_j)} for j &lt; ACCUMULATORS, the s_j loaded
     * from y[q + j·lanes …] before the taps and stored back after them. Stride 1 from 0 is the convolution's
     * placement (output offset + tap); stride {@link #ALIGNED_STRIDE} from {@link #ALIGNED_START} puts every
     * load on one 64-byte line of an aligned array.
     *
     * @param x the input, at least {@link #length()} floats
     * @param from the offset of the first load
     * @param h the weights
     * @param stride the distance between the loads of consecutive taps
     * @param y the accumulators, {@link #outputs()} floats, continued from their values
     */
    public static void loadFma(float[] x, int from, float[] h, int stride, float[] y) {
        if (Simd.enabled()) LimitVectorKernels.loadFma(x, from, h, stride, y);
        else loadFmaScalar(x, from, h, stride, y);
    }

    static void loadFmaScalar(float[] x, int from, float[] h, int stride, float[] y) {
        for (int q = 0; q <= y.length - ACCUMULATORS; q += ACCUMULATORS) {
            float s0 = y[q], s1 = y[q + 1], s2 = y[q + 2], s3 = y[q + 3];
            float s4 = y[q + 4], s5 = y[q + 5], s6 = y[q + 6], s7 = y[q + 7];
            int o = from + q;
            for (int t = 0; t < h.length; t++, o += stride) {
                float w = h[t];
                s0 = Math.fma(x[o], w, s0);
                s1 = Math.fma(x[o + 1], w, s1);
                s2 = Math.fma(x[o + 2], w, s2);
                s3 = Math.fma(x[o + 3], w, s3);
                s4 = Math.fma(x[o + 4], w, s4);
                s5 = Math.fma(x[o + 5], w, s5);
                s6 = Math.fma(x[o + 6], w, s6);
                s7 = Math.fma(x[o + 7], w, s7);
            }
            y[q] = s0;
            y[q + 1] = s1;
            y[q + 2] = s2;
            y[q + 3] = s3;
            y[q + 4] = s4;
            y[q + 5] = s5;
            y[q + 6] = s6;
            y[q + 7] = s7;
        }
    }
}
