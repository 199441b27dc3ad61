package dev.mollify.cli.fit;

import dev.mollify.cli.CliException;
import dev.mollify.cli.ExitCode;
import dev.mollify.cli.data.DataLayout;
import dev.mollify.cli.data.GridColumns;
import dev.mollify.cli.data.Table;
import dev.mollify.cli.data.TableReader;
import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.PointSet;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.KnownField;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.pde.spec.UnknownField;
import dev.mollify.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * From {@link FitSettings} to a ready {@link InverseProblem}: read the data, parse the equation,
 * decide which names are fields, known fields (data columns) and unknown fields (network outputs),
 * find the grid, add the requested noise, draw the requested points, choose δ, and build the network
 * and the route. Every user mistake becomes a {@link CliException}.
 */
public final class ProblemSetup {
    private static final Pattern CALL = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\s*\\(([^()]*)\\)");
    private static final List<String> FUNCTIONS = List.of("sin", "cos", "exp", "log", "sqrt", "tanh", "lap", "bilap");
    /** Column names read as coordinates (fields may be other single letters, such as u and v). */
    public static final List<String> COORDINATE_NAMES = List.of("t", "x", "y", "z");
    /** The fewest measured values a fit accepts. */
    static final int MIN_POINTS = 16;

    private ProblemSetup() {}

    /**
     * The problem and what the report needs about it.
     *
     * @param delta the route's initial δ (NaN for other routes and for per-axis widths)
     * @param axisDeltas the initial δ of each axis when --delta names axes, else empty
     */
    public record Built(InverseProblem problem, PdeSpec spec, DataLayout layout, Table table, List<String> observed,
                        List<String> unknownFields, Map<String, Double> truth, double delta, String dataSummary,
                        Map<String, Double> axisDeltas) {}

    public static Built build(FitSettings s) {
        Table table = TableReader.read(s.data(), s.columns());
        PdeSpec probe = spec(s, table, null);
        List<String> coords = probe.coordinates();
        for (String name : table.names()) {
            if (COORDINATE_NAMES.contains(name) && !coords.contains(name) && !probe.fields().contains(name)) {
                throw CliException.usage("the data has a coordinate column '" + name + "' but the PDE uses only " + coords
                        + "; write the equation in all the data's coordinates, or drop the column");
            }
        }
        List<String> observed = new ArrayList<>();
        for (String f : probe.fields()) if (table.has(f)) observed.add(f);
        if (observed.isEmpty()) {
            throw CliException.badData(s.data() + " has no column for the PDE's field" + (probe.fields().size() > 1 ? "s " : " ")
                    + probe.fields() + "; columns are " + table.names());
        }
        table = perturb(table, observed, s);
        DataLayout layout = DataLayout.detect(table, coords, observed, s.gridSize());
        checkEnough(layout, observed, s);
        PdeSpec spec = spec(s, table, layout);
        List<String> unknownFields = spec.unknownFields().stream().map(UnknownField::name).toList();
        if (s.unknowns().isEmpty() && unknownFields.isEmpty()) {
            throw CliException.usage("nothing to recover: give an unknown coefficient with --unknown NAME=GUESS (e.g. --unknown D=0.05:positive),"
                    + " or write an unknown field as NAME(x,t) in the PDE");
        }

        List<Domain.Axis> axes = new ArrayList<>();
        for (String c : coords) {
            double[] ax = layout.axes().get(layout.axisNames().indexOf(c));
            axes.add(new Domain.Axis(c, ax[0], ax[ax.length - 1]));
        }
        Pinn net = Pinn.builder(Domain.box(axes.toArray(new Domain.Axis[0]))).fields(spec.fields().toArray(new String[0]))
                .unknownFields(unknownFields.toArray(new String[0])).hidden(s.hidden()).seed(s.seed()).build();
        double delta = Double.NaN;
        Map<String, Double> axisDeltas = Map.of();
        DerivativeRoute route;
        switch (s.route()) {
            case "mollifier" -> {
                DerivativeKernels.Method kernels = kernels(s.kernels(), s.delta());
                if (s.delta().contains("=")) {
                    axisDeltas = chooseAxisDeltas(s.delta(), layout);
                    route = DerivativeRoute.mollifier(axisDeltas).method(kernels).build();
                } else {
                    delta = chooseDelta(s.delta(), layout);
                    route = DerivativeRoute.mollifier(delta).learnable(s.delta().equals("learn")).method(kernels).build();
                }
            }
            case "autodiff" -> route = DerivativeRoute.autodiff();
            case "fd" -> route = DerivativeRoute.finiteDifferences();
            default -> throw CliException.usage("--route must be mollifier, autodiff or fd, got '" + s.route() + "'");
        }
        InverseProblem.Builder b = InverseProblem.builder(spec, net).route(route);
        Grid grid = new Grid(layout.axisNames(), layout.axes());
        for (String f : observed) b.observe(f, observations(layout, f));
        if (layout.scattered()) b.grid(grid);
        InverseProblem problem;
        try {
            problem = b.build();
        } catch (IllegalArgumentException e) {
            String which = !axisDeltas.isEmpty() ? "--delta " + s.delta() + ": " : Double.isNaN(delta) ? "" : "--delta " + s.delta() + " (δ = " + fmt(delta) + "): ";
            throw CliException.usage(which + e.getMessage());
        }
        Map<String, Double> truth = new LinkedHashMap<>();
        for (String n : s.unknowns().keySet()) {
            if (s.truth().containsKey(n)) truth.put(n, s.truth().get(n));
            else if (table.parameters().containsKey("truth." + n)) truth.put(n, table.parameters().get("truth." + n));
        }
        return new Built(problem, spec, layout, table, observed, unknownFields, truth, delta, layout.describe(), axisDeltas);
    }

