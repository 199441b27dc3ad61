package dev.mollify.autograd.nn;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Shapes;
import dev.mollify.tensor.Tensor;

/**
 * Random Fourier feature embedding (Tancik et al. 2020, "Fourier features let networks learn high
 * frequency functions in low dimensional domains"):
 *
 * <pre>
 *   γ(x) = [ cos(2π x·B), sin(2π x·B) ]      x: (N, in)  →  γ(x): (N, 2m)
 * </pre>
 *
 * where {@code B} is a fixed {@code (in, m)} matrix with entries drawn from N(0, σ²). Columns
 * {@code 0 … m−1} of the output are the cosines, {@code m … 2m−1} the sines. {@code B} is not trained
 * and is not among the {@link #parameters()}: it is a function of the seed, so rebuilding a model
 * with the same settings and seed reproduces it (save {@link #matrix()} yourself if you need it in a
 * file). σ sets the frequency scale: small σ gives smooth fits, large σ lets the network fit high
 * frequencies (and noise).
 */
public final class FourierFeatures implements Module {
    private final int in;
    private final int m;
    private final double sigma;
    private final Tensor b;
    private final Var twoPiB;

    /**
     * Draws {@code B ~ N(0, σ²)} of shape {@code (in, m)} from {@code rng} (row-major order).
     *
     * @param in the input width, &gt; 0
     * @param m the number of frequencies, &gt; 0 (the output width is 2m)
     * @param sigma the standard deviation σ of B's entries, finite and &gt; 0
     * @param rng the generator B is drawn from
     * @param dtype the element type of B and of the output
     * @throws IllegalArgumentException when an argument is out of range
     */
    public FourierFeatures(int in, int m, double sigma, Rng rng, DType dtype) {
        if (in <= 0 || m <= 0) {
            throw new IllegalArgumentException("FourierFeatures needs in > 0 and m > 0, got in=" + in + ", m=" + m);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("FourierFeatures needs a finite σ > 0, got " + sigma);
        }
        this.in = in;
        this.m = m;
        this.sigma = sigma;
        Tensor raw = Tensor.randn(rng, in, m).mul(sigma);
        this.b = raw.to(dtype);
        this.twoPiB = Var.constant(raw.mul(2.0 * Math.PI).to(dtype));
    }

    @Override
    public Var forward(Var x) {
        int[] s = x.shape();
        if (s.length < 2 || s[s.length - 1] != in) {
            throw new IllegalArgumentException("FourierFeatures(" + in + " → " + 2 * m + ") expects input shape (N, "
                    + in + "), got " + Shapes.str(s));
        }
        if (x.dtype() != b.dtype()) {
            throw new IllegalArgumentException("FourierFeatures is " + b.dtype() + " but the input " + Shapes.str(s)
                    + " is " + x.dtype() + "; convert with x.to(DType." + b.dtype() + ")");
        }
        Var phase = x.matmul(twoPiB);
        return Var.concat(s.length - 1, phase.cos(), phase.sin());
    }

    /** No trainable parameters: an empty registry. */
    @Override
    public Parameters parameters() {
        return new Parameters();
    }

    /**
     * The matrix {@code B} (in, m), without the 2π factor.
     *
     * @return B, shape (in, m), fixed (not trained)
     */
    public Tensor matrix() {
        return b;
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
     * Output width, {@code 2m}.
     *
     * @return 2m
     */
    public int outFeatures() {
        return 2 * m;
    }

    /**
     * The standard deviation σ of B's entries.
     *
     * @return σ as given to the constructor
     */
    public double sigma() {
        return sigma;
    }
}
