package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.mollifier.DifferentialOperator;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifiedDerivatives;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.FluxProducts;
import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The paper's route (docs/math.md, "Derivatives by convolution" and "Boundaries"). The network is evaluated on the collocation grid
 * extended by a halo of M_a + p_a cells per axis (M_a = ⌈δ_max/h_a⌉ the kernel's half-width, p_a the
 * growth of the highest difference stencil on that axis); {@link MollifiedDerivatives} with the
 * {@link Boundary#EXTENDED} boundary returns û = ĝ∗η_δ and each required derivative ĝ∗∂^α η_δ on the
 * original grid. The residual and the data loss are both written on û, never on the raw output ĝ;
 * backprop is first order through linear convolutions.
 *
 * <p><b>Flux form</b> (default, {@link Builder#fluxForm}): an advection product {@code c·u·u_x}
 * ({@link FluxProducts}) is tested against the kernel as ½(ĝ²)∗∂_x η instead of û·û_x. The two differ
 * by the commutator (u·u_x)∗η − û·û_x, which is ~jump²/δ across a steep front and acts as extra
 * viscosity (on exact Burgers data at ν = 0.01/π it biases least-squares λ₂ by 70–400 %; the flux form
 * by 0.2–3 %, {@code FluxFormTest}, pde/README.md). With a divergence-free velocity w among the equations
 * ({@code u_x + v_y = 0}), a whole advection sum {@code Σ_c w_c·b_c} is tested as {@code Σ_c (ĝ_w_c·ĝ_b)∗∂_c η}
 * (docs/math.md, "Flux form"). Every term is then the PDE applied to ĝ and tested
 * against η, so ĝ itself is the field: when the equation has a flux term the data loss is written on ĝ
 * (cropped to the grid), not on û; boundary and initial terms still compare û, what the residual's
 * value terms see. <b>Reaction terms</b> ({@link PdeSpec#reactionTerms()}) can be tested the same way
 * ({@link Builder#testReactions}): k·u·(1 − u) becomes W∗(k·g·(1 − g)), evaluated on the extended grid and
 * convolved with the kernel, instead of k·û·(1 − û) (docs/math.md, "Reaction terms"), and the data loss is then on
 * ĝ as well. By default measured values ({@link #bindValues}) are tested so and the network is not. Equations with
 * neither kind of term are unchanged. Unknown fields are the network's raw outputs
 * on the original grid. δ is one width for every axis ({@link DerivativeRoute#mollifier(double)}) or
 * one per named axis ({@link DerivativeRoute#mollifier(Map)}, {@link Builder#width(String, double)}:
 * a time axis and a space axis rarely share a scale; the kernel is then Π_a η_{δ_a}(x_a)). δ is fixed,
 * or learnable ({@link Builder#learnable}, one θ per axis when the widths are per axis) inside a window
 * that leaves room to grow ({@link Builder#maxWidth}).
 */
public final class MollifierRoute implements DerivativeRoute {
    private final double delta; // shared width, NaN when every axis is named
    private final Map<String, Double> axisWidths; // per-axis widths (override the shared one)
    private final boolean learnable;
    private final double maxWidth; // shared window bound, NaN for the default
    private final Map<String, Double> axisMaxWidths;
    private final KernelFamily family;
    private final boolean fluxForm;
    private final Boolean testReactions; // null: on measured values, off on the network
    private final DerivativeKernels.Method method;

    private MollifierRoute(Builder b) {
        this.delta = b.delta;
        this.axisWidths = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.axisWidths));
        this.learnable = b.learnable;
        this.maxWidth = b.maxWidth;
        this.axisMaxWidths = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.axisMaxWidths));
        this.family = b.family;
        this.fluxForm = b.fluxForm;
        this.testReactions = b.testReactions;
        this.method = b.method;
        if (learnable && !DerivativeKernels.differences(method)) {
            throw new IllegalArgumentException(
                    "a learnable δ needs difference derivative kernels (the analytic ones have no width gradient); "
                            + "drop .method(" + method + ") or .learnable(true)");
        }
        if (!Double.isNaN(delta) || axisWidths.isEmpty()) {
            double mw = Double.isNaN(maxWidth) ? (learnable ? 1.5 * delta : delta) : maxWidth;
            if (!(delta > 0) || mw < delta)
                throw new IllegalArgumentException("need 0 < δ ≤ maxWidth, got δ = " + delta + ", maxWidth = " + mw);
        }
        for (Map.Entry<String, Double> e : axisWidths.entrySet()) {
            if (!(e.getValue() > 0) || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException(
                        "width of axis '" + e.getKey() + "' must be > 0 and finite, got " + e.getValue());
            }
        }
    }

    static Builder builder(double delta) {
        return new Builder(delta);
    }

    static Builder builder(Map<String, Double> widths) {
        if (widths.isEmpty())
            throw new IllegalArgumentException("give at least one axis width, e.g. Map.of(\"t\", 0.05, \"x\", 0.2)");
        Builder b = new Builder(Double.NaN);
        widths.forEach(b::width);
        return b;
    }

    @Override
    public String name() {
        return "mollifier";
    }

    /**
     * The initial shared width δ.
     *
     * @return δ in the coordinates' units, or NaN when the route was built from per-axis widths only
     */
    public double width() {
        return delta;
    }

    /**
     * The initial per-axis widths by axis name.
     *
     * @return an unmodifiable map, axis name → δ_a; empty for a shared width
     */
    public Map<String, Double> axisWidths() {
        return axisWidths;
    }

    /** The initial width of each axis of {@code grid}, slowest first. */
    double[] widthsOn(Grid grid) {
        for (String name : axisWidths.keySet()) {
            if (grid.axisIndex(name) < 0) {
                throw new IllegalArgumentException("a width is given for axis '" + name + "', which the grid "
                        + grid.axisNames() + " does not have; name the grid's axes");
            }
        }
        double[] w = new double[grid.dims()];
        for (int a = 0; a < w.length; a++) {
            String name = grid.axisNames().get(a);
            w[a] = axisWidths.getOrDefault(name, delta);
            if (Double.isNaN(w[a])) {
                throw new IllegalArgumentException("no mollifier width for axis '" + name + "': add .width(\"" + name
                        + "\", δ) or give every axis of " + grid.axisNames() + " in mollifier(Map)");
            }
        }
        return w;
    }

    @Override
    public Prepared prepare(Pinn model, PdeSpec spec, Grid grid, Map<String, Observations> data) {
        return onGrid(model, model.fields(), spec, grid, GridSupport.dataOperators(grid, data), false);
    }

    /**
     * The route prepared on {@code grid}.
     *
     * @param measured true for measured values ({@link #bindValues}), false for the network
     */
    private OnGrid onGrid(
            Pinn model, List<String> fields, PdeSpec spec, Grid grid, Map<String, SparseMatrix> ops, boolean measured) {
        double[] widths = widthsOn(grid);
        int[] maxOrder = GridSupport.maxOrders(spec, grid);
        Window window = windowOn(grid, widths, maxOrder);
        boolean perAxis = !axisWidths.isEmpty();
        MollifiedDerivatives.Builder mb = MollifiedDerivatives.builder(family, grid.spacings(), window.taps())
                .learnable(learnable)
                .boundary(Boundary.EXTENDED)
                .method(method);
        MollifiedDerivatives md = (perAxis ? mb.widths(widths) : mb.width(delta)).build();
        Grid ext = grid.extend(window.halo());
        Map<String, FieldRequest> requests = requestsOf(fields, spec, grid, maxOrder, method);
        Set<FluxProducts.Term> fluxes = fluxForm ? spec.fluxTerms() : Set.of();
        boolean tested = measured ? !Boolean.FALSE.equals(testReactions) : Boolean.TRUE.equals(testReactions);
        DifferentialOperator reach =
                tested && !spec.reactionTerms().isEmpty() ? DifferentialOperator.of(maxOrder) : null;
        return new OnGrid(this, model, spec, grid, ext, md, window, requests, ops, fluxes, reach);
    }

    /**
     * The weak form applied to measured values instead of the network (docs/math.md, "The weak form on the data"):
     * each field's values on every node of {@code grid} (row-major, no gaps), extended into the halo by
     * repeating the edge values, bound as the route binds the network's output — u∗η, u∗∂^α η, in
     * flux form ½(u²)∗∂_x η, and unless {@link Builder#testReactions}(false) each reaction term as W∗(term on u)
     * — together with the coordinates. Only nodes whose kernel stays inside the
     * grid ({@link CoefficientEstimate#inside}) are free of the invented halo.
     *
     * @param spec the PDE whose required derivatives are bound
     * @param grid the grid the values were measured on
     * @param values field name → its values on every node of {@code grid}, row-major
     * @return bindings of the mollified values and derivatives on {@code grid}'s nodes, held constant, plus the
     *     coordinates the spec uses
     * @throws IllegalArgumentException when a field does not have one value per node, or a width is missing
     *     for an axis of the grid
     */
    public Bindings bindValues(PdeSpec spec, Grid grid, Map<String, double[]> values) {
        OnGrid g = onGrid(null, List.copyOf(values.keySet()), spec, grid, Map.of(), true);
        Bindings b = Bindings.create();
        Map<String, Var> extended = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            if (e.getValue().length != grid.size())
                throw new IllegalArgumentException("'" + e.getKey() + "' has " + e.getValue().length
                        + " values for a grid of " + grid.size() + " nodes");
            extended.put(e.getKey(), Var.constant(edgeExtended(e.getValue(), grid.shape(), g.window.halo())));
        }
        for (String f : extended.keySet()) g.bindField(b, f, extended);
        for (int a = 0; a < grid.dims(); a++) {
            String c = grid.axisNames().get(a);
            if (spec.coordinates().contains(c)) b.coordinate(c, Var.constant(grid.coordinate(a)));
        }
        g.bindReactions(b, extended);
        return b;
    }

    /**
     * Row-major {@code v} of {@code shape} extended by {@code halo[a]} cells on both ends of each axis, each new
     * cell the nearest edge value.
     */
    static Tensor edgeExtended(double[] v, int[] shape, int[] halo) {
        int d = shape.length;
        int[] big = new int[d];
        int n = 1;
        for (int a = 0; a < d; a++) n *= big[a] = shape[a] + 2 * halo[a];
        double[] out = new double[n];
        int[] idx = new int[d];
        for (int k = 0; k < n; k++) {
            int rest = k, src = 0;
            for (int a = d - 1; a >= 0; a--) {
                idx[a] = rest % big[a];
                rest /= big[a];
            }
            for (int a = 0; a < d; a++) src = src * shape[a] + Math.min(Math.max(idx[a] - halo[a], 0), shape[a] - 1);
            out[k] = v[src];
        }
        return Tensor.of(out, big);
    }

    /**
     * Per axis: the kernel's half-width M_a = ⌈δ_max/h_a⌉ taps (δ_max the axis's maxWidth) and the
     * halo M_a + p_a, p_a the half-width of the highest difference stencil on that axis.
     */
    private record Window(int[] taps, int[] halo) {}

    /** Each axis's window and halo on {@code grid}; rejects a maxWidth below the axis's width. */
    private Window windowOn(Grid grid, double[] widths, int[] maxOrder) {
        int d = grid.dims();
        double[] h = grid.spacings();
        int[] m = new int[d];
        int[] halo = new int[d];
        for (int a = 0; a < d; a++) {
            String name = grid.axisNames().get(a);
            double mw = axisMaxWidths.getOrDefault(
                    name, Double.isNaN(maxWidth) ? (learnable ? 1.5 * widths[a] : widths[a]) : maxWidth);
            if (mw < widths[a]) {
                throw new IllegalArgumentException("axis '" + name + "': maxWidth " + mw + " is below its width δ = "
                        + widths[a] + "; raise maxWidth(\"" + name + "\", w)");
            }
            m[a] = (int) Math.ceil(mw / h[a] - 1e-9);
            halo[a] = m[a] + DerivativeKernels.stencilHalfWidth(maxOrder[a], method);
        }
        return new Window(m, halo);
    }

    /**
     * What one field asks of the kernels: its value then each required derivative, and the halo cells
     * beyond what its own derivatives need (cropped off before convolving; a field whose derivatives are
     * of lower order than the grid's highest needs less halo).
     */
    private record FieldRequest(DifferentialOperator[] derivatives, int[] excessHalo) {}

    /** Each network field's request, in the model's field order. */
    private static Map<String, FieldRequest> requestsOf(
            List<String> fields, PdeSpec spec, Grid grid, int[] maxOrder, DerivativeKernels.Method method) {
        int d = grid.dims();
        Map<String, FieldRequest> requests = new LinkedHashMap<>();
        for (String f : fields) {
            List<Partial> ps = spec.requiredDerivatives().getOrDefault(f, List.of());
            DifferentialOperator[] r = new DifferentialOperator[ps.size() + 1];
            r[0] = DifferentialOperator.value(d);
            int[] own = new int[d];
            for (int i = 0; i < ps.size(); i++) {
                int[] o = GridSupport.orders(ps.get(i), grid);
                r[i + 1] = DifferentialOperator.of(o);
                for (int a = 0; a < d; a++) own[a] = Math.max(own[a], o[a]);
            }
            int[] e = new int[d];
            for (int a = 0; a < d; a++)
                e[a] = DerivativeKernels.stencilHalfWidth(maxOrder[a], method)
                        - DerivativeKernels.stencilHalfWidth(own[a], method);
            requests.put(f, new FieldRequest(r, e));
        }
        return requests;
    }

    /** The route prepared for one grid: evaluates the network on the extended grid and convolves each field. */
    private static final class OnGrid implements Prepared {
        private final MollifierRoute route;
        private final Pinn model;
        private final PdeSpec spec;
        private final Grid grid;
        private final Grid ext;
        private final MollifiedDerivatives md;
        private final Window window;
        private final Map<String, FieldRequest> requests;
        private final Map<String, SparseMatrix> ops;
        private final Set<FluxProducts.Term> fluxes;
        private final DifferentialOperator reach; // reaction terms tested: the operator whose halo they need; else null
        private final boolean dataOnNetwork; // with terms tested as a whole, ĝ (not û) is the field that fits the data

        OnGrid(
                MollifierRoute route,
                Pinn model,
                PdeSpec spec,
                Grid grid,
                Grid ext,
                MollifiedDerivatives md,
                Window window,
                Map<String, FieldRequest> requests,
                Map<String, SparseMatrix> ops,
                Set<FluxProducts.Term> fluxes,
                DifferentialOperator reach) {
            this.route = route;
            this.model = model;
            this.spec = spec;
            this.grid = grid;
            this.ext = ext;
            this.md = md;
            this.window = window;
            this.requests = requests;
            this.ops = ops;
            this.fluxes = fluxes;
            this.reach = reach;
            this.dataOnNetwork = !fluxes.isEmpty() || reach != null;
        }

        @Override
        public Parameters parameters() {
            return md.parameters();
        }

        @Override
        public Evaluation evaluate() {
            Map<String, Var> onExt = GridSupport.networkOn(model, ext);
            Bindings b = Bindings.create();
            Map<String, Var> uHat = new LinkedHashMap<>();
            for (String f : model.fields()) uHat.put(f, bindField(b, f, onExt));
            GridSupport.bindCommon(b, spec, model, grid, onExt, window.halo());
            bindReactions(b, onExt);
            Map<String, Var> fitted = uHat;
            if (dataOnNetwork) {
                fitted = new LinkedHashMap<>();
                for (String f : model.fields()) fitted.put(f, GridSupport.crop(onExt.get(f), window.halo()));
            }
            return new Evaluation(b, GridSupport.atData(ops, fitted));
        }

        /**
         * Binds field {@code f}'s required derivatives ĝ∗∂^α η, its value û = ĝ∗η and, in flux form, each
         * advection product of f as its flux: ½(ĝ²)∗∂_x η for f·f_x, (ĝ_w·ĝ)∗∂_c η for w·f_c in divergence form
         * (w = ĝ_w another field's network output or values); returns û.
         *
         * @param onExt every field's values on the extended grid, by name
         */
        private Var bindField(Bindings b, String f, Map<String, Var> onExt) {
            int d = grid.dims();
            int[] gridShape = grid.shape();
            FieldRequest request = requests.get(f);
            Var g = GridSupport.crop(onExt.get(f), request.excessHalo());
            int[] s4 = new int[d + 2];
            s4[0] = 1;
            s4[1] = 1;
            System.arraycopy(g.shape(), 0, s4, 2, d);
            DifferentialOperator[] r = request.derivatives();
            Map<DifferentialOperator, Var> out = md.compute(g.reshape(s4), r);
            Var uHat = out.get(r[0]).reshape(gridShape);
            for (Partial p : spec.requiredDerivatives().getOrDefault(f, List.of())) {
                b.derivative(
                        p,
                        out.get(DifferentialOperator.of(GridSupport.orders(p, grid)))
                                .reshape(gridShape));
            }
            b.field(f, uHat);
            for (FluxProducts.Term ft : fluxes) {
                if (!ft.field().equals(f) || !onExt.containsKey(ft.carrier())) continue;
                Var carrier =
                        ft.carrier().equals(f) ? g : GridSupport.crop(onExt.get(ft.carrier()), request.excessHalo());
                DifferentialOperator dc = DifferentialOperator.along(grid.axisIndex(ft.coordinate()), 1, d);
                Var flux = md.computeAligned(carrier.mul(g).mul(ft.weight()).reshape(s4), r, dc)
                        .get(dc);
                b.flux(ft, flux.reshape(gridShape));
            }
            return uHat;
        }

        /**
         * When reaction terms are tested: binds {@code onExt} (every field and unknown field on the extended grid, and
         * the coordinates there) as the raw values a reaction term reads, and W∗· from the extended grid onto the
         * grid as its test, so that the residual holds W∗(k·ĝ·(1 − ĝ)) for k·u·(1 − u) (docs/math.md, "Reaction
         * terms").
         *
         * @param onExt every field's values on the extended grid, by name (unknown fields among them)
         */
        private void bindReactions(Bindings b, Map<String, Var> onExt) {
            if (reach == null) return;
            Bindings raw = Bindings.create();
            for (Map.Entry<String, Var> e : onExt.entrySet()) {
                if (spec.fields().contains(e.getKey())) raw.field(e.getKey(), e.getValue());
                else raw.unknownField(e.getKey(), e.getValue());
            }
            for (int a = 0; a < ext.dims(); a++) {
                String c = ext.axisNames().get(a);
                if (spec.coordinates().contains(c)) raw.coordinate(c, Var.constant(ext.coordinate(a)));
            }
            int d = grid.dims();
            int[] s4 = new int[d + 2];
            s4[0] = 1;
            s4[1] = 1;
            System.arraycopy(ext.shape(), 0, s4, 2, d);
            DifferentialOperator value = DifferentialOperator.value(d);
            DifferentialOperator[] align = {reach};
            b.tested(raw, term -> {
                Var full = Arrays.equals(term.shape(), ext.shape()) ? term : term.expand(ext.shape());
                return md.computeAligned(full.reshape(s4), align, value)
                        .get(value)
                        .reshape(grid.shape());
            });
        }

        @Override
        public Map<String, Double> state() {
            if (route.axisWidths.isEmpty()) return Map.of("delta", md.delta());
            Map<String, Double> s = new LinkedHashMap<>();
            double[] now = md.deltas();
            for (int a = 0; a < grid.dims(); a++)
                s.put("delta." + grid.axisNames().get(a), now[a]);
            return s;
        }

        @Override
        public String describe() {
            String w;
            if (!route.axisWidths.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                double[] now = md.deltas();
                for (int a = 0; a < grid.dims(); a++) {
                    sb.append(a == 0 ? "" : ", ")
                            .append(grid.axisNames().get(a))
                            .append(String.format(Locale.ROOT, " %.4g", now[a]));
                }
                w = "(" + sb + ")";
            } else {
                w = String.format(Locale.ROOT, "%.4g", md.delta());
            }
            return String.format(
                    Locale.ROOT,
                    "mollifier δ = %s%s, window ±%s taps, halo %s cells, network evaluated on %s (the grid and its halo)",
                    w,
                    route.learnable ? " (learnable)" : "",
                    Arrays.toString(window.taps()),
                    Arrays.toString(window.halo()),
                    GridSupport.nodes(ext));
        }
    }

    /** Options for the mollifier route. */
    public static final class Builder {
        private final double delta;
        private final Map<String, Double> axisWidths = new LinkedHashMap<>();
        private final Map<String, Double> axisMaxWidths = new LinkedHashMap<>();
        private boolean learnable;
        private double maxWidth = Double.NaN;
        private KernelFamily family = KernelFamily.bump();
        private boolean fluxForm = true;
        private Boolean testReactions;
        private DerivativeKernels.Method method = DerivativeKernels.Method.DIFFERENCES;

        private Builder(double delta) {
            this.delta = delta;
        }

        /**
         * The width of one named axis (physical units of that coordinate), e.g. {@code .width("t", 0.05)};
         * overrides the shared δ on that axis. Every grid axis needs a width, shared or named.
         *
         * @param axis the axis name
         * @param delta the width δ_a &gt; 0 on that axis (checked by {@link #build()})
         * @return this builder
         * @throws IllegalArgumentException when the axis is null or empty
         */
        public Builder width(String axis, double delta) {
            if (axis == null || axis.isEmpty())
                throw new IllegalArgumentException("name the axis, e.g. width(\"t\", 0.05)");
            axisWidths.put(axis, delta);
            return this;
        }

        /**
         * The widest δ the window of one named axis must hold (default that axis's δ, or 1.5·δ when learnable).
         *
         * @param axis the axis name
         * @param w the widest width on that axis, ≥ its δ; sets the kernel's half-width M_a = ⌈w/h_a⌉
         * @return this builder
         */
        public Builder maxWidth(String axis, double w) {
            axisMaxWidths.put(axis, w);
            return this;
        }

        /**
         * Train δ along with the network (softplus parametrisation; default fixed); see docs/math.md, "Width
         * gradient".
         *
         * @param on true for a learnable δ (needs the {@link DerivativeKernels.Method#DIFFERENCES} kernels)
         * @return this builder
         */
        public Builder learnable(boolean on) {
            learnable = on;
            return this;
        }

        /**
         * The widest δ the window (and halo) of every axis must hold (default each axis's δ, or 1.5·δ when
         * learnable).
         *
         * @param w the widest width, ≥ δ, in the coordinates' units
         * @return this builder
         */
        public Builder maxWidth(double w) {
            maxWidth = w;
            return this;
        }

        /**
         * Kernel family (default the exp-bump); see docs/math.md, "Kernels".
         *
         * @param f the kernel family η
         * @return this builder
         */
        public Builder family(KernelFamily f) {
            family = f;
            return this;
        }

        /**
         * Test advection products c·u·u_x against the kernel in flux form, ½(ĝ²)∗∂_x η, which is exact
         * for the true solution at any δ ({@link FluxProducts}); off, they are û·û_x, which smooths a
         * steep front into extra viscosity. Default on. See docs/math.md, "Flux form".
         *
         * @param on true to bind advection products in flux form
         * @return this builder
         */
        public Builder fluxForm(boolean on) {
            fluxForm = on;
            return this;
        }

        /**
         * Test reaction terms ({@link PdeSpec#reactionTerms()}: k·u·(1 − u), u·v², u²) against the kernel as a
         * whole, W∗(k·g·(1 − g)) with g the network's output or the measured values, which is exact for the true
         * solution at any δ; off, they are evaluated on the mollified fields, k·û·(1 − û), which differs from it by
         * a commutator ~ δ²|∇u|². On the network the data loss is then written on ĝ, as in flux form. Default: on
         * for measured values ({@link #bindValues}, where it removes a bias that grows with δ), off for the network
         * (where the fit's error is not that commutator; docs/math.md, "Reaction terms").
         *
         * @param on true to test reaction terms as a whole
         * @return this builder
         */
        public Builder testReactions(boolean on) {
            testReactions = on;
            return this;
        }

        /**
         * How the derivative kernels ∂^k η are made (default {@link DerivativeKernels.Method#DIFFERENCES}:
         * central differences of the sampled η, the only choice with a width gradient);
         * {@link DerivativeKernels.Method#ANALYTIC_MOMENTS} samples the exact ∂^k η and enforces its discrete
         * moments — no O(h²/δ²) difference error, for a fixed δ that spans at least ~5 cells per axis. That
         * accuracy counts where ĝ fits the data (flux form). Without a flux term the data fit û = ĝ∗η, and only
         * the differences are the derivatives of û itself; the analytic kernels' û_xx is a few per cent off
         * below ~15 cells per δ (docs/math.md, "Widths").
         *
         * @param m how the derivative kernels are made
         * @return this builder
         * @throws NullPointerException when {@code m} is null
         */
        public Builder method(DerivativeKernels.Method m) {
            method = java.util.Objects.requireNonNull(m, "method");
            return this;
        }

        /**
         * The route with these settings.
         *
         * @return the configured route
         * @throws IllegalArgumentException when δ is not &gt; 0 or exceeds maxWidth, a per-axis width is not finite
         *     and &gt; 0, or δ is learnable with kernels other than {@link DerivativeKernels.Method#DIFFERENCES}
         */
        public MollifierRoute build() {
            return new MollifierRoute(this);
        }
    }
}
