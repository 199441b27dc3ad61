package dev.mollify.autograd.nn;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A multilayer perceptron: optional {@link FourierFeatures}, then {@link Linear} layers with an
 * {@link Activation} between them (none after the last).
 *
 * <pre>
 *   Mlp net = Mlp.builder().inputs(2).hidden(50, 50, 50).outputs(1)
 *           .activation(Activation.TANH).init(Init.GLOROT_NORMAL)
 *           .fourierFeatures(64, 1.0)   // optional
 *           .seed(42).dtype(DType.F64).build();
 *   Var u = net.forward(x);             // x: (N, 2) → u: (N, 1)
 * </pre>
 *
 * <p>Parameters are named {@code "layers.<i>.weight"} ({@code (in, out)}, see {@link Linear}) and
 * {@code "layers.<i>.bias"}, {@code i = 0 … hidden.length}. The seed fixes everything: the root
 * {@link Rng} is split once for the Fourier matrix and once for the layers, so adding Fourier features
 * changes only the first layer's width, not the stream the other layers draw from.
 */
public final class Mlp implements Module {
    private final FourierFeatures fourier;
    private final List<Linear> layers;
    private final Activation activation;
    private final Parameters parameters;

    private Mlp(Builder b) {
        Rng root = new Rng(b.seed);
        Rng fourierRng = root.split();
        Rng layerRng = root.split();
        int width = b.inputs;
        if (b.fourierM > 0) {
            fourier = new FourierFeatures(b.inputs, b.fourierM, b.fourierSigma, fourierRng, b.dtype);
            width = fourier.outFeatures();
        } else {
            fourier = null;
        }
        List<Linear> ls = new ArrayList<>();
        int[] widths = new int[b.hidden.length + 1];
        System.arraycopy(b.hidden, 0, widths, 0, b.hidden.length);
        widths[b.hidden.length] = b.outputs;
        parameters = new Parameters();
        for (int i = 0; i < widths.length; i++) {
            Linear l = new Linear(width, widths[i], b.init, layerRng, b.dtype);
            l.weight().named("layers." + i + ".weight");
            l.bias().named("layers." + i + ".bias");
            parameters.add("layers." + i, l.parameters());
            ls.add(l);
            width = widths[i];
        }
        layers = Collections.unmodifiableList(ls);
        activation = b.activation;
    }

    /**
     * A builder with defaults: no hidden layers, TANH, GLOROT_NORMAL, seed 0, F64, no Fourier features.
     *
     * @return a new builder; set at least inputs and outputs
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code x} of shape {@code (N, inputs)} → {@code (N, outputs)}. */
    @Override
    public Var forward(Var x) {
        Var h = fourier != null ? fourier.forward(x) : x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h);
            if (i < layers.size() - 1) h = activation.apply(h);
        }
        return h;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    /**
     * The affine layers, first to last (read-only).
     *
     * @return hidden.length + 1 layers; layer i maps width i to width i+1
     */
    public List<Linear> layers() {
        return layers;
    }

    /**
     * The Fourier embedding, or null when none was configured.
     *
     * @return the embedding applied before the first layer, or null
     */
    public FourierFeatures fourierFeatures() {
        return fourier;
    }

    /**
     * The activation between layers.
     *
     * @return the activation applied after every layer but the last
     */
    public Activation activation() {
        return activation;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Mlp(");
        if (fourier != null)
            sb.append("fourier ")
                    .append(fourier.inFeatures())
                    .append("→")
                    .append(fourier.outFeatures())
                    .append(", ");
        sb.append(layers.get(0).inFeatures());
        for (Linear l : layers) sb.append(" → ").append(l.outFeatures());
        return sb.append(", ")
                .append(activation)
                .append(", ")
                .append(parameters.numel())
                .append(" parameters)")
                .toString();
    }

    /** Settings for an {@link Mlp}; every setter returns this builder. */
    public static final class Builder {
        private int inputs = -1;
        private int outputs = -1;
        private int[] hidden = new int[0];
        private Activation activation = Activation.TANH;
        private Init init = Init.GLOROT_NORMAL;
        private int fourierM = 0;
        private double fourierSigma = 1.0;
        private long seed = 0;
        private DType dtype = DType.F64;

        private Builder() {}

        /**
         * Input width (required).
         *
         * @param n the input width, &gt; 0 (checked by {@link #build()})
         * @return this builder
         */
        public Builder inputs(int n) {
            inputs = n;
            return this;
        }

        /**
         * Hidden layer widths, first to last.
         *
         * @param widths one width per hidden layer, each &gt; 0 (checked by {@link #build()}); none for a single affine map
         * @return this builder
         */
        public Builder hidden(int... widths) {
            hidden = widths.clone();
            return this;
        }

        /**
         * Output width (required).
         *
         * @param n the output width, &gt; 0 (checked by {@link #build()})
         * @return this builder
         */
        public Builder outputs(int n) {
            outputs = n;
            return this;
        }

        /**
         * Activation between layers (default TANH).
         *
         * @param a the activation; not null
         * @return this builder
         * @throws IllegalArgumentException when a is null
         */
        public Builder activation(Activation a) {
            if (a == null) throw new IllegalArgumentException("activation is null");
            activation = a;
            return this;
        }

        /**
         * Weight initialisation (default GLOROT_NORMAL); biases start at zero.
         *
         * @param i the weight distribution of every layer; not null
         * @return this builder
         * @throws IllegalArgumentException when i is null
         */
        public Builder init(Init i) {
            if (i == null) throw new IllegalArgumentException("init is null");
            init = i;
            return this;
        }

        /**
         * Adds a Fourier feature embedding with {@code m} frequencies drawn from N(0, σ²) (see {@link FourierFeatures}).
         *
         * @param m the number of frequencies, &gt; 0; the first layer then takes 2m inputs
         * @param sigma the standard deviation σ of the frequencies, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when m ≤ 0 or σ is not finite and positive
         */
        public Builder fourierFeatures(int m, double sigma) {
            if (m <= 0) throw new IllegalArgumentException("fourierFeatures needs m > 0, got " + m);
            if (!(sigma > 0) || !Double.isFinite(sigma))
                throw new IllegalArgumentException("fourierFeatures needs a finite σ > 0, got " + sigma);
            fourierM = m;
            fourierSigma = sigma;
            return this;
        }

        /**
         * Seed of all random draws (default 0).
         *
         * @param s the seed; equal seeds give equal initial parameters
         * @return this builder
         */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /**
         * Element type of the parameters (default F64).
         *
         * @param d the element type; not null
         * @return this builder
         * @throws IllegalArgumentException when d is null
         */
        public Builder dtype(DType d) {
            if (d == null) throw new IllegalArgumentException("dtype is null");
            dtype = d;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return a new network with freshly drawn weights and zero biases
         * @throws IllegalStateException when inputs or outputs is unset or a width is not positive
         */
        public Mlp build() {
            if (inputs <= 0) throw new IllegalStateException("Mlp needs inputs(n) with n > 0, got " + inputs);
            if (outputs <= 0) throw new IllegalStateException("Mlp needs outputs(n) with n > 0, got " + outputs);
            for (int i = 0; i < hidden.length; i++) {
                if (hidden[i] <= 0)
                    throw new IllegalStateException(
                            "hidden layer " + i + " has width " + hidden[i] + "; widths must be > 0");
            }
            return new Mlp(this);
        }
    }
}
