package dev.mollify.jmh;

import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.HeatSolver;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.tensor.kernels.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The route benchmark: the cost of one training step's gradient evaluation (loss + backward)
 * as the highest x-derivative of the residual grows, for both derivative routes on the same problem.
 *
 * <ul>
 *   <li>Grid: 128 x × 64 t nodes on [0, 1]² (noise-free heat data as the measurements; only the cost
 *   is measured, so the data need not satisfy the equation).</li>
 *   <li>Network: 2 → 50 → 50 → 50 → 1, tanh ({@link Pinn}, seed 1).</li>
 *   <li>Residual of order k in x: {@code u_t = a*u_x}, {@code a*u_xx}, {@code a*u_xxx}, {@code a*u_xxxx}
 *   with one unknown scalar a.</li>
 *   <li>{@code route}: {@code autodiff} = nested reverse mode at the 8,192 nodes
 *   ({@link DerivativeRoute#autodiff()}); {@code mollifier} = the network on the grid plus the halo,
 *   û and its derivatives by convolution with δ = {@link #DELTA} on both axes
 *   ({@link DerivativeRoute#mollifier(double)}).</li>
 * </ul>
 * {@link #step} times one evaluation (wall clock); {@link #main} prints, per route and order, the
 * thread CPU time of one evaluation on one thread, the peak live and allocated tensor memory from
 * {@link InverseProblem#measureStep}, and the autodiff/mollifier ratios (the target at order 4:
 * ≥ 6× in both).
 *
 * <pre>
 *   java -jar jmh/target/benchmarks.jar RouteOrder -f 1 -wi 3 -i 3
 *   java --add-modules jdk.incubator.vector -Xmx6g -cp jmh/target/benchmarks.jar dev.mollify.jmh.RouteOrderBenchmark [repeats]
 *   java … dev.mollify.jmh.RouteOrderBenchmark REPEATS ROUTE ORDER     (one configuration per JVM)
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class RouteOrderBenchmark {
    /** Grid nodes along x and t. */
    static final int NX = 128, NT = 64;
    /** Mollifier width δ (physical units, both axes): 12.7 cells in x, 6.3 in t. */
    static final double DELTA = 0.1;

    @Param({"1", "2", "3", "4"})
    int order;

    @Param({"autodiff", "mollifier"})
    String route;

    InverseProblem problem;

    @Setup
    public void setup() {
        problem = problem(route, order);
    }

    /** One gradient evaluation: zeroed gradients, the loss, backward. */
    @Benchmark
    public double step() {
        problem.parameters().zeroGrad();
        InverseProblem.Loss loss = problem.loss();
        loss.total().backward();
        return loss.total().item();
    }

    /** The residual u_t = a·∂ᵏu/∂xᵏ as text. */
    static String equation(int order) {
        if (order < 1 || order > 4) throw new IllegalArgumentException("derivative order must be 1..4, got " + order);
        return "u_t = a*u_" + "x".repeat(order);
    }

    /** The benchmark's problem for one route ("autodiff" or "mollifier") and x-derivative order. */
    static InverseProblem problem(String route, int order) {
        DerivativeRoute r = DerivativeRoute.named(
                route, () -> DerivativeRoute.mollifier(DELTA).build());
        Domain domain = Domain.interval1dTime(0, 1, 0, 1);
        PdeSpec spec =
                PdeSpec.parse(equation(order)).domain(domain).unknown("a", 0.1).build();
        Pinn net = Pinn.builder(domain).hidden(50, 50, 50).seed(1).build();
        GridField data = HeatSolver.defaultData(NX, NT);
        return InverseProblem.builder(spec, net)
                .observe("u", Observations.grid(data))
                .route(r)
                .build();
    }

    /**
     * One route and order: median thread CPU ms of an evaluation, then peak and allocated bytes from
     * {@link InverseProblem#measureStep}.
     */
    record Cost(double cpuMillis, long peakBytes, long allocatedBytes) {}

    static Cost measure(String route, int order, int repeats) {
        InverseProblem p = problem(route, order);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] ms = new double[2 * repeats];
        for (int i = 0; i < ms.length; i++) {
            long t0 = threads.getCurrentThreadCpuTime();
            p.parameters().zeroGrad();
            p.loss().total().backward();
            ms[i] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        double[] kept = Arrays.copyOfRange(ms, repeats, ms.length); // the first half warms the JIT up
        Arrays.sort(kept);
        InverseProblem.StepCost memory = p.measureStep(1);
        return new Cost(kept[kept.length / 2], memory.peakLiveBytes(), memory.allocatedBytes());
    }

    /**
     * Prints, per order, the median thread CPU time of one evaluation on one thread ({@code Parallel}
     * set to 1 thread, so no work escapes the count; robust on a shared machine where wall time is not),
     * the peak live and the allocated tensor memory of one evaluation, and the autodiff/mollifier ratios.
     */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Parallel.setThreads(1);
        if (args.length == 3) { // one route and order per JVM: no JIT profile shared between configurations
            Cost c = measure(args[1], Integer.parseInt(args[2]), repeats);
            System.out.printf(
                    Locale.ROOT,
                    "%-9s order %s  CPU %.1f ms  peak %.1f MB  allocated %.1f MB%n",
                    args[1],
                    args[2],
                    c.cpuMillis(),
                    c.peakBytes() / 1e6,
                    c.allocatedBytes() / 1e6);
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "# grid %d x × %d t, 2→50→50→50→1 tanh, δ = %s; CPU ms: median of %d evaluations after %d warm-up ones, 1 thread%n",
                NX,
                NT,
                DELTA,
                repeats,
                repeats);
        System.out.printf(
                Locale.ROOT,
                "%-5s %-16s %10s %10s %7s %10s %10s %7s %10s %10s%n",
                "order",
                "equation",
                "AD ms",
                "moll ms",
                "time×",
                "AD peakMB",
                "moll peakMB",
                "peak×",
                "AD allocMB",
                "moll allocMB");
        for (int order = 1; order <= 4; order++) {
            Cost ad = measure("autodiff", order, repeats);
            Cost mo = measure("mollifier", order, repeats);
            System.out.printf(
                    Locale.ROOT,
                    "%-5d %-16s %10.1f %10.1f %6.1f× %10.1f %10.1f %6.1f× %10.1f %10.1f%n",
                    order,
                    equation(order),
                    ad.cpuMillis(),
                    mo.cpuMillis(),
                    ad.cpuMillis() / mo.cpuMillis(),
                    ad.peakBytes() / 1e6,
                    mo.peakBytes() / 1e6,
                    (double) ad.peakBytes() / mo.peakBytes(),
                    ad.allocatedBytes() / 1e6,
                    mo.allocatedBytes() / 1e6);
        }
    }
}
