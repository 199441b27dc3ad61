package dev.mollify.autograd.optim;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, with
 * the update rule of PyTorch's {@code torch.optim.SGD}. For each parameter {@code p} with gradient
 * {@code g}, at learning rate {@code η = schedule.rate(k)}:
 *
 * <pre>
 *   g ← g + λ·p                                   (weight decay λ)
 *   b ← g                     on the first step    (momentum μ &gt; 0)
 *   b ← μ·b + (1 − τ)·g       afterwards           (dampening τ)
 *   g ← g + μ·b  (Nesterov)   or   g ← b
 *   p ← p − η·g
 * </pre>
 * The arithmetic runs in double for F32 parameters too; the result is rounded back to F32.
 * Parameters whose gradient is null are skipped.
 */
public final class Sgd implements Optimizer {
    private final Parameters parameters;
    private final List<Var> params;
    private final LearningRateSchedule schedule;
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;
    private final double[][] buffers;
    private int steps;

    private Sgd(Builder b) {
        this.parameters = b.parameters;
        this.params = Slots.check(b.parameters, "Sgd");
        this.schedule = b.schedule;
        this.momentum = b.momentum;
        this.dampening = b.dampening;
        this.nesterov = b.nesterov;
        this.weightDecay = b.weightDecay;
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0 and dampening = 0, got momentum "
                    + momentum + ", dampening " + dampening);
        }
        this.buffers = new double[params.size()][];
    }

    /**
     * Plain SGD at a constant learning rate.
     *
     * @param parameters the parameters to update, in registry order
     * @param lr the learning rate, finite and ≥ 0: θ ← θ − lr·g
     * @return the optimiser
     */
    public static Sgd of(Parameters parameters, double lr) {
        return builder(parameters).lr(lr).build();
    }

    /**
     * A builder; the defaults are lr 0.01, no momentum, no weight decay.
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
            if (weightDecay != 0) for (int j = 0; j < g.length; j++) g[j] += weightDecay * x[j];
            if (momentum != 0) {
                double[] buf = buffers[i];
                if (buf == null) {
                    buf = buffers[i] = g.clone();
                } else {
                    for (int j = 0; j < g.length; j++) buf[j] = momentum * buf[j] + (1 - dampening) * g[j];
                }
                if (nesterov) {
                    for (int j = 0; j < g.length; j++) g[j] += momentum * buf[j];
                } else {
                    g = buf;
                }
            }
            for (int j = 0; j < x.length; j++) x[j] -= lr * g[j];
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
     * @return the number of {@link #step()} calls so far
     */
    public int steps() {
        return steps;
    }

    /** Settings for {@link Sgd}; every setter returns this builder. */
    public static final class Builder {
        private final Parameters parameters;
        private LearningRateSchedule schedule = LearningRateSchedule.constant(0.01);
        private double momentum;
        private double dampening;
        private boolean nesterov;
        private double weightDecay;

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
         * Momentum μ (default 0).
         *
         * @param mu μ in the buffer update b ← μb + (1 − τ)g; 0 for plain SGD
         * @return this builder
         */
        public Builder momentum(double mu) {
            momentum = Slots.checkNonNegative("momentum", mu);
            return this;
        }

        /**
         * Dampening τ of the momentum buffer (default 0).
         *
         * @param tau τ in b ← μb + (1 − τ)g
         * @return this builder
         */
        public Builder dampening(double tau) {
            dampening = Slots.checkNonNegative("dampening", tau);
            return this;
        }

        /**
         * Nesterov momentum (default off; needs momentum &gt; 0 and dampening 0).
         *
         * @param on true to step along g + μb instead of b
         * @return this builder
         */
        public Builder nesterov(boolean on) {
            nesterov = on;
            return this;
        }

        /**
         * L2 weight decay λ (default 0).
         *
         * @param lambda λ ≥ 0: g ← g + λθ before the update
         * @return this builder
         */
        public Builder weightDecay(double lambda) {
            weightDecay = Slots.checkNonNegative("weightDecay", lambda);
            return this;
        }

        /**
         * An {@link Sgd} optimiser with these settings.
         *
         * @return a new optimiser with empty momentum buffers
         */
        public Sgd build() {
            return new Sgd(this);
        }
    }
}
