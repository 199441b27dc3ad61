package dev.mollify.pde.forward;

/**
 * Fourth-order exponential time differencing Runge–Kutta (Cox–Matthews ETDRK4) for a diagonal
 * stiff linear part, with the coefficients evaluated by the contour integral of Kassam and
 * Trefethen (SIAM J. Sci. Comput. 26, 2005), which avoids the cancellation in
 * {@code (e^z − 1 − z)/z²}-type expressions for small {@code |z|}.
 *
 * <p>Solves {@code v' = L v + N(v)} mode by mode, where {@code v} is in the spectral layout of
 * {@link Spectral1D} (any layout works: {@code L} and {@code v} are just complex vectors of the same
 * length). {@code L = lRe + i·lIm} per mode. One step, with {@code h = dt}:
 * <pre>
 *   a = E2 v + Q N(v)          b = E2 v + Q N(a)        c = E2 a + Q (2N(b) − N(v))
 *   v ← E v + f1 N(v) + 2 f2 (N(a) + N(b)) + f3 N(c)
 *   E = e^{Lh}, E2 = e^{Lh/2}, Q = h φ(Lh/2)/2-type, f1..f3 = h·(Kassam–Trefethen formulas)
 * </pre>
 * Contour: {@value #M} points on the unit circle around each {@code Lh}, mean taken over the full
 * circle so complex {@code L} (dispersive terms) is handled too.
 */
public final class Etdrk4 {
    /** Number of contour points on the unit circle around each {@code Lh}. */
    public static final int M = 64;

    /** The nonlinear part in spectral space; must not modify its inputs. */
    @FunctionalInterface
    public interface Nonlinear {
        /**
         * Writes N(v) for {@code v = vRe + i·vIm} into {@code outRe, outIm}.
         *
         * @param vRe   real parts of the state, spectral layout; read only
         * @param vIm   imaginary parts of the state; read only
         * @param outRe receives the real parts of N(v), same length
         * @param outIm receives the imaginary parts of N(v), same length
         */
        void apply(double[] vRe, double[] vIm, double[] outRe, double[] outIm);
    }

    private final int len;
    private final double dt;
    private final double[] eRe, eIm, e2Re, e2Im, qRe, qIm, f1Re, f1Im, f2Re, f2Im, f3Re, f3Im;
    private final double[] nvRe, nvIm, aRe, aIm, naRe, naIm, bRe, bIm, nbRe, nbIm, cRe, cIm, ncRe, ncIm;

    /**
     * Precomputes the ETDRK4 coefficients for the linear part {@code L = lRe + i·lIm} and the step
     * {@code dt}: E, E2 directly, Q and f1..f3 as means over {@value #M} contour points.
     *
     * @param lRe real parts of L per mode (e.g. −D·k² for diffusion)
     * @param lIm imaginary parts of L per mode (e.g. λ₂·k³ for the KdV dispersion), same length
     * @param dt  the step size, &gt; 0, in the time unit of L
     * @throws IllegalArgumentException when {@code dt} is not positive and finite
     */
    public Etdrk4(double[] lRe, double[] lIm, double dt) {
        this.len = lRe.length;
        this.dt = Checks.positive("dt", dt, null);
        eRe = new double[len];
        eIm = new double[len];
        e2Re = new double[len];
        e2Im = new double[len];
        qRe = new double[len];
        qIm = new double[len];
        f1Re = new double[len];
        f1Im = new double[len];
        f2Re = new double[len];
        f2Im = new double[len];
        f3Re = new double[len];
        f3Im = new double[len];
        nvRe = new double[len];
        nvIm = new double[len];
        aRe = new double[len];
        aIm = new double[len];
        naRe = new double[len];
        naIm = new double[len];
        bRe = new double[len];
        bIm = new double[len];
        nbRe = new double[len];
        nbIm = new double[len];
        cRe = new double[len];
        cIm = new double[len];
        ncRe = new double[len];
        ncIm = new double[len];
        double[] rootRe = new double[M];
        double[] rootIm = new double[M];
        for (int j = 0; j < M; j++) {
            double th = Math.PI * (2 * j + 1) / M;
            rootRe[j] = Math.cos(th);
            rootIm[j] = Math.sin(th);
        }
        for (int m = 0; m < len; m++) {
            double zr = lRe[m] * dt;
            double zi = lIm[m] * dt;
            double ez = Math.exp(zr);
            eRe[m] = ez * Math.cos(zi);
            eIm[m] = ez * Math.sin(zi);
            double ez2 = Math.exp(zr / 2);
            e2Re[m] = ez2 * Math.cos(zi / 2);
            e2Im[m] = ez2 * Math.sin(zi / 2);
            double sq0 = 0, sq1 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
            for (int j = 0; j < M; j++) {
                double r0 = zr + rootRe[j];
                double r1 = zi + rootIm[j];
                // e^r and e^{r/2}
                double er = Math.exp(r0);
                double erRe = er * Math.cos(r1);
                double erIm = er * Math.sin(r1);
                double eh = Math.exp(r0 / 2);
                double ehRe = eh * Math.cos(r1 / 2);
                double ehIm = eh * Math.sin(r1 / 2);
                // 1/r, 1/r^3
                double d = r0 * r0 + r1 * r1;
                double ir0 = r0 / d;
                double ir1 = -r1 / d;
                double ir2r = ir0 * ir0 - ir1 * ir1;
                double ir2i = 2 * ir0 * ir1;
                double ir3r = ir2r * ir0 - ir2i * ir1;
                double ir3i = ir2r * ir1 + ir2i * ir0;
                double r2r = r0 * r0 - r1 * r1;
                double r2i = 2 * r0 * r1;
                // Q: (e^{r/2} - 1)/r
                double qa = ehRe - 1;
                sq0 += qa * ir0 - ehIm * ir1;
                sq1 += qa * ir1 + ehIm * ir0;
                // f1: (-4 - r + e^r (4 - 3r + r^2)) / r^3
                double pr = 4 - 3 * r0 + r2r;
                double pi = -3 * r1 + r2i;
                double n0 = -4 - r0 + (erRe * pr - erIm * pi);
                double n1 = -r1 + (erRe * pi + erIm * pr);
                s10 += n0 * ir3r - n1 * ir3i;
                s11 += n0 * ir3i + n1 * ir3r;
                // f2: (2 + r + e^r (r - 2)) / r^3
                pr = r0 - 2;
                pi = r1;
                n0 = 2 + r0 + (erRe * pr - erIm * pi);
                n1 = r1 + (erRe * pi + erIm * pr);
                s20 += n0 * ir3r - n1 * ir3i;
                s21 += n0 * ir3i + n1 * ir3r;
                // f3: (-4 - 3r - r^2 + e^r (4 - r)) / r^3
                pr = 4 - r0;
                pi = -r1;
                n0 = -4 - 3 * r0 - r2r + (erRe * pr - erIm * pi);
                n1 = -3 * r1 - r2i + (erRe * pi + erIm * pr);
                s30 += n0 * ir3r - n1 * ir3i;
                s31 += n0 * ir3i + n1 * ir3r;
            }
            qRe[m] = dt * sq0 / M;
            qIm[m] = dt * sq1 / M;
            f1Re[m] = dt * s10 / M;
            f1Im[m] = dt * s11 / M;
            f2Re[m] = dt * s20 / M;
            f2Im[m] = dt * s21 / M;
            f3Re[m] = dt * s30 / M;
            f3Im[m] = dt * s31 / M;
        }
    }

