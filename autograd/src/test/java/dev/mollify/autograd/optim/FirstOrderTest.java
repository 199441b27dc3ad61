package dev.mollify.autograd.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Activation;
import dev.mollify.autograd.nn.Init;
import dev.mollify.autograd.nn.Mlp;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.kernels.Simd;
import org.junit.jupiter.api.Test;

/** Adam, SGD and the learning-rate schedules. */
class FirstOrderTest {
    record Fit(double mse, double[] weights, double[] losses) {}

    /** A 1-16-16-1 tanh network fitted to sin(πx) on 64 points of [−1, 1] by full-batch Adam. */
    static Fit fitSine(int steps) {
        Tensor x = Tensor.linspace(-1, 1, 64).reshape(64, 1);
        Var xs = Var.constant(x);
        Var target = Var.constant(x.mul(Math.PI).sin());
        Mlp net = Mlp.builder()
                .inputs(1)
                .hidden(16, 16)
                .outputs(1)
                .activation(Activation.TANH)
                .init(Init.GLOROT_NORMAL)
                .seed(7)
                .build();
        Adam adam = Adam.builder(net.parameters())
                .schedule(LearningRateSchedule.cosine(0.04, steps, 1e-3))
                .build();
        double[] losses = new double[steps];
        for (int i = 0; i < steps; i++) {
            adam.zeroGrad();
            Var loss = net.forward(xs).sub(target).square().mean();
            loss.backward();
            adam.step();
            losses[i] = loss.item();
        }
        double mse = net.forward(xs).sub(target).square().mean().item();
        return new Fit(mse, net.parameters().flatValues(), losses);
    }

    @Test
    void adamFitsASine() {
        int steps = 600; // MSE ≈ 2e-5 at 500 steps when written
        Fit a = fitSine(steps);
        assertTrue(a.mse < 1e-3, "MSE " + a.mse + " after " + steps + " steps");
    }

    /**
     * Same seed, same data → the same bits, twice. Runs on the scalar kernels: the Vector API
     * transcendentals (tanh, sin, exp) return different last bits before and after HotSpot compiles
     * them (a per-lane fallback first, SVML later), so with SIMD on two identical runs in one JVM can
     * differ in the last bits. The optimiser itself is deterministic in either mode (see
     * {@link #adamLinearRegressionIsBitReproducibleInEitherKernelMode}).
     */
    @Test
    void sameSeedGivesBitIdenticalTraining() {
        boolean previous = Simd.setEnabled(false);
        try {
            Fit a = fitSine(200);
            Fit b = fitSine(200);
            assertArrayEquals(a.weights, b.weights, 0.0);
            assertArrayEquals(a.losses, b.losses, 0.0);
        } finally {
            Simd.setEnabled(previous);
        }
    }

    @Test
    void adamLinearRegressionIsBitReproducibleInEitherKernelMode() {
        double[][] runs = new double[2][];
        for (int r = 0; r < 2; r++) {
            Tensor x = Tensor.randn(5, 30, 3);
            Tensor y = x.matmul(Tensor.of(new double[] {1, -2, 0.5}, 3, 1));
            Var w = Var.param(Tensor.zeros(3, 1));
            Parameters p = Parameters.of(w);
            Adam adam = Adam.builder(p).lr(0.01).weightDecay(1e-4).build();
            for (int i = 0; i < 300; i++)
                adam.step(LossClosure.of(
                        p,
                        () -> Var.constant(x)
                                .matmul(w)
                                .sub(Var.constant(y))
                                .square()
                                .mean()));
            runs[r] = w.value().toDoubleArray();
        }
        assertArrayEquals(runs[0], runs[1], 0.0);
    }

