package dev.mollify.mollifier;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Module;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's derivative layer: given a field ĝ sampled on a grid (a network's output), returns the
 * mollified field û = ĝ ∗ η_δ and any requested derivatives ĝ ∗ ∂^α η_δ (u_t, u_x, u_xx, u_xxxx, the
 * Laplacian, the biharmonic, mixed terms) by convolution with tensor-product kernels — no
 * differentiation of the network with respect to its inputs. δ (physical units) is one width for every
 * axis ({@link Builder#width}) or one per axis ({@link Builder#widths}, for grids whose axes have
 * different scales, e.g. t and x), fixed or learnable through θ (δ = softplus(θ) or exp(θ), one θ per
 * width). A per-axis kernel is the tensor product Π_a η_{δ_a}(x_a) of the 1-D profiles.
 *
 * <p>Every output has the same shape: all kernels on one axis share the half-width M + p_max, where
 * p_max = ⌈k_max/2⌉ for the highest order requested on that axis. With {@link Boundary#EXTENDED} (the
 * default, the unbiased choice of docs/math.md, "Boundaries") or {@link Boundary#VALID} the outputs lose M + p_max cells on
 * each side of every axis; the padding modes keep the input's size.
 *
 * <pre>{@code
 * MollifiedDerivatives md = MollifiedDerivatives.builder(KernelFamily.bump(), new double[] {h}, new int[] {12})
 *         .width(0.1).build();
 * DifferentialOperator uxx = DifferentialOperator.of(2);
 * Map<DifferentialOperator, Var> out = md.compute(g, DifferentialOperator.value(1), uxx);   // g: (B, C, N)
 * }</pre>
 */
public final class MollifiedDerivatives implements Module {
    private final KernelFamily family;
    private final double[] spacing;
    private final int[] halfWidth;
    private final Boundary boundary;
    private final Width width;
    private final DerivativeKernels.Method method;
    private final Var[] theta; // one θ shared by every axis, or one per axis
    private final Parameters params = new Parameters();

    private MollifiedDerivatives(Builder b) {
        this.family = b.family;
        this.spacing = b.spacing.clone();
        this.halfWidth = b.halfWidth.clone();
        this.boundary = b.boundary;
        this.width = b.widthParam;
        this.method = b.method;
        double[] delta0 = b.perAxis != null ? b.perAxis : new double[] {b.delta0};
        if (delta0.length != 1 && delta0.length != spacing.length) {
            throw new IllegalArgumentException("widths(...) got " + delta0.length + " widths for " + spacing.length
                    + " axes: give one δ per axis, slowest first, or one shared δ with width(δ)");
        }
        for (int a = 0; a < spacing.length; a++) {
            try {
                Window.line(spacing[a], halfWidth[a]).checkWidth(delta0[delta0.length == 1 ? 0 : a]);
            } catch (IllegalArgumentException e) {
                throw delta0.length == 1 ? e : new IllegalArgumentException("axis " + a + ": " + e.getMessage(), e);
            }
        }
        if (b.learnable && !DerivativeKernels.differences(method)) {
            throw new IllegalArgumentException(
                    "a learnable width needs Method.DIFFERENCES or SIXTH_ORDER_DIFFERENCES (analytic kernels have no width gradient here)");
        }
        this.theta = new Var[delta0.length];
        for (int i = 0; i < delta0.length; i++) {
            Var t = width.parameter(delta0[i]);
            theta[i] = b.learnable ? t : Var.constant(t.value());
            if (b.learnable) params.add(delta0.length == 1 ? "theta" : "theta" + i, theta[i]);
        }
    }

    /**
     * A builder for a grid with spacing {@code h[a]} and window half-width {@code M[a]} taps per
     * axis, slowest axis first.
     *
     * @param family the profile φ
     * @param spacing h per spatial axis, slowest first (physical units; t counts as an axis); copied
     * @param halfWidth the window's half-width M per axis, in taps, before the stencil's ⌈k/2⌉; copied
     * @return a builder; a width must still be set
     * @throws IllegalArgumentException when the two arrays differ in length
     */
    public static Builder builder(KernelFamily family, double[] spacing, int[] halfWidth) {
        return new Builder(family, spacing, halfWidth);
    }

    /**
     * The current width δ.
     *
     * @return δ(θ) in physical units
     * @throws IllegalStateException when the layer has one width per axis: use {@link #deltas()}
     */
    public double delta() {
        return width.delta(sharedTheta().detach()).item();
    }

    /**
     * The shared width as a differentiable value (see {@link #deltaVar(int)} for per-axis widths).
     *
     * @return δ(θ), a scalar Var (a constant when the width is not learnable)
     * @throws IllegalStateException when the layer has one width per axis
     */
    public Var deltaVar() {
        return width.delta(sharedTheta());
    }

    /**
     * Whether each axis has its own width.
     *
     * @return true after {@link Builder#widths} on a grid of two or more axes
     */
    public boolean perAxisWidths() {
        return theta.length > 1;
    }

    /**
     * The current width of every axis.
     *
     * @return δ_a per axis, slowest first, in physical units (all equal for a shared width)
     */
    public double[] deltas() {
        double[] out = new double[spacing.length];
        for (int a = 0; a < out.length; a++)
            out[a] = width.delta(thetaOf(a).detach()).item();
        return out;
    }

    /**
     * The width of one axis as a differentiable value (the shared one when there is one).
     *
     * @param axis the spatial axis, 0-based, slowest first
     * @return δ_a(θ_a), a scalar Var
     * @throws IllegalArgumentException when the axis is out of range
     */
    public Var deltaVar(int axis) {
        if (axis < 0 || axis >= spacing.length)
            throw new IllegalArgumentException(
                    "axis " + axis + " out of range: the layer has " + spacing.length + " axes");
        return width.delta(thetaOf(axis));
    }

    private Var thetaOf(int axis) {
        return theta.length == 1 ? theta[0] : theta[axis];
    }

    private Var sharedTheta() {
        if (theta.length > 1)
            throw new IllegalStateException(
                    "this layer has one width per axis: read them with deltas() or deltaVar(axis)");
        return theta[0];
    }

    /** û only. */
    @Override
    public Var forward(Var g) {
        DifferentialOperator u = DifferentialOperator.value(spacing.length);
        return compute(g, u).get(u);
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    /**
     * The mollified field's derivatives ĝ ∗ ∂^α η_δ (docs/math.md, "Derivatives by convolution"), each a
     * sum of separable 1-D passes; shared passes (same orders on the leading axes) are computed once.
     *
     * @param g the field ĝ, (B, C, …) with one spatial axis per spacing, F32 or F64
     * @param requests the operators wanted, each with as many axes as the field
     * @return one output per request, in request order, all of the same shape: g's, or smaller by
     *     M + p_max on each side of every axis for {@link Boundary#EXTENDED} and {@link Boundary#VALID}
     * @throws IllegalArgumentException when g's rank or a request's number of axes does not match the grid,
     *     or the field is too short for the kernels
     */
    public Map<DifferentialOperator, Var> compute(Var g, DifferentialOperator... requests) {
        return computeAligned(g, new DifferentialOperator[0], requests);
    }

    /**
     * As {@link #compute}, with the outputs cut to the shape that a call requesting {@code alignWith}
     * as well would give (the half-width on each axis is set by the highest order of both sets), so
     * that outputs of separate calls line up cell for cell. Only {@code requests} are computed.
     *
     * @param g the field ĝ, (B, C, …) with one spatial axis per spacing
     * @param alignWith operators whose kernels' half-widths the outputs must match; not computed
     * @param requests the operators wanted
     * @return one output per request, in request order, all of one shape
     * @throws IllegalArgumentException when g's rank or an operator's number of axes does not match the
     *     grid, or the field is too short for the kernels
     */
    public Map<DifferentialOperator, Var> computeAligned(
            Var g, DifferentialOperator[] alignWith, DifferentialOperator... requests) {
        int d = spacing.length;
        if (g.shape().length != d + 2) {
            throw new IllegalArgumentException(
                    "expected a field (B, C, …) with " + d + " spatial axes, got " + Arrays.toString(g.shape()));
        }
        int[] pmax = new int[d];
        for (DifferentialOperator[] set : List.of(alignWith, requests)) {
            for (DifferentialOperator r : set) {
                if (r.dims() != d)
                    throw new IllegalArgumentException(r + " has " + r.dims() + " axes, the field has " + d);
                for (int a = 0; a < d; a++)
                    pmax[a] = Math.max(pmax[a], DerivativeKernels.stencilHalfWidth(r.maxOrder(a), method));
            }
        }
        Var[] delta = new Var[d];
        if (theta.length == 1) Arrays.fill(delta, deltaVar());
        else for (int a = 0; a < d; a++) delta[a] = deltaVar(a);
        Map<String, Var> kernels = new HashMap<>();
        Map<String, Var> passes = new HashMap<>();
        Map<DifferentialOperator, Var> out = new LinkedHashMap<>();
        for (DifferentialOperator r : requests) {
            Var sum = null;
            for (DifferentialOperator.Term t : r.terms()) {
                Var y = pass(g, t.orders(), d, delta, pmax, kernels, passes);
                Var term = t.coefficient() == 1.0 ? y : y.mul(t.coefficient());
                sum = sum == null ? term : sum.add(term);
            }
            out.put(r, sum);
        }
        return out;
    }

    /** ĝ with the 1-D passes for orders[0..d) applied, memoised by prefix. */
    private Var pass(
            Var g,
            List<Integer> orders,
            int upTo,
            Var[] delta,
            int[] pmax,
            Map<String, Var> kernels,
            Map<String, Var> passes) {
        if (upTo == 0) return g;
        String key = orders.subList(0, upTo).toString();
        Var done = passes.get(key);
        if (done != null) return done;
        int a = upTo - 1;
        Var prev = pass(g, orders, a, delta, pmax, kernels, passes);
        Var k = kernels.computeIfAbsent(a + ":" + orders.get(a), s -> kernel(delta[a], a, orders.get(a), pmax[a]));
        Var y = MollifierConv.applyAlong(prev, k, a, boundary);
        passes.put(key, y);
        return y;
    }

    /** The 1-D kernel of order k on axis a, half-width M + extra. */
    Var kernel(Var delta, int axis, int order, int extra) {
        Window w = Window.line(spacing[axis], halfWidth[axis]);
        if (DerivativeKernels.differences(method)) {
            return DerivativeKernels.differences(
                    SampledKernel.weights(delta, family, w), order, spacing[axis], extra, method);
        }
        double[] taps = DerivativeKernels.kernel(family, w, delta.item(), order, method);
        double[] padded = new double[2 * (halfWidth[axis] + extra) + 1];
        System.arraycopy(taps, 0, padded, (padded.length - taps.length) / 2, taps.length);
        return Var.constant(Tensor.of(padded, padded.length));
    }

    /** Options for {@link MollifiedDerivatives}. */
    public static final class Builder {
        private final KernelFamily family;
        private final double[] spacing;
        private final int[] halfWidth;
        private double delta0 = Double.NaN;
        private double[] perAxis;
        private boolean learnable;
        private Boundary boundary = Boundary.EXTENDED;
        private Width widthParam = Width.SOFTPLUS;
        private DerivativeKernels.Method method = DerivativeKernels.Method.DIFFERENCES;

        private Builder(KernelFamily family, double[] spacing, int[] halfWidth) {
            if (spacing.length != halfWidth.length)
                throw new IllegalArgumentException("one spacing and one half-width per axis");
            this.family = family;
            this.spacing = spacing.clone();
            this.halfWidth = halfWidth.clone();
        }

        /**
         * Sets one width for every axis (this or {@link #widths} is required).
         *
         * @param delta0 δ in physical units, checked against every axis's spacing and window by
         *     {@link #build()}
         * @return this builder
         */
        public Builder width(double delta0) {
            this.delta0 = delta0;
            this.perAxis = null;
            return this;
        }

        /**
         * One δ per axis in physical units, slowest axis first (each checked against its own spacing and
         * window); when learnable, each axis gets its own θ (parameters {@code theta0}, {@code theta1}, …).
         *
         * @param perAxis δ_a per axis, slowest first, in physical units; copied
         * @return this builder
         * @throws IllegalArgumentException when there is not one width per axis
         */
        public Builder widths(double... perAxis) {
            if (perAxis.length != spacing.length) {
                throw new IllegalArgumentException("widths(...) got " + perAxis.length + " widths for " + spacing.length
                        + " axes: give one δ per axis, slowest first");
            }
            this.perAxis = perAxis.clone();
            this.delta0 = Double.NaN;
            return this;
        }

        /**
         * Sets whether the widths are trained.
         *
         * @param on true to register θ as parameters (needs {@link DerivativeKernels.Method#DIFFERENCES}),
         *     false (the default) for fixed widths
         * @return this builder
         */
        public Builder learnable(boolean on) {
            this.learnable = on;
            return this;
        }

        /**
         * Sets how the convolutions treat the edge of the field.
         *
         * @param b the boundary mode (default {@link Boundary#EXTENDED}: the caller evaluated ĝ on a grid
         *     extended by the halo)
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
         * How the derivative kernels are made (default
         * {@link DerivativeKernels.Method#DIFFERENCES}; a learnable width needs it).
         *
         * @param m the method
         * @return this builder
         */
        public Builder method(DerivativeKernels.Method m) {
            this.method = m;
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer with these settings
         * @throws IllegalArgumentException when no width was set, a width is degenerate for its axis's
         *     window (see {@link Window#checkWidth}), or a learnable width is combined with an analytic method
         */
        public MollifiedDerivatives build() {
            if (Double.isNaN(delta0) && perAxis == null) {
                throw new IllegalArgumentException(
                        "set the width δ (physical units) with width(δ), or one per axis with widths(δ0, δ1, …)");
            }
            return new MollifiedDerivatives(this);
        }
    }
}
