package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One width per axis in {@link MollifiedDerivatives}: the kernel is the tensor product
 * η_{δ_y}(y)·η_{δ_x}(x), so on a separable field f(y)·g(x) every output must equal the product of two
 * 1-D layers' outputs (∂_y^i ∂_x^j û = (f ∗ ∂^i η_{δ_y})·(g ∗ ∂^j η_{δ_x})); equal per-axis widths
 * must give the shared width's bits; learnable per-axis widths get one θ each with checked gradients.
 */
class PerAxisWidthTest {
    static final double HY = 0.02, HX = 0.005;
    static final int NY = 61, NX = 161, MY = 4, MX = 12;

    static double[] f(int n, double h, double w) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.sin(w * i * h) + 0.3 * Math.cos(2 * w * i * h);
        return v;
    }

    static Var outer(double[] a, double[] b) {
        double[] g = new double[a.length * b.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < b.length; j++) g[i * b.length + j] = a[i] * b[j];
        return Var.constant(Tensor.of(g, 1, 1, a.length, b.length));
    }

    static MollifiedDerivatives line(double h, int m, double delta) {
        return MollifiedDerivatives.builder(KernelFamily.bump(), new double[] {h}, new int[] {m})
                .width(delta)
                .build();
    }

    @Test
    void perAxisKernelIsTheProductOfTheOneDimensionalKernels() {
        double dy = 0.07, dx = 0.05;
        double[] fy = f(NY, HY, 2.0), gx = f(NX, HX, 5.0);
        MollifiedDerivatives md = MollifiedDerivatives.builder(
                        KernelFamily.bump(), new double[] {HY, HX}, new int[] {MY, MX})
                .widths(dy, dx)
                .build();
        assertTrue(md.perAxisWidths());
        assertArrayEquals(new double[] {dy, dx}, md.deltas(), 1e-14);
        DifferentialOperator uyx = DifferentialOperator.of(1, 1), uxxxx = DifferentialOperator.of(0, 4);
        DifferentialOperator uyy = DifferentialOperator.of(2, 0), u = DifferentialOperator.value(2);
        Map<DifferentialOperator, Var> out = md.compute(outer(fy, gx), u, uyx, uxxxx, uyy);
        // 1-D references with the same halo (M + p_max per axis: p_max = 1 on y, 2 on x)
        int[][] orders = {{0, 0}, {1, 1}, {0, 4}, {2, 0}};
        DifferentialOperator[] reqs = {u, uyx, uxxxx, uyy};
        for (int r = 0; r < reqs.length; r++) {
            DifferentialOperator dyR = DifferentialOperator.of(orders[r][0]),
                    dxR = DifferentialOperator.of(orders[r][1]);
            double[] ry = line(HY, MY, dy)
                    .compute(Var.constant(Tensor.of(fy, 1, 1, NY)), dyR, DifferentialOperator.of(2))
                    .get(dyR)
                    .value()
                    .toDoubleArray();
            double[] rx = line(HX, MX, dx)
                    .compute(Var.constant(Tensor.of(gx, 1, 1, NX)), dxR, DifferentialOperator.of(4))
                    .get(dxR)
                    .value()
                    .toDoubleArray();
            Tensor got = out.get(reqs[r]).value();
            assertArrayEquals(new int[] {1, 1, ry.length, rx.length}, got.shape());
            double scale = 0;
            for (double a : ry) for (double b : rx) scale = Math.max(scale, Math.abs(a * b));
            for (int i = 0; i < ry.length; i++) {
                for (int j = 0; j < rx.length; j++) {
                    assertEquals(ry[i] * rx[j], got.get(0, 0, i, j), 1e-10 * scale, reqs[r] + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void equalPerAxisWidthsGiveTheSharedWidthsBits() {
        double[] fy = f(NY, HY, 2.0), gx = f(NX, HX, 5.0);
        double d = 0.059;
        MollifiedDerivatives shared = MollifiedDerivatives.builder(
                        KernelFamily.bump(), new double[] {HY, HX}, new int[] {MY, MX})
                .width(d)
                .build();
        MollifiedDerivatives each = MollifiedDerivatives.builder(
                        KernelFamily.bump(), new double[] {HY, HX}, new int[] {MY, MX})
                .widths(d, d)
                .build();
        assertFalse(shared.perAxisWidths());
        DifferentialOperator lap = DifferentialOperator.laplacian(2);
        assertArrayEquals(
                shared.compute(outer(fy, gx), lap).get(lap).value().toDoubleArray(),
                each.compute(outer(fy, gx), lap).get(lap).value().toDoubleArray(),
                0.0);
        assertEquals(d, shared.delta(), 1e-15);
        assertArrayEquals(new double[] {d, d}, shared.deltas(), 1e-15);
    }

    @Test
    void learnablePerAxisWidthsHaveOneThetaEachWithCheckedGradients() {
        Tensor field = Tensor.randn(5L, 1, 1, 12, 14);
        MollifiedDerivatives md = MollifiedDerivatives.builder(
                        KernelFamily.bump(), new double[] {0.1, 0.05}, new int[] {3, 4})
                .widths(0.25, 0.15)
                .learnable(true)
                .build();
        assertEquals(java.util.Set.of("theta0", "theta1"), md.parameters().names());
        DifferentialOperator r = DifferentialOperator.of(1, 2);
        for (String name : new String[] {"theta0", "theta1"}) {
            Var th = md.parameters().get(name);
            Var loss = md.compute(Var.constant(field), r).get(r).square().sum();
            double an = Autograd.grad(loss, th).item();
            double e = 1e-6, t0 = th.item();
            th.assign(Tensor.scalar(t0 + e));
            double lp = md.compute(Var.constant(field), r).get(r).square().sum().item();
            th.assign(Tensor.scalar(t0 - e));
            double lm = md.compute(Var.constant(field), r).get(r).square().sum().item();
            th.assign(Tensor.scalar(t0));
            assertTrue(Math.abs(an) > 1e-8, name + " gradient vanished");
            assertEquals((lp - lm) / (2 * e), an, 1e-6 * Math.abs(an), name);
        }
    }

    @Test
    void badPerAxisWidthsAreRejectedWithTheAxisNamed() {
        MollifiedDerivatives.Builder b =
                MollifiedDerivatives.builder(KernelFamily.bump(), new double[] {0.1, 0.05}, new int[] {3, 4});
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> b.widths(0.2));
        assertTrue(count.getMessage().contains("one δ per axis"), count.getMessage());
        IllegalArgumentException small = assertThrows(
                IllegalArgumentException.class, () -> b.widths(0.2, 0.04).build());
        assertTrue(small.getMessage().startsWith("axis 1:"), small.getMessage());
        IllegalArgumentException wide = assertThrows(
                IllegalArgumentException.class, () -> b.widths(0.35, 0.1).build());
        assertTrue(
                wide.getMessage().startsWith("axis 0:") && wide.getMessage().contains("wider than the window"),
                wide.getMessage());
        MollifiedDerivatives ok = b.widths(0.2, 0.1).build();
        IllegalStateException shared = assertThrows(IllegalStateException.class, ok::delta);
        assertTrue(shared.getMessage().contains("deltas()"), shared.getMessage());
    }
}
