package dev.mollify.cuda;

import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.Window;
import dev.mollify.tensor.DType;
import java.util.Locale;

/**
 * The GPU benchmark (run by gpu-check.sh): the device-resident smoothing layer, zero padding
 * (PyTorch conv1d's padding = K/2), K = 51, for (B, N) = (1, 16.7M) and (16, 1000); forward, and
 * forward + backward to the input and the width. Device time by CUDA events, mean of many runs after
 * one warm-up, host copies excluded. Prints each time beside reference H200 times of PyTorch's conv1d,
 * a naive CUDA kernel and PyTorch autograd.
 */
public final class GpuBenchmark {
    private GpuBenchmark() {}

    public static void main(String[] args) {
        String why = CudaContext.unavailableReason();
        if (why != null) {
            System.out.println("GPU benchmark not run: " + why);
            System.exit(2);
        }
        CudaContext c = CudaContext.get();
        System.out.println("device: " + c.description());
        // {B, N, reps, PyTorch fwd µs, naive fwd µs, PyTorch fwd+bwd µs}
        double[][] cases = {{1, 1 << 24, 50, 475, 242, 85_000}, {16, 1000, 2000, 20, 14, 1300}};
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
                            "forward          %-28s %10.1f us | PyTorch conv1d %.0f us: %.1fx faster | naive kernel %.0f us: %.1fx%n",
                            shape,
                            fwd,
                            k[3],
                            k[3] / fwd,
                            k[4],
                            k[4] / fwd);
                    if (n == 1 << 24) {
                        double bytes = 2.0 * batch * n * t.bytes();
                        System.out.printf(
                                Locale.ROOT,
                                "                 %-28s %10.1f GB/s effective (read x + write y), bound ~4200 GB/s%n",
                                shape,
                                bytes / fwd / 1e3);
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "forward+backward %-28s %10.1f us | PyTorch autograd %.0f us: %.1fx faster (target >= 100x)%n",
                            shape,
                            both,
                            k[5],
                            k[5] / both);
                }
            }
        }
    }
}
