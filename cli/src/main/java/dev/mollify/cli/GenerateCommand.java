package dev.mollify.cli;

import dev.mollify.cli.data.AtomicFile;
import dev.mollify.cli.data.Problems;
import dev.mollify.cli.data.TableWriter;
import dev.mollify.cli.report.Json;
import dev.mollify.pde.fit.DataSidecar;
import dev.mollify.pde.fit.GridColumns;
import dev.mollify.pde.fit.HeapBudget;
import dev.mollify.pde.fit.Table;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.Sampling;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mollify generate}: synthetic data from the forward solvers; the truth and settings go to a JSON sidecar beside the data. */
@Command(
        name = "generate",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        description = {
            "Solve a forward problem and write its data (optionally noisy, optionally at random points),",
            "plain (a CSV any tool reads), with the true coefficients and the settings in NAME.json beside it;",
            "'mollify fit' reads the truth from there and reports its errors.",
            ""
        },
        footer = {
            "",
            "Problems: heat, burgers, kdv, ks, fisher, reaction-diffusion, langevin, heat2d, chromatin, navier-stokes.",
            "Examples:",
            "  mollify generate --problem burgers --noise 0.01 --out burgers.csv",
            "  mollify generate --problem heat --set diffusion=0.2 --grid 65x33 --out heat.npz",
            "  mollify generate --problem kdv --points 2000 --seed 3 --out kdv_points.csv",
            "  mollify generate --problem burgers --list        # the parameters --set accepts, with their defaults"
        })
public final class GenerateCommand implements Callable<Integer> {
    @ParentCommand
    Mollify parent;

