package dev.mollify.jmh.limits;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops of {@link LimitKernels} and {@link LoadFmaKernels}, on the preferred species (8 doubles
 * or 16 floats with AVX-512). Only those two touch this class, and only when the vector kernels are enabled,
 * so the {@code jdk.incubator.vector} module is never needed otherwise. The accumulators are separate
 * locals, not an array, so that C2 keeps each in a register.
 */
final class LimitVectorKernels {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private LimitVectorKernels() {}

    static int lanesF64() {
        return D.length();
    }

    static int lanesF32() {
        return F.length();
    }

    /** {@code a[i] = b[i] + s·c[i]} over the whole vectors of the arrays; returns the first index left to do. */
    static int triad(double[] a, double[] b, double[] c, double s) {
        int m = D.loopBound(a.length), l = D.length();
        DoubleVector vs = DoubleVector.broadcast(D, s);
        for (int i = 0; i < m; i += l) {
            DoubleVector.fromArray(D, c, i)
                    .mul(vs)
                    .add(DoubleVector.fromArray(D, b, i))
                    .intoArray(a, i);
        }
        return m;
    }

    static double fmaF64(double m, double q, int reps) {
        DoubleVector vm = DoubleVector.broadcast(D, m), vq = DoubleVector.broadcast(D, q);
        DoubleVector x0 = DoubleVector.broadcast(D, 0.00), x1 = DoubleVector.broadcast(D, 0.01);
        DoubleVector x2 = DoubleVector.broadcast(D, 0.02), x3 = DoubleVector.broadcast(D, 0.03);
        DoubleVector x4 = DoubleVector.broadcast(D, 0.04), x5 = DoubleVector.broadcast(D, 0.05);
        DoubleVector x6 = DoubleVector.broadcast(D, 0.06), x7 = DoubleVector.broadcast(D, 0.07);
        DoubleVector x8 = DoubleVector.broadcast(D, 0.08), x9 = DoubleVector.broadcast(D, 0.09);
        DoubleVector x10 = DoubleVector.broadcast(D, 0.10), x11 = DoubleVector.broadcast(D, 0.11);
        for (int r = 0; r < reps; r++) {
            x0 = x0.fma(vm, vq);
            x1 = x1.fma(vm, vq);
            x2 = x2.fma(vm, vq);
            x3 = x3.fma(vm, vq);
            x4 = x4.fma(vm, vq);
            x5 = x5.fma(vm, vq);
            x6 = x6.fma(vm, vq);
            x7 = x7.fma(vm, vq);
            x8 = x8.fma(vm, vq);
            x9 = x9.fma(vm, vq);
            x10 = x10.fma(vm, vq);
            x11 = x11.fma(vm, vq);
        }
        return x0.add(x1)
                .add(x2)
                .add(x3)
                .add(x4)
                .add(x5)
                .add(x6)
                .add(x7)
                .add(x8)
                .add(x9)
                .add(x10)
                .add(x11)
                .reduceLanes(VectorOperators.ADD);
    }

    static float fmaF32(float m, float q, int reps) {
        FloatVector vm = FloatVector.broadcast(F, m), vq = FloatVector.broadcast(F, q);
        FloatVector x0 = FloatVector.broadcast(F, 0.00f), x1 = FloatVector.broadcast(F, 0.01f);
        FloatVector x2 = FloatVector.broadcast(F, 0.02f), x3 = FloatVector.broadcast(F, 0.03f);
        FloatVector x4 = FloatVector.broadcast(F, 0.04f), x5 = FloatVector.broadcast(F, 0.05f);
        FloatVector x6 = FloatVector.broadcast(F, 0.06f), x7 = FloatVector.broadcast(F, 0.07f);
        FloatVector x8 = FloatVector.broadcast(F, 0.08f), x9 = FloatVector.broadcast(F, 0.09f);
        FloatVector x10 = FloatVector.broadcast(F, 0.10f), x11 = FloatVector.broadcast(F, 0.11f);
        for (int r = 0; r < reps; r++) {
            x0 = x0.fma(vm, vq);
            x1 = x1.fma(vm, vq);
            x2 = x2.fma(vm, vq);
            x3 = x3.fma(vm, vq);
            x4 = x4.fma(vm, vq);
            x5 = x5.fma(vm, vq);
            x6 = x6.fma(vm, vq);
            x7 = x7.fma(vm, vq);
            x8 = x8.fma(vm, vq);
            x9 = x9.fma(vm, vq);
            x10 = x10.fma(vm, vq);
            x11 = x11.fma(vm, vq);
        }
        return x0.add(x1)
                .add(x2)
                .add(x3)
                .add(x4)
                .add(x5)
                .add(x6)
                .add(x7)
                .add(x8)
                .add(x9)
                .add(x10)
                .add(x11)
                .reduceLanes(VectorOperators.ADD);
    }

    /**
     * See {@link LoadFmaKernels#loadFma}: per block, 8 accumulators loaded from y, held in registers across
     * the taps and stored back, the shape of the convolution's {@code RowKernelsVector.correlateRow} (vector
     * accumulators that live across an outer loop as well are boxed by JDK 17's C2).
     */
    static void loadFma(float[] x, int from, float[] h, int stride, float[] y) {
        int l = F.length(), block = 8 * l;
        for (int q = 0; q <= y.length - block; q += block) {
            FloatVector s0 = FloatVector.fromArray(F, y, q), s1 = FloatVector.fromArray(F, y, q + l);
            FloatVector s2 = FloatVector.fromArray(F, y, q + 2 * l), s3 = FloatVector.fromArray(F, y, q + 3 * l);
            FloatVector s4 = FloatVector.fromArray(F, y, q + 4 * l), s5 = FloatVector.fromArray(F, y, q + 5 * l);
            FloatVector s6 = FloatVector.fromArray(F, y, q + 6 * l), s7 = FloatVector.fromArray(F, y, q + 7 * l);
            int o = from + q;
            for (int t = 0; t < h.length; t++, o += stride) {
                FloatVector w = FloatVector.broadcast(F, h[t]);
                s0 = FloatVector.fromArray(F, x, o).fma(w, s0);
                s1 = FloatVector.fromArray(F, x, o + l).fma(w, s1);
                s2 = FloatVector.fromArray(F, x, o + 2 * l).fma(w, s2);
                s3 = FloatVector.fromArray(F, x, o + 3 * l).fma(w, s3);
                s4 = FloatVector.fromArray(F, x, o + 4 * l).fma(w, s4);
                s5 = FloatVector.fromArray(F, x, o + 5 * l).fma(w, s5);
                s6 = FloatVector.fromArray(F, x, o + 6 * l).fma(w, s6);
                s7 = FloatVector.fromArray(F, x, o + 7 * l).fma(w, s7);
            }
            s0.intoArray(y, q);
            s1.intoArray(y, q + l);
            s2.intoArray(y, q + 2 * l);
            s3.intoArray(y, q + 3 * l);
            s4.intoArray(y, q + 4 * l);
            s5.intoArray(y, q + 5 * l);
            s6.intoArray(y, q + 6 * l);
            s7.intoArray(y, q + 7 * l);
        }
    }
}
