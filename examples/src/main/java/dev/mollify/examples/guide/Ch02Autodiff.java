package dev.mollify.examples.guide;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.GradCheck;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chapter 2: reverse-mode automatic differentiation. First a complete scalar engine in a few dozen lines
 * ({@link Scalar}: each operation computes its value and its local derivatives side by side, and
 * {@link Scalar#backward} applies the chain rule from the output back). Then the same function through
 * the library's {@link Var} and {@link Autograd} on tensors, and a check of gradients against central
 * differences with {@link GradCheck}.
 */
public final class Ch02Autodiff {
    private Ch02Autodiff() {}

    public static void main(String[] args) {
        tinyEngine();
        tensorEngine();
        gradCheck();
    }

    /**
     * A number that remembers how it was made: the inputs of the operation that produced it and the
     * local derivatives ∂(this)/∂input, computed in the forward pass. {@link #grad} receives ∂f/∂(this).
     */
    static final class Scalar {
        final double value;
        final String op;
        final Scalar[] inputs;
        final double[] local;
        double grad;

        Scalar(double value, String op, Scalar[] inputs, double[] local) {
            this.value = value;
            this.op = op;
            this.inputs = inputs;
            this.local = local;
        }

        static Scalar of(double v, String name) {
            return new Scalar(v, name, new Scalar[0], new double[0]);
        }

        // each operation: its forward value; its local derivatives
        Scalar add(Scalar o) { // a + b; ∂/∂a = 1, ∂/∂b = 1
            return new Scalar(value + o.value, "add", new Scalar[] {this, o}, new double[] {1, 1});
        }

        // guide: scalar-ops
        Scalar mul(Scalar o) { // a·b; ∂/∂a = b, ∂/∂b = a
            return new Scalar(value * o.value, "mul", new Scalar[] {this, o}, new double[] {o.value, value});
        }

        Scalar sin() { // sin a; ∂/∂a = cos a
            return new Scalar(Math.sin(value), "sin", new Scalar[] {this}, new double[] {Math.cos(value)});
        }
        // guide: end

        Scalar neg() { // −a; ∂/∂a = −1
            return new Scalar(-value, "neg", new Scalar[] {this}, new double[] {-1});
        }

        Scalar exp() { // eᵃ; ∂/∂a = eᵃ
            double e = Math.exp(value);
            return new Scalar(e, "exp", new Scalar[] {this}, new double[] {e});
        }

        Scalar square() { // a²; ∂/∂a = 2a
            return new Scalar(value * value, "square", new Scalar[] {this}, new double[] {2 * value});
        }

        /** Every node reachable from this one, each after its inputs (depth-first post-order). */
        List<Scalar> topologicalOrder() {
            List<Scalar> order = new ArrayList<>();
            visit(this, Collections.newSetFromMap(new IdentityHashMap<>()), order);
            return order;
        }

        private static void visit(Scalar s, Set<Scalar> seen, List<Scalar> order) {
            if (!seen.add(s)) return;
            for (Scalar in : s.inputs) visit(in, seen, order);
            order.add(s);
        }

        /** Sets ∂f/∂v for every node v, f = this: seed ∂f/∂f = 1, then walk the order backwards. */
        List<Scalar> backward() {
            List<Scalar> order = topologicalOrder();
            for (Scalar s : order) s.grad = 0;
            // guide: backward
            grad = 1;
            for (int k = order.size() - 1; k >= 0; k--) {
                Scalar s = order.get(k);
                // chain rule: ∂f/∂input += ∂f/∂s · ∂s/∂input (+= because an input may feed several nodes)
                for (int i = 0; i < s.inputs.length; i++) s.inputs[i].grad += s.grad * s.local[i];
            }
            // guide: end
            return order;
        }
    }

    /** f(x, y) = sin(x·y) + x²·e^(−y) at (1.5, 0.5), by the tiny engine and by hand. */
    static void tinyEngine() {
        System.out.println("== tiny ==");
        // guide: tiny
        Scalar x = Scalar.of(1.5, "x"), y = Scalar.of(0.5, "y");
        Scalar f = x.mul(y).sin().add(x.square().mul(y.neg().exp()));
        List<Scalar> tape = f.backward();
        // guide: end
        System.out.println("node  op       value        df/dnode");
        for (int k = 0; k < tape.size(); k++) {
            Scalar s = tape.get(k);
            System.out.printf(Locale.ROOT, "%4d  %-6s %12.8f %12.8f%n", k, s.op, s.value, s.grad);
        }
        // by hand: ∂f/∂x = y·cos(xy) + 2x·e^(−y),  ∂f/∂y = x·cos(xy) − x²·e^(−y)
        double dx = 0.5 * Math.cos(0.75) + 3.0 * Math.exp(-0.5);
        double dy = 1.5 * Math.cos(0.75) - 2.25 * Math.exp(-0.5);
        System.out.printf(Locale.ROOT, "df/dx: engine %.12f, by hand %.12f%n", x.grad, dx);
        System.out.printf(Locale.ROOT, "df/dy: engine %.12f, by hand %.12f%n", y.grad, dy);
    }

    /** The same f on three points at once: tensors in, one backward pass, per-point partials out. */
    static void tensorEngine() {
        System.out.println("== tensors ==");
        // guide: tensors
        Var x = Var.param(Tensor.vector(0.5, 1.0, 1.5));
        Var y = Var.param(Tensor.vector(0.5, 0.5, 0.5));
        Var f = x.mul(y).sin().add(x.square().mul(y.neg().exp())); // elementwise, shape (3,)
        // d(Σf)/dx and d(Σf)/dy; seed 1 (Σf is one number); no recording, no retaining, no unused inputs
        List<Var> g = Autograd.grad(List.of(f.sum()), List.of(x, y), null, false, false, false);
        // guide: end
        double[] xs = x.value().toDoubleArray(),
                gx = g.get(0).value().toDoubleArray(),
                gy = g.get(1).value().toDoubleArray();
        System.out.println("   x    f(x, 0.5)     df/dx        df/dy");
        for (int i = 0; i < xs.length; i++) {
            System.out.printf(
                    Locale.ROOT,
                    "%4.1f %11.8f %12.8f %12.8f%n",
                    xs[i],
                    f.value().get(i),
                    gx[i],
                    gy[i]);
        }
    }

    /** GradCheck: a small network layer against central differences; then a deliberately wrong rule. */
    static void gradCheck() {
        System.out.println("== gradcheck ==");
        // h = tanh(x·W + b), loss = Σ h²
        // guide: gradcheck
        // N(0, 1) entries from fixed seeds: x of shape (4, 3), W (3, 2), b (2,)
        Tensor x = Tensor.randn(11L, 4, 3), w = Tensor.randn(12L, 3, 2), b = Tensor.randn(13L, 2);
        // the function to check gets its inputs as a list of Var, in the order x, W, b
        GradCheck.gradcheck(
                in -> in.get(0).linear(in.get(1), in.get(2)).tanh().square().sum(), x, w, b);
        // guide: end
        System.out.println("gradcheck of sum(tanh(x*W + b)^2) in x, W and b: passed");

        // one entry by hand: ∂L/∂W[0,0] from the backward pass, and (L(W + εE) − L(W − εE)) / 2ε
        Var wv = Var.param(w);
        Var loss = Var.constant(x).linear(wv, Var.constant(b)).tanh().square().sum();
        double analytic = Autograd.grad(loss, wv).value().get(0, 0);
        double eps = 1e-6;
        double numeric = (lossAt(x, w, b, eps) - lossAt(x, w, b, -eps)) / (2 * eps);
        System.out.printf(
                Locale.ROOT,
                "dL/dW[0,0]: backward pass %.8f, central difference %.8f, agree to 1e-8: %s%n",
                analytic,
                numeric,
                Math.abs(analytic - numeric) < 1e-8);

        // a primitive with a wrong derivative rule (sin's rule written with sin instead of cos)
        try {
            // guide: wrong-sin-check
            GradCheck.gradcheck(in -> wrongSin(in.get(0)).sum(), Tensor.vector(0.3, 0.6, 0.9)); // input 0, shape (3,)
            // guide: end
            System.out.println("gradcheck missed the wrong rule");
        } catch (GradCheck.GradCheckException e) {
            String m = e.getMessage();
            System.out.println("wrong rule caught: " + m.substring(0, m.indexOf(" (|diff|")));
        }
    }

    // guide: wrong-sin
    /** y = sin x with the WRONG rule ∂x = g·sin x: the kind of mistake GradCheck exists for. */
    static Var wrongSin(Var x) {
        return Autograd.record("wrongSin", x.value().sin(), (out, g, needs) -> new Var[] {g.mul(x.sin())}, x);
    }
    // guide: end

    private static double lossAt(Tensor x, Tensor w, Tensor b, double shift) {
        double[] ws = w.toDoubleArray();
        ws[0] += shift;
        return x.linear(Tensor.of(ws, w.shape()), b).tanh().square().sum().item();
    }
}
