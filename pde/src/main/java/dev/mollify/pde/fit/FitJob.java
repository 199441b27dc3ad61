package dev.mollify.pde.fit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fit of a {@link SweepPlan}: its place in the product, its name, and its settings as the options of
 * {@code mollify fit} (long name without dashes → value as text, in the order the command line gives
 * them). {@link #arguments} is its {@code mollify fit} command line; {@link #builder()} is the same fit as
 * a {@link DataFit.Builder}, so the command line and a library caller (a Spark task, say) run the same
 * bits for the same settings and data. Serializable, to travel to the worker that runs it; the serialized
 * form is meant for a worker running the same build, not as a stable format.
 *
 * @param index    1-based position in the product
 * @param name     its name, {@code fit-NNN-TAG} (the tag names the values that vary)
 * @param values   its value of each list of the product, by key, as written for {@code mollify fit}
 * @param data     the data file as the sweep description writes it (not resolved)
 * @param settings every other setting, in command-line order: pde, unknowns, the {@code "fit"} object,
 *                 then the lists of the product
 * @serial exclude
 */
public record FitJob(int index, String name, Map<String, String> values, String data, List<Setting> settings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The options of {@code mollify fit} that {@link #builder()} turns into a {@link DataFit.Builder} call. */
    public static final Set<String> OPTIONS = Set.of(
            "pde",
            "unknown",
            "truth",
            "columns",
            "route",
            "delta",
            "kernels",
            "noise",
            "points",
            "steps",
            "tolerance",
            "loss-tolerance",
            "time",
            "lbfgs",
            "lr",
            "hidden",
            "seed",
            "grid-size",
            "profile");

    /** Options of {@code mollify fit} that say how it writes, not what it computes: {@link #builder()} skips them. */
    public static final Set<String> OUTPUT_OPTIONS = Set.of("checkpoint-every");

    /**
     * {@link #OPTIONS} and {@link #OUTPUT_OPTIONS}: what a sweep run through {@link #builder()} accepts in
     * {@code "fit"}.
     *
     * @return an unmodifiable set, {@link #OPTIONS} first
     */
    public static Set<String> libraryOptions() {
        Set<String> all = new LinkedHashSet<>(OPTIONS);
        all.addAll(OUTPUT_OPTIONS);
        return Collections.unmodifiableSet(all);
    }

    /**
     * One option of {@code mollify fit} and its value as text.
     *
     * @param option the long name without dashes, e.g. {@code steps}
     * @param value  the value, e.g. {@code 300}
     * @serial exclude
     */
    public record Setting(String option, String value) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Copies the collections.
     *
     * @param index    1-based position in the product
     * @param name     the fit's name
     * @param values   the varying values by key, copied in order
     * @param data     the data file as written
     * @param settings the settings in command-line order, copied
     */
    public FitJob {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        settings = List.copyOf(settings);
    }

    /**
     * The {@code mollify fit} arguments of this fit with the data at {@code dataPath}:
     * {@code --data PATH --pde … --seed …}.
     *
     * @param dataPath the data file as the worker sees it (resolved, local or remote)
     * @return {@code --data dataPath} followed by {@code --OPTION VALUE} for every setting, in order
     */
    public List<String> arguments(String dataPath) {
        List<String> args = new ArrayList<>(List.of("--data", dataPath));
        for (Setting s : settings) args.addAll(List.of("--" + s.option(), s.value()));
        return List.copyOf(args);
    }

    /**
     * The column names its {@code columns} settings give a plain {@code .npy} file (empty when none).
     *
     * @return the names of every {@code columns} setting split at commas, in order
     */
    public List<String> columns() {
        List<String> names = new ArrayList<>();
        for (Setting s : settings)
            if (s.option().equals("columns"))
                names.addAll(Arrays.asList(s.value().split(",")));
        return List.copyOf(names);
    }

    /**
     * The unknowns' names, in the order the settings declare them.
     *
     * @return the name of each {@code unknown} setting
     * @throws FitInputException (kind USAGE) when an {@code unknown} setting cannot be parsed
     */
    public List<String> unknowns() {
        List<String> names = new ArrayList<>();
        for (Setting s : settings)
            if (s.option().equals("unknown"))
                names.add(UnknownSetting.parse(s.value()).name());
        return List.copyOf(names);
    }

    /**
     * This fit as a builder, every setting given except the data (add {@code .data(file)} or
     * {@code .table(t)}); an option outside {@link #OPTIONS} and {@link #OUTPUT_OPTIONS}, or a value it
     * cannot take, throws {@link FitInputException} (USAGE) naming the fit and the option.
     *
     * @return a new builder with every setting of this fit
     * @throws FitInputException (kind USAGE) for an unknown option, an unknown given twice, a
     *     {@code truth} not written {@code NAME=VALUE}, or a value that is not a number where one is needed
     */
    public DataFit.Builder builder() {
        DataFit.Builder b = DataFit.builder();
        Set<String> unknowns = new LinkedHashSet<>();
        List<Integer> hidden = new ArrayList<>();
        for (Setting s : settings) {
            String v = s.value();
            String what = name + ": --" + s.option();
            switch (s.option()) {
                case "pde" -> b.pde(v);
                case "unknown" -> {
                    UnknownSetting u = UnknownSetting.parse(v);
                    if (!unknowns.add(u.name()))
                        throw FitInputException.usage(
                                name + ": --unknown " + u.name() + " is given twice; give each unknown once");
                    b.unknown(u.name(), u.guess());
                    if (u.positive()) b.positive(u.name());
                }
                case "truth" -> {
                    String[] kv = v.split("=", 2);
                    if (kv.length != 2) throw FitInputException.usage(what + " " + v + ": write NAME=VALUE");
                    b.truth(kv[0].strip(), UnknownSetting.finite(what + " " + kv[0], kv[1]));
                }
                case "columns" -> {} // columns(), below
                case "route" -> b.route(v);
                case "delta" -> b.delta(v);
                case "kernels" -> b.kernels(v);
                case "noise" -> b.noise(real(what, v));
                case "points" -> b.points(whole(what, v));
                case "steps" -> b.adamSteps(whole(what, v));
                case "tolerance" -> b.tolerance(real(what, v));
                case "loss-tolerance" -> b.lossTolerance(real(what, v));
                case "time" -> b.timeBudget(real(what, v));
                case "lbfgs" -> b.lbfgsIterations(whole(what, v));
                case "profile" -> b.profileIterations(whole(what, v));
                case "lr" -> b.lr(real(what, v));
                case "hidden" -> {
                    for (String h : v.split(",")) hidden.add(whole(what, h));
                }
                case "seed" -> b.seed(wholeLong(what, v));
                case "grid-size" -> b.gridSize(whole(what, v));
                default -> {
                    if (!OUTPUT_OPTIONS.contains(s.option()))
                        throw FitInputException.usage(what + " is not a setting of a library fit; those are "
                                + String.join(", ", OPTIONS.stream().sorted().toList()));
                }
            }
        }
        b.columns(columns());
        if (!hidden.isEmpty())
            b.hidden(hidden.stream().mapToInt(Integer::intValue).toArray());
        return b;
    }

    private static double real(String what, String v) {
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw FitInputException.usage(what + ": '" + v + "' is not a number");
        }
    }

    private static int whole(String what, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw FitInputException.usage(what + ": '" + v + "' is not a whole number");
        }
    }

    private static long wholeLong(String what, String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw FitInputException.usage(what + ": '" + v + "' is not a whole number");
        }
    }
}
