package dev.mollify.mollifier;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of {@link RowKernels}' loops; the tail goes to the scalar loop. The double loops
 * come first; each float loop after them is its double twin under the precision mapping of the tensor
 * README (kept in step by {@code PrecisionTwinsTest}).
 */
final class RowKernelsVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> SF = FloatVector.SPECIES_PREFERRED;

    private RowKernelsVector() {}

    /**
     * {@link #correlateRow} takes {@code block8Windowed} for its 8-vector blocks from kn ≥ this × lanes taps
     * (128 with AVX-512 floats, 64 with doubles): there its fewer loads of x pay for its round trips of y
     * (measured F32, one thread: 1.1–1.7× faster at K = 255, about even at K = 101, about 10 % slower at K = 51).
     */
    private static final int WINDOWED_MIN_TAPS = 8;

    /** The per-tap sums run in blocks of 8 KiB of outputs (1024 doubles, 2048 floats), held in L1 across the taps. */
    private static final int BLOCK_BYTES = 8192;

    /** Per-thread per-tap partial sums of {@code correlateTapRow} (kept all zero between calls). */
    private static final ThreadLocal<double[]> CV_D = ThreadLocal.withInitial(() -> new double[0]);

    private static final ThreadLocal<float[]> CV_F = ThreadLocal.withInitial(() -> new float[0]);

    private static double[] cvD(int n) {
        double[] c = CV_D.get();
        if (c.length < n) CV_D.set(c = new double[n]);
        return c;
    }

    private static float[] cvF(int n) {
        float[] c = CV_F.get();
        if (c.length < n) CV_F.set(c = new float[n]);
        return c;
    }

    /** Per-thread copies for the last, partial block of {@code correlateTapRow} (a, b and z; filled by the caller). */
    private static final ThreadLocal<double[][]> PAD_D = ThreadLocal.withInitial(() -> new double[3][0]);

    private static final ThreadLocal<float[][]> PAD_F = ThreadLocal.withInitial(() -> new float[3][0]);

    private static double[] padD(int which, int n) {
        double[][] p = PAD_D.get();
        if (p[which].length < n) p[which] = new double[n];
        return p[which];
    }

    private static float[] padF(int which, int n) {
        float[][] p = PAD_F.get();
        if (p[which].length < n) p[which] = new float[n];
        return p[which];
    }

    /**
     * See {@link RowKernels#correlateRow}: 8 (then 4, then 1) vectors of outputs stay in registers across the kn
     * taps, the 8-vector blocks through {@code block8Windowed} from {@link #WINDOWED_MIN_TAPS} × lanes taps.
     */
    static void correlateRow(double[] x, int xo, double[] w, int wo, int kn, double[] y, int yo, int n) {
        int len = S.length(), i = 0;
        if (kn >= WINDOWED_MIN_TAPS * len) {
            for (; i <= n - 8 * len; i += 8 * len) block8Windowed(x, xo, w, wo, kn, y, yo, i);
        }
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
            for (int k = 0; k < kn; k++, p++)
                a0 = DoubleVector.fromArray(S, x, p).fma(DoubleVector.broadcast(S, w[wo + k]), a0);
            a0.intoArray(y, yo + i);
        }
        if (i < n) {
            for (int k = 0; k < kn; k++) RowKernels.axpyScalar(w[wo + k], x, xo + i + k, y, yo + i, n - i);
        }
    }

    /**
     * One block of 8 vectors of outputs from {@code yo + i} for {@link #correlateRow} with many taps: the taps
     * in {@code len} passes, pass t taking t, t + len, t + 2·len, ... . Output vector j at tap t + len·d reads
     * the vector of x that output vector j + 1 read at tap t + len·(d − 1), so 7 of the 8 vectors carry over in
     * registers and each tap loads one: kn + 7·len loads of x (and 8·len loads and stores of y) per block instead of
     * 8·kn loads of x.
     * Each output sums its taps in that order (one fma per tap), the same for any split of the row.
     */
    private static void block8Windowed(double[] x, int xo, double[] w, int wo, int kn, double[] y, int yo, int i) {
        int len = S.length(), q = yo + i;
        for (int t = 0; t < len && t < kn; t++) {
            DoubleVector a0 = DoubleVector.fromArray(S, y, q), a1 = DoubleVector.fromArray(S, y, q + len);
            DoubleVector a2 = DoubleVector.fromArray(S, y, q + 2 * len), a3 = DoubleVector.fromArray(S, y, q + 3 * len);
            DoubleVector a4 = DoubleVector.fromArray(S, y, q + 4 * len), a5 = DoubleVector.fromArray(S, y, q + 5 * len);
            DoubleVector a6 = DoubleVector.fromArray(S, y, q + 6 * len), a7 = DoubleVector.fromArray(S, y, q + 7 * len);
            int p = xo + i + t;
            DoubleVector v0 = DoubleVector.fromArray(S, x, p), v1 = DoubleVector.fromArray(S, x, p + len);
            DoubleVector v2 = DoubleVector.fromArray(S, x, p + 2 * len), v3 = DoubleVector.fromArray(S, x, p + 3 * len);
            DoubleVector v4 = DoubleVector.fromArray(S, x, p + 4 * len), v5 = DoubleVector.fromArray(S, x, p + 5 * len);
            DoubleVector v6 = DoubleVector.fromArray(S, x, p + 6 * len);
            for (int k = t; k < kn; k += len, p += len) {
                DoubleVector v7 = DoubleVector.fromArray(S, x, p + 7 * len);
                DoubleVector wv = DoubleVector.broadcast(S, w[wo + k]);
                a0 = v0.fma(wv, a0);
                a1 = v1.fma(wv, a1);
                a2 = v2.fma(wv, a2);
                a3 = v3.fma(wv, a3);
                a4 = v4.fma(wv, a4);
                a5 = v5.fma(wv, a5);
                a6 = v6.fma(wv, a6);
                a7 = v7.fma(wv, a7);
                v0 = v1;
                v1 = v2;
                v2 = v3;
                v3 = v4;
                v4 = v5;
                v5 = v6;
                v6 = v7;
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
    }

    /**
     * See {@link RowKernels#tapRow}: blocks of 1024 outputs (held in L1 across the taps), 8 taps at a time
     * sharing each load of g (the last group shifted back to overlap; 4 and 1 for fewer than 8 taps); block sums (lanes
     * added in a fixed order) go to the double accumulators.
     */
    static void tapRow(double[] g, int go, double[] x, int xo, int n, int kn, double[] acc, int ao) {
        int len = S.length();
        double[] buf = new double[len];
        for (int s = 0; s < n; s += BLOCK_BYTES / Double.BYTES) {
            int bn = Math.min(BLOCK_BYTES / Double.BYTES, n - s), m = S.loopBound(bn), gs = go + s;
            int k = 0;
            // groups of 8 taps; the last group is shifted back to end at kn and adds only the taps not yet done
            // (each tap's sum is the same arithmetic in any group, so this only saves the slow 1-tap loop)
            while (kn >= 8 && k < kn) {
                int k0 = Math.min(k, kn - 8);
                DoubleVector a0 = DoubleVector.zero(S),
                        a1 = DoubleVector.zero(S),
                        a2 = DoubleVector.zero(S),
                        a3 = DoubleVector.zero(S);
                DoubleVector a4 = DoubleVector.zero(S),
                        a5 = DoubleVector.zero(S),
                        a6 = DoubleVector.zero(S),
                        a7 = DoubleVector.zero(S);
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
                DoubleVector a0 = DoubleVector.zero(S),
                        a1 = DoubleVector.zero(S),
                        a2 = DoubleVector.zero(S),
                        a3 = DoubleVector.zero(S);
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
                for (int i = 0; i < m; i += len)
                    a0 = DoubleVector.fromArray(S, x, p + i).fma(DoubleVector.fromArray(S, g, gs + i), a0);
                acc[ao + k] += lanes(a0, buf) + RowKernels.dotScalar(g, gs + m, x, p + m, bn - m);
            }
        }
    }

    /**
     * See {@link RowKernels#correlateTapRow}: blocks of 8 vectors of outputs ({@code block8}: {@code both8} for the
     * taps k0..k1, {@code taps8} for the zero end taps, which need only their per-tap sums). For each tap the
     * block's 8 vectors of a are loaded once and feed both multiply-adds: the z accumulators (with wf[k], taps
     * k0..k1 only; held in registers across the taps, as in {@link #correlateRow}'s 8-vector loop) and the
     * tap's partial sum with the block's vectors of b (held in registers across the taps; two chains, the
     * first starting from the tap's running vector, joined in a fixed order), which lives in a small L1 array
     * {@code cv}. Every 1024 outputs those vectors are reduced (lanes in order) into the accumulators acc. The
     * last, partial block of a row (fewer than 8 vectors) runs the same block on zero-padded copies: its
     * extra outputs read b = 0, so (for finite a) they add exact zeros to the per-tap sums, and their z is
     * not copied back.
     * There are no 4- and 1-vector loops: run only at row ends, such loops stay C1 code (where Vector API
     * operations are calls and allocations) for seconds of warm-up.
     */
    static void correlateTapRow(
            double[] a,
            int ao,
            double[] wf,
            int k0,
            int k1,
            int kn,
            double[] z,
            int zo,
            double[] b,
            int bo,
            int n,
            double[] acc,
            int t0,
            int t1) {
        int len = S.length(), blockLen = 8 * len;
        double[] cv = cvD(kn * len);
        int tLo = k0 < k1 ? Math.min(t0, k0) : t0, tHi = k0 < k1 ? Math.max(t1, k1) : t1;
        for (int s = 0; s < n; s += BLOCK_BYTES / Double.BYTES) {
            int bn = Math.min(BLOCK_BYTES / Double.BYTES, n - s), i = 0;
            for (; i <= bn - blockLen; i += blockLen) block8(a, ao, wf, k0, k1, t0, t1, z, zo, b, bo, s + i, cv);
            int r = bn - i;
            if (r > 0) {
                // the last, partial block through zero-padded copies (its extra outputs read b = 0: they add exact
                // zeros)
                double[] sa = padD(0, blockLen + kn - 1), sb = padD(1, blockLen), sz = padD(2, blockLen);
                System.arraycopy(a, ao + s + i, sa, 0, r + kn - 1);
                java.util.Arrays.fill(sa, r + kn - 1, blockLen + kn - 1, 0.0);
                System.arraycopy(b, bo + s + i, sb, 0, r);
                java.util.Arrays.fill(sb, r, blockLen, 0.0);
                block8(sa, 0, wf, k0, k1, t0, t1, sz, 0, sb, 0, 0, cv);
                System.arraycopy(sz, 0, z, zo + s + i, r);
            }
            // lanes in order (as lanes()), then cleared for the next block; only taps summed above (the rest of cv
            // stays 0)
            for (int k = tLo, c = tLo * len; k < tHi; k++) {
                double sum = 0;
                for (int l = 0; l < len; l++, c++) {
                    sum += cv[c];
                    cv[c] = 0;
                }
                acc[k] += sum;
            }
        }
    }

    /**
     * One block of 8 vectors of outputs from q: both loops for the non-zero taps [k0, k1), the per-tap sums alone for
     * the rest of [t0, t1).
     */
    private static void block8(
            double[] a,
            int ao,
            double[] wf,
            int k0,
            int k1,
            int t0,
            int t1,
            double[] z,
            int zo,
            double[] b,
            int bo,
            int q,
            double[] cv) {
        if (t0 < k0) taps8(a, ao, t0, k0, b, bo, q, cv);
        both8(a, ao, wf, k0, k1, z, zo, b, bo, q, cv);
        if (k1 < t1) taps8(a, ao, Math.max(k1, t0), t1, b, bo, q, cv);
    }

    /**
     * Taps [k0, k1) of both loops for the 8 vectors of outputs from q: z accumulators and the vectors of b in
     * registers across the taps, each tap's 8 vectors of a loaded once. Only fma, loads, stores and broadcasts,
     * and one short loop per method: with {@code mul}/{@code add}, or the three tap ranges in one method, C2's
     * code (JDK 17) is intermittently 2–7× slower, depending on what it has profiled (a failed {@code intoArray}
     * intrinsic: boxed vectors). Products start as fma(v, x, 0), the two chains join as fma(t1, 1, t0): the
     * roundings of mul and add.
     */
    private static void both8(
            double[] a,
            int ao,
            double[] wf,
            int k0,
            int k1,
            double[] z,
            int zo,
            double[] b,
            int bo,
            int q,
            double[] cv) {
        int len = S.length(), bq = bo + q, p = ao + q + k0;
        DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1);
        DoubleVector x0 = DoubleVector.fromArray(S, b, bq);
        DoubleVector x1 = DoubleVector.fromArray(S, b, bq + len);
        DoubleVector x2 = DoubleVector.fromArray(S, b, bq + 2 * len);
        DoubleVector x3 = DoubleVector.fromArray(S, b, bq + 3 * len);
        DoubleVector x4 = DoubleVector.fromArray(S, b, bq + 4 * len);
        DoubleVector x5 = DoubleVector.fromArray(S, b, bq + 5 * len);
        DoubleVector x6 = DoubleVector.fromArray(S, b, bq + 6 * len);
        DoubleVector x7 = DoubleVector.fromArray(S, b, bq + 7 * len);
        DoubleVector z0 = zero, z1 = zero, z2 = zero, z3 = zero, z4 = zero, z5 = zero, z6 = zero, z7 = zero;
        for (int k = k0; k < k1; k++, p++) {
            DoubleVector v0 = DoubleVector.fromArray(S, a, p);
            DoubleVector v1 = DoubleVector.fromArray(S, a, p + len);
            DoubleVector v2 = DoubleVector.fromArray(S, a, p + 2 * len);
            DoubleVector v3 = DoubleVector.fromArray(S, a, p + 3 * len);
            DoubleVector v4 = DoubleVector.fromArray(S, a, p + 4 * len);
            DoubleVector v5 = DoubleVector.fromArray(S, a, p + 5 * len);
            DoubleVector v6 = DoubleVector.fromArray(S, a, p + 6 * len);
            DoubleVector v7 = DoubleVector.fromArray(S, a, p + 7 * len);
            DoubleVector wv = DoubleVector.broadcast(S, wf[k]);
            z0 = v0.fma(wv, z0);
            z1 = v1.fma(wv, z1);
            z2 = v2.fma(wv, z2);
            z3 = v3.fma(wv, z3);
            z4 = v4.fma(wv, z4);
            z5 = v5.fma(wv, z5);
            z6 = v6.fma(wv, z6);
            z7 = v7.fma(wv, z7);
            DoubleVector t0 = v0.fma(x0, DoubleVector.fromArray(S, cv, k * len)), t1 = v1.fma(x1, zero);
            t0 = v2.fma(x2, t0);
            t1 = v3.fma(x3, t1);
            t0 = v4.fma(x4, t0);
            t1 = v5.fma(x5, t1);
            t0 = v6.fma(x6, t0);
            t1 = v7.fma(x7, t1);
            t1.fma(one, t0).intoArray(cv, k * len);
        }
        int zq = zo + q;
        z0.intoArray(z, zq);
        z1.intoArray(z, zq + len);
        z2.intoArray(z, zq + 2 * len);
        z3.intoArray(z, zq + 3 * len);
        z4.intoArray(z, zq + 4 * len);
        z5.intoArray(z, zq + 5 * len);
        z6.intoArray(z, zq + 6 * len);
        z7.intoArray(z, zq + 7 * len);
    }

    /**
     * The per-tap sums alone (zero taps of the kernel) for taps [k0, k1) and the 8 vectors of outputs from q; see
     * {@link #both8(double[], int, double[], int, int, double[], int, double[], int, int, double[])}.
     */
    private static void taps8(double[] a, int ao, int k0, int k1, double[] b, int bo, int q, double[] cv) {
        int len = S.length(), bq = bo + q, p = ao + q + k0;
        DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1);
        DoubleVector x0 = DoubleVector.fromArray(S, b, bq);
        DoubleVector x1 = DoubleVector.fromArray(S, b, bq + len);
        DoubleVector x2 = DoubleVector.fromArray(S, b, bq + 2 * len);
        DoubleVector x3 = DoubleVector.fromArray(S, b, bq + 3 * len);
        DoubleVector x4 = DoubleVector.fromArray(S, b, bq + 4 * len);
        DoubleVector x5 = DoubleVector.fromArray(S, b, bq + 5 * len);
        DoubleVector x6 = DoubleVector.fromArray(S, b, bq + 6 * len);
        DoubleVector x7 = DoubleVector.fromArray(S, b, bq + 7 * len);
        for (int k = k0; k < k1; k++, p++) {
            DoubleVector v0 = DoubleVector.fromArray(S, a, p);
            DoubleVector v1 = DoubleVector.fromArray(S, a, p + len);
            DoubleVector v2 = DoubleVector.fromArray(S, a, p + 2 * len);
            DoubleVector v3 = DoubleVector.fromArray(S, a, p + 3 * len);
            DoubleVector v4 = DoubleVector.fromArray(S, a, p + 4 * len);
            DoubleVector v5 = DoubleVector.fromArray(S, a, p + 5 * len);
            DoubleVector v6 = DoubleVector.fromArray(S, a, p + 6 * len);
            DoubleVector v7 = DoubleVector.fromArray(S, a, p + 7 * len);
            DoubleVector t0 = v0.fma(x0, DoubleVector.fromArray(S, cv, k * len)), t1 = v1.fma(x1, zero);
            t0 = v2.fma(x2, t0);
            t1 = v3.fma(x3, t1);
            t0 = v4.fma(x4, t0);
            t1 = v5.fma(x5, t1);
            t0 = v6.fma(x6, t0);
            t1 = v7.fma(x7, t1);
            t1.fma(one, t0).intoArray(cv, k * len);
        }
    }

    /** Σ of the lanes in lane order (reduceLanes(ADD) leaves the order unspecified: it differs between the JIT's tiers). */
    private static double lanes(DoubleVector v, double[] buf) {
        v.intoArray(buf, 0);
        double sum = 0;
        for (double e : buf) sum += e;
        return sum;
    }

    /** Float twin of {@link #correlateRow(double[], int, double[], int, int, double[], int, int)}. */
    static void correlateRow(float[] x, int xo, float[] w, int wo, int kn, float[] y, int yo, int n) {
        int len = SF.length(), i = 0;
        if (kn >= WINDOWED_MIN_TAPS * len) {
            for (; i <= n - 8 * len; i += 8 * len) block8Windowed(x, xo, w, wo, kn, y, yo, i);
        }
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
            for (int k = 0; k < kn; k++, p++)
                a0 = FloatVector.fromArray(SF, x, p).fma(FloatVector.broadcast(SF, w[wo + k]), a0);
            a0.intoArray(y, yo + i);
        }
        if (i < n) {
            for (int k = 0; k < kn; k++) RowKernels.axpyScalar(w[wo + k], x, xo + i + k, y, yo + i, n - i);
        }
    }

    /** Float twin of {@link #block8Windowed(double[], int, double[], int, int, double[], int, int)}. */
    private static void block8Windowed(float[] x, int xo, float[] w, int wo, int kn, float[] y, int yo, int i) {
        int len = SF.length(), q = yo + i;
        for (int t = 0; t < len && t < kn; t++) {
            FloatVector a0 = FloatVector.fromArray(SF, y, q), a1 = FloatVector.fromArray(SF, y, q + len);
            FloatVector a2 = FloatVector.fromArray(SF, y, q + 2 * len), a3 = FloatVector.fromArray(SF, y, q + 3 * len);
            FloatVector a4 = FloatVector.fromArray(SF, y, q + 4 * len), a5 = FloatVector.fromArray(SF, y, q + 5 * len);
            FloatVector a6 = FloatVector.fromArray(SF, y, q + 6 * len), a7 = FloatVector.fromArray(SF, y, q + 7 * len);
            int p = xo + i + t;
            FloatVector v0 = FloatVector.fromArray(SF, x, p), v1 = FloatVector.fromArray(SF, x, p + len);
            FloatVector v2 = FloatVector.fromArray(SF, x, p + 2 * len), v3 = FloatVector.fromArray(SF, x, p + 3 * len);
            FloatVector v4 = FloatVector.fromArray(SF, x, p + 4 * len), v5 = FloatVector.fromArray(SF, x, p + 5 * len);
            FloatVector v6 = FloatVector.fromArray(SF, x, p + 6 * len);
            for (int k = t; k < kn; k += len, p += len) {
                FloatVector v7 = FloatVector.fromArray(SF, x, p + 7 * len);
                FloatVector wv = FloatVector.broadcast(SF, w[wo + k]);
                a0 = v0.fma(wv, a0);
                a1 = v1.fma(wv, a1);
                a2 = v2.fma(wv, a2);
                a3 = v3.fma(wv, a3);
                a4 = v4.fma(wv, a4);
                a5 = v5.fma(wv, a5);
                a6 = v6.fma(wv, a6);
                a7 = v7.fma(wv, a7);
                v0 = v1;
                v1 = v2;
                v2 = v3;
                v3 = v4;
                v4 = v5;
                v5 = v6;
                v6 = v7;
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
    }

    /**
     * Float twin of {@link #tapRow(double[], int, double[], int, int, int, double[], int)}: float lanes within
     * blocks of 2048 outputs, double accumulators.
     */
    static void tapRow(float[] g, int go, float[] x, int xo, int n, int kn, double[] acc, int ao) {
        int len = SF.length();
        float[] buf = new float[len];
        for (int s = 0; s < n; s += BLOCK_BYTES / Float.BYTES) {
            int bn = Math.min(BLOCK_BYTES / Float.BYTES, n - s), m = SF.loopBound(bn), gs = go + s;
            int k = 0;
            // groups of 8 taps; the last group is shifted back to end at kn and adds only the taps not yet done
            // (each tap's sum is the same arithmetic in any group, so this only saves the slow 1-tap loop)
            while (kn >= 8 && k < kn) {
                int k0 = Math.min(k, kn - 8);
                FloatVector a0 = FloatVector.zero(SF),
                        a1 = FloatVector.zero(SF),
                        a2 = FloatVector.zero(SF),
                        a3 = FloatVector.zero(SF);
                FloatVector a4 = FloatVector.zero(SF),
                        a5 = FloatVector.zero(SF),
                        a6 = FloatVector.zero(SF),
                        a7 = FloatVector.zero(SF);
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
                FloatVector a0 = FloatVector.zero(SF),
                        a1 = FloatVector.zero(SF),
                        a2 = FloatVector.zero(SF),
                        a3 = FloatVector.zero(SF);
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
                for (int i = 0; i < m; i += len)
                    a0 = FloatVector.fromArray(SF, x, p + i).fma(FloatVector.fromArray(SF, g, gs + i), a0);
                acc[ao + k] += lanes(a0, buf) + RowKernels.dotScalar(g, gs + m, x, p + m, bn - m);
            }
        }
    }

    /**
     * Float twin of
     * {@link #correlateTapRow(double[], int, double[], int, int, int, double[], int, double[], int, int, double[], int, int)}:
     * the per-tap sums run in float lanes within blocks of 2048 outputs and accumulate in double.
     */
    static void correlateTapRow(
            float[] a,
            int ao,
            float[] wf,
            int k0,
            int k1,
            int kn,
            float[] z,
            int zo,
            float[] b,
            int bo,
            int n,
            double[] acc,
            int t0,
            int t1) {
        int len = SF.length(), blockLen = 8 * len;
        float[] cv = cvF(kn * len);
        int tLo = k0 < k1 ? Math.min(t0, k0) : t0, tHi = k0 < k1 ? Math.max(t1, k1) : t1;
        for (int s = 0; s < n; s += BLOCK_BYTES / Float.BYTES) {
            int bn = Math.min(BLOCK_BYTES / Float.BYTES, n - s), i = 0;
            for (; i <= bn - blockLen; i += blockLen) block8(a, ao, wf, k0, k1, t0, t1, z, zo, b, bo, s + i, cv);
            int r = bn - i;
            if (r > 0) {
                // the last, partial block through zero-padded copies (its extra outputs read b = 0: they add exact
                // zeros)
                float[] sa = padF(0, blockLen + kn - 1), sb = padF(1, blockLen), sz = padF(2, blockLen);
                System.arraycopy(a, ao + s + i, sa, 0, r + kn - 1);
                java.util.Arrays.fill(sa, r + kn - 1, blockLen + kn - 1, 0.0f);
                System.arraycopy(b, bo + s + i, sb, 0, r);
                java.util.Arrays.fill(sb, r, blockLen, 0.0f);
                block8(sa, 0, wf, k0, k1, t0, t1, sz, 0, sb, 0, 0, cv);
                System.arraycopy(sz, 0, z, zo + s + i, r);
            }
            // lanes in order (as lanes()), then cleared for the next block; only taps summed above (the rest of cv
            // stays 0)
            for (int k = tLo, c = tLo * len; k < tHi; k++) {
                float sum = 0;
                for (int l = 0; l < len; l++, c++) {
                    sum += cv[c];
                    cv[c] = 0;
                }
                acc[k] += sum;
            }
        }
    }

    /**
     * One block of 8 vectors of outputs from q: both loops for the non-zero taps [k0, k1), the per-tap sums alone for
     * the rest of [t0, t1).
     */
    private static void block8(
            float[] a,
            int ao,
            float[] wf,
            int k0,
            int k1,
            int t0,
            int t1,
            float[] z,
            int zo,
            float[] b,
            int bo,
            int q,
            float[] cv) {
        if (t0 < k0) taps8(a, ao, t0, k0, b, bo, q, cv);
        both8(a, ao, wf, k0, k1, z, zo, b, bo, q, cv);
        if (k1 < t1) taps8(a, ao, Math.max(k1, t0), t1, b, bo, q, cv);
    }

    /** Float twin of {@link #both8(double[], int, double[], int, int, double[], int, double[], int, int, double[])}. */
    private static void both8(
            float[] a, int ao, float[] wf, int k0, int k1, float[] z, int zo, float[] b, int bo, int q, float[] cv) {
        int len = SF.length(), bq = bo + q, p = ao + q + k0;
        FloatVector zero = FloatVector.zero(SF), one = FloatVector.broadcast(SF, 1);
        FloatVector x0 = FloatVector.fromArray(SF, b, bq);
        FloatVector x1 = FloatVector.fromArray(SF, b, bq + len);
        FloatVector x2 = FloatVector.fromArray(SF, b, bq + 2 * len);
        FloatVector x3 = FloatVector.fromArray(SF, b, bq + 3 * len);
        FloatVector x4 = FloatVector.fromArray(SF, b, bq + 4 * len);
        FloatVector x5 = FloatVector.fromArray(SF, b, bq + 5 * len);
        FloatVector x6 = FloatVector.fromArray(SF, b, bq + 6 * len);
        FloatVector x7 = FloatVector.fromArray(SF, b, bq + 7 * len);
        FloatVector z0 = zero, z1 = zero, z2 = zero, z3 = zero, z4 = zero, z5 = zero, z6 = zero, z7 = zero;
        for (int k = k0; k < k1; k++, p++) {
            FloatVector v0 = FloatVector.fromArray(SF, a, p);
            FloatVector v1 = FloatVector.fromArray(SF, a, p + len);
            FloatVector v2 = FloatVector.fromArray(SF, a, p + 2 * len);
            FloatVector v3 = FloatVector.fromArray(SF, a, p + 3 * len);
            FloatVector v4 = FloatVector.fromArray(SF, a, p + 4 * len);
            FloatVector v5 = FloatVector.fromArray(SF, a, p + 5 * len);
            FloatVector v6 = FloatVector.fromArray(SF, a, p + 6 * len);
            FloatVector v7 = FloatVector.fromArray(SF, a, p + 7 * len);
            FloatVector wv = FloatVector.broadcast(SF, wf[k]);
            z0 = v0.fma(wv, z0);
            z1 = v1.fma(wv, z1);
            z2 = v2.fma(wv, z2);
            z3 = v3.fma(wv, z3);
            z4 = v4.fma(wv, z4);
            z5 = v5.fma(wv, z5);
            z6 = v6.fma(wv, z6);
            z7 = v7.fma(wv, z7);
            FloatVector t0 = v0.fma(x0, FloatVector.fromArray(SF, cv, k * len)), t1 = v1.fma(x1, zero);
            t0 = v2.fma(x2, t0);
            t1 = v3.fma(x3, t1);
            t0 = v4.fma(x4, t0);
            t1 = v5.fma(x5, t1);
            t0 = v6.fma(x6, t0);
            t1 = v7.fma(x7, t1);
            t1.fma(one, t0).intoArray(cv, k * len);
        }
        int zq = zo + q;
        z0.intoArray(z, zq);
        z1.intoArray(z, zq + len);
        z2.intoArray(z, zq + 2 * len);
        z3.intoArray(z, zq + 3 * len);
        z4.intoArray(z, zq + 4 * len);
        z5.intoArray(z, zq + 5 * len);
        z6.intoArray(z, zq + 6 * len);
        z7.intoArray(z, zq + 7 * len);
    }

    /**
     * The per-tap sums alone (zero taps of the kernel) for taps [k0, k1) and the 8 vectors of outputs from q; see
     * {@link #both8(float[], int, float[], int, int, float[], int, float[], int, int, float[])}.
     */
    private static void taps8(float[] a, int ao, int k0, int k1, float[] b, int bo, int q, float[] cv) {
        int len = SF.length(), bq = bo + q, p = ao + q + k0;
        FloatVector zero = FloatVector.zero(SF), one = FloatVector.broadcast(SF, 1);
        FloatVector x0 = FloatVector.fromArray(SF, b, bq);
        FloatVector x1 = FloatVector.fromArray(SF, b, bq + len);
        FloatVector x2 = FloatVector.fromArray(SF, b, bq + 2 * len);
        FloatVector x3 = FloatVector.fromArray(SF, b, bq + 3 * len);
        FloatVector x4 = FloatVector.fromArray(SF, b, bq + 4 * len);
        FloatVector x5 = FloatVector.fromArray(SF, b, bq + 5 * len);
        FloatVector x6 = FloatVector.fromArray(SF, b, bq + 6 * len);
        FloatVector x7 = FloatVector.fromArray(SF, b, bq + 7 * len);
        for (int k = k0; k < k1; k++, p++) {
            FloatVector v0 = FloatVector.fromArray(SF, a, p);
            FloatVector v1 = FloatVector.fromArray(SF, a, p + len);
            FloatVector v2 = FloatVector.fromArray(SF, a, p + 2 * len);
            FloatVector v3 = FloatVector.fromArray(SF, a, p + 3 * len);
            FloatVector v4 = FloatVector.fromArray(SF, a, p + 4 * len);
            FloatVector v5 = FloatVector.fromArray(SF, a, p + 5 * len);
            FloatVector v6 = FloatVector.fromArray(SF, a, p + 6 * len);
            FloatVector v7 = FloatVector.fromArray(SF, a, p + 7 * len);
            FloatVector t0 = v0.fma(x0, FloatVector.fromArray(SF, cv, k * len)), t1 = v1.fma(x1, zero);
            t0 = v2.fma(x2, t0);
            t1 = v3.fma(x3, t1);
            t0 = v4.fma(x4, t0);
            t1 = v5.fma(x5, t1);
            t0 = v6.fma(x6, t0);
            t1 = v7.fma(x7, t1);
            t1.fma(one, t0).intoArray(cv, k * len);
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
