package dev.mollify.cli;

import dev.mollify.autograd.Var;
import dev.mollify.cli.data.AtomicFile;
import dev.mollify.cli.data.TableWriter;
import dev.mollify.cli.fit.OutputFolder;
import dev.mollify.cli.report.Json;
import dev.mollify.cli.report.Plots;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.DifferentialOperator;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifiedDerivatives;
import dev.mollify.pde.fit.DataLayout;
import dev.mollify.pde.fit.FitInputException;
import dev.mollify.pde.fit.FitSetup;
import dev.mollify.pde.fit.GridColumns;
import dev.mollify.pde.fit.HeapBudget;
import dev.mollify.pde.fit.MollifierWidths;
import dev.mollify.pde.fit.Table;
import dev.mollify.pde.fit.TableReader;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mollify derive}: the smoothing layer on its own. û = u∗η_δ and ∂ᵏû = u∗∂ᵏη_δ along each
 * coordinate, by convolution with the sampled bump and its derivative kernels (docs/math.md, "Derivatives by convolution").
 */
@Command(
        name = "derive",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        description = {
            "Mollified derivatives of measured data on a grid: u_hat and u_x, u_xx, … (and u_t, u_tt, …) up to --order,",
            "written to DIR/derivatives.csv beside the input columns (a plain CSV; δ, kernel and boundary in derivatives.json), with a plot.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  mollify derive --data heat.csv --order 2 --delta 0.05 --out runs/derive",
            "  mollify derive --data kdv.csv --order 3 --axes x --boundary periodic",
            "  mollify derive --data burgers.csv --delta t=0.05,x=0.02",
            "",
            "Near the edges (within δ) the values depend on --boundary; use periodic for periodic data.",
            "",
            "δ: larger smooths more noise away but biases the derivatives (docs/math.md, Discretisation traps); auto = per axis 4 spacings or 5 % of the axis,",
            "whichever is wider, at most a quarter of it (as in fit); each width lies between 1.5 spacings and a quarter of its axis."
        })