    @Test
    void adamFirstStepsMatchTheFormulas() {
        // on f(p) = ½ Σ c·p² the gradient is c·p; check two steps against Kingma & Ba by hand
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        Var p = Var.param(Tensor.vector(1.0, -2.0));
        Tensor c = Tensor.vector(3.0, 0.5);
        Adam adam = Adam.builder(Parameters.of(p)).lr(lr).betas(b1, b2).eps(eps).build();
        double[] x = {1.0, -2.0}, m = new double[2], v = new double[2];
        for (int t = 1; t <= 2; t++) {
            adam.zeroGrad();
            p.mul(Var.constant(c)).mul(p).sum().mul(0.5).backward();
            adam.step();
            for (int j = 0; j < 2; j++) {
                double g = c.get(j) * x[j];
                m[j] = b1 * m[j] + (1 - b1) * g;
                v[j] = b2 * v[j] + (1 - b2) * g * g;
                double mHat = m[j] / (1 - Math.pow(b1, t)), vHat = v[j] / (1 - Math.pow(b2, t));
                x[j] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            assertArrayEquals(x, p.value().toDoubleArray(), 1e-15);
        }
        // first Adam step moves each coordinate by ≈ lr against the sign of its gradient
        assertEquals(1.0 - 2 * 0.1, x[0], 0.01);
    }

    @Test
    void adamWithL2AndDecoupledWeightDecay() {
        Var p = Var.param(Tensor.vector(2.0));
        p.setGrad(Tensor.vector(0.0));
        Adam.builder(Parameters.of(p))
                .lr(0.1)
                .weightDecay(0.5)
                .decoupledWeightDecay(true)
                .build()
                .step();
        // AdamW with zero gradient: only the decay acts, p·(1 − lr·λ)
        assertEquals(2.0 * (1 - 0.05), p.item(), 1e-15);
        Var q = Var.param(Tensor.vector(2.0));
        q.setGrad(Tensor.vector(0.0));
        Adam.builder(Parameters.of(q)).lr(0.1).weightDecay(0.5).build().step();
        // L2: the gradient becomes λ·q = 1 and the first step has size ≈ lr
        assertEquals(2.0 - 0.1, q.item(), 1e-7);
    }

    @Test
    void adamFitsLinearRegressionToHighAccuracy() {
        Tensor x = Tensor.rand(3, 40, 2);
        Tensor wTrue = Tensor.of(new double[] {1.5, -0.7}, 2, 1);
        Tensor y = x.matmul(wTrue).add(0.25);
        Var w = Var.param(Tensor.zeros(2, 1));
        Var bias = Var.param(Tensor.zeros(1));
        Parameters p = new Parameters().add("w", w).add("b", bias);
        Adam adam = Adam.builder(p)
                .schedule(LearningRateSchedule.exponential(0.05, 0.997))
                .build();
        double loss = 0;
        for (int i = 0; i < 2000; i++) {
            loss = adam.step(LossClosure.of(
                    p,
                    () -> Var.constant(x)
                            .matmul(w)
                            .add(bias)
                            .sub(Var.constant(y))
                            .square()
                            .mean()));
        }
        assertTrue(loss < 1e-6, "loss " + loss);
        assertEquals(1.5, w.value().get(0, 0), 1e-3);
        assertEquals(0.25, bias.item(), 1e-3);
        assertEquals(2000, adam.steps());
    }

    @Test
    void sgdMomentumAndNesterovFollowPyTorchsRule() {
        // f(p) = ½p², gradient p; lr 0.1, μ 0.9. Hand-computed from the update rule in Sgd's Javadoc.
        double lr = 0.1, mu = 0.9;
        for (boolean nesterov : new boolean[] {false, true}) {
            Var p = Var.param(Tensor.scalar(1.0));
            Sgd sgd = Sgd.builder(Parameters.of(p))
                    .lr(lr)
                    .momentum(mu)
                    .nesterov(nesterov)
                    .build();
            double x = 1.0, buf = 0;
            for (int t = 0; t < 5; t++) {
                sgd.zeroGrad();
                p.square().mul(0.5).backward();
                sgd.step();
                double g = x;
                buf = t == 0 ? g : mu * buf + g;
                x -= lr * (nesterov ? g + mu * buf : buf);
                assertEquals(x, p.item(), 1e-15, "nesterov=" + nesterov + " step " + t);
            }
        }
        Var q = Var.param(Tensor.scalar(1.0));
        Sgd plain = Sgd.builder(Parameters.of(q)).lr(0.1).weightDecay(0.5).build();
        q.setGrad(Tensor.scalar(1.0));
        plain.step();
        assertEquals(1.0 - 0.1 * (1.0 + 0.5), q.item(), 1e-15);
        assertThrows(
                IllegalArgumentException.class,
                () -> Sgd.builder(Parameters.of(q)).nesterov(true).build());
    }

    @Test
    void parametersWithoutGradientsAreSkipped() {
        Var used = Var.param(Tensor.scalar(1.0));
        Var unused = Var.param(Tensor.of(new double[] {5, 6}, 2));
        Parameters p = new Parameters().add("used", used).add("unused", unused);
        Adam adam = Adam.of(p, 0.1);
        Sgd sgd = Sgd.builder(p).lr(0.1).momentum(0.5).build();
        for (Optimizer opt : new Optimizer[] {adam, sgd}) {
            opt.zeroGrad();
            used.square().backward();
            assertNull(unused.grad());
            opt.step();
            assertArrayEquals(new double[] {5, 6}, unused.value().toDoubleArray(), 0.0);
        }
        assertTrue(used.item() < 1.0);
        // the skipped parameter's state did not advance: its first real step is a full-size first Adam step
        unused.setGrad(Tensor.of(new double[] {1, -1}, 2));
        used.zeroGrad();
        adam.step();
        assertArrayEquals(new double[] {4.9, 6.1}, unused.value().toDoubleArray(), 1e-9);
    }

    @Test
    void optimisersKeepF32ParametersInF32() {
        Var p = Var.param(Tensor.ones(DType.F32, 3));
        Adam adam = Adam.of(Parameters.of(p), 0.1);
        p.setGrad(Tensor.ones(DType.F32, 3));
        adam.step();
        assertEquals(DType.F32, p.dtype());
        assertEquals(0.9f, p.value().toFloatArray()[0], 1e-6f);
    }

    @Test
    void rejectsParametersThatDoNotRequireGradients() {
        Parameters p = new Parameters().add("c", Var.constant(Tensor.zeros(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Adam.of(p, 0.1));
        assertTrue(e.getMessage().contains("'c'"), e.getMessage());
    }

    @Test
    void schedules() {
        assertEquals(0.3, LearningRateSchedule.constant(0.3).rate(1000), 0.0);
        LearningRateSchedule step = LearningRateSchedule.stepDecay(1.0, 10, 0.5);
        assertEquals(1.0, step.rate(9), 0.0);
        assertEquals(0.5, step.rate(10), 0.0);
        assertEquals(0.25, step.rate(25), 0.0);
        assertEquals(0.9 * 0.9, LearningRateSchedule.exponential(1.0, 0.9).rate(2), 1e-16);
        LearningRateSchedule cos = LearningRateSchedule.cosine(1.0, 100, 0.1);
        assertEquals(1.0, cos.rate(0), 0.0);
        assertEquals(0.55, cos.rate(50), 1e-15);
        assertEquals(0.1, cos.rate(100), 0.0);
        assertEquals(0.1, cos.rate(500), 0.0);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(-1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(1, 0, 0.5));
    }
}
