package dev.mollify.cli;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;

import java.io.PrintStream;

/**
 * Derivatives of u(x) = Σ_j v_j·tanh(w_j·x + b_j) up to order 4 by nested {@link Autograd#grad},
 * printed beside the closed form u⁽ᵏ⁾(x) = Σ_j v_j·w_jᵏ·tanh⁽ᵏ⁾(w_j·x + b_j), where with t = tanh z:
 * tanh' = 1−t², tanh'' = −2t(1−t²), tanh''' = (6t²−2)(1−t²), tanh'''' = (16t−24t³)(1−t²).
 */
final class DerivativeDemo {
    private static final int HIDDEN = 16;

    private DerivativeDemo() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        int points = 5;
        long seed = 7;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--points") || a.equals("--seed")) && i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value, e.g. " + a + " 5");
            }
            switch (a) {
                case "--points": points = parseInt(a, args[++i], 1, 1_000_000); break;
                case "--seed": seed = parseLong(a, args[++i]); break;
                default: throw new IllegalArgumentException("demo: unknown option '" + a + "' (known: --points N, --seed S)");
            }
        }
        Rng rng = new Rng(seed);
        double[] w = new double[HIDDEN], b = new double[HIDDEN], v = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            w[j] = rng.nextGaussian();
            b[j] = rng.nextGaussian();
            v[j] = rng.nextGaussian() / Math.sqrt(HIDDEN);
        }
        Tensor xs = Tensor.linspace(-1.5, 1.5, points);
        Var x = Var.param(xs.reshape(points, 1));
        Var wv = Var.constant(Tensor.of(w, 1, HIDDEN));
        Var bv = Var.constant(Tensor.of(b, 1, HIDDEN));
        Var vv = Var.constant(Tensor.of(v, HIDDEN, 1));

        long start = System.nanoTime();
        Var u = x.matmul(wv).add(bv).tanh().matmul(vv); // (points, 1)
        Var ones = Var.constant(Tensor.ones(points, 1));
        Var[] d = new Var[5];
        d[0] = u;
        for (int k = 1; k <= 4; k++) d[k] = Autograd.grad(d[k - 1], x, ones, k < 4);
        double millis = (System.nanoTime() - start) / 1e6;

        out.println("Nested reverse-mode derivatives of a 1→" + HIDDEN + "→1 tanh network (seed " + seed + ")");
        out.printf("%8s %6s %24s %24s %10s%n", "x", "order", "nested grad", "closed form", "rel. err");
        double worst = 0;
        for (int i = 0; i < points; i++) {
            double xi = xs.get(i);
            for (int k = 0; k <= 4; k++) {
                double got = d[k].value().get(i, 0);
                double want = closed(k, xi, w, b, v);
                double rel = Math.abs(got - want) / Math.max(1e-300, Math.abs(want));
                worst = Math.max(worst, Math.abs(got - want) / Math.max(1.0, Math.abs(want)));
                out.printf("%8.3f %6d %24.16e %24.16e %10.2e%n", xi, k, got, want, rel);
            }
        }
        out.printf("worst error (relative, floored at 1): %.2e; all four orders in %.1f ms%n", worst, millis);
        if (worst > 1e-10) {
            err.println("mollify: nested derivatives disagree with the closed form by " + worst);
            return Mollify.FAILURE;
        }
        return Mollify.OK;
    }

    static double closed(int k, double x, double[] w, double[] b, double[] v) {
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            double t = Math.tanh(w[j] * x + b[j]);
            double s = 1 - t * t;
            double dk;
            switch (k) {
                case 0: dk = t; break;
                case 1: dk = s; break;
                case 2: dk = -2 * t * s; break;
                case 3: dk = (6 * t * t - 2) * s; break;
                case 4: dk = (16 * t - 24 * t * t * t) * s; break;
                default: throw new IllegalArgumentException("order " + k);
            }
            sum += v[j] * Math.pow(w[j], k) * dk;
        }
        return sum;
    }

    private static int parseInt(String option, String text, int lo, int hi) {
        try {
            int n = Integer.parseInt(text);
            if (n < lo || n > hi) throw new IllegalArgumentException(option + " must be between " + lo + " and " + hi + ", got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'");
        }
    }

    private static long parseLong(String option, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'");
        }
    }
}
