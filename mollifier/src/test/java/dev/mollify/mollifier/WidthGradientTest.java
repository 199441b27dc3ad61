package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.GradCheck;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sampled kernels: normalisation, φ's derivatives, the docs/math.md "Width gradient" width gradient, degenerate widths. */
class WidthGradientTest {
    static final List<KernelFamily> FAMILIES =
            List.of(KernelFamily.bump(), KernelFamily.polynomial(3), KernelFamily.truncatedGaussian(4.5));

    @Test
    void normalisationAndConstants() {
        assertEquals(0.4439938162, KernelFamily.bump().integral1d(), 1e-9);
        for (KernelFamily f : FAMILIES) {
            for (Window w : List.of(
                    Window.line(0.01, 14),
                    new Window(new double[] {0.01, 0.02}, new int[] {14, 7}),
                    new Window(new double[] {0.01, 0.01, 0.01}, new int[] {5, 5, 5}))) {
                SampledKernel k = SampledKernel.sample(f, w, 0.047);
                double s = 0, ds = 0, e = 0;
                for (int j = 0; j < k.taps().length; j++) {
                    s += k.taps()[j];
                    ds += k.dTaps()[j];
                    e += k.density()[j];
                }
                assertEquals(1.0, s, 1e-14, f + " " + w);
                assertEquals(0.0, ds, 1e-10, f + " " + w);
                assertEquals(1.0, e * w.cellVolume(), 1e-12, "h^d Σ η = 1");
            }
        }
        // 2-D radial integral of the bump over the unit disk (docs/math.md, "Kernels"): 2π∫φ(r) r dr
        int n = 200000;
        double acc = 0;
        for (int i = 0; i < n; i++) {
            double r = (i + 0.5) / n;
            acc += KernelFamily.bump().phi(r) * r / n;
        }
        assertEquals(0.4665123932, 2 * Math.PI * acc, 1e-8);
    }

    @Test
    void profileDerivativesMatchFiniteDifferences() {
        for (KernelFamily f : FAMILIES) {
            for (double r : new double[] {-0.7, -0.2, 0.0, 0.33, 0.8}) {
                for (int k = 1; k <= 4; k++) {
                    if (k > f.smoothness()) continue;
                    double e = 1e-4;
                    double fd = (f.phiDerivative(r + e, k - 1) - f.phiDerivative(r - e, k - 1)) / (2 * e);
                    double an = f.phiDerivative(r, k);
                    assertEquals(fd, an, 1e-5 * (1 + Math.abs(an)), f + " k=" + k + " r=" + r);
                }
            }
        }
        // the recurrence of docs/math.md "Kernels" for the bump: φ' = φ·(−2r/q²)
        double r = 0.4, q = 1 - r * r;
        assertEquals(
                KernelFamily.bump().phi(r) * (-2 * r / (q * q)),
                KernelFamily.bump().phiDerivative(r, 1),
                1e-15);
    }

