package dev.mollify.jmh;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.train.LossTerms;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.MemoryStats;
import dev.mollify.tensor.Workspace;
import java.util.function.Supplier;

/**
 * Tensor storage of one call of a benchmark workload, for {@code jmh/compare.sh} (not timed). Each
 * argument names one benchmark with its parameters; for each, after two warm-up calls, one line
 * {@code MEM <argument> <bytes>}: with {@code fresh} storage (and for matmul) the tensor bytes one call
 * allocates (an upper bound on its peak of live tensor storage, equal to it where the graph holds every
 * tensor to the end, as for the MLP derivatives); with {@code workspace} the bytes the workspace holds
 * between calls plus what a call allocates (its kept outputs).
 *
 * <pre>
 *   matmul:F64:256           MatmulBenchmark (size, dtype; simd)
 *   mlp:1000:2:fresh         MlpDerivativeBenchmark (points, order, storage)
 *   conv:fwd:16x1000x51:F32:fresh   MollifierConvBenchmark (forward|fwdbwd, shape, dtype, storage; path simd)
 *   step:heat:autodiff       PinnStepBenchmark (problem, route): the peak of live tensor storage of one
 *                            gradient evaluation (loss + backward, fresh storage; InverseProblem#measureStep)
 *   layerstep:heat:autodiff:F32   LayerStepBenchmark (problem, route, dtype): the same peak for its loss model
 * </pre>
 */
public final class CompareMemoryProbe {
    private CompareMemoryProbe() {}

    /** The sum of a loss model's terms (the trainer's total with uniform weights). */
    static Var total(LossTerms terms) {
        Var sum = null;
        for (var t : terms.asMap().values()) sum = sum == null ? t : sum.add(t);
        return sum;
    }

    public static void main(String[] args) {
        for (String spec : args) {
            String[] p = spec.split(":");
            Supplier<Object> call;
            Workspace ws = null;
            switch (p[0]) {
                case "step": {
                    InverseProblem problem =
                            PinnStepBenchmark.fit(p[1], p[2]).setup().problem();
                    System.out.println(
                            "MEM " + spec + " " + problem.measureStep(1).peakLiveBytes());
                    continue;
                }
                case "layerstep": {
                    var model = new LayerStepBenchmark.Step(p[1], p[2], DType.valueOf(p[3]));
                    for (int i = 0; i < 2; i++) {
                        model.parameters().zeroGrad();
                        total(model.loss()).backward();
                    }
                    try (MemoryStats.Meter meter = MemoryStats.meter()) {
                        model.parameters().zeroGrad();
                        total(model.loss()).backward();
                        System.out.println("MEM " + spec + " " + meter.peakLiveBytes());
                    }
                    continue;
                }
                case "matmul": {
                    MatmulBenchmark b = new MatmulBenchmark();
                    b.dtype = p[1];
                    b.size = p[2];
                    b.simd = true;
                    b.setup();
                    call = b::matmul;
                    break;
                }
                case "mlp": {
                    MlpDerivativeBenchmark b = new MlpDerivativeBenchmark();
                    b.points = Integer.parseInt(p[1]);
                    b.order = Integer.parseInt(p[2]);
                    b.storage = p[3];
                    b.setup();
                    ws = b.storage.equals("workspace") ? b.workspace : null;
                    call = b::derivatives;
                    break;
                }
                case "conv": {
                    MollifierConvBenchmark b = new MollifierConvBenchmark();
                    b.shape = p[2];
                    b.dtype = p[3];
                    b.storage = p[4];
                    b.path = "simd";
                    b.setup();
                    boolean backward = p[1].equals("fwdbwd");
                    Supplier<Object> work = backward ? b::gradients : () -> b.layer.forward(b.x);
                    if (b.storage.equals("workspace")) {
                        ws = b.workspace;
                        Workspace w = ws;
                        call = () -> {
                            try (Workspace.Scope s = w.enter()) {
                                return work.get().hashCode();
                            }
                        };
                    } else {
                        call = work;
                    }
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown workload " + spec);
            }
            call.get();
            call.get();
            MemoryStats.resetAllocated();
            call.get();
            long bytes = MemoryStats.allocatedBytes() + (ws == null ? 0 : ws.freeBytes());
            System.out.println("MEM " + spec + " " + bytes);
        }
    }
}
