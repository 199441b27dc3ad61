package dev.mollify.tests.forward;

import dev.mollify.pde.forward.DataFiles;
import dev.mollify.pde.forward.ForwardDatasets;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.Sampling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes every default data set of {@link ForwardDatasets} and times each generation.
 *
 * <pre>
 *   java -cp tests/target/classes:$(cat tests/target/classpath.txt) dev.mollify.tests.forward.WriteDatasets OUT_DIR [r] [seed]
 * </pre>
 * writes, per problem, {@code NAME.csv} (long table {@code x,t,u}), {@code NAME.npy} (values,
 * grid shape), one {@code NAME_AXIS.npy} per axis and {@code NAME_noisy.csv/.npy} with Gaussian
 * noise {@code r·std(u)} (r = 0.01 and seed = 1234 unless given), then prints the generation time of
 * each. {@code OUT_DIR} must be new or empty. {@code --no-write} in place of {@code OUT_DIR} times the
 * solvers alone.
 */
public final class WriteDatasets {
    private static final String USAGE =
            "usage: WriteDatasets OUT_DIR|--no-write [r, default 0.01] [seed, default 1234]";

    private WriteDatasets() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) fail("expected 1 to 3 arguments, got " + args.length);
        boolean write = !args[0].equals("--no-write");
        Path out = write ? Path.of(args[0]) : null;
        double r = 0.01;
        long seed = 1234L;
        try {
            if (args.length > 1) r = Double.parseDouble(args[1]);
            if (args.length > 2) seed = Long.parseLong(args[2]);
        } catch (NumberFormatException e) {
            fail("r must be a number and seed an integer: " + e.getMessage());
        }
        if (!(r >= 0) || !Double.isFinite(r)) fail("r must be >= 0, got " + r);
        if (write) {
            if (Files.exists(out) && !Files.isDirectory(out)) fail(out + " is a file; OUT_DIR must be a folder");
            if (Files.isDirectory(out)) {
                try (var entries = Files.list(out)) {
                    if (entries.findAny().isPresent())
                        fail(out + " is not empty; choose a new folder (nothing is overwritten)");
                }
            }
            Files.createDirectories(out);
        }
        long all = System.nanoTime();
        for (ForwardDatasets.Problem p : ForwardDatasets.Problem.values()) {
            long t0 = System.nanoTime();
            GridField f = ForwardDatasets.generate(p);
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
            System.out.printf(
                    Locale.ROOT,
                    "%-26s %-16s solve %6.2f s   with noise+files %6.2f s%n",
                    p.fileName(),
                    Arrays.toString(f.shape()),
                    solve,
                    total);
        }
        System.out.printf(Locale.ROOT, "all %.2f s%n", (System.nanoTime() - all) / 1e9);
        // A multithreaded JTransforms FFT (only above its size thresholds) leaves a pool that keeps the
        // JVM alive for ~60 s; end it so the command returns at once.
        org.visnow.jlargearrays.ConcurrencyUtils.shutdownThreadPoolAndAwaitTermination();
    }

    private static void fail(String message) {
        System.err.println("WriteDatasets: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
