package dev.mollify.examples.guide;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Activation;
import dev.mollify.autograd.nn.Mlp;
import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.mollifier.DerivativeKernels.Method;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifierConv;
import dev.mollify.mollifier.SampledKernel;
import dev.mollify.mollifier.Window;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.kernels.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * Chapter 4: the mollifier. The bump φ(r) = exp(−1/(1 − r²)), scaled to width δ and normalised; the
 * identity ∂ᵏ(g ∗ η_δ) = g ∗ ∂ᵏη_δ checked on g = sin(πx); the discretisation traps (too few nodes per
 * δ, sampled analytic kernels against differences); and the noise/bias U-curve of the error in u_x and
 * u_xx against δ on noisy samples of sin(πx).
 */
public final class Ch04Mollifiers {
    private Ch04Mollifiers() {}

    static final KernelFamily BUMP = KernelFamily.bump();

    public static void main(String[] args) {
        bump();
        identity();
        traps();
        noise();
        plotProfiles();
        cost();
    }

    /** η_δ(x) = C₁·φ(x/δ)/δ with C₁ = 1/∫φ; sampled on a grid, the taps W_j = h·η_δ(x_j) sum to 1. */
    static void bump() {
        System.out.println("== bump ==");
        double integral = BUMP.integral1d(); // ∫_{−1}^{1} φ(r) dr
        System.out.printf(Locale.ROOT, "integral of phi = %.10f, C1 = 1/integral = %.10f%n", integral, 1 / integral);
        double h = 0.01, delta = 0.1;
        // guide: sample
        // BUMP = KernelFamily.bump()
        SampledKernel k = SampledKernel.sample(BUMP, Window.covering(h, delta, 0), delta);
        double[] w = k.taps();
        // guide: end
        int m = (w.length - 1) / 2, nonZero = 0;
        double sum = 0, secondMoment = 0;
        for (int j = 0; j < w.length; j++) {
            sum += w[j];
            if (w[j] != 0) nonZero++;
            double r = (j - m) * h / delta;
            secondMoment += w[j] * r * r; // Σ W_j (x_j/δ)² ≈ ∫ r²·C₁φ(r) dr
        }
        System.out.printf(
                Locale.ROOT,
                "delta = %.2f, h = %.2f: %d taps, %d inside the support, sum of taps = %.15f%n",
                delta,
                h,
                w.length,
                nonZero,
                sum);
        System.out.printf(
                Locale.ROOT,
                "eta(0): sampled %.10f, exact C1*exp(-1)/delta = %.10f%n",
                k.density()[m],
                Math.exp(-1) / (integral * delta));
        System.out.printf(Locale.ROOT, "second moment of the kernel, in units of delta^2: %.4f%n", secondMoment);
    }

    /** ∂ᵏ(g ∗ η_δ) = g ∗ ∂ᵏη_δ for g = sin(πx): the left side is F·πᵏ·sin(πx + kπ/2), the right a convolution. */
    static void identity() {
        System.out.println("== identity ==");
        double h = 0.01, delta = 0.1;
        double[] x = grid(-0.5, h, 201), g = new double[x.length];
        for (int i = 0; i < x.length; i++) g[i] = Math.sin(Math.PI * x[i]);
        double damping = damping(delta); // F = ∫η_δ(s)·cos(πs) ds: sin(πx) ∗ η_δ = F·sin(πx)
        System.out.printf(Locale.ROOT, "sin(pi x) * eta = F sin(pi x) with F = %.10f (delta = %.2f)%n", damping, delta);
        System.out.println("k  at x   g * d^k eta   d^k(F sin)   largest error on [0, 1] / F pi^k");
        for (int order = 0; order <= 4; order++) {
            // guide: identity
            double[] taps =
                    DerivativeKernels.kernel(BUMP, Window.covering(h, delta, 0), delta, order, Method.DIFFERENCES);
            double[] u = correlate(g, taps); // u[i] = Σ_n taps[n]·g[i − M + n] ≈ (g ∗ ∂ᵏη_δ)(x_i)
            // guide: end
            double worst = 0;
            for (int i = 50; i <= 150; i++) { // the nodes of [0, 1]
                worst = Math.max(worst, Math.abs(u[i] - exact(order, damping, x[i])));
            }
            int at = order % 2 == 1 ? 75 : 100; // x = 0.25 for odd k, 0.5 for even k
            System.out.printf(
                    Locale.ROOT,
                    "%d  %4.2f %12.6f %12.6f   %.1e%n",
                    order,
                    x[at],
                    u[at],
                    exact(order, damping, x[at]),
                    worst / (damping * Math.pow(Math.PI, order)));
        }
        double[] d1 = DerivativeKernels.kernel(BUMP, Window.covering(h, delta, 0), delta, 1, Method.DIFFERENCES);
        double[] flipped = new double[d1.length];
        for (int n = 0; n < d1.length; n++) flipped[n] = d1[d1.length - 1 - n];
        System.out.printf(
                Locale.ROOT,
                "the same u_x at x = 0.25 with the kernel flipped (a convolution taken for a correlation): %.6f%n",
                correlate(g, flipped)[75]);
    }

