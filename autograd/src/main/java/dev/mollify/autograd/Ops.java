package dev.mollify.autograd;

import dev.mollify.tensor.DType;
import dev.mollify.tensor.Shapes;
import dev.mollify.tensor.Tensor;

/**
 * The primitives and their derivative table: each forward rule sits directly above its
 * vector–Jacobian product, written with {@link Var} operations so it can be differentiated again.
 * Everything else ({@code tanh}'s friends, {@code relu}, {@code mean}, losses, layers) is composed
 * from these in {@link Var}.
 *
 * <p>Notation: {@code y} is the output, {@code g = ∂L/∂y}; broadcasting inputs receive
 * {@code sumTo(·, shape)} of their gradient (the adjoint of broadcasting).
 */
final class Ops {
    private Ops() {}

    private static Var[] grads(Var a, Var b) {
        return new Var[] {a, b};
    }

    /** y = a + b. ∂a = g, ∂b = g. */
    static Var add(Var a, Var b) {
        return Autograd.record(
                "add",
                a.value().add(b.value()),
                (y, g, n) -> grads(n[0] ? g.sumTo(a.shape()) : null, n[1] ? g.sumTo(b.shape()) : null),
                a,
                b);
    }

    /** y = a − b. ∂a = g, ∂b = −g. */
    static Var sub(Var a, Var b) {
        return Autograd.record(
                "sub",
                a.value().sub(b.value()),
                (y, g, n) ->
                        grads(n[0] ? g.sumTo(a.shape()) : null, n[1] ? g.neg().sumTo(b.shape()) : null),
                a,
                b);
    }

    // guide: mul
    /** y = a·b. ∂a = g·b, ∂b = g·a. */
    static Var mul(Var a, Var b) {
        return Autograd.record(
                "mul",
                a.value().mul(b.value()),
                (y, g, n) -> grads(
                        n[0] ? g.mul(b).sumTo(a.shape()) : null, n[1] ? g.mul(a).sumTo(b.shape()) : null),
                a,
                b);
    }
    // guide: end

    /** y = a/b. ∂a = g/b, ∂b = −g·a/b². */
    static Var div(Var a, Var b) {
        return Autograd.record(
                "div",
                a.value().div(b.value()),
                (y, g, n) -> grads(
                        n[0] ? g.div(b).sumTo(a.shape()) : null,
                        n[1] ? g.mul(a).div(b.mul(b)).neg().sumTo(b.shape()) : null),
                a,
                b);
    }

    /** y = −x. ∂x = −g. */
    static Var neg(Var x) {
        return Autograd.record("neg", x.value().neg(), (y, g, n) -> new Var[] {g.neg()}, x);
    }

    /** y = eˣ. ∂x = g·y. */
    static Var exp(Var x) {
        return Autograd.record("exp", x.value().exp(), (y, g, n) -> new Var[] {g.mul(y)}, x);
    }

    /** y = ln x. ∂x = g/x. */
    static Var log(Var x) {
        return Autograd.record("log", x.value().log(), (y, g, n) -> new Var[] {g.div(x)}, x);
    }

    /** y = sin x. ∂x = g·cos x. */
    static Var sin(Var x) {
        return Autograd.record("sin", x.value().sin(), (y, g, n) -> new Var[] {g.mul(x.cos())}, x);
    }

    /** y = cos x. ∂x = −g·sin x. */
    static Var cos(Var x) {
        return Autograd.record(
                "cos", x.value().cos(), (y, g, n) -> new Var[] {g.mul(x.sin()).neg()}, x);
    }

    /** y = tanh x. ∂x = tanhGrad(g, y) = g·(1 − y²) — written on the output, as PyTorch does, so higher orders stay short. */
    static Var tanh(Var x) {
        return Autograd.record("tanh", x.value().tanh(), (y, g, n) -> new Var[] {tanhGrad(g, y)}, x);
    }

    /**
     * z = g·(1 − y²), tanh's backward as one primitive (one allocation instead of three; this is what
     * keeps nested derivatives of tanh networks small). ∂g = tanhGrad(G, y), ∂y = −2·G·g·y.
     */
    static Var tanhGrad(Var g, Var y) {
        return Autograd.record(
                "tanhGrad",
                g.value().tanhBackward(y.value()),
                (z, gz, n) -> grads(
                        n[0] ? tanhGrad(gz, y).sumTo(g.shape()) : null,
                        n[1] ? mul3(gz, g, y, -2.0).sumTo(y.shape()) : null),
                g,
                y);
    }