    /** The spec; with {@code layout == null} known fields are placeholders (to learn the coordinates and fields first). */
    private static PdeSpec spec(FitSettings s, Table table, DataLayout layout) {
        try {
            PdeSpec.Builder b = PdeSpec.parse(s.pde());
            Map<String, List<String>> calls = new LinkedHashMap<>();
            Matcher m = CALL.matcher(s.pde());
            while (m.find()) {
                if (!FUNCTIONS.contains(m.group(1))) calls.putIfAbsent(m.group(1), Arrays.stream(m.group(2).split(",")).map(String::strip).toList());
            }
            for (String name : calls.keySet()) {
                if (s.unknowns().containsKey(name)) throw CliException.usage("'" + name + "' is written as a field " + name + "(…) in the PDE but given as --unknown " + name + "=…; unknown fields need no --unknown");
                if (table.has(name)) b.knownField(name, layout == null ? c -> c[0].mul(0.0) : known(table, layout, name, calls.get(name)));
                else b.unknownField(name);
            }
            for (Map.Entry<String, Double> e : s.unknowns().entrySet()) {
                if (s.positive().contains(e.getKey())) {
                    if (!(e.getValue() > 0)) throw CliException.usage("--unknown " + e.getKey() + "=" + e.getValue() + ":positive needs a positive initial guess");
                    b.unknownPositive(e.getKey(), e.getValue());
                } else {
                    b.unknown(e.getKey(), e.getValue());
                }
            }
            return b.build();
        } catch (CliException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String hint = e.getMessage().contains("declare it with")
                    ? "\non the command line, declare an unknown coefficient with --unknown NAME=GUESS (add :positive for a positive one)" : "";
            throw new CliException(ExitCode.USAGE, "--pde: " + e.getMessage() + hint, e);
        }
    }

    /** A data column used as a known field, looked up by multilinear interpolation on the data grid. */
    private static KnownField known(Table table, DataLayout layout, String name, List<String> args) {
        if (layout.scattered()) throw CliException.badData("known field '" + name + "' needs the data on a grid; the data are scattered points");
        DataLayout values = DataLayout.detect(table, layout.axisNames(), List.of(name), 2);
        double[] v = values.fields().get(name);
        for (double x : v) {
            if (Double.isNaN(x)) throw CliException.badData("known field '" + name + "' has missing values; it must be given at every grid node");
        }
        List<double[]> axes = layout.axes();
        if (!new LinkedHashSet<>(args).equals(new LinkedHashSet<>(layout.axisNames()))) {
            throw CliException.usage("known field '" + name + "' comes from a data column, so write it with all the data's coordinates: "
                    + name + "(" + String.join(",", layout.axisNames()) + ")");
        }
        int[] position = new int[axes.size()];                      // grid axis a is argument position[a] in the text
        for (int a = 0; a < position.length; a++) position[a] = args.indexOf(layout.axisNames().get(a));
        return KnownField.pointwise(p -> {
            double[] q = new double[p.length];
            for (int a = 0; a < q.length; a++) q[a] = p[position[a]];
            return GridLookup.multilinear(axes, v, q);
        }, axes.size());
    }

