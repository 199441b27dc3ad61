package dev.mollify.examples.guide;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Activation;
import dev.mollify.autograd.nn.Mlp;
import dev.mollify.mollifier.DifferentialOperator;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifiedDerivatives;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.KuramotoSivashinskySolver;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.tensor.Tensor;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Chapter 7: the derivative layer against nested autodiff. First the accuracy: u⁽ᵏ⁾ for k = 1…4 of
 * sin(πx) (known exactly) and of a network, by four nested {@code grad} calls and by convolution with
 * the mollifier's derivative kernels. Then the cost: one gradient evaluation of a Kuramoto–Sivashinsky
 * residual (4th order in x) on each route, its time and peak tensor memory.
 */
public final class Ch07DerivativeLayer {
    static final int N = 201; // inner grid on [−1, 1]
    static final double H = 2.0 / (N - 1); // h = 0.01
    static final int M = 10; // kernel half-width in cells: δ = 0.1 = 10·h
    static final int HALO = M + 2; // EXTENDED boundary: M + ⌈4/2⌉ cells for a 4th derivative
    static final double DELTA = 0.1;
    static final DifferentialOperator[] ORDERS = {
        DifferentialOperator.of(1), DifferentialOperator.of(2), DifferentialOperator.of(3), DifferentialOperator.of(4)
    };

    public static void main(String[] args) {
        // guide: setup
        MollifiedDerivatives md = MollifiedDerivatives.builder(KernelFamily.bump(), new double[] {H}, new int[] {M})
                .width(DELTA)
                .build();
        int n = N + 2 * HALO; // the grid plus the halo
        Var x = Var.param(Tensor.linspace(-1 - HALO * H, 1 + HALO * H, n).reshape(n, 1));
        // guide: end

        System.out.println("== sine ==");
        // u = sin(πx): u⁽ᵏ⁾ = πᵏ sin(πx + kπ/2); the mollified derivative is F·u⁽ᵏ⁾, F = ∫η(s)cos(πδs)ds = 0.9922188778
        double f = 0.9922188778;
        // guide: layer
        Var[] nested = nestedDerivatives(xs -> xs.mul(Math.PI).sin(), x);
        // the derivative layer: û_x … û_xxxx of the same values, (B, C, N) in, (1, 1, 201) out
        Map<DifferentialOperator, Var> moll = md.compute(nested[0].reshape(1, 1, n), ORDERS);
        // guide: end
        System.out.println("order   autodiff vs exact   mollifier vs exact   mollifier vs F*exact");
        for (int k = 1; k <= 4; k++) {
            double[] exact = new double[N];
            for (int i = 0; i < N; i++)
                exact[i] = Math.pow(Math.PI, k) * Math.sin(Math.PI * (-1 + i * H) + k * Math.PI / 2);
            double[] ad = inner(nested[k].value().toDoubleArray());
            double[] mo = moll.get(ORDERS[k - 1]).value().toDoubleArray();
            System.out.println(String.format(
                    Locale.ROOT,
                    "%5d   %17s   %18.3e   %20.3e",
                    k,
                    tiny(relL2(ad, exact)),
                    relL2(mo, exact),
                    relL2(mo, scaled(exact, f))));
        }
        double[] u4 = moll.get(ORDERS[3]).value().toDoubleArray();
        System.out.println(String.format(
                Locale.ROOT,
                "u_xxxx at x = 0.5: mollifier %.5f, reference (docs/math.md) 96.65114",
                u4[(N - 1) * 3 / 4]));

        System.out.println("== network ==");
        // u = an MLP 1 → 32 → 32 → 1 (tanh): the mollifier gives (∂ᵏu) ∗ η_δ exactly in the limit h → 0
        Mlp net = Mlp.builder()
                .inputs(1)
                .hidden(32, 32)
                .outputs(1)
                .activation(Activation.TANH)
                .seed(1)
                .build();
        Var[] nd = nestedDerivatives(net::forward, x);
        Map<DifferentialOperator, Var> md4 = md.compute(net.forward(x).reshape(1, 1, n), ORDERS);
        System.out.println("order   mollifier vs (autodiff * eta)   mollifier vs autodiff");
        for (int k = 1; k <= 4; k++) {
            double[] ad = nd[k].value().toDoubleArray();
            // the exact target of the layer: the autodiff derivative smoothed by η_δ, on the same output grid
            Var smoothed = md.computeAligned(
                            Var.constant(Tensor.of(ad, 1, 1, n)), ORDERS, DifferentialOperator.value(1))
                    .get(DifferentialOperator.value(1));
            double[] mo = md4.get(ORDERS[k - 1]).value().toDoubleArray();
            System.out.println(String.format(
                    Locale.ROOT,
                    "%5d   %29.3e   %21.3e",
                    k,
                    relL2(mo, smoothed.value().toDoubleArray()),
                    relL2(mo, inner(ad))));
        }

        cost();
    }

