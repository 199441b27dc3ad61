package dev.mollify.pde.forward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * The chromatin phase-field model of docs/math.md, "Test problems" (fourth order, 2-D), relaxed to
 * its steady state:
 * <pre>
 *   φ_h = (1 − φ_w + φ_d)/2,   φ_e = (1 − φ_w − φ_d)/2,
 *   μ_d = −φ_e + φ_h(0.7 − φ_h)(0.7 − 2φ_h) − ε²∇²φ_d,        ε = 0.03,
 *   ∂φ_d/∂t = ∇²μ_d + 2(λφ_e − φ_h),   steady residual  R = ∇²μ_d + 2(λφ_e − φ_h) = 0,
 * </pre>
 * with the reaction ratio λ constant or a smooth field, and the water/nucleoplasm fraction φ_w a
 * given field. The model fixes neither φ_w, the boundary conditions nor the initial state; this solver
 * takes the box {@code [0, L)²} <b>periodic</b>, φ_w and λ as user fields (smooth, periodic), and
 * starts from the pointwise reaction equilibrium {@code φ_d = (λ−1)(1−φ_w)/(λ+1)}.
 *
 * <p>Method: Fourier pseudo-spectral on an {@code n × n} grid, stabilised semi-implicit pseudo-time
 * steps (implicit {@code ε²∇⁴}, {@code A∇²} and {@code B} terms with {@code A ≥ max ∂μ/∂φ_d} and
 * {@code B = max λ + 1}, which makes the iteration unconditionally stable):
 * <pre>
 *   (1 + Δt(A k² + ε²k⁴ + B)) φ̂ⁿ⁺¹ = φ̂ⁿ + Δt(−k² ĝ(φⁿ) + A k² φ̂ⁿ + F[2(λφ_e − φ_h)ⁿ + Bφⁿ])
 * </pre>
 * A fixed point of this map satisfies the spectral steady equations exactly, so the iteration stops
 * when {@code max|R| ≤ tol} (default 1e-10) — R computed spectrally on the grid. The steady state
 * does not depend on Δt; Δt only sets how fast it is reached.
 *
 * <p>Output: {@code (n+1) × (n+1)} nodes on {@code [0, L]²} (the periodic edge repeated), layout
 * [y][x]; the paper's grid is {@code L = 10, n = 200} → 201 × 201. The 2-D FFT of 200 × 200
 * (40 000 points) stays under JTransforms' 2-D threading threshold (65 536), so no pool is started.
 */
public final class ChromatinSolver {
    private ChromatinSolver() {}

    /**
     * The parameters of one chromatin problem.
     *
     * @param eps      interface parameter ε (&gt; 0); the paper uses 0.03
     * @param lambda   reaction ratio λ(x,y) ≥ 0, smooth and L-periodic
     * @param phiW     water fraction φ_w(x,y) in [0, 1), smooth and L-periodic
     * @param length   side L of the periodic box (&gt; 0)
     * @param n        grid points per side (even, ≥ 16)
     * @param dt       pseudo-time step (&gt; 0)
     * @param tol      stop when max|R| ≤ tol (&gt; 0)
     * @param maxIter  iteration limit (≥ 1)
     */
    public record Params(
            double eps, Profile2D lambda, Profile2D phiW, double length, int n, double dt, double tol, int maxIter) {
        /**
         * Checks every parameter against the ranges above (the values of λ and φ_w are checked by
         * {@link ChromatinSolver#solve}).
         *
         * @param eps     &gt; 0
         * @param lambda  not null
         * @param phiW    not null
         * @param length  &gt; 0
         * @param n       even, ≥ 16
         * @param dt      &gt; 0
         * @param tol     &gt; 0
         * @param maxIter ≥ 1
         * @throws IllegalArgumentException naming the first parameter out of its range
         */
        public Params {
            Checks.positive("eps", eps, "the gradient-energy coefficient eps^2 must be positive");
            Checks.notNull("lambda", lambda);
            Checks.notNull("phiW", phiW);
            Checks.positive("length", length, null);
            Checks.even("n", n, 16);
            Checks.positive("dt", dt, null);
            Checks.positive("tol", tol, null);
            Checks.atLeast("maxIter", maxIter, 1, null);
        }

        /**
         * Paper grid, constant λ = 1, φ_w = 0.2 + 0.1 cos(2πx/L) cos(2πy/L).
         *
         * @return ε = 0.03, L = 10, n = 200, Δt = 1, tol = 1e-10, at most 20 000 iterations
         */
        public static Params defaults() {
            return new Params(0.03, Profile2D.constant("lambda", 1.0), defaultPhiW(10), 10, 200, 1.0, 1e-10, 20000);
        }

        /**
         * Paper grid with the smooth field λ = 1 + 0.5 sin(2πx/L) sin(2πy/L).
         *
         * @return {@link #defaults()} with that λ
         */
        public static Params defaultsVaryingLambda() {
            return defaults()
                    .withLambda(new Profile2D(
                            "lambda(x,y) = 1 + 0.5 sin(2 pi x/10) sin(2 pi y/10)",
                            (x, y) -> 1 + 0.5 * Math.sin(2 * Math.PI * x / 10) * Math.sin(2 * Math.PI * y / 10)));
        }

        /**
         * These parameters with another reaction ratio λ(x,y).
         *
         * @param lambda λ(x,y) ≥ 0, smooth and L-periodic
         * @return a copy with λ replaced
         * @throws IllegalArgumentException when {@code lambda} is null
         */
        public Params withLambda(Profile2D lambda) {
            return new Params(eps, lambda, phiW, length, n, dt, tol, maxIter);
        }

        /**
         * These parameters with another number of grid points per side.
         *
         * @param n grid points per side (even, ≥ 16)
         * @return a copy with n replaced
         * @throws IllegalArgumentException when {@code n} is odd or below 16
         */
        public Params withGrid(int n) {
            return new Params(eps, lambda, phiW, length, n, dt, tol, maxIter);
        }

        /**
         * These parameters with another pseudo-time step, tolerance and iteration limit.
         *
         * @param dt      pseudo-time step (&gt; 0)
         * @param tol     residual tolerance (&gt; 0)
         * @param maxIter iteration limit (≥ 1)
         * @return a copy with the iteration settings replaced
         * @throws IllegalArgumentException when a value is out of range
         */
        public Params withIteration(double dt, double tol, int maxIter) {
            return new Params(eps, lambda, phiW, length, n, dt, tol, maxIter);
        }
    }

