package dev.mollify.mollifier;

/** Conversions between the two storage precisions, for the paths that compute F32 data in double. */
final class Precision {
    private Precision() {}

    /** A double copy of {@code a}: every float is exact in double. */
    static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
