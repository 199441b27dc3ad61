package dev.mollify.jmh;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.Crossover;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifierLayer;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.Workspace;
import dev.mollify.tensor.kernels.Simd;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The mollifier convolution table: 1-D smoothing of a (B, 1, N) field with a bump kernel of K
 * taps (K = 2M + 1, reflect boundary, same-size output), the kernel rebuilt from the learnable width
 * θ on every call, exactly as a user's {@link MollifierLayer} does.
 *
 * <ul>
 *   <li>{@code forward}: y = layer(x).</li>
 *   <li>{@code forwardBackward}: y = layer(x), then {@link Autograd#grad} of Σ y·r (r fixed, random)
 *   with respect to the input x <em>and</em> the width parameter θ (the input and width gradients).</li>
 * </ul>
 * {@code path}: {@code simd} = direct correlation with Vector API loops, {@code scalar} = direct with
 * the scalar loops ({@code Simd.setEnabled(false)}), both with the FFT path switched off
 * ({@code Crossover.setMinFftTaps(Integer.MAX_VALUE)}); {@code fft} = the JTransforms path forced for
 * every one-axis kernel ({@code Crossover.setMinFftTaps(1)}; correlation, input gradient and per-tap width reduction).
 * The measured crossover (what the automatic choice would use) is printed once per fork.
 * The PyTorch peer for the same table is {@code jmh/peer/torch_conv_peer.py}.
 * FLOPs of one direct correlation: 2·B·N·K (163 MFLOP at (16, 100000, 51)).
 *
 * <p>Warm-up is 10 × 1 s: on a shared 2-core machine the Vector API loops (and the many small autograd
 * kernels around them) take 5–6 s to reach C2 (forwardBackward at (16, 1000, 51), F32, simd: 1.69,
 * 0.58, 0.25, 0.32, 0.085, 0.081, 0.079 ms/op over warm-up seconds 2–8). Check that the last warm-up
 * iterations are flat. Large calls use {@code Parallel.threads()} threads (set
 * {@code -Dmollify.threads=1} with {@code -jvmArgsAppend} for single-core numbers).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class MollifierConvBenchmark {
    /** B x N x K. */
    @Param({"16x1000x51", "16x100000x51", "1x1000000x51", "64x4096x255"})
    String shape;

    @Param({"F32", "F64"})
    String dtype;

    @Param({"simd", "scalar", "fft"})
    String path;

    /**
     * {@code fresh}: every output is a new (zeroed) array; {@code workspace}: each call runs in a
     * {@link Workspace} scope and its results are consumed inside it, so storage is reused from the
     * previous call (as PyTorch's caching allocator does implicitly).
     */
    @Param({"fresh", "workspace"})
    String storage;

    final Workspace workspace = new Workspace();

    MollifierLayer layer;
    Var x;
    Var theta;
    Var r;
    boolean previousSimd;
    int previousMinTaps;

    @Setup
    public void setup() {
        String[] p = shape.split("x");
        int b = Integer.parseInt(p[0]), n = Integer.parseInt(p[1]), k = Integer.parseInt(p[2]);
        if (k % 2 == 0) throw new IllegalArgumentException("K must be odd, got " + k);
        int m = (k - 1) / 2;
        double h = 1.0 / (n - 1);
        System.out.println("# " + Crossover.describe()
                + " (fixed default; -Dmollify.fft.minTaps=measure times it on this machine)");
        switch (path) {
            case "simd":
                previousSimd = Simd.setEnabled(true);
                previousMinTaps = Crossover.setMinFftTaps(Integer.MAX_VALUE);
                break;
            case "scalar":
                previousSimd = Simd.setEnabled(false);
                previousMinTaps = Crossover.setMinFftTaps(Integer.MAX_VALUE);
                break;
            case "fft":
                previousSimd = Simd.setEnabled(true);
                previousMinTaps = Crossover.setMinFftTaps(1);
                break;
            default:
                throw new IllegalArgumentException("path must be simd, scalar or fft, got " + path);
        }
        DType dt = DType.valueOf(dtype);
        // δ = 0.75·M·h (the layer's default): the bump covers 3/4 of the window
        layer = MollifierLayer.builder(KernelFamily.bump(), h, m)
                .width(0.75 * m * h)
                .learnable(true)
                .boundary(Boundary.REFLECT)
                .build();
        theta = layer.parameters().get("theta");
        x = Var.param(Tensor.randn(1L, b, 1, n).to(dt));
        r = Var.constant(Tensor.randn(2L, b, 1, n).to(dt));
    }

    @TearDown
    public void tearDown() {
        Simd.setEnabled(previousSimd);
        Crossover.setMinFftTaps(previousMinTaps);
    }

    @Benchmark
    public void forward(Blackhole bh) {
        consume(bh, () -> layer.forward(x));
    }

    @Benchmark
    public void forwardBackward(Blackhole bh) {
        consume(bh, this::gradients);
    }

    /** Runs {@code work} with this trial's storage and consumes its result (inside the scope, for a workspace). */
    private void consume(Blackhole bh, Supplier<Object> work) {
        if (storage.equals("fresh")) {
            bh.consume(work.get());
            return;
        }
        try (Workspace.Scope s = workspace.enter()) {
            bh.consume(work.get());
        }
    }

    List<Var> gradients() {
        Var loss = layer.forward(x).mul(r).sum();
        return Autograd.grad(List.of(loss), List.of(x, theta), null, false, false, false);
    }
}