    /**
     * The default water fraction φ_w = 0.2 + 0.1 cos(2πx/L) cos(2πy/L) for the box side L.
     *
     * @param length the box side L
     * @return the profile, with L in its description
     */
    public static Profile2D defaultPhiW(double length) {
        return new Profile2D(
                "phi_w(x,y) = 0.2 + 0.1 cos(2 pi x/L) cos(2 pi y/L), L = " + length,
                (x, y) -> 0.2 + 0.1 * Math.cos(2 * Math.PI * x / length) * Math.cos(2 * Math.PI * y / length));
    }

    /**
     * Steady φ_d with the input fields on the same nodes, the iterations used and the final max|R|.
     *
     * @param phiD       the steady φ_d, (n+1) × (n+1) nodes on [0, L]², layout [y][x]
     * @param phiW       φ_w on the same nodes
     * @param lambda     λ on the same nodes
     * @param iterations pseudo-time steps taken
     * @param residual   the final max|R| on the grid, ≤ tol
     */
    public record Result(GridField phiD, GridField phiW, GridField lambda, int iterations, double residual) {}

    /** Bulk chemical potential {@code g(φ_d) = −φ_e + φ_h(0.7−φ_h)(0.7−2φ_h)}. */
    static double bulkMu(double phiD, double phiW) {
        double h = (1 - phiW + phiD) / 2;
        double e = (1 - phiW - phiD) / 2;
        return -e + h * (0.7 - h) * (0.7 - 2 * h);
    }

    /** {@code ∂g/∂φ_d = 1/2 + (0.49 − 4.2φ_h + 6φ_h²)/2}. */
    static double bulkMuSlope(double phiD, double phiW) {
        double h = (1 - phiW + phiD) / 2;
        return 0.5 + 0.5 * (0.49 - 4.2 * h + 6 * h * h);
    }

