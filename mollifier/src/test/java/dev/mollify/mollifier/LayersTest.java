package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.GradCheck;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayersTest {
    static final double F = DerivativeKernelsTest.F;

    @Test
    void derivativeLayerReproducesTheReferenceValues() {
        double h = 0.01;
        double[] g = new double[101];
        for (int i = 0; i <= 100; i++) g[i] = Math.sin(Math.PI * i * h);
        MollifiedDerivatives md = MollifiedDerivatives.builder(KernelFamily.bump(), new double[] {h}, new int[] {10})
                .width(0.1)
                .build();
        DifferentialOperator u = DifferentialOperator.value(1), ux = DifferentialOperator.of(1);
        DifferentialOperator uxx = DifferentialOperator.of(2), uxxxx = DifferentialOperator.of(4);
        Map<DifferentialOperator, Var> out = md.compute(Var.constant(Tensor.of(g, 1, 1, 101)), u, ux, uxx, uxxxx);
        int shift = 10 + 2; // EXTENDED: output o ↔ grid index o + M + p_max
        assertEquals(101 - 2 * shift, out.get(u).shape()[2]);
        assertEquals(F, out.get(u).value().get(0, 0, 50 - shift), 1e-5);
        assertEquals(2.204156, out.get(ux).value().get(0, 0, 25 - shift), 2e-4 * 2.204156);
        assertEquals(-9.792808, out.get(uxx).value().get(0, 0, 50 - shift), 2e-4 * 9.792808);
        assertEquals(96.65114, out.get(uxxxx).value().get(0, 0, 50 - shift), 2e-4 * 96.65114);
        // the moment-enforced analytic kernels at δ/h = 50 through the same layer
        MollifiedDerivatives an = MollifiedDerivatives.builder(
                        KernelFamily.bump(), new double[] {0.002}, new int[] {50})
                .width(0.1)
                .method(DerivativeKernels.Method.ANALYTIC_MOMENTS)
                .build();
        double[] g2 = new double[501];
        for (int i = 0; i <= 500; i++) g2[i] = Math.sin(Math.PI * i * 0.002);
        Var y = an.compute(Var.constant(Tensor.of(g2, 1, 1, 501)), uxx).get(uxx);
        assertEquals(-9.792808, y.value().get(0, 0, 250 - 51), 1e-5 * 9.792808);
    }

    @Test
    void laplacianBiharmonicAndMixedIn2d() {
        double h = 0.01;
        int n = 101;
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) g[i * n + j] = Math.sin(Math.PI * i * h) * Math.sin(Math.PI * j * h);
        MollifiedDerivatives md = MollifiedDerivatives.builder(
                        KernelFamily.bump(), new double[] {h, h}, new int[] {10, 10})
                .width(0.1)
                .build();
        DifferentialOperator lap = DifferentialOperator.laplacian(2), bih = DifferentialOperator.biharmonic(2);
        DifferentialOperator uxy = DifferentialOperator.of(1, 1);
        Map<DifferentialOperator, Var> out = md.compute(Var.constant(Tensor.of(g, 1, 1, n, n)), lap, bih, uxy);
        int s = 12;
        double f2 = F * F, pi2 = Math.PI * Math.PI;
        assertEquals(-2 * pi2 * f2, out.get(lap).value().get(0, 0, 50 - s, 50 - s), 2e-4 * 2 * pi2);
        assertEquals(4 * pi2 * pi2 * f2, out.get(bih).value().get(0, 0, 50 - s, 50 - s), 3e-4 * 4 * pi2 * pi2);
        assertEquals(pi2 * f2 / 2, out.get(uxy).value().get(0, 0, 25 - s, 25 - s), 3e-4 * pi2);
        assertArrayEquals(new int[] {1, 1, n - 2 * s, n - 2 * s}, out.get(bih).shape());
        // padding modes keep the size
        MollifiedDerivatives same = MollifiedDerivatives.builder(
                        KernelFamily.bump(), new double[] {h, h}, new int[] {10, 10})
                .width(0.1)
                .boundary(Boundary.REFLECT)
                .build();
        assertArrayEquals(
                new int[] {1, 1, n, n},
                same.compute(Var.constant(Tensor.of(g, 1, 1, n, n)), lap)
                        .get(lap)
                        .shape());
    }

    @Test
    void learnableWidthInTheDerivativeLayerHasCheckedGradients() {
        Tensor field = Tensor.randn(31L, 1, 1, 14);
        Tensor theta = Tensor.scalar(Width.SOFTPLUS.theta(0.25));
        GradCheck.Options o = new GradCheck.Options(1e-6, 1e-7, 1e-5);
        java.util.function.Function<List<Var>, Var> f = xs -> {
            MollifiedDerivatives md = MollifiedDerivatives.builder(
                            KernelFamily.bump(), new double[] {0.1}, new int[] {3})
                    .width(0.25)
                    .learnable(true)
                    .build();
            md.parameters().get("theta").assign(xs.get(1).value());
            Map<DifferentialOperator, Var> out =
                    md.compute(xs.get(0), DifferentialOperator.of(2), DifferentialOperator.of(0));
            // a residual-style loss mixes orders; the layer's θ is a leaf, so route θ through it
            return out.get(DifferentialOperator.of(2)).add(out.get(DifferentialOperator.of(0)));
        };
        // gradients to the field (θ held by the layer)
        GradCheck.gradcheck(xs -> f.apply(List.of(xs.get(0), Var.constant(theta))), o, field);
        GradCheck.gradgradcheck(xs -> f.apply(List.of(xs.get(0), Var.constant(theta))), o, 1L, field);
        // gradient to θ: analytic vs central difference of a scalar loss
        MollifiedDerivatives md = MollifiedDerivatives.builder(KernelFamily.bump(), new double[] {0.1}, new int[] {3})
                .width(0.25)
                .learnable(true)
                .build();
        Var th = md.parameters().get("theta");
        Var loss = md.compute(Var.constant(field), DifferentialOperator.of(2))
                .get(DifferentialOperator.of(2))
                .square()
                .sum();
        double an = Autograd.grad(loss, th).item();
        double e = 1e-6, t0 = th.item();
        th.assign(Tensor.scalar(t0 + e));
        double lp = md.compute(Var.constant(field), DifferentialOperator.of(2))
                .get(DifferentialOperator.of(2))
                .square()
                .sum()
                .item();
        th.assign(Tensor.scalar(t0 - e));
        double lm = md.compute(Var.constant(field), DifferentialOperator.of(2))
                .get(DifferentialOperator.of(2))
                .square()
                .sum()
                .item();
        assertEquals((lp - lm) / (2 * e), an, 1e-6 * Math.abs(an));
    }

    @Test
    void smoothingLayerLearnsAWidthThatDenoises() {
        int n = 128;
        double h = 1.0 / n;
        double[] clean = new double[n], noisy = new double[n];
        double[] noise = Tensor.randn(77L, n).toDoubleArray();
        for (int i = 0; i < n; i++) {
            clean[i] = Math.sin(2 * Math.PI * i * h);
            noisy[i] = clean[i] + 0.3 * noise[i];
        }
        MollifierLayer layer = MollifierLayer.builder(KernelFamily.bump(), h, 40)
                .width(0.03)
                .boundary(Boundary.PERIODIC)
                .parametrisation(Width.EXP)
                .build();
        Var x = Var.constant(Tensor.of(noisy, 1, 1, n)), target = Var.constant(Tensor.of(clean, 1, 1, n));
        Var theta = layer.parameters().get("theta");
        double first = Double.NaN, last = Double.NaN;
        for (int step = 0; step < 40; step++) {
            Var loss = layer.forward(x).sub(target).square().mean();
            if (step == 0) first = loss.item();
            last = loss.item();
            double g = Autograd.grad(loss, theta).item();
            theta.assign(
                    Tensor.scalar(theta.item() - 2.0 * g / Math.max(1e-12, Math.abs(g)) * 0.05)); // sign-GD, step 5 %
        }
        assertTrue(last < 0.5 * first, "loss " + first + " → " + last);
        assertTrue(layer.delta() > 0.05, "width grew to " + layer.delta());
    }

    @Test
    void smoothingLayerShapesIn2dAnd3dAndDegenerateInit() {
        MollifierLayer sep = MollifierLayer.builder(
                        KernelFamily.truncatedGaussian(4.5), new double[] {0.1, 0.1}, new int[] {3, 3})
                .width(0.25)
                .boundary(Boundary.REPLICATE)
                .build();
        MollifierLayer rad = MollifierLayer.builder(KernelFamily.bump(), new double[] {0.1, 0.1}, new int[] {3, 3})
                .width(0.25)
                .radial(true)
                .boundary(Boundary.VALID)
                .build();
        Var x = Var.constant(Tensor.randn(3L, 2, 3, 10, 9));
        assertArrayEquals(new int[] {2, 3, 10, 9}, sep.forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 4, 3}, rad.forward(x).shape());
        MollifierLayer vol = MollifierLayer.builder(
                        KernelFamily.bump(), new double[] {0.1, 0.1, 0.1}, new int[] {2, 2, 2})
                .width(0.15)
                .boundary(Boundary.PERIODIC)
                .build();
        assertArrayEquals(
                new int[] {1, 1, 5, 6, 7},
                vol.forward(Var.constant(Tensor.randn(4L, 1, 1, 5, 6, 7))).shape());
        assertEquals(1, sep.parameters().size());
        assertThrows(
                IllegalArgumentException.class,
                () -> MollifierLayer.builder(KernelFamily.bump(), 0.1, 3)
                        .width(0.05)
                        .build());
    }
}
