package dev.mollify.jmh.gpu;

import dev.mollify.cuda.CudaContext;
import dev.mollify.cuda.DeviceArray;
import dev.mollify.cuda.DeviceSmoother;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.CpuBackend;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.Window;
import dev.mollify.tensor.DType;
import java.util.Locale;

/**
 * The GPU benchmark, a program rather than a JMH benchmark: device time comes from CUDA events, which
 * JMH cannot see (run by {@code cuda-kernels/gpu-check.sh}; exit status 2 when no GPU can be used). First the device's
 * copy bandwidth (cuMemcpyDtoD, read +
 * write bytes per second): the bound a forward pass that reads x once and writes y once can approach.
 * Then the device-resident smoothing layer, zero padding (PyTorch conv1d's padding = K/2), K = 51, for
 * (B, N) = (64, 262144), (1, 16.7M) and (16, 1000): forward, and forward + backward to the input and the
 * width. Device time by CUDA events, mean of many runs after one warm-up, host copies excluded and
 * timed on their own (pageable host arrays). Each time is printed beside reference H200 times of
 * PyTorch's conv1d, a naive CUDA kernel and PyTorch autograd, and beside the CPU backend on this
 * machine (the same valid correlation on host arrays, wall clock).
 */
public final class GpuBenchmark {
    private GpuBenchmark() {}

    /**
     * Prints the device, its copy bandwidth, then each case's forward and forward + backward times.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        String why = CudaContext.unavailableReason();
        if (why != null) {
            System.out.println("GPU benchmark not run: " + why);
            System.exit(2);
        }
        CudaContext c = CudaContext.get();
        System.out.println("device: " + c.description());
        double copyGbs = copyBandwidth(c);
        // {B, N, reps, PyTorch fwd µs, naive fwd µs, PyTorch fwd+bwd µs}
        double[][] cases = {
            {64, 262_144, 100, 475, 242, 85_000}, {1, 1 << 24, 100, 475, 242, 85_000}, {16, 1000, 2000, 20, 14, 1300}
        };
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            for (double[] k : cases) {
                int batch = (int) k[0], n = (int) k[1], reps = (int) k[2];
                try (DeviceSmoother s = new DeviceSmoother(
                                t, KernelFamily.bump(), Boundary.ZERO, batch, new int[] {n}, new Window[] {
                                    Window.line(1.0, 25)
                                });
                        DeviceArray x = c.allocate(t, (long) batch * n);
                        DeviceArray g = c.allocate(t, (long) batch * n)) {
                    c.zero(x);
                    c.zero(g);
                    s.setWidth(20.0);
                    double fwd = c.timeMicros(() -> s.forward(x).close(), reps);
                    double both = c.timeMicros(
                            () -> {
                                s.forward(x).close();
                                s.backward(g).close();
                            },
                            reps);
                    s.widthGradient();
                    String shape = String.format(Locale.ROOT, "%s (B,N,K)=(%d,%d,51)", t, batch, n);
                    System.out.printf(
                            Locale.ROOT,
                            "forward          %-30s %10.1f us | PyTorch conv1d %.0f us: %.1fx faster | naive kernel %.0f us: %.1fx%n",
                            shape,
                            fwd,
                            k[3],
                            k[3] / fwd,
                            k[4],
                            k[4] / fwd);
                    double bytes = 2.0 * batch * n * t.bytes();
                    System.out.printf(
                            Locale.ROOT,
                            "                 %-30s %10.1f GB/s effective (read x + write y) = %.0f %% of the copy bandwidth%n",
                            shape,
                            bytes / fwd / 1e3,
                            100 * bytes / fwd / 1e3 / copyGbs);
                    System.out.printf(
                            Locale.ROOT,
                            "forward+backward %-30s %10.1f us | PyTorch autograd %.0f us: %.1fx faster%n",
                            shape,
                            both,
                            k[5],
                            k[5] / both);
                    if (batch * (long) n >= 1 << 24) transfers(c, t, batch, n, shape, fwd);
                }
            }
        }
    }

    /** Device-to-device copy of 256 MiB: (read + write) bytes per second, in GB/s. */
    private static double copyBandwidth(CudaContext c) {
        long len = 1L << 26; // F32 values
        try (DeviceArray a = c.allocate(DType.F32, len);
                DeviceArray b = c.allocate(DType.F32, len)) {
            c.zero(a);
            double us = c.timeMicros(() -> c.copy(a, b), 50);
            double gbs = 2.0 * len * 4 / us / 1e3;
            System.out.printf(
                    Locale.ROOT, "copy D2D 256 MiB                 %10.1f us = %.0f GB/s (read + write)%n", us, gbs);
            return gbs;
        }
    }

    /** Host↔device copies of the forward's input and output, and the CPU backend's forward on this machine. */
    private static void transfers(CudaContext c, DType t, int batch, int n, String shape, double fwdMicros) {
        int len = batch * n;
        double up, down, cpu;
        if (t == DType.F32) {
            float[] h = new float[len], out = new float[len];
            try (DeviceArray d = c.upload(h)) {
                up = wallMicros(() -> c.upload(h).close(), 5);
                down = wallMicros(() -> c.download(d, out), 5);
            }
            float[] xh = new float[batch * (n + 50)], w = new float[51], yh = new float[len];
            CpuBackend cpuBackend = new CpuBackend();
            cpu = wallMicros(() -> cpuBackend.correlate(xh, batch, new int[] {n + 50}, w, new int[] {51}, yh), 3);
        } else {
            double[] h = new double[len], out = new double[len];
            try (DeviceArray d = c.upload(h)) {
                up = wallMicros(() -> c.upload(h).close(), 5);
                down = wallMicros(() -> c.download(d, out), 5);
            }
            double[] xh = new double[batch * (n + 50)], w = new double[51], yh = new double[len];
            CpuBackend cpuBackend = new CpuBackend();
            cpu = wallMicros(() -> cpuBackend.correlate(xh, batch, new int[] {n + 50}, w, new int[] {51}, yh), 3);
        }
        System.out.printf(
                Locale.ROOT,
                "host copies      %-30s %10.1f us up, %.1f us down (pageable arrays; %.0f x the forward)%n",
                shape,
                up,
                down,
                (up + down) / fwdMicros);
        System.out.printf(
                Locale.ROOT,
                "CPU backend      %-30s %10.1f us forward on %d cores: the GPU forward is %.0fx faster%n",
                shape,
                cpu,
                Runtime.getRuntime().availableProcessors(),
                cpu / fwdMicros);
    }

    /** Mean wall-clock microseconds of {@code work} over {@code reps} runs after one warm-up run. */
    private static double wallMicros(Runnable work, int reps) {
        work.run();
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) work.run();
        return (System.nanoTime() - t0) / 1e3 / reps;
    }
}
