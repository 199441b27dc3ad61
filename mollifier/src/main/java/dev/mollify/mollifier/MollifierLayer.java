package dev.mollify.mollifier;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Module;
import dev.mollify.autograd.nn.Parameters;
import java.util.Arrays;

/**
 * Smoothing with a learnable width: y = x ∗ η_δ on a grid, with a fixed window of taps and the width
 * δ (physical units) learned through θ, δ = exp(θ) or softplus(θ). Works for (B, C, N), (B, C, H, W)
 * and (B, C, D, H, W) fields, every {@link Boundary}, tensor-product (separable, one 1-D pass per axis)
 * or radial kernels. Drop it in front of any model.
 *
 * <p>"Done right" means: the window (number of taps) is fixed, so the graph has the same shape for
 * every δ; δ lives in physical units, so changing the grid does not change its meaning; the width
 * gradient is the analytic formula (docs/math.md, "Width gradient"); a δ that leaves the valid range (see {@link Window#checkWidth})
 * is reported, never silently clamped or turned into NaN.
 *
 * <pre>{@code
 * MollifierLayer smooth = MollifierLayer.builder(KernelFamily.bump(), 0.01, 12).width(0.08).learnable(true)
 *         .boundary(Boundary.REFLECT).build();
 * Var y = smooth.forward(x);        // x: (B, C, N)
 * }</pre>
 */
public final class MollifierLayer implements Module {
    private final KernelFamily family;
    private final double[] spacing;
    private final int[] halfWidth;
    private final boolean radial;
    private final Boundary boundary;
    private final Width width;
    private final Var theta;
    private final Parameters params = new Parameters();

    private MollifierLayer(Builder b) {
        this.family = b.family;
        this.spacing = b.spacing.clone();
        this.halfWidth = b.halfWidth.clone();
        this.radial = b.radial;
        this.boundary = b.boundary;
        this.width = b.widthParam;
        for (Window w : windows()) w.checkWidth(b.delta0);
        Var t = width.parameter(b.delta0);
        this.theta = b.learnable ? t : Var.constant(t.value());
        if (b.learnable) params.add("theta", theta);
    }

    /**
     * A builder for a layer over one spatial axis, for fields of shape (B, C, N).
     *
     * @param family the profile φ
     * @param h the grid spacing, positive (physical units: the units of δ)
     * @param halfWidth the window's half-width M, in taps; fixed for the layer's life, so δ can grow to
     *     M·h at most
     * @return a builder with the defaults listed on its options
     */
    public static Builder builder(KernelFamily family, double h, int halfWidth) {
        return new Builder(family, new double[] {h}, new int[] {halfWidth});
    }

    /**
     * A builder for a layer over {@code spacing.length} spatial axes, for fields of shape (B, C, N),
     * (B, C, H, W) or (B, C, D, H, W).
     *
     * @param family the profile φ
     * @param spacing the grid spacing h per spatial axis, slowest first (physical units); copied
     * @param halfWidth the window's half-width M per axis, in taps; copied
     * @return a builder with the defaults listed on its options
     */
    public static Builder builder(KernelFamily family, double[] spacing, int[] halfWidth) {
        return new Builder(family, spacing, halfWidth);
    }

    private Window[] windows() {
        if (radial) return new Window[] {new Window(spacing, halfWidth)};
        Window[] w = new Window[spacing.length];
        for (int a = 0; a < w.length; a++) w[a] = Window.line(spacing[a], halfWidth[a]);
        return w;
    }

    /**
     * The current width.
     *
     * @return δ(θ) in physical units
     */
    public double delta() {
        return width.delta(theta.detach()).item();
    }

    /**
     * The width as a differentiable value, for regularisers and logging of its gradient.
     *
     * @return δ(θ), a scalar Var depending on θ (a constant when the width is not learnable)
     */
    public Var deltaVar() {
        return width.delta(theta);
    }

    @Override
    public Var forward(Var x) {
        int d = spacing.length;
        if (x.shape().length != d + 2) {
            throw new IllegalArgumentException("MollifierLayer over " + d + " spatial axes expects (B, C, …) with " + d
                    + " spatial axes, got " + Arrays.toString(x.shape()));
        }
        Var delta = deltaVar();
        if (radial)
            return MollifierConv.apply(
                    x, SampledKernel.weights(delta, family, new Window(spacing, halfWidth)), boundary);
        // one 1-D pass per axis (as MollifierConv.applySeparable); the last one as a primitive in (x, δ)
        double value = delta.value().toDoubleArray()[0];
        Var y = x;
        for (int a = 0; a < d; a++) {
            y = MollifierConv.applyWidth(
                    y, delta, SampledKernel.sample(family, Window.line(spacing[a], halfWidth[a]), value), a, boundary);
        }
        return y;
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    /** Options for {@link MollifierLayer}. */
    public static final class Builder {
        private final KernelFamily family;
        private double[] spacing;
        private int[] halfWidth;
        private double delta0 = Double.NaN;
        private boolean learnable = true;
        private boolean radial;
        private Boundary boundary = Boundary.REFLECT;
        private Width widthParam = Width.SOFTPLUS;

        private Builder(KernelFamily family, double[] spacing, int[] halfWidth) {
            this.family = family;
            this.spacing = spacing.clone();
            this.halfWidth = halfWidth.clone();
        }

        /**
         * Sets the initial width.
         *
         * @param delta0 δ₀ in physical units (default: 0.75·min_a M_a·h_a, three quarters of the window);
         *     checked against every window by {@link #build()}
         * @return this builder
         */
        public Builder width(double delta0) {
            this.delta0 = delta0;
            return this;
        }

        /**
         * Sets whether the width is trained.
         *
         * @param on true (the default) to register θ as the parameter {@code theta}, false to keep δ fixed
         * @return this builder
         */
        public Builder learnable(boolean on) {
            this.learnable = on;
            return this;
        }
        /**
         * Sets the kernel's shape over several axes.
         *
         * @param on true for the radial kernel φ(|x|/δ) on one several-axis window, false (the default)
         *     for the tensor product Π_a η_δ(x_a), applied as one 1-D pass per axis
         * @return this builder
         */
        public Builder radial(boolean on) {
            this.radial = on;
            return this;
        }

        /**
         * Sets how the convolution treats the edge of the field.
         *
         * @param b the boundary mode (default {@link Boundary#REFLECT}, which keeps the field's size)
         * @return this builder
         */
        public Builder boundary(Boundary b) {
            this.boundary = b;
            return this;
        }

        /**
         * Sets how δ is made positive from θ.
         *
         * @param w the map θ → δ (default {@link Width#SOFTPLUS})
         * @return this builder
         */
        public Builder parametrisation(Width w) {
            this.widthParam = w;
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer with these settings
         * @throws IllegalArgumentException when the spacings or half-widths are invalid for a window, or
         *     δ₀ is degenerate for one (see {@link Window#checkWidth})
         */
        public MollifierLayer build() {
            if (Double.isNaN(delta0)) {
                double m = Double.POSITIVE_INFINITY;
                for (int a = 0; a < spacing.length; a++) m = Math.min(m, spacing[a] * halfWidth[a]);
                delta0 = 0.75 * m;
            }
            return new MollifierLayer(this);
        }
    }
}
