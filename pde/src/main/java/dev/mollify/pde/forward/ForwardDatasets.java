package dev.mollify.pde.forward;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The default data sets, one per problem, and a timed command-line run that writes them.
 *
 * <pre>
 *   java -cp ... dev.mollify.pde.forward.ForwardDatasets OUT_DIR [r=0.01] [seed=1234]
 * </pre>
 * writes, per problem, {@code NAME.csv} (long table {@code x,t,u}), {@code NAME.npy} (values,
 * grid shape), one {@code NAME_AXIS.npy} per axis and {@code NAME_noisy.csv/.npy} with Gaussian
 * noise {@code r·std(u)}, then prints the generation time of each. Use {@code --no-write} to time
 * the solvers alone.
 */
public final class ForwardDatasets {
    private ForwardDatasets() {
    }

    /** The problems with a default data set. */
    public enum Problem {
        HEAT("heat"), BURGERS("burgers"), KDV("kdv"), KURAMOTO_SIVASHINSKY("kuramoto_sivashinsky"),
        FISHER_KPP("fisher_kpp"), LANGEVIN("langevin"), STEADY_HEAT_2D("steady_heat_2d"),
        CHROMATIN("chromatin"), CHROMATIN_VARYING_LAMBDA("chromatin_varying_lambda");

        private final String fileName;

        Problem(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }
    }

    /** The default data set of one problem (the solution field; coefficient fields via the solvers). */
    public static GridField generate(Problem p) {
        return switch (p) {
            case HEAT -> HeatSolver.solve(HeatSolver.Params.defaults());
            case BURGERS -> BurgersSolver.solve(BurgersSolver.Params.defaults());
            case KDV -> KdvSolver.solve(KdvSolver.Params.defaults());
            case KURAMOTO_SIVASHINSKY -> KuramotoSivashinskySolver.solve(KuramotoSivashinskySolver.Params.defaults());
            case FISHER_KPP -> FisherKppSolver.solve(FisherKppSolver.Params.defaults());
            case LANGEVIN -> LangevinSolver.solve(LangevinSolver.Params.defaults());
            case STEADY_HEAT_2D -> SteadyHeat2D.solve(SteadyHeat2D.Params.defaults()).u();
            case CHROMATIN -> ChromatinSolver.solve(ChromatinSolver.Params.defaults()).phiD();
            case CHROMATIN_VARYING_LAMBDA -> ChromatinSolver.solve(ChromatinSolver.Params.defaultsVaryingLambda()).phiD();
        };
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ForwardDatasets OUT_DIR|--no-write [r=0.01] [seed=1234]");
            System.exit(2);
        }
        boolean write = !args[0].equals("--no-write");
        Path out = write ? Path.of(args[0]) : null;
        double r = args.length > 1 ? Double.parseDouble(args[1]) : 0.01;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1234L;
        if (write) {
            Files.createDirectories(out);
        }
        List<String> lines = new ArrayList<>();
        long all = System.nanoTime();
        for (Problem p : Problem.values()) {
            long t0 = System.nanoTime();
            GridField f = generate(p);
            double solve = (System.nanoTime() - t0) / 1e9;
            GridField noisy = Sampling.addNoise(f, r, seed);
            if (write) {
                String name = p.fileName();
                DataFiles.writeCsv(out.resolve(name + ".csv"), f);
                DataFiles.writeNpy(out.resolve(name + ".npy"), f);
                for (String axis : f.axisNames()) {
                    DataFiles.writeAxisNpy(out.resolve(name + "_" + axis + ".npy"), f, axis);
                }
                DataFiles.writeCsv(out.resolve(name + "_noisy.csv"), noisy);
                DataFiles.writeNpy(out.resolve(name + "_noisy.npy"), noisy);
            }
            double total = (System.nanoTime() - t0) / 1e9;
            lines.add(String.format(Locale.ROOT, "%-26s %-16s solve %6.2f s   with noise+files %6.2f s",
                    p.fileName(), java.util.Arrays.toString(f.shape()), solve, total));
            System.out.println(lines.get(lines.size() - 1));
        }
        System.out.printf(Locale.ROOT, "all %.2f s%n", (System.nanoTime() - all) / 1e9);
        // A multithreaded JTransforms FFT (only above its size thresholds) leaves a pool that keeps the
        // JVM alive for ~60 s; end it so the command returns at once.
        org.visnow.jlargearrays.ConcurrencyUtils.shutdownThreadPoolAndAwaitTermination();
    }
}
