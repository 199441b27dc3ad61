package dev.mollify.pde.forward;

/** Small reductions used by the solvers and their checks. */
public final class Stats {
    private Stats() {}

    /**
     * Population standard deviation, sqrt(Σ (v_i − mean)² / n) (divides by n, not n − 1).
     *
     * @param v the values; an empty array gives NaN
     * @return the standard deviation
     */
    public static double std(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / v.length);
    }

    /**
     * max |v|.
     *
     * @param v the values
     * @return the largest absolute value, 0 for an empty array
     */
    public static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * Relative L2 error ‖a − b‖₂ / ‖b‖₂ (b is the reference).
     *
     * @param a the approximation
     * @param b the reference, of the same length
     * @return the relative error (infinite or NaN when b is zero)
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double relL2(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    /**
     * Relative max error max|a − b| / max|b| (b is the reference).
     *
     * @param a the approximation
     * @param b the reference, at least as long as {@code a} (only the first {@code a.length} entries
     *     enter the numerator)
     * @return the relative error (infinite or NaN when b is zero)
     */
    public static double relMax(double[] a, double[] b) {
        double num = 0;
        for (int i = 0; i < a.length; i++) {
            num = Math.max(num, Math.abs(a[i] - b[i]));
        }
        return num / maxAbs(b);
    }
}