    /**
     * Relaxes to the steady state and returns φ_d with the input fields; throws
     * {@link IllegalStateException} when the iteration diverges or does not reach {@code tol}
     * within {@code maxIter}.
     *
     * @param p the parameters
     * @return the steady state and the inputs; each field carries {@code eps}, {@code length} and the
     *     {@code solver.*} diagnostics (n, dt, iterations, residual, spectralTail)
     * @throws IllegalArgumentException when λ is negative or not finite, or φ_w outside [0, 1), at a grid
     *     point, or the steady state's spectral tail exceeds 1e-8 (grid too coarse)
     * @throws IllegalStateException when the iteration diverges or misses {@code tol} within
     *     {@code maxIter}
     */
    public static Result solve(Params p) {
        int n = p.n();
        double len = p.length();
        double[] xs = SpectralMarch.periodicGrid(0, len, n);
        double[] lam = p.lambda().sample(xs, xs);
        double[] pw = p.phiW().sample(xs, xs);
        double lamMax = 0;
        for (int i = 0; i < n * n; i++) {
            if (!(lam[i] >= 0) || !Double.isFinite(lam[i])) {
                throw new IllegalArgumentException("lambda must be >= 0 and finite everywhere; lambda(" + xs[i % n]
                        + ", " + xs[i / n] + ") = " + lam[i]);
            }
            if (!(pw[i] >= 0 && pw[i] < 1)) {
                throw new IllegalArgumentException(
                        "phiW must lie in [0, 1) everywhere; phiW(" + xs[i % n] + ", " + xs[i / n] + ") = " + pw[i]);
            }
            lamMax = Math.max(lamMax, lam[i]);
        }
        double b = lamMax + 1;
        double eps2 = p.eps() * p.eps();
        double[] k2 = new double[n * n];
        for (int r = 0; r < n; r++) {
            double ky = 2 * Math.PI / len * (r <= n / 2 ? r : r - n);
            for (int c = 0; c < n; c++) {
                double kx = 2 * Math.PI / len * (c <= n / 2 ? c : c - n);
                k2[r * n + c] = kx * kx + ky * ky;
            }
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(n, n);
        double[] phi = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            phi[i] = (lam[i] - 1) * (1 - pw[i]) / (lam[i] + 1);
        }
        double[] pHat = toComplex(phi);
        fft.complexForward(pHat);
        double[] gHat = new double[2 * n * n];
        double[] sHat = new double[2 * n * n];
        double[] rHat = new double[2 * n * n];
        double residual = Double.NaN;
        int it = 0;
        double dt = p.dt();
        while (true) {
            double aStab = 0;
            for (int i = 0; i < n * n; i++) {
                double ph = phi[i];
                double w = pw[i];
                double hh = (1 - w + ph) / 2;
                double ee = (1 - w - ph) / 2;
                gHat[2 * i] = bulkMu(ph, w);
                gHat[2 * i + 1] = 0;
                sHat[2 * i] = 2 * (lam[i] * ee - hh) + b * ph;
                sHat[2 * i + 1] = 0;
                aStab = Math.max(aStab, bulkMuSlope(ph, w));
            }
            fft.complexForward(gHat);
            fft.complexForward(sHat);
            boolean check = it % 10 == 0 || it >= p.maxIter();
            if (check) {
                for (int i = 0; i < n * n; i++) {
                    double kk = k2[i];
                    for (int q = 0; q < 2; q++) {
                        int j = 2 * i + q;
                        rHat[j] = -kk * gHat[j] - eps2 * kk * kk * pHat[j] + sHat[j] - b * pHat[j];
                    }
                }
                fft.complexInverse(rHat, true);
                residual = 0;
                for (int i = 0; i < n * n; i++) {
                    residual = Math.max(residual, Math.abs(rHat[2 * i]));
                }
                if (!Double.isFinite(residual)) {
                    throw new IllegalStateException("chromatin iteration diverged at iteration " + it);
                }
                if (residual <= p.tol()) {
                    break;
                }
                if (it >= p.maxIter()) {
                    throw new IllegalStateException("chromatin: no steady state within maxIter = " + p.maxIter()
                            + " iterations; max|R| = " + residual + " > tol = " + p.tol()
                            + "; raise maxIter or dt, or loosen tol");
                }
            }
            for (int i = 0; i < n * n; i++) {
                double kk = k2[i];
                double den = 1 + dt * (aStab * kk + eps2 * kk * kk + b);
                for (int q = 0; q < 2; q++) {
                    int j = 2 * i + q;
                    pHat[j] = (pHat[j] + dt * (-kk * gHat[j] + aStab * kk * pHat[j] + sHat[j])) / den;
                }
            }
            System.arraycopy(pHat, 0, rHat, 0, pHat.length);
            fft.complexInverse(rHat, true);
            for (int i = 0; i < n * n; i++) {
                phi[i] = rHat[2 * i];
            }
            it++;
        }
        double tail = tail2D(pHat, n);
        if (tail > 1e-8) {
            throw new IllegalArgumentException("chromatin: grid too coarse: n = " + n + " leaves a spectral tail of "
                    + String.format("%.2e", tail) + " (limit 1e-08); increase n or use smoother lambda/phiW fields");
        }
        Map<String, Double> par = new LinkedHashMap<>();
        par.put("eps", p.eps());
        par.put("length", p.length());
        par.put("solver.n", (double) n);
        par.put("solver.dt", dt);
        par.put("solver.iterations", (double) it);
        par.put("solver.residual", residual);
        par.put("solver.spectralTail", tail);
        double[] axis = SpectralMarch.linspace(0, len, n + 1);
        List<String> names = List.of("y", "x");
        List<double[]> axes = List.of(axis, axis);
        String desc = "steady chromatin phase field (docs/math.md: Test problems), periodic box; "
                + p.lambda().description() + "; " + p.phiW().description()
                + "; Fourier pseudo-spectral, stabilised semi-implicit pseudo-time";
        return new Result(
                new GridField("chromatin", "phi_d", names, axes, wrap(phi, n), par, desc),
                new GridField(
                        "chromatin",
                        "phi_w",
                        names,
                        axes,
                        wrap(pw, n),
                        par,
                        p.phiW().description()),
                new GridField(
                        "chromatin",
                        "lambda",
                        names,
                        axes,
                        wrap(lam, n),
                        par,
                        p.lambda().description()),
                it,
                residual);
    }

