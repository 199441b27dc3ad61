package dev.mollify.jmh;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Activation;
import dev.mollify.autograd.nn.Init;
import dev.mollify.autograd.nn.Mlp;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.autograd.train.LossModel;
import dev.mollify.autograd.train.LossTerms;
import dev.mollify.autograd.train.Trainer;
import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.mollifier.DifferentialOperator;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifiedDerivatives;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.Interpolation;
import dev.mollify.pde.pinn.SparseMatrix;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One PINN training step built from the layers, as the PyTorch peer ({@code peer/torch_step_peer.py}) builds
 * it, in F64 and F32: the network ({@link Mlp}), the derivatives ({@link Autograd#grad} with the graph kept,
 * or {@link MollifiedDerivatives}), the data at the points ({@link Interpolation}), one Adam update, run by a
 * {@link Trainer} (one {@code Workspace} reused from step to step). {@link PinnStepBenchmark} measures the
 * step {@code mollify fit} trains, which is F64 only (so is the {@code pde} module's problem set-up); this
 * one has the same sizes and work in either precision.
 *
 * <ul>
 *   <li>Data: {@link PinnStepBenchmark#POINTS} points as {@link PinnStepBenchmark} draws them (heat: the exact
 *   series in [0, 1]²; Burgers: Cole–Hopf, ν = 0.01/π, x in [−1, 1]); the collocation grid
 *   {@link PinnStepBenchmark#GRID} × {@link PinnStepBenchmark#GRID} nodes over the points' box.</li>
 *   <li>Network 2 → 32 → 32 → 32 → 1, tanh, Glorot-normal (seed 1), inputs mapped to [−1, 1],
 *   output = mean + scale · network (the data's mean and standard deviation).</li>
 *   <li>Loss = mean((prediction − y)²)/σ² + mean(r²), r = u_t − D·u_xx (heat) or u_t + a·u·u_x − b·u_xx
 *   (Burgers), each unknown = scale · θ (θ = 1 at the start; scales 0.1, and 1 and 0.003).</li>
 *   <li>{@code route=autodiff}: the network at the nodes X (a leaf made each step), g = ∂u/∂X with the
 *   graph kept gives u_t and u_x, u_xx = ∂u_x/∂X, x column; the network alone at the data points.</li>
 *   <li>{@code route=mollifier}: the network on the grid plus {@link #HALO} cells per side, û and its
 *   derivatives by {@link MollifiedDerivatives} (the bump, ±{@link #TAPS} taps, three-point differences of
 *   the sampled bump, δ per axis as {@link PinnStepBenchmark#main} prints it); Burgers' u·u_x is ½ĝ² against
 *   ∂_xη (flux form) and its data are compared on ĝ, heat's on û. The data through bilinear interpolation
 *   from the grid.</li>
 * </ul>
 *
 * <pre>
 *   java -jar jmh/target/benchmarks.jar LayerStep
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class LayerStepBenchmark {
    /** Taps of the bump on each side of the centre, per axis. */
    static final int TAPS = 5;
    /** Cells of network beyond the grid on each side: the taps plus the difference stencil's one. */
    static final int HALO = TAPS + 1;

    @Param({"heat", "burgers"})
    String problem;

    @Param({"autodiff", "mollifier"})
    String route;

    @Param({"F64", "F32"})
    String dtype;

    Step step;

    @Setup
    public void setup() {
        step = new Step(problem, route, DType.valueOf(dtype));
    }

    /** {@link PinnStepBenchmark#STEPS} Adam steps through a new trainer. */
    @Benchmark
    @OperationsPerInvocation(PinnStepBenchmark.STEPS)
    public double steps() {
        return train(step, PinnStepBenchmark.STEPS).total();
    }

    /** {@code steps} Adam steps (lr 5e-3, the peer's) of {@code step} through a new trainer, which reuses one workspace. */
    static TrainingResult train(Step step, int steps) {
        return Trainer.builder(step)
                .adamSteps(steps)
                .lr(5e-3)
                .lbfgsIterations(0)
                .seed(1)
                .trackMemory(false)
                .build()
                .run();
    }

    /** The loss model of one problem, route and precision; every constant is made here, in that precision. */
    static final class Step implements LossModel {
        final DType dt;
        final boolean heat;
        final boolean mollifier;
        final Mlp net;
        final Var centre, invHalf;
        final double mean, scale, variance;
        final Var[] theta;
        final double[] scales;
        final Parameters params = new Parameters();
        final Var points, values;
        final Tensor nodes; // autodiff: the collocation nodes; mollifier: the grid with its halo
        final Var ones;
        final MollifiedDerivatives layer;
        final SparseMatrix toPoints;

        Step(String problem, String route, DType dt) {
            this.dt = dt;
            heat = problem.equals("heat");
            mollifier = switch (route) {
                case "autodiff" -> false;
                case "mollifier" -> true;
                default -> throw new IllegalArgumentException("route must be autodiff or mollifier, got " + route);
            };
            int n = PinnStepBenchmark.POINTS;
            double[][] data = PinnStepBenchmark.data(problem);
            double[] y = data[2];
            double[][] pts = new double[n][];
            for (int i = 0; i < n; i++) pts[i] = new double[] {data[0][i], data[1][i]};
            double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE}, hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
            double[] flat = new double[2 * n];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < 2; a++) {
                    lo[a] = Math.min(lo[a], pts[i][a]);
                    hi[a] = Math.max(hi[a], pts[i][a]);
                    flat[2 * i + a] = pts[i][a];
                }
            }
            double s = 0, s2 = 0;
            for (double v : y) s += v;
            mean = s / n;
            for (double v : y) s2 += (v - mean) * (v - mean);
            variance = s2 / (n - 1);
            scale = Math.sqrt(variance);
            centre = Var.constant(Tensor.of(new double[] {(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2}, 1, 2)
                    .to(dt));
            invHalf = Var.constant(Tensor.of(new double[] {2 / (hi[0] - lo[0]), 2 / (hi[1] - lo[1])}, 1, 2)
                    .to(dt));
            net = Mlp.builder()
                    .inputs(2)
                    .hidden(32, 32, 32)
                    .outputs(1)
                    .activation(Activation.TANH)
                    .init(Init.GLOROT_NORMAL)
                    .seed(1)
                    .dtype(dt)
                    .build();
            params.add("net", net.parameters());
            scales = heat ? new double[] {0.1} : new double[] {1.0, 0.003};
            theta = new Var[scales.length];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = Var.param(Tensor.scalar(dt, 1.0));
                params.add("theta" + i, theta[i]);
            }
            points = Var.constant(Tensor.of(flat, n, 2).to(dt));
            values = Var.constant(Tensor.of(y, n).to(dt));
            int m = PinnStepBenchmark.GRID;
            Grid grid =
                    new Grid(List.of("t", "x"), List.of(Grid.uniform(lo[0], hi[0], m), Grid.uniform(lo[1], hi[1], m)));
            double[] h = grid.spacings();
            if (mollifier) {
                nodes = grid.extend(HALO, HALO).points(grid.axisNames()).to(dt);
                double[] delta = heat ? new double[] {0.09976, 0.09983} : new double[] {0.09981, 0.1999};
                layer = MollifiedDerivatives.builder(KernelFamily.bump(), h, new int[] {TAPS, TAPS})
                        .widths(delta)
                        .method(DerivativeKernels.Method.DIFFERENCES)
                        .build();
                toPoints = Interpolation.multilinear(grid, pts);
                ones = null;
            } else {
                nodes = grid.points(grid.axisNames()).to(dt);
                layer = null;
                toPoints = null;
                ones = Var.constant(Tensor.ones(dt, nodes.shape()[0], 1));
            }
        }

        /** The network's field at rows of (t, x): mean + scale · net((p − centre) · invHalf), (rows, 1). */
        Var field(Var p) {
            return net.forward(p.sub(centre).mul(invHalf)).mul(scale).add(mean);
        }

        /** The residual from the field's value and derivatives (flux: ½u² differentiated in x, or null). */
        Var residual(Var u, Var ut, Var ux, Var uxx, Var flux) {
            if (heat) return ut.sub(theta[0].mul(scales[0]).mul(uxx));
            Var advect = flux != null ? flux : u.mul(ux);
            return ut.add(theta[0].mul(scales[0]).mul(advect))
                    .sub(theta[1].mul(scales[1]).mul(uxx));
        }

        @Override
        public Parameters parameters() {
            return params;
        }

        @Override
        public LossTerms loss() {
            Var fitted, r;
            if (mollifier) {
                int side = PinnStepBenchmark.GRID + 2 * HALO;
                Var g = field(Var.constant(nodes)).reshape(1, 1, side, side);
                var value = DifferentialOperator.of(0, 0);
                var dt1 = DifferentialOperator.of(1, 0);
                var dx1 = DifferentialOperator.of(0, 1);
                var dx2 = DifferentialOperator.of(0, 2);
                if (heat) {
                    Map<DifferentialOperator, Var> d = layer.compute(g, value, dt1, dx2);
                    r = residual(d.get(value), d.get(dt1), null, d.get(dx2), null);
                    fitted = d.get(value);
                } else {
                    Map<DifferentialOperator, Var> d = layer.compute(g, value, dt1, dx1, dx2);
                    Var flux = layer.computeAligned(g.square().mul(0.5), new DifferentialOperator[] {dt1, dx2}, dx1)
                            .get(dx1);
                    r = residual(d.get(value), d.get(dt1), d.get(dx1), d.get(dx2), flux);
                    int m = PinnStepBenchmark.GRID;
                    fitted = g.narrow(2, HALO, m).narrow(3, HALO, m);
                }
                fitted = toPoints.apply(fitted);
            } else {
                Var x = Var.param(nodes);
                Var u = field(x);
                Var grad = Autograd.grad(u, x, ones, true);
                Var ut = grad.narrow(1, 0, 1), ux = grad.narrow(1, 1, 1);
                Var uxx = Autograd.grad(ux, x, ones, true).narrow(1, 1, 1);
                r = residual(u, ut, ux, uxx, null);
                fitted = field(points).reshape(PinnStepBenchmark.POINTS);
            }
            Var data = fitted.sub(values).square().mean().div(variance);
            return LossTerms.of("data", data, "residual", r.square().mean());
        }

        @Override
        public Map<String, Double> report() {
            return Map.of();
        }
    }
}
