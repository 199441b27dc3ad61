package dev.mollify.jmh;

import dev.mollify.jmh.limits.LimitKernels;
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
 * </ul>
 * Mode is throughput, summed over the threads. Each method's auxiliary counter ({@code bytes} or
 * {@code flops}, JMH's secondary result in "ops/s") is the rate itself: GB/s = bytes / 10⁹, GFLOP/s =
 * flops / 10⁹. Each thread has its own arrays, allocated and first touched by that thread.
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

        long perF64, perF32;

        /** Starts each iteration's count at 0 and fixes the FLOPs of one call. */
        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
            perF64 = 2L * LimitKernels.CHAINS * LimitKernels.lanesF64() * REPS;
            perF32 = 2L * LimitKernels.CHAINS * LimitKernels.lanesF32() * REPS;
        }
    }

    /** Multiplier and addend of the chains, read from fields so that the JIT cannot fold them. */
    @State(Scope.Thread)
    public static class Chain {
        double m = 0.5, q = 0.5;
        float mf = 0.5f, qf = 0.5f;
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

    private static void triad(Arrays v, Traffic t) {
        LimitKernels.triad(v.a, v.b, v.c, v.s);
        t.bytes += 24L * v.n;
    }
}