    /** Relative error of û″(0.5) and û⁗(0.5) for sin(πx), δ = 0.1, by how the kernel is made and δ/h. */
    static void traps() {
        System.out.println("== traps ==");
        double delta = 0.1;
        Method[] methods = {Method.ANALYTIC, Method.ANALYTIC_MOMENTS, Method.DIFFERENCES};
        System.out.println("            ------------ k = 2 -------------   ------------ k = 4 -------------");
        System.out.println("delta/h     analytic  +moments  differences     analytic  +moments  differences");
        double damping = damping(delta);
        for (double ratio : new double[] {3, 5, 10, 20, 50, 100}) {
            double h = delta / ratio;
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%7.0f  ", ratio));
            for (int order : new int[] {2, 4}) {
                for (Method method : methods) {
                    double[] taps = DerivativeKernels.kernel(BUMP, Window.covering(h, delta, 0), delta, order, method);
                    double value = applyAt(taps, 0.5, h);
                    row.append(relativeError(value, exact(order, damping, 0.5)));
                }
                row.append("  ");
            }
            System.out.println(row.toString().stripTrailing());
        }
    }

    /** |a/b − 1| as %.1e; below 1e-8 (rounding level, not the same on every JDK) as "<1e-8". */
    private static String relativeError(double a, double b) {
        double e = Math.abs(a / b - 1);
        return e < 1e-8 ? String.format(Locale.ROOT, " %10s", "<1e-8") : String.format(Locale.ROOT, " %10.1e", e);
    }

