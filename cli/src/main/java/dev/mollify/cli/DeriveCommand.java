package dev.mollify.cli;

import dev.mollify.autograd.Var;
import dev.mollify.cli.data.TableWriter;
import dev.mollify.cli.fit.OutputFolder;
import dev.mollify.cli.report.Plots;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.DifferentialOperator;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifiedDerivatives;
import dev.mollify.pde.fit.DataLayout;
import dev.mollify.pde.fit.FitInputException;
import dev.mollify.pde.fit.FitSetup;
import dev.mollify.pde.fit.GridColumns;
import dev.mollify.pde.fit.Table;
import dev.mollify.pde.fit.TableReader;
import dev.mollify.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code mollify derive}: the smoothing layer on its own. û = u∗η_δ and ∂ᵏû = u∗∂ᵏη_δ along each
 * coordinate, by convolution with the sampled bump and its derivative kernels (docs/math.md, "Derivatives by convolution").
 */
@Command(name = "derive", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Mollified derivatives of measured data on a grid: u_hat and u_x, u_xx, … (and u_t, u_tt, …) up to --order,",
                "written to DIR/derivatives.csv beside the input columns, with a plot.", ""},
        footer = {"", "Examples:",
                "  mollify derive --data heat.csv --order 2 --delta 0.05 --out runs/derive",
                "  mollify derive --data kdv.csv --order 3 --axes x --boundary periodic",
                "",
                "Near the edges (within δ) the values depend on --boundary; use periodic for periodic data.",
                "δ: larger smooths more noise away but biases the derivatives (docs/math.md, Discretisation traps); auto = 4 × the coarsest spacing."})