    /**
     * y = k·a·b·c for a constant k, one allocation (the second-order rule of tanh is such a product).
     * ∂a = k·g·b·c, ∂b = k·g·a·c, ∂c = k·g·a·b — each again a {@code mul3}.
     */
    static Var mul3(Var a, Var b, Var c, double k) {
        return Autograd.record(
                "mul3",
                a.value().mul3(b.value(), c.value(), k),
                (y, g, n) -> new Var[] {
                    n[0] ? mul3(g, b, c, k).sumTo(a.shape()) : null,
                    n[1] ? mul3(g, a, c, k).sumTo(b.shape()) : null,
                    n[2] ? mul3(g, a, b, k).sumTo(c.shape()) : null
                },
                a,
                b,
                c);
    }

    /** Y = X·W + b (b broadcast over rows), one allocation. ∂X = G·Wᵀ, ∂W = Xᵀ·G, ∂b = G summed to b's shape. */
    static Var linear(Var x, Var w, Var b) {
        return Autograd.record(
                "linear",
                x.value().linear(w.value(), b.value()),
                (y, g, n) -> new Var[] {
                    n[0] ? g.matmul(w.transpose(-2, -1)).sumTo(x.shape()) : null,
                    n[1] ? x.transpose(-2, -1).matmul(g).sumTo(w.shape()) : null,
                    n[2] ? g.sumTo(b.shape()) : null
                },
                x,
                w,
                b);
    }

    /** y = σ(x) = 1/(1+e⁻ˣ). ∂x = g·y·(1 − y). */
    static Var sigmoid(Var x) {
        return Autograd.record("sigmoid", x.value().sigmoid(), (y, g, n) -> new Var[] {g.mul(y.mul(y.rsub(1.0)))}, x);
    }

    /** y = softplus(x) = ln(1+eˣ) (stable form). ∂x = g·σ(x). */
    static Var softplus(Var x) {
        return Autograd.record("softplus", x.value().softplus(), (y, g, n) -> new Var[] {g.mul(x.sigmoid())}, x);
    }

    /** y = xᵖ for a constant p. ∂x = g·p·xᵖ⁻¹. */
    static Var pow(Var x, double p) {
        return Autograd.record(
                "pow",
                x.value().pow(p),
                (y, g, n) -> {
                    if (p == 0.0) return new Var[] {g.mul(0.0)};
                    if (p == 1.0) return new Var[] {g};
                    if (p == 2.0) return new Var[] {g.mul(x).mul(2.0)};
                    return new Var[] {g.mul(x.pow(p - 1.0)).mul(p)};
                },
                x);
    }

    /** y = Σ over axes (all when empty). ∂x = g broadcast back (reshape with kept axes, then expand). */
    static Var sum(Var x, int[] axes, boolean keepdim) {
        int[] xs = x.shape();
        int[] ax = Shapes.axes(axes, xs.length, xs);
        return Autograd.record(
                "sum",
                x.value().sum(ax, keepdim),
                (y, g, n) -> {
                    int[] kept = xs.clone();
                    for (int a : ax) kept[a] = 1;
                    return new Var[] {g.reshape(kept).expand(xs)};
                },
                x);
    }

    /** y = x viewed with a new shape. ∂x = g reshaped back. */
    static Var reshape(Var x, int[] shape) {
        int[] xs = x.shape();
        return Autograd.record("reshape", x.value().reshape(shape), (y, g, n) -> new Var[] {g.reshape(xs)}, x);
    }

    /** y = x with axes reordered. ∂x = g with the inverse order. */
    static Var permute(Var x, int[] order) {
        int r = order.length;
        int[] inverse = new int[r];
        Tensor v = x.value().permute(order);
        for (int i = 0; i < r; i++) inverse[Shapes.axis(order[i], r, x.shape())] = i;
        return Autograd.record("permute", v, (y, g, n) -> new Var[] {g.permute(inverse)}, x);
    }

    /** y = x broadcast to a larger shape. ∂x = g summed back to x's shape. */
    static Var expand(Var x, int[] shape) {
        int[] xs = x.shape();
        return Autograd.record("expand", x.value().expand(shape), (y, g, n) -> new Var[] {g.sumTo(xs)}, x);
    }

