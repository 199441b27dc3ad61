package dev.mollify.mollifier;

import dev.mollify.autograd.Var;

/**
 * 1-D derivative kernels: correlation taps D with Σ_n D_n·g(x_i + n·h) ≈ û^{(k)}(x_i), û = g ∗ η_δ.
 * The weight on g at x_i + n·h is h·∂ᵏη_δ(−n·h) (note the minus sign: odd kernels are odd).
 *
 * <h2>Two routes</h2>
 * <ul>
 *   <li>{@link Method#DIFFERENCES} (the default): sample η_δ, normalise (Σ W = 1), then apply the
 *   O(h²) central-difference stencil of order k to the kernel: D = (s_k ∗ W)/h^k. This equals
 *   differencing the mollified field, so it is exact in its moments (Σ D_n (nh)^j/j! = δ_{jk} up to
 *   O(h²)) and robust at any δ/h; the kernel grows by p = ⌈k/2⌉ taps on each side.</li>
 *   <li>{@link Method#ANALYTIC}: sample h·C·φ^{(k)}(−nh/δ)/δ^{k+1} directly, C = 1/∫φ; optionally
 *   ({@link Method#ANALYTIC_MOMENTS}) add the smallest smooth correction W₀·poly(n) that restores the
 *   discrete moment conditions Σ_n D_n (nh)^j/j! = δ_{jk}, j ≤ k. Raw sampling is very inaccurate
 *   unless δ/h is large, because ∂ᵏη has tall narrow peaks near the support edge (table in docs/math.md, "Discretisation traps",
 *   reproduced by {@code DerivativeKernelsTest}).</li>
 * </ul>
 * The analytic route differentiates the profile inside the support only: for the truncated Gaussian
 * (a jump at |r| = 1) and for (1−r²)^p beyond order p−1 it misses the edge terms, which the
 * differences route gets right automatically.
 *
 * <p>Differences are the default because they are accurate from δ/h ≈ 10 upward, need no derivative of φ
 * (so they also work for the C^{p−1} polynomial family), and their width derivative is the same stencil
 * applied to ∂W/∂δ (docs/math.md, "Width gradient"), which keeps the learnable-width path one formula.
 */
public final class DerivativeKernels {

    /** How a derivative kernel is made. */
    public enum Method {
        /**
         * Sample and normalise η_δ, then apply the central-difference stencil of order k:
         * D = (s_k ∗ W)/hᵏ (the default).
         */
        DIFFERENCES,
        /**
         * {@link #DIFFERENCES} (with a width gradient too) with the sixth-order central stencil of order k (half-width ⌈k/2⌉ + 2),
         * D = (s⁽⁶⁾_k ∗ W)/hᵏ: its symbol over W's is (iξ)ᵏ(1 + O(ξ⁶h⁶)) where the second-order stencil's
         * is (iξ)ᵏ(1 + O(ξ²h²)). The fit's default wherever it differentiates by differences (docs/math.md,
         * "Widths" and "The weak form on the data").
         */
        SIXTH_ORDER_DIFFERENCES,
        /** Sample h·C·φ⁽ᵏ⁾(−nh/δ)/δ^{k+1} directly. */
        ANALYTIC,
        /**
         * {@link #ANALYTIC} plus the smallest smooth correction that restores the discrete moment
         * conditions Σ_n D_n (nh)ʲ/j! = δ_{jk}, j ≤ k.
         */
        ANALYTIC_MOMENTS
    }

    private DerivativeKernels() {}

    /**
     * How many taps the difference stencil of order k adds on each side of the kernel.
     *
     * @param order the derivative order k, ≥ 0
     * @return p = ⌈k/2⌉
     */
    public static int stencilHalfWidth(int order) {
        return (order + 1) / 2;
    }

    /**
     * How many taps the difference stencil of {@code method} adds on each side of the kernel: ⌈k/2⌉ for
     * {@link Method#DIFFERENCES}, ⌈k/2⌉ + 2 for {@link Method#SIXTH_ORDER_DIFFERENCES} (0 at k = 0), and
     * ⌈k/2⌉ for the analytic methods, whose kernels are padded to the shape of the differences.
     *
     * @param order the derivative order k, ≥ 0
     * @param method how the kernel is made
     * @return the half-width p of the stencil
     */
    public static int stencilHalfWidth(int order, Method method) {
        return method == Method.SIXTH_ORDER_DIFFERENCES && order > 0 ? (order + 1) / 2 + 2 : stencilHalfWidth(order);
    }

