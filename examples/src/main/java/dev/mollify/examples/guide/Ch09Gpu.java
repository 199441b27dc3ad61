package dev.mollify.examples.guide;

import dev.mollify.autograd.Var;
import dev.mollify.mollifier.Backends;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.ConvolutionBackend;
import dev.mollify.mollifier.CpuBackend;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifierLayer;
import dev.mollify.tensor.Tensor;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Chapter 9: which backend runs the mollifier convolutions. Lists the {@link ConvolutionBackend}s that
 * {@link ServiceLoader} finds, says which one {@link Backends#current()} uses, and runs one smoothing with
 * its width gradient on that backend and on the CPU backend, forced, to compare them. Runs anywhere: without
 * a GPU or a CUDA driver the CUDA backend reports itself unavailable and the CPU backend is used.
 */
public final class Ch09Gpu {
    public static void main(String[] args) {
        System.out.println("== backends ==");
        System.out.println("name          priority   available");
        // guide: backends
        for (ConvolutionBackend b : ServiceLoader.load(ConvolutionBackend.class)) {
            System.out.println(String.format(Locale.ROOT, "%-12s  %8d   %s", b.name(), b.priority(), b.available()));
        }
        System.out.println("in use: " + Backends.current().name());
        // guide: end

        System.out.println("== agreement ==");
        // guide: agreement
        Result auto = smooth(); // on Backends.current()
        ConvolutionBackend previous = Backends.use(new CpuBackend());
        Result cpu;
        try {
            cpu = smooth(); // the same, forced onto the CPU backend
        } finally {
            Backends.use(previous);
        }
        // guide: end
        System.out.println(String.format(
                Locale.ROOT,
                "%s against cpu: max |y difference| = %.1e, dL/dtheta %.12f against %.12f",
                Backends.current().name(),
                maxAbsDiff(auto.y(), cpu.y()),
                auto.dTheta(),
                cpu.dTheta()));

        System.out.println("== reason =="); // machine-dependent: not pasted in the chapter
        for (ConvolutionBackend b : ServiceLoader.load(ConvolutionBackend.class)) {
            System.out.println(b.name() + ": " + reason(b));
        }
    }

    /** The smoothed field and dL/dθ for L = mean(y²), y = x ∗ η_δ on a batch of 16 rows of 1000 points. */
    record Result(double[] y, double dTheta) {}

    static Result smooth() {
        Tensor x = Tensor.randn(9, 16, 1, 1000); // (B, C, N), seeded
        MollifierLayer layer = MollifierLayer.builder(KernelFamily.bump(), 1e-3, 25)
                .width(0.02)
                .learnable(true)
                .boundary(Boundary.REFLECT)
                .build();
        Var y = layer.forward(Var.constant(x));
        y.mul(y).mean().backward(); // the backward asks the backend for the per-tap sums
        return new Result(
                y.value().toDoubleArray(),
                layer.parameters().get("theta").grad().item());
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    /** CudaBackend.unavailableReason() when the backend has it (the examples see cuda-kernels at run time only). */
    static String reason(ConvolutionBackend b) {
        try {
            Object why = b.getClass().getMethod("unavailableReason").invoke(b);
            return why == null ? "usable" : why.toString();
        } catch (ReflectiveOperationException e) {
            return b.available() ? "usable" : "unavailable";
        }
    }
}