public final class DeriveCommand implements Callable<Integer> {
    @ParentCommand
    Mollify parent;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "measurements on a full grid: .csv, .npz or .npy")
    Path data;

    @Option(names = "--columns", split = ",", paramLabel = "x,t,u", description = "column names of a plain .npy table")
    List<String> columns = new ArrayList<>();

    @Option(names = "--field", description = "the column to differentiate (default: the only non-coordinate column, or u)")
    String field;

    @Option(names = "--order", defaultValue = "2", description = "highest derivative order, 1 to 4 (default 2)")
    int order;

    @Option(names = "--delta", defaultValue = "auto", description = "kernel width δ in coordinate units, or auto (default)")
    String delta;

    @Option(names = "--axes", split = ",", description = "coordinates to differentiate along (default all)")
    List<String> axes;

    @Option(names = "--boundary", defaultValue = "reflect", description = "reflect (default), replicate, periodic or zero")
    String boundary;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "mollify-out/derive", description = "output folder (default mollify-out/derive)")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintStream o = parent.out;
        if (order < 1 || order > 4) throw CliException.usage("--order must be 1, 2, 3 or 4, got " + order);
        Boundary b = switch (boundary) {
            case "reflect" -> Boundary.REFLECT;
            case "replicate" -> Boundary.REPLICATE;
            case "periodic" -> Boundary.PERIODIC;
            case "zero" -> Boundary.ZERO;
            default -> throw CliException.usage("--boundary must be reflect, replicate, periodic or zero, got '" + boundary + "'");
        };
        OutputFolder.prepare(out);
        Table t = read();
        List<String> coords = t.names().stream().filter(n -> FitSetup.COORDINATE_NAMES.contains(n) && !n.equals(field)).toList();
        if (coords.isEmpty()) throw CliException.badData(data + " has no coordinate column (t, x, y or z); columns are " + t.names());
        String f = field != null ? field : pickField(t, coords);
        DataLayout layout = layout(t, coords, f);
        if (layout.scattered()) throw CliException.badData("derive needs data on a grid; " + data + " holds scattered points");
        double[] u = layout.fields().get(f);
        int missing = 0;
        for (double v : u) if (Double.isNaN(v)) missing++;
        if (missing > 0) throw CliException.badData("derive needs a full grid; " + missing + " of " + u.length + " nodes of '" + f + "' are missing");
        int d = layout.axisNames().size();
        double[] h = new double[d];
        int[] shape = layout.shape();
        for (int a = 0; a < d; a++) {
            h[a] = layout.spacing(a);
            if (shape[a] < 3) throw CliException.badData("too few points along " + layout.axisNames().get(a) + " (" + shape[a] + "); need at least 3");
        }
        List<String> along = axes == null ? layout.axisNames() : axes;
        for (String a : along) if (!layout.axisNames().contains(a)) throw CliException.usage("--axes " + a + ": not a coordinate of the data " + layout.axisNames());
        double dlt = width(layout, h);
        int[] m = new int[d];
        for (int a = 0; a < d; a++) m[a] = (int) Math.ceil(dlt / h[a] - 1e-9);
        MollifiedDerivatives md;
        try {
            md = MollifiedDerivatives.builder(KernelFamily.bump(), h, m).width(dlt).boundary(b).build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--delta " + delta + " (δ = " + dlt + "): " + e.getMessage());
        }
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
        Map<DifferentialOperator, Var> res = md.compute(Var.constant(Tensor.of(u, s4)), requests.toArray(new DifferentialOperator[0]));
        double ms = (System.nanoTime() - t0) * 1e-6;
        Map<String, double[]> outCols = new LinkedHashMap<>();
        for (DifferentialOperator dv : requests) outCols.put(names.get(dv), res.get(dv).value().toDoubleArray());

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
        TableWriter.csv(out.resolve("derivatives.csv"), result, List.of(String.format(Locale.ROOT,
                "mollified derivatives of %s from %s: bump kernel, delta = %s, boundary %s", f, data, dlt, boundary)));
        plot(layout, f, u, outCols);
        o.println("data: " + data + " — " + layout.describe().replace("\n", "\n  "));
        o.printf(Locale.ROOT, "δ = %.4g (%s), kernel half-width %s taps, boundary %s; %d columns in %.1f ms%n", dlt,
                delta.equals("auto") ? "auto: 4 × the coarsest spacing" : "given", java.util.Arrays.toString(m), boundary, outCols.size(), ms);
        o.println("wrote " + out.resolve("derivatives.csv") + " (" + String.join(",", header) + ") and " + out.resolve("derivatives.png"));
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

    private double width(DataLayout layout, double[] h) {
        double hMax = 0;
        for (double v : h) hMax = Math.max(hMax, v);
        if (delta.equals("auto")) return 4 * hMax;
        try {
            double v = Double.parseDouble(delta);
            if (!(v > 0) || !Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw CliException.usage("--delta must be auto or a positive number, got '" + delta + "'");
        }
    }

    private static String pickField(Table t, List<String> coords) {
        List<String> rest = t.names().stream().filter(n -> !coords.contains(n)).toList();
        if (rest.size() == 1) return rest.get(0);
        if (rest.contains("u")) return "u";
        throw CliException.usage("which column to differentiate? " + rest + " — choose with --field");
    }

    /** One small chart per column along the fastest axis, at the middle of the slower ones. */
    private void plot(DataLayout layout, String f, double[] u, Map<String, double[]> cols) throws IOException {
        int d = layout.axisNames().size();
        int[] shape = layout.shape();
        int nx = shape[d - 1];
        int offset = 0;
        int stride = nx;
        for (int a = d - 2; a >= 0; a--) {
            offset += (shape[a] / 2) * stride;
            stride *= shape[a];
        }
        double[] x = layout.axes().get(d - 1);
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put(f, slice(u, offset, nx));
        int at = offset;
        cols.forEach((k, v) -> series.put(k, slice(v, at, nx)));
        String where = d == 1 ? "" : " (middle of " + String.join(", ", layout.axisNames().subList(0, d - 1)) + ")";
        Plots.panels(out.resolve("derivatives.png"), "Mollified derivatives along " + layout.axisNames().get(d - 1) + where,
                layout.axisNames().get(d - 1), x, series);
    }

    private static double[] slice(double[] v, int offset, int n) {
        double[] s = new double[n];
        System.arraycopy(v, offset, s, 0, n);
        return s;
    }
}
