package dev.mollify.pde.forward;

/**
 * Reference solution of viscous Burgers {@code u_t + u u_x = ν u_xx}, {@code u(x,0) = −sin(πx)},
 * by the Cole–Hopf transform. The odd, 2-periodic data make the whole-line solution vanish at
 * {@code x = ±1}, so this is also the Dirichlet solution on [−1, 1]:
 * <pre>
 *   u(x,t) = − ∫ sin(π(x−η)) f(x−η) G(η) dη / ∫ f(x−η) G(η) dη,
 *   f(y) = exp(−cos(πy) / (2πν)),   G(η) = exp(−η² / (4νt)).
 * </pre>
 * With {@code η = √(4νt)·z} both integrals are {@code ∫ g(z) e^{−z²} dz}, evaluated — as Raissi's
 * Gauss–Hermite data generation does in spirit — by the trapezoidal rule on a truncated line,
 * which converges geometrically for these analytic, Gaussian-decaying integrands. Overflow for small
 * ν is avoided by working with the exponent {@code E(z) = −z² − cos(π(x−sz))/(2πν)} and
 * subtracting its maximum before exponentiating. The node spacing is a fifth of the narrowest
 * Gaussian width of the integrand and the window drops only terms below {@code e^{−40}} of the
 * peak, so the result is accurate to about 1e-13.
 */
public final class BurgersColeHopf {
    private BurgersColeHopf() {}

    /**
     * {@code u(x, t)} for viscosity {@code nu > 0}, {@code t ≥ 0}.
     *
     * @param nu the viscosity ν
     * @param x  the position (any real; the solution is 2-periodic and odd)
     * @param t  the time, ≥ 0; t = 0 returns −sin(πx)
     * @return u(x, t), accurate to about 1e-13
     * @throws IllegalArgumentException when ν or t is not positive and finite (t = 0 allowed)
     */
    public static double u(double nu, double x, double t) {
        return u(nu, x, t, 1.0);
    }

    /**
     * Same, with the node spacing multiplied by {@code spacingFactor} (1 = default; tests use 0.5 to
     * show the quadrature has converged).
     *
     * @param nu            the viscosity ν
     * @param x             the position
     * @param t             the time, ≥ 0
     * @param spacingFactor factor on the trapezoidal node spacing (&gt; 0)
     * @return u(x, t)
     * @throws IllegalArgumentException when ν or t is not positive and finite (t = 0 allowed)
     */
    public static double u(double nu, double x, double t, double spacingFactor) {
        Checks.positive("nu", nu, "viscosity");
        if (t == 0) {
            return -Math.sin(Math.PI * x);
        }
        Checks.positive("t", t, null);
        double a = 1 / (2 * Math.PI * nu);
        double s = Math.sqrt(4 * nu * t);
        double sigma = 1 / Math.sqrt(2 + a * Math.PI * Math.PI * s * s);
        double hz = 0.2 * sigma * spacingFactor;
        double zMax = Math.sqrt(2 * a + 40);
        int half = (int) Math.ceil(zMax / hz);
        double emax = Double.NEGATIVE_INFINITY;
        for (int i = -half; i <= half; i++) {
            double z = i * hz;
            emax = Math.max(emax, -z * z - a * Math.cos(Math.PI * (x - s * z)));
        }
        double num = 0;
        double den = 0;
        for (int i = -half; i <= half; i++) {
            double z = i * hz;
            double y = x - s * z;
            double w = Math.exp(-z * z - a * Math.cos(Math.PI * y) - emax);
            num += Math.sin(Math.PI * y) * w;
            den += w;
        }
        return -num / den;
    }

    /**
     * Reference on a grid, layout [t][x].
     *
     * @param nu the viscosity ν
     * @param x  the positions (fastest axis)
     * @param t  the times, each ≥ 0 (slowest axis)
     * @return {@code v[i * x.length + j] = u(nu, x[j], t[i])}
     * @throws IllegalArgumentException when ν or a time is not positive and finite (t = 0 allowed)
     */
    public static double[] grid(double nu, double[] x, double[] t) {
        double[] v = new double[x.length * t.length];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < x.length; j++) {
                v[i * x.length + j] = u(nu, x[j], t[i]);
            }
        }
        return v;
    }
}