    /** Noisy samples of sin(πx): rms error of û_x and û_xx on [0, 1] against δ, with the noise and bias estimates. */
    static void noise() {
        System.out.println("== noise ==");
        int n = 2001;
        double h = 0.001, sigma = 0.05;
        double[] x = grid(-0.5, h, n), g = new double[n];
        double[] e = Tensor.randn(2024L, n).toDoubleArray(); // seeded N(0, 1) noise
        for (int i = 0; i < n; i++) g[i] = Math.sin(Math.PI * x[i]) + sigma * e[i];
        System.out.printf(
                Locale.ROOT, "sin(pi x) + %.2f N(0,1) on %d nodes, h = %.3f; errors on [0, 1]%n", sigma, n, h);
        double[] deltas = {0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.14, 0.2, 0.3, 0.4};
        double[][] measured = new double[2][deltas.length], predicted = new double[2][deltas.length];
        double[] norms = {1.441, 7.41}; // ‖φ′‖₂, ‖φ″‖₂ normalised (docs/math.md, "Discretisation traps")
        System.out.println(" delta   rms err u_x  predicted   rms err u_xx  predicted");
        for (int j = 0; j < deltas.length; j++) {
            double delta = deltas[j];
            for (int order = 1; order <= 2; order++) {
                double[] taps =
                        DerivativeKernels.kernel(BUMP, Window.covering(h, delta, 0), delta, order, Method.DIFFERENCES);
                double[] u = correlate(g, taps);
                double s = 0;
                for (int i = 500; i <= 1500; i++) {
                    double truth = Math.pow(Math.PI, order) * Math.sin(Math.PI * x[i] + order * Math.PI / 2);
                    s += (u[i] - truth) * (u[i] - truth);
                }
                measured[order - 1][j] = Math.sqrt(s / 1001);
                // noise: σ·√(h/δ)·‖φ⁽ᵏ⁾‖₂/δᵏ; bias: 0.079·δ²·|u⁽ᵏ⁺²⁾|, rms of u⁽ᵏ⁺²⁾ on [0, 1] = π^(k+2)/√2
                // guide: predicted
                double noiseRms = sigma * Math.sqrt(h / delta) * norms[order - 1] / Math.pow(delta, order);
                double biasRms = 0.079 * delta * delta * Math.pow(Math.PI, order + 2) / Math.sqrt(2);
                // guide: end
                predicted[order - 1][j] = Math.hypot(noiseRms, biasRms);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%6.2f %12.4f %10.4f %14.4f %10.4f%n",
                    delta,
                    measured[0][j],
                    predicted[0][j],
                    measured[1][j],
                    predicted[1][j]);
        }
        double cd = 0;
        for (int i = 500; i <= 1500; i++) {
            double uxx = (g[i + 1] - 2 * g[i] + g[i - 1]) / (h * h); // central differences of the raw samples
            cd += Math.pow(uxx + Math.PI * Math.PI * Math.sin(Math.PI * x[i]), 2);
        }
        System.out.printf(
                Locale.ROOT,
                "central differences of the samples, no mollifier: rms err u_xx %.1f%n",
                Math.sqrt(cd / 1001));

        XYChart c = GuidePlots.chart(
                "Error of mollified derivatives of noisy sin(pi x)", "width delta", "rms error on [0, 1]", true, true);
        String[] names = {"u_x", "u_xx"};
        for (int k = 0; k < 2; k++) {
            GuidePlots.markedLine(c, names[k] + " measured", deltas, measured[k]);
            GuidePlots.line(c, names[k] + " noise + bias estimate", deltas, predicted[k])
                    .setLineStyle(SeriesLines.DASH_DASH);
        }
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideN);
        GuidePlots.save(c, "ch04-noise-bias");
    }

    /** φ⁽ᵏ⁾(r) divided by its largest |value|, printed: the higher k, the taller and nearer the edge its peaks. */
    static void plotProfiles() {
        System.out.println("== profiles ==");
        double[] r = new double[401];
        for (int i = 0; i < r.length; i++) r[i] = -1 + i * 0.005;
        XYChart c = GuidePlots.chart("phi^(k) divided by its largest |value|", "r = x / delta", "", false, false);
        double peak4 = 0;
        for (int k : new int[] {0, 1, 2, 4}) {
            double[] y = new double[r.length];
            double peak = 0;
            for (int i = 0; i < r.length; i++) {
                y[i] = BUMP.phiDerivative(r[i], k);
                peak = Math.max(peak, Math.abs(y[i]));
            }
            for (int i = 0; i < r.length; i++) y[i] /= peak;
            if (k == 4) peak4 = peak;
            String name = k == 0 ? "phi" : "phi^(" + k + ")";
            System.out.printf(Locale.ROOT, "largest |%s| on [-1, 1]: %.4g%n", name, peak);
            GuidePlots.line(
                    c,
                    (k == 0 ? "phi" : "k=" + k) + String.format(Locale.ROOT, peak < 10 ? " /%.3g" : " /%.0f", peak),
                    r,
                    y);
        }
        double[] tr = new double[21], taps = new double[21]; // φ⁽⁴⁾ where a grid with δ/h = 10 samples it
        for (int n = -10; n <= 10; n++) {
            tr[n + 10] = n / 10.0;
            taps[n + 10] = BUMP.phiDerivative(n / 10.0, 4) / peak4;
        }
        GuidePlots.markedLine(c, "k=4 at delta/h=10", tr, taps).setLineStyle(SeriesLines.NONE);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        c.getStyler().setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        GuidePlots.save(c, "ch04-bump-derivatives");
    }

    /**
     * u_xxxx of chapter 3's network on 1,000 points: nested autodiff (four recorded backward passes) against
     * the network on a grid with a margin, then one correlation with the 4th-order kernel. CPU time of one
     * thread, fastest of 15 runs after a warm-up, as in chapter 3.
     */
    static void cost() {
        System.out.println("== cost ==");
        int points = 1000;
        double h = 2.0 / (points - 1), delta = 0.05;
        Mlp net = Mlp.builder()
                .inputs(1)
                .hidden(32, 32)
                .outputs(1)
                .activation(Activation.TANH)
                .seed(3)
                .build();
        Tensor xs = Tensor.linspace(-1, 1, points).reshape(points, 1);
        double[] taps = DerivativeKernels.kernel(BUMP, Window.covering(h, delta, 0), delta, 4, Method.DIFFERENCES);
        int margin = (taps.length - 1) / 2; // the valid correlation needs this many extra nodes on each side
        Tensor grid = Tensor.linspace(-1 - margin * h, 1 + margin * h, points + 2 * margin)
                .reshape(points + 2 * margin, 1);
        Var kernel = Var.constant(Tensor.of(taps, taps.length));
        Runnable nested = () -> Ch03HigherOrder.derivatives(net, xs, 4);
        Runnable convolved = () -> {
            Var u = net.forward(Var.constant(grid)); // (points + 2·margin, 1), recorded for training
            Var uxxxx = MollifierConv.correlate(u.reshape(1, 1, points + 2 * margin), kernel); // (1, 1, points)
            if (uxxxx.value().numel() != points) throw new AssertionError("one value per point");
        };
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int threads = Parallel.setThreads(1);
        try {
            for (int r = 0; r < 40 + 15; r++) { // 40 warm-up rounds, then 15 timed ones, interleaved
                Runnable[] both = {nested, convolved};
                for (int j = 0; j < 2; j++) {
                    long t0 = cpu.getCurrentThreadCpuTime();
                    both[j].run();
                    double ms = (cpu.getCurrentThreadCpuTime() - t0) / 1e6;
                    if (r >= 40) best[j] = Math.min(best[j], ms);
                }
            }
        } finally {
            Parallel.setThreads(threads);
        }
        System.out.printf(
                Locale.ROOT,
                "u_xxxx of the tanh MLP 1-32-32-1 on %d points (fastest of 15 runs on one thread; not a benchmark)%n",
                points);
        System.out.printf(Locale.ROOT, "nested autodiff, 4 recorded backward passes: %7.2f ms%n", best[0]);
        System.out.printf(
                Locale.ROOT,
                "network on %d nodes + one correlation (%d taps): %7.2f ms%n",
                points + 2 * margin,
                taps.length,
                best[1]);
    }

    // guide: correlate
    /** The valid correlation y[i] = Σ_n taps[n]·g[i − M + n] through the library, put back on g's nodes (NaN near the ends). */
    static double[] correlate(double[] g, double[] taps) {
        // MollifierConv works on fields of shape (batch, channels, nodes): here 1 field, 1 channel, g.length nodes
        Var field = Var.constant(Tensor.of(g.clone(), 1, 1, g.length));
        // a "valid" correlation: only the nodes whose whole window of 2M+1 taps lies inside the data,
        // so the result has g.length − 2M values, the first belonging to node M
        double[] valid = MollifierConv.correlate(field, Var.constant(Tensor.of(taps.clone(), taps.length)))
                .value()
                .toDoubleArray();
        // put valid[o] back on node o + M; the M nodes at each end get NaN
        double[] out = new double[g.length];
        java.util.Arrays.fill(out, Double.NaN);
        int m = (taps.length - 1) / 2;
        System.arraycopy(valid, 0, out, m, valid.length);
        return out;
    }
    // guide: end

    /** Σ_n taps[n]·sin(π(x0 + n·h)): one node, straight from the definition. */
    static double applyAt(double[] taps, double x0, double h) {
        int m = (taps.length - 1) / 2;
        double s = 0;
        for (int n = -m; n <= m; n++) s += taps[n + m] * Math.sin(Math.PI * (x0 + n * h));
        return s;
    }

    /** F(δ) = ∫η_δ(s)·cos(πs) ds by Simpson's rule on the continuous kernel. */
    static double damping(double delta) {
        int panels = 20000;
        double c1 = 1 / BUMP.integral1d(), step = 2.0 / panels, acc = 0;
        for (int i = 0; i <= panels; i++) {
            double r = -1 + i * step, weight = i == 0 || i == panels ? 1 : i % 2 == 1 ? 4 : 2;
            acc += weight * c1 * BUMP.phi(r) * Math.cos(Math.PI * delta * r); // η_δ(s) ds = C₁φ(r) dr, s = δr
        }
        return acc * step / 3;
    }

    /** dᵏ/dxᵏ of F·sin(πx) = F·πᵏ·sin(πx + kπ/2). */
    static double exact(int order, double damping, double x) {
        return damping * Math.pow(Math.PI, order) * Math.sin(Math.PI * x + order * Math.PI / 2);
    }

    static double[] grid(double x0, double h, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = x0 + i * h;
        return x;
    }
}