    private static Table perturb(Table table, List<String> observed, FitSettings s) {
        if (s.noise() < 0 || !Double.isFinite(s.noise())) throw CliException.usage("--noise must be ≥ 0 (0.01 = 1 % of std(u)), got " + s.noise());
        if (s.noise() > 0) {
            Rng rng = new Rng(s.seed() * 7919 + 17);
            for (String f : observed) {
                double[] u = table.column(f);
                double sigma = s.noise() * std(u);
                for (int i = 0; i < u.length; i++) if (!Double.isNaN(u[i])) u[i] += sigma * rng.nextGaussian();
                table = table.withColumn(f, u);
            }
        }
        if (s.points() < 0) throw CliException.usage("--points must be ≥ 0 (0 keeps every point), got " + s.points());
        if (s.points() > 0) {
            double[] u = table.column(observed.get(0));
            List<Integer> measured = new ArrayList<>();
            for (int i = 0; i < u.length; i++) if (!Double.isNaN(u[i])) measured.add(i);
            if (s.points() > measured.size()) {
                throw CliException.usage("--points " + s.points() + " is more than the " + measured.size() + " measured points in " + s.data());
            }
            int[] keep = GridColumns.draw(measured.stream().mapToInt(Integer::intValue).toArray(), s.points(), s.seed() * 104729 + 3);
            table = table.selectRows(keep);
        }
        return table;
    }

    private static void checkEnough(DataLayout layout, List<String> observed, FitSettings s) {
        for (String f : observed) {
            int n = layout.measured(f);
            if (n < MIN_POINTS) {
                throw CliException.badData("too few points: " + n + " measured values of '" + f + "' in " + s.data() + "; a fit needs at least " + MIN_POINTS);
            }
        }
        if (!layout.scattered()) {
            int[] shape = layout.shape();
            for (int a = 0; a < shape.length; a++) {
                if (shape[a] < 3) {
                    throw CliException.badData("too few points along " + layout.axisNames().get(a) + ": the grid has " + shape[a]
                            + " nodes on that axis; derivatives need at least 3");
                }
            }
        }
    }

    /** The mollifier's derivative kernels from {@code --kernels}. */
    static DerivativeKernels.Method kernels(String text, String delta) {
        return switch (text) {
            case "differences" -> DerivativeKernels.Method.DIFFERENCES;
            case "analytic" -> {
                if (delta.equals("learn")) {
                    throw CliException.usage("--kernels analytic cannot be used with --delta learn (the analytic kernels have no width gradient); use --kernels differences or a fixed --delta");
                }
                yield DerivativeKernels.Method.ANALYTIC_MOMENTS;
            }
            default -> throw CliException.usage("--kernels must be differences or analytic, got '" + text + "'");
        };
    }

