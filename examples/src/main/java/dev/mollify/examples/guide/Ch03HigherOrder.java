package dev.mollify.examples.guide;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Activation;
import dev.mollify.autograd.nn.Mlp;
import dev.mollify.tensor.MemoryStats;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.kernels.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Chapter 3: higher derivatives by differentiating a derivative. {@code createGraph = true} records the
 * backward pass itself, so its result can be differentiated again. The k-th derivative of a network's
 * output carries the graphs of all lower orders, so its time and memory grow with k: counted here (graph
 * nodes, bytes allocated) and measured (CPU time of one run, memory held) for a small tanh MLP.
 */
public final class Ch03HigherOrder {
    private Ch03HigherOrder() {}

    static final int POINTS = 1000;
    static final int MAX_ORDER = 4;
    static final int WARM_UP = 40, RUNS = 15;

    public static void main(String[] args) {
        sine();
        Mlp net = Mlp.builder()
                .inputs(1)
                .hidden(32, 32)
                .outputs(1)
                .activation(Activation.TANH)
                .seed(3)
                .build();
        Tensor xs = Tensor.linspace(-1, 1, POINTS).reshape(POINTS, 1);
        counted(net, xs);
        measured(net, xs);
    }

    // guide: derivatives
    /** u and ∂u/∂x … ∂ᵏu/∂xᵏ: each grad records its own backward pass (createGraph) for the next one. */
    static Var[] derivatives(Mlp net, Tensor xs, int order) {
        Var x = Var.param(xs); // (N, 1): one point per row, as the network wants
        Var ones = Var.constant(Tensor.ones(xs.shape())); // ∂(Σ u)/∂u: picks each point's own derivative
        Var[] d = new Var[order + 1];
        d[0] = net.forward(x);
        for (int k = 1; k <= order; k++) d[k] = Autograd.grad(d[k - 1], x, ones, true);
        return d;
    }
    // guide: end

    /** sin x differentiated four times: cos, −sin, −cos, sin. */
    static void sine() {
        System.out.println("== sine ==");
        // guide: sine
        Var x = Var.param(Tensor.linspace(0, 1.5, 4)); // (4,): 0, 0.5, 1, 1.5
        Var ones = Var.constant(Tensor.ones(4));
        Var[] d = new Var[5];
        d[0] = x.sin();
        for (int k = 1; k <= 4; k++) d[k] = Autograd.grad(d[k - 1], x, ones, true);
        // guide: end
        System.out.println("   x      sin x    d/dx       d2/dx2     d3/dx3     d4/dx4");
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, "%4.2f", x.value().get(i));
            for (Var v : d) System.out.printf(Locale.ROOT, " %10.7f", v.value().get(i));
            System.out.println();
        }
        double err = 0;
        for (int i = 0; i < 4; i++) {
            double xi = x.value().get(i);
            double[] exact = {Math.sin(xi), Math.cos(xi), -Math.sin(xi), -Math.cos(xi), Math.sin(xi)};
            for (int k = 0; k <= 4; k++)
                err = Math.max(err, Math.abs(d[k].value().get(i) - exact[k]));
        }
        System.out.printf(Locale.ROOT, "largest error against cos, -sin, -cos, sin: %.1e%n", err);

        // without createGraph the first derivative is a plain number, with nothing left to differentiate
        Var d1 = Autograd.grad(x.sin(), x, ones, false);
        try {
            Autograd.grad(d1, x, ones, false);
        } catch (IllegalArgumentException e) {
            System.out.println("without createGraph: " + e.getMessage());
        }
    }

    /** What the k-th derivative holds and allocates: exact counts, the same on every run. */
    static void counted(Mlp net, Tensor xs) {
        System.out.println("== graph ==");
        System.out.printf(Locale.ROOT, "tanh MLP 1-32-32-1, %d points%n", POINTS);
        System.out.println("order  graph nodes  graph MB  allocated MB");
        for (int k = 1; k <= MAX_ORDER; k++) {
            MemoryStats.resetAllocated();
            Var[] d = derivatives(net, xs, k);
            long allocated = MemoryStats.allocatedBytes();
            long nodes = 0, bytes = 0;
            for (long[] s : Autograd.graphStats(List.of(d[k])).values()) {
                nodes += s[0];
                bytes += s[1];
            }
            System.out.printf(Locale.ROOT, "%5d %12d %9.2f %13.2f%n", k, nodes, bytes / 1e6, allocated / 1e6);
        }
    }

    /**
     * CPU time of one thread (fastest of 15 runs, after warm-up; kernels kept on the calling thread, so other
     * work on the machine does not inflate it), then the bytes still held while the k-th derivative is alive.
     */
    static void measured(Mlp net, Tensor xs) {
        System.out.println("== cost ==");
        System.out.println(
                "order  cpu ms  held MB   (fastest of 15 runs on one thread of this machine; not a benchmark)");
        double[] orders = new double[MAX_ORDER], time = new double[MAX_ORDER], held = new double[MAX_ORDER];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int threads = Parallel.setThreads(1);
        try {
            for (int w = 0; w < WARM_UP; w++)
                derivatives(net, xs, 1 + w % MAX_ORDER); // let the JIT compile every loop first
            java.util.Arrays.fill(time, Double.MAX_VALUE);
            for (int r = 0; r < RUNS; r++) { // orders interleaved: each sees the same JIT state
                for (int k = 1; k <= MAX_ORDER; k++) {
                    orders[k - 1] = k;
                    long t0 = cpu.getCurrentThreadCpuTime();
                    derivatives(net, xs, k);
                    time[k - 1] = Math.min(time[k - 1], (cpu.getCurrentThreadCpuTime() - t0) / 1e6);
                }
            }
        } finally {
            Parallel.setThreads(threads);
        }
        MemoryStats.trackLive(true); // counts live storage; slows allocation, so not timed
        try {
            for (int k = 1; k <= MAX_ORDER; k++) {
                // guide: held
                long base = MemoryStats.liveBytesAfterGc();
                Var[] d = derivatives(net, xs, k);
                // d[k], and through it its graph, is still reachable
                long alive = MemoryStats.liveBytesAfterGc() - base;
                // guide: end
                if (d[k].value().numel() != POINTS) throw new AssertionError("one derivative per point");
                held[k - 1] = alive / 1e6;
            }
        } finally {
            MemoryStats.trackLive(false);
        }
        for (int k = 1; k <= MAX_ORDER; k++) {
            System.out.printf(Locale.ROOT, "%5d %8.2f %8.2f%n", k, time[k - 1], held[k - 1]);
        }
        XYChart c = GuidePlots.chart(
                "Nested autodiff: cost of the k-th derivative (fastest of 15 runs)",
                "derivative order k",
                "ms, MB",
                false,
                true);
        GuidePlots.markedLine(c, "cpu time (ms)", orders, time);
        GuidePlots.markedLine(c, "memory held (MB)", orders, held);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        GuidePlots.save(c, "ch03-cost-by-order");
    }
}