    /**
     * The central-difference stencil of order k (values s_l, l = −p..p): D2^{k/2}, times D1 when k is
     * odd, with D1 = (−½, 0, ½) and D2 = (1, −2, 1). Divided by h^k it is the O(h²) central
     * difference of order k.
     *
     * @param order the derivative order k, ≥ 0 (0 gives the identity {1})
     * @return 2p+1 values, p = {@link #stencilHalfWidth(int) ⌈k/2⌉}, for offsets −p..p
     * @throws IllegalArgumentException when k &lt; 0
     */
    public static double[] stencil(int order) {
        if (order < 0) throw new IllegalArgumentException("derivative order must be >= 0, got " + order);
        double[] s = {1.0};
        for (int i = 0; i < order / 2; i++) s = convolve(s, new double[] {1, -2, 1});
        if (order % 2 == 1) s = convolve(s, new double[] {-0.5, 0, 0.5});
        return s;
    }

    /**
     * The central stencil of order k and accuracy O(h⁶) on offsets −p..p, p = ⌈k/2⌉ + 2 (the identity at
     * k = 0): the weights with Σ_l s_l·lʲ/j! = δ_{jk} for j = 0..2p, from Fornberg's recursion (Math. Comp.
     * 51 (1988) 699–706) on the nodes −p..p. For k = 2: (2, −27, 270, −490, 270, −27, 2)/180.
     *
     * @param order the derivative order k, ≥ 0
     * @return 2p+1 values for offsets −p..p
     * @throws IllegalArgumentException when k &lt; 0
     */
    public static double[] sixthOrderStencil(int order) {
        if (order < 0) throw new IllegalArgumentException("derivative order must be >= 0, got " + order);
        if (order == 0) return new double[] {1.0};
        int p = stencilHalfWidth(order, Method.SIXTH_ORDER_DIFFERENCES);
        int n = 2 * p + 1;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = i - p;
        // c[k][j]: weight of node j in the k-th derivative at 0 on the nodes seen so far
        double[][] c = new double[order + 1][n];
        c[0][0] = 1;
        double c1 = 1;
        for (int i = 1; i < n; i++) {
            double c2 = 1;
            int top = Math.min(i, order);
            for (int j = 0; j < i; j++) {
                double c3 = x[i] - x[j];
                c2 *= c3;
                if (j == i - 1) {
                    for (int k = top; k >= 1; k--) c[k][i] = c1 * (k * c[k - 1][i - 1] - x[i - 1] * c[k][i - 1]) / c2;
                    c[0][i] = -c1 * x[i - 1] * c[0][i - 1] / c2;
                }
                for (int k = top; k >= 1; k--) c[k][j] = (x[i] * c[k][j] - k * c[k - 1][j]) / c3;
                c[0][j] = x[i] * c[0][j] / c3;
            }
            c1 = c2;
        }
        return c[order];
    }

    /**
     * Whether {@code method} differences the sampled kernel ({@link Method#DIFFERENCES} or {@link
     * Method#SIXTH_ORDER_DIFFERENCES}), which gives it a width gradient.
     *
     * @param method how the kernel is made
     * @return true for either difference method
     */
    public static boolean differences(Method method) {
        return method == Method.DIFFERENCES || method == Method.SIXTH_ORDER_DIFFERENCES;
    }

    /**
     * The difference stencil of {@code method}: {@link #sixthOrderStencil} for {@link
     * Method#SIXTH_ORDER_DIFFERENCES}, else {@link #stencil(int)}.
     *
     * @param order the derivative order k, ≥ 0
     * @param method how the kernel is made
     * @return 2p+1 values, p = {@link #stencilHalfWidth(int, Method)}
     */
    public static double[] stencil(int order, Method method) {
        return method == Method.SIXTH_ORDER_DIFFERENCES ? sixthOrderStencil(order) : stencil(order);
    }