    /**
     * δ per axis from {@code --delta t=0.05,x=0.12}: each named axis its own width, each checked against
     * that axis (at least 1.5 spacings, at most a quarter of its length); axes not named get auto
     * (4 spacings of that axis, at most a quarter of its length).
     */
    static Map<String, Double> chooseAxisDeltas(String text, DataLayout layout) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) throw CliException.usage("--delta " + text + ": write one AXIS=WIDTH per axis, e.g. t=0.05,x=0.12");
            String axis = kv[0].strip();
            if (!layout.axisNames().contains(axis)) {
                throw CliException.usage("--delta " + text + ": the data have no axis '" + axis + "'; its axes are " + layout.axisNames());
            }
            given.put(axis, kv[1].strip());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int a = 0; a < layout.axes().size(); a++) {
            String name = layout.axisNames().get(a);
            double h = layout.spacing(a);
            double[] ax = layout.axes().get(a);
            double span = ax[ax.length - 1] - ax[0];
            String v = given.get(name);
            double d;
            if (v == null) {
                d = autoWidth(h, span);
            } else {
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw CliException.usage("--delta " + name + "=" + v + ": not a number");
                }
                String range = String.format(Locale.ROOT, "valid along %s: %s ≤ δ ≤ %s (spacing %s, length %s)", name, fmt(1.5 * h), fmt(span / 4), fmt(h), fmt(span));
                if (!(d > 0) || !Double.isFinite(d)) throw CliException.usage("--delta " + name + "=" + v + " must be positive; " + range);
                if (d < 1.5 * h) throw CliException.usage("--delta " + name + "=" + v + " is narrower than the grid can resolve along " + name + "; " + range);
                if (d > span / 4) throw CliException.usage("--delta " + name + "=" + v + " is too wide for the data along " + name + "; " + range);
            }
            out.put(name, d);
        }
        return out;
    }

    /** The auto width: 4 spacings, unless the axis is too short for it (at most a quarter of its length, at least 2 spacings). */
    private static double autoWidth(double h, double span) {
        return Math.max(2 * h, Math.min(4 * h, span / 4));
    }

    /** δ from {@code --delta}: a number, or auto/learn = 4 × the coarsest spacing, checked against the grid. */
    static double chooseDelta(String text, DataLayout layout) {
        double hMax = 0;
        double hMin = Double.MAX_VALUE;
        double span = Double.MAX_VALUE;
        for (int a = 0; a < layout.axes().size(); a++) {
            hMax = Math.max(hMax, layout.spacing(a));
            hMin = Math.min(hMin, layout.spacing(a));
            double[] ax = layout.axes().get(a);
            span = Math.min(span, ax[ax.length - 1] - ax[0]);
        }
        double delta;
        if (text.equals("auto") || text.equals("learn")) {
            delta = autoWidth(hMax, span);
        } else {
            try {
                delta = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw CliException.usage("--delta must be auto, learn or a positive number, got '" + text + "'");
            }
        }
        String range = String.format(Locale.ROOT, "valid for this grid: %s ≤ δ ≤ %s (spacings %s…%s; auto = 4 × the coarsest spacing, at most a quarter of the shortest axis)",
                fmt(1.5 * hMax), fmt(span / 4), fmt(hMin), fmt(hMax));
        if (!(delta > 0) || !Double.isFinite(delta)) throw CliException.usage("--delta must be positive, got " + text + "; " + range);
        if (delta < 1.5 * hMax) {
            throw CliException.usage("--delta " + text + " is narrower than the grid can resolve: the kernel would hold fewer than 3 samples along an axis of spacing "
                    + fmt(hMax) + "; " + range);
        }
        if (delta > span / 4) {
            throw CliException.usage("--delta " + text + " is too wide for the data: it smooths over more than a quarter of the shortest axis (length "
                    + fmt(span) + "); " + range);
        }
        return delta;
    }

    private static Observations observations(DataLayout layout, String f) {
        if (layout.scattered()) {
            List<String> cols = new ArrayList<>(layout.axisNames());
            cols.add(f);
            int w = cols.size();
            double[][] p = layout.points();
            double[] v = layout.pointValues().get(f);
            double[] data = new double[p.length * w];
            for (int r = 0; r < p.length; r++) {
                System.arraycopy(p[r], 0, data, r * w, w - 1);
                data[r * w + w - 1] = v[r];
            }
            return Observations.points(new PointSet("data", cols, data, Map.of(), "measured"));
        }
        double[] v = layout.fields().get(f).clone();
        boolean[] mask = new boolean[v.length];
        boolean full = true;
        for (int i = 0; i < v.length; i++) {
            mask[i] = !Double.isNaN(v[i]);
            if (!mask[i]) {
                full = false;
                v[i] = 0;
            }
        }
        GridField g = new GridField("data", f, layout.axisNames(), layout.axes(), v, Map.of(), "measured");
        return full ? Observations.grid(g) : Observations.masked(g, mask);
    }

    static double std(double[] u) {
        double s = 0, s2 = 0;
        int n = 0;
        for (double v : u) {
            if (Double.isNaN(v)) continue;
            s += v;
            n++;
        }
        double mean = s / n;
        for (double v : u) if (!Double.isNaN(v)) s2 += (v - mean) * (v - mean);
        return Math.sqrt(s2 / n);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
