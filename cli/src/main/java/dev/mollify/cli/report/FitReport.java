package dev.mollify.cli.report;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.train.Phase;
import dev.mollify.autograd.train.StepRecord;
import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.cli.data.AtomicFile;
import dev.mollify.cli.fit.FitSettings;
import dev.mollify.cli.fit.OutputFolder;
import dev.mollify.pde.fit.CoefficientProfile;
import dev.mollify.pde.fit.DataLayout;
import dev.mollify.pde.fit.Ensemble;
import dev.mollify.pde.fit.FitOptions;
import dev.mollify.pde.fit.FitSetup;
import dev.mollify.pde.fit.GridColumns;
import dev.mollify.pde.fit.UnmeasuredFields;
import dev.mollify.pde.fit.WidthScan;
import dev.mollify.pde.pinn.Evaluation;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.pinn.PinnExport;
import dev.mollify.pde.spec.UnknownField;
import dev.mollify.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The report folder of a fit:
 * <ul>
 *   <li>{@code report.json} — stable keys for scripts: route, steps, seconds, peakBytes,
 *   unknowns.NAME.{value, initial[, truth, relativeError]}, loss.{terms…, total}, and more;</li>
 *   <li>{@code report.md} — the same for people: problem, data, settings, results table, timings, memory;</li>
 *   <li>{@code loss.png} and {@code unknowns.png} (one panel per coefficient, truth dashed), both marking where Adam
 *   hands over to L-BFGS; {@code field-NAME.png} per learned field (beside its truth when the data hold one); for
 *   grid data {@code data.png} and {@code fitted.png} (one colour scale) and {@code residual.png} (blue–white–red about 0)
 *   (1-D: {@code fit.png}); {@code delta.png} for an auto δ; {@code fields.csv} with û, the residual and unknown fields;</li>
 *   <li>{@code model.safetensors} — the trained network in PyTorch's layout with the coefficients, scalings and
 *   architecture in its metadata ({@link PinnExport}); {@code fields.csv}'s {@code FIELD_net} columns are its
 *   outputs on the grid.</li>
 * </ul>
 */
public final class FitReport {
    private FitReport() {}

    /**
     * Writes the report folder of a fit without an ensemble.
     *
     * @param s the fit's settings; the files go to {@code s.out()}
     * @param b the set-up problem the fit trained
     * @param r the training's result
     * @param cost one gradient step at the final parameters: seconds and peak tensor bytes
     * @param warnings what the setup and the fit could not vouch for, one sentence each
     * @return what went into {@code report.json}, as a JSON object
     * @throws IOException when a report file or the model cannot be written
     */
    public static Map<String, Object> write(
            FitSettings s, FitSetup.Built b, TrainingResult r, InverseProblem.StepCost cost, List<String> warnings)
            throws IOException {
        return write(s, b, r, cost, warnings, null, null);
    }

    /**
     * Writes the folder. {@code ensemble} (null: none) adds {@code ensemble} to {@code report.json}, a line per
     * coefficient to {@code report.md} and its interval as a band to {@code unknowns.png}. {@code profile} (null:
     * none) adds each unknown's {@code standardError} and {@code relativeStandardError} to {@code report.json}, with
     * {@code profile} (ε, iterations, measured values), and a column to {@code report.md}'s results. Plots that
     * cannot be drawn (no graphics environment) are skipped with a note on standard error.
     *
     * @param s the fit's settings; the files go to {@code s.out()}
     * @param b the set-up problem the fit trained
     * @param r the training's result
     * @param cost one gradient step at the final parameters: seconds and peak tensor bytes
     * @param warnings what the setup and the fit could not vouch for, one sentence each
     * @param ensemble the ensemble's spread per coefficient; null when none was run
     * @param profile the profile of the loss; null when none was taken
     * @return what went into {@code report.json}, as a JSON object
     * @throws IOException when a report file or the model cannot be written
     */
    public static Map<String, Object> write(
            FitSettings s,
            FitSetup.Built b,
            TrainingResult r,
            InverseProblem.StepCost cost,
            List<String> warnings,
            Ensemble.Result ensemble,
            CoefficientProfile profile)
            throws IOException {
        Path out = s.out();
        InverseProblem p = b.problem();
        Evaluation ev = p.loss().evaluation(); // the route at the final parameters, for the fields and the misfits
        Fields f = fields(b, ev);
        Map<String, Object> json = json(s, b, r, f, cost, warnings);
        List<FarthestMeasurements.Measurement> farthest = FarthestMeasurements.of(b, ev);
        json.put("farthestFromFit", FarthestMeasurements.json(farthest));
        if (profile != null) addProfile(json, profile);
        if (ensemble != null) json.put("ensemble", ensembleJson(ensemble, b.truth()));
        OutputFolder.writeAtomically(out.resolve("report.json"), Json.write(json));
        OutputFolder.writeAtomically(
                out.resolve("report.md"), markdown(s, b, r, f, json, cost, warnings) + farthestMarkdown(farthest));
        Map<String, Double> coefficients = new LinkedHashMap<>();
        for (var u : b.spec().unknowns())
            if (r.unknowns().containsKey(u.name()))
                coefficients.put(u.name(), r.unknowns().get(u.name()));
        PinnExport.save(out.resolve("model.safetensors"), p.model(), coefficients);
        try {
            plots(out, s.options(), b, r, f, ensemble);
        } catch (IllegalStateException | java.awt.HeadlessException e) {
            System.err.println("mollify: plots skipped (" + e.getMessage() + ")");
        }
        if (f != null) fieldsCsv(out.resolve("fields.csv"), b, f);
        return json;
    }

