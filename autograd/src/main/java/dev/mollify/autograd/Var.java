package dev.mollify.autograd;

import dev.mollify.tensor.DType;
import dev.mollify.tensor.PadMode;
import dev.mollify.tensor.Shapes;
import dev.mollify.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * A differentiable value: a {@link Tensor} plus, when it was computed by a recorded operation, the
 * {@link Node} that made it. Leaves are created with {@link #param} (they require a gradient) or
 * {@link #constant}.
 *
 * <p>Primitive operations are defined in {@link Ops} (each with its derivative rule); the rest of the
 * methods here are compositions of primitives, so they are differentiable to any order without
 * derivative code of their own.
 */
public final class Var {
    private Tensor value;
    final Node node;
    boolean requiresGrad;
    int version;
    private Tensor grad;
    private String name;

    Var(Tensor value, Node node) {
        this.value = value;
        this.node = node;
        this.requiresGrad = node != null;
    }

    // ------------------------------------------------------------------ leaves

    /**
     * A trainable leaf (requires a gradient).
     *
     * @param value the initial value; later changed only through {@link #assign}
     * @return a leaf with {@link #requiresGrad()} true, whose {@link #grad()} backward fills
     */
    public static Var param(Tensor value) {
        Var v = new Var(value, null);
        v.requiresGrad = true;
        return v;
    }

    /**
     * A constant leaf (no gradient).
     *
     * @param value the value; gradients never flow into it
     * @return a leaf that does not require a gradient
     */
    public static Var constant(Tensor value) {
        return new Var(value, null);
    }

    /**
     * A constant 0-d F64 value.
     *
     * @param value the value
     * @return a constant leaf of shape () and dtype F64, broadcasting against any shape
     */
    public static Var constant(double value) {
        return new Var(Tensor.scalar(value), null);
    }

    /**
     * The value (a tensor; never changes for non-leaves).
     *
     * @return the current value; a leaf's changes with {@link #assign}
     */
    public Tensor value() {
        return value;
    }

    /**
     * Shape of the value.
     *
     * @return a copy of the value's sizes per axis
     */
    public int[] shape() {
        return value.shape();
    }

    /**
     * dtype of the value.
     *
     * @return F64 or F32
     */
    public DType dtype() {
        return value.dtype();
    }

    /**
     * The value of a one-element Var.
     *
     * @return the single element, widened to double
     * @throws IllegalArgumentException when the value does not have exactly one element
     */
    public double item() {
        return value.item();
    }

    /**
     * True when gradients flow to or through this value.
     *
     * @return true for a trainable leaf or a value computed from one
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * True for values created directly rather than by an operation.
     *
     * @return true for a {@link #param} or {@link #constant}, false for an operation's result
     */
    public boolean isLeaf() {
        return node == null;
    }

    /**
     * Marks a leaf as trainable (or not). Returns this.
     *
     * @param on true to make backward fill this leaf's gradient
     * @return this Var
     * @throws IllegalStateException when this is not a leaf
     */
    public Var requiresGrad(boolean on) {
        if (node != null) throw new IllegalStateException("requiresGrad can only be set on a leaf; use detach() first");
        requiresGrad = on;
        return this;
    }

    /**
     * The same value without history (a constant).
     *
     * @return a constant leaf sharing this value; gradients do not flow back through it
     */
    public Var detach() {
        return new Var(value, null);
    }

    /**
     * Optional label shown in messages and parameter registries.
     *
     * @return the label set by {@link #named}, or null
     */
    public String name() {
        return name;
    }

    /**
     * Sets the label; returns this.
     *
     * @param label any text, or null for none
     * @return this Var
     */
    public Var named(String label) {
        this.name = label;
        return this;
    }

    /**
     * Gradient accumulated by {@link #backward()}, or null.
     *
     * @return the sum of gradients ∂L/∂this over backward calls since the last {@link #zeroGrad()}, same shape as the value; null when none
     */
    public Tensor grad() {
        return grad;
    }

    /** Clears the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Sets the accumulated gradient (used by optimisers and tests).
     *
     * @param g the gradient, of the value's shape; null clears it
     * @throws IllegalArgumentException when the shape differs from the value's
     */
    public void setGrad(Tensor g) {
        if (g != null && !g.sameShape(value.shape())) {
            throw new IllegalArgumentException("gradient shape " + Shapes.str(g.shape())
                    + " does not match value shape " + Shapes.str(value.shape()));
        }
        grad = g;
    }

    void accumulateGrad(Tensor g) {
        grad = grad == null ? g : grad.add(g);
    }

    /**
     * Replaces a leaf's value (optimiser steps, loading weights). Graphs recorded with the old value
     * can no longer be differentiated (they fail with a clear message).
     *
     * @param newValue the new value, with this value's shape and dtype
     * @throws IllegalStateException when this is not a leaf
     * @throws IllegalArgumentException when the shape or dtype differs
     */
    public void assign(Tensor newValue) {
        if (node != null)
            throw new IllegalStateException(
                    "only leaves can be assigned; this value was computed by '" + node.name + "'");
        if (!newValue.sameShape(value.shape()) || newValue.dtype() != value.dtype()) {
            throw new IllegalArgumentException(
                    "assign: new value " + newValue.dtype() + " " + Shapes.str(newValue.shape()) + " does not match "
                            + value.dtype() + " " + Shapes.str(value.shape()));
        }
        value = newValue;
        version++;
    }

    /** Backpropagates from this one-element value into the leaves' {@link #grad()}; frees the graph. */
    public void backward() {
        Autograd.backward(this, null, false);
    }

    /**
     * Backpropagates with an explicit output gradient, optionally keeping the graph.
     *
     * @param gradOutput ∂L/∂this, of this shape; null means ones (then this must have one element)
     * @param retainGraph true to keep the graph for another backward, false to free it
     */
    public void backward(Var gradOutput, boolean retainGraph) {
        Autograd.backward(this, gradOutput, retainGraph);
    }

    private Var c(double v) {
        return new Var(Tensor.scalar(value.dtype(), v), null);
    }

    // ------------------------------------------------------------------ arithmetic (primitives)

    /**
     * y = this + o, broadcast.
     *
     * @param o the right operand; its shape must broadcast with this one's, same dtype
     * @return y of the broadcast shape; ∂y/∂this = ∂y/∂o = 1, summed back to each shape
     */
    public Var add(Var o) {
        return Ops.add(this, o);
    }

    /**
     * y = this − o, broadcast.
     *
     * @param o the right operand; its shape must broadcast with this one's, same dtype
     * @return y of the broadcast shape; ∂y/∂this = 1, ∂y/∂o = −1
     */
    public Var sub(Var o) {
        return Ops.sub(this, o);
    }

    /**
     * y = this·o elementwise, broadcast.
     *
     * @param o the right factor; its shape must broadcast with this one's, same dtype
     * @return y of the broadcast shape; ∂y/∂this = o, ∂y/∂o = this
     */
    public Var mul(Var o) {
        return Ops.mul(this, o);
    }

    /**
     * y = this/o elementwise, broadcast.
     *
     * @param o the divisor; its shape must broadcast with this one's, same dtype
     * @return y of the broadcast shape; ∂y/∂this = 1/o, ∂y/∂o = −this/o²
     */
    public Var div(Var o) {
        return Ops.div(this, o);
    }

    /**
     * y = −x.
     *
     * @return y of this shape; dy/dx = −1
     */
    public Var neg() {
        return Ops.neg(this);
    }

    /**
     * y = eˣ.
     *
     * @return y of this shape; dy/dx = eˣ
     */
    public Var exp() {
        return Ops.exp(this);
    }

    /**
     * y = ln x.
     *
     * @return y of this shape (NaN for x &lt; 0); dy/dx = 1/x
     */
    public Var log() {
        return Ops.log(this);
    }

    /**
     * y = sin x.
     *
     * @return y of this shape; dy/dx = cos x
     */
    public Var sin() {
        return Ops.sin(this);
    }

    /**
     * y = cos x.
     *
     * @return y of this shape; dy/dx = −sin x
     */
    public Var cos() {
        return Ops.cos(this);
    }

    /**
     * y = tanh x.
     *
     * @return y of this shape; dy/dx = 1 − y²
     */
    public Var tanh() {
        return Ops.tanh(this);
    }

    /**
     * y = σ(x) = 1/(1 + e⁻ˣ).
     *
     * @return y of this shape; dy/dx = σ(x)(1 − σ(x))
     */
    public Var sigmoid() {
        return Ops.sigmoid(this);
    }

    /**
     * y = ln(1 + eˣ), in a stable form.
     *
     * @return y of this shape; dy/dx = σ(x)
     */
    public Var softplus() {
        return Ops.softplus(this);
    }
    /**
     * xᵖ for a constant exponent.
     *
     * @param p the exponent, a constant (not differentiated)
     * @return y = xᵖ of this shape; dy/dx = p·xᵖ⁻¹
     */
    public Var pow(double p) {
        return Ops.pow(this, p);
    }

    /**
     * Matrix product Y = this·o over the last two axes (batch axes broadcast).
     *
     * @param o the right factor (…, k, n) for this (…, m, k); same dtype
     * @return Y of shape (broadcast batch…, m, n); ∂L/∂this = G·oᵀ, ∂L/∂o = thisᵀ·G
     */
    public Var matmul(Var o) {
        return Ops.matmul(this, o);
    }
    /**
     * {@code this·w + bias}, the affine map of a linear layer, fused (bias broadcast over rows).
     *
     * @param w the weights, (k, n) for this (m, k)
     * @param bias a shape that broadcasts to (m, n), usually (n,)
     * @return y of shape (m, n): y[i, j] = Σₗ x[i, l]·w[l, j] + bias[j]
     */
    public Var linear(Var w, Var bias) {
        return Ops.linear(this, w, bias);
    }
    /**
     * {@code k·this·b·c}, fused.
     *
     * @param b the second factor; shapes of the three must broadcast together, same dtype
     * @param c the third factor
     * @param k a constant factor (not differentiated)
     * @return y of the broadcast shape
     */
    public Var mul3(Var b, Var c, double k) {
        return Ops.mul3(this, b, c, k);
    }

    /**
     * This value converted to {@code dtype} (itself when it already has it); the gradient is converted back.
     *
     * @param dtype the element type wanted
     * @return a Var of the same shape and dtype {@code dtype}
     */
    public Var to(DType dtype) {
        return dtype == value.dtype() ? this : Ops.to(this, dtype);
    }

    /**
     * y = this + v (itself when v = 0).
     *
     * @param v a constant added to every element
     * @return y of this shape; dy/dx = 1
     */
    public Var add(double v) {
        return v == 0.0 ? this : add(c(v));
    }

    /**
     * y = this − v (itself when v = 0).
     *
     * @param v a constant subtracted from every element
     * @return y of this shape; dy/dx = 1
     */
    public Var sub(double v) {
        return v == 0.0 ? this : sub(c(v));
    }

    /**
     * y = v·this (itself when v = 1).
     *
     * @param v a constant factor
     * @return y of this shape; dy/dx = v
     */
    public Var mul(double v) {
        return v == 1.0 ? this : mul(c(v));
    }

    /**
     * y = this·(1/v) (itself when v = 1).
     *
     * @param v a constant divisor; v = 0 gives ±∞ or NaN
     * @return y of this shape; dy/dx = 1/v
     */
    public Var div(double v) {
        return v == 1.0 ? this : mul(c(1.0 / v));
    }
    /**
     * {@code v − this}.
     *
     * @param v the constant minuend
     * @return y = v − x of this shape; dy/dx = −1
     */
    public Var rsub(double v) {
        return c(v).sub(this);
    }

    // ------------------------------------------------------------------ composed elementwise

    /**
     * aᵇ with both differentiable: exp(b·ln a) (a must be positive).
     *
     * @param exponent b; its shape must broadcast with this one's
     * @return y = exp(b·ln a) of the broadcast shape; NaN where a &lt; 0
     */
    public Var pow(Var exponent) {
        return log().mul(exponent).exp();
    }

    /**
     * √x = x^½.
     *
     * @return y of this shape (NaN for x &lt; 0); dy/dx = 1/(2√x)
     */
    public Var sqrt() {
        return pow(0.5);
    }

    /**
     * x².
     *
     * @return y of this shape; dy/dx = 2x
     */
    public Var square() {
        return pow(2.0);
    }

    /**
     * 1/x = x⁻¹.
     *
     * @return y of this shape; dy/dx = −1/x²
     */
    public Var reciprocal() {
        return pow(-1.0);
    }
    /**
     * |x| = x·sign(x), with sign treated as a constant (derivative sign(x), 0 at 0).
     *
     * @return y of this shape
     */
    public Var abs() {
        return mul(constant(value.sign()));
    }
    /**
     * max(x, 0) = x·[x &gt; 0].
     *
     * @return y of this shape; dy/dx = 1 for x &gt; 0, else 0
     */
    public Var relu() {
        return mul(constant(value.gt(0.0)));
    }
    /**
     * Elementwise maximum (ties go to {@code this}).
     *
     * @param o the other operand; its shape must broadcast with this one's
     * @return y = max(this, o) of the broadcast shape; the gradient goes to the larger operand
     */
    public Var maximum(Var o) {
        return where(value.ge(o.value), this, o);
    }
    /**
     * Elementwise minimum (ties go to {@code this}).
     *
     * @param o the other operand; its shape must broadcast with this one's
     * @return y = min(this, o) of the broadcast shape; the gradient goes to the smaller operand
     */
    public Var minimum(Var o) {
        return where(value.le(o.value), this, o);
    }

    /**
     * GELU, tanh approximation: ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
     *
     * @return y of this shape
     */
    public Var gelu() {
        Var inner = add(pow(3.0).mul(0.044715)).mul(Math.sqrt(2.0 / Math.PI));
        return mul(inner.tanh().add(1.0)).mul(0.5);
    }

    /**
     * {@code cond != 0 ? a : b}; the condition is not differentiated.
     *
     * @param cond the selector; nonzero picks {@code a}; shapes of the three must broadcast together
     * @param a the values where cond is nonzero; receives the gradient there
     * @param b the values where cond is zero; same dtype as a
     * @return a Var of the broadcast shape
     */
    public static Var where(Tensor cond, Var a, Var b) {
        return Ops.where(cond, a, b);
    }

    // ------------------------------------------------------------------ reductions

    /**
     * Sum of all elements (0-d).
     *
     * @return y = Σᵢ xᵢ of shape (); the gradient broadcasts back as ones
     */
    public Var sum() {
        return Ops.sum(this, new int[0], false);
    }
    /**
     * Sum over axes (all when empty).
     *
     * @param axes the axes to sum over, each at most once; empty for all
     * @param keepdim true to keep them with size 1, false to remove them
     * @return the sums; the gradient is broadcast back along the summed axes
     */
    public Var sum(int[] axes, boolean keepdim) {
        return Ops.sum(this, axes, keepdim);
    }
    /**
     * Sum over one axis, removing it.
     *
     * @param axis the axis, in −dim..dim−1
     * @return the sums, of rank one less
     */
    public Var sum(int axis) {
        return Ops.sum(this, new int[] {axis}, false);
    }
    /**
     * Mean of all elements.
     *
     * @return y = (Σᵢ xᵢ)/n of shape (); NaN for no elements
     */
    public Var mean() {
        return sum().div(value.numel());
    }

    /**
     * Mean over axes (all when empty).
     *
     * @param axes the axes to average over, each at most once; empty for all
     * @param keepdim true to keep them with size 1, false to remove them
     * @return the sum over the axes divided by the number of elements summed
     */
    public Var mean(int[] axes, boolean keepdim) {
        int[] s = shape();
        int count = 1;
        for (int a : Shapes.axes(axes, s.length, s)) count *= s[a];
        return sum(axes, keepdim).div(count);
    }

    /**
     * Maximum over axes (all when empty); the gradient is shared between ties.
     *
     * @param axes the axes to reduce, each at most once; empty for all
     * @param keepdim true to keep them with size 1, false to remove them
     * @return the maxima; each maximum's gradient is split equally among the elements equal to it
     */
    public Var max(int[] axes, boolean keepdim) {
        return Ops.extremum(this, axes, keepdim, true);
    }
    /**
     * Minimum over axes (all when empty).
     *
     * @param axes the axes to reduce, each at most once; empty for all
     * @param keepdim true to keep them with size 1, false to remove them
     * @return the minima
     */
    public Var min(int[] axes, boolean keepdim) {
        return Ops.extremum(this, axes, keepdim, false);
    }

    /**
     * Sums down to a shape this one was broadcast from (the adjoint of broadcasting).
     *
     * @param target a shape that broadcasts to this shape
     * @return the sums, of shape target; the gradient is expanded back
     */
    public Var sumTo(int... target) {
        int[] s = value.shape();
        if (Arrays.equals(s, target)) return this;
        int[] axes = Shapes.sumToAxes(s, target);
        return (axes.length == 0 ? this : sum(axes, true)).reshape(target);
    }

    // ------------------------------------------------------------------ views

    /**
     * A view with a new shape and the same elements (itself when the shape is unchanged).
     *
     * @param shape the new sizes; their product must equal the element count, one may be −1
     * @return a Var of the new shape; the gradient is reshaped back
     */
    public Var reshape(int... shape) {
        return value.sameShape(shape) ? this : Ops.reshape(this, shape);
    }

    /**
     * The elements as a 1-D view.
     *
     * @return a Var of shape (numel,)
     */
    public Var flatten() {
        return reshape(value.numel());
    }

    /**
     * A view with the axes reordered: axis {@code i} of the result is axis {@code order[i]} of this.
     *
     * @param order a permutation of the axes 0..dim−1
     * @return a Var with the axes reordered; the gradient is permuted back by the inverse order
     */
    public Var permute(int... order) {
        return Ops.permute(this, order);
    }

    /**
     * Swaps two axes.
     *
     * @param a one axis, in −dim..dim−1
     * @param b the other axis
     * @return a Var with axes a and b exchanged
     */
    public Var transpose(int a, int b) {
        int r = value.dim();
        int[] order = new int[r];
        for (int i = 0; i < r; i++) order[i] = i;
        int x = Shapes.axis(a, r, value.shape()), y = Shapes.axis(b, r, value.shape());
        order[x] = y;
        order[y] = x;
        return permute(order);
    }

    /**
     * Transpose of the last two axes.
     *
     * @return a Var of shape (…, n, m) for (…, m, n)
     */
    public Var t() {
        return transpose(-2, -1);
    }

    /**
     * A broadcast view to a larger shape (itself when the shape is unchanged); the gradient is summed back.
     *
     * @param shape the target shape; this shape must broadcast to it
     * @return a Var of that shape
     */
    public Var expand(int... shape) {
        return value.sameShape(shape) ? this : Ops.expand(this, shape);
    }

    /**
     * Python-style slice along one axis (see {@link Tensor#slice}).
     *
     * @param axis the axis, in −dim..dim−1
     * @param start the first index (negative counts from the end)
     * @param end the index to stop before
     * @param step the step, not 0
     * @return the selected elements; the gradient is {@link #embedSlice embedded} back in zeros
     */
    public Var slice(int axis, int start, int end, int step) {
        return Ops.slice(this, axis, start, end, step);
    }

    /**
     * {@code length} elements from {@code start} along an axis.
     *
     * @param axis the axis, in −dim..dim−1
     * @param start the first index
     * @param length the number of elements; start + length ≤ size
     * @return a Var of the same rank with size length along axis
     */
    public Var narrow(int axis, int start, int length) {
        int a = Shapes.axis(axis, value.dim(), value.shape());
        if (start < 0 || length < 0 || start + length > value.shape()[a]) {
            throw new IndexOutOfBoundsException("narrow(axis " + a + ", start " + start + ", length " + length
                    + ") is outside shape " + Shapes.str(value.shape()));
        }
        return slice(a, start, start + length, 1);
    }

    /**
     * Index {@code i} along an axis, removing it.
     *
     * @param axis the axis, in −dim..dim−1
     * @param index the position, in −size..size−1
     * @return a Var of rank one less
     */
    public Var select(int axis, int index) {
        int a = Shapes.axis(axis, value.dim(), value.shape());
        int i = index < 0 ? index + value.shape()[a] : index;
        return narrow(a, i, 1).squeeze(a);
    }

    /**
     * Removes one axis of size 1.
     *
     * @param axis the axis to remove; its size must be 1
     * @return a Var of rank one less
     */
    public Var squeeze(int axis) {
        int[] s = value.shape();
        int a = Shapes.axis(axis, s.length, s);
        if (s[a] != 1) throw new IllegalArgumentException("cannot squeeze axis " + a + " of shape " + Shapes.str(s));
        int[] out = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) if (i != a) out[j++] = s[i];
        return reshape(out);
    }

    /**
     * Inserts an axis of size 1.
     *
     * @param axis the position of the new axis in the result, 0..dim
     * @return a Var of rank one more
     */
    public Var unsqueeze(int axis) {
        int[] s = value.shape();
        int a = Shapes.axis(axis, s.length + 1, s);
        int[] out = new int[s.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) out[i] = i == a ? 1 : s[j++];
        return reshape(out);
    }

    /**
     * Reverses an axis.
     *
     * @param axis the axis, in −dim..dim−1
     * @return y[…, i, …] = x[…, n−1−i, …], same shape
     */
    public Var flip(int axis) {
        int a = Shapes.axis(axis, value.dim(), value.shape());
        int n = value.shape()[a];
        return slice(a, n - 1, -n - 1, -1);
    }

    /**
     * Zeros of {@code fullShape} with this value at {@code start, start+step, …} along an axis.
     *
     * @param fullShape the shape of the sliced tensor; equal to this shape except along axis
     * @param axis the sliced axis
     * @param start the first index the slice took
     * @param step the slice's step
     * @return a Var of fullShape; its gradient is the slice of the upstream gradient
     */
    public Var embedSlice(int[] fullShape, int axis, int start, int step) {
        return Ops.embedSlice(this, fullShape, Shapes.axis(axis, fullShape.length, fullShape), start, step);
    }

    /**
     * Joins along an existing axis.
     *
     * @param axis the axis to join along
     * @param parts at least one Var, all of one dtype; sizes must match off the axis
     * @return a Var whose size along axis is the sum of the parts'; each part's gradient is its slice
     */
    public static Var concat(int axis, Var... parts) {
        return Ops.concat(axis, parts);
    }

    /**
     * Joins along an existing axis.
     *
     * @param axis the axis to join along
     * @param parts at least one Var, all of one dtype; sizes must match off the axis
     * @return a Var whose size along axis is the sum of the parts'
     */
    public static Var concat(int axis, List<Var> parts) {
        return Ops.concat(axis, parts.toArray(new Var[0]));
    }

    /**
     * Joins along a new axis.
     *
     * @param axis the position of the new axis, 0..dim
     * @param parts at least one Var, all of one shape and dtype
     * @return a Var of rank one more with size parts.length along axis
     */
    public static Var stack(int axis, Var... parts) {
        if (parts.length == 0) throw new IllegalArgumentException("stack needs at least one value");
        Var[] u = new Var[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!Arrays.equals(parts[i].shape(), parts[0].shape())) {
                throw new IllegalArgumentException("stack: part " + i + " has shape " + Shapes.str(parts[i].shape())
                        + ", part 0 has " + Shapes.str(parts[0].shape()));
            }
            u[i] = parts[i].unsqueeze(axis);
        }
        return concat(axis, u);
    }

    /**
     * Pads one axis; reflect/replicate/circular are built from slices and concat (see {@link PadMode}).
     *
     * @param axis the axis, in −dim..dim−1
     * @param before cells before index 0, ≥ 0
     * @param after cells after the last index, ≥ 0
     * @param mode how the new cells are filled
     * @return a Var whose size along axis grows by before + after
     */
    public Var pad(int axis, int before, int after, PadMode mode) {
        int a = Shapes.axis(axis, value.dim(), value.shape());
        int n = value.shape()[a];
        if (before < 0 || after < 0)
            throw new IllegalArgumentException("pad widths must be >= 0, got " + before + ", " + after);
        if (before == 0 && after == 0) return this;
        switch (mode) {
            case ZERO: {
                int[] full = value.shape();
                full[a] = n + before + after;
                return embedSlice(full, a, before, 1);
            }
            case REFLECT:
                if (before >= n || after >= n) {
                    throw new IllegalArgumentException("reflect padding of " + Math.max(before, after)
                            + " needs more than that many cells along axis " + a + ", shape is "
                            + Shapes.str(value.shape()));
                }
                // with after == n-1 the right slice ends "before index 0", which is -n-1, not -1 (= last element)
                return concat(
                        a,
                        slice(a, before, 0, -1),
                        this,
                        slice(a, n - 2, n - 2 - after < 0 ? -n - 1 : n - 2 - after, -1));
            case REPLICATE: {
                if (n == 0) {
                    throw new IllegalArgumentException(
                            "cannot replicate-pad empty axis " + a + " of shape " + Shapes.str(value.shape()));
                }
                int[] bs = value.shape();
                bs[a] = before;
                int[] as = value.shape();
                as[a] = after;
                return concat(
                        a, narrow(a, 0, 1).expand(bs), this, narrow(a, n - 1, 1).expand(as));
            }
            case CIRCULAR:
                if (before > n || after > n) {
                    throw new IllegalArgumentException("circular padding of " + Math.max(before, after)
                            + " exceeds the " + n + " cells of axis " + a);
                }
                return concat(a, narrow(a, n - before, before), this, narrow(a, 0, after));
            default:
                throw new AssertionError(mode);
        }
    }

    @Override
    public String toString() {
        return "Var" + (name != null ? "[" + name + "]" : "")
                + (node != null ? "<" + node.name + ">" : requiresGrad ? "<param>" : "") + " " + value;
    }
}