    /**
     * The step size.
     *
     * @return the {@code dt} given to the constructor
     */
    public double dt() {
        return dt;
    }

    /**
     * Advances {@code (re, im)} by one step of size {@link #dt()} in place, calling {@code nl} four
     * times (at v, a, b and c of the class comment).
     *
     * @param re real parts of the state, spectral layout; overwritten with the new state
     * @param im imaginary parts of the state; overwritten
     * @param nl the nonlinear part N
     */
    public void step(double[] re, double[] im, Nonlinear nl) {
        nl.apply(re, im, nvRe, nvIm);
        for (int m = 0; m < len; m++) {
            aRe[m] = e2Re[m] * re[m] - e2Im[m] * im[m] + qRe[m] * nvRe[m] - qIm[m] * nvIm[m];
            aIm[m] = e2Re[m] * im[m] + e2Im[m] * re[m] + qRe[m] * nvIm[m] + qIm[m] * nvRe[m];
        }
        nl.apply(aRe, aIm, naRe, naIm);
        for (int m = 0; m < len; m++) {
            bRe[m] = e2Re[m] * re[m] - e2Im[m] * im[m] + qRe[m] * naRe[m] - qIm[m] * naIm[m];
            bIm[m] = e2Re[m] * im[m] + e2Im[m] * re[m] + qRe[m] * naIm[m] + qIm[m] * naRe[m];
        }
        nl.apply(bRe, bIm, nbRe, nbIm);
        for (int m = 0; m < len; m++) {
            double wr = 2 * nbRe[m] - nvRe[m];
            double wi = 2 * nbIm[m] - nvIm[m];
            cRe[m] = e2Re[m] * aRe[m] - e2Im[m] * aIm[m] + qRe[m] * wr - qIm[m] * wi;
            cIm[m] = e2Re[m] * aIm[m] + e2Im[m] * aRe[m] + qRe[m] * wi + qIm[m] * wr;
        }
        nl.apply(cRe, cIm, ncRe, ncIm);
        for (int m = 0; m < len; m++) {
            double sr = naRe[m] + nbRe[m];
            double si = naIm[m] + nbIm[m];
            double r = eRe[m] * re[m]
                    - eIm[m] * im[m]
                    + f1Re[m] * nvRe[m]
                    - f1Im[m] * nvIm[m]
                    + 2 * (f2Re[m] * sr - f2Im[m] * si)
                    + f3Re[m] * ncRe[m]
                    - f3Im[m] * ncIm[m];
            double i = eRe[m] * im[m]
                    + eIm[m] * re[m]
                    + f1Re[m] * nvIm[m]
                    + f1Im[m] * nvRe[m]
                    + 2 * (f2Re[m] * si + f2Im[m] * sr)
                    + f3Re[m] * ncIm[m]
                    + f3Im[m] * ncRe[m];
            re[m] = r;
            im[m] = i;
        }
    }
}
