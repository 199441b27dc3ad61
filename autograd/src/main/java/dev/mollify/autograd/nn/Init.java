package dev.mollify.autograd.nn;

import dev.mollify.tensor.DType;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;

/**
 * Weight initialisation for a layer with {@code fanIn} inputs and {@code fanOut} outputs. Samples are
 * drawn in F64 from the given {@link Rng} in row-major order, then converted to the requested dtype,
 * so a seed fixes the weights bit for bit.
 *
 * <table>
 *   <caption>distributions</caption>
 *   <tr><th>strategy</th><th>distribution</th><th>variance</th></tr>
 *   <tr><td>{@link #GLOROT_UNIFORM}</td><td>U(−a, a), a = √(6/(fanIn+fanOut))</td><td>2/(fanIn+fanOut)</td></tr>
 *   <tr><td>{@link #GLOROT_NORMAL}</td><td>N(0, σ²), σ = √(2/(fanIn+fanOut))</td><td>2/(fanIn+fanOut)</td></tr>
 *   <tr><td>{@link #HE_UNIFORM}</td><td>U(−a, a), a = √(6/fanIn)</td><td>2/fanIn</td></tr>
 *   <tr><td>{@link #HE_NORMAL}</td><td>N(0, σ²), σ = √(2/fanIn)</td><td>2/fanIn</td></tr>
 *   <tr><td>{@link #ZEROS}</td><td>0</td><td>0</td></tr>
 * </table>
 *
 * Glorot (Xavier) keeps the variance of activations and gradients roughly constant through tanh/sin
 * layers (Glorot &amp; Bengio 2010) and is the usual choice for PINNs; He (Kaiming) suits ReLU-like
 * activations (He et al. 2015).
 */
public enum Init {
    /** Glorot (Xavier) uniform: U(−a, a), a = √(6/(fanIn+fanOut)). */
    GLOROT_UNIFORM,
    /** Glorot (Xavier) normal: N(0, σ²), σ = √(2/(fanIn+fanOut)). */
    GLOROT_NORMAL,
    /** He (Kaiming) uniform: U(−a, a), a = √(6/fanIn). */
    HE_UNIFORM,
    /** He (Kaiming) normal: N(0, σ²), σ = √(2/fanIn). */
    HE_NORMAL,
    /** All zeros. */
    ZEROS;

    /**
     * The variance of one sample.
     *
     * @param fanIn the number of inputs of the layer, &gt; 0
     * @param fanOut the number of outputs of the layer, &gt; 0
     * @return 2/(fanIn + fanOut) for Glorot, 2/fanIn for He, 0 for ZEROS
     */
    public double variance(int fanIn, int fanOut) {
        switch (this) {
            case GLOROT_UNIFORM:
            case GLOROT_NORMAL:
                return 2.0 / (fanIn + fanOut);
            case HE_UNIFORM:
            case HE_NORMAL:
                return 2.0 / fanIn;
            case ZEROS:
                return 0.0;
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * A tensor of {@code shape} sampled for a layer of the given fans.
     *
     * @param rng the generator the samples are drawn from, in row-major order
     * @param fanIn the number of inputs of the layer, &gt; 0
     * @param fanOut the number of outputs of the layer, &gt; 0
     * @param dtype the element type of the result
     * @param shape the sizes per axis, e.g. (fanIn, fanOut) for a weight matrix
     * @return a new tensor of samples with {@link #variance} per element
     * @throws IllegalArgumentException when a fan is not positive
     */
    public Tensor sample(Rng rng, int fanIn, int fanOut, DType dtype, int... shape) {
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException(
                    this + " needs positive fans, got fanIn=" + fanIn + ", fanOut=" + fanOut);
        }
        double var = variance(fanIn, fanOut);
        Tensor t;
        switch (this) {
            case GLOROT_UNIFORM:
            case HE_UNIFORM: {
                double a = Math.sqrt(3.0 * var); // U(−a, a) has variance a²/3
                t = Tensor.uniform(rng, -a, a, shape);
                break;
            }
            case GLOROT_NORMAL:
            case HE_NORMAL:
                t = Tensor.randn(rng, shape).mul(Math.sqrt(var));
                break;
            case ZEROS:
                t = Tensor.zeros(shape);
                break;
            default:
                throw new AssertionError(this);
        }
        return t.to(dtype);
    }
}
