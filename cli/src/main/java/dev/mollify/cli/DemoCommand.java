package dev.mollify.cli;

import dev.mollify.cli.data.AtomicFile;
import dev.mollify.cli.data.TableWriter;
import dev.mollify.cli.fit.FitRun;
import dev.mollify.cli.fit.FitSettings;
import dev.mollify.cli.fit.OutputFolder;
import dev.mollify.cli.report.Json;
import dev.mollify.pde.fit.DataFit;
import dev.mollify.pde.fit.DataSidecar;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.HeatSolver;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.pinn.DerivativeRoute;
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
 * {@code mollify demo}: noisy heat-equation data, D recovered by the mollifier route and by nested
 * autodiff on the same data, network and budget, side by side.
 */
@Command(
        name = "demo",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        description = {
            "Generate noisy heat-equation data (u_t = D·u_xx, D = 0.1) and recover D with the mollifier route",
            "and the autodiff route; print a side-by-side table and write a report folder. About half a minute on 2 cores.",
            ""
        },
        footer = {"", "Examples:", "  mollify demo", "  mollify demo --noise 0.05 --out runs/demo5"})
public final class DemoCommand implements Callable<Integer> {
    static final double TRUE_D = 0.1;

    /**
     * The demo's grid and budget: {@code nx} x × {@code nt} t nodes of the default heat data, a tanh
     * network with the given hidden widths, Adam steps at rate {@code lr} then L-BFGS iterations, and
     * the mollifier width δ on both axes.
     */
    record Budget(int nx, int nt, int[] hidden, int adam, int lbfgs, double lr, double delta) {
        /** 65 x × 33 t, 2→32→32→1, Adam 300 then L-BFGS up to 1500, δ = 0.1. */
        static final Budget FULL = new Budget(65, 33, new int[] {32, 32}, 300, 1500, 5e-3, 0.1);
        /** {@code --quick}: the same data, 2→8→8→1, 20 Adam steps and 20 L-BFGS iterations. */
        static final Budget QUICK = new Budget(65, 33, new int[] {8, 8}, 20, 20, 5e-3, 0.1);
    }

    @ParentCommand
    Mollify parent;

    @Option(
            names = "--noise",
            defaultValue = "0.01",
            description = "relative noise level (default 0.01 = 1 %% of std(u))")
    double noise;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the noise and the networks (default 1)")
    long seed;

    @Option(
            names = "--routes",
            defaultValue = "mollifier,autodiff",
            split = ",",
            description = "routes to compare (default mollifier,autodiff; fd also available)")
    List<String> routes;

