package dev.mollify.jmh;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.mollifier.Backends;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.ConvolutionBackend;
import dev.mollify.mollifier.Crossover;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifierLayer;
import dev.mollify.mollifier.SampledKernel;
import dev.mollify.mollifier.Window;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.internal.RawStorage;
import dev.mollify.tensor.kernels.Parallel;
import dev.mollify.tensor.kernels.Simd;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where {@link MollifierConvBenchmark}'s forward+backward spends its time, in thread CPU time on one
 * thread (as {@link ConvCpuTimeProbe}): the whole forward and forward+backward, and each piece on its
 * own — the kernel rebuild from θ and its backward, the reflect pad and its fold, the valid
 * correlation, the fused backward (all taps, and as the layer runs it: folded, the support's taps only) (and, for
 * comparison, the per-tap reduction and the full convolution
 * as two separate calls), the loss Σ y·r forward and backward. Pieces are timed interleaved (round
 * robin) so that a change in machine load hits all of them alike. The sum of the pieces does not have
 * to add up to the whole exactly (graph bookkeeping, allocation, cache state).
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -Xmx6g -cp jmh/target/benchmarks.jar dev.mollify.jmh.ConvBreakdownProbe \
 *       [shapes=16x100000x51] [dtypes=F32,F64] [reps=30] [simd=true] [warm=3] [threads=1]
 * </pre>
 * {@code threads=2} splits large calls as the benchmark does and times every piece by the wall clock.
 * Small shapes need a longer warm-up ({@code warm=20} seconds of CPU): after 3 s the Vector API loops of
 * (16, 1000, 51) can still run in C1 (raw correlation 0.18 ms against 0.03 ms once compiled).
 * <pre>
 * </pre>
 */
