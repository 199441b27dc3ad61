package dev.mollify.pde.fit;

/**
 * Student's t distribution with ν degrees of freedom: its distribution function and quantiles, for the
 * interval of an {@link Ensemble} (docs/math.md, "Ensembles: an interval for each coefficient").
 */
final class StudentT {
    private StudentT() {}

    /**
     * P(T ≤ t) for T ~ t_ν: 1 − ½·I_x(ν/2, ½) at x = ν/(ν + t²) for t ≥ 0, and 1 − P(T ≤ −t) for t &lt; 0,
     * where I_x(a, b) is the regularized incomplete beta function.
     */
    static double cdf(double t, double nu) {
        if (!(nu > 0)) throw new IllegalArgumentException("degrees of freedom must be > 0, got " + nu);
        if (Double.isNaN(t)) return Double.NaN;
        if (Double.isInfinite(t)) return t > 0 ? 1 : 0;
        double tail = 0.5 * incompleteBeta(nu / (nu + t * t), nu / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /**
     * The p-quantile t_ν(p), 0 &lt; p &lt; 1: the t with P(T ≤ t) = p, found by bisection on {@link #cdf}
     * to the last bits of a double (t_9(0.975) = 2.2621571627…).
     */
    static double quantile(double p, double nu) {
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        if (p < 0.5) return -quantile(1 - p, nu);
        if (p == 0.5) return 0;
        double lo = 0, hi = 1;
        while (cdf(hi, nu) < p) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > Math.ulp(hi); i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid, nu) < p) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /**
     * I_x(a, b) = B(x; a, b)/B(a, b) by the continued fraction of Numerical Recipes (betacf, modified
     * Lentz), on the side of x where it converges fast (x &lt; (a + 1)/(a + b + 2), else 1 − I_{1−x}(b, a)).
     */
    static double incompleteBeta(double x, double a, double b) {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) return front * continuedFraction(x, a, b) / a;
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        if (Math.abs(d) < tiny) d = tiny;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) c = tiny;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) break;
        }
        return h;
    }

    /** ln Γ(z), z &gt; 0, by the Lanczos approximation (g = 7, 9 terms; relative error about 1e-15). */
    static double logGamma(double z) {
        if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
        double[] g = {
            0.99999999999980993,
            676.5203681218851,
            -1259.1392167224028,
            771.32342877765313,
            -176.61502916214059,
            12.507343278686905,
            -0.13857109526572012,
            9.9843695780195716e-6,
            1.5056327351493116e-7
        };
        z -= 1;
        double s = g[0];
        for (int i = 1; i < 9; i++) s += g[i] / (z + i);
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
