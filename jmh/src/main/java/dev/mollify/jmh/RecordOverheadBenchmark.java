package dev.mollify.jmh;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of one recorded elementwise add on 2-element values, beside the unrecorded and raw-tensor add. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 10, time = 1) // young-generation sizing settles late for these tiny allocations
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RecordOverheadBenchmark {
    final Var a = Var.param(Tensor.vector(1.0, 2.0));
    final Var b = Var.param(Tensor.vector(3.0, 4.0));
    final Tensor ta = Tensor.vector(1.0, 2.0);
    final Tensor tb = Tensor.vector(3.0, 4.0);

    @Benchmark
    public Var recordedAdd() {
        return a.add(b);
    }

    @Benchmark
    public Var unrecordedAdd() {
        try (Autograd.Scope s = Autograd.noGrad()) {
            return a.add(b);
        }
    }

    @Benchmark
    public Tensor tensorAdd() {
        return ta.add(tb);
    }
}
