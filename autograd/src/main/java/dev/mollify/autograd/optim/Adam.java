package dev.mollify.autograd.optim;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.tensor.Tensor;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1), written as PyTorch's {@code torch.optim.Adam} computes it.
 * For each parameter {@code p} with gradient {@code g}, its own step count {@code t = 1, 2, …} and
 * learning rate {@code η = schedule.rate(k)}:
 *
 * <pre>
 *   g ← g + λ·p                         (L2 weight decay; or, decoupled (AdamW): p ← p·(1 − η·λ))
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   p ← p − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * The last line is Kingma &amp; Ba's bias-corrected {@code p − η·m̂/(√v̂ + ε)}. The arithmetic runs in
 * double (F32 parameters are rounded back to F32 after each step); powers use {@link StrictMath}, so
 * runs are bit-identical across JDKs. Parameters whose gradient is null are skipped and their
 * {@code t}, {@code m}, {@code v} stay as they were.
 */
public final class Adam implements Optimizer {
    private final Parameters parameters;
    private final List<Var> params;
    private final LearningRateSchedule schedule;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final double[][] m;
    private final double[][] v;
    private final int[] t;
    private int steps;

    private Adam(Builder b) {
        this.parameters = b.parameters;
        this.params = Slots.check(b.parameters, "Adam");
        this.schedule = b.schedule;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.weightDecay = b.weightDecay;
        this.decoupled = b.decoupled;
        this.m = new double[params.size()][];
        this.v = new double[params.size()][];
        this.t = new int[params.size()];
    }

    /**
     * Adam at a constant learning rate with the default β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
     *
     * @param parameters the parameters to update, in registry order
     * @param lr the learning rate, finite and ≥ 0
     * @return the optimiser
     */
    public static Adam of(Parameters parameters, double lr) {
        return builder(parameters).lr(lr).build();
    }

    /**
     * A builder; the defaults are lr 1e-3, β = (0.9, 0.999), ε = 1e-8, no weight decay.
     *
     * @param parameters the parameters to update, in registry order
     * @return a builder with those defaults
     */
    public static Builder builder(Parameters parameters) {
        return new Builder(parameters);
    }

    @Override
    public void step() {
        double lr = schedule.rate(steps);
        for (int i = 0; i < params.size(); i++) {
            Var p = params.get(i);
            Tensor grad = p.grad();
            if (grad == null) continue;
            double[] x = p.value().toDoubleArray();
            double[] g = grad.toDoubleArray();
            if (m[i] == null) {
                m[i] = new double[x.length];
                v[i] = new double[x.length];
            }
            double[] mi = m[i], vi = v[i];
            int ti = ++t[i];
            if (weightDecay != 0) {
                if (decoupled) {
                    for (int j = 0; j < x.length; j++) x[j] *= 1 - lr * weightDecay;
                } else {
                    for (int j = 0; j < x.length; j++) g[j] += weightDecay * x[j];
                }
            }
            double bc1 = 1 - StrictMath.pow(beta1, ti);
            double bc2Sqrt = StrictMath.sqrt(1 - StrictMath.pow(beta2, ti));
            double stepSize = lr / bc1;
            for (int j = 0; j < x.length; j++) {
                double gj = g[j];
                mi[j] = beta1 * mi[j] + (1 - beta1) * gj;
                vi[j] = beta2 * vi[j] + (1 - beta2) * gj * gj;
                double denom = StrictMath.sqrt(vi[j]) / bc2Sqrt + eps;
                x[j] -= stepSize * mi[j] / denom;
            }
            Slots.write(p, x);
        }
        steps++;
    }

    @Override
    public void zeroGrad() {
        parameters.zeroGrad();
    }

    /**
     * Number of steps taken.
     *
     * @return the number of {@link #step()} calls so far (restored by {@link #loadState})
     */
    public int steps() {
        return steps;
    }

    /**
     * Adam's mutable state, for checkpoints: the optimiser step count (which drives the learning-rate
     * schedule) and, per parameter in registry order, its own step count {@code t[i]} and moments
     * {@code m[i]}, {@code v[i]} (row-major, one value per scalar of the parameter; both null while the
     * parameter has not been stepped). Restoring it with {@link #loadState} into an Adam built with the
     * same settings over the same parameters continues bit for bit.
     *
     * @param steps the optimiser's step count
     * @param t     each parameter's own step count, in registry order
     * @param m     each parameter's first moment, row-major (null while not stepped)
     * @param v     each parameter's second moment, row-major (null while not stepped)
     */
    public record State(int steps, int[] t, double[][] m, double[][] v) {}