public final class DeriveCommand implements Callable<Integer> {
    @ParentCommand
    Mollify parent;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "FILE",
            description = "measurements on a full grid: .csv, .npz or .npy")
    Path data;

    @Option(
            names = "--columns",
            split = ",",
            paramLabel = "x,t,u",
            description =
                    "column names of a plain .npy table, or new names for a CSV's columns in the file's order (--columns t,x,u reads a time,x,u file)")
    List<String> columns = new ArrayList<>();

    @Option(
            names = "--field",
            description = "the column to differentiate (default: the only non-coordinate column, or u)")
    String field;

    @Option(names = "--order", defaultValue = "2", description = "highest derivative order, 1 to 4 (default 2)")
    int order;

    @Option(
            names = "--delta",
            defaultValue = "auto",
            description =
                    "kernel width δ in coordinate units: auto (default), one width for every axis, or one per axis, e.g. t=0.05,x=0.02 (axes not named get auto)")
    String delta;

    @Option(names = "--axes", split = ",", description = "coordinates to differentiate along (default all)")
    List<String> axes;

    @Option(
            names = "--boundary",
            defaultValue = "reflect",
            description = "reflect (default), replicate, periodic or zero")
    String boundary;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "mollify-out/derive",
            description = "output folder (default mollify-out/derive)")
    Path out;

    /** A command with the defaults of its options; picocli sets the options and the parent command. */
    public DeriveCommand() {}

    /**
     * Computes the mollified field and its derivatives along the chosen axes up to {@code --order} and writes
     * {@code OUT/derivatives.csv} (the coordinates, the field, then one column per result: {@code F_hat},
     * {@code F_x}, {@code F_xx}, …), {@code OUT/derivatives.json} (data, field, kernel, δ per axis, kernel
     * half-width in taps, boundary, column names) and the plot {@code OUT/derivatives.png}. Every check runs
     * before the output folder is made.
     *
     * @return {@link ExitCode#OK}
     * @throws IOException when an output file cannot be written
     * @throws CliException with {@link ExitCode#USAGE} for a bad {@code --order}, {@code --boundary},
     *     {@code --field}, {@code --axes} or {@code --delta}, or a job too large for the heap; with
     *     {@link ExitCode#BAD_DATA} for unreadable data, no coordinate column, scattered points, missing nodes
     *     or fewer than 3 nodes on an axis; with {@link ExitCode#OUTPUT} when {@code --out} cannot be written
     */
    @Override
    public Integer call() throws IOException {
        PrintStream o = parent.out;
        if (order < 1 || order > 4) throw CliException.usage("--order must be 1, 2, 3 or 4, got " + order);
        Boundary b = switch (boundary) {
            case "reflect" -> Boundary.REFLECT;
            case "replicate" -> Boundary.REPLICATE;
            case "periodic" -> Boundary.PERIODIC;
            case "zero" -> Boundary.ZERO;
            default ->
                throw CliException.usage(
                        "--boundary must be reflect, replicate, periodic or zero, got '" + boundary + "'");
        };
        Table t = read();
        List<String> coords =
                t.names().stream().filter(FitSetup.COORDINATE_NAMES::contains).toList();
        if (coords.isEmpty())
            throw CliException.badData(data + " has no coordinate column (t, x, y or z); columns are " + t.names());
        List<String> present =
                t.names().stream().filter(n -> !coords.contains(n)).toList();
        if (field != null && !present.contains(field)) {
            throw CliException.usage("--field " + field + ": "
                    + (coords.contains(field)
                            ? "'" + field + "' is a coordinate, not a field"
                            : "the data have no column '" + field + "'")
                    + "; the fields present are " + present);
        }
        String f = field != null ? field : pickField(t, coords);
        DataLayout layout = layout(t, coords, f);
        if (layout.scattered())
            throw CliException.badData("derive needs data on a grid; " + data + " holds scattered points");
        double[] u = layout.fields().get(f);
        int missing = 0;
        for (double v : u) if (Double.isNaN(v)) missing++;
        if (missing > 0)
            throw CliException.badData(
                    "derive needs a full grid; " + missing + " of " + u.length + " nodes of '" + f + "' are missing");
        int d = layout.axisNames().size();
        double[] h = new double[d];
        int[] shape = layout.shape();
        for (int a = 0; a < d; a++) {
            h[a] = layout.spacing(a);
            if (shape[a] < 3)
                throw CliException.badData(
                        "too few points along " + layout.axisNames().get(a) + " (" + shape[a] + "); need at least 3");
        }
        List<String> along = axes == null ? layout.axisNames() : axes;
        for (String a : along)
            if (!layout.axisNames().contains(a))
                throw CliException.usage("--axes " + a + ": not a coordinate of the data " + layout.axisNames());
        double need = 8.0
                * u.length
                * (3 * (1 + along.size() * order)
                        + 6); // inputs, each result and its padded convolution copy, the CSV's columns
        if (need > 0.8 * HeapBudget.max()) {
            throw CliException.usage(String.format(
                    Locale.ROOT,
                    "the derivatives of %,d nodes up to order %d along %s need about %s of memory but Java may use at most %s: lower --order, name fewer --axes, or %s",
                    u.length,
                    order,
                    along,
                    HeapBudget.bytes(need),
                    HeapBudget.bytes(HeapBudget.max()),
                    HeapBudget.MORE_MEMORY));
        }
        double[] w = widths(layout);
        int[] m = new int[d];
        for (int a = 0; a < d; a++) m[a] = (int) Math.ceil(w[a] / h[a] - 1e-9);
        MollifiedDerivatives md;
        try {
            md = MollifiedDerivatives.builder(KernelFamily.bump(), h, m)
                    .widths(w)
                    .boundary(b)
                    .build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(
                    "--delta " + delta + " (δ = " + java.util.Arrays.toString(w) + "): " + e.getMessage());
        }
        OutputFolder.prepare(out); // every check passed: only now the folder is made
        List<DifferentialOperator> requests = new ArrayList<>(List.of(DifferentialOperator.value(d)));
        Map<DifferentialOperator, String> names = new LinkedHashMap<>();
        names.put(requests.get(0), f + "_hat");
        for (String a : along) {
            int ai = layout.axisNames().indexOf(a);
            for (int k = 1; k <= order; k++) {
                DifferentialOperator dv = DifferentialOperator.along(ai, k, d);
                requests.add(dv);
                names.put(dv, f + "_" + a.repeat(k));
            }
        }
        int[] s4 = new int[d + 2];
        s4[0] = 1;
        s4[1] = 1;
        System.arraycopy(shape, 0, s4, 2, d);
        long t0 = System.nanoTime();
        Map<DifferentialOperator, Var> res =
                md.compute(Var.constant(Tensor.of(u, s4)), requests.toArray(new DifferentialOperator[0]));
        double ms = (System.nanoTime() - t0) * 1e-6;
        Map<String, double[]> outCols = new LinkedHashMap<>();
        for (DifferentialOperator dv : requests)
            outCols.put(names.get(dv), res.get(dv).value().toDoubleArray());

        List<String> header = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        int n = u.length;
        for (int a = d - 1; a >= 0; a--) {
            header.add(layout.axisNames().get(a));
            cols.add(GridColumns.coordinate(layout.axes(), a));
        }
        header.add(f);
        cols.add(u);
        outCols.forEach((k, v) -> {
            header.add(k);
            cols.add(v);
        });
        Table result = new Table(out.resolve("derivatives.csv").toString(), header, cols, Map.of());
        TableWriter.csv(out.resolve("derivatives.csv"), result);
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("data", data.toString());
        about.put("field", f);
        about.put("kernel", "bump");
        Map<String, Object> widths = new LinkedHashMap<>();
        for (int a = 0; a < d; a++) widths.put(layout.axisNames().get(a), w[a]);
        about.put("delta", widths);
        about.put("halfWidthTaps", java.util.Arrays.stream(m).boxed().toList());
        about.put("boundary", boundary);
        about.put("columns", header);
        AtomicFile.writeString(out.resolve("derivatives.json"), Json.write(about));
        plot(layout, f, u, outCols);
        o.println("data: " + data + " — " + layout.describe().replace("\n", "\n  "));
        StringBuilder ws = new StringBuilder();
        for (int a = 0; a < d; a++)
            ws.append(a > 0 ? ", " : "")
                    .append(layout.axisNames().get(a))
                    .append(String.format(Locale.ROOT, " %.4g", w[a]));
        o.printf(
                Locale.ROOT,
                "δ = (%s) (%s), kernel half-width %s taps, boundary %s; %d columns in %.1f ms%n",
                ws,
                delta.equals("auto") ? "auto: per axis 4 spacings or 5 % of the axis" : "given",
                java.util.Arrays.toString(m),
                boundary,
                outCols.size(),
                ms);
        o.println("wrote " + out.resolve("derivatives.csv") + " (" + String.join(",", header) + "), "
                + out.resolve("derivatives.json") + " (δ, kernel, boundary) and " + out.resolve("derivatives.png"));
        return ExitCode.OK;
    }

    private Table read() {
        try {
            return TableReader.read(data, columns);
        } catch (FitInputException e) {
            throw CliException.from(e);
        }
    }

    private static DataLayout layout(Table t, List<String> coords, String field) {
        try {
            return DataLayout.detect(t, coords, List.of(field), 2);
        } catch (FitInputException e) {
            throw CliException.from(e);
        }
    }

    /** δ per axis through the fit's parser of {@code --delta} (auto, one width, or AXIS=WIDTH,…), each checked against its axis. */
    private double[] widths(DataLayout layout) {
        if (delta.strip().equals("learn"))
            throw CliException.usage(
                    "--delta learn is for fit; derive takes auto, a width, or AXIS=WIDTH per axis, e.g. t=0.05,x=0.12");
        try {
            return MollifierWidths.perAxis(delta, new Grid(layout.axisNames(), layout.axes()));
        } catch (FitInputException e) {
            throw CliException.from(e);
        }
    }

    private static String pickField(Table t, List<String> coords) {
        List<String> rest = t.names().stream().filter(n -> !coords.contains(n)).toList();
        if (rest.size() == 1) return rest.get(0);
        if (rest.contains("u")) return "u";
        throw CliException.usage(
                "which column to differentiate? the fields present are " + rest + "; choose one with --field");
    }

    /** One small chart per column along the fastest axis, at the middle node of each slower one (named in the title). */
    private void plot(DataLayout layout, String f, double[] u, Map<String, double[]> cols) throws IOException {
        int d = layout.axisNames().size();
        int[] shape = layout.shape();
        int nx = shape[d - 1];
        int offset = 0;
        int stride = nx;
        List<String> at = new ArrayList<>();
        for (int a = d - 2; a >= 0; a--) {
            int i = shape[a] / 2;
            offset += i * stride;
            stride *= shape[a];
            at.add(
                    0,
                    String.format(
                            Locale.ROOT,
                            "%s = %.4g (node %d of %d)",
                            layout.axisNames().get(a),
                            layout.axes().get(a)[i],
                            i + 1,
                            shape[a]));
        }
        String along = layout.axisNames().get(d - 1);
        double[] x = layout.axes().get(d - 1);
        List<Plots.Panel> panels = new ArrayList<>();
        panels.add(new Plots.Panel(
                f + " (data)", along, f, false, List.of(new Plots.Series(f, x, slice(u, offset, nx), false)), null));
        int from = offset;
        cols.forEach((k, v) -> panels.add(
                new Plots.Panel(k, along, k, false, List.of(new Plots.Series(k, x, slice(v, from, nx), false)), null)));
        String where = d == 1 ? "" : " at " + String.join(", ", at);
        Plots.panels(
                out.resolve("derivatives.png"),
                "Mollified derivatives of " + f + " along " + along + where,
                panels,
                2,
                560,
                300);
    }

    private static double[] slice(double[] v, int offset, int n) {
        double[] s = new double[n];
        System.arraycopy(v, offset, s, 0, n);
        return s;
    }
}
