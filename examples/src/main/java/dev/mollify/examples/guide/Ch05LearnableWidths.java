package dev.mollify.examples.guide;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.optim.Adam;
import dev.mollify.autograd.optim.LearningRateSchedule;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifierLayer;
import dev.mollify.mollifier.Width;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Chapter 5: a learnable width. A {@link MollifierLayer} smooths a noisy signal; its width δ is a
 * parameter like any weight. The example checks the exact gradient dL/dδ (docs/math.md, "Width
 * gradient") against central differences, then lets Adam learn δ and compares the result with a grid
 * search over δ.
 */
public final class Ch05LearnableWidths {
    static final int N = 401; // grid points on [0, 1]
    static final double H = 1.0 / (N - 1); // spacing h
    static final int M = 60; // window: ±60 taps, so δ ≤ 60·h = 0.15
    static final double SIGMA = 0.3; // noise standard deviation
    static final long SEED = 5;

    /** The signal on the grid: clean and with seeded Gaussian noise, both shaped (B, C, N) = (1, 1, N). */
    record Signal(double[] x, Tensor clean, Tensor noisy) {}

    static Signal signal() {
        double[] x = new double[N], c = new double[N], e = Tensor.randn(SEED, N).toDoubleArray();
        for (int i = 0; i < N; i++) {
            x[i] = i * H;
            c[i] = Math.sin(2 * Math.PI * x[i]) + 0.5 * Math.cos(5 * Math.PI * x[i]); // c(x) = sin 2πx + ½ cos 5πx
            e[i] = c[i] + SIGMA * e[i]; // y = c + σ·ε
        }
        return new Signal(x, Tensor.of(c, 1, 1, N), Tensor.of(e, 1, 1, N));
    }

    // guide: layer
    /** A 1-D bump smoother of width δ; learnable, it trains θ with δ = exp(θ) or δ = softplus(θ), as width says. */
    static MollifierLayer layer(double delta, boolean learnable, Width width) {
        return MollifierLayer.builder(KernelFamily.bump(), H, M)
                .width(delta)
                .learnable(learnable)
                .parametrisation(width)
                .boundary(Boundary.REFLECT)
                .build();
    }

    /** L(δ) = mean((y ∗ η_δ − c)²): how far the smoothed noisy signal is from the clean one. */
    static Var loss(MollifierLayer smooth, Signal s) {
        Var diff = smooth.forward(Var.constant(s.noisy())).sub(Var.constant(s.clean()));
        return diff.mul(diff).mean();
    }
    // guide: end

    static double lossAt(double delta, Signal s) {
        return loss(layer(delta, false, Width.EXP), s).item();
    }

    public static void main(String[] args) {
        Signal s = signal();

        System.out.println("== gradient ==");
        System.out.println("    delta    dL/ddelta (autograd)   dL/ddelta (central diff.)   rel. diff.");
        for (double delta : new double[] {0.01, 0.03, 0.06, 0.12}) {
            // guide: gradient
            MollifierLayer smooth = layer(delta, true, Width.EXP);
            loss(smooth, s).backward();
            Var theta = smooth.parameters().get("theta");
            double exact = theta.grad().item() / delta; // dL/dδ = (dL/dθ)·dθ/dδ = (dL/dθ)/δ
            double eps = 1e-5 * delta;
            double fd = (lossAt(delta + eps, s) - lossAt(delta - eps, s)) / (2 * eps); // (L(δ+ε) − L(δ−ε)) / 2ε
            // guide: end
            System.out.println(String.format(
                    Locale.ROOT,
                    "%9.3f  %20.10e  %24.10e   %s",
                    delta,
                    exact,
                    fd,
                    Math.abs(exact - fd) <= 1e-6 * Math.abs(fd)
                            ? "< 1e-6"
                            : String.format(Locale.ROOT, "%.1e", Math.abs(exact - fd) / Math.abs(fd))));
        }

        System.out.println("== learn ==");
        double delta0 = 0.01;
        int steps = 150;
        // guide: learn
        MollifierLayer smooth = layer(delta0, true, Width.SOFTPLUS);
        Adam adam = Adam.builder(smooth.parameters())
                .schedule(LearningRateSchedule.cosine(0.05, steps, 1e-3))
                .build();
        List<double[]> path = new ArrayList<>(); // (δ, L) after each step
        for (int step = 0; step <= steps; step++) {
            adam.zeroGrad();
            Var l = loss(smooth, s);
            if (step % 30 == 0) {
                System.out.println(
                        String.format(Locale.ROOT, "step %3d  delta = %.5f  L = %.6f", step, smooth.delta(), l.item()));
            }
            path.add(new double[] {smooth.delta(), l.item()});
            if (step == steps) break;
            l.backward();
            adam.step();
        }
        // guide: end
        double learned = smooth.delta();

        // the same minimum by brute force: L on a grid of widths (factor 1.02), then steps of 0.1 % around the best
        double best = Double.NaN, bestLoss = Double.POSITIVE_INFINITY;
        List<double[]> curve = new ArrayList<>();
        for (double d = 2 * H; d < M * H; d *= 1.02) {
            double l = lossAt(d, s);
            curve.add(new double[] {d, l});
            if (l < bestLoss) {
                bestLoss = l;
                best = d;
            }
        }
        double centre = best;
        for (double d = centre / 1.02; d <= centre * 1.02; d += 1e-3 * centre) {
            double l = lossAt(d, s);
            if (l < bestLoss) {
                bestLoss = l;
                best = d;
            }
        }
        System.out.println(String.format(
                Locale.ROOT,
                "learned delta = %.5f (%.1f grid spacings), grid search = %.5f, difference %.2f %%",
                learned,
                learned / H,
                best,
                100 * Math.abs(learned - best) / best));
        System.out.println(String.format(
                Locale.ROOT,
                "mean square error against the clean signal: noisy %.5f, smoothed %.5f",
                mse(s.noisy(), s.clean()),
                lossAt(learned, s)));

        plots(s, learned, curve, path);
    }

    static double mse(Tensor a, Tensor b) {
        double[] p = a.toDoubleArray(), q = b.toDoubleArray();
        double sum = 0;
        for (int i = 0; i < p.length; i++) sum += (p[i] - q[i]) * (p[i] - q[i]);
        return sum / p.length;
    }

    static void plots(Signal s, double learned, List<double[]> curve, List<double[]> path) {
        double[] smoothed = layer(learned, false, Width.EXP)
                .forward(Var.constant(s.noisy()))
                .value()
                .toDoubleArray();
        XYChart c = GuidePlots.chart("Noisy signal smoothed at the learned width", "x", "u");
        c.getStyler().setXAxisDecimalPattern("0.0");
        GuidePlots.points(c, "noisy", s.x(), s.noisy().toDoubleArray())
                .setMarkerColor(new java.awt.Color(170, 170, 170));
        GuidePlots.line(c, "clean", s.x(), s.clean().toDoubleArray());
        GuidePlots.line(c, String.format(Locale.ROOT, "smoothed, delta = %.4f", learned), s.x(), smoothed);
        GuidePlots.save(c, "ch05-smoothing");

        XYChart l = GuidePlots.chart("Loss against the width, and Adam's path", "delta", "L(delta)");
        l.getStyler().setXAxisLogarithmic(true);
        GuidePlots.line(l, "L(delta)", column(curve, 0), column(curve, 1));
        GuidePlots.points(l, "Adam steps", column(path, 0), column(path, 1));
        GuidePlots.save(l, "ch05-loss-vs-delta");
    }

    static double[] column(List<double[]> rows, int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) out[i] = rows.get(i)[c];
        return out;
    }
}
