package dev.mollify.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The derivatives a PDE loss needs — u_t, u_x, u_xx, u_xxxx — of a 2→50→50→50→1 tanh MLP u(x, t) at
 * N = 1000 seeded points, by nested {@link Autograd#grad} (ones as gradOutputs, createGraph), checked
 * two ways:
 * <ol>
 *   <li>against central finite differences of the network itself, with the step and stencil chosen
 *       per order and the tolerance set from the stencil's error model (below);</li>
 *   <li>across routes: differentiating w.r.t. separate x and t columns (concatenated into the input)
 *       versus w.r.t. the whole (N, 2) input and slicing column 0 — the same numbers computed through
 *       different graphs, which must agree to rounding (~1e-12).</li>
 * </ol>
 * Weights are Glorot-normal (std √(2/(fan_in+fan_out))), biases N(0, 0.1²), built by hand.
 *
 * <p><b>Finite-difference error model</b> (M_k = max over points of |∂ᵏu/∂xᵏ| (or ∂ᵏu/∂tᵏ), U = max |u|,
 * ε = 2⁻⁵², and δ = 10·ε·U the rounding error of one network evaluation — each layer rounds a
 * 50-term dot product, ≈ √50·ε relative):
 * <pre>
 *   order 1, (u₊ − u₋)/2h,                 h = 1e-4: truncation h²·M₃/6,     rounding δ/h
 *   order 2, (u₊ − 2u₀ + u₋)/h²,           h = 1e-3: truncation h²·M₄/12,    rounding 4δ/h²
 *   order 4, (−u₋₃ + 12u₋₂ − 39u₋₁ + 56u₀ − 39u₁ + 12u₂ − u₃)/6h⁴,
 *                                         h = 2e-2: truncation 7h⁴·M₈/240,  rounding (160/6)·δ/h⁴
 * </pre>
 * The 7-point stencil is exact for polynomials of degree ≤ 7 (checked in {@link #fourthOrderStencilIsExactOnSeptics}).
 * M₃, M₄ come from the autodiff results (an error model only: a wrong autodiff value would have to
 * be wrong consistently across orders to slip through); M₈ is taken as 10·M₄ (with Glorot weights
 * the x-scale of u is ≳ 1, so derivatives do not grow with order). Each tolerance is 10× its model.
 * Observed (seed 1000): first order truncation-dominated at ≈ 1/10 of the tolerance, u_xx ≈ 1/10,
 * u_xxxx rounding-dominated at ≈ 1/16.
 */
class MlpPdeDerivativesTest {
    static final int N = 1000;
    static final int[] WIDTHS = {2, 50, 50, 50, 1};
    static final double EPS = 0x1p-52;

    static Var[] weights = new Var[4];
    static Var[] biases = new Var[4];
    static Tensor points;

    // autodiff results, route 1 (separate x and t columns)
    static double[] u, ut, ux, uxx, uxxx, uxxxx, uttt;

    @BeforeAll
    static void setUp() {
        Rng rng = new Rng(1000);
        for (int l = 0; l < 4; l++) {
            int in = WIDTHS[l], out = WIDTHS[l + 1];
            double std = Math.sqrt(2.0 / (in + out));
            weights[l] = Var.param(Tensor.randn(rng, in, out).mul(std));
            biases[l] = Var.param(Tensor.randn(rng, out).mul(0.1));
        }
        // x in [-1, 1], t in [0, 1]
        points = Tensor.concat(1, Tensor.uniform(rng, -1, 1, N, 1), Tensor.uniform(rng, 0, 1, N, 1));

        Var x = Var.param(points.narrow(1, 0, 1).contiguous());
        Var t = Var.param(points.narrow(1, 1, 1).contiguous());
        Var out = net(Var.concat(1, x, t));
        Var ones = Var.constant(Tensor.ones(N, 1));
        Var dx = Autograd.grad(out, x, ones, true);
        Var dt = Autograd.grad(out, t, ones, true);
        Var dxx = Autograd.grad(dx, x, ones, true);
        Var dxxx = Autograd.grad(dxx, x, ones, true);
        Var dxxxx = Autograd.grad(dxxx, x, ones, true);
        Var dttt = Autograd.grad(Autograd.grad(dt, t, ones, true), t, ones, false);
        u = out.value().toDoubleArray();
        ut = dt.value().toDoubleArray();
        ux = dx.value().toDoubleArray();
        uxx = dxx.value().toDoubleArray();
        uxxx = dxxx.value().toDoubleArray();
        uxxxx = dxxxx.value().toDoubleArray();
        uttt = dttt.value().toDoubleArray();
    }

    /** Rounding error of one evaluation of the network (see the class comment). */
    static double delta() {
        return 10 * EPS * maxAbs(u);
    }

    static Var net(Var input) {
        Var h = input;
        for (int l = 0; l < 4; l++) {
            h = h.matmul(weights[l]).add(biases[l]);
            if (l < 3) h = h.tanh();
        }
        return h;
    }

    /** u at the points shifted by {@code dx} in x and {@code dt} in t, without recording. */
    static double[] shifted(double dx, double dt) {
        try (Autograd.Scope s = Autograd.noGrad()) {
            Tensor shift = Tensor.of(new double[] {dx, dt}, 1, 2);
            return net(Var.constant(points.add(shift))).value().toDoubleArray();
        }
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** Asserts |fd − ad| ≤ tol everywhere and reports the worst point. */
    static void assertWithin(String what, double[] fd, double[] ad, double tol) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < N; i++) {
            double e = Math.abs(fd[i] - ad[i]);
            if (!(e <= worst)) {
                worst = e;
                at = i;
            }
        }
        assertTrue(
                worst <= tol,
                what + ": worst |fd − autodiff| = " + worst + " at point " + at + " (" + points.get(at, 0) + ", "
                        + points.get(at, 1) + "), fd " + fd[at] + " vs " + ad[at] + ", tolerance " + tol);
    }

    @Test
    void firstDerivativesMatchCentralDifferences() {
        double h = 1e-4;
        double[] xp = shifted(h, 0), xm = shifted(-h, 0), tp = shifted(0, h), tm = shifted(0, -h);
        double[] fx = new double[N], ft = new double[N];
        for (int i = 0; i < N; i++) {
            fx[i] = (xp[i] - xm[i]) / (2 * h);
            ft[i] = (tp[i] - tm[i]) / (2 * h);
        }
        double tolX = 10 * (h * h * maxAbs(uxxx) / 6 + delta() / h);
        double tolT = 10 * (h * h * maxAbs(uttt) / 6 + delta() / h);
        assertWithin("u_x", fx, ux, tolX);
        assertWithin("u_t", ft, ut, tolT);
    }

    @Test
    void secondDerivativeMatchesCentralDifference() {
        double h = 1e-3;
        double[] p = shifted(h, 0), m = shifted(-h, 0);
        double[] f = new double[N];
        for (int i = 0; i < N; i++) f[i] = (p[i] - 2 * u[i] + m[i]) / (h * h);
        double tol = 10 * (h * h * maxAbs(uxxxx) / 12 + 4 * delta() / (h * h));
        assertWithin("u_xx", f, uxx, tol);
    }

    @Test
    void fourthDerivativeMatchesSevenPointStencil() {
        double h = 2e-2;
        double[] c = {-1, 12, -39, 56, -39, 12, -1};
        double[][] s = new double[7][];
        for (int k = -3; k <= 3; k++) s[k + 3] = k == 0 ? u : shifted(k * h, 0);
        double[] f = new double[N];
        for (int i = 0; i < N; i++) {
            double acc = 0;
            for (int k = 0; k < 7; k++) acc += c[k] * s[k][i];
            f[i] = acc / (6 * Math.pow(h, 4));
        }
        double m8 = 10 * maxAbs(uxxxx);
        double tol = 10 * (7 * Math.pow(h, 4) * m8 / 240 + (160.0 / 6) * delta() / Math.pow(h, 4));
        assertWithin("u_xxxx", f, uxxxx, tol);
        // the check has teeth: the tolerance is far below the size of the derivative itself
        assertTrue(tol < 1e-2 * maxAbs(uxxxx), "tolerance " + tol + " vs max |u_xxxx| " + maxAbs(uxxxx));
    }

    @Test
    void fourthOrderStencilIsExactOnSeptics() {
        // p(x) = Σ a_k x^k, k ≤ 7: p''''(x0) = 24a₄ + 120a₅x0 + 360a₆x0² + 840a₇x0³
        double[] a = {0.3, -1.1, 0.7, 0.2, 1.3, -0.4, 0.25, 0.05};
        double x0 = 0.35, h = 0.5;
        double[] c = {-1, 12, -39, 56, -39, 12, -1};
        double acc = 0;
        for (int k = -3; k <= 3; k++) {
            double x = x0 + k * h, p = 0;
            for (int j = 7; j >= 0; j--) p = p * x + a[j];
            acc += c[k + 3] * p;
        }
        double want = 24 * a[4] + 120 * a[5] * x0 + 360 * a[6] * x0 * x0 + 840 * a[7] * x0 * x0 * x0;
        assertTrue(Math.abs(acc / (6 * Math.pow(h, 4)) - want) < 1e-12, acc / (6 * Math.pow(h, 4)) + " vs " + want);
    }

    /** Route 2: one (N, 2) input, derivatives w.r.t. all of it, column 0 sliced out after each grad. */
    @Test
    void separateColumnsAndFullInputRoutesAgree() {
        Var xt = Var.param(points);
        Var out = net(xt);
        Var ones = Var.constant(Tensor.ones(N, 1));
        Var g1 = Autograd.grad(out, xt, ones, true); // (N, 2) = [u_x, u_t]
        Var dx = g1.narrow(1, 0, 1);
        Var dt = g1.narrow(1, 1, 1);
        Var dxx = Autograd.grad(dx, xt, ones, true).narrow(1, 0, 1);
        Var dxxx = Autograd.grad(dxx, xt, ones, true).narrow(1, 0, 1);
        Var dxxxx = Autograd.grad(dxxx, xt, ones, true).select(1, 0).unsqueeze(1);
        assertAgree("u", u, out.value().toDoubleArray());
        assertAgree("u_t", ut, dt.value().toDoubleArray());
        assertAgree("u_x", ux, dx.value().toDoubleArray());
        assertAgree("u_xx", uxx, dxx.value().toDoubleArray());
        assertAgree("u_xxx", uxxx, dxxx.value().toDoubleArray());
        assertAgree("u_xxxx", uxxxx, dxxxx.value().toDoubleArray());
        // and the mixed route: u_xt from ∂/∂t of u_x (separate columns) equals ∂/∂x of u_t (full input)
        Var x = Var.param(points.narrow(1, 0, 1).contiguous());
        Var t = Var.param(points.narrow(1, 1, 1).contiguous());
        Var o2 = net(Var.concat(1, x, t));
        Var uxt = Autograd.grad(Autograd.grad(o2, x, ones, true), t, ones, true);
        Var utx = Autograd.grad(dt, xt, ones, true).narrow(1, 0, 1);
        assertAgree("u_xt vs u_tx", uxt.value().toDoubleArray(), utx.value().toDoubleArray());
    }

    static void assertAgree(String what, double[] a, double[] b) {
        double scale = Math.max(maxAbs(a), 1e-300);
        for (int i = 0; i < N; i++) {
            assertTrue(
                    Math.abs(a[i] - b[i]) <= 1e-12 * scale,
                    what + " differs between routes at point " + i + ": " + a[i] + " vs " + b[i] + " (max |·| " + scale
                            + ")");
        }
    }

    @Test
    void derivativesAreAllUsedAndFinite() {
        // guards against vacuous passes: every derivative is finite and not identically zero
        for (double[] d : List.of(u, ut, ux, uxx, uxxx, uxxxx, uttt)) {
            assertTrue(Tensor.vector(d).allFinite());
            assertTrue(maxAbs(d) > 1e-6, "max |d| = " + maxAbs(d));
        }
    }
}
