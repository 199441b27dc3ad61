package dev.mollify.jmh.limits;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies of the tensor module's micro-kernels {@code F64Gemm.tile4x3} and {@code F32Gemm.tile4x3} (private
 * there), statement for statement, for {@link GemmTileKernels}: 4 rows × 3 vectors of C in 12 accumulator
 * registers, A read through its strides, B from a packed panel of 3 vectors per row. Only
 * {@link GemmTileKernels} touches this class, and only when the vector kernels are enabled.
 */
final class GemmTileVectorKernels {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int LD = D.length(), LF = F.length();
    private static final int NRD = 3 * LD, NRF = 3 * LF;

    /** Zeros that a tile starting its chains loads from, as in the tensor module (no vector-typed merges). */
    private static final double[] ZEROS_D = new double[NRD];

    private static final float[] ZEROS_F = new float[NRF];

    private GemmTileVectorKernels() {}

    private static DoubleVector loadD(double[] x, int i) {
        return DoubleVector.fromArray(D, x, i);
    }

    private static DoubleVector bcastD(double[] a, int i) {
        return DoubleVector.broadcast(D, a[i]);
    }

    private static FloatVector loadF(float[] x, int i) {
        return FloatVector.fromArray(F, x, i);
    }

    private static FloatVector bcastF(float[] a, int i) {
        return FloatVector.broadcast(F, a[i]);
    }

    /** Mirrors {@code F64Gemm.tile4x3}: 4 rows × 3 vectors, {@code accumulate} continues the chains from C. */
    static void tile4x3(
            int kb,
            double[] a,
            int ai,
            int aRs,
            int aCs,
            double[] bp,
            int bi,
            double[] c,
            int ci,
            int ldc,
            boolean accumulate) {
        double[] src = accumulate ? c : ZEROS_D;
        int r0 = accumulate ? ci : 0, r1 = accumulate ? ci + ldc : 0;
        int r2 = accumulate ? ci + 2 * ldc : 0, r3 = accumulate ? ci + 3 * ldc : 0;
        DoubleVector s00 = loadD(src, r0), s01 = loadD(src, r0 + LD), s02 = loadD(src, r0 + 2 * LD);
        DoubleVector s10 = loadD(src, r1), s11 = loadD(src, r1 + LD), s12 = loadD(src, r1 + 2 * LD);
        DoubleVector s20 = loadD(src, r2), s21 = loadD(src, r2 + LD), s22 = loadD(src, r2 + 2 * LD);
        DoubleVector s30 = loadD(src, r3), s31 = loadD(src, r3 + LD), s32 = loadD(src, r3 + 2 * LD);
        int a0 = ai, a1 = ai + aRs, a2 = a1 + aRs, a3 = a2 + aRs;
        for (int p = 0; p < kb; p++, bi += NRD) {
            DoubleVector b0 = loadD(bp, bi), b1 = loadD(bp, bi + LD), b2 = loadD(bp, bi + 2 * LD);
            int o = p * aCs;
            DoubleVector x = bcastD(a, a0 + o);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            x = bcastD(a, a1 + o);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            x = bcastD(a, a2 + o);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            x = bcastD(a, a3 + o);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
        }
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        s00.intoArray(c, ci);
        s01.intoArray(c, ci + LD);
        s02.intoArray(c, ci + 2 * LD);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + LD);
        s12.intoArray(c, c1 + 2 * LD);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + LD);
        s22.intoArray(c, c2 + 2 * LD);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + LD);
        s32.intoArray(c, c3 + 2 * LD);
    }

    /** Mirrors {@code F32Gemm.tile4x3}. */
    static void tile4x3(
            int kb,
            float[] a,
            int ai,
            int aRs,
            int aCs,
            float[] bp,
            int bi,
            float[] c,
            int ci,
            int ldc,
            boolean accumulate) {
        float[] src = accumulate ? c : ZEROS_F;
        int r0 = accumulate ? ci : 0, r1 = accumulate ? ci + ldc : 0;
        int r2 = accumulate ? ci + 2 * ldc : 0, r3 = accumulate ? ci + 3 * ldc : 0;
        FloatVector s00 = loadF(src, r0), s01 = loadF(src, r0 + LF), s02 = loadF(src, r0 + 2 * LF);
        FloatVector s10 = loadF(src, r1), s11 = loadF(src, r1 + LF), s12 = loadF(src, r1 + 2 * LF);
        FloatVector s20 = loadF(src, r2), s21 = loadF(src, r2 + LF), s22 = loadF(src, r2 + 2 * LF);
        FloatVector s30 = loadF(src, r3), s31 = loadF(src, r3 + LF), s32 = loadF(src, r3 + 2 * LF);
        int a0 = ai, a1 = ai + aRs, a2 = a1 + aRs, a3 = a2 + aRs;
        for (int p = 0; p < kb; p++, bi += NRF) {
            FloatVector b0 = loadF(bp, bi), b1 = loadF(bp, bi + LF), b2 = loadF(bp, bi + 2 * LF);
            int o = p * aCs;
            FloatVector x = bcastF(a, a0 + o);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            x = bcastF(a, a1 + o);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            x = bcastF(a, a2 + o);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            x = bcastF(a, a3 + o);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
        }
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        s00.intoArray(c, ci);
        s01.intoArray(c, ci + LF);
        s02.intoArray(c, ci + 2 * LF);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + LF);
        s12.intoArray(c, c1 + 2 * LF);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + LF);
        s22.intoArray(c, c2 + 2 * LF);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + LF);
        s32.intoArray(c, c3 + 2 * LF);
    }
}
