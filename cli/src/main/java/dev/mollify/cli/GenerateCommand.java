package dev.mollify.cli;

import dev.mollify.cli.data.Problems;
import dev.mollify.cli.data.TableWriter;
import dev.mollify.pde.fit.GridColumns;
import dev.mollify.pde.fit.Table;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.Sampling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code mollify generate}: synthetic data from the forward solvers, with the truth recorded. */
@Command(name = "generate", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Solve a forward problem and write its data (optionally noisy, optionally at random points),",
                "with the true coefficients recorded so that 'mollify fit' reports its errors.", ""},
        footer = {"", "Problems: heat, burgers, kdv, ks, fisher, langevin, heat2d, chromatin.",
                "Examples:",
                "  mollify generate --problem burgers --noise 0.01 --out burgers.csv",
                "  mollify generate --problem heat --set diffusion=0.2 --grid 65x33 --out heat.npz",
                "  mollify generate --problem kdv --points 2000 --seed 3 --out kdv_points.csv",
                "  mollify generate --problem burgers --list        # the parameters --set accepts, with their defaults"})
public final class GenerateCommand implements Callable<Integer> {
    @ParentCommand
    Mollify parent;

    @Option(names = "--problem", required = true, description = "heat, burgers, kdv, ks, fisher, langevin, heat2d or chromatin")
    String problem;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "a numeric solver parameter (repeat; see --list)")
    List<String> set = new ArrayList<>();

    @Option(names = "--grid", paramLabel = "NX[xNT]", description = "output grid: nodes in x and t (1-D problems), t only (langevin), or the 2-D solver's n")
    String grid;

    @Option(names = "--noise", defaultValue = "0", description = "Gaussian noise of σ = r·std(u) on the measured field (default 0)")
    double noise;

    @Option(names = "--points", defaultValue = "0", description = "keep n grid points drawn at random (default all)")
    int points;

    @Option(names = "--seed", defaultValue = "1234", description = "seed of the noise and the point draw (default 1234)")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "output .csv, .npz or .npy")
    Path out;

    @Option(names = "--list", description = "list the problem's parameters and defaults, then exit")
    boolean list;

    @Override
    public Integer call() throws IOException {
        PrintStream o = parent.out;
        Problems.Problem p = Problems.all().get(problem);
        if (p == null) throw CliException.usage("unknown problem '" + problem + "'; choose one of " + Problems.names());
        if (list) {
            o.println(problem + " parameters (--set NAME=VALUE):");
            Problems.numericParameters(p.defaults()).forEach((k, v) -> o.println("  " + k + " = " + v));
            o.println("--grid sets " + String.join(" x ", p.grid()));
            return ExitCode.OK;
        }
        if (out == null) throw CliException.usage("generate needs --out FILE (.csv, .npz or .npy)");
        String ext = TableWriter.extension(out);
        if (!List.of("csv", "npz", "npy").contains(ext)) throw CliException.usage("--out " + out + ": use a .csv, .npz or .npy file name");
        if (!(noise >= 0) || !Double.isFinite(noise)) throw CliException.usage("--noise must be ≥ 0, got " + noise);
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String s : set) {
            String[] kv = s.split("=", 2);
            if (kv.length != 2) throw CliException.usage("--set " + s + ": write NAME=VALUE");
            overrides.put(kv[0].strip(), kv[1].strip());
        }
        if (grid != null) {
            String[] parts = grid.toLowerCase(Locale.ROOT).split("x");
            if (parts.length != p.grid().size()) {
                throw CliException.usage("--grid " + grid + ": " + problem + " takes " + String.join("x", p.grid()).toUpperCase(Locale.ROOT));
            }
            for (int i = 0; i < parts.length; i++) overrides.put(p.grid().get(i), parts[i].strip());
            keepSolverResolution(p.defaults(), overrides);
        }
        Record params = Problems.with(p.defaults(), overrides);
        long t0 = System.nanoTime();
        List<GridField> fields;
        try {
            fields = new ArrayList<>(p.solve().apply(params));
        } catch (IllegalArgumentException | IllegalStateException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw CliException.usage(m.startsWith(problem + ":") ? m : problem + ": " + m);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        GridField u = fields.get(0);
        if (noise > 0) fields.set(0, Sampling.addNoise(u, noise, seed));
        Map<String, Double> parameters = new LinkedHashMap<>();
        p.truth().apply(params).forEach((k, v) -> parameters.put("truth." + k, v));
        parameters.put("noise.r", noise);
        Table t = TableWriter.longTable(out.toString(), fields, parameters);
        if (points < 0) throw CliException.usage("--points must be ≥ 0");
        if (points > 0) {
            if (points > t.rows()) throw CliException.usage("--points " + points + " is more than the " + t.rows() + " grid points");
            t = t.selectRows(GridColumns.draw(java.util.stream.IntStream.range(0, t.rows()).toArray(), points, seed));
        }
        Path parent = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            List<String> comments = new ArrayList<>(List.of("problem: " + problem, u.description()));
            Problems.numericParameters(params).forEach((k, v) -> comments.add(k + ": " + v));
            switch (ext) {
                case "csv" -> TableWriter.csv(out, t, comments);
                case "npy" -> TableWriter.npy(out, t);
                default -> {
                    if (points > 0) TableWriter.npzColumns(out, t);
                    else TableWriter.npzGrid(out, fields);
                }
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.OUTPUT, "cannot write " + out + ": " + e.getMessage(), e);
        }
        o.printf(Locale.ROOT, "%s: solved in %.2f s; grid %s (%s); wrote %d rows, columns %s%s -> %s%n", problem, seconds,
                Arrays.toString(u.shape()), String.join(", ", u.axisNames()), t.rows(), String.join(",", t.names()),
                noise > 0 ? String.format(Locale.ROOT, ", noise σ = %.3g·std(u) (seed %d)", noise, seed) : "", out);
        if (!p.truth().apply(params).isEmpty()) o.println("truth: " + p.truth().apply(params));
        if (p.pde() != null) {
            o.println("fit it with:");
            o.println("  mollify fit --data " + out + (ext.equals("npy") ? " --columns " + String.join(",", t.names()) : "") + " --pde \"" + p.pde() + "\" " + p.unknowns());
        }
        return ExitCode.OK;
    }

    /**
     * A coarser output grid should not coarsen the solver: where the parameters have a solver-points-
     * per-output-point factor ({@code oversample}, {@code refine}) that the user did not set, raise it
     * so the solver keeps at least its default resolution.
     */
    static void keepSolverResolution(Record defaults, Map<String, String> overrides) {
        Map<String, Object> d = Problems.numericParameters(defaults);
        if (!overrides.containsKey("nx") || !d.containsKey("nx")) return;
        int nx;
        try {
            nx = Integer.parseInt(overrides.get("nx"));
        } catch (NumberFormatException e) {
            return;                                              // reported by Problems.with
        }
        if (nx < 2) return;
        int defaultNx = (Integer) d.get("nx");
        for (String factor : List.of("oversample", "refine")) {
            if (!d.containsKey(factor) || overrides.containsKey(factor)) continue;
            int f = (Integer) d.get(factor);
            boolean intervals = factor.equals("refine");        // refine counts intervals: (nx-1)·refine
            long solver = intervals ? (long) (defaultNx - 1) * f : (long) defaultNx * f;
            long per = intervals ? (solver + nx - 2) / (nx - 1) : (solver + nx - 1) / nx;
            if (!intervals) per = Long.highestOneBit(per) == per ? per : Long.highestOneBit(per) << 1;  // FFT sizes: powers of two
            overrides.put(factor, Long.toString(Math.max(f, per)));
        }
    }

}
