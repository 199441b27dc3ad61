package dev.mollify.cuda;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.GradCheck;
import dev.mollify.autograd.Var;
import dev.mollify.mollifier.Backends;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.ConvolutionBackend;
import dev.mollify.mollifier.CpuBackend;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifierConv;
import dev.mollify.mollifier.SampledKernel;
import dev.mollify.mollifier.Width;
import dev.mollify.mollifier.Window;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * GPU only (skipped otherwise): the device-resident layer (sampling, forward with in-kernel
 * boundaries, input gradient, width gradient) against the CPU path's autograd, every boundary, 1-D and
 * separable 2-D, F32 and F64, fields shorter than the kernel; and gradcheck through the GPU backend.
 */
class GpuSmootherTest {
    static final KernelFamily[] FAMILIES = {
        KernelFamily.bump(), KernelFamily.polynomial(3), KernelFamily.truncatedGaussian(4.5)
    };

    @Test
    void deviceSamplingMatchesSampledKernel() {
        CudaContext c = GpuTests.device();
        for (KernelFamily f : FAMILIES) {
            for (Window w : new Window[] {
                Window.line(0.1, 2), Window.line(0.01, 40), new Window(new double[] {0.1, 0.08}, new int[] {2, 3})
            }) {
                double delta = 0.9 * w.maxWidth();
                SampledKernel k = SampledKernel.sample(f, w, delta);
                try (DeviceArray dw = c.allocate(DType.F64, w.size());
                        DeviceArray ddw = c.allocate(DType.F64, w.size())) {
                    DeviceOps.sample(f, w, delta, dw, ddw, null, null);
                    double[] got = new double[w.size()], dgot = new double[w.size()];
                    c.download(dw, got);
                    c.download(ddw, dgot);
                    GpuTests.close(got, k.taps(), GpuTests.F64_TOL, f + " W " + w);
                    GpuTests.close(dgot, k.dTaps(), GpuTests.F64_TOL, f + " dW/dδ " + w);
                }
            }
        }
    }

    @Test
    void forwardAndBothGradientsMatchTheCpuAutograd() {
        CudaContext c = GpuTests.device();
        ConvolutionBackend prev = Backends.use(new CpuBackend(CpuBackend.Path.DIRECT));
        try {
            for (Boundary b : Boundary.values()) {
                for (int[] shape : new int[][] {{9}, {4}, {1001}, {7, 11}, {33, 40}}) {
                    for (DType t : new DType[] {DType.F64, DType.F32}) {
                        compare(c, b, shape, t);
                    }
                }
            }
        } finally {
            Backends.use(prev);
        }
    }

