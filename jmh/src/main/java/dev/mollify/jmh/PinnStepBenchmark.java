package dev.mollify.jmh;

import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.pde.fit.DataFit;
import dev.mollify.pde.fit.FitSetup;
import dev.mollify.pde.forward.BurgersColeHopf;
import dev.mollify.pde.forward.HeatSolver;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.tensor.Rng;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One PINN training step as {@code mollify fit} runs it: the loss (data misfit + residual), backward
 * and one Adam update, on the problem {@link DataFit#setup()} builds and the {@link DataFit#trainer}
 * it trains with (uniform loss weights, one {@code Workspace} reused from step to step), F64.
 *
 * <ul>
 *   <li>{@code problem=heat}: {@code u_t = D*u_xx}, D unknown; data u = Σ aⁿ sin(nπx) exp(−Dn²π²t)
 *   (a = 0.5, D = 0.1) at {@link #POINTS} points drawn uniformly in [0, 1]² (seeded).</li>
 *   <li>{@code problem=burgers}: {@code u_t + a*u*u_x - b*u_xx = 0}, a and b unknown; data the exact
 *   Cole–Hopf solution (ν = 0.01/π) at {@link #POINTS} points drawn uniformly in [−1, 1] × [0, 1].</li>
 *   <li>Network 2 → 32 → 32 → 32 → 1, tanh. The data are scattered, so the collocation grid is
 *   {@link #GRID} t × {@link #GRID} x nodes over the points' box (2,025 nodes).</li>
 *   <li>{@code route=autodiff}: the network and u_t, u_x, u_xx by nested reverse mode at the 2,025
 *   nodes, the network alone at the 2,000 data points. {@code route=mollifier}: the network on the
 *   grid plus its halo, û and the derivatives by convolution with the kernel derivatives (δ chosen as
 *   {@code mollify fit} chooses it, {@code --delta auto}), the data compared through multilinear
 *   interpolation from the grid; {@link #main} prints the widths, taps and halo.</li>
 * </ul>
 * {@link #steps} runs {@link #STEPS} Adam steps through a new trainer of the fit (the first step fills
 * its workspace; then its closing loss evaluation, about 1/(3·STEPS) of a step); JMH reports the time
 * per step.
 *
 * <pre>
 *   java -jar jmh/target/benchmarks.jar PinnStep
 *   java --add-modules jdk.incubator.vector -cp jmh/target/benchmarks.jar dev.mollify.jmh.PinnStepBenchmark [runs]
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class PinnStepBenchmark {
    /** Measured points. */
    static final int POINTS = 2000;
    /** Collocation nodes per axis ({@code --grid-size}). */
    static final int GRID = 45;
    /** Adam steps per benchmark call. */
    static final int STEPS = 10;

    @Param({"heat", "burgers"})
    String problem;

    @Param({"autodiff", "mollifier"})
    String route;

    DataFit fit;
    FitSetup.Built built;

    @Setup
    public void setup() {
        fit = fit(problem, route);
        built = fit.setup();
    }

    /** {@link #STEPS} Adam steps of the fit's trainer. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double steps() {
        TrainingResult r = fit.trainer(built).run();
        return r.total();
    }

    /** The fit of {@code problem} ("heat" or "burgers") on {@code route}, {@link #STEPS} Adam steps and no L-BFGS. */
    static DataFit fit(String problem, String route) {
        DataFit.Builder b = DataFit.builder();
        if (problem.equals("heat")) b.pde("u_t = D*u_xx").unknown("D");
        else b.pde("u_t + a*u*u_x - b*u_xx = 0").unknown("a").unknown("b");
        return b.arrays(new String[] {"t", "x", "u"}, data(problem))
                .route(route)
                .hidden(32, 32, 32)
                .gridSize(GRID)
                .adamSteps(STEPS)
                .lbfgsIterations(0)
                .seed(1)
                .build();
    }

    /**
     * The measured points of {@code problem}, seeded: {t, x, u}, {@link #POINTS} each (heat: the exact series,
     * uniform in [0, 1]²; burgers: Cole–Hopf with ν = 0.01/π, uniform in [0, 1] × [−1, 1]).
     */
    static double[][] data(String problem) {
        boolean heat = switch (problem) {
            case "heat" -> true;
            case "burgers" -> false;
            default -> throw new IllegalArgumentException("problem must be heat or burgers, got " + problem);
        };
        Rng rng = new Rng(heat ? 11 : 12);
        double[] t = new double[POINTS], x = new double[POINTS], u = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            t[i] = rng.nextDouble();
            x[i] = heat ? rng.nextDouble() : 2 * rng.nextDouble() - 1;
            u[i] = heat ? HeatSolver.exact(0.5, 0.1, 1, x[i], t[i]) : BurgersColeHopf.u(0.01 / Math.PI, x[i], t[i]);
        }
        return new double[][] {t, x, u};
    }

    /**
     * Prints, per problem and route, the collocation grid, the route's widths, taps, halo and network
     * grid, then the median thread CPU time of one step on one thread ({@code Parallel} set to 1 thread,
     * so no work escapes the count; robust on a shared machine where wall time is not): {@code runs}
     * trainer runs of {@link #STEPS} steps warm the JIT up, {@code runs} more are timed.
     */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Parallel.setThreads(1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String p : new String[] {"heat", "burgers"}) {
            for (String r : new String[] {"autodiff", "mollifier"}) {
                DataFit fit = fit(p, r);
                FitSetup.Built b = fit.setup();
                InverseProblem ip = b.problem();
                Grid g = ip.grid();
                double[] ms = new double[2 * runs];
                for (int i = 0; i < ms.length; i++) {
                    long t0 = threads.getCurrentThreadCpuTime();
                    fit.trainer(b).run();
                    ms[i] = (threads.getCurrentThreadCpuTime() - t0) / 1e6 / STEPS;
                }
                double[] kept = Arrays.copyOfRange(ms, runs, ms.length);
                Arrays.sort(kept);
                System.out.printf(
                        Locale.ROOT,
                        "%-7s %-9s CPU %.2f ms/step (1 thread); grid %s %s, data %d points, parameters %d; %s%n",
                        p,
                        r,
                        kept[kept.length / 2],
                        g.axisNames(),
                        Arrays.toString(g.shape()),
                        POINTS,
                        ip.parameters().numel(),
                        ip.route().describe());
            }
        }
    }
}
