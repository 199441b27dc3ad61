package dev.mollify.jmh.scaling;

/**
 * The growth exponent of a sweep: time ≈ C · size^p, fitted by least squares on log-log.
 *
 * <p>With u = ln size and v = ln time over the n points, p = Σ(u − ū)(v − v̄) / Σ(u − ū)² and
 * ln C = v̄ − p·ū; r² = 1 − Σ(v − ln C − p·u)² / Σ(v − v̄)² (1 when the times are all equal).
 *
 * @param exponent p
 * @param coefficient C, in the time's unit at size 1
 * @param r2 the coefficient of determination of the log-log line
 * @param minSize the smallest size fitted
 * @param maxSize the largest size fitted
 * @param points how many points were fitted
 */
public record PowerFit(double exponent, double coefficient, double r2, double minSize, double maxSize, int points) {
    /**
     * The least-squares line through (ln size, ln time).
     *
     * @param size the sizes, positive, at least two distinct
     * @param time the times (any unit), positive, as many as {@code size}
     * @return the fitted exponent and coefficient over the sizes' range
     * @throws IllegalArgumentException for fewer than two distinct sizes, unequal lengths or a value ≤ 0
     */
    public static PowerFit fit(double[] size, double[] time) {
        int n = size.length;
        if (time.length != n) throw new IllegalArgumentException("sizes and times differ in number");
        double su = 0, sv = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        double[] u = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(size[i] > 0) || !(time[i] > 0))
                throw new IllegalArgumentException("sizes and times must be positive");
            u[i] = Math.log(size[i]);
            v[i] = Math.log(time[i]);
            su += u[i];
            sv += v[i];
            lo = Math.min(lo, size[i]);
            hi = Math.max(hi, size[i]);
        }
        if (!(hi > lo)) throw new IllegalArgumentException("a fit needs at least two distinct sizes");
        double ub = su / n, vb = sv / n, suu = 0, suv = 0, svv = 0;
        for (int i = 0; i < n; i++) {
            suu += (u[i] - ub) * (u[i] - ub);
            suv += (u[i] - ub) * (v[i] - vb);
            svv += (v[i] - vb) * (v[i] - vb);
        }
        double p = suv / suu, lnC = vb - p * ub, rss = 0;
        for (int i = 0; i < n; i++) {
            double r = v[i] - lnC - p * u[i];
            rss += r * r;
        }
        return new PowerFit(p, Math.exp(lnC), svv > 0 ? 1 - rss / svv : 1, lo, hi, n);
    }

    /**
     * The fitted time at a size.
     *
     * @param size a positive size
     * @return C · size^p
     */
    public double at(double size) {
        return coefficient * Math.pow(size, exponent);
    }
}