    // guide: nested
    /** u, u_x, …, u_xxxx of u = fn(x) by nested reverse mode: each grad keeps its graph (createGraph) for the next. */
    static Var[] nestedDerivatives(UnaryOperator<Var> fn, Var x) {
        Var[] d = new Var[5];
        d[0] = fn.apply(x);
        // nested reverse mode: ∂ᵏu/∂xᵏ = ∂/∂x (∂ᵏ⁻¹u/∂xᵏ⁻¹), each grad recording its graph
        for (int k = 1; k <= 4; k++) d[k] = Autograd.grad(d[k - 1].sum(), x, null, true);
        return d;
    }
    // guide: end

    /**
     * The cost of one gradient evaluation (loss + backward) of a PINN for u_t + a·u·u_x + b·u_xx + c·u_xxxx = 0 on
     * 64 x × 32 t, on each route: {@link InverseProblem#measureStep}, one run, time and peak live tensor bytes.
     */
    static void cost() {
        GridField ks = KuramotoSivashinskySolver.solve(KuramotoSivashinskySolver.Params.defaults()
                .withGrid(64, 16)
                .withTime(20, 32, 0, 0.05)); // x ∈ [0, 32π), t ∈ [0, 20]
        double[] xa = ks.axis("x"), ta = ks.axis("t");
        Domain box = Domain.interval1dTime(xa[0], xa[xa.length - 1], ta[0], ta[ta.length - 1]);
        // guide: ks-spec
        PdeSpec spec = PdeSpec.parse("u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0")
                .domain(box)
                .unknown("a", 1)
                .unknown("b", 1)
                .unknown("c", 1)
                .build();
        // guide: end
        double hx = xa[1] - xa[0], ht = ta[1] - ta[0];
        System.out.println("== residual ==");
        System.out.println("derivatives: " + spec.requiredDerivatives());
        System.out.println(String.format(
                Locale.ROOT,
                "grid: %d x * %d t, network 2 -> 32 -> 32 -> 32 -> 1, delta_x = 4 h_x, delta_t = 4 h_t",
                xa.length,
                ta.length));
        System.out.println("== cost ==");
        System.out.println("route       ms per evaluation   peak MB   allocated MB");
        for (String name : new String[] {"autodiff", "mollifier"}) {
            // guide: ks-step
            DerivativeRoute route = name.equals("autodiff")
                    ? DerivativeRoute.autodiff()
                    : DerivativeRoute.mollifier(Map.of("x", 4 * hx, "t", 4 * ht))
                            .build();
            Pinn net = Pinn.builder(box).hidden(32, 32, 32).seed(1).build();
            InverseProblem p = InverseProblem.builder(spec, net)
                    .observe("u", Observations.grid(ks))
                    .route(route)
                    .build();
            InverseProblem.StepCost c = p.measureStep(3); // one warm-up evaluation, then 3 timed, then 1 for memory
            // guide: end
            System.out.println(String.format(
                    Locale.ROOT,
                    "%-9s   %17.1f   %7.1f   %12.1f",
                    name,
                    1e3 * c.seconds(),
                    c.peakLiveBytes() / 1e6,
                    c.allocatedBytes() / 1e6));
        }
    }

    /** The inner N points of a field given on the grid plus the halo. */
    static double[] inner(double[] v) {
        double[] out = new double[N];
        System.arraycopy(v, HALO, out, 0, N);
        return out;
    }

    static double[] scaled(double[] v, double s) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) out[i] *= s;
        return out;
    }

    /** ‖a − b‖₂ / ‖b‖₂. */
    static double relL2(double[] a, double[] b) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    /** Rounding-level numbers as a bound, so the printed text does not depend on the last bits. */
    static String tiny(double v) {
        return v < 1e-12 ? "< 1e-12" : String.format(Locale.ROOT, "%.3e", v);
    }
}