    /** The report's last section: the measurements farthest from the fit ({@link FarthestMeasurements}). */
    private static String farthestMarkdown(List<FarthestMeasurements.Measurement> farthest) {
        if (farthest.isEmpty()) return "";
        StringBuilder m = new StringBuilder("\n## Measurements farthest from the fit\n\n");
        m.append("In robust spreads of the misfits (1.4826 × their median absolute deviation); a stuck sensor or a")
                .append(" mistyped value shows here as many spreads, and so does a place the fitted field does not")
                .append(" follow (a front narrower than the network can draw).\n\n");
        for (FarthestMeasurements.Measurement x : farthest)
            m.append("- ").append(x.describe()).append('\n');
        return m.toString();
    }

    /** Values on the collocation grid at the final parameters. */
    record Fields(Map<String, double[]> fitted, Map<String, double[]> residuals, Map<String, double[]> unknownFields) {}

    private static Fields fields(FitSetup.Built b, Evaluation ev) {
        int n = b.grid().size();
        Map<String, double[]> fitted = new LinkedHashMap<>();
        for (String field : b.spec().fields()) {
            Var v = ev.derivative(field);
            if (v == null || v.value().numel() != n) return null;
            fitted.put(field, v.value().toDoubleArray());
        }
        Map<String, double[]> res = new LinkedHashMap<>();
        List<Var> rs = b.spec().residuals(ev.bindings(), b.problem().unknowns());
        for (int i = 0; i < rs.size(); i++) {
            if (rs.get(i).value().numel() != n) return null;
            res.put(
                    rs.size() == 1 ? "residual" : "residual" + (i + 1),
                    rs.get(i).value().toDoubleArray());
        }
        Map<String, double[]> uf = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : ev.bindings().unknownFields().entrySet()) {
            if (e.getValue().value().numel() != n) return null;
            uf.put(e.getKey(), e.getValue().value().toDoubleArray());
        }
        return new Fields(fitted, res, uf);
    }

    /**
     * Each unknown's {@code standardError} and {@code relativeStandardError} where the profile gives them, and
     * {@code profile}: {@code step} ε, the {@code iterations} each re-minimisation was given, whether the standard
     * errors {@code settled} before the cap, and {@code values} N ({@link CoefficientProfile}).
     */
    @SuppressWarnings("unchecked")
    static void addProfile(Map<String, Object> json, CoefficientProfile profile) {
        Map<String, Object> unknowns = (Map<String, Object>) json.get("unknowns");
        Map<String, Double> relative = profile.relative();
        profile.standardError().forEach((name, se) -> {
            if (unknowns.get(name) instanceof Map<?, ?> u && Double.isFinite(se)) {
                ((Map<String, Object>) u).put("standardError", se);
                double rel = relative.get(name);
                if (Double.isFinite(rel)) ((Map<String, Object>) u).put("relativeStandardError", rel);
            }
        });
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("step", CoefficientProfile.STEP);
        p.put("iterations", profile.iterations());
        p.put("settled", profile.settled());
        p.put("values", profile.values());
        p.put("lowered", profile.lowered());
        p.put("seconds", profile.seconds());
        json.put("profile", p);
    }

    /** {@code {"initial": a, "final": b}}, in that order. */
    private static Map<String, Object> initialAndFinal(double initial, double last) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("initial", initial);
        m.put("final", last);
        return m;
    }

    private static Map<String, Object> json(
            FitSettings s,
            FitSetup.Built b,
            TrainingResult r,
            Fields f,
            InverseProblem.StepCost cost,
            List<String> warnings) {
        FitOptions o = s.options();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("route", o.route());
        j.put("pde", b.spec().text());
        j.put("steps", r.steps());
        j.put("seconds", r.seconds());
        j.put("peakBytes", cost.peakLiveBytes());
        j.put("secondsPerStep", cost.seconds());
        j.put("allocatedBytesPerStep", cost.allocatedBytes());
        j.put("stopReason", r.stopReason());
        Map<String, Object> unknowns = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : o.unknowns().entrySet()) {
            Map<String, Object> u = new LinkedHashMap<>();
            double v = r.unknowns().get(e.getKey());
            u.put("value", v);
            u.put("initial", b.start().get(e.getKey()));
            u.put("guess", e.getValue());
            if (b.estimate() != null) u.put("fromData", b.estimate().values().get(e.getKey()));
            Double t = b.truth().get(e.getKey());
            if (t != null) {
                u.put("truth", t);
                u.put("relativeError", t == 0 ? Math.abs(v) : Math.abs(v - t) / Math.abs(t));
            }
            unknowns.put(e.getKey(), u);
        }
        j.put("unknowns", unknowns);
        j.put("warnings", warnings);
        if (b.estimate() != null) {
            Map<String, Object> est = new LinkedHashMap<>();
            est.put("linear", b.estimate().linear());
            est.put("conditioning", b.estimate().conditioning());
            est.put("misfit", b.estimate().misfit());
            est.put("termShare", b.estimate().termShare());
            est.put(
                    "residualScales",
                    java.util.Arrays.stream(b.estimate().residualScales())
                            .boxed()
                            .toList());
            if (b.direct() != null) {
                Map<String, Object> weak = new LinkedHashMap<>();
                weak.put("values", b.direct().estimate().values());
                weak.put("widths", b.direct().widths());
                weak.put("misfit", b.direct().estimate().misfit());
                est.put("weakForm", weak);
            }
            if (Double.isFinite(b.noiseLevel())) est.put("noiseLevel", b.noiseLevel());
            if (Double.isFinite(b.prefitLoss()) && !b.observed().isEmpty())
                est.put(
                        "dataOnlyMisfit",
                        Math.sqrt(b.prefitLoss() / b.observed().size()));
            j.put("estimate", est);
        }
        if (b.widthScan() != null) j.put("deltaScan", deltaScan(b.widthScan()));
        if (f != null && !f.unknownFields().isEmpty()) {
            Map<String, Object> uf = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : f.unknownFields().entrySet()) {
                Map<String, Object> m = new LinkedHashMap<>();
                double[] v = e.getValue();
                m.put("mean", mean(v));
                m.put("min", java.util.Arrays.stream(v).min().orElse(Double.NaN));
                m.put("max", java.util.Arrays.stream(v).max().orElse(Double.NaN));
                String truthColumn = e.getKey() + "_true";
                if (b.table().has(truthColumn)) { // the network's field at the data's rows, wherever it is collocated
                    m.put("truthColumn", truthColumn);
                    m.put(
                            "correlation",
                            correlation(atRows(b, e.getKey()), b.table().column(truthColumn)));
                }
                uf.put(e.getKey(), m);
            }
            j.put("unknownFields", uf);
        }
        if (!b.unmeasured().isEmpty()) j.put("unmeasuredFields", unmeasuredJson(b, f));
        if (!b.axisDeltas().isEmpty()) j.put("delta", b.axisDeltas());
        else if (r.unknowns().containsKey("delta"))
            j.put("delta", initialAndFinal(b.delta(), r.unknowns().get("delta")));
        else if (!Double.isNaN(b.delta())) j.put("delta", initialAndFinal(b.delta(), b.delta()));
        Map<String, Object> loss = new LinkedHashMap<>(r.terms());
        loss.put("total", r.total());
        j.put("loss", loss);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file", o.data().toString());
        data.put("rows", b.table().rows());
        data.put("columns", b.table().names());
        data.put("layout", b.layout().scattered() ? "scattered" : "grid");
        data.put("axes", b.layout().axisNames());
        data.put("shape", java.util.Arrays.stream(b.layout().shape()).boxed().toList());
        data.put("summary", b.dataSummary());
        j.put("data", data);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("delta", o.delta());
        settings.put("kernels", o.kernels());
        settings.put("noise", o.noise());
        settings.put("points", o.points());
        settings.put("hidden", java.util.Arrays.stream(b.hidden()).boxed().toList());
        settings.put("adamSteps", o.adamSteps());
        settings.put("lbfgsIterations", o.lbfgsIterations());
        settings.put("lr", o.lr());
        settings.put("seed", o.seed());
        settings.put("tolerance", o.tolerance());
        settings.put("lossTolerance", o.lossTolerance());
        settings.put("timeBudget", b.timeBudget());
        settings.put("profileIterations", o.profileIterations());
        settings.put("checkpointEvery", s.checkpointEvery());
        j.put("settings", settings);
        j.put("routeDescription", b.problem().route().describe());
        return j;
    }

    @SuppressWarnings("unchecked")
    private static String markdown(
            FitSettings s,
            FitSetup.Built b,
            TrainingResult r,
            Fields f,
            Map<String, Object> json,
            InverseProblem.StepCost cost,
            List<String> warnings) {
        FitOptions o = s.options();
        StringBuilder m = new StringBuilder();
        m.append("# mollify fit report\n\n");
        m.append("## Problem\n\n`").append(b.spec().text()).append("`\n\n");
        m.append("## Data\n\n`")
                .append(o.data())
                .append("`: ")
                .append(b.table().rows())
                .append(" rows, columns `")
                .append(String.join(",", b.table().names()))
                .append("`\n\n```\n")
                .append(b.dataSummary())
                .append("\n```\n\n");
        m.append("## Settings\n\n| setting | value |\n|---|---|\n");
        m.append("| route | ")
                .append(o.route())
                .append(" — ")
                .append(b.problem().route().describe())
                .append(" |\n");
        ((Map<String, Object>) json.get("settings"))
                .forEach((k, v) ->
                        m.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        table(
                m,
                "\n## Results\n\n| unknown | guess | from the data | recovered | ± 1 se (profile) | truth | error |\n"
                        + "|---|---|---|---|---|---|---|\n",
                json.get("unknowns"),
                "| %s | %s | %s | %.6g | %s | %s | %s |%n",
                u -> new Object[] {
                    number(u.get("guess")),
                    number(u.get("fromData")),
                    (Double) u.get("value"),
                    !u.containsKey("standardError")
                            ? "—"
                            : u.containsKey("relativeStandardError")
                                    ? String.format(
                                            Locale.ROOT,
                                            "%.3g (%.2g %%)",
                                            (Double) u.get("standardError"),
                                            100 * (Double) u.get("relativeStandardError"))
                                    : String.format(Locale.ROOT, "%.3g", (Double) u.get("standardError")),
                    u.containsKey("truth") ? String.format(Locale.ROOT, "%.6g", (Double) u.get("truth")) : "—",
                    u.containsKey("relativeError")
                            ? String.format(Locale.ROOT, "%.3f %%", 100 * (Double) u.get("relativeError"))
                            : "—"
                });
        if (json.get("ensemble") instanceof Map<?, ?> ens) {
            table(
                    m,
                    String.format(
                            Locale.ROOT,
                            "%nEnsemble of %s refits (seeds %s, each on a resample: %s), %s Student-t interval:%n%n"
                                    + "| unknown | mean | sd | interval | truth inside |%n|---|---|---|---|---|%n",
                            ens.get("members"),
                            ens.get("seeds"),
                            ens.get("resampleDescription"),
                            percent((Double) ens.get("level"))),
                    ens.get("unknowns"),
                    "| %s | %.6g | %.3g | [%.6g, %.6g] | %s |%n",
                    c -> new Object[] {
                        (Double) c.get("mean"),
                        (Double) c.get("sd"),
                        (Double) c.get("lo"),
                        (Double) c.get("hi"),
                        c.containsKey("covers") ? ((Boolean) c.get("covers") ? "yes" : "no") : "—"
                    });
        }
        if (json.containsKey("unmeasuredFields")) {
            table(
                    m,
                    "\n| unmeasured field | mean | min | max | correlation with truth | note |\n|---|---|---|---|---|---|\n",
                    json.get("unmeasuredFields"),
                    "| %s | %s | %s | %s | %s | %s |%n",
                    u -> new Object[] {
                        number(u.get("mean")),
                        number(u.get("min")),
                        number(u.get("max")),
                        u.containsKey("correlation")
                                ? String.format(
                                        Locale.ROOT,
                                        "%.4f (%s%s)",
                                        (Double) u.get("correlation"),
                                        u.get("truthColumn"),
                                        groupMeansRemoved(u))
                                : "—",
                        u.get("note")
                    });
        }
        if (json.containsKey("unknownFields")) {
            table(
                    m,
                    "\n| unknown field | mean | min | max | correlation with truth |\n|---|---|---|---|---|\n",
                    json.get("unknownFields"),
                    "| %s | %.4g | %.4g | %.4g | %s |%n",
                    u -> new Object[] {
                        (Double) u.get("mean"),
                        (Double) u.get("min"),
                        (Double) u.get("max"),
                        u.containsKey("correlation")
                                ? String.format(Locale.ROOT, "%.4f", (Double) u.get("correlation"))
                                : "—"
                    });
        }
        if (!warnings.isEmpty()) {
            m.append("\n## Warnings\n\n");
            for (String w : warnings) m.append("- ").append(w).append('\n');
        }
        m.append("\n| loss term | final value |\n|---|---|\n");
        ((Map<String, Object>) json.get("loss"))
                .forEach((k, v) -> m.append(String.format(Locale.ROOT, "| %s | %.4e |%n", k, (Double) v)));
        m.append(String.format(
                Locale.ROOT,
                "%n## Run%n%n- steps: %d (stop: %s)%n- wall time: %.2f s (%.2f ms per step on average, line searches included)%n"
                        + "- one gradient evaluation (loss + backward), measured alone at the end: %.2f ms, peak live tensor memory %.2f MiB, %.2f MiB allocated%n",
                r.steps(),
                r.stopReason(),
                r.seconds(),
                1e3 * r.seconds() / Math.max(1, r.steps()),
                1e3 * cost.seconds(),
                cost.peakLiveBytes() / 1048576.0,
                cost.allocatedBytes() / 1048576.0));
        m.append("\n## Files\n\n`report.json`, ");
        if (r.steps() > 0) {
            m.append("`loss.png`, ");
            if (!o.unknowns().isEmpty()) m.append("`unknowns.png` (one panel per coefficient), ");
            if (b.widthScan() != null) m.append("`delta.png`, ");
            if (f != null)
                for (UnknownField uf : plottedFields(b, f))
                    m.append("`field-").append(uf.name()).append(".png`, ");
            if (f != null && b.onDataGrid()) {
                m.append(
                        b.layout().axisNames().size() == 2
                                ? "`data.png` and `fitted.png` (one colour scale), `residual.png`, "
                                : b.layout().axisNames().size() == 1 ? "`fit.png`, " : "");
            }
        }
        m.append(f != null ? "`fields.csv`, " : "").append("`model.safetensors`, `checkpoints/`\n");
        return m.toString();
    }

    /**
     * Appends {@code header}, then one Markdown table row per entry of {@code rows} (a report JSON map,
     * name → its own map): {@code String.format(Locale.ROOT, row, name, cells(entry)…)}.
     *
     * @param m the report being written
     * @param header the text before the rows (the table's heading, column names and rule)
     * @param rows the entries, in their order; a {@code Map<String, Map<String, Object>>}
     * @param row the format of one row; its first {@code %s} is the entry's name
     * @param cells the row's other cells from the entry's map
     */
    @SuppressWarnings("unchecked")
    private static void table(
            StringBuilder m, String header, Object rows, String row, Function<Map<String, Object>, Object[]> cells) {
        m.append(header);
        for (Map.Entry<String, Object> e : ((Map<String, Object>) rows).entrySet()) {
            Object[] c = cells.apply((Map<String, Object>) e.getValue());
            Object[] args = new Object[c.length + 1];
            args[0] = e.getKey();
            System.arraycopy(c, 0, args, 1, c.length);
            m.append(String.format(Locale.ROOT, row, args));
        }
    }

    /**
     * {@code ensemble}: members, level, resample, seeds, seconds, and per unknown mean, sd, the interval lo–hi,
     * the member values and, when the truth is known, whether the interval covers it.
     */
    static Map<String, Object> ensembleJson(Ensemble.Result e, Map<String, Double> truth) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("members", e.members());
        j.put("level", e.level());
        j.put("resample", e.resample().key());
        j.put("resampleDescription", e.resample().describe());
        j.put("seeds", e.runs().stream().map(Ensemble.Member::seed).toList());
        j.put("seconds", e.runs().stream().mapToDouble(Ensemble.Member::seconds).sum());
        j.put("stopReasons", e.runs().stream().map(Ensemble.Member::stopReason).toList());
        Map<String, Object> unknowns = new LinkedHashMap<>();
        e.coefficients().forEach((name, c) -> {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("mean", c.mean());
            u.put("sd", c.sd());
            u.put("lo", c.lo());
            u.put("hi", c.hi());
            u.put("values", java.util.Arrays.stream(c.values()).boxed().toList());
            Double t = truth.get(name);
            if (t != null) u.put("covers", c.lo() <= t && t <= c.hi());
            unknowns.put(name, u);
        });
        j.put("unknowns", unknowns);
        return j;
    }

    /** 0.95 → "95 %". */
    static String percent(double level) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", 100 * level))
                        .stripTrailingZeros()
                        .toPlainString()
                + " %";
    }

    /**
     * The δ ladder: per rung the share of each axis, the widths, the starting values and the flatness
     * score; and the chosen share.
     */
    private static Map<String, Object> deltaScan(WidthScan scan) {
        Map<String, Object> d = new LinkedHashMap<>();
        List<Object> rungs = new ArrayList<>();
        for (WidthScan.Point p : scan.points()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("fraction", p.fraction());
            r.put("widths", p.widths());
            r.put("estimate", p.estimate());
            r.put("score", p.score());
            r.put("misfit", p.misfit());
            rungs.add(r);
        }
        d.put("rungs", rungs);
        d.put("chosenFraction", scan.choice().fraction());
        d.put("trainedFraction", scan.training().fraction());
        return d;
    }

    private static String number(Object v) {
        return v instanceof Double d && Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "—";
    }

    private static void plots(
            Path out, FitOptions o, FitSetup.Built b, TrainingResult r, Fields f, Ensemble.Result ensemble)
            throws IOException {
        int steps = r.steps();
        if (steps == 0) return;
        double[] x = new double[steps];
        for (int i = 0; i < steps; i++) x[i] = i + 1;
        Plots.Marker handover = handover(r);
        Map<String, double[]> terms = new LinkedHashMap<>();
        for (String t : r.history().get(0).terms().keySet()) terms.put(t, r.termSeries(t));
        Plots.lines(
                out.resolve("loss"),
                "Loss terms over the steps",
                "step",
                "loss (log scale)",
                x,
                terms,
                true,
                Map.of(),
                handover);
        List<Plots.Panel> unk = new ArrayList<>();
        for (String n : o.unknowns().keySet()) {
            List<Plots.Series> series = new ArrayList<>(List.of(new Plots.Series(n, x, r.unknownSeries(n), false)));
            Double t = b.truth().get(n);
            if (t != null)
                series.add(new Plots.Series(
                        "truth "
                                + new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", t))
                                        .stripTrailingZeros()
                                        .toPlainString(),
                        new double[] {x[0], x[steps - 1]},
                        new double[] {t, t},
                        true));
            List<Plots.Band> bands = new ArrayList<>();
            if (ensemble != null) {
                Ensemble.Coefficient c = ensemble.coefficients().get(n);
                series.add(new Plots.Series(
                        String.format(Locale.ROOT, "ensemble mean %.4g", c.mean()),
                        new double[] {x[0], x[steps - 1]},
                        new double[] {c.mean(), c.mean()},
                        true));
                bands.add(new Plots.Band(
                        String.format(
                                Locale.ROOT,
                                "ensemble %s interval (%d members)",
                                percent(ensemble.level()),
                                ensemble.members()),
                        c.lo(),
                        c.hi()));
            }
            unk.add(new Plots.Panel(n, "step", n, false, series, handover, bands));
        }
        if (!unk.isEmpty())
            Plots.panels(
                    out.resolve("unknowns"),
                    "Unknown coefficients over the steps (each on its own axis)",
                    unk,
                    1,
                    900,
                    unk.size() == 1 ? 480 : 300);
        if (b.widthScan() != null) deltaPlot(out, b);
        if (f == null) return;
        fieldPlots(out, b, f);
        if (!b.onDataGrid()) return;
        List<String> axes = b.layout().axisNames();
        int[] shape = b.layout().shape();
        String field = b.observed().get(0);
        double[] data = b.layout().fields().get(field);
        double[] fit = f.fitted().get(field);
        double[] res = f.residuals().values().iterator().next();
        if (axes.size() == 1) {
            Map<String, double[]> series = new LinkedHashMap<>();
            series.put(field + " data", data);
            series.put(field + " fitted (û)", fit);
            Plots.lines(
                    out.resolve("fit"),
                    "Data and fitted field",
                    axes.get(0),
                    field,
                    b.layout().axes().get(0),
                    series,
                    false,
                    Map.of(),
                    null);
        } else if (axes.size() == 2) {
            Plots.MapGrid grid = mapGrid(axes, b.layout().axes(), shape);
            Plots.Scale shared = Plots.Scale.over(field + " (same colours in data.png and fitted.png)", data, fit);
            boolean missing = java.util.Arrays.stream(data).anyMatch(Double::isNaN);
            Plots.map(
                    out.resolve("data.png"),
                    field + " — data" + (missing ? " (grey: not measured)" : ""),
                    List.of(new Plots.MapPanel("", data)),
                    grid,
                    shared);
            Plots.map(
                    out.resolve("fitted.png"),
                    field + " — fitted (û)",
                    List.of(new Plots.MapPanel("", fit)),
                    grid,
                    shared);
            Plots.map(
                    out.resolve("residual.png"),
                    "PDE residual at the fit (blue < 0 < red, white = 0)",
                    List.of(new Plots.MapPanel("", res)),
                    grid,
                    Plots.Scale.robustSymmetric("residual", res, 0.99));
        }
    }

    /** Where Adam hands over to L-BFGS: the first L-BFGS step after an Adam one (null when the run has not both). */
    static Plots.Marker handover(TrainingResult r) {
        List<StepRecord> h = r.history();
        for (int i = 1; i < h.size(); i++) {
            if (h.get(i).phase() == Phase.LBFGS && h.get(i - 1).phase() == Phase.ADAM)
                return new Plots.Marker(i + 1, "Adam → L-BFGS at step " + (i + 1));
        }
        return null;
    }

    private static Plots.MapGrid mapGrid(List<String> axes, List<double[]> coords, int[] shape) {
        double[] rows = coords.get(0), cols = coords.get(1);
        return new Plots.MapGrid(
                shape[0],
                shape[1],
                axes.get(0),
                new double[] {rows[0], rows[rows.length - 1]},
                axes.get(1),
                new double[] {cols[0], cols[cols.length - 1]});
    }

    /**
     * Per unmeasured field: what the fit knows of it (the note), its mean and range on the collocation grid
     * (û on the mollifier route), and — when the data hold a {@code NAME_true} column — the Pearson
     * correlation of the network's output at the data's rows with it, which ignores the constant that a
     * field seen only through its derivatives is free to carry.
     */
    private static Map<String, Object> unmeasuredJson(FitSetup.Built b, Fields f) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String name : b.unmeasured()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("note", UnmeasuredFields.describe(b.spec(), name));
            m.put("upToConstant", UnmeasuredFields.upToConstant(b.spec(), name));
            double[] v = f == null ? null : f.fitted().get(name);
            if (v != null) {
                m.put("mean", mean(v));
                m.put("min", java.util.Arrays.stream(v).min().orElse(Double.NaN));
                m.put("max", java.util.Arrays.stream(v).max().orElse(Double.NaN));
            }
            List<String> free = UnmeasuredFields.undeterminedAlong(b.spec(), name);
            if (!free.isEmpty()) m.put("undeterminedAlong", free);
            String truthColumn = name + "_true";
            if (b.table().has(truthColumn)) {
                m.put("truthColumn", truthColumn);
                double[][] groups = new double[free.size()][];
                for (int c = 0; c < free.size(); c++) groups[c] = b.table().column(free.get(c));
                m.put(
                        "correlation",
                        correlationWithin(atRows(b, name), b.table().column(truthColumn), groups));
            }
            all.put(name, m);
        }
        return all;
    }

    /** The network's output {@code name} at each row of the data (row order), from the rows' coordinates. */
    private static double[] atRows(FitSetup.Built b, String name) {
        Pinn net = b.problem().model();
        List<String> coords = net.coordinates();
        int rows = b.table().rows(), d = coords.size();
        double[] at = new double[rows * d];
        for (int c = 0; c < d; c++) {
            double[] col = b.table().column(coords.get(c));
            for (int r = 0; r < rows; r++) at[r * d + c] = col[r];
        }
        Var x = Var.constant(Tensor.of(at, rows, d));
        return net.output(net.forward(x), name).value().toDoubleArray();
    }

    /**
     * field-NAME.png for each learned field: a line over its coordinate, or a map over its two, beside the
     * truth (the data's {@code NAME_true} column) when there is one on the same grid.
     */
    private static void fieldPlots(Path out, FitSetup.Built b, Fields f) throws IOException {
        List<String> names = b.grid().axisNames();
        List<double[]> coords = b.grid().axes();
        int[] shape = coords.stream().mapToInt(a -> a.length).toArray();
        for (UnknownField uf : plottedFields(b, f)) {
            double[] learned = f.unknownFields().get(uf.name());
            List<Integer> keep = new ArrayList<>();
            for (int a = 0; a < names.size(); a++) if (uf.args().contains(names.get(a))) keep.add(a);
            String truthColumn = uf.name() + "_true";
            double[] truth = null;
            if (b.onDataGrid() && b.table().has(truthColumn)) {
                truth = DataLayout.detect(b.table(), b.layout().axisNames(), List.of(truthColumn), 2)
                        .fields()
                        .get(truthColumn);
            }
            double[] l = section(learned, shape, keep), t = truth == null ? null : section(truth, shape, keep);
            Path file = out.resolve("field-" + uf.name() + ".png");
            String title = "Learned field " + uf
                    + (t != null
                            ? String.format(
                                    Locale.ROOT,
                                    " against its truth %s (correlation %.3f)",
                                    truthColumn,
                                    correlation(l, t))
                            : "");
            if (keep.size() == 1) {
                String axis = names.get(keep.get(0));
                double[] ax = coords.get(keep.get(0));
                List<Plots.Series> series =
                        new ArrayList<>(List.of(new Plots.Series(uf.name() + " learned", ax, l, false)));
                if (t != null) series.add(new Plots.Series(uf.name() + " truth (" + truthColumn + ")", ax, t, true));
                Plots.panels(
                        file,
                        "",
                        List.of(new Plots.Panel(title, axis, uf.toString(), false, series, null)),
                        1,
                        900,
                        520);
            } else {
                Plots.MapGrid grid = mapGrid(
                        List.of(names.get(keep.get(0)), names.get(keep.get(1))),
                        List.of(coords.get(keep.get(0)), coords.get(keep.get(1))),
                        new int[] {shape[keep.get(0)], shape[keep.get(1)]});
                List<Plots.MapPanel> panels =
                        new ArrayList<>(List.of(new Plots.MapPanel(t != null ? "learned" : "", l)));
                if (t != null) panels.add(new Plots.MapPanel("truth (" + truthColumn + ")", t));
                Plots.map(
                        file,
                        title,
                        panels,
                        grid,
                        Plots.Scale.over(uf.toString() + (t != null ? ", one scale for both" : ""), l, t));
            }
        }
    }

    /** The unknown fields that get a field-NAME.png: those of one or two of the grid's coordinates. */
    private static List<UnknownField> plottedFields(FitSetup.Built b, Fields f) {
        List<String> names = b.grid().axisNames();
        return b.spec().unknownFields().stream()
                .filter(uf -> f.unknownFields().containsKey(uf.name())
                        && !uf.args().isEmpty()
                        && uf.args().size() <= 2
                        && names.containsAll(uf.args()))
                .toList();
    }

    /** The values on the axes {@code keep} (in grid order) at the first node of the other axes. */
    static double[] section(double[] v, int[] shape, List<Integer> keep) {
        int n = 1;
        for (int a : keep) n *= shape[a];
        double[] out = new double[n];
        int[] stride = new int[shape.length];
        int s = 1;
        for (int a = shape.length - 1; a >= 0; a--) {
            stride[a] = s;
            s *= shape[a];
        }
        for (int i = 0; i < n; i++) {
            int rest = i, at = 0;
            for (int k = keep.size() - 1; k >= 0; k--) {
                int a = keep.get(k);
                at += (rest % shape[a]) * stride[a];
                rest /= shape[a];
            }
            out[i] = v[at];
        }
        return out;
    }

    /** delta.png: each starting value against the share of the axis δ spans, relative to its value at the chosen δ. */
    private static void deltaPlot(Path out, FitSetup.Built b) throws IOException {
        WidthScan scan = b.widthScan();
        int n = scan.points().size();
        double[] f = new double[n];
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            WidthScan.Point p = scan.points().get(i);
            f[i] = p.fraction();
            for (Map.Entry<String, Double> e : p.estimate().entrySet()) {
                double at = scan.choice().estimate().get(e.getKey());
                series.computeIfAbsent(e.getKey() + " / value at chosen δ", k -> new double[n])[i] = e.getValue() / at;
            }
        }
        Plots.lines(
                out.resolve("delta"),
                String.format(
                        Locale.ROOT,
                        "Starting values against δ (chosen: %.3g of each axis)",
                        scan.choice().fraction()),
                "δ as a share of each axis",
                "estimate / estimate at the chosen δ",
                f,
                series,
                false,
                Map.of("1 = the value at the chosen δ", 1.0),
                new Plots.Marker(scan.choice().fraction(), "chosen δ"));
    }

    /**
     * The network's own outputs (the fields, before any mollification) at the grid nodes: what the model in
     * {@code model.safetensors} computes there.
     */
    private static Map<String, double[]> network(FitSetup.Built b) {
        Pinn net = b.problem().model();
        int n = b.grid().size();
        List<String> names = b.grid().axisNames();
        double[] points = new double[n * names.size()];
        for (String c : net.coordinates()) {
            int a = names.indexOf(c);
            if (a < 0) return Map.of();
            double[] col = GridColumns.coordinate(b.grid().axes(), a);
            int j = net.coordinates().indexOf(c);
            for (int i = 0; i < n; i++) points[i * names.size() + j] = col[i];
        }
        Tensor y = net.forward(Var.constant(Tensor.of(points, n, names.size()))).value();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String field : net.fields())
            out.put(field, net.output(Var.constant(y), field).value().toDoubleArray());
        return out;
    }

    private static void fieldsCsv(Path file, FitSetup.Built b, Fields f) throws IOException {
        List<String> header = new ArrayList<>(b.grid().axisNames());
        List<double[]> cols = new ArrayList<>();
        int n = b.grid().size();
        for (int a = 0; a < header.size(); a++)
            cols.add(GridColumns.coordinate(b.grid().axes(), a));
        if (b.onDataGrid()) {
            for (String o : b.observed()) {
                header.add(o + "_data");
                cols.add(b.layout().fields().get(o));
            }
        }
        f.fitted().forEach((k, v) -> {
            header.add(k + "_hat");
            cols.add(v);
        });
        network(b).forEach((k, v) -> {
            header.add(k + "_net");
            cols.add(v);
        });
        f.residuals().forEach((k, v) -> {
            header.add(k);
            cols.add(v);
        });
        f.unknownFields().forEach((k, v) -> {
            header.add(k);
            cols.add(v);
        });
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cols.size(); c++) {
                if (c > 0) sb.append(',');
                double v = cols.get(c)[i];
                if (!Double.isNaN(v)) sb.append(v);
            }
            sb.append('\n');
        }
        AtomicFile.writeString(file, sb);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /**
     * ", each t's mean removed" when an unmeasured field's report entry names the coordinates it is undetermined
     * along ({@code undeterminedAlong}), else "".
     *
     * @param entry the field's entry of report.json's {@code unmeasuredFields}
     * @return the clause, with its leading comma, or the empty string
     */
    public static String groupMeansRemoved(Map<?, ?> entry) {
        return entry.get("undeterminedAlong") instanceof List<?> free && !free.isEmpty()
                ? ", each " + free.stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "))
                        + "'s mean removed"
                : "";
    }

    /**
     * Pearson correlation after removing, from both, the mean of each group of rows that share their values
     * in every column of {@code groups} (each time's mean, for a field known up to a function of t); rows
     * alone in their group are left out. With no group columns it is {@link #correlation}.
     *
     * @param a the first values
     * @param b the second values, as long as {@code a}
     * @param groups the columns that define the groups, each as long as {@code a}; may be empty
     * @return the correlation in [−1, 1]; NaN when fewer than two entries remain or either is constant on them
     */
    public static double correlationWithin(double[] a, double[] b, double[][] groups) {
        if (groups.length == 0) return correlation(a, b);
        Map<List<Double>, double[]> sums = new HashMap<>(); // key → {Σa, Σb, n}
        List<List<Double>> keys = new ArrayList<>(a.length);
        for (int i = 0; i < a.length; i++) {
            List<Double> key = new ArrayList<>(groups.length);
            for (double[] g : groups) key.add(g[i]);
            keys.add(key);
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) continue;
            double[] s = sums.computeIfAbsent(key, k -> new double[3]);
            s[0] += a[i];
            s[1] += b[i];
            s[2]++;
        }
        double[] ca = new double[a.length], cb = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double[] s = sums.get(keys.get(i));
            boolean keep = s != null && s[2] >= 2 && !Double.isNaN(a[i]) && !Double.isNaN(b[i]);
            ca[i] = keep ? a[i] - s[0] / s[2] : Double.NaN;
            cb[i] = keep ? b[i] - s[1] / s[2] : Double.NaN;
        }
        return correlation(ca, cb);
    }

    /**
     * Pearson correlation over the entries where both are defined (neither is NaN).
     *
     * @param a the first values
     * @param b the second values, at least as long as {@code a}
     * @return the correlation in [−1, 1]; NaN when fewer than two entries are defined or either is constant
     *     on them
     */
    public static double correlation(double[] a, double[] b) {
        double sa = 0, sb = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) continue;
            sa += a[i];
            sb += b[i];
            n++;
        }
        double ma = sa / n, mb = sb / n, cab = 0, caa = 0, cbb = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) continue;
            cab += (a[i] - ma) * (b[i] - mb);
            caa += (a[i] - ma) * (a[i] - ma);
            cbb += (b[i] - mb) * (b[i] - mb);
        }
        return cab / Math.sqrt(caa * cbb);
    }
}
