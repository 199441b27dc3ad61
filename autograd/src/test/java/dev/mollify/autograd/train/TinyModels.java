package dev.mollify.autograd.train;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Activation;
import dev.mollify.autograd.nn.Mlp;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small loss models for the training tests. */
final class TinyModels {
    private TinyModels() {}

    /**
     * Fit {@code y = a·x + b} (truth a = 2, b = 0.5) on 32 points drawn each step from the step's
     * generator: {@code data = mean((a x + b − y)²)}, {@code residual = scale·(a + b − 2.5)²}.
     * Faults can be injected at a step: a NaN data term, a NaN gradient of {@code b}, an exploding loss.
     */
    static final class Line implements LossModel {
        final Var a = Var.param(Tensor.vector(0.0));
        final Var b = Var.param(Tensor.vector(0.0));
        final Parameters params = new Parameters().add("a", a).add("b", b);
        double residualScale = 1;
        int nanValueAt = -1, nanGradAt = -1, explodeAt = -1;
        int step;
        Tensor x = Tensor.uniform(new Rng(7), -1, 1, 32);

        @Override
        public Parameters parameters() {
            return params;
        }

        @Override
        public void beginStep(StepContext ctx) {
            step = ctx.step();
            x = Tensor.uniform(ctx.rng(), -1, 1, 32);
        }

        @Override
        public LossTerms loss() {
            Var xv = Var.constant(x);
            Var y = Var.constant(x.mul(2.0).add(0.5));
            Var data = a.mul(xv).add(b).sub(y).square().mean();
            if (step == nanValueAt) data = data.mul(Double.NaN);
            if (step >= explodeAt && explodeAt > 0) data = data.add(1e9);
            Var residual = a.add(b).sub(2.5).square().sum().mul(residualScale);
            if (step == nanGradAt) residual = residual.add(b.mul(0.0).pow(0.5).sum());
            return LossTerms.of("data", data, "residual", residual);
        }

        @Override
        public Map<String, Double> report() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("a", a.item());
            m.put("b", b.item());
            return m;
        }
    }

    /**
     * A small MLP u(x) and one unknown k: {@code data = mean((u − sin πx)²)} on 16 fixed points,
     * {@code residual = mean((u − k·sin πx)²)} on 16 collocation points resampled every step (truth k = 1).
     */
    static final class MlpWithUnknown implements LossModel {
        final Mlp net = Mlp.builder()
                .inputs(1)
                .hidden(8, 8)
                .outputs(1)
                .activation(Activation.TANH)
                .seed(3)
                .build();
        final Var k = Var.param(Tensor.vector(0.3));
        final Parameters params = new Parameters().add("net", net.parameters()).add("k", k);
        final Tensor xData = Tensor.linspace(-1, 1, 16).reshape(16, 1);
        Tensor xColl = Tensor.uniform(new Rng(11), -1, 1, 16, 1);

        @Override
        public Parameters parameters() {
            return params;
        }

        @Override
        public void beginStep(StepContext ctx) {
            xColl = Tensor.uniform(ctx.rng(), -1, 1, 16, 1);
        }

        @Override
        public LossTerms loss() {
            Var data = net.forward(Var.constant(xData))
                    .sub(Var.constant(xData.mul(Math.PI).sin()))
                    .square()
                    .mean();
            Var sc = Var.constant(xColl.mul(Math.PI).sin());
            Var residual =
                    net.forward(Var.constant(xColl)).sub(k.mul(sc)).square().mean();
            return LossTerms.of("data", data, "residual", residual);
        }

        @Override
        public Map<String, Double> report() {
            return Map.of("k", k.item());
        }
    }

    /**
     * A settled unknown beside a loss that goes on falling: the loss is {@code mean((net(x) − sin 5πx)²)} on
     * 64 points of [−1, 1], which L-BFGS lowers over many iterations, and the reported unknown k is the
     * constant 1, settled from the start.
     */
    static final class SettledUnknownFallingLoss implements LossModel {
        final Mlp net = Mlp.builder()
                .inputs(1)
                .hidden(16, 16)
                .outputs(1)
                .activation(Activation.TANH)
                .seed(5)
                .build();
        final Tensor x = Tensor.linspace(-1, 1, 64).reshape(64, 1);

        @Override
        public Parameters parameters() {
            return net.parameters();
        }

        @Override
        public LossTerms loss() {
            Var fit = net.forward(Var.constant(x))
                    .sub(Var.constant(x.mul(5 * Math.PI).sin()))
                    .square()
                    .mean();
            return LossTerms.of("fit", fit);
        }

        @Override
        public Map<String, Double> report() {
            return Map.of("k", 1.0);
        }
    }

    /** A loss that never changes: {@code 1 + 0·a}. */
    static final class Flat implements LossModel {
        final Var a = Var.param(Tensor.vector(1.0));
        final Parameters params = new Parameters().add("a", a);

        @Override
        public Parameters parameters() {
            return params;
        }

        @Override
        public LossTerms loss() {
            return LossTerms.of("data", a.mul(0.0).add(1.0).sum());
        }

        @Override
        public Map<String, Double> report() {
            return Map.of();
        }
    }
}