    /** y = x[start:end:step] along an axis. ∂x = g written back into zeros at those positions. */
    static Var slice(Var x, int axis, int start, int end, int step) {
        int[] xs = x.shape();
        int a = Shapes.axis(axis, xs.length, xs);
        Tensor v = x.value().slice(a, start, end, step);
        int first = firstIndex(xs[a], start, step);
        return Autograd.record("slice", v, (y, g, n) -> new Var[] {embedSlice(g, xs, a, first, step)}, x);
    }

    /** The resolved first index of a slice (what Python's slice.indices would give). */
    private static int firstIndex(int size, int start, int step) {
        if (step > 0) return Math.max(0, Math.min(size, start < 0 ? start + size : start));
        return Math.max(-1, Math.min(size - 1, start < 0 ? start + size : start));
    }

    /** y = zeros(fullShape) with x written at start, start+step, … along an axis. ∂x = slice of g. */
    static Var embedSlice(Var x, int[] fullShape, int axis, int start, int step) {
        Tensor v = x.value().embedSlice(fullShape, axis, start, step);
        int len = x.shape()[axis];
        int end = start + len * step;
        return Autograd.record(
                "embedSlice",
                v,
                (y, g, n) -> new Var[] {g.slice(axis, start, end < 0 ? -fullShape[axis] - 1 : end, step)},
                x);
    }

    /** y = parts joined along an axis. ∂part_i = the matching narrow of g. */
    static Var concat(int axis, Var... parts) {
        Tensor[] values = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) values[i] = parts[i].value();
        Tensor v = Tensor.concat(axis, values);
        int a = Shapes.axis(axis, v.dim(), v.shape());
        return Autograd.record(
                "concat",
                v,
                (y, g, n) -> {
                    Var[] out = new Var[parts.length];
                    int at = 0;
                    for (int i = 0; i < parts.length; i++) {
                        int len = parts[i].shape()[a];
                        if (n[i]) out[i] = g.narrow(a, at, len);
                        at += len;
                    }
                    return out;
                },
                parts);
    }

    /** y = cond ? a : b (cond is constant). ∂a = g where cond, ∂b = g elsewhere. */
    static Var where(Tensor cond, Var a, Var b) {
        return Autograd.record(
                "where",
                Tensor.where(cond, a.value(), b.value()),
                (y, g, n) -> {
                    Var zero = Var.constant(g.value().fullLike(0.0));
                    return grads(
                            n[0] ? Var.where(cond, g, zero).sumTo(a.shape()) : null,
                            n[1] ? Var.where(cond, zero, g).sumTo(b.shape()) : null);
                },
                a,
                b);
    }

    /** Y = A·B. ∂A = G·Bᵀ, ∂B = Aᵀ·G (summed over broadcast batch axes). */
    static Var matmul(Var a, Var b) {
        return Autograd.record(
                "matmul",
                a.value().matmul(b.value()),
                (y, g, n) -> grads(
                        n[0] ? g.matmul(b.transpose(-2, -1)).sumTo(a.shape()) : null,
                        n[1] ? a.transpose(-2, -1).matmul(g).sumTo(b.shape()) : null),
                a,
                b);
    }

    /**
     * y = max (or min) over axes. ∂x = g spread over the positions that attain the extremum, split
     * evenly between ties (the mask is piecewise constant, so it is a constant here).
     */
    static Var extremum(Var x, int[] axes, boolean keepdim, boolean max) {
        int[] xs = x.shape();
        int[] ax = Shapes.axes(axes, xs.length, xs);
        Tensor kept = max ? x.value().max(ax, true) : x.value().min(ax, true);
        int[] out = kept.shape();
        Tensor value = keepdim ? kept : kept.reshape(removeAxes(out, ax));
        return Autograd.record(
                max ? "max" : "min",
                value,
                (y, g, n) -> {
                    Tensor mask = x.value().eq(kept);
                    Tensor ties = mask.sum(ax, true);
                    Var weights = Var.constant(mask.div(ties));
                    return new Var[] {g.reshape(out).expand(xs).mul(weights)};
                },
                x);
    }

    private static int[] removeAxes(int[] shape, int[] ax) {
        int[] r = new int[shape.length - ax.length];
        for (int i = 0, j = 0, k = 0; i < shape.length; i++) {
            if (k < ax.length && ax[k] == i) {
                k++;
                continue;
            }
            r[j++] = shape[i];
        }
        return r;
    }

    /** y = x converted to another dtype. ∂x = g converted back. */
    static Var to(Var x, DType dtype) {
        DType from = x.value().dtype();
        return Autograd.record("to", x.value().to(dtype), (y, g, n) -> new Var[] {g.to(from)}, x);
    }
}