public final class ConvBreakdownProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** With more than one thread the pieces are timed by the wall clock (thread CPU time would miss the helpers' share). */
    private static boolean wall;

    private static long now() {
        return wall ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
    }

    private ConvBreakdownProbe() {}

    public static void main(String[] args) {
        String shapes = "16x1000x51,16x100000x51,1x1000000x51,64x4096x255", dtypes = "F32,F64";
        int reps = 30;
        double warmSeconds = 3;
        boolean simd = true;
        int threads = 1;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "shapes":
                    shapes = kv[1];
                    break;
                case "dtypes":
                    dtypes = kv[1];
                    break;
                case "reps":
                    reps = Integer.parseInt(kv[1]);
                    break;
                case "simd":
                    simd = Boolean.parseBoolean(kv[1]);
                    break;
                case "warm":
                    warmSeconds = Double.parseDouble(kv[1]);
                    break;
                case "threads":
                    threads = Integer.parseInt(kv[1]);
                    break;
                default:
                    throw new IllegalArgumentException(
                            "unknown key '" + kv[0] + "': shapes, dtypes, reps, simd, warm, threads");
            }
        }
        Parallel.setThreads(threads);
        wall = threads > 1;
        Simd.setEnabled(simd);
        Crossover.setMinFftTaps(Integer.MAX_VALUE);
        System.out.printf(
                Locale.ROOT,
                "# %s ms, median; simd=%s; threads=%d; backend %s%n",
                wall ? "wall-clock" : "thread CPU",
                simd,
                threads,
                Backends.current().name());
        for (String shape : shapes.split(","))
            for (String dtype : dtypes.split(",")) run(shape, DType.valueOf(dtype), reps, warmSeconds);
    }

    private interface Piece {
        void run();
    }

    private static void run(String shape, DType dtype, int reps, double warmSeconds) {
        String[] p = shape.split("x");
        int b = Integer.parseInt(p[0]), n = Integer.parseInt(p[1]), k = Integer.parseInt(p[2]), m = (k - 1) / 2;
        double h = 1.0 / (n - 1);
        MollifierLayer layer = MollifierLayer.builder(KernelFamily.bump(), h, m)
                .width(0.75 * m * h)
                .learnable(true)
                .boundary(Boundary.REFLECT)
                .build();
        Var theta = layer.parameters().get("theta");
        Var x = Var.param(Tensor.randn(1L, b, 1, n).to(dtype));
        Var r = Var.constant(Tensor.randn(2L, b, 1, n).to(dtype));
        Var g = Var.constant(Tensor.randn(3L, b, 1, n).to(dtype));
        Window win = Window.line(h, m);
        ConvolutionBackend be = Backends.current();
        int[] xs = {n + k - 1}, ks = {k};
        boolean f32 = dtype == DType.F32;
        Var xp = Var.param(Boundary.REFLECT.pad(x, 2, m).value());
        Var wk = Var.param(SampledKernel.weights(layer.deltaVar(), KernelFamily.bump(), win)
                .detach()
                .value()
                .to(dtype));
        Tensor gp = Tensor.randn(4L, b, 1, n + k - 1).to(dtype);
        Tensor gw = Tensor.randn(5L, k);
        float[] xf = f32 ? RawStorage.readF32(xp.value()) : null, wf = f32 ? RawStorage.readF32(wk.value()) : null;
        float[] gf = f32 ? RawStorage.readF32(g.value()) : null;
        double[] xd = f32 ? null : RawStorage.readF64(xp.value()), wd = f32 ? null : RawStorage.readF64(wk.value());
        double[] gd = f32 ? null : RawStorage.readF64(g.value());

        Map<String, Piece> pieces = new LinkedHashMap<>();
        pieces.put("fwd", () -> layer.forward(x));
        pieces.put(
                "fwd+bwd",
                () -> Autograd.grad(
                        List.of(layer.forward(x).mul(r).sum()), List.of(x, theta), null, false, false, false));
        pieces.put("kernel fwd", () -> SampledKernel.weights(layer.deltaVar(), KernelFamily.bump(), win));
        pieces.put("kernel bwd", () -> {
            Var w = SampledKernel.weights(layer.deltaVar(), KernelFamily.bump(), win);
            Autograd.grad(List.of(w), List.of(theta), List.of(Var.constant(gw)), false, false, false);
        });
        pieces.put("pad", () -> Boundary.REFLECT.pad(x, 2, m));
        pieces.put(
                "pad+fold",
                () -> Autograd.grad(
                        List.of(Boundary.REFLECT.pad(x, 2, m)),
                        List.of(x),
                        List.of(Var.constant(gp)),
                        false,
                        false,
                        false));
        pieces.put(
                "raw correlate",
                f32
                        ? () -> be.correlate(xf, b, xs, wf, ks, new float[b * n])
                        : () -> be.correlate(xd, b, xs, wd, ks, new double[b * n]));
        pieces.put(
                "raw fused bwd",
                f32
                        ? () -> be.correlateBackward(xf, b, xs, wf, ks, gf, new float[b * (n + k - 1)], new float[k])
                        : () -> be.correlateBackward(
                                xd, b, xs, wd, ks, gd, new double[b * (n + k - 1)], new double[k]));
        int[] sup =
                SampledKernel.sample(KernelFamily.bump(), win, layer.delta()).support();
        float[] outF = f32 ? new float[b * n] : null;
        double[] outD = f32 ? null : new double[b * n];
        pieces.put(
                "raw folded bwd, support taps",
                f32
                        ? () -> be.correlateBackwardFolded(
                                xf,
                                b,
                                xs,
                                wf,
                                ks,
                                gf,
                                outF,
                                new float[k],
                                m,
                                dev.mollify.tensor.PadMode.REFLECT,
                                sup[0],
                                sup[1])
                        : () -> be.correlateBackwardFolded(
                                xd,
                                b,
                                xs,
                                wd,
                                ks,
                                gd,
                                outD,
                                new double[k],
                                m,
                                dev.mollify.tensor.PadMode.REFLECT,
                                sup[0],
                                sup[1]));
        pieces.put(
                "raw tapCorrelate",
                f32
                        ? () -> be.tapCorrelate(xf, b, xs, gf, new int[] {n}, new float[k])
                        : () -> be.tapCorrelate(xd, b, xs, gd, new int[] {n}, new double[k]));
        pieces.put(
                "raw convolveFull",
                f32
                        ? () -> be.convolveFull(gf, b, new int[] {n}, wf, ks, new float[b * (n + k - 1)])
                        : () -> be.convolveFull(gd, b, new int[] {n}, wd, ks, new double[b * (n + k - 1)]));
        pieces.put("correlate+bwd (autograd)", () -> {
            Var y = dev.mollify.mollifier.MollifierConv.correlate(xp, wk);
            Autograd.grad(List.of(y), List.of(xp, wk), List.of(g), false, false, false);
        });
        pieces.put("loss fwd", () -> x.mul(r).sum());
        pieces.put("loss fwd+bwd", () -> Autograd.grad(List.of(x.mul(r).sum()), List.of(x), null, false, false, false));

        List<String> names = new ArrayList<>(pieces.keySet());
        long warm = THREADS.getCurrentThreadCpuTime();
        while (THREADS.getCurrentThreadCpuTime() - warm < warmSeconds * 1e9) for (Piece pc : pieces.values()) pc.run();
        double[][] t = new double[names.size()][reps];
        for (int i = 0; i < reps; i++) {
            for (int j = 0; j < names.size(); j++) {
                long t0 = now();
                pieces.get(names.get(j)).run();
                t[j][i] = (now() - t0) / 1e6;
            }
        }
        double fwd = median(t[0]);
        System.out.printf(Locale.ROOT, "%s %s%n", shape, dtype);
        for (int j = 0; j < names.size(); j++) {
            double med = median(t[j]);
            System.out.printf(Locale.ROOT, "  %-26s %9.3f ms  %6.2f fwd%n", names.get(j), med, med / fwd);
        }
    }

    private static double median(double[] v) {
        double[] s = Arrays.copyOfRange(v, v.length / 3, v.length);
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
