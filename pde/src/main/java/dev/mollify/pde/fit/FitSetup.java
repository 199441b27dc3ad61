package dev.mollify.pde.fit;

import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.pinn.CoefficientEstimate;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.KnownField;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.pde.spec.Unknown;
import dev.mollify.pde.spec.UnknownField;
import dev.mollify.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * From {@link FitOptions} to a ready {@link InverseProblem}: read the data, parse the equation,
 * decide which names are fields, known fields (data columns), unknown fields (network outputs) and
 * unmeasured fields (fields of the equations with no data column: network outputs with no data term),
 * find the grid, add the requested noise, draw the requested points, choose δ, build the network and
 * the route, fit the network to the data alone and take the unknowns' starting values from it
 * ({@link CoefficientEstimate}). Every user mistake becomes a {@link FitInputException} whose message
 * names the setting or the data at fault (in {@code mollify fit}'s option names).
 */
public final class FitSetup {
    private static final Pattern CALL = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\s*\\(([^()]*)\\)");
    private static final List<String> FUNCTIONS = List.of("sin", "cos", "exp", "log", "sqrt", "tanh", "lap", "bilap");
    /** Column names read as coordinates (fields may be other single letters, such as u and v). */
    public static final List<String> COORDINATE_NAMES = List.of("t", "x", "y", "z");
    /** The fewest measured values a fit accepts. */
    static final int MIN_POINTS = 16;

    private FitSetup() {}

    /**
     * The problem and what a report needs about it.
     *
     * @param problem    the inverse problem, ready to train (its unknowns at their start values)
     * @param spec       the parsed equation with its known and unknown fields
     * @param layout     what shape the data have (grid, grid with missing nodes, scattered points)
     * @param table      the data as fitted (after the requested noise and point draw)
     * @param observed   the equation's fields that the data measure
     * @param unmeasured the equation's fields with no data column: network outputs with no data term, learnt
     *                   from the equations alone ({@link UnmeasuredFields}); a field seen only through its
     *                   derivatives is known up to a constant
     * @param unknownFields names of the unknown fields (network outputs)
     * @param truth      true values of unknowns, given or read from {@code truth.NAME} parameters of the table
     * @param dataSummary what was found in the data, in words (one fact per line)
     * @param delta      the route's initial δ (NaN for other routes and for per-axis widths)
     * @param axisDeltas the initial δ of each axis (auto or named), else empty
     * @param grid       the collocation grid
     * @param onDataGrid whether the collocation grid is the data grid (else data are compared at their points)
     * @param estimate   the starting values from the data (null when there are no unknown scalars)
     * @param start      the value each unknown starts from
     * @param warnings   what the data and the setup cannot support, in words
     * @param prefitLoss the scaled data loss the network reached on the data alone (NaN when not fitted)
     * @param widthScan  the δ ladder behind an auto δ (null when δ was given or the route is not the mollifier's)
     * @param direct     the weak-form estimate on the measured values themselves ({@link WeakForm}; null unless
     *                   every field is measured at every node of the collocation grid on the mollifier route)
     * @param noiseLevel the data's noise in std of each field, read from neighbouring samples ({@link WeakForm#noiseLevel};
     *                   NaN for scattered or incomplete data)
     * @param hidden     the network's hidden widths: those given, or those {@link NetworkSize} chose
     * @param widenedBecause why {@link NetworkSize} swapped in its wider network, in words; null when it did not
     * @param timeBudget the training's wall-clock budget in seconds: the one given, or {@link TimeBudget}'s default for
     *                   the equation's coordinates (0: none)
     */
    public record Built(
            InverseProblem problem,
            PdeSpec spec,
            DataLayout layout,
            Table table,
            List<String> observed,
            List<String> unmeasured,
            List<String> unknownFields,
            Map<String, Double> truth,
            double delta,
            String dataSummary,
            Map<String, Double> axisDeltas,
            Grid grid,
            boolean onDataGrid,
            CoefficientEstimate estimate,
            Map<String, Double> start,
            List<String> warnings,
            double prefitLoss,
            WidthScan widthScan,
            WeakForm.Result direct,
            double noiseLevel,
            int[] hidden,
            String widenedBecause,
            double timeBudget) {}

    /**
     * Sets the fit up; throws {@link FitInputException} for settings or data it cannot use.
     *
     * @param s the options
     * @return the problem, its network fitted to the data alone and its unknowns at their starting values
     * @throws FitInputException when the data, the equation, δ, the route or another setting cannot be
     *     used (kind USAGE or DATA; the message names the setting or the data at fault)
     */
    public static Built build(FitOptions s) {
        Measured measured = measure(s);
        Table table = measured.table();
        List<String> coords = measured.coordinates();
        List<String> observed = measured.observed();
        DataLayout layout = DataLayout.detect(table, coords, observed, s.gridSize());
        checkEnough(layout, observed, s);
        PdeSpec spec = spec(s, table, layout);
        List<String> unknownFields =
                spec.unknownFields().stream().map(UnknownField::name).toList();
        if (s.unknowns().isEmpty() && unknownFields.isEmpty()) {
            throw FitInputException.usage(
                    "nothing to recover: give an unknown coefficient with --unknown NAME=GUESS (e.g. --unknown D=0.05:positive),"
                            + " or write an unknown field as NAME(x,t) in the PDE");
        }

        Grid grid = collocationGrid(layout, spec);
        MemoryEstimate.check(s, grid, layout, table.rows(), spec, unknownFields.size());
        boolean onDataGrid = !layout.scattered() && grid.equals(new Grid(layout.axisNames(), layout.axes()));
        List<Domain.Axis> axes = new ArrayList<>();
        for (String c : coords) {
            double[] ax = grid.axis(grid.axisIndex(c));
            axes.add(new Domain.Axis(c, ax[0], ax[ax.length - 1]));
        }
        Map<String, double[]> stats = new LinkedHashMap<>(); // field → {mean, scale}
        for (String f : observed) {
            Measurements.checkMagnitude(layout, f, s.source());
            stats.put(f, Measurements.meanAndScale(layout, f));
        }
        List<String> warnings = new ArrayList<>(SamplingWarnings.of(layout, spec, observed));
        if (!s.route().equals("mollifier")
                && (!s.delta().equals("auto") || !s.kernels().equals("auto"))) {
            warnings.add("--delta and --kernels are ignored: only the mollifier route uses a width, the " + s.route()
                    + " route does not");
        }
        for (String f : observed) {
            if (stats.get(f)[2] == 0)
                warnings.add("the data of '" + f + "' are constant: they cannot tell any coefficient");
        }
        warnings.addAll(FitWarnings.replicateWarnings(layout, observed));
        Pinn.Builder nb = Pinn.builder(Domain.box(axes.toArray(new Domain.Axis[0])))
                .fields(spec.fields().toArray(new String[0]))
                .unknownFields(unknownFields.toArray(new String[0]))
                .hidden(NetworkSize.initial(s))
                .seed(s.seed());
        stats.forEach((f, ms) -> nb.outputScale(f, ms[0], ms[1]));
        for (UnknownField uf : spec.unknownFields()) { // k(x) on (x, t): a network of x alone
            if (coords.containsAll(uf.args())
                    && !uf.args().isEmpty()
                    && !uf.args().containsAll(coords))
                nb.unknownFieldInputs(uf.name(), uf.args().toArray(new String[0]));
        }
        double delta = Double.NaN;
        Map<String, Double> axisDeltas = Map.of();
        DerivativeRoute route; // the route the fit trains
        DerivativeRoute probe; // the same widths, for the network fitted to the data alone and for the weak form
        DerivativeKernels.Method asked = null; // the kernels of the network's derivatives (null: auto per width)
        DerivativeKernels.Method weakKernels = null; // the kernels of the weak form on the data (null: auto per width)
        switch (s.route()) {
            case "mollifier" -> {
                asked = MollifierWidths.kernels(s.kernels(), s.delta());
                weakKernels = asked;
                if (asked == null) asked = MollifierWidths.forNetwork(spec);
                if (s.delta().contains("=") || s.delta().equals("auto")) {
                    axisDeltas = MollifierWidths.chooseAxisDeltas(s.delta().equals("auto") ? "" : s.delta(), grid);
                    route = axisRoute(axisDeltas, asked, grid, spec, true);
                    probe = axisRoute(axisDeltas, asked, grid, spec, false);
                } else {
                    delta = MollifierWidths.chooseDelta(s.delta(), grid);
                    boolean learn = s.delta().equals("learn");
                    double[] w = new double[grid.dims()];
                    Arrays.fill(w, delta);
                    route = DerivativeRoute.mollifier(delta)
                            .learnable(learn)
                            .method(
                                    asked != null
                                            ? asked
                                            : learn
                                                    ? MollifierWidths.DIFFERENCES
                                                    : MollifierWidths.forTraining(w, grid, spec))
                            .build();
                    probe = learn || asked != null
                            ? route
                            : DerivativeRoute.mollifier(delta)
                                    .method(MollifierWidths.forWidths(w, grid))
                                    .build();
                }
            }
            default -> { // autodiff or fd: nothing to configure
                if (!DerivativeRoute.NAMES.contains(s.route())) {
                    throw FitInputException.usage("--route must be mollifier, autodiff or fd, got '" + s.route() + "'");
                }
                route = DerivativeRoute.named(s.route(), null);
                probe = route;
            }
        }
        Map<String, Observations> obs = new LinkedHashMap<>();
        for (String f : observed)
            obs.put(f, onDataGrid ? Measurements.observations(layout, f) : Measurements.points(layout, f));
        InverseProblem problem;
        CoefficientEstimate estimate = null;
        WeakForm.Result direct = null;
        WidthScan scan = null;
        double prefitLoss = Double.NaN;
        Map<String, Double> start = new LinkedHashMap<>();
        Grid collocation = grid; // the data grid, or a finer one where the network is steep (CollocationRefinement)
        Pinn net = nb.build();
        int[] hidden = NetworkSize.initial(s);
        String widenedBecause = null;
        double noise = WeakForm.noiseLevel(layout, observed);
        try {
            InverseProblem pre =
                    problemBuilder(spec, net, probe, grid, obs, stats).build();
            if (!s.unknowns().isEmpty()) {
                prefitLoss = pre.fitData(PREFIT_ADAM, PREFIT_LR, PREFIT_LBFGS, PREFIT_POINTS, s.seed() * 31 + 5);
                widenedBecause = NetworkSize.widening(
                        s,
                        grid,
                        net,
                        observed,
                        Math.sqrt(prefitLoss / observed.size()),
                        noise,
                        WeakForm.applies(spec, grid, layout, observed, unknownFields));
                double wideNeed = widenedBecause == null
                        ? 0
                        : MemoryEstimate.bytes(s, NetworkSize.STEEP, grid, table.rows(), spec, unknownFields.size());
                if (wideNeed > MemoryEstimate.SHARE * HeapBudget.max()) { // the heap cannot hold the wider network
                    warnings.add(NetworkSize.tooLarge(widenedBecause, wideNeed));
                    widenedBecause = null;
                }
                if (widenedBecause != null) { // a front sharper than the grid, or data it cannot follow
                    hidden = NetworkSize.STEEP.clone();
                    net = nb.hidden(hidden).build();
                    pre = problemBuilder(spec, net, probe, grid, obs, stats).build();
                    prefitLoss = pre.fitData(PREFIT_ADAM, PREFIT_LR, PREFIT_LBFGS, PREFIT_POINTS, s.seed() * 31 + 5);
                }
                boolean refinable = s.route().equals("mollifier")
                        && s.delta().equals("auto")
                        && s.gridSize() == 0
                        && spec.knownFields().isEmpty();
                if (refinable) {
                    collocation = CollocationRefinement.refine(grid, !layout.scattered(), net, observed);
                    double need =
                            MemoryEstimate.bytes(s, hidden, collocation, table.rows(), spec, unknownFields.size());
                    if (!collocation.equals(grid)
                            && need
                                    > MemoryEstimate.SHARE
                                            * Runtime.getRuntime().maxMemory()) {
                        warnings.add(String.format(
                                java.util.Locale.ROOT,
                                "the network is steeper than the collocation grid %s can follow, but the finer grid %s"
                                        + " needs about %.0f MiB of heap: the fit keeps the coarser one, and the"
                                        + " coefficients of the terms that shape the steep part may come out biased;"
                                        + " a larger heap (MOLLIFY_JAVA_OPTS=-Xmx…) allows the finer grid",
                                Measurements.describe(grid),
                                Measurements.describe(collocation),
                                need / (1 << 20)));
                        collocation = grid;
                    }
                    if (!collocation.equals(grid)) {
                        onDataGrid = false;
                        obs.replaceAll((f, o) -> Measurements.points(layout, f));
                    }
                }
                Grid cg = collocation;
                Pinn model = net;
                if (s.route().equals("mollifier")
                        && s.delta().equals("auto")) { // δ from the data: where the estimate is flat
                    scan = WidthScan.run(
                            cg,
                            spec.fluxTerms().isEmpty(),
                            asked,
                            r -> problemBuilder(spec, model, r, cg, obs, stats).build(),
                            (p, w) -> CoefficientEstimate.of(p, guesses(s), CoefficientEstimate.inside(cg, w)));
                    axisDeltas = MollifierWidths.atLeastDataCell(
                            scan.training().widths(), cg, layout.measuredPoints(observed));
                    route = axisRoute(axisDeltas, asked, cg, spec, true);
                    probe = axisRoute(scan.choice().widths(), asked, cg, spec, false);
                    pre = problemBuilder(spec, net, probe, cg, obs, stats).build();
                }
                Map<String, Double> reach = new LinkedHashMap<>(
                        scan != null
                                ? scan.choice().widths()
                                : axisDeltas); // how far the probe's kernel reaches along each axis
                if (reach.isEmpty() && Double.isFinite(delta)) for (String a : cg.axisNames()) reach.put(a, delta);
                estimate = CoefficientEstimate.of(pre, guesses(s), CoefficientEstimate.inside(cg, reach));
                warnings.addAll(estimate.warnings());
                direct = WeakForm.choose(
                        spec,
                        grid,
                        layout,
                        observed,
                        unknownFields,
                        guesses(s),
                        probe,
                        reach,
                        scan == null
                                ? List.of()
                                : scan.points().stream()
                                        .map(WidthScan.Point::widths)
                                        .toList(),
                        weakKernels);
            }
            InverseProblem.Builder b = problemBuilder(spec, net, route, collocation, obs, stats);
            for (Unknown u : spec.unknowns()) {
                double v = startValue(u, s, estimate);
                start.put(u.name(), v);
                double e = estimate == null ? Double.NaN : estimate.values().get(u.name());
                double scale = Double.isFinite(e) && e != 0 ? Math.abs(e) : Math.abs(v) > 0 ? Math.abs(v) : 1;
                b.unknownStart(u.name(), v, scale);
            }
            if (estimate != null) b.residualScales(estimate.residualScales());
            problem = b.build();
        } catch (FitInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String which = !axisDeltas.isEmpty()
                    ? "--delta " + s.delta() + ": "
                    : Double.isNaN(delta) ? "" : "--delta " + s.delta() + " (δ = " + MollifierWidths.fmt(delta) + "): ";
            throw FitInputException.usage(which + e.getMessage());
        }
        Map<String, Double> truth = new LinkedHashMap<>();
        for (String n : s.unknowns().keySet()) {
            if (s.truth().containsKey(n)) truth.put(n, s.truth().get(n));
            else if (table.parameters().containsKey("truth." + n))
                truth.put(n, table.parameters().get("truth." + n));
        }
        String summary = layout.describe()
                + (onDataGrid
                        ? ""
                        : "\ncollocation grid " + Measurements.describe(collocation)
                                + (collocation.equals(grid)
                                        ? " (the route's own; data compared at their points)"
                                        : " (the route's own, refined from " + Measurements.describe(grid)
                                                + " where the network fitted to the data is steep; data compared at"
                                                + " their points)"));
        return new Built(
                problem,
                spec,
                layout,
                table,
                observed,
                measured.unmeasured(),
                unknownFields,
                truth,
                delta,
                summary,
                axisDeltas,
                collocation,
                onDataGrid,
                estimate,
                start,
                List.copyOf(warnings),
                prefitLoss,
                scan,
                direct,
                noise,
                hidden,
                widenedBecause,
                TimeBudget.of(s.timeBudget(), coords.size()));
    }

    /**
     * The data as the fit sees them: read, checked against the equation's coordinates and fields, with
     * the requested noise added and the requested points drawn (both seeded by the options' seed).
     *
     * @param table       the measured table
     * @param coordinates the equation's coordinates
     * @param observed    the equation's fields that the table measures (at least one)
     * @param unmeasured  the equation's fields with no column: network outputs learnt from the equations alone
     */
    record Measured(Table table, List<String> coordinates, List<String> observed, List<String> unmeasured) {}

    /** Reads and perturbs the data as {@link #build} does; throws {@link FitInputException} for data it cannot use. */
    static Measured measure(FitOptions s) {
        Table table = s.table() != null ? s.table() : TableReader.read(s.data(), s.columns());
        PdeSpec probe = spec(s, table, null);
        List<String> coords = probe.coordinates();
        for (String name : table.names()) {
            if (COORDINATE_NAMES.contains(name)
                    && !coords.contains(name)
                    && !probe.fields().contains(name)) {
                throw FitInputException.usage("the data has a coordinate column '" + name + "' but the PDE uses only "
                        + coords + "; write the equation in all the data's coordinates, or drop the column");
            }
        }
        List<String> observed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String f : probe.fields()) (table.has(f) ? observed : missing).add(f);
        UnmeasuredFields.check(s.source(), table, probe, observed, missing);
        return new Measured(
                perturb(table, observed, s), List.copyOf(coords), List.copyOf(observed), List.copyOf(missing));
    }

    /** The first fit of the network to the data alone: Adam steps, its learning rate, L-BFGS iterations, points used. */
    static final int PREFIT_ADAM = 1000, PREFIT_LBFGS = 300, PREFIT_POINTS = 4096;

    static final double PREFIT_LR = 1e-2;
    /** A data axis with fewer samples than this gets a collocation axis of its own, of {@link #OWN_AXIS_NODES} nodes. */
    static final int MIN_AXIS_NODES = 16, OWN_AXIS_NODES = 32;

    private static InverseProblem.Builder problemBuilder(
            PdeSpec spec,
            Pinn net,
            DerivativeRoute route,
            Grid grid,
            Map<String, Observations> obs,
            Map<String, double[]> stats) {
        InverseProblem.Builder b =
                InverseProblem.builder(spec, net).route(route).grid(grid);
        obs.forEach(b::observe);
        stats.forEach((f, ms) -> b.fieldScale(f, ms[1]));
        return b;
    }

    /**
     * The mollifier route of these per-axis widths: the kernels asked for, else the auto kernels of the trained
     * route ({@link MollifierWidths#forTraining}) or, for {@code training = false}, of a probe of the network
     * fitted to the data alone ({@link MollifierWidths#forWidths}).
     */
    private static DerivativeRoute axisRoute(
            Map<String, Double> widths, DerivativeKernels.Method asked, Grid grid, PdeSpec spec, boolean training) {
        double[] w = widths.values().stream().mapToDouble(Double::doubleValue).toArray();
        DerivativeKernels.Method m = asked != null
                ? asked
                : training ? MollifierWidths.forTraining(w, grid, spec) : MollifierWidths.forWidths(w, grid);
        return DerivativeRoute.mollifier(widths).method(m).build();
    }

    /** The user's guesses (unknowns written without one are absent). */
    private static Map<String, Double> guesses(FitOptions s) {
        Map<String, Double> g = new LinkedHashMap<>();
        s.unknowns().forEach((n, v) -> {
            if (!Double.isNaN(v)) g.put(n, v);
        });
        return g;
    }

    /** The estimate from the data when it is usable (finite, positive for a positive unknown), else the guess. */
    private static double startValue(Unknown u, FitOptions s, CoefficientEstimate est) {
        double e = est == null ? Double.NaN : est.values().get(u.name());
        if (Double.isFinite(e) && (!u.positive() || e > 0)) return e;
        double g = s.unknowns().get(u.name());
        if (!Double.isNaN(g)) return g;
        if (u.positive()) return Double.isFinite(e) && e != 0 ? Math.abs(e) : 1;
        return Double.isFinite(e) ? e : 0;
    }

    /**
     * The collocation grid: the data grid when every axis has at least {@link #MIN_AXIS_NODES} nodes;
     * a coarser axis gets a uniform grid of {@link #OWN_AXIS_NODES} nodes over the data's range (the data
     * are then compared at their own points). Scattered data get the layout's grid.
     */
    static Grid collocationGrid(DataLayout layout, PdeSpec spec) {
        List<double[]> axes = new ArrayList<>();
        for (double[] ax : layout.axes())
            axes.add(ax.length >= MIN_AXIS_NODES ? ax : Grid.uniform(ax[0], ax[ax.length - 1], OWN_AXIS_NODES));
        return new Grid(layout.axisNames(), axes);
    }

    /** The spec; with {@code layout == null} known fields are placeholders (to learn the coordinates and fields first). */
    private static PdeSpec spec(FitOptions s, Table table, DataLayout layout) {
        try {
            PdeSpec.Builder b = PdeSpec.parse(s.pde());
            Map<String, List<String>> calls = new LinkedHashMap<>();
            Matcher m = CALL.matcher(s.pde());
            while (m.find()) {
                if (!FUNCTIONS.contains(m.group(1)))
                    calls.putIfAbsent(
                            m.group(1),
                            Arrays.stream(m.group(2).split(","))
                                    .map(String::strip)
                                    .toList());
            }
            for (String name : calls.keySet()) {
                if (s.unknowns().containsKey(name))
                    throw FitInputException.usage("'" + name + "' is written as a field " + name
                            + "(…) in the PDE but given as --unknown " + name + "=…; unknown fields need no --unknown");
                if (table.has(name))
                    b.knownField(
                            name, layout == null ? c -> c[0].mul(0.0) : known(table, layout, name, calls.get(name)));
                else b.unknownField(name);
            }
            for (Map.Entry<String, Double> e : s.unknowns().entrySet()) {
                boolean guessed = !Double.isNaN(e.getValue()); // no guess: a placeholder, the data give the start
                if (s.positive().contains(e.getKey())) {
                    if (guessed && !(e.getValue() > 0))
                        throw FitInputException.usage("--unknown " + e.getKey() + "=" + e.getValue()
                                + ":positive needs a positive initial guess");
                    b.unknownPositive(e.getKey(), guessed ? e.getValue() : 1.0);
                } else {
                    b.unknown(e.getKey(), guessed ? e.getValue() : 1.0);
                }
            }
            return b.build();
        } catch (FitInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new FitInputException(FitInputException.Kind.USAGE, "--pde: " + commandLineHint(e.getMessage()), e);
        }
    }

    /**
     * The equation's error in the words of a fit from data: the spec builder's "declare it with .unknown("k", guess)
     * or .constant("k", value)" becomes the {@code --unknown} option (and {@link DataFit.Builder#unknown(String)}),
     * or the value written into the equation.
     */
    static String commandLineHint(String message) {
        Matcher m = Pattern.compile(
                        "declare it with \\.unknown\\(\"([^\"]+)\", guess\\) or \\.constant\\(\"[^\"]+\", value\\)")
                .matcher(message);
        return m.find()
                ? message.substring(0, m.start())
                        + "declare it with --unknown " + m.group(1) + " (a guess is optional: --unknown " + m.group(1)
                        + "=GUESS, and :positive keeps it positive; in Java DataFit's .unknown(\"" + m.group(1)
                        + "\")), or write its value into the equation"
                        + message.substring(m.end())
                : message;
    }

    /** A data column used as a known field, looked up by multilinear interpolation on the data grid. */
    private static KnownField known(Table table, DataLayout layout, String name, List<String> args) {
        if (layout.scattered())
            throw FitInputException.badData(
                    "known field '" + name + "' needs the data on a grid; the data are scattered points");
        DataLayout values = DataLayout.detect(table, layout.axisNames(), List.of(name), 2);
        double[] v = values.fields().get(name);
        for (double x : v) {
            if (Double.isNaN(x))
                throw FitInputException.badData(
                        "known field '" + name + "' has missing values; it must be given at every grid node");
        }
        List<double[]> axes = layout.axes();
        if (!new LinkedHashSet<>(args).equals(new LinkedHashSet<>(layout.axisNames()))) {
            throw FitInputException.usage(
                    "known field '" + name + "' comes from a data column, so write it with all the data's coordinates: "
                            + name + "(" + String.join(",", layout.axisNames()) + ")");
        }
        int[] position = new int[axes.size()]; // grid axis a is argument position[a] in the text
        for (int a = 0; a < position.length; a++)
            position[a] = args.indexOf(layout.axisNames().get(a));
        return KnownField.pointwise(
                p -> {
                    double[] q = new double[p.length];
                    for (int a = 0; a < q.length; a++) q[a] = p[position[a]];
                    return GridLookup.multilinear(axes, v, q);
                },
                axes.size());
    }

    private static Table perturb(Table table, List<String> observed, FitOptions s) {
        if (s.noise() < 0 || !Double.isFinite(s.noise()))
            throw FitInputException.usage("--noise must be ≥ 0 (0.01 = 1 % of std(u)), got " + s.noise());
        if (s.noise() > 0) {
            Rng rng = new Rng(s.seed() * 7919 + 17);
            for (String f : observed) {
                double[] u = table.column(f);
                double sigma = s.noise() * Measurements.std(u);
                for (int i = 0; i < u.length; i++) if (!Double.isNaN(u[i])) u[i] += sigma * rng.nextGaussian();
                table = table.withColumn(f, u);
            }
        }
        if (s.points() < 0)
            throw FitInputException.usage("--points must be ≥ 0 (0 keeps every point), got " + s.points());
        if (s.points() > 0) {
            double[] u = table.column(observed.get(0));
            List<Integer> measured = new ArrayList<>();
            for (int i = 0; i < u.length; i++) if (!Double.isNaN(u[i])) measured.add(i);
            if (s.points() > measured.size()) {
                throw FitInputException.usage("--points " + s.points() + " is more than the " + measured.size()
                        + " measured points in " + s.source());
            }
            int[] keep = GridColumns.draw(
                    measured.stream().mapToInt(Integer::intValue).toArray(), s.points(), s.seed() * 104729 + 3);
            table = table.selectRows(keep);
        }
        return table;
    }

    private static void checkEnough(DataLayout layout, List<String> observed, FitOptions s) {
        for (String f : observed) {
            int n = layout.measured(f);
            if (n < MIN_POINTS) {
                throw FitInputException.badData("too few points: " + n + " measured values of '" + f + "' in "
                        + s.source() + "; a fit needs at least " + MIN_POINTS);
            }
        }
        if (!layout.scattered()) {
            int[] shape = layout.shape();
            for (int a = 0; a < shape.length; a++) {
                if (shape[a] < 3) {
                    throw FitInputException.badData(
                            "too few points along " + layout.axisNames().get(a) + ": the grid has " + shape[a]
                                    + " nodes on that axis; derivatives need at least 3");
                }
            }
        }
    }
}
