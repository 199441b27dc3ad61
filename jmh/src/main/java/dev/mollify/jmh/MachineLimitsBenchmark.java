package dev.mollify.jmh;

import dev.mollify.jmh.limits.GemmTileKernels;
import dev.mollify.jmh.limits.LimitKernels;
import dev.mollify.jmh.limits.LoadFmaKernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's limits, the roofs the kernels are compared against by {@code jmh/scaling.sh} (jmh/README.md,
 * "`scaling.sh`: scaling curves and the machine's limits").
 *
 * <ul>
 *   <li>{@code triad1}, {@code triad2}: memory bandwidth, STREAM triad {@code a[i] = b[i] + s·c[i]} over
 *   three F64 arrays of {@code n} elements per thread (default 2²⁴: 128 MiB each, 384 MiB per thread, far
 *   beyond the caches), on 1 and 2 threads. Bytes per call, STREAM's convention: 3 · 8 · n (read b and c,
 *   write a). Write-allocate is <em>not</em> counted: the JIT's plain stores first read each line of a,
 *   so the memory bus carries 4 · 8 · n, 4/3 of the reported figure.</li>
 *   <li>{@code fmaF64x1}, {@code fmaF64x2}, {@code fmaF32x1}, {@code fmaF32x2}: peak floating-point rate,
 *   {@link LimitKernels#CHAINS} independent chains x ← fma(x, m, q) on Vector API vectors, on 1 and 2
 *   threads. FLOPs per call: 2 · CHAINS · lanes · reps (an FMA is two).</li>
 *   <li>{@code loadFmaUnalignedF32x1}, {@code loadFmaUnalignedF32x2}: the direct convolution's inner loop
 *   alone ({@link LoadFmaKernels}), F32, in L1: 8 vector accumulators; each tap broadcasts one weight and
 *   loads 8 vectors of x at output offset + tap, so 15 of 16 loads (AVX-512) cross a cache line. The
 *   ceiling of the direct convolution as it loads today. FLOPs per call: 2 · lanes · 8 · TAPS · BLOCKS.</li>
 *   <li>{@code loadFmaAlignedF32x1}, {@code loadFmaAlignedF32x2}: the same loop with every load on one
 *   64-byte line (offsets 16·t from {@link LoadFmaKernels#ALIGNED_START}, in a fork with
 *   {@code -XX:ObjectAlignmentInBytes=64}); the gap between the two is what the split loads cost.</li>
 *   <li>{@code gemmTileF64x1}, {@code gemmTileF64x2}, {@code gemmTileF32x1}, {@code gemmTileF32x2}: the
 *   matrix product's 4 × 3-vector micro-kernel alone ({@link GemmTileKernels}, a copy of the tensor
 *   module's {@code tile4x3}) on packed panels in L1: the ceiling of {@code MatmulBenchmark}. FLOPs per
 *   call: 2 · MR · NR · KC.</li>
 * </ul>
 * Mode is throughput, summed over the threads. Each method's auxiliary counter ({@code bytes} or
 * {@code flops}, JMH's secondary result in "ops/s") is the rate itself: GB/s = bytes / 10⁹, GFLOP/s =
 * flops / 10⁹. Each thread has its own arrays, allocated and first touched by that thread. Only
 * {@code triad*} and {@code fmaF*} feed {@code scaling.sh}'s roofline.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class MachineLimitsBenchmark {
    /** FMA steps per chain and call: 12 chains × 10⁴ steps, some 60,000 cycles per call. */
    static final int REPS = 10_000;

    /** The three arrays of one thread's triad. */
    @State(Scope.Thread)
    public static class Arrays {
        /** Elements per array (per thread). */
        @Param({"16777216"})
        public int n;

        double[] a, b, c;
        final double s = 3.0;

        /** Allocates and touches the arrays on the thread that will use them. */
        @Setup
        public void setup() {
            a = new double[n];
            b = new double[n];
            c = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = 0;
                b[i] = 1;
                c[i] = 2;
            }
        }
    }

    /** Bytes moved, STREAM's count (3 · 8 · n per triad), as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {
        /** Bytes counted in this iteration. */
        public long bytes;

        /** Starts each iteration's count at 0. */
        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /** Floating-point operations done, as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        /** FLOPs counted in this iteration. */
        public long flops;

        long perF64, perF32, perLoadFma, perTileF64, perTileF32;

        /** Starts each iteration's count at 0 and fixes the FLOPs of one call of each kernel. */
        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
            perF64 = 2L * LimitKernels.CHAINS * LimitKernels.lanesF64() * REPS;
            perF32 = 2L * LimitKernels.CHAINS * LimitKernels.lanesF32() * REPS;
            perLoadFma = 2L * LimitKernels.lanesF32() * LoadFmaKernels.fmasPerCall();
            perTileF64 = 2L * GemmTileKernels.MR * GemmTileKernels.nrF64() * GemmTileKernels.KC;
            perTileF32 = 2L * GemmTileKernels.MR * GemmTileKernels.nrF32() * GemmTileKernels.KC;
        }
    }

    /** Multiplier and addend of the chains, read from fields so that the JIT cannot fold them. */
    @State(Scope.Thread)
    public static class Chain {
        double m = 0.5, q = 0.5;
        float mf = 0.5f, qf = 0.5f;
    }

    /**
     * One thread's input, weights and outputs of the load-and-FMA loop: x in [0.5, 1), weights summing to about
     * 1 (each call adds about 0.75 to every output: no overflow for 10¹⁰ calls).
     */
    @State(Scope.Thread)
    public static class Taps {
        float[] x, h, y;

        /** Allocates and fills the arrays on the thread that will use them. */
        @Setup
        public void setup() {
            Random r = new Random(1);
            x = new float[LoadFmaKernels.length()];
            h = new float[LoadFmaKernels.TAPS];
            y = new float[LoadFmaKernels.outputs()];
            for (int i = 0; i < x.length; i++) x[i] = 0.5f + 0.5f * r.nextFloat();
            for (int t = 0; t < h.length; t++) h[t] = 2f * r.nextFloat() / h.length;
        }
    }

    /** One thread's packed panels of the micro-kernel: A (MR × KC), B (KC × NR) and C (MR × NR), F64 and F32. */
    @State(Scope.Thread)
    public static class Panels {
        double[] a, b, c;
        float[] af, bf, cf;
        /** Read from a field so that the JIT cannot fold it; each call starts its chains from 0. */
        boolean accumulate = false;

        /** Allocates and fills the panels on the thread that will use them. */
        @Setup
        public void setup() {
            Random r = new Random(2);
            int mr = GemmTileKernels.MR, kc = GemmTileKernels.KC;
            a = new double[mr * kc];
            b = new double[kc * GemmTileKernels.nrF64()];
            c = new double[mr * GemmTileKernels.nrF64()];
            af = new float[mr * kc];
            bf = new float[kc * GemmTileKernels.nrF32()];
            cf = new float[mr * GemmTileKernels.nrF32()];
            for (int i = 0; i < a.length; i++) af[i] = (float) (a[i] = r.nextDouble() - 0.5);
            for (int i = 0; i < b.length; i++) b[i] = r.nextDouble() - 0.5;
            for (int i = 0; i < bf.length; i++) bf[i] = (float) (r.nextDouble() - 0.5);
        }
    }

    @Benchmark
    @Threads(1)
    public void triad1(Arrays v, Traffic t) {
        triad(v, t);
    }

    @Benchmark
    @Threads(2)
    public void triad2(Arrays v, Traffic t) {
        triad(v, t);
    }

    @Benchmark
    @Threads(1)
    public double fmaF64x1(Chain c, Flops f) {
        f.flops += f.perF64;
        return LimitKernels.fmaF64(c.m, c.q, REPS);
    }

    @Benchmark
    @Threads(2)
    public double fmaF64x2(Chain c, Flops f) {
        f.flops += f.perF64;
        return LimitKernels.fmaF64(c.m, c.q, REPS);
    }

    @Benchmark
    @Threads(1)
    public float fmaF32x1(Chain c, Flops f) {
        f.flops += f.perF32;
        return LimitKernels.fmaF32(c.mf, c.qf, REPS);
    }

    @Benchmark
    @Threads(2)
    public float fmaF32x2(Chain c, Flops f) {
        f.flops += f.perF32;
        return LimitKernels.fmaF32(c.mf, c.qf, REPS);
    }

    @Benchmark
    @Threads(1)
    public void loadFmaUnalignedF32x1(Taps d, Flops f) {
        f.flops += f.perLoadFma;
        LoadFmaKernels.loadFma(d.x, 0, d.h, 1, d.y);
    }

    @Benchmark
    @Threads(2)
    public void loadFmaUnalignedF32x2(Taps d, Flops f) {
        f.flops += f.perLoadFma;
        LoadFmaKernels.loadFma(d.x, 0, d.h, 1, d.y);
    }

    @Benchmark
    @Threads(1)
    @Fork(
            value = 1,
            jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g", "-XX:ObjectAlignmentInBytes=64"})
    public void loadFmaAlignedF32x1(Taps d, Flops f) {
        f.flops += f.perLoadFma;
        LoadFmaKernels.loadFma(d.x, LoadFmaKernels.ALIGNED_START, d.h, LoadFmaKernels.ALIGNED_STRIDE, d.y);
    }

    @Benchmark
    @Threads(2)
    @Fork(
            value = 1,
            jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g", "-XX:ObjectAlignmentInBytes=64"})
    public void loadFmaAlignedF32x2(Taps d, Flops f) {
        f.flops += f.perLoadFma;
        LoadFmaKernels.loadFma(d.x, LoadFmaKernels.ALIGNED_START, d.h, LoadFmaKernels.ALIGNED_STRIDE, d.y);
    }

    @Benchmark
    @Threads(1)
    public void gemmTileF64x1(Panels p, Flops f) {
        f.flops += f.perTileF64;
        GemmTileKernels.tileF64(p.a, p.b, p.c, p.accumulate);
    }

    @Benchmark
    @Threads(2)
    public void gemmTileF64x2(Panels p, Flops f) {
        f.flops += f.perTileF64;
        GemmTileKernels.tileF64(p.a, p.b, p.c, p.accumulate);
    }

    @Benchmark
    @Threads(1)
    public void gemmTileF32x1(Panels p, Flops f) {
        f.flops += f.perTileF32;
        GemmTileKernels.tileF32(p.af, p.bf, p.cf, p.accumulate);
    }

    @Benchmark
    @Threads(2)
    public void gemmTileF32x2(Panels p, Flops f) {
        f.flops += f.perTileF32;
        GemmTileKernels.tileF32(p.af, p.bf, p.cf, p.accumulate);
    }

    private static void triad(Arrays v, Traffic t) {
        LimitKernels.triad(v.a, v.b, v.c, v.s);
        t.bytes += 24L * v.n;
    }
}