    @Option(
            names = "--problem",
            required = true,
            description =
                    "heat, burgers, kdv, ks, fisher, reaction-diffusion, langevin, heat2d, chromatin or navier-stokes")
    String problem;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "a numeric solver parameter (repeat; see --list)")
    List<String> set = new ArrayList<>();

    @Option(
            names = "--grid",
            paramLabel = "NX[xNT]",
            description = "output grid: nodes in x and t (1-D problems), t only (langevin), the 2-D solver's n, or"
                    + " navier-stokes' solver grid NXxNY")
    String grid;

    @Option(
            names = "--noise",
            defaultValue = "0",
            description =
                    "Gaussian noise of σ = r·std(f) on each measured field f (default 0; not on NAME_true truths)")
    double noise;

    @Option(names = "--points", defaultValue = "0", description = "keep n grid points drawn at random (default all)")
    int points;

    @Option(
            names = "--seed",
            defaultValue = "1234",
            description = "seed of the noise and the point draw (default 1234)")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "output .csv, .npz or .npy")
    Path out;

    @Option(
            names = "--force",
            description =
                    "replace --out and its .json sidecar when they exist (by default they are kept and the command stops)")
    boolean force;

    @Option(names = "--list", description = "list the problem's parameters and defaults, then exit")
    boolean list;

    /** A command with the defaults of its options; picocli sets the options and the parent command. */
    public GenerateCommand() {}

    /**
     * With {@code --list}, prints the problem's numeric parameters and defaults. Otherwise solves the problem
     * with the {@code --set} and {@code --grid} values, adds noise to every measured field (not to the
     * {@code NAME_true} truths), keeps {@code --points} random nodes when asked, and writes {@code --out} by its
     * extension: {@code .csv} (a header, one row per node), {@code .npy} (one float64 table, column order
     * printed), {@code .npz} (one array per column, or the fields on their grid when every node is kept).
     * Beside it, {@code NAME.json} holds the truth, the equation, the {@code mollify fit} command to try, the
     * columns, the grid and the settings; the command prints where both went.
     *
     * @return {@link ExitCode#OK}
     * @throws IOException when the sidecar cannot be written after the data were
     * @throws CliException with {@link ExitCode#USAGE} for an unknown problem or parameter, a bad
     *     {@code --grid}, {@code --noise} or {@code --points}, an existing {@code --out} without
     *     {@code --force}, a grid too large for the heap or a solver that refuses its parameters; with
     *     {@link ExitCode#OUTPUT} when {@code --out} is a folder or cannot be written
     */
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
        if (!List.of("csv", "npz", "npy").contains(ext))
            throw CliException.usage("--out " + out + ": use a .csv, .npz or .npy file name");
        if (!(noise >= 0) || !Double.isFinite(noise)) throw CliException.usage("--noise must be ≥ 0, got " + noise);
        Path side = DataSidecar.of(out);
        if (!force && (Files.exists(out) || Files.exists(side))) {
            throw CliException.usage((Files.exists(out) ? out : side) + " exists; choose another --out, or replace "
                    + out + " and " + side.getFileName() + " with --force");
        }
        if (Files.isDirectory(out))
            throw new CliException(
                    ExitCode.OUTPUT,
                    "--out " + out + " is a folder; give a file name such as " + out.resolve("data.csv"));
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String s : set) {
            String[] kv = s.split("=", 2);
            if (kv.length != 2) throw CliException.usage("--set " + s + ": write NAME=VALUE");
            overrides.put(kv[0].strip(), kv[1].strip());
        }
        if (grid != null) {
            String[] parts = grid.toLowerCase(Locale.ROOT).split("x");
            if (parts.length != p.grid().size()) {
                Map<String, Object> d = Problems.numericParameters(p.defaults());
                throw CliException.usage("--grid " + grid + ": " + problem + " takes "
                        + String.join(
                                "x",
                                p.grid().stream()
                                        .map(g -> g.toUpperCase(Locale.ROOT))
                                        .toList()) + ", e.g. --grid "
                        + String.join(
                                "x",
                                p.grid().stream()
                                        .map(g -> String.valueOf(d.get(g)))
                                        .toList()) + " (the default)");
            }
            for (int i = 0; i < parts.length; i++) overrides.put(p.grid().get(i), parts[i].strip());
            keepSolverResolution(p.defaults(), overrides);
        }
        if (points < 0) throw CliException.usage("--points must be ≥ 0 (0 keeps every grid point), got " + points);
        Record params = Problems.with(p.defaults(), overrides);
        checkMemory(p, params);
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
        if (noise > 0) // every measured field (not the NAME_true truths), each with its own draw
        for (int i = 0; i < fields.size(); i++)
                if (!fields.get(i).valueName().endsWith("_true"))
                    fields.set(i, Sampling.addNoise(fields.get(i), noise, seed + 7919L * i));
        Map<String, Double> truth = p.truth().apply(params);
        Table t = TableWriter.longTable(out.toString(), fields, Map.of());
        if (points > 0) {
            if (points > t.rows())
                throw CliException.usage("--points " + points + " is more than the " + t.rows()
                        + " grid points; lower it, or raise --grid");
            t = t.selectRows(GridColumns.draw(
                    java.util.stream.IntStream.range(0, t.rows()).toArray(), points, seed));
        }
        Path sidecar = DataSidecar.of(out);
        String pde = p.pde(params);
        String fitCommand = pde == null || p.fitNote() != null
                ? null
                : ("mollify fit --data " + out + (ext.equals("npy") ? " --columns " + String.join(",", t.names()) : "")
                                + " --pde \"" + pde + "\" " + p.unknowns())
                        .strip();
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            switch (ext) {
                case "csv" -> TableWriter.csv(out, t);
                case "npy" -> TableWriter.npy(out, t);
                default -> {
                    if (points > 0) TableWriter.npzColumns(out, t);
                    else TableWriter.npzGrid(out, fields);
                }
            }
            AtomicFile.writeString(sidecar, Json.write(sidecar(p, params, u, t, truth, fitCommand)));
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.OUTPUT, "cannot write " + out + ": " + e.getMessage() + "; choose a writable --out", e);
        }
        o.printf(
                Locale.ROOT,
                "%s: solved in %.2f s; grid %s (%s); wrote %d rows, columns %s%s -> %s%n",
                problem,
                seconds,
                Arrays.toString(u.shape()),
                String.join(", ", u.axisNames()),
                t.rows(),
                String.join(",", t.names()),
                noise > 0
                        ? String.format(
                                Locale.ROOT, ", noise σ = %.3g·std of each measured field (seed %d)", noise, seed)
                        : "",
                out);
        o.println((truth.isEmpty() ? "settings" : "truth " + truth + " and settings") + " -> " + sidecar);
        if (fitCommand != null) {
            o.println("fit it with:");
            o.println("  " + fitCommand);
        } else if (p.fitNote() != null) {
            o.println("the data satisfy " + p.pde());
            o.println(p.fitNote());
        }
        return ExitCode.OK;
    }

    /** The sidecar: what the data do not hold (the truth, the settings that made them, the fit to try). */
    private Map<String, Object> sidecar(
            Problems.Problem p, Record params, GridField u, Table t, Map<String, Double> truth, String fitCommand) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", out.getFileName().toString());
        m.put("problem", problem);
        m.put("description", u.description());
        m.put("truth", new LinkedHashMap<>(truth));
        m.put("pde", p.pde(params));
        m.put("fit", fitCommand);
        m.put("columns", t.names());
        m.put("rows", t.rows());
        Map<String, Object> grid = new LinkedHashMap<>();
        for (int a = 0; a < u.axisNames().size(); a++) grid.put(u.axisNames().get(a), u.shape()[a]);
        m.put("grid", grid);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("noise", noise);
        settings.put("seed", seed);
        settings.put("points", points);
        settings.put("parameters", Problems.numericParameters(params));
        m.put("settings", settings);
        return m;
    }

    /** Bytes per output grid node that generating needs at most: the solution, its columns, noise and a point draw. */
    static final double BYTES_PER_NODE = 256;

    /** Refuses a grid whose data would not fit in the heap, before the solver allocates it. */
    private void checkMemory(Problems.Problem p, Record params) {
        Map<String, Object> num = Problems.numericParameters(params);
        double nodes = 1;
        for (String g : p.grid()) nodes *= ((Number) num.get(g)).doubleValue();
        if (p.grid().equals(List.of("n")))
            nodes *= ((Number) num.get("n")).doubleValue(); // the 2-D solvers: n × n nodes
        double need = nodes * BYTES_PER_NODE;
        if (need <= 0.8 * HeapBudget.max()) return;
        Map<String, Object> d = Problems.numericParameters(p.defaults());
        String defaults = String.join(
                "x", p.grid().stream().map(g -> String.valueOf(d.get(g))).toList());
        throw CliException.usage(String.format(
                Locale.ROOT,
                "%s: a grid of %,.0f nodes needs about %s of memory but Java may use at most %s: lower --grid (the default is %s), or %s",
                grid != null ? "--grid " + grid : problem,
                nodes,
                HeapBudget.bytes(need),
                HeapBudget.bytes(HeapBudget.max()),
                defaults,
                HeapBudget.MORE_MEMORY));
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
            return; // reported by Problems.with
        }
        if (nx < 2) return;
        int defaultNx = (Integer) d.get("nx");
        for (String factor : List.of("oversample", "refine")) {
            if (!d.containsKey(factor) || overrides.containsKey(factor)) continue;
            int f = (Integer) d.get(factor);
            boolean intervals = factor.equals("refine"); // refine counts intervals: (nx-1)·refine
            long solver = intervals ? (long) (defaultNx - 1) * f : (long) defaultNx * f;
            long per = intervals ? (solver + nx - 2) / (nx - 1) : (solver + nx - 1) / nx;
            if (!intervals)
                per = Long.highestOneBit(per) == per ? per : Long.highestOneBit(per) << 1; // FFT sizes: powers of two
            overrides.put(factor, Long.toString(Math.max(f, per)));
        }
    }
}
