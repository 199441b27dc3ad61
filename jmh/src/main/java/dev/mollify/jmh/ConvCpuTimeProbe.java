package dev.mollify.jmh;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.Crossover;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifierLayer;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.kernels.Parallel;
import dev.mollify.tensor.kernels.Simd;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link MollifierConvBenchmark}'s workload timed in <em>thread CPU time</em> on one thread (not a JMH
 * benchmark): on a machine shared with other busy processes, wall-clock JMH scores swing by 10×, while
 * the CPU time the measuring thread itself spends stays within a few per cent, so the ratios
 * (fwd+bwd / fwd, SIMD / scalar, FFT / direct) can still be measured.
 * Everything runs on the calling thread ({@code Parallel.setThreads(1)}, JTransforms limited to one
 * thread), so no work escapes the count; garbage collection (other threads) is not counted.
 *
 * <p>Per shape and dtype it prints the median (over the last two thirds of {@code reps} alternating
 * evaluations, after {@code warmup} seconds of CPU time of warm-up, 2 by default) of forward and forward+backward, for
 * the paths simd, scalar and fft, and the ratios.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -Xmx6g -cp jmh/target/benchmarks.jar dev.mollify.jmh.ConvCpuTimeProbe \
 *       [shapes=16x100000x51,1x1000000x51] [dtypes=F32] [paths=simd,scalar] [reps=40] [warmup=2]
 * </pre>
 */
public final class ConvCpuTimeProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ConvCpuTimeProbe() {}

    public static void main(String[] args) {
        String shapes = "16x100000x51,1x1000000x51", dtypes = "F32", paths = "simd,scalar";
        int reps = 40;
        double warmup = 2;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("arguments are key=value, got '" + a + "'");
            switch (kv[0]) {
                case "shapes":
                    shapes = kv[1];
                    break;
                case "dtypes":
                    dtypes = kv[1];
                    break;
                case "paths":
                    paths = kv[1];
                    break;
                case "reps":
                    reps = Integer.parseInt(kv[1]);
                    break;
                case "warmup":
                    warmup = Double.parseDouble(kv[1]);
                    break;
                default:
                    throw new IllegalArgumentException(
                            "unknown key '" + kv[0] + "': shapes, dtypes, paths, reps, warmup");
            }
        }
        Parallel.setThreads(1);
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        System.out.printf(Locale.ROOT, "# thread CPU ms, median; %s%n", Crossover.describe());
        for (String shape : shapes.split(",")) {
            for (String dtype : dtypes.split(",")) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s %s", shape, dtype));
                double[] first = null;
                for (String path : paths.split(",")) {
                    double[] t = time(shape, DType.valueOf(dtype), path, reps, warmup);
                    line.append(String.format(
                            Locale.ROOT, " | %s fwd %.3f fwd+bwd %.3f (×%.2f)", path, t[0], t[1], t[1] / t[0]));
                    if (first == null) first = t;
                    else
                        line.append(String.format(
                                Locale.ROOT,
                                " %s/%s fwd %.2f fwd+bwd %.2f",
                                path,
                                paths.split(",")[0],
                                t[0] / first[0],
                                t[1] / first[1]));
                }
                System.out.println(line);
            }
        }
    }

    /** {median fwd ms, median fwd+bwd ms} in thread CPU time. */
    static double[] time(String shape, DType dtype, String path, int reps, double warmupSeconds) {
        String[] p = shape.split("x");
        int b = Integer.parseInt(p[0]), n = Integer.parseInt(p[1]), k = Integer.parseInt(p[2]), m = (k - 1) / 2;
        boolean wasSimd = Simd.setEnabled(!path.equals("scalar"));
        int wasTaps = Crossover.setMinFftTaps(path.equals("fft") ? 1 : Integer.MAX_VALUE);
        try {
            double h = 1.0 / (n - 1);
            MollifierLayer layer = MollifierLayer.builder(KernelFamily.bump(), h, m)
                    .width(0.75 * m * h)
                    .learnable(true)
                    .boundary(Boundary.REFLECT)
                    .build();
            Var theta = layer.parameters().get("theta");
            Var x = Var.param(Tensor.randn(1L, b, 1, n).to(dtype));
            Var r = Var.constant(Tensor.randn(2L, b, 1, n).to(dtype));
            // warm-up: warmupSeconds of CPU time, 2 by default (the vector loops take seconds to reach C2; a fresh
            // JVM per configuration, as JMH's forks, needs more: warmup=6 matches MollifierConvBenchmark's 6 × 1 s)
            long warm = THREADS.getCurrentThreadCpuTime();
            while (THREADS.getCurrentThreadCpuTime() - warm < (long) (warmupSeconds * 1e9)) {
                Autograd.grad(List.of(layer.forward(x).mul(r).sum()), List.of(x, theta), null, false, false, false);
            }
            double[] f = new double[reps], fb = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                layer.forward(x);
                long t1 = THREADS.getCurrentThreadCpuTime();
                Autograd.grad(List.of(layer.forward(x).mul(r).sum()), List.of(x, theta), null, false, false, false);
                long t2 = THREADS.getCurrentThreadCpuTime();
                f[i] = (t1 - t0) / 1e6;
                fb[i] = (t2 - t1) / 1e6;
            }
            return new double[] {median(f, reps / 3), median(fb, reps / 3)};
        } finally {
            Simd.setEnabled(wasSimd);
            Crossover.setMinFftTaps(wasTaps);
        }
    }

    private static double median(double[] v, int skip) {
        double[] s = Arrays.copyOfRange(v, skip, v.length);
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
