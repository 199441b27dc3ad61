package dev.mollify.autograd.nn;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Shapes;
import dev.mollify.tensor.Tensor;

/**
 * An affine layer {@code y = x·W + b}.
 *
 * <p><b>Layout.</b> {@code x} has shape {@code (N, in)} (or {@code (…, N, in)}), the weight {@code W}
 * has shape <b>{@code (in, out)}</b> — the transpose of PyTorch's {@code nn.Linear.weight}, which is
 * {@code (out, in)} — and the bias {@code b} has shape {@code (out)}, broadcast over the rows. With
 * this layout the forward pass is one plain row-major matmul (fused with the bias add, {@link Var#linear})
 * with no transposed view, and the backward pass {@code ∂W = xᵀ·G} reads {@code x} through a free
 * transposed view. To move weights
 * to or from PyTorch, transpose {@code weight}.
 *
 * <p>Parameters: {@code "weight"} and {@code "bias"}. The bias starts at zero; the weight follows
 * {@link Init} with {@code fanIn = in}, {@code fanOut = out}.
 */
public final class Linear implements Module {
    private final int in;
    private final int out;
    private final Var weight;
    private final Var bias;
    private final Parameters parameters;

    /**
     * A Glorot-uniform F64 layer drawn from {@code rng}.
     *
     * @param in the input width, &gt; 0
     * @param out the output width, &gt; 0
     * @param rng the generator the weight is drawn from
     * @throws IllegalArgumentException when a width is not positive
     */
    public Linear(int in, int out, Rng rng) {
        this(in, out, Init.GLOROT_UNIFORM, rng, DType.F64);
    }

    /**
     * A layer whose weight is drawn from {@code rng} by {@code init}; bias zero.
     *
     * @param in the input width, &gt; 0
     * @param out the output width, &gt; 0
     * @param init the weight distribution
     * @param rng the generator the weight is drawn from
     * @param dtype the element type of weight and bias
     * @throws IllegalArgumentException when a width is not positive
     */
    public Linear(int in, int out, Init init, Rng rng, DType dtype) {
        this(init.sample(rng, checkSize("in", in), checkSize("out", out), dtype, in, out), Tensor.zeros(dtype, out));
    }

    /**
     * A layer with the given weight {@code (in, out)} and bias {@code (out)} (copied into new leaves).
     *
     * @param weight the weight W, shape (in, out)
     * @param bias the bias b, shape (out,) and the weight's dtype
     * @throws IllegalArgumentException when a shape or the dtype does not fit
     */
    public Linear(Tensor weight, Tensor bias) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException(
                    "Linear weight must have shape (in, out), got " + Shapes.str(weight.shape()));
        }
        this.in = weight.shape()[0];
        this.out = weight.shape()[1];
        if (!bias.sameShape(out) || bias.dtype() != weight.dtype()) {
            throw new IllegalArgumentException(
                    "Linear bias must be " + weight.dtype() + " (" + out + ") to match weight "
                            + Shapes.str(weight.shape()) + ", got " + bias.dtype() + " " + Shapes.str(bias.shape()));
        }
        this.weight = Var.param(weight.copy()).named("weight");
        this.bias = Var.param(bias.copy()).named("bias");
        this.parameters = new Parameters().add("weight", this.weight).add("bias", this.bias);
    }

    private static int checkSize(String what, int n) {
        if (n <= 0) throw new IllegalArgumentException("Linear: '" + what + "' must be positive, got " + n);
        return n;
    }

    /** {@code x·W + b}; {@code x} must have at least 2 axes, the last of size {@code in}, and this layer's dtype. */
    @Override
    public Var forward(Var x) {
        int[] s = x.shape();
        if (s.length < 2 || s[s.length - 1] != in) {
            throw new IllegalArgumentException("Linear(" + in + " → " + out + ") expects input shape (N, " + in
                    + "), got " + Shapes.str(s) + (s.length < 2 ? "; reshape a single point to (1, " + in + ")" : ""));
        }
        if (x.dtype() != weight.dtype()) {
            throw new IllegalArgumentException(
                    "Linear(" + in + " → " + out + ") is " + weight.dtype() + " but the input " + Shapes.str(s) + " is "
                            + x.dtype() + "; convert with x.to(DType." + weight.dtype() + ")");
        }
        return x.linear(weight, bias);
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    /**
     * The weight {@code (in, out)}.
     *
     * @return the trainable leaf W, registered as {@code "weight"}
     */
    public Var weight() {
        return weight;
    }

    /**
     * The bias {@code (out)}.
     *
     * @return the trainable leaf b, registered as {@code "bias"}
     */
    public Var bias() {
        return bias;
    }

    /**
     * Input width.
     *
     * @return in: the last size an input must have
     */
    public int inFeatures() {
        return in;
    }

    /**
     * Output width.
     *
     * @return out: the last size of the output
     */
    public int outFeatures() {
        return out;
    }

    @Override
    public String toString() {
        return "Linear(" + in + " → " + out + ", " + weight.dtype() + ")";
    }
}
