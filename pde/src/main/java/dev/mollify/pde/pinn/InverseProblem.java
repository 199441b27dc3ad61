package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.autograd.train.LossModel;
import dev.mollify.autograd.train.LossTerms;
import dev.mollify.autograd.train.LossWeights;
import dev.mollify.autograd.train.Trainer;
import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.pde.spec.Unknowns;
import dev.mollify.tensor.MemoryStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A PDE-identification problem: a {@link PdeSpec} with unknowns, measurements of its fields, a
 * {@link Pinn} and a {@link DerivativeRoute}. The loss is
 * {@code w_data·Σ_fields mean((prediction − y)²) + w_res·Σ_equations mean(r²)}, with r the spec's
 * residual on the route's bindings at the collocation nodes, plus — only when given — a
 * {@code boundary} and an {@code initial} term of the same form as the data term
 * ({@link Builder#boundary}, {@link Builder#initial}; e.g. the rows of {@link BoundaryData}). Those
 * compare the field the route binds for the residual (û for the mollifier route, the network at the
 * nodes otherwise; autodiff evaluates the network at scattered points directly) with the given
 * values, so they constrain exactly what the residual sees.
 *
 * <pre>{@code
 * GridField data = Sampling.addNoise(HeatSolver.solve(params), 0.01, 7);
 * PdeSpec heat = PdeSpec.parse("u_t = D*u_xx").unknown("D", 0.05).build();
 * Pinn net = Pinn.builder(Domain.interval1dTime(0, 1, 0, 1)).hidden(32, 32).seed(1).build();
 * InverseProblem p = InverseProblem.builder(heat, net).observe("u", Observations.grid(data))
 *         .route(DerivativeRoute.mollifier(0.1).build()).build();
 * p.fit(300, 5e-3, 1500);
 * p.report();                                    // {D=0.1003}
 * }</pre>
 * {@link #fit} trains with the {@link Trainer} (Adam, then L-BFGS with a strong-Wolfe line search);
 * {@link #trainer()} gives its builder for callbacks, checkpoints and other settings.
 */
public final class InverseProblem {
    private final PdeSpec spec;
    private final Pinn model;
    private final DerivativeRoute route;
    private final DerivativeRoute.Prepared prepared;
    private final Map<String, Observations> data;
    private final Map<String, Var> targets = new LinkedHashMap<>();
    private final Unknowns unknowns;
    private final Parameters parameters = new Parameters();
    private final double dataWeight;
    private final double residualWeight;
    private final Grid grid;
    private final Map<String, List<Constraint>> constraints = new LinkedHashMap<>(); // "boundary"/"initial" → per field
    private final Map<String, Double> extraWeights;
    private final Map<String, Double> fieldScales; // σ_f: data and constraint terms are divided by σ_f²
    private final double[] residualScales; // R_e: equation e's mean square residual is divided by R_e²

    /** One boundary or initial data set of one field: A·u (or the network at the points) against y. */
    private record Constraint(String field, SparseMatrix onNodes, Var atPoints, Var target) {}

    private InverseProblem(Builder b) {
        this.spec = b.spec;
        this.model = b.model;
        this.route = b.route;
        this.data = ordered(b.data);
        if (data.isEmpty()) throw new IllegalArgumentException("observe at least one field");
        for (String f : data.keySet()) {
            if (!model.fields().contains(f))
                throw new IllegalArgumentException(
                        "observed '" + f + "' is not a field of the network " + model.fields());
        }
        for (String f : spec.fields()) {
            if (!model.fields().contains(f))
                throw new IllegalArgumentException(
                        "the PDE's field '" + f + "' is not an output of the network " + model.outputs());
        }
        for (var uf : spec.unknownFields()) {
            if (!model.unknownFields().contains(uf.name())) {
                throw new IllegalArgumentException(
                        "the unknown field '" + uf.name() + "' is not an output of the network " + model.outputs());
            }
        }
        Grid g = b.grid;
        if (g == null) {
            for (Observations o : data.values())
                if (!o.scattered()) {
                    g = o.grid();
                    break;
                }
            if (g == null)
                throw new IllegalArgumentException("scattered data only: give the collocation grid with .grid(...)");
        }
        this.grid = g;
        for (Map.Entry<String, Observations> e : data.entrySet())
            targets.put(e.getKey(), Var.constant(e.getValue().targets()));
        this.prepared = route.prepare(model, spec, grid, data);
        this.unknowns = spec.unknownParameters(b.unknownStart, b.unknownScale);
        this.fieldScales = ordered(b.fieldScales);
        this.residualScales = b.residualScales == null ? null : b.residualScales.clone();
        if (residualScales != null && residualScales.length != spec.equations().size()) {
            throw new IllegalArgumentException(
                    "residualScales: one per equation (" + spec.equations().size() + "), got " + residualScales.length);
        }
        this.dataWeight = b.dataWeight;
        this.residualWeight = b.residualWeight;
        this.extraWeights = ordered(b.extraWeights);
        for (String term : List.of("boundary", "initial")) { // fixed order in loss().terms()
            if (!b.extra.containsKey(term)) continue;
            List<Constraint> cs = new ArrayList<>();
            for (Map.Entry<String, Observations> e : b.extra.get(term).entrySet()) {
                String f = e.getKey();
                Observations o = e.getValue();
                if (!model.fields().contains(f)) {
                    throw new IllegalArgumentException(
                            term + " data for '" + f + "', which is not a field of the network " + model.fields());
                }
                Var y = Var.constant(o.targets());
                if (o.scattered() && route instanceof Autodiff) {
                    cs.add(new Constraint(f, null, Var.constant(o.locations(model.coordinates())), y));
                } else {
                    cs.add(new Constraint(f, o.on(grid), null, y));
                }
            }
            constraints.put(term, cs);
        }
        parameters.add("model", model.parameters());
        for (String n : unknowns.names()) parameters.add("unknown." + n, unknowns.parameter(n));
        if (prepared.parameters().size() > 0) parameters.add("route", prepared.parameters());
    }

    /**
     * A builder for the problem of fitting {@code model} to the PDE {@code spec}.
     *
     * @param spec the PDE with its unknowns
     * @param model the network; its outputs must include the spec's fields and unknown fields
     * @return a builder with weights 1 and no data or route yet
     * @throws NullPointerException when an argument is null
     */
    public static Builder builder(PdeSpec spec, Pinn model) {
        return new Builder(spec, model);
    }

    /**
     * Every trainable parameter: the network, the unknown scalars, the route's (learnable δ).
     *
     * @return the parameters under {@code model}, {@code unknown.NAME} and {@code route}
     */
    public Parameters parameters() {
        return parameters;
    }

    /**
     * The route, bound to this problem.
     *
     * @return the prepared route that evaluates bindings and predictions
     */
    public DerivativeRoute.Prepared route() {
        return prepared;
    }

    /**
     * The collocation grid: the residual is evaluated at its nodes.
     *
     * @return the grid given to {@link Builder#grid}, or the first grid data's grid
     */
    public Grid grid() {
        return grid;
    }

    /**
     * The spec's unknowns (trainable).
     *
     * @return the unknown scalars, whose raw parameters are part of {@link #parameters()}
     */
    public Unknowns unknowns() {
        return unknowns;
    }

    /**
     * The loss and its named terms.
     *
     * @param total      weighted sum
     * @param terms      "data", "residual", then "boundary" and "initial" when given (unweighted)
     * @param evaluation the bindings and predictions it was computed from
     */
    public record Loss(Var total, Map<String, Var> terms, Evaluation evaluation) {}

    /**
     * The loss at the current parameters (a fresh graph): w_data·Σ_f mean((A_f·û − y_f)²)/σ_f² +
     * w_res·Σ_e mean(r_e²)/R_e², plus the boundary and initial terms when given.
     *
     * @return the weighted total, each term unweighted, and the evaluation they came from
     * @throws IllegalArgumentException when the route's bindings lack a value the residual needs
     */
    public Loss loss() {
        Evaluation ev = prepared.evaluate();
        Var dataTerm = null;
        for (Map.Entry<String, Var> e : targets.entrySet()) {
            Var p = ev.atData().get(e.getKey());
            Var t = scaled(p.sub(e.getValue()).square().mean(), e.getKey());
            dataTerm = dataTerm == null ? t : dataTerm.add(t);
        }
        Var res = null;
        List<Var> rs = spec.residuals(ev.bindings(), unknowns);
        for (int i = 0; i < rs.size(); i++) {
            Var t = rs.get(i).square().mean();
            if (residualScales != null) t = t.mul(1 / (residualScales[i] * residualScales[i]));
            res = res == null ? t : res.add(t);
        }
        Map<String, Var> terms = new LinkedHashMap<>();
        terms.put("data", dataTerm);
        terms.put("residual", res);
        Var total = dataTerm.mul(dataWeight).add(res.mul(residualWeight));
        for (Map.Entry<String, List<Constraint>> e : constraints.entrySet()) {
            Var t = constraintTerm(e.getValue(), ev);
            terms.put(e.getKey(), t);
            total = total.add(t.mul(extraWeights.getOrDefault(e.getKey(), 1.0)));
        }
        return new Loss(total, terms, ev);
    }

    /** Σ_fields mean((u at the constraint points − y)²). */
    private Var constraintTerm(List<Constraint> cs, Evaluation ev) {
        Var sum = null;
        for (Constraint c : cs) {
            Var p;
            if (c.atPoints() != null) {
                p = model.output(model.forward(c.atPoints()), c.field());
            } else {
                Var u = ev.bindings().derivatives().get(Partial.value(c.field()));
                if (u == null)
                    throw new IllegalStateException("the route bound no value for field '" + c.field() + "'");
                p = c.onNodes().apply(u);
            }
            Var t = scaled(p.sub(c.target()).square().mean(), c.field());
            sum = sum == null ? t : sum.add(t);
        }
        return sum;
    }

    /** A mean square of field {@code f} divided by σ_f² when a scale is set. */
    private Var scaled(Var meanSquare, String f) {
        Double s = fieldScales.get(f);
        return s == null ? meanSquare : meanSquare.mul(1 / (s * s));
    }

    /**
     * The loss weight of a term ("data", "residual", "boundary", "initial").
     *
     * @param term the term's name
     * @return its weight, ≥ 0 (1 for a boundary or initial term without one)
     * @throws IllegalArgumentException when the problem has no term of that name
     */
    public double weight(String term) {
        switch (term) {
            case "data":
                return dataWeight;
            case "residual":
                return residualWeight;
            default:
                if (!constraints.containsKey(term))
                    throw new IllegalArgumentException("no loss term '" + term + "'; terms are data, residual"
                            + (constraints.isEmpty() ? "" : ", " + String.join(", ", constraints.keySet())));
                return extraWeights.getOrDefault(term, 1.0);
        }
    }

    /**
     * The unknown scalars' current values, plus δ when the route learns it.
     *
     * @return a new map, name → physical value, unknowns in declaration order then the route's state
     */
    public Map<String, Double> report() {
        Map<String, Double> out = new LinkedHashMap<>(unknowns.values());
        if (prepared.parameters().size() > 0) out.putAll(prepared.state());
        return out;
    }

    /**
     * Algebraic recovery λ = û_t / D[û] (separable problems) from the current bindings, e.g.
     * {@code recoverSeparable("u_t", "u_xx", 0.1)} for the heat equation.
     *
     * @param numerator the derivative in the numerator, written as in the text, e.g. {@code "u_t"}
     * @param operator the derivative D[û] that λ multiplies, e.g. {@code "u_xx"}
     * @param threshold the mask level in [0, 1): nodes with |D[û]| &lt; threshold·max|D[û]| are dropped
     * @return λ per collocation node and its median and least-squares summaries
     * @throws NullPointerException when the route does not bind one of the two derivatives
     * @throws IllegalArgumentException when a name is not a derivative, the threshold is outside [0, 1), or
     *     every node is masked
     */
    public AlgebraicRecovery.Result recoverSeparable(String numerator, String operator, double threshold) {
        Evaluation ev = prepared.evaluate();
        Var a = Objects.requireNonNull(ev.derivative(numerator), numerator + " is not bound by the route");
        Var b = Objects.requireNonNull(ev.derivative(operator), operator + " is not bound by the route");
        return AlgebraicRecovery.separable(a, b, threshold);
    }

    /**
     * Trains with {@link #trainer()}: {@code adamSteps} Adam steps at {@code lr}, then up to
     * {@code lbfgsIters} L-BFGS iterations (0 to skip) and at most {@code lbfgsIters·5/4} loss
     * evaluations in them (PyTorch's {@code max_eval} for that many iterations).
     *
     * @param adamSteps the number of Adam steps, ≥ 0
     * @param lr the Adam learning rate
     * @param lbfgsIters the most L-BFGS iterations, 0 to skip
     * @return the run's history, final loss terms and stop reason
     */
    public TrainingResult fit(int adamSteps, double lr, int lbfgsIters) {
        return trainer()
                .adamSteps(adamSteps)
                .lr(lr)
                .lbfgsIterations(lbfgsIters)
                .lbfgsMaxEvaluations(lbfgsIters * 5 / 4)
                .build()
                .run();
    }

    /**
     * A {@link Trainer} builder for this problem: the loss weights fixed at the problem's own
     * ({@link #weight}), L-BFGS history 50 and tolerances 1e-12 on max |gradient| and 1e-15 on the
     * change, memory tracking off; add steps, callbacks, a seed or other settings before {@code build()}.
     *
     * @return a new trainer builder over {@link InverseLossModel}{@code (this)}
     */
    public Trainer.Builder trainer() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("data", dataWeight);
        w.put("residual", residualWeight);
        for (String term : constraints.keySet()) w.put(term, weight(term));
        return Trainer.builder(new InverseLossModel(this))
                .weights(LossWeights.fixed(w))
                .lbfgsHistory(50)
                .lbfgsTolerances(1e-12, 1e-15)
                .trackMemory(false);
    }

    /**
     * Fits the network alone to the measurements, evaluated at the measured points themselves (no
     * route, no residual): Adam for {@code adamSteps} steps at {@code lr}, then up to
     * {@code lbfgsIters} L-BFGS iterations, on Σ_f mean((u_θ(X_f) − y_f)²)/σ_f² (σ_f from
     * {@link Builder#fieldScale}, else 1). A field with more than {@code maxPoints} measurements uses
     * a subset drawn with {@code seed}. Trains with the {@link Trainer}, L-BFGS as in {@link #fit}. The
     * unknowns are untouched. Returns the loss at the final parameters. A smooth network fitted this way
     * is what {@link CoefficientEstimate} differentiates for starting values (docs/math.md, "Starting values").
     *
     * @param adamSteps the number of Adam steps, ≥ 0
     * @param lr the Adam learning rate
     * @param lbfgsIters the most L-BFGS iterations, 0 to skip
     * @param maxPoints the most measurements used per field
     * @param seed the seed of the subset drawn when a field has more than {@code maxPoints} measurements
     * @return the data loss Σ_f mean((u_θ(X_f) − y_f)²)/σ_f² at the final parameters
     */
    public double fitData(int adamSteps, double lr, int lbfgsIters, int maxPoints, long seed) {
        Map<String, Var> at = new LinkedHashMap<>();
        Map<String, Var> ys = new LinkedHashMap<>();
        dev.mollify.tensor.Rng rng = new dev.mollify.tensor.Rng(seed);
        for (Map.Entry<String, Observations> e : data.entrySet()) {
            double[] x = e.getValue().locations(model.coordinates()).toDoubleArray();
            double[] y = e.getValue().targets().toDoubleArray();
            int d = model.coordinates().size();
            int n = y.length;
            int[] keep = n <= maxPoints ? rng.permutation(n) : Arrays.copyOf(rng.permutation(n), maxPoints);
            Arrays.sort(keep); // a seeded subset, in row order
            double[] xs = new double[keep.length * d];
            double[] yk = new double[keep.length];
            for (int r = 0; r < keep.length; r++) {
                System.arraycopy(x, keep[r] * d, xs, r * d, d);
                yk[r] = y[keep[r]];
            }
            at.put(e.getKey(), Var.constant(dev.mollify.tensor.Tensor.of(xs, keep.length, d)));
            ys.put(e.getKey(), Var.constant(dev.mollify.tensor.Tensor.of(yk, keep.length)));
        }
        java.util.function.Supplier<Var> loss = () -> {
            Var total = null;
            for (String f : at.keySet()) {
                Var t = scaled(
                        model.output(model.forward(at.get(f)), f)
                                .sub(ys.get(f))
                                .square()
                                .mean(),
                        f);
                total = total == null ? t : total.add(t);
            }
            return total;
        };
        TrainingResult r = Trainer.builder(new NetworkMisfit(model.parameters(), loss))
                .adamSteps(adamSteps)
                .lr(lr)
                .lbfgsIterations(lbfgsIters)
                .lbfgsMaxEvaluations(lbfgsIters * 5 / 4)
                .lbfgsHistory(50)
                .lbfgsTolerances(1e-12, 1e-15)
                .trackMemory(false)
                .build()
                .run();
        return r.total();
    }

    /** The network's misfit to the measurements at the measured points, as one term {@code data}; no unknowns. */
    private record NetworkMisfit(Parameters parameters, java.util.function.Supplier<Var> misfit) implements LossModel {
        @Override
        public LossTerms loss() {
            return LossTerms.of("data", misfit.get());
        }

        @Override
        public Map<String, Double> report() {
            return Map.of();
        }
    }

    /**
     * The measurements of each observed field.
     *
     * @return an unmodifiable map, field → observations
     */
    public Map<String, Observations> observations() {
        return data;
    }

    /**
     * The network.
     *
     * @return the model given to {@link #builder}
     */
    public Pinn model() {
        return model;
    }

    /**
     * The spec.
     *
     * @return the PDE given to {@link #builder}
     */
    public PdeSpec spec() {
        return spec;
    }

    /**
     * Cost of one gradient evaluation (loss + backward).
     *
     * @param seconds        mean wall time over the repeats (live-memory tracking off)
     * @param peakLiveBytes  peak of the tensor storage one evaluation allocated and still held (counted
     *                       on the calling thread; includes garbage not yet collected: an upper bound)
     * @param allocatedBytes tensor storage allocated by one evaluation
     */
    public record StepCost(double seconds, long peakLiveBytes, long allocatedBytes) {}

    /**
     * Measures {@link StepCost} over {@code repeats} evaluations after one warm-up; leaves the gradients zero.
     *
     * @param repeats the number of timed evaluations (at least one is timed)
     * @return the mean time and the memory of one loss-and-backward evaluation
     */
    public StepCost measureStep(int repeats) {
        parameters.zeroGrad();
        loss().total().backward();
        long t0 = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            parameters.zeroGrad();
            loss().total().backward();
        }
        double sec = (System.nanoTime() - t0) * 1e-9 / Math.max(1, repeats);
        // counted on this thread only, so the number holds while other fits run in the same JVM
        try (MemoryStats.Meter meter = MemoryStats.meter()) {
            parameters.zeroGrad();
            loss().total().backward();
            long peak = meter.peakLiveBytes();
            long alloc = meter.allocatedBytes();
            parameters.zeroGrad();
            return new StepCost(sec, peak, alloc);
        }
    }

    /** Options for an {@link InverseProblem}. */
    public static final class Builder {
        private final PdeSpec spec;
        private final Pinn model;
        private final Map<String, Observations> data = new LinkedHashMap<>();
        private DerivativeRoute route;
        private Grid grid;
        private double dataWeight = 1;
        private double residualWeight = 1;
        private final Map<String, Map<String, Observations>> extra = new LinkedHashMap<>();
        private final Map<String, Double> extraWeights = new LinkedHashMap<>();
        private final Map<String, Double> fieldScales = new LinkedHashMap<>();
        private final Map<String, Double> unknownStart = new LinkedHashMap<>();
        private final Map<String, Double> unknownScale = new LinkedHashMap<>();
        private double[] residualScales;

        private Builder(PdeSpec spec, Pinn model) {
            this.spec = Objects.requireNonNull(spec, "spec");
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * Measurements of one field (the data term); a later call for the same field replaces it.
         *
         * @param field the field's name, an output of the network
         * @param obs the measured values
         * @return this builder
         */
        public Builder observe(String field, Observations obs) {
            data.put(field, obs);
            return this;
        }

        /**
         * The derivative route (required).
         *
         * @param r the route, e.g. {@link DerivativeRoute#mollifier(double)}{@code .build()}
         * @return this builder
         */
        public Builder route(DerivativeRoute r) {
            route = r;
            return this;
        }

        /**
         * The collocation grid (default: the first grid data's grid; required when all data are scattered).
         *
         * @param g the grid whose nodes the residual is evaluated at
         * @return this builder
         */
        public Builder grid(Grid g) {
            grid = g;
            return this;
        }

        /**
         * Boundary values of one field (a loss term named "boundary", weight 1 unless
         * {@link #weight} says otherwise): grid data on the collocation grid (e.g.
         * {@link BoundaryData#edges}) or scattered points.
         *
         * @param field the field's name
         * @param obs its boundary values
         * @return this builder
         * @throws NullPointerException when an argument is null
         */
        public Builder boundary(String field, Observations obs) {
            return constraint("boundary", field, obs);
        }

        /**
         * Initial values of one field (a loss term named "initial"), e.g. {@link BoundaryData#initial}.
         *
         * @param field the field's name
         * @param obs its initial values
         * @return this builder
         * @throws NullPointerException when an argument is null
         */
        public Builder initial(String field, Observations obs) {
            return constraint("initial", field, obs);
        }

        private Builder constraint(String term, String field, Observations obs) {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(obs, term + " observations");
            extra.computeIfAbsent(term, k -> new LinkedHashMap<>()).put(field, obs);
            return this;
        }

        /**
         * The weight of one loss term: "data", "residual", "boundary" or "initial" (default 1 each).
         *
         * @param term the term's name
         * @param w its weight, finite and ≥ 0
         * @return this builder
         * @throws IllegalArgumentException when the weight is negative or not finite, or the term is unknown
         */
        public Builder weight(String term, double w) {
            if (!(w >= 0) || !Double.isFinite(w))
                throw new IllegalArgumentException("weight of '" + term + "' must be finite and >= 0, got " + w);
            switch (term) {
                case "data":
                    dataWeight = w;
                    break;
                case "residual":
                    residualWeight = w;
                    break;
                case "boundary":
                case "initial":
                    extraWeights.put(term, w);
                    break;
                default:
                    throw new IllegalArgumentException(
                            "no loss term '" + term + "': use data, residual, boundary or initial");
            }
            return this;
        }

        /**
         * The scale σ of one field's values: its data, boundary and initial terms become
         * mean((prediction − y)²)/σ², of order one whatever the field's units (default: not divided); see
         * docs/math.md, "Scale-free fitting".
         *
         * @param field the field's name
         * @param sigma σ, finite and &gt; 0, in the field's units
         * @return this builder
         * @throws IllegalArgumentException when σ is not finite and &gt; 0
         */
        public Builder fieldScale(String field, double sigma) {
            if (!(sigma > 0) || !Double.isFinite(sigma))
                throw new IllegalArgumentException(
                        "the scale of field '" + field + "' must be finite and > 0, got " + sigma);
            fieldScales.put(field, sigma);
            return this;
        }

        /**
         * The size R_e of each equation's residual (e.g. its largest term, {@link PdeSpec#termSizes}):
         * the residual term becomes Σ_e mean(r_e²)/R_e² (default: not divided).
         *
         * @param sizes R_e per equation, in order, each finite and &gt; 0 (the count is checked by {@link #build()})
         * @return this builder
         * @throws IllegalArgumentException when a size is not finite and &gt; 0
         */
        public Builder residualScales(double... sizes) {
            for (double r : sizes) {
                if (!(r > 0) || !Double.isFinite(r))
                    throw new IllegalArgumentException(
                            "residual scales must be finite and > 0, got " + java.util.Arrays.toString(sizes));
            }
            residualScales = sizes.clone();
            return this;
        }

        /**
         * Start one unknown at {@code value} (instead of its declared guess), trained as value = s·θ
         * (s·softplus(θ) when positive) with s = {@code scale}, so θ is of order one
         * ({@link PdeSpec#unknownParameters(Map, Map)}).
         *
         * @param name the unknown's name
         * @param value its starting physical value (&gt; 0 when it is declared positive)
         * @param scale s, finite and &gt; 0, e.g. the coefficient's expected size (checked by {@link #build()})
         * @return this builder
         */
        public Builder unknownStart(String name, double value, double scale) {
            unknownStart.put(name, value);
            unknownScale.put(name, scale);
            return this;
        }

        /**
         * Loss weights of the data and residual terms (default 1, 1).
         *
         * @param data the weight w_data of the data term
         * @param residual the weight w_res of the residual term
         * @return this builder
         */
        public Builder weights(double data, double residual) {
            dataWeight = data;
            residualWeight = residual;
            return this;
        }

        /**
         * The problem with these settings; a route must have been chosen.
         *
         * @return the problem, its route prepared on the collocation grid
         * @throws IllegalArgumentException when no route or no data is given, an observed or constrained name is
         *     not a field of the network, the spec's fields or unknown fields are not outputs of it, all data are
         *     scattered and no grid is given, a weight is set for a term without data, the residual scales do not
         *     number one per equation, or the route or an unknown's start and scale are rejected
         */
        public InverseProblem build() {
            for (String t : extraWeights.keySet()) {
                if (!extra.containsKey(t))
                    throw new IllegalArgumentException("a weight is set for '" + t + "' but no " + t
                            + " data are given: add ." + t + "(field, observations)");
            }
            if (route == null)
                throw new IllegalArgumentException(
                        "choose a route: DerivativeRoute.autodiff(), .mollifier(δ).build() or .finiteDifferences()");
            return new InverseProblem(this);
        }
    }

    /**
     * An unmodifiable copy that keeps {@code m}'s order. {@code Map.copyOf} would not: its iteration order changes
     * from one JVM to the next, and the order of the fields decides the order of sums and of random draws.
     */
    private static <K, V> Map<K, V> ordered(Map<K, V> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
