package dev.mollify.pde.forward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Steady 2-D heat {@code 0 = k(x,y) ∇²u + m(x,y)} on the square
 * {@code [x0, x0+L] × [y0, y0+L]} with Dirichlet data {@code u = g} on the boundary — the paper's
 * second-order test, where {@code k = −m/∇²u} is to be recovered.
 *
 * <p>Because {@code k} multiplies the Laplacian (it is not inside a divergence), the problem is the
 * Poisson equation {@code ∇²u = f = −m/k} ({@code k > 0} required). Method: the fourth-order
 * compact "Mehrstellen" nine-point scheme
 * <pre>
 *   [4(u_E + u_W + u_N + u_S) + (u_NE + u_NW + u_SE + u_SW) − 20 u] / (6h²) = f + (h²/12) Δ₅f
 * </pre>
 * on {@code (n+1)²} nodes, solved exactly (to round-off) by diagonalising the nine-point operator
 * with 2-D type-I sine transforms (built on JTransforms' real FFT of the odd extension), followed by
 * one step of iterative refinement. The discrete residual {@code max|k (L₉u − b)| / max|m|} is
 * recorded ({@code solver.residual}); it is ~1e-14. Order: 4 in h.
 *
 * <p>Default data set: unit square, {@code k = 1 + 0.5 exp(−((x−0.6)² + (y−0.4)²)/0.05)},
 * {@code m = 10 sin(πx) sin(πy) + 5 x y}, {@code u = 0} on the boundary, 129 × 129 nodes;
 * layout [y][x].
 */
public final class SteadyHeat2D {
    private SteadyHeat2D() {}

    /**
     * The parameters of one steady heat problem.
     *
     * @param k        conductivity k(x,y) &gt; 0
     * @param m        source m(x,y)
     * @param boundary Dirichlet data g(x,y) (evaluated on the boundary only)
     * @param x0       x of the lower-left corner
     * @param y0       y of the lower-left corner
     * @param length   side L of the square (&gt; 0)
     * @param n        intervals per side (≥ 4; a power of 2 is fastest), {@code h = length/n}
     */
    public record Params(Profile2D k, Profile2D m, Profile2D boundary, double x0, double y0, double length, int n) {
        /**
         * Checks that the fields are given, the corner finite, the side positive and n ≥ 4. The values
         * of k and m are checked by {@link SteadyHeat2D#solve}.
         *
         * @param k        not null
         * @param m        not null
         * @param boundary not null
         * @param x0       finite
         * @param y0       finite
         * @param length   &gt; 0
         * @param n        ≥ 4
         * @throws IllegalArgumentException naming the first parameter out of its range
         */
        public Params {
            Checks.notNull("k", k);
            Checks.notNull("m", m);
            Checks.notNull("boundary", boundary);
            Checks.finite("x0", x0);
            Checks.finite("y0", y0);
            Checks.positive("length", length, null);
            Checks.atLeast("n (intervals per side)", n, 4, null);
        }

        /**
         * The default data set: unit square, k = 1 + 0.5 exp(−((x−0.6)² + (y−0.4)²)/0.05),
         * m = 10 sin(πx) sin(πy) + 5xy, g = 0, n = 128.
         *
         * @return the default parameters
         */
        public static Params defaults() {
            return new Params(
                    new Profile2D(
                            "k(x,y) = 1 + 0.5 exp(-((x-0.6)^2 + (y-0.4)^2)/0.05)",
                            (x, y) -> 1 + 0.5 * Math.exp(-((x - 0.6) * (x - 0.6) + (y - 0.4) * (y - 0.4)) / 0.05)),
                    new Profile2D(
                            "m(x,y) = 10 sin(pi x) sin(pi y) + 5 x y",
                            (x, y) -> 10 * Math.sin(Math.PI * x) * Math.sin(Math.PI * y) + 5 * x * y),
                    Profile2D.constant("g", 0),
                    0,
                    0,
                    1,
                    128);
        }

        /**
         * These parameters with another number of intervals per side.
         *
         * @param n intervals per side (≥ 4)
         * @return a copy with n replaced
         * @throws IllegalArgumentException when {@code n < 4}
         */
        public Params withN(int n) {
            return new Params(k, m, boundary, x0, y0, length, n);
        }
    }

    /**
     * The solution with the coefficient fields sampled on the same nodes.
     *
     * @param u        the solution, (n+1) × (n+1) nodes, layout [y][x]
     * @param k        the conductivity on the same nodes
     * @param m        the source on the same nodes
     * @param residual the discrete residual max|k (L₉u − b)| / max|m| over the interior, ~1e-14
     */
    public record Result(GridField u, GridField k, GridField m, double residual) {}

    /**
     * Solves the problem on (n+1)² nodes, layout (y, x); k must be positive and finite everywhere.
     * Two passes of "residual, then fast sine solve for the correction" (the direct solve and one
     * refinement step).
     *
     * @param p the parameters
     * @return u, k and m on the nodes, each with {@code x0}, {@code y0}, {@code length}, {@code h} and
     *     {@code solver.residual} as parameters, and the residual
     * @throws IllegalArgumentException when k is not positive and finite, or m is not finite, at a node
     */
    public static Result solve(Params p) {
        int n = p.n();
        double h = p.length() / n;
        double[] x = new double[n + 1];
        double[] y = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            x[j] = p.x0() + h * j;
            y[j] = p.y0() + h * j;
        }
        int w = n + 1;
        double[] kv = p.k().sample(x, y);
        double[] mv = p.m().sample(x, y);
        double[] f = new double[w * w];
        for (int i = 0; i < w * w; i++) {
            if (!(kv[i] > 0) || !Double.isFinite(kv[i])) {
                int r = i / w;
                int c = i % w;
                throw new IllegalArgumentException(
                        "conductivity k must be > 0 and finite everywhere; k(" + x[c] + ", " + y[r] + ") = " + kv[i]);
            }
            Checks.finite("m(x,y)", mv[i]);
            f[i] = -mv[i] / kv[i];
        }
        // right-hand side b = f + (1/12)(5-point sum of f - 4f) at interior nodes
        double[] b = new double[w * w];
        for (int r = 1; r < n; r++) {
            for (int c = 1; c < n; c++) {
                int i = r * w + c;
                b[i] = f[i] + (f[i - 1] + f[i + 1] + f[i - w] + f[i + w] - 4 * f[i]) / 12;
            }
        }
        double[] u = new double[w * w];
        for (int j = 0; j <= n; j++) {
            u[j] = p.boundary().at(x[j], y[0]);
            u[n * w + j] = p.boundary().at(x[j], y[n]);
            u[j * w] = p.boundary().at(x[0], y[j]);
            u[j * w + n] = p.boundary().at(x[n], y[j]);
        }
        Dst2 dst = new Dst2(n);
        double[] res = new double[w * w];
        for (int sweep = 0; sweep < 2; sweep++) { // direct solve + one refinement step
            residual(u, b, h, n, res);
            dst.solve(res, h); // correction e with L9 e = -(L9 u - b) on the interior
            for (int r = 1; r < n; r++) {
                for (int c = 1; c < n; c++) {
                    u[r * w + c] -= res[r * w + c];
                }
            }
        }
        residual(u, b, h, n, res);
        double rmax = 0;
        for (int r = 1; r < n; r++) {
            for (int c = 1; c < n; c++) {
                rmax = Math.max(rmax, Math.abs(kv[r * w + c] * res[r * w + c]));
            }
        }
        double rel = rmax / Math.max(Stats.maxAbs(mv), Double.MIN_NORMAL);
        Map<String, Double> par = new LinkedHashMap<>();
        par.put("x0", p.x0());
        par.put("y0", p.y0());
        par.put("length", p.length());
        par.put("h", h);
        par.put("solver.residual", rel);
        String desc = "0 = k lap(u) + m; " + p.k().description() + "; " + p.m().description() + "; "
                + p.boundary().description() + " on the boundary; Mehrstellen 9-point FD + fast sine solver";
        List<String> names = List.of("y", "x");
        List<double[]> axes = List.of(y, x);
        return new Result(
                new GridField("steady-heat-2d", "u", names, axes, u, par, desc),
                new GridField("steady-heat-2d", "k", names, axes, kv, par, p.k().description()),
                new GridField("steady-heat-2d", "m", names, axes, mv, par, p.m().description()),
                rel);
    }

    /** {@code res = L9 u − b} at interior nodes (0 on the boundary). */
    static void residual(double[] u, double[] b, double h, int n, double[] res) {
        int w = n + 1;
        double s = 1 / (6 * h * h);
        java.util.Arrays.fill(res, 0);
        for (int r = 1; r < n; r++) {
            for (int c = 1; c < n; c++) {
                int i = r * w + c;
                double l9 = 4 * (u[i - 1] + u[i + 1] + u[i - w] + u[i + w])
                        + (u[i - w - 1] + u[i - w + 1] + u[i + w - 1] + u[i + w + 1])
                        - 20 * u[i];
                res[i] = l9 * s - b[i];
            }
        }
    }

    /**
     * Type-I sine transforms on the {@code (n−1)²} interior nodes of an {@code (n+1)²} array and the
     * inverse of the nine-point operator in that basis: eigenvalue of mode {@code (p, q)} is
     * {@code (8c_p + 8c_q + 4c_p c_q − 20)/(6h²)}, {@code c_p = cos(pπ/n)}.
     */
    private static final class Dst2 {
        private final int n;
        private final DoubleFFT_1D fft;
        private final double[] work;
        private final double[] line;
        private final double[] cosv;

        Dst2(int n) {
            this.n = n;
            this.fft = new DoubleFFT_1D(2L * n);
            this.work = new double[2 * n];
            this.line = new double[n - 1];
            this.cosv = new double[n];
            for (int p = 1; p < n; p++) {
                cosv[p] = Math.cos(Math.PI * p / n);
            }
        }

        /** In place: {@code a} (interior) ← L9⁻¹ a. */
        void solve(double[] a, double h) {
            int w = n + 1;
            // rows (along x)
            for (int r = 1; r < n; r++) {
                for (int c = 1; c < n; c++) {
                    line[c - 1] = a[r * w + c];
                }
                dst(line);
                for (int c = 1; c < n; c++) {
                    a[r * w + c] = line[c - 1];
                }
            }
            // columns (along y)
            for (int c = 1; c < n; c++) {
                for (int r = 1; r < n; r++) {
                    line[r - 1] = a[r * w + c];
                }
                dst(line);
                for (int r = 1; r < n; r++) {
                    a[r * w + c] = line[r - 1];
                }
            }
            double s = 6 * h * h;
            double norm = (2.0 / n) * (2.0 / n);
            for (int q = 1; q < n; q++) {
                for (int p = 1; p < n; p++) {
                    double lam = 8 * cosv[p] + 8 * cosv[q] + 4 * cosv[p] * cosv[q] - 20;
                    a[q * w + p] *= norm * s / lam;
                }
            }
            // inverse = same transforms (DST-I is its own inverse up to 2/n per axis, applied above)
            for (int r = 1; r < n; r++) {
                for (int c = 1; c < n; c++) {
                    line[c - 1] = a[r * w + c];
                }
                dst(line);
                for (int c = 1; c < n; c++) {
                    a[r * w + c] = line[c - 1];
                }
            }
            for (int c = 1; c < n; c++) {
                for (int r = 1; r < n; r++) {
                    line[r - 1] = a[r * w + c];
                }
                dst(line);
                for (int r = 1; r < n; r++) {
                    a[r * w + c] = line[r - 1];
                }
            }
        }

        /** {@code v_k ← Σ_j v_j sin(πjk/n)}, j, k = 1..n−1, via a real FFT of the odd extension. */
        private void dst(double[] v) {
            work[0] = 0;
            work[n] = 0;
            for (int j = 1; j < n; j++) {
                work[j] = v[j - 1];
                work[2 * n - j] = -v[j - 1];
            }
            fft.realForward(work);
            for (int k = 1; k < n; k++) {
                v[k - 1] = -work[2 * k + 1] / 2;
            }
        }
    }
}