    @Test
    void widthGradientMatchesFiniteDifferences() {
        for (KernelFamily f : FAMILIES) {
            for (Window w : List.of(Window.line(0.01, 14), new Window(new double[] {0.01, 0.013}, new int[] {9, 7}))) {
                double delta = 0.0737, e = 1e-6;
                SampledKernel k = SampledKernel.sample(f, w, delta);
                double[] p = SampledKernel.sample(f, w, delta + e).taps(),
                        m = SampledKernel.sample(f, w, delta - e).taps();
                for (int j = 0; j < p.length; j++) {
                    assertEquals(
                            (p[j] - m[j]) / (2 * e),
                            k.dTaps()[j],
                            1e-6 * (1 + Math.abs(k.dTaps()[j])),
                            f + " " + w + " tap " + j);
                }
                // raw analytic derivative kernels: closed-form width derivative
                if (w.dims() == 1 && f.smoothness() >= 5) {
                    for (int order = 0; order <= 4; order++) {
                        double[] ap =
                                DerivativeKernels.kernel(f, w, delta + e, order, DerivativeKernels.Method.ANALYTIC);
                        double[] am =
                                DerivativeKernels.kernel(f, w, delta - e, order, DerivativeKernels.Method.ANALYTIC);
                        double[] ad = DerivativeKernels.analyticWidthDerivative(f, w, delta, order);
                        double scale = 0;
                        for (double v : ad) scale = Math.max(scale, Math.abs(v));
                        for (int j = 0; j < ad.length; j++) {
                            assertEquals(
                                    (ap[j] - am[j]) / (2 * e),
                                    ad[j],
                                    1e-6 * scale,
                                    f + " analytic order " + order + " tap " + j);
                        }
                    }
                }
                // derivative kernels: the same stencil maps ∂W/∂δ to ∂D/∂δ
                if (w.dims() == 1) {
                    for (int order = 1; order <= 4; order++) {
                        double[] dp =
                                DerivativeKernels.kernel(f, w, delta + e, order, DerivativeKernels.Method.DIFFERENCES);
                        double[] dm =
                                DerivativeKernels.kernel(f, w, delta - e, order, DerivativeKernels.Method.DIFFERENCES);
                        double[] dd = DerivativeKernels.differences(k.dTaps(), order, 0.01);
                        for (int j = 0; j < dd.length; j++) {
                            assertEquals(
                                    (dp[j] - dm[j]) / (2 * e),
                                    dd[j],
                                    1e-5 * (1 + Math.abs(dd[j])),
                                    f + " order " + order);
                        }
                    }
                }
            }
        }
    }

    @Test
    void weightsPrimitiveIsDifferentiableTwiceInTheWidth() {
        Window w = Window.line(0.01, 12);
        Tensor probe = Tensor.randn(3L, 25);
        for (KernelFamily f : FAMILIES) {
            for (Width param : Width.values()) {
                GradCheck.Options o = new GradCheck.Options(1e-6, 1e-7, 1e-5);
                java.util.function.Function<List<Var>, Var> fn =
                        xs -> SampledKernel.weights(param.delta(xs.get(0)), f, w)
                                .mul(Var.constant(probe))
                                .sum();
                Tensor theta = Tensor.scalar(param.theta(0.083));
                GradCheck.gradcheck(fn, o, theta);
                GradCheck.gradgradcheck(fn, o, 0L, theta);
            }
        }
        // the Var expression of ∂W/∂δ agrees with the closed form
        Var d = Var.param(Tensor.scalar(0.083));
        Tensor dw =
                SampledKernel.widthDerivative(d, KernelFamily.bump(), w, 0.083).value();
        assertTrue(
                dw.allClose(SampledKernel.sample(KernelFamily.bump(), w, 0.083).dTapsTensor(), 1e-12, 1e-12));
        Var g = Autograd.grad(
                SampledKernel.weights(d, KernelFamily.bump(), w)
                        .mul(Var.constant(probe))
                        .sum(),
                d);
        assertEquals(dw.mul(probe).sum().item(), g.item(), 1e-12);
    }

    @Test
    void degenerateWidthsAreRejectedWithTheValidRange() {
        Window w = Window.line(0.01, 10);
        for (double bad : new double[] {Double.NaN, 0.0, -0.1, 0.005, 0.01, 0.1001, 0.5, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException ex = assertThrows(
                    IllegalArgumentException.class, () -> SampledKernel.sample(KernelFamily.bump(), w, bad));
            assertTrue(
                    ex.getMessage()
                            .contains(
                                    "valid widths for h = 0.01 and a window of ±10 taps are 0.0100000 < δ ≤ 0.100000"),
                    ex.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.checkWidth(0.005))
                .getMessage()
                .contains("no sample besides the centre"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.checkWidth(0.2))
                .getMessage()
                .contains("wider than the window"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.checkWidth(-1))
                .getMessage()
                .contains("not positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.checkWidth(Double.NaN))
                .getMessage()
                .contains("NaN"));
        SampledKernel.sample(KernelFamily.bump(), w, 0.1); // the edge itself is fine: its taps have φ = 0
        // a learnable width that wanders out of range is reported at the next forward pass, not clamped
        Var theta = Var.param(Tensor.scalar(Math.log(0.5)));
        assertThrows(
                IllegalArgumentException.class,
                () -> SampledKernel.weights(Width.EXP.delta(theta), KernelFamily.bump(), w));
    }
}
