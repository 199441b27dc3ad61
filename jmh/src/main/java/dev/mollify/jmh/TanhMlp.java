package dev.mollify.jmh;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark network: a 2→50→50→50→1 tanh MLP with Glorot-normal weights (seeded), evaluated on
 * N points (x, t), and its x-derivatives up to a given order by nested {@link Autograd#grad} with
 * {@code createGraph} at every level (what a PINN residual needs).
 */
final class TanhMlp {
    final List<Var> weights = new ArrayList<>();
    final List<Var> biases = new ArrayList<>();

    TanhMlp(long seed, int... widths) {
        Rng rng = new Rng(seed);
        for (int l = 0; l + 1 < widths.length; l++) {
            double std = Math.sqrt(2.0 / (widths[l] + widths[l + 1]));
            weights.add(Var.param(Tensor.randn(rng, widths[l], widths[l + 1]).mul(std)));
            biases.add(Var.param(Tensor.zeros(1, widths[l + 1])));
        }
    }

    static TanhMlp pinn(long seed) {
        return new TanhMlp(seed, 2, 50, 50, 50, 1);
    }

    Var forward(Var x, Var t) {
        Var h = Var.concat(1, x, t);
        for (int l = 0; l < weights.size(); l++) {
            h = h.linear(weights.get(l), biases.get(l));
            if (l + 1 < weights.size()) h = h.tanh();
        }
        return h;
    }

    /** u and ∂u/∂x … ∂ᵒʳᵈᵉʳu/∂xᵒʳᵈᵉʳ at the points; every grad records its graph. */
    Var[] derivatives(Tensor xs, Tensor ts, int order) {
        Var x = Var.param(xs);
        Var t = Var.constant(ts);
        Var[] d = new Var[order + 1];
        d[0] = forward(x, t);
        Var ones = Var.constant(Tensor.ones(xs.shape()));
        for (int k = 1; k <= order; k++) d[k] = Autograd.grad(d[k - 1], x, ones, true);
        return d;
    }

    static Tensor[] points(int n, long seed) {
        Rng rng = new Rng(seed);
        return new Tensor[] {Tensor.uniform(rng, -1, 1, n, 1), Tensor.uniform(rng, 0, 1, n, 1)};
    }
}