    private static double[] convolve(double[] a, double[] b) {
        double[] c = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < b.length; j++) c[i + j] += a[i] * b[j];
        return c;
    }

    /**
     * D = (s_k ∗ W)/h^k for 1-D taps W (length 2M+1); result has length 2(M+p)+1 with
     * D_n = Σ_l s_l·W_{n−l}/h^k. Linear, so the same call maps ∂W/∂δ to ∂D/∂δ.
     *
     * @param w the sampled, normalised taps W (or ∂W/∂δ), odd length 2M+1, centre in the middle
     * @param order the derivative order k, ≥ 0
     * @param h the grid spacing (physical units)
     * @return the correlation taps D, length 2(M+p)+1 with p = ⌈k/2⌉, in 1/(units of h)^k
     * @throws IllegalArgumentException when k &lt; 0
     */
    public static double[] differences(double[] w, int order, double h) {
        return differences(w, order, h, Method.DIFFERENCES);
    }

    /**
     * D = (s_k ∗ W)/h^k with the stencil s_k of {@code method} ({@link #stencil(int, Method)}); length
     * 2(M+p)+1, p = {@link #stencilHalfWidth(int, Method)}.
     *
     * @param w the sampled, normalised taps W, odd length 2M+1, centre in the middle
     * @param order the derivative order k, ≥ 0
     * @param h the grid spacing (physical units)
     * @param method {@link Method#DIFFERENCES} or {@link Method#SIXTH_ORDER_DIFFERENCES}
     * @return the correlation taps D, in 1/(units of h)^k
     */
    public static double[] differences(double[] w, int order, double h, Method method) {
        double[] s = stencil(order, method);
        int p = stencilHalfWidth(order, method);
        double scale = Math.pow(h, -order);
        double[] d = new double[w.length + 2 * p];
        // D index i' ↔ n = i' − M − p; W index i ↔ n − l + M, so i = i' − p − l
        for (int ip = 0; ip < d.length; ip++) {
            double acc = 0;
            for (int l = -p; l <= p; l++) {
                int i = ip - p - l;
                if (i >= 0 && i < w.length) acc += s[l + p] * w[i];
            }
            d[ip] = acc * scale;
        }
        return d;
    }

    /**
     * The same as {@link #differences(double[], int, double)} on a differentiable 1-D kernel, padded to
     * half-width {@code M + extra} (extra ≥ p) so kernels of several orders can share one shape. Built
     * from {@link Var} operations, so ∂D/∂δ follows from the taps' own width gradient.
     *
     * @param w the 1-D taps W, length 2M+1, usually {@link SampledKernel#weights} of a width δ
     * @param order the derivative order k, ≥ 0
     * @param h the grid spacing (physical units)
     * @param extra the half-width added to M, at least p = ⌈k/2⌉ (the rest is zero taps)
     * @return D, length 2(M + extra)+1, w's dtype
     * @throws IllegalArgumentException when extra &lt; p
     */
    public static Var differences(Var w, int order, double h, int extra) {
        return differences(w, order, h, extra, Method.DIFFERENCES);
    }

    /**
     * {@link #differences(Var, int, double, int)} with the stencil of {@code method} ({@link #stencil(int,
     * Method)}): {@link Method#DIFFERENCES} or {@link Method#SIXTH_ORDER_DIFFERENCES}.
     *
     * @param w the 1-D taps W, length 2M+1
     * @param order the derivative order k, ≥ 0
     * @param h the grid spacing (physical units)
     * @param extra the half-width added to M, at least p = {@link #stencilHalfWidth(int, Method)}
     * @param method which difference stencil
     * @return D, length 2(M + extra)+1, w's dtype
     * @throws IllegalArgumentException when extra &lt; p
     */
    public static Var differences(Var w, int order, double h, int extra, Method method) {
        int p = stencilHalfWidth(order, method);
        if (extra < p) throw new IllegalArgumentException("extra half-width " + extra + " is below the stencil's " + p);
        double[] s = stencil(order, method);
        int n = w.shape()[0];
        Var padded = w.pad(0, extra + p, extra + p, dev.mollify.tensor.PadMode.ZERO);
        int outLen = n + 2 * extra;
        Var acc = null;
        for (int l = -p; l <= p; l++) {
            double c = s[l + p];
            if (c == 0) continue;
            // D[i'] = Σ_l s_l·Wpad[i' + p − l]  (Wpad offset by extra + p)
            Var term = padded.narrow(0, p - l, outLen).mul(c);
            acc = acc == null ? term : acc.add(term);
        }
        return acc.mul(Math.pow(h, -order));
    }

    /**
     * The 1-D derivative kernel of order k by {@code method}: correlation taps D with
     * Σ_n D_n·g(x_i + n·h) ≈ (g ∗ ∂ᵏη_δ)(x_i) (docs/math.md, "Derivatives by convolution").
     *
     * @param family the profile φ
     * @param window a one-axis window: spacing h, half-width M
     * @param delta the width δ, in the units of h
     * @param order the derivative order k, ≥ 0
     * @param method how the kernel is made (see {@link Method})
     * @return D, length 2M+1 (analytic) or 2(M+p)+1 with p = {@link #stencilHalfWidth(int, Method)}
     *     (differences), in 1/(units of h)^k
     * @throws IllegalArgumentException when the window is not 1-D, δ is degenerate for it, or an
     *     analytic method asks for an order above {@link KernelFamily#smoothness()}
     * @throws IllegalStateException when the moment system of {@link Method#ANALYTIC_MOMENTS} is singular
     */
    public static double[] kernel(KernelFamily family, Window window, double delta, int order, Method method) {
        if (window.dims() != 1) throw new IllegalArgumentException("derivative kernels are 1-D; use one per axis");
        if (differences(method)) {
            return differences(SampledKernel.sample(family, window, delta).taps(), order, window.spacing()[0], method);
        }
        window.checkWidth(delta);
        if (order > family.smoothness()) {
            throw new IllegalArgumentException("the analytic derivative of order " + order + " of " + family
                    + " is unbounded; use Method.DIFFERENCES or a smoother family");
        }
        double h = window.spacing()[0];
        int m = window.halfWidth()[0];
        double c = h / (family.integral1d() * Math.pow(delta, order + 1));
        double[] d = new double[2 * m + 1];
        for (int n = -m; n <= m; n++) d[n + m] = c * family.phiDerivative(-n * h / delta, order);
        return method == Method.ANALYTIC_MOMENTS ? enforceMoments(d, family, window, delta, order) : d;
    }

    /**
     * ∂D/∂δ of the raw {@link Method#ANALYTIC} kernel D_n = h·C·φ^{(k)}(r_n)/δ^{k+1}, r_n = −nh/δ:
     * ∂D_n/∂δ = −h·C/δ^{k+2}·[r_n·φ^{(k+1)}(r_n) + (k+1)·φ^{(k)}(r_n)]. (For the differences route the
     * width derivative is {@code differences(SampledKernel.dTaps(), k, h)}; the moment-enforced kernel
     * has none here.)
     *
     * @param family the profile φ; needs {@link KernelFamily#smoothness()} ≥ k+1
     * @param window a one-axis window: spacing h, half-width M
     * @param delta the width δ, in the units of h
     * @param order the derivative order k, ≥ 0
     * @return ∂D/∂δ, length 2M+1, in 1/(units of h)^{k+1}
     * @throws IllegalArgumentException when δ is degenerate for the window or φ^{(k+1)} is unbounded
     */
    public static double[] analyticWidthDerivative(KernelFamily family, Window window, double delta, int order) {
        window.checkWidth(delta);
        if (order + 1 > family.smoothness()) {
            throw new IllegalArgumentException("the width derivative of the analytic kernel of order " + order
                    + " needs φ^(" + (order + 1) + "), unbounded for " + family);
        }
        double h = window.spacing()[0];
        int m = window.halfWidth()[0];
        double c = -h / (family.integral1d() * Math.pow(delta, order + 2));
        double[] d = new double[2 * m + 1];
        for (int n = -m; n <= m; n++) {
            double r = -n * h / delta;
            d[n + m] = c * (r * family.phiDerivative(r, order + 1) + (order + 1) * family.phiDerivative(r, order));
        }
        return d;
    }

    /**
     * Adds Σ_j c_j·W₀_n·t_n^j (t = nh/δ, W₀ the sampled normalised kernel) so that
     * Σ_n D_n (nh)^i/i! = δ_{ik} for i = 0..k; the correction lives where the kernel does and is as
     * smooth as W₀.
     */
    static double[] enforceMoments(double[] d, KernelFamily family, Window window, double delta, int order) {
        double h = window.spacing()[0];
        int m = window.halfWidth()[0];
        double[] w0 = SampledKernel.sample(family, window, delta).taps();
        int q = order + 1;
        double[][] a = new double[q][q + 1];
        for (int i = 0; i < q; i++) {
            // row i scaled by i!/δ^i: Σ_n D_n t_n^i = i!/δ^i·δ_{ik}
            double moment = 0;
            for (int n = -m; n <= m; n++) moment += d[n + m] * Math.pow(n * h / delta, i);
            double target = i == order ? factorial(i) / Math.pow(delta, i) : 0;
            for (int j = 0; j < q; j++) {
                double s = 0;
                for (int n = -m; n <= m; n++) s += w0[n + m] * Math.pow(n * h / delta, i + j);
                a[i][j] = s;
            }
            a[i][q] = target - moment;
        }
        double[] c = solve(a);
        double[] out = d.clone();
        for (int n = -m; n <= m; n++) {
            double t = n * h / delta, corr = 0;
            for (int j = 0; j < q; j++) corr += c[j] * Math.pow(t, j);
            out[n + m] += w0[n + m] * corr;
        }
        return out;
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix. */
    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            if (a[col][col] == 0) throw new IllegalStateException("singular moment system");
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k <= n; k++) a[r][k] -= f * a[col][k];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) s -= a[r][k] * x[k];
            x[r] = s / a[r][r];
        }
        return x;
    }
}
