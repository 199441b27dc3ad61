package dev.mollify.jmh;

import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.kernels.Simd;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square matmul n×n·n×n, SIMD against the scalar reference in the same run. GFLOP/s = 2n³ / time.
 * Also the PINN layer shape (1000×50)·(50×50) as {@code n = 50} with 1000 rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1) // the Vector API loops need a few seconds to reach C2 here
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatmulBenchmark {
    @Param({"32", "64", "256", "512", "1024", "pinn"})
    String size;

    @Param({"F64", "F32"})
    String dtype;

    @Param({"true", "false"})
    boolean simd;

    Tensor a, b;
    boolean previous;

    @Setup
    public void setup() {
        previous = Simd.setEnabled(simd);
        DType dt = DType.valueOf(dtype);
        if (size.equals("pinn")) {
            a = Tensor.randn(1, 1000, 50).to(dt);
            b = Tensor.randn(2, 50, 50).to(dt);
        } else {
            int n = Integer.parseInt(size);
            a = Tensor.randn(1, n, n).to(dt);
            b = Tensor.randn(2, n, n).to(dt);
        }
    }

    @TearDown
    public void tearDown() {
        Simd.setEnabled(previous);
    }

    @Benchmark
    public Tensor matmul() {
        return a.matmul(b);
    }
}