    /**
     * A deep copy of the current {@link State}.
     *
     * @return a copy that later steps do not change
     */
    public State state() {
        return new State(steps, t.clone(), deepCopy(m), deepCopy(v));
    }

    /**
     * Replaces the state with a deep copy of {@code s}; it must match the parameters' count and sizes.
     *
     * @param s a state from {@link #state()} of an Adam over parameters of the same count and sizes; copied
     * @throws IllegalArgumentException when the count or a size does not match
     */
    public void loadState(State s) {
        int n = params.size();
        if (s.t().length != n || s.m().length != n || s.v().length != n) {
            throw new IllegalArgumentException(
                    "Adam state is for " + s.t().length + " parameters; this optimiser has " + n);
        }
        for (int i = 0; i < n; i++) {
            int numel = params.get(i).value().numel();
            boolean hasM = s.m()[i] != null, hasV = s.v()[i] != null;
            if (hasM != hasV || (hasM && (s.m()[i].length != numel || s.v()[i].length != numel))) {
                throw new IllegalArgumentException(
                        "Adam state for parameter " + i + " does not match its " + numel + " values");
            }
        }
        steps = s.steps();
        System.arraycopy(s.t(), 0, t, 0, n);
        double[][] mc = deepCopy(s.m()), vc = deepCopy(s.v());
        System.arraycopy(mc, 0, m, 0, n);
        System.arraycopy(vc, 0, v, 0, n);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i] == null ? null : a[i].clone();
        return c;
    }

    /** Settings for {@link Adam}; every setter returns this builder. */
    public static final class Builder {
        private final Parameters parameters;
        private LearningRateSchedule schedule = LearningRateSchedule.constant(1e-3);
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay;
        private boolean decoupled;

        private Builder(Parameters parameters) {
            this.parameters = parameters;
        }

        /**
         * A constant learning rate.
         *
         * @param lr the learning rate of every step, finite and ≥ 0
         * @return this builder
         */
        public Builder lr(double lr) {
            schedule = LearningRateSchedule.constant(lr);
            return this;
        }

        /**
         * A learning-rate schedule (replaces {@link #lr}).
         *
         * @param s the learning rate per step; not null
         * @return this builder
         * @throws IllegalArgumentException when s is null
         */
        public Builder schedule(LearningRateSchedule s) {
            if (s == null) throw new IllegalArgumentException("schedule is null");
            schedule = s;
            return this;
        }

        /**
         * Decay rates of the first and second moment estimates, each in [0, 1).
         *
         * @param b1 β₁, decay of the first moment m ← β₁m + (1 − β₁)g (default 0.9)
         * @param b2 β₂, decay of the second moment v ← β₂v + (1 − β₂)g² (default 0.999)
         * @return this builder
         * @throws IllegalArgumentException when a beta lies outside [0, 1)
         */
        public Builder betas(double b1, double b2) {
            if (!(b1 >= 0 && b1 < 1) || !(b2 >= 0 && b2 < 1)) {
                throw new IllegalArgumentException("Adam betas must lie in [0, 1), got (" + b1 + ", " + b2 + ")");
            }
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        /**
         * ε added to the denominator (default 1e-8).
         *
         * @param e ε in the update θ ← θ − lr·m̂/(√v̂ + ε); &gt; 0 keeps it finite where v̂ = 0
         * @return this builder
         */
        public Builder eps(double e) {
            eps = Slots.checkNonNegative("eps", e);
            return this;
        }

        /**
         * Weight decay λ (default 0): L2 added to the gradient, or decoupled with {@link #decoupledWeightDecay}.
         *
         * @param lambda λ ≥ 0: g ← g + λθ (L2), or θ ← θ − lr·λθ when decoupled
         * @return this builder
         */
        public Builder weightDecay(double lambda) {
            weightDecay = Slots.checkNonNegative("weightDecay", lambda);
            return this;
        }

        /**
         * Decoupled weight decay (AdamW, Loshchilov &amp; Hutter 2019) instead of L2 (default off).
         *
         * @param on true for AdamW's decoupled decay, false for L2 added to the gradient
         * @return this builder
         */
        public Builder decoupledWeightDecay(boolean on) {
            decoupled = on;
            return this;
        }

        /**
         * An {@link Adam} optimiser with these settings.
         *
         * @return a new optimiser with zero moments and step count 0
         */
        public Adam build() {
            return new Adam(this);
        }
    }
}