    /**
     * Steady residual {@code R = ∇²μ_d + 2(λφ_e − φ_h)} of a field on the output grid
     * ({@code (n+1)²}, periodic edge repeated), evaluated with second-order five-point differences —
     * independent of the spectral solver, so it shrinks like h² on a converged solution. Interior
     * layout [y][x] of size n×n.
     *
     * @param phiD   φ_d on the output grid, with a recorded {@code length} parameter
     * @param phiW   φ_w on the same grid
     * @param lambda λ on the same grid
     * @param eps    ε
     * @return R at the n × n distinct nodes, row-major [y][x]
     * @throws IllegalArgumentException when {@code phiD} has no {@code length} parameter
     */
    public static double[] finiteDifferenceResidual(GridField phiD, GridField phiW, GridField lambda, double eps) {
        int n = phiD.shape()[0] - 1;
        double h = phiD.parameter("length") / n;
        double[] f = unwrap(phiD.raw(), n);
        double[] w = unwrap(phiW.raw(), n);
        double[] l = unwrap(lambda.raw(), n);
        double[] lapF = lap5(f, n, h);
        double[] mu = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            mu[i] = bulkMu(f[i], w[i]) - eps * eps * lapF[i];
        }
        double[] lapMu = lap5(mu, n, h);
        double[] r = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            double hh = (1 - w[i] + f[i]) / 2;
            double ee = (1 - w[i] - f[i]) / 2;
            r[i] = lapMu[i] + 2 * (l[i] * ee - hh);
        }
        return r;
    }

    private static double[] lap5(double[] f, int n, double h) {
        double[] out = new double[n * n];
        for (int r = 0; r < n; r++) {
            int rp = (r + 1) % n;
            int rm = (r + n - 1) % n;
            for (int c = 0; c < n; c++) {
                int cp = (c + 1) % n;
                int cm = (c + n - 1) % n;
                out[r * n + c] =
                        (f[rp * n + c] + f[rm * n + c] + f[r * n + cp] + f[r * n + cm] - 4 * f[r * n + c]) / (h * h);
            }
        }
        return out;
    }

    private static double[] toComplex(double[] v) {
        double[] z = new double[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            z[2 * i] = v[i];
        }
        return z;
    }

    private static double[] wrap(double[] v, int n) {
        int w = n + 1;
        double[] out = new double[w * w];
        for (int r = 0; r <= n; r++) {
            for (int c = 0; c <= n; c++) {
                out[r * w + c] = v[(r % n) * n + (c % n)];
            }
        }
        return out;
    }

    private static double[] unwrap(double[] v, int n) {
        double[] out = new double[n * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(v, r * (n + 1), out, r * n, n);
        }
        return out;
    }

    /** L2 fraction of the spectrum with |kx| or |ky| index above n/3. */
    private static double tail2D(double[] z, int n) {
        double all = 0;
        double tail = 0;
        for (int r = 0; r < n; r++) {
            int ir = Math.abs(r <= n / 2 ? r : r - n);
            for (int c = 0; c < n; c++) {
                int ic = Math.abs(c <= n / 2 ? c : c - n);
                int i = r * n + c;
                double pw = z[2 * i] * z[2 * i] + z[2 * i + 1] * z[2 * i + 1];
                all += pw;
                if (3 * ir > n || 3 * ic > n) {
                    tail += pw;
                }
            }
        }
        return all == 0 ? 0 : Math.sqrt(tail / all);
    }
}