    private static void compare(CudaContext c, Boundary b, int[] shape, DType t) {
        int batch = 2;
        double h = 0.1, delta = 0.27;
        Window[] windows = new Window[shape.length];
        Var theta = Var.param(Tensor.scalar(delta));
        Var[] per = new Var[shape.length];
        for (int a = 0; a < shape.length; a++) {
            windows[a] = Window.line(h, 3);
            if (b.crops() && shape[a] < 7
                    || b == Boundary.REFLECT && shape[a] <= 3
                    || b == Boundary.PERIODIC && shape[a] < 3) return;
            per[a] = SampledKernel.weights(theta, KernelFamily.bump(), windows[a]);
        }
        int[] full = new int[shape.length + 2];
        full[0] = batch;
        full[1] = 1;
        System.arraycopy(shape, 0, full, 2, shape.length);
        Tensor x = Tensor.randn(Arrays.hashCode(shape) + 7L * b.ordinal(), full);
        if (t == DType.F32) x = x.to(DType.F32);
        Var xv = Var.param(x);
        Var y = MollifierConv.applySeparable(xv, per, b);
        Tensor gy = Tensor.randn(99L, y.shape());
        if (t == DType.F32) gy = gy.to(DType.F32);
        List<Var> grads = Autograd.grad(
                List.of(y.mul(Var.constant(gy)).sum().to(DType.F64)), List.of(xv, theta), null, false, false, false);
        String tag = b + " " + Arrays.toString(shape) + " " + t;
        double tol = t == DType.F32 ? GpuTests.F32_TOL : GpuTests.F64_TOL;
        try (DeviceSmoother s = new DeviceSmoother(t, KernelFamily.bump(), b, batch, shape, windows);
                DeviceArray dx = t == DType.F64 ? c.upload(x.toDoubleArray()) : c.upload(x.toFloatArray());
                DeviceArray dgy = t == DType.F64 ? c.upload(gy.toDoubleArray()) : c.upload(gy.toFloatArray())) {
            s.setWidth(delta);
            try (DeviceArray dy = s.forward(dx);
                    DeviceArray dgx = s.backward(dgy)) {
                GpuTests.close(download(c, dy), y.value().toDoubleArray(), tol, "forward " + tag);
                GpuTests.close(download(c, dgx), grads.get(0).value().toDoubleArray(), tol, "dL/dx " + tag);
                // the CPU's F32 width gradient is itself reduced in float; 1e-4 there
                GpuTests.close(
                        new double[] {s.widthGradient()},
                        grads.get(1).value().toDoubleArray(),
                        t == DType.F32 ? 1e-4 : 1e-10,
                        "dL/dδ " + tag);
            }
        }
    }

    private static double[] download(CudaContext c, DeviceArray a) {
        if (a.dtype() == DType.F64) {
            double[] v = new double[(int) a.length()];
            c.download(a, v);
            return v;
        }
        float[] v = new float[(int) a.length()];
        c.download(a, v);
        return GpuTests.widen(v);
    }

    @Test
    void gradcheckThroughTheGpuBackend() {
        GpuTests.device();
        ConvolutionBackend prev = Backends.use(new CudaBackend(CudaMode.ON));
        try {
            GradCheck.Options opts = new GradCheck.Options(1e-6, 1e-7, 1e-5);
            Tensor theta = Tensor.scalar(Width.SOFTPLUS.theta(0.17));
            for (Boundary b : Boundary.values()) {
                Window w = Window.line(0.1, 2);
                Function<List<Var>, Var> f = xs -> MollifierConv.apply(
                        xs.get(0), SampledKernel.weights(Width.SOFTPLUS.delta(xs.get(1)), KernelFamily.bump(), w), b);
                Tensor x = Tensor.randn(11L, 1, 2, b.crops() ? 9 : 6);
                GradCheck.gradcheck(f, opts, x, theta);
                GradCheck.gradgradcheck(f, opts, 5L, x, theta);
                double[] h = {0.1, 0.08};
                int[] m = {2, 3};
                Function<List<Var>, Var> f2 = xs -> {
                    Var d = Width.EXP.delta(xs.get(1));
                    return MollifierConv.applySeparable(
                            xs.get(0),
                            new Var[] {
                                SampledKernel.weights(d, KernelFamily.bump(), Window.line(h[0], m[0])),
                                SampledKernel.weights(d, KernelFamily.bump(), Window.line(h[1], m[1]))
                            },
                            b);
                };
                Tensor x2 = Tensor.randn(12L, 1, 1, b.crops() ? 7 : 5, b.crops() ? 9 : 5);
                GradCheck.gradcheck(f2, opts, x2, Tensor.scalar(Math.log(0.19)));
            }
            Tensor x3 = Tensor.randn(13L, 1, 1, 5, 5);
            GradCheck.gradcheck(
                    xs -> MollifierConv.apply(
                            xs.get(0),
                            SampledKernel.weights(
                                    Width.EXP.delta(xs.get(1)),
                                    KernelFamily.bump(),
                                    new Window(new double[] {0.1, 0.08}, new int[] {2, 3})),
                            Boundary.PERIODIC),
                    opts,
                    x3,
                    Tensor.scalar(Math.log(0.19)));
        } finally {
            Backends.use(prev);
        }
    }
}
