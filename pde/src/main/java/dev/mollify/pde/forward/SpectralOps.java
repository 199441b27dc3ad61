package dev.mollify.pde.forward;

/** Nonlinear terms and step rules shared by the periodic pseudo-spectral solvers. */
final class SpectralOps {
    /** Hard stability limit on the Courant number {@code dt · a · max|u| · k_eff} for ETDRK4. */
    static final double STABILITY_LIMIT = 2.5;

    private SpectralOps() {}

    /**
     * {@code N(v) = −a ∂x(u²/2)} in spectral space (conservative form; Nyquist mode zeroed).
     */
    static Etdrk4.Nonlinear advection(Spectral1D sp, double a) {
        int n = sp.n();
        int modes = sp.modes();
        double[] u = new double[n];
        double[] wRe = new double[modes];
        double[] wIm = new double[modes];
        double[] k = sp.wavenumbers();
        k[modes - 1] = 0;
        return (vRe, vIm, outRe, outIm) -> {
            sp.inverse(vRe, vIm, u);
            for (int j = 0; j < n; j++) {
                u[j] = u[j] * u[j];
            }
            sp.forward(u, wRe, wIm);
            for (int m = 0; m < modes; m++) {
                // -a * (i k / 2) * w
                double s = -0.5 * a * k[m];
                outRe[m] = -s * wIm[m];
                outIm[m] = s * wRe[m];
            }
        };
    }

    /** {@code N(v) = F[r(x) u (1 − u)]} (Fisher-KPP reaction) with {@code r} sampled on the grid. */
    static Etdrk4.Nonlinear logistic(Spectral1D sp, double[] rate) {
        int n = sp.n();
        double[] u = new double[n];
        return (vRe, vIm, outRe, outIm) -> {
            sp.inverse(vRe, vIm, u);
            for (int j = 0; j < n; j++) {
                u[j] = rate[j] * u[j] * (1 - u[j]);
            }
            sp.forward(u, outRe, outIm);
        };
    }

    /**
     * Step rule for an advective nonlinearity {@code a u u_x}: the Courant number
     * {@code C = dt · |a| · max|u| · kEff} is {@code cfl} when {@code forcedDt == 0}, capped by
     * {@code dtCap}; a forced step with {@code C > STABILITY_LIMIT} is rejected.
     *
     * @param kEff largest wavenumber, as a function of max|u|, where the linear part does not damp
     *             faster than advection ({@link #effectiveK}); the grid's {@code k_max} for dispersive problems
     */
    static SpectralMarch.StepRule courant(
            String problem,
            double a,
            java.util.function.DoubleUnaryOperator kEff,
            double cfl,
            double dtCap,
            double forcedDt) {
        return (umax, t) -> {
            double um = Math.max(umax, 1e-12);
            double speed = Math.abs(a) * um * kEff.applyAsDouble(um); // 1/time
            if (forcedDt > 0) {
                double c = forcedDt * speed;
                if (c > STABILITY_LIMIT) {
                    throw new IllegalArgumentException(problem + ": dt = " + forcedDt + " is unstable at t = " + t
                            + ": Courant number dt*|a|*max|u|*k = " + String.format("%.3g", c) + " exceeds "
                            + STABILITY_LIMIT + "; use dt <= " + String.format("%.3g", STABILITY_LIMIT / speed)
                            + " or dt = 0 for automatic CFL-checked steps");
                }
                return forcedDt;
            }
            return Math.min(dtCap, cfl / speed);
        };
    }

    /**
     * Largest wavenumber (at most {@code k_max}) at which the damping {@code −Re L(k)} does not
     * exceed the advection rate {@code |a| umax k}: beyond it ETDRK4 damps the mode exactly and the
     * explicit nonlinear term cannot destabilise it.
     */
    static double effectiveK(double[] k, double[] lRe, double a, double umax) {
        double kEff = k[k.length - 1];
        for (int m = 1; m < k.length; m++) {
            if (-lRe[m] > 4 * Math.abs(a) * umax * k[m]) {
                kEff = k[m];
                break;
            }
        }
        return kEff;
    }
}