    @Option(
            names = "--quick",
            description = "a few steps only, to check an installation (the recovered values are not meaningful)")
    boolean quick;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "mollify-out/demo",
            description = "report folder (default mollify-out/demo)")
    Path out;

    /** A command with the defaults of its options; picocli sets the options and the parent command. */
    public DemoCommand() {}

    /**
     * Runs the demo: writes the noisy heat data to {@code OUT/heat.csv} (columns x, t, u) with its sidecar
     * {@code OUT/heat.json} (the truth D = 0.1, noise and seed), fits D once per route into {@code OUT/ROUTE/}
     * (each a full {@code mollify fit} report folder), prints the side-by-side table (D, error, time, ms per
     * gradient step, peak memory, steps) and writes it as a Markdown table to {@code OUT/report.md}.
     *
     * @return {@link ExitCode#OK}, or the exit code of the first route that did not end well (it diverged:
     *     {@link ExitCode#FAILURE}; interrupted: {@link ExitCode#INTERRUPTED}), after which no further route runs
     * @throws IOException when the data, the sidecar or the report cannot be written
     * @throws CliException with {@link ExitCode#USAGE} for a {@code --noise} outside [0, 1] or an unknown route,
     *     with {@link ExitCode#OUTPUT} when {@code --out} cannot be written
     */
    @Override
    public Integer call() throws IOException {
        PrintStream o = parent.out;
        if (!(noise >= 0) || noise > 1) throw CliException.usage("--noise must be in [0, 1], got " + noise);
        for (String r : routes) {
            if (!DerivativeRoute.NAMES.contains(r)) {
                throw CliException.usage("--routes takes " + String.join(", ", DerivativeRoute.NAMES)
                        + " (comma-separated), got '" + r + "'");
            }
        }
        OutputFolder.prepare(out);
        Budget c = quick ? Budget.QUICK : Budget.FULL;
        GridField clean = HeatSolver.defaultData(c.nx(), c.nt());
        GridField noisy = Sampling.addNoise(clean, noise, 7 + seed);
        Path data = out.resolve("heat.csv");
        TableWriter.csv(data, TableWriter.longTable(data.toString(), List.of(noisy), Map.of()));
        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("D", TRUE_D);
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("data", "heat.csv");
        about.put("problem", "heat");
        about.put("truth", truth);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("noise", noise);
        settings.put("seed", seed);
        about.put("settings", settings);
        AtomicFile.writeString(DataSidecar.of(data), Json.write(about));
        o.printf(
                Locale.ROOT,
                "Heat equation u_t = D·u_xx on [0,1]², D = %.1f: %d x × %d t nodes, %.1f %% noise (seed %d) -> %s%n",
                TRUE_D,
                c.nx(),
                c.nt(),
                100 * noise,
                seed,
                data);
        o.printf(
                Locale.ROOT,
                "Network 2→%d→%d→1 tanh, Adam %d steps then L-BFGS up to %d iterations, δ = %.2f for the mollifier route.%n%n",
                c.hidden()[0],
                c.hidden()[1],
                c.adam(),
                c.lbfgs(),
                c.delta());
        List<String[]> rows = new ArrayList<>();
        int code = ExitCode.OK;
        for (String route : routes) {
            DataFit.Builder fit = DataFit.builder()
                    .data(data)
                    .pde("u_t = D*u_xx")
                    .unknown("D", 0.05)
                    .positive("D")
                    .truth("D", TRUE_D)
                    .route(route)
                    .delta(route.equals("mollifier") ? Double.toString(c.delta()) : "auto")
                    .hidden(c.hidden())
                    .adamSteps(c.adam())
                    .lbfgsIterations(c.lbfgs())
                    .lr(c.lr())
                    .seed(seed)
                    .tolerance(0)
                    .timeBudget(0);
            FitSettings s = new FitSettings(fit.options(), 100, out.resolve(route));
            o.println("== route " + route);
            FitRun.Outcome r =
                    FitRun.run(s, false, System.console() != null ? FitRun.Progress.BAR : FitRun.Progress.NONE, o);
            double d = r.result().unknowns().get("D");
            rows.add(new String[] {
                route,
                String.format(Locale.ROOT, "%.6f", d),
                String.format(Locale.ROOT, "%.3f %%", 100 * Math.abs(d - TRUE_D) / TRUE_D),
                String.format(Locale.ROOT, "%.1f s", r.result().seconds()),
                String.format(Locale.ROOT, "%.2f", 1e3 * r.stepCost().seconds()),
                String.format(Locale.ROOT, "%.1f MiB", r.stepCost().peakLiveBytes() / 1048576.0),
                Integer.toString(r.result().steps())
            });
            if (r.exitCode() != ExitCode.OK) {
                parent.err.println("mollify: " + r.message());
                r.release();
                code = r.exitCode();
                break;
            }
            r.release();
            o.println();
        }
        String table = table(rows);
        o.println(table);
        StringBuilder md = new StringBuilder("# mollify demo\n\nHeat equation `u_t = D*u_xx`, true D = 0.1, ")
                .append(String.format(
                        Locale.ROOT,
                        "%.1f %% Gaussian noise (σ = r·std(u)), seed %d; data `heat.csv`.%n%n",
                        100 * noise,
                        seed))
                .append(
                        "| route | D | error | total time | ms per gradient step | peak memory per step | steps |\n|---|---|---|---|---|---|---|\n");
        for (String[] r : rows) md.append("| ").append(String.join(" | ", r)).append(" |\n");
        md.append("\nEach route's full report: `")
                .append(String.join("/report.md`, `", routes))
                .append("/report.md`.\n");
        OutputFolder.writeAtomically(out.resolve("report.md"), md.toString());
        o.println("report: " + out.resolve("report.md"));
        return code;
    }

    private static String table(List<String[]> rows) {
        String[] head = {"route", "D", "error", "time", "ms/step", "peak/step", "steps"};
        StringBuilder s = new StringBuilder(
                String.format(Locale.ROOT, "%-10s  %-10s  %-9s  %-8s  %-8s  %-12s  %-6s%n", (Object[]) head));
        for (String[] r : rows)
            s.append(String.format(Locale.ROOT, "%-10s  %-10s  %-9s  %-8s  %-8s  %-12s  %-6s%n", (Object[]) r));
        return s.toString().stripTrailing();
    }
}
