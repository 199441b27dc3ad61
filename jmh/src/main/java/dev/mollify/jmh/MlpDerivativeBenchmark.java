package dev.mollify.jmh;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.Workspace;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * u and its x-derivatives up to {@code order} for the 2→50→50→50→1 tanh MLP (F64, every grad with
 * createGraph). Memory per evaluation is measured by {@link MemoryProbe}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 8, time = 2) // order 3-4 at 1,000 points needs ~15 s to reach steady C2 code
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx8g"})
public class MlpDerivativeBenchmark {
    @Param({"1000", "10000"})
    int points;

    @Param({"1", "2", "3", "4"})
    int order;

    /**
     * {@code fresh}: every tensor gets a new (zeroed) array, as plain code does; {@code workspace}: each
     * evaluation runs in a {@link Workspace} scope, so storage is reused from the previous evaluation
     * (PyTorch's caching allocator does the same implicitly); the derivatives are kept.
     */
    @Param({"fresh", "workspace"})
    String storage;

    TanhMlp net;
    final Workspace workspace = new Workspace();
    Tensor xs, ts;

    @Setup
    public void setup() {
        net = TanhMlp.pinn(42);
        Tensor[] p = TanhMlp.points(points, 7);
        xs = p[0];
        ts = p[1];
    }

    @Benchmark
    public Var[] derivatives() {
        if (storage.equals("fresh")) return net.derivatives(xs, ts, order);
        try (Workspace.Scope scope = workspace.enter()) {
            Var[] d = net.derivatives(xs, ts, order);
            for (Var v : d) scope.keep(v.value());
            return d;
        }
    }
}
