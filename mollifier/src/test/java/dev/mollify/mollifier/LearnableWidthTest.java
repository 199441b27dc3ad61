package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.optim.Adam;
import dev.mollify.autograd.optim.LearningRateSchedule;
import dev.mollify.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A learnable width converges. A clean signal plus seeded Gaussian noise is smoothed by a
 * {@link MollifierLayer} (bump, reflect boundary, fixed window); the width δ minimising
 * MSE(layer_δ(noisy), clean) is found by a fine grid search (5 % steps, then 0.1 % steps around the
 * best), then by Adam on θ (cosine schedule, 100 steps) from a width 2.2× too large (δ = exp θ) and one
 * 0.4× too small (δ = softplus θ). Both must land within 5 % of the grid's δ (measured: 0.9 % and 0.6 %).
 */
class LearnableWidthTest {
    static final int N = 1000;
    static final double H = 1.0 / (N - 1), SIGMA = 0.3;
    /** Window ±150 cells: widths up to 0.15 fit. */
    static final int M = 150;

    static final int STEPS = 100;

    static Tensor clean() {
        double[] c = new double[N];
        for (int i = 0; i < N; i++) {
            double x = i * H;
            c[i] = Math.sin(2 * Math.PI * x) + 0.5 * Math.cos(5 * Math.PI * x);
        }
        return Tensor.of(c, 1, 1, N);
    }

    static Tensor noisy(Tensor clean) {
        double[] e = Tensor.randn(20260328L, N).toDoubleArray();
        double[] c = clean.toDoubleArray();
        for (int i = 0; i < N; i++) e[i] = c[i] + SIGMA * e[i];
        return Tensor.of(e, 1, 1, N);
    }

    static MollifierLayer layer(double delta, boolean learnable, Width width) {
        return MollifierLayer.builder(KernelFamily.bump(), H, M)
                .width(delta)
                .learnable(learnable)
                .parametrisation(width)
                .boundary(Boundary.REFLECT)
                .build();
    }

    static double mse(Tensor noisy, Tensor clean, double delta) {
        double[] y = layer(delta, false, Width.EXP)
                .forward(Var.constant(noisy))
                .value()
                .toDoubleArray();
        double[] c = clean.toDoubleArray();
        double s = 0;
        for (int i = 0; i < N; i++) s += (y[i] - c[i]) * (y[i] - c[i]);
        return s / N;
    }

    /** argmin of the MSE: coarse grid over the window's range, then a grid of step 10⁻³·δ around the best. */
    static double gridSearch(Tensor noisy, Tensor clean) {
        double best = Double.NaN, bestLoss = Double.POSITIVE_INFINITY;
        for (double d = 3 * H; d < M * H; d *= 1.05) {
            double l = mse(noisy, clean, d);
            if (l < bestLoss) {
                bestLoss = l;
                best = d;
            }
        }
        double lo = best / 1.05, step = 1e-3 * best, center = best;
        for (double d = lo; d <= center * 1.05; d += step) {
            double l = mse(noisy, clean, d);
            if (l < bestLoss) {
                bestLoss = l;
                best = d;
            }
        }
        return best;
    }

    static double descend(Tensor noisy, Tensor clean, double delta0, Width width) {
        MollifierLayer smooth = layer(delta0, true, width);
        Adam adam = Adam.builder(smooth.parameters())
                .schedule(LearningRateSchedule.cosine(0.08, STEPS, 1e-3))
                .build();
        Var x = Var.constant(noisy), target = Var.constant(clean);
        for (int step = 0; step < STEPS; step++) {
            adam.zeroGrad();
            Var diff = smooth.forward(x).sub(target);
            Var loss = diff.mul(diff).mean();
            loss.backward();
            adam.step();
        }
        return smooth.delta();
    }

    @Test
    void gradientDescentOnTheWidthFindsTheGridOptimum() {
        Tensor clean = clean(), noisy = noisy(clean);
        double grid = gridSearch(noisy, clean);
        // the optimum is interior: neither a window-edge nor a one-cell width
        assertTrue(grid > 5 * H && grid < 0.9 * M * H, "grid optimum δ = " + grid + " should be interior");
        // exp from a width 2.2× too large, softplus from one 0.4× too small
        Object[][] runs = {{Width.EXP, 2.2}, {Width.SOFTPLUS, 0.4}};
        for (Object[] run : runs) {
            Width w = (Width) run[0];
            double start = Math.min((Double) run[1] * grid, 0.95 * M * H);
            double gd = descend(noisy, clean, start, w);
            double rel = Math.abs(gd - grid) / grid;
            assertTrue(
                    rel < 0.05,
                    String.format(
                            java.util.Locale.ROOT,
                            "%s from δ0 = %.5f: GD δ = %.6f vs grid δ = %.6f (rel %.3g)",
                            w,
                            start,
                            gd,
                            grid,
                            rel));
        }
    }
}
