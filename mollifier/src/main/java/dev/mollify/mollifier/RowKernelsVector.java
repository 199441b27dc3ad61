package dev.mollify.mollifier;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector API versions of {@link RowKernels}' loops; the tail goes to the scalar loop. */
final class RowKernelsVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> SF = FloatVector.SPECIES_PREFERRED;

    private RowKernelsVector() {}

    static void axpy(double a, double[] x, int xo, double[] y, int yo, int n) {
        int m = S.loopBound(n);
        DoubleVector va = DoubleVector.broadcast(S, a);
        for (int i = 0; i < m; i += S.length()) {
            DoubleVector.fromArray(S, x, xo + i).fma(va, DoubleVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        RowKernels.axpyScalar(a, x, xo + m, y, yo + m, n - m);
    }

    static double dot(double[] x, int xo, double[] y, int yo, int n) {
        int m = S.loopBound(n);
        DoubleVector acc = DoubleVector.zero(S);
        for (int i = 0; i < m; i += S.length()) {
            acc = DoubleVector.fromArray(S, x, xo + i).fma(DoubleVector.fromArray(S, y, yo + i), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD) + RowKernels.dotScalar(x, xo + m, y, yo + m, n - m);
    }

    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        int m = SF.loopBound(n);
        FloatVector va = FloatVector.broadcast(SF, a);
        for (int i = 0; i < m; i += SF.length()) {
            FloatVector.fromArray(SF, x, xo + i).fma(va, FloatVector.fromArray(SF, y, yo + i)).intoArray(y, yo + i);
        }
        RowKernels.axpyScalar(a, x, xo + m, y, yo + m, n - m);
    }

    static float dot(float[] x, int xo, float[] y, int yo, int n) {
        int m = SF.loopBound(n);
        FloatVector acc = FloatVector.zero(SF);
        for (int i = 0; i < m; i += SF.length()) {
            acc = FloatVector.fromArray(SF, x, xo + i).fma(FloatVector.fromArray(SF, y, yo + i), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD) + RowKernels.dotScalar(x, xo + m, y, yo + m, n - m);
    }
}
