package dev.mollify.mollifier;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Vector API versions of {@link RowKernels}' loops; the tail goes to the scalar loop. */
final class RowKernelsVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> SF = FloatVector.SPECIES_PREFERRED;

    private RowKernelsVector() {}

    /** See {@link RowKernels#correlateRow}: 8 (then 4, then 1) vectors of outputs stay in registers across the kn taps. */
    static void correlateRow(double[] x, int xo, double[] w, int wo, int kn, double[] y, int yo, int n) {
        int len = S.length(), i = 0;
        for (; i <= n - 8 * len; i += 8 * len) {
            int q = yo + i;
            DoubleVector a0 = DoubleVector.fromArray(S, y, q), a1 = DoubleVector.fromArray(S, y, q + len);
            DoubleVector a2 = DoubleVector.fromArray(S, y, q + 2 * len), a3 = DoubleVector.fromArray(S, y, q + 3 * len);
            DoubleVector a4 = DoubleVector.fromArray(S, y, q + 4 * len), a5 = DoubleVector.fromArray(S, y, q + 5 * len);
            DoubleVector a6 = DoubleVector.fromArray(S, y, q + 6 * len), a7 = DoubleVector.fromArray(S, y, q + 7 * len);
            int p = xo + i;
            for (int k = 0; k < kn; k++, p++) {
                DoubleVector wv = DoubleVector.broadcast(S, w[wo + k]);
                a0 = DoubleVector.fromArray(S, x, p).fma(wv, a0);
                a1 = DoubleVector.fromArray(S, x, p + len).fma(wv, a1);
                a2 = DoubleVector.fromArray(S, x, p + 2 * len).fma(wv, a2);
                a3 = DoubleVector.fromArray(S, x, p + 3 * len).fma(wv, a3);
                a4 = DoubleVector.fromArray(S, x, p + 4 * len).fma(wv, a4);
                a5 = DoubleVector.fromArray(S, x, p + 5 * len).fma(wv, a5);
                a6 = DoubleVector.fromArray(S, x, p + 6 * len).fma(wv, a6);
                a7 = DoubleVector.fromArray(S, x, p + 7 * len).fma(wv, a7);
            }
            a0.intoArray(y, q);
            a1.intoArray(y, q + len);
            a2.intoArray(y, q + 2 * len);
            a3.intoArray(y, q + 3 * len);
            a4.intoArray(y, q + 4 * len);
            a5.intoArray(y, q + 5 * len);
            a6.intoArray(y, q + 6 * len);
            a7.intoArray(y, q + 7 * len);
        }
        for (; i <= n - 4 * len; i += 4 * len) {
            int q = yo + i;
            DoubleVector a0 = DoubleVector.fromArray(S, y, q), a1 = DoubleVector.fromArray(S, y, q + len);
            DoubleVector a2 = DoubleVector.fromArray(S, y, q + 2 * len), a3 = DoubleVector.fromArray(S, y, q + 3 * len);
            int p = xo + i;
            for (int k = 0; k < kn; k++, p++) {
                DoubleVector wv = DoubleVector.broadcast(S, w[wo + k]);
                a0 = DoubleVector.fromArray(S, x, p).fma(wv, a0);
                a1 = DoubleVector.fromArray(S, x, p + len).fma(wv, a1);
                a2 = DoubleVector.fromArray(S, x, p + 2 * len).fma(wv, a2);
                a3 = DoubleVector.fromArray(S, x, p + 3 * len).fma(wv, a3);
            }
            a0.intoArray(y, q);
            a1.intoArray(y, q + len);
            a2.intoArray(y, q + 2 * len);
            a3.intoArray(y, q + 3 * len);
        }
        for (; i <= n - len; i += len) {
            DoubleVector a0 = DoubleVector.fromArray(S, y, yo + i);
            int p = xo + i;
            for (int k = 0; k < kn; k++, p++) a0 = DoubleVector.fromArray(S, x, p).fma(DoubleVector.broadcast(S, w[wo + k]), a0);
            a0.intoArray(y, yo + i);
        }
        if (i < n) {
            for (int k = 0; k < kn; k++) RowKernels.axpyScalar(w[wo + k], x, xo + i + k, y, yo + i, n - i);
        }
    }

    /**
     * See {@link RowKernels#tapRow}: blocks of 1024 outputs (held in L1 across the taps), 8 taps at a time
     * sharing each load of g (the last group shifted back to overlap; 4 and 1 for fewer than 8 taps); block sums (lanes added in a fixed order) go to the double accumulators.
     */
    static void tapRow(double[] g, int go, double[] x, int xo, int n, int kn, double[] acc, int ao) {
        int len = S.length();
        double[] buf = new double[len];
        for (int s = 0; s < n; s += 1024) {
            int bn = Math.min(1024, n - s), m = S.loopBound(bn), gs = go + s;
            int k = 0;
            // groups of 8 taps; the last group is shifted back to end at kn and adds only the taps not yet done
            // (each tap's sum is the same arithmetic in any group, so this only saves the slow 1-tap loop)
            while (kn >= 8 && k < kn) {
                int k0 = Math.min(k, kn - 8);
                DoubleVector a0 = DoubleVector.zero(S), a1 = DoubleVector.zero(S), a2 = DoubleVector.zero(S), a3 = DoubleVector.zero(S);
                DoubleVector a4 = DoubleVector.zero(S), a5 = DoubleVector.zero(S), a6 = DoubleVector.zero(S), a7 = DoubleVector.zero(S);
                int p = xo + s + k0;
                for (int i = 0; i < m; i += len) {
                    DoubleVector gv = DoubleVector.fromArray(S, g, gs + i);
                    a0 = DoubleVector.fromArray(S, x, p + i).fma(gv, a0);
                    a1 = DoubleVector.fromArray(S, x, p + i + 1).fma(gv, a1);
                    a2 = DoubleVector.fromArray(S, x, p + i + 2).fma(gv, a2);
                    a3 = DoubleVector.fromArray(S, x, p + i + 3).fma(gv, a3);
                    a4 = DoubleVector.fromArray(S, x, p + i + 4).fma(gv, a4);
                    a5 = DoubleVector.fromArray(S, x, p + i + 5).fma(gv, a5);
                    a6 = DoubleVector.fromArray(S, x, p + i + 6).fma(gv, a6);
                    a7 = DoubleVector.fromArray(S, x, p + i + 7).fma(gv, a7);
                }
                int r = bn - m;
                if (k0 >= k) acc[ao + k0] += lanes(a0, buf) + RowKernels.dotScalar(g, gs + m, x, p + m, r);
                if (k0 + 1 >= k) acc[ao + k0 + 1] += lanes(a1, buf) + RowKernels.dotScalar(g, gs + m, x, p + 1 + m, r);
                if (k0 + 2 >= k) acc[ao + k0 + 2] += lanes(a2, buf) + RowKernels.dotScalar(g, gs + m, x, p + 2 + m, r);
                if (k0 + 3 >= k) acc[ao + k0 + 3] += lanes(a3, buf) + RowKernels.dotScalar(g, gs + m, x, p + 3 + m, r);
                if (k0 + 4 >= k) acc[ao + k0 + 4] += lanes(a4, buf) + RowKernels.dotScalar(g, gs + m, x, p + 4 + m, r);
                if (k0 + 5 >= k) acc[ao + k0 + 5] += lanes(a5, buf) + RowKernels.dotScalar(g, gs + m, x, p + 5 + m, r);
                if (k0 + 6 >= k) acc[ao + k0 + 6] += lanes(a6, buf) + RowKernels.dotScalar(g, gs + m, x, p + 6 + m, r);
                if (k0 + 7 >= k) acc[ao + k0 + 7] += lanes(a7, buf) + RowKernels.dotScalar(g, gs + m, x, p + 7 + m, r);
                k = k0 + 8;
            }
            for (; k <= kn - 4; k += 4) {
                DoubleVector a0 = DoubleVector.zero(S), a1 = DoubleVector.zero(S), a2 = DoubleVector.zero(S), a3 = DoubleVector.zero(S);
                int p = xo + s + k;
                for (int i = 0; i < m; i += len) {
                    DoubleVector gv = DoubleVector.fromArray(S, g, gs + i);
                    a0 = DoubleVector.fromArray(S, x, p + i).fma(gv, a0);
                    a1 = DoubleVector.fromArray(S, x, p + i + 1).fma(gv, a1);
                    a2 = DoubleVector.fromArray(S, x, p + i + 2).fma(gv, a2);
                    a3 = DoubleVector.fromArray(S, x, p + i + 3).fma(gv, a3);
                }
                int r = bn - m;
                acc[ao + k] += lanes(a0, buf) + RowKernels.dotScalar(g, gs + m, x, p + m, r);
                acc[ao + k + 1] += lanes(a1, buf) + RowKernels.dotScalar(g, gs + m, x, p + 1 + m, r);
                acc[ao + k + 2] += lanes(a2, buf) + RowKernels.dotScalar(g, gs + m, x, p + 2 + m, r);
                acc[ao + k + 3] += lanes(a3, buf) + RowKernels.dotScalar(g, gs + m, x, p + 3 + m, r);
            }
            for (; k < kn; k++) {
                DoubleVector a0 = DoubleVector.zero(S);
                int p = xo + s + k;
                for (int i = 0; i < m; i += len) a0 = DoubleVector.fromArray(S, x, p + i).fma(DoubleVector.fromArray(S, g, gs + i), a0);
                acc[ao + k] += lanes(a0, buf) + RowKernels.dotScalar(g, gs + m, x, p + m, bn - m);
            }
        }
    }

    /** Σ of the lanes in lane order (reduceLanes(ADD) leaves the order unspecified: it differs between the JIT's tiers). */
    private static double lanes(DoubleVector v, double[] buf) {
        v.intoArray(buf, 0);
        double sum = 0;
        for (double e : buf) sum += e;
        return sum;
    }

    /** See {@link RowKernels#correlateRow}: 8 (then 4, then 1) vectors of outputs stay in registers across the kn taps. */
    static void correlateRow(float[] x, int xo, float[] w, int wo, int kn, float[] y, int yo, int n) {
        int len = SF.length(), i = 0;
        for (; i <= n - 8 * len; i += 8 * len) {
            int q = yo + i;
            FloatVector a0 = FloatVector.fromArray(SF, y, q), a1 = FloatVector.fromArray(SF, y, q + len);
            FloatVector a2 = FloatVector.fromArray(SF, y, q + 2 * len), a3 = FloatVector.fromArray(SF, y, q + 3 * len);
            FloatVector a4 = FloatVector.fromArray(SF, y, q + 4 * len), a5 = FloatVector.fromArray(SF, y, q + 5 * len);
            FloatVector a6 = FloatVector.fromArray(SF, y, q + 6 * len), a7 = FloatVector.fromArray(SF, y, q + 7 * len);
            int p = xo + i;
            for (int k = 0; k < kn; k++, p++) {
                FloatVector wv = FloatVector.broadcast(SF, w[wo + k]);
                a0 = FloatVector.fromArray(SF, x, p).fma(wv, a0);
                a1 = FloatVector.fromArray(SF, x, p + len).fma(wv, a1);
                a2 = FloatVector.fromArray(SF, x, p + 2 * len).fma(wv, a2);
                a3 = FloatVector.fromArray(SF, x, p + 3 * len).fma(wv, a3);
                a4 = FloatVector.fromArray(SF, x, p + 4 * len).fma(wv, a4);
                a5 = FloatVector.fromArray(SF, x, p + 5 * len).fma(wv, a5);
                a6 = FloatVector.fromArray(SF, x, p + 6 * len).fma(wv, a6);
                a7 = FloatVector.fromArray(SF, x, p + 7 * len).fma(wv, a7);
            }
            a0.intoArray(y, q);
            a1.intoArray(y, q + len);
            a2.intoArray(y, q + 2 * len);
            a3.intoArray(y, q + 3 * len);
            a4.intoArray(y, q + 4 * len);
            a5.intoArray(y, q + 5 * len);
            a6.intoArray(y, q + 6 * len);
            a7.intoArray(y, q + 7 * len);
        }
        for (; i <= n - 4 * len; i += 4 * len) {
            int q = yo + i;
            FloatVector a0 = FloatVector.fromArray(SF, y, q), a1 = FloatVector.fromArray(SF, y, q + len);
            FloatVector a2 = FloatVector.fromArray(SF, y, q + 2 * len), a3 = FloatVector.fromArray(SF, y, q + 3 * len);
            int p = xo + i;
            for (int k = 0; k < kn; k++, p++) {
                FloatVector wv = FloatVector.broadcast(SF, w[wo + k]);
                a0 = FloatVector.fromArray(SF, x, p).fma(wv, a0);
                a1 = FloatVector.fromArray(SF, x, p + len).fma(wv, a1);
                a2 = FloatVector.fromArray(SF, x, p + 2 * len).fma(wv, a2);
                a3 = FloatVector.fromArray(SF, x, p + 3 * len).fma(wv, a3);
            }
            a0.intoArray(y, q);
            a1.intoArray(y, q + len);
            a2.intoArray(y, q + 2 * len);
            a3.intoArray(y, q + 3 * len);
        }
        for (; i <= n - len; i += len) {
            FloatVector a0 = FloatVector.fromArray(SF, y, yo + i);
            int p = xo + i;
            for (int k = 0; k < kn; k++, p++) a0 = FloatVector.fromArray(SF, x, p).fma(FloatVector.broadcast(SF, w[wo + k]), a0);
            a0.intoArray(y, yo + i);
        }
        if (i < n) {
            for (int k = 0; k < kn; k++) RowKernels.axpyScalar(w[wo + k], x, xo + i + k, y, yo + i, n - i);
        }
    }

    /**
     * See {@link RowKernels#tapRow}: blocks of 2048 outputs (held in L1 across the taps), 8 taps at a time
     * sharing each load of g (the last group shifted back to overlap; 4 and 1 for fewer than 8 taps); block sums (lanes added in a fixed order) go to the double accumulators.
     */
    static void tapRow(float[] g, int go, float[] x, int xo, int n, int kn, double[] acc, int ao) {
        int len = SF.length();
        float[] buf = new float[len];
        for (int s = 0; s < n; s += 2048) {
            int bn = Math.min(2048, n - s), m = SF.loopBound(bn), gs = go + s;
            int k = 0;
            // groups of 8 taps; the last group is shifted back to end at kn and adds only the taps not yet done
            // (each tap's sum is the same arithmetic in any group, so this only saves the slow 1-tap loop)
            while (kn >= 8 && k < kn) {
                int k0 = Math.min(k, kn - 8);
                FloatVector a0 = FloatVector.zero(SF), a1 = FloatVector.zero(SF), a2 = FloatVector.zero(SF), a3 = FloatVector.zero(SF);
                FloatVector a4 = FloatVector.zero(SF), a5 = FloatVector.zero(SF), a6 = FloatVector.zero(SF), a7 = FloatVector.zero(SF);
                int p = xo + s + k0;
                for (int i = 0; i < m; i += len) {
                    FloatVector gv = FloatVector.fromArray(SF, g, gs + i);
                    a0 = FloatVector.fromArray(SF, x, p + i).fma(gv, a0);
                    a1 = FloatVector.fromArray(SF, x, p + i + 1).fma(gv, a1);
                    a2 = FloatVector.fromArray(SF, x, p + i + 2).fma(gv, a2);
                    a3 = FloatVector.fromArray(SF, x, p + i + 3).fma(gv, a3);
                    a4 = FloatVector.fromArray(SF, x, p + i + 4).fma(gv, a4);
                    a5 = FloatVector.fromArray(SF, x, p + i + 5).fma(gv, a5);
                    a6 = FloatVector.fromArray(SF, x, p + i + 6).fma(gv, a6);
                    a7 = FloatVector.fromArray(SF, x, p + i + 7).fma(gv, a7);
                }
                int r = bn - m;
                if (k0 >= k) acc[ao + k0] += lanes(a0, buf) + RowKernels.dotScalar(g, gs + m, x, p + m, r);
                if (k0 + 1 >= k) acc[ao + k0 + 1] += lanes(a1, buf) + RowKernels.dotScalar(g, gs + m, x, p + 1 + m, r);
                if (k0 + 2 >= k) acc[ao + k0 + 2] += lanes(a2, buf) + RowKernels.dotScalar(g, gs + m, x, p + 2 + m, r);
                if (k0 + 3 >= k) acc[ao + k0 + 3] += lanes(a3, buf) + RowKernels.dotScalar(g, gs + m, x, p + 3 + m, r);
                if (k0 + 4 >= k) acc[ao + k0 + 4] += lanes(a4, buf) + RowKernels.dotScalar(g, gs + m, x, p + 4 + m, r);
                if (k0 + 5 >= k) acc[ao + k0 + 5] += lanes(a5, buf) + RowKernels.dotScalar(g, gs + m, x, p + 5 + m, r);
                if (k0 + 6 >= k) acc[ao + k0 + 6] += lanes(a6, buf) + RowKernels.dotScalar(g, gs + m, x, p + 6 + m, r);
                if (k0 + 7 >= k) acc[ao + k0 + 7] += lanes(a7, buf) + RowKernels.dotScalar(g, gs + m, x, p + 7 + m, r);
                k = k0 + 8;
            }
            for (; k <= kn - 4; k += 4) {
                FloatVector a0 = FloatVector.zero(SF), a1 = FloatVector.zero(SF), a2 = FloatVector.zero(SF), a3 = FloatVector.zero(SF);
                int p = xo + s + k;
                for (int i = 0; i < m; i += len) {
                    FloatVector gv = FloatVector.fromArray(SF, g, gs + i);
                    a0 = FloatVector.fromArray(SF, x, p + i).fma(gv, a0);
                    a1 = FloatVector.fromArray(SF, x, p + i + 1).fma(gv, a1);
                    a2 = FloatVector.fromArray(SF, x, p + i + 2).fma(gv, a2);
                    a3 = FloatVector.fromArray(SF, x, p + i + 3).fma(gv, a3);
                }
                int r = bn - m;
                acc[ao + k] += lanes(a0, buf) + RowKernels.dotScalar(g, gs + m, x, p + m, r);
                acc[ao + k + 1] += lanes(a1, buf) + RowKernels.dotScalar(g, gs + m, x, p + 1 + m, r);
                acc[ao + k + 2] += lanes(a2, buf) + RowKernels.dotScalar(g, gs + m, x, p + 2 + m, r);
                acc[ao + k + 3] += lanes(a3, buf) + RowKernels.dotScalar(g, gs + m, x, p + 3 + m, r);
            }
            for (; k < kn; k++) {
                FloatVector a0 = FloatVector.zero(SF);
                int p = xo + s + k;
                for (int i = 0; i < m; i += len) a0 = FloatVector.fromArray(SF, x, p + i).fma(FloatVector.fromArray(SF, g, gs + i), a0);
                acc[ao + k] += lanes(a0, buf) + RowKernels.dotScalar(g, gs + m, x, p + m, bn - m);
            }
        }
    }

    /** Σ of the lanes in lane order (reduceLanes(ADD) leaves the order unspecified: it differs between the JIT's tiers). */
    private static float lanes(FloatVector v, float[] buf) {
        v.intoArray(buf, 0);
        float sum = 0;
        for (float e : buf) sum += e;
        return sum;
    }
}
