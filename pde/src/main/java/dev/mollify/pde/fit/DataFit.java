package dev.mollify.pde.fit;

import dev.mollify.autograd.train.Callback;
import dev.mollify.autograd.train.DivergenceGuard;
import dev.mollify.autograd.train.Phase;
import dev.mollify.autograd.train.Trainer;
import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.pde.pinn.CoefficientEstimate;
import dev.mollify.pde.pinn.InverseLossModel;
import dev.mollify.pde.pinn.InverseProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unknown coefficients of a PDE from measured data, in a few lines: what {@code mollify fit} does,
 * without the command line.
 * <pre>{@code
 * DataFit.Result r = DataFit.builder()
 *         .arrays(new String[] {"x", "t", "u"}, new double[][] {x, t, u})   // or .data(Path), .table(Table)
 *         .pde("u_t = D*u_xx").unknown("D").positive("D")
 *         .seed(1)
 *         .build()
 *         .run();
 * r.values().get("D");                  // the recovered D
 * }</pre>
 * {@link #setup()} reads the data and builds the problem ({@link FitSetup}); {@link #run} trains it with
 * {@link Trainer}: Adam until the unknowns settle ({@link #CONVERGENCE_WINDOW}, {@link FitOptions#tolerance()})
 * or {@link Trainer#ADAM_SHARE_OF_BUDGET} of the time budget, then L-BFGS until they settle again (the same rule
 * over as many iterations), the loss stops changing or the budget is spent. Bad settings or data throw
 * {@link FitInputException}.
 */
public final class DataFit {
    /** Adam steps, and L-BFGS iterations, over which the unknowns must have settled (see {@link FitOptions#tolerance()}). */
    public static final int CONVERGENCE_WINDOW = 200;

    /**
     * The default relative change of the loss over {@link #CONVERGENCE_WINDOW} L-BFGS iterations below which,
     * once the unknowns have settled too, L-BFGS ends ({@link FitOptions#lossTolerance()}).
     */
    public static final double DEFAULT_LOSS_TOLERANCE = 0;

    /**
     * The share of the time budget ({@link FitSetup.Built#timeBudget()}) the profile of the loss may take after
     * training, on top of it: a standard error is a diagnostic, and should not cost what the fit cost.
     */
    public static final double PROFILE_SHARE_OF_BUDGET = 0.2;

    private final FitOptions options;

    private DataFit(FitOptions options) {
        this.options = options;
    }

    /**
     * A fit with {@code mollify fit}'s defaults; give at least the data and the equation.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The fit these options describe.
     *
     * @param options the settings, as {@link Builder#options()} or a {@link FitJob} makes them
     * @return the fit, not yet set up
     * @throws IllegalArgumentException when {@code options} is null
     */
    public static DataFit of(FitOptions options) {
        if (options == null) throw new IllegalArgumentException("options are null");
        return new DataFit(options);
    }

    /**
     * What this fit depends on.
     *
     * @return the options it was made with
     */
    public FitOptions options() {
        return options;
    }

    /**
     * Reads the data and builds the problem: network, route, observations and the unknowns' starting values
     * (docs/math.md, "Starting values").
     *
     * @return the built problem, ready to train, with what a report needs about it
     * @throws FitInputException when the data, the equation or δ cannot be used; the message says which
     */
    public FitSetup.Built setup() {
        return FitSetup.build(options);
    }

    /**
     * The trainer of a set-up problem with exactly these callbacks, in this order (none added):
     * Adam then L-BFGS as the options say, with the convergence window and time budget
     * (docs/math.md, "Stopping").
     *
     * @param built     a problem from {@link #setup()}
     * @param callbacks the trainer's callbacks (checkpoints, progress, a divergence guard), in order
     * @return a trainer, not yet run; {@code run()} or {@code resume(...)} it
     */
    public Trainer trainer(FitSetup.Built built, Callback... callbacks) {
        Trainer.Builder tb = Trainer.builder(new InverseLossModel(built.problem()))
                .adamSteps(adamSteps(built))
                .lr(options.lr())
                .lbfgsIterations(lbfgsIterations(built))
                .seed(options.seed())
                .trackMemory(false)
                .callbacks(callbacks);
        if (options.tolerance() > 0) {
            tb.adamConvergence(CONVERGENCE_WINDOW, options.tolerance());
            tb.lbfgsConvergence(CONVERGENCE_WINDOW, options.tolerance(), options.lossTolerance());
        }
        if (built.timeBudget() > 0) tb.timeBudget(built.timeBudget());
        return tb.build();
    }

    /**
     * The Adam steps the trainer of {@code built} takes at most: {@link FitOptions#adamSteps()}, or no more than
     * {@link WeakForm#BRIEF_TRAINING} when the weak form will answer ({@link WeakForm#weakFormAnswers}).
     *
     * @param built a problem from {@link #setup()}
     * @return the cap on Adam steps
     */
    public int adamSteps(FitSetup.Built built) {
        return WeakForm.weakFormAnswers(built)
                ? Math.min(options.adamSteps(), WeakForm.BRIEF_TRAINING)
                : options.adamSteps();
    }

    /**
     * The L-BFGS iterations the trainer of {@code built} takes at most, capped as {@link #adamSteps} is.
     *
     * @param built a problem from {@link #setup()}
     * @return the cap on L-BFGS iterations
     */
    public int lbfgsIterations(FitSetup.Built built) {
        return WeakForm.weakFormAnswers(built)
                ? Math.min(options.lbfgsIterations(), WeakForm.BRIEF_TRAINING)
                : options.lbfgsIterations();
    }

    /**
     * Sets up and trains; {@code extra} callbacks (progress, say) run before a {@link DivergenceGuard}.
     * Same as {@code run(setup(), extra)}.
     *
     * @param extra callbacks of your own
     * @return the recovered unknowns, the warnings and the training record
     * @throws FitInputException when the data, the equation or δ cannot be used
     */
    public Result run(Callback... extra) {
        return run(setup(), extra);
    }

    /**
     * Trains a problem from {@link #setup()}; {@code extra} callbacks run before a {@link DivergenceGuard}.
     * After training, {@link FitWarnings} checks the result (docs/math.md, "Warnings after a fit") and the
     * weak form may replace the network's coefficients (docs/math.md, "The weak form on the data").
     *
     * @param built a problem from {@link #setup()}; the training changes its network and unknowns
     * @param extra callbacks of your own
     * @return the recovered unknowns, the warnings and the training record
     */
    public Result run(FitSetup.Built built, Callback... extra) {
        List<Callback> callbacks = new ArrayList<>(Arrays.asList(extra));
        callbacks.add(new DivergenceGuard());
        TrainingResult training =
                trainer(built, callbacks.toArray(new Callback[0])).run();
        Finished f = finish(built, training, null);
        List<String> warnings = new ArrayList<>(built.warnings());
        warnings.addAll(f.warnings());
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : options.unknowns().keySet())
            values.put(name, f.result().unknowns().get(name));
        return new Result(
                values, built.estimate(), List.copyOf(warnings), f.result(), built.problem(), built, f.profile());
    }

    /**
     * What follows a training that was not interrupted ({@link #finish}).
     *
     * @param result   the result to report: the training's, or with the weak form's coefficients
     *                 ({@link WeakForm#conclude})
     * @param warnings the warnings about the finished fit ({@link FitWarnings#afterFit},
     *                 {@link FitWarnings#profileWarnings}), after the setup's
     * @param profile  each coefficient's standard error from the profile of the loss; null when none was taken
     */
    public record Finished(TrainingResult result, List<String> warnings, CoefficientProfile profile) {}

    /**
     * The steps after training: the warnings about the result (docs/math.md, "Warnings after a fit"), the weak
     * form's coefficients where the network falls short (docs/math.md, "The weak form on the data"), and each
     * coefficient's standard error from the profile of the loss ({@link CoefficientProfile}, within
     * {@link #PROFILE_SHARE_OF_BUDGET} of the time budget). No profile is taken
     * when {@link FitOptions#profileIterations()} is 0, the fit took no step or diverged, the fit has no unknown
     * scalars, the weak form's coefficients are reported (the profile of the network's loss says nothing about
     * them), or {@code stop} ended it.
     *
     * @param built the set-up problem, trained
     * @param trained the training's result (not an interrupted one)
     * @param stop asked before each re-minimisation of the profile (null: never stop)
     * @return the result to report, the warnings and the profile
     */
    public Finished finish(FitSetup.Built built, TrainingResult trained, java.util.function.BooleanSupplier stop) {
        List<String> warnings = new ArrayList<>(FitWarnings.afterFit(built, trained));
        TrainingResult concluded = WeakForm.conclude(built, trained);
        CoefficientProfile profile = null;
        boolean profiled = options.profileIterations() > 0
                && trained.steps() > 0
                && !DivergenceGuard.stopped(trained.stopReason())
                && built.estimate() != null
                && concluded.unknowns().equals(trained.unknowns());
        if (profiled)
            profile = CoefficientProfile.of(
                    built.problem(), profileCap(trained), PROFILE_SHARE_OF_BUDGET * built.timeBudget(), stop);
        warnings.addAll(FitWarnings.profileWarnings(profile));
        return new Finished(concluded, List.copyOf(warnings), profile);
    }

    /**
     * The most L-BFGS iterations of each of the profile's re-minimisations: {@link FitOptions#profileIterations()},
     * but no more than the fit's own L-BFGS took (and at least two rounds of {@link CoefficientProfile#ROUND}), so a
     * short look at the data (Adam only, or a few L-BFGS iterations) gets a short profile.
     */
    private int profileCap(TrainingResult trained) {
        long lbfgs =
                trained.history().stream().filter(r -> r.phase() == Phase.LBFGS).count();
        return (int) Math.min(options.profileIterations(), Math.max(2L * CoefficientProfile.ROUND, lbfgs));
    }

    /**
     * A finished fit. A run that diverged says so in {@code training.stopReason()} and keeps what it reached.
     *
     * @param values   the recovered unknowns, in the order they were declared
     * @param estimate the starting values from the data alone (null when there are no unknown scalars)
     * @param warnings what the data, the setup and the result cannot vouch for, in words
     * @param training the training history, stop reason and final loss terms
     * @param problem  the trained problem (network, route, unknowns at their final values)
     * @param setup    the set-up problem: layout, start values, truth, collocation grid
     * @param profile  each coefficient's standard error from the profile of the loss ({@link CoefficientProfile});
     *                 null when none was taken ({@link #finish})
     */
    public record Result(
            Map<String, Double> values,
            CoefficientEstimate estimate,
            List<String> warnings,
            TrainingResult training,
            InverseProblem problem,
            FitSetup.Built setup,
            CoefficientProfile profile) {}

    /** Options of a {@link DataFit}, with the defaults of {@code mollify fit}. */
    public static final class Builder {
        private Path data;
        private Table table;
        private List<String> columns = List.of();
        private String pde;
        private final Map<String, Double> unknowns = new LinkedHashMap<>();
        private final List<String> positive = new ArrayList<>();
        private final Map<String, Double> truth = new LinkedHashMap<>();
        private String route = "mollifier";
        private String delta = "auto";
        private String kernels = "auto";
        private double noise;
        private int points;
        private int[] hidden = {};
        private int adamSteps = 20000;
        private int lbfgsIterations = 20000;
        private double lr = 5e-3;
        private long seed = 1;
        private int gridSize = 0;
        private double tolerance = 1e-3;
        private double lossTolerance = DEFAULT_LOSS_TOLERANCE;
        private double timeBudget = Double.NaN;
        private int profileIterations = CoefficientProfile.DEFAULT_ITERATIONS;

        private Builder() {}

        /**
         * The data file: CSV with a header, {@code .npz}, or {@code .npy} (then name its {@link #columns}).
         * Replaces a table given before.
         *
         * @param file the file, read by {@link TableReader} when the fit is set up
         * @return this builder
         */
        public Builder data(Path file) {
            data = file;
            table = null;
            return this;
        }

        /**
         * Column names of a plain {@code .npy} file.
         *
         * @param names one name per column of the array, in order
         * @return this builder
         */
        public Builder columns(List<String> names) {
            columns = List.copyOf(names);
            return this;
        }

        /**
         * The data as a table (NaN = not measured). Replaces a data file given before.
         *
         * @param t the table: coordinate and field columns, one row per point
         * @return this builder
         */
        public Builder table(Table t) {
            table = t;
            data = null;
            return this;
        }

        /**
         * The data as columns of equal length: coordinates ({@code t, x, y, z}) and fields, one row per
         * point, in any order of rows (a grid is found when the rows are its nodes). NaN = not measured.
         * The columns are copied into a {@link Table} named {@code "data"}.
         *
         * @param names   the column names, one per column
         * @param columns the columns, all of one length
         * @return this builder
         * @throws FitInputException (kind DATA) when the names and columns differ in number, the columns
         *     in length, or a value is infinite
         */
        public Builder arrays(String[] names, double[][] columns) {
            if (names.length != columns.length) {
                throw FitInputException.badData(names.length + " column names " + Arrays.toString(names) + " but "
                        + columns.length + " columns");
            }
            List<double[]> cols = new ArrayList<>();
            for (int c = 0; c < columns.length; c++) {
                if (columns[c].length != columns[0].length) {
                    throw FitInputException.badData("column '" + names[c] + "' has " + columns[c].length + " values, '"
                            + names[0] + "' " + columns[0].length);
                }
                for (int r = 0; r < columns[c].length; r++) {
                    if (Double.isInfinite(columns[c][r])) {
                        throw FitInputException.badData("column '" + names[c] + "' row " + r + " is " + columns[c][r]
                                + "; use NaN to mark a missing measurement");
                    }
                }
                cols.add(columns[c].clone());
            }
            return table(new Table("data", List.of(names), cols, Map.of()));
        }

        /**
         * The equation, e.g. {@code "u_t = D*u_xx"} or {@code "u_t + a*u*u_x - b*u_xx = 0"}; see
         * {@link dev.mollify.pde.spec.PdeSpec}.
         *
         * @param text the equation; several are separated by {@code ;}
         * @return this builder
         */
        public Builder pde(String text) {
            pde = text;
            return this;
        }

        /**
         * An unknown coefficient without a guess: the data give its start.
         *
         * @param name the coefficient's name in the equation
         * @return this builder
         */
        public Builder unknown(String name) {
            return unknown(name, Double.NaN);
        }

        /**
         * An unknown coefficient with a guess, used where the data cannot give a start (NaN: no guess). An
         * equation not linear in its coefficients needs one (docs/math.md, "Starting values").
         *
         * @param name  the coefficient's name in the equation
         * @param guess the guess, in the data's units, or NaN
         * @return this builder
         */
        public Builder unknown(String name, double guess) {
            unknowns.put(name, guess);
            return this;
        }

        /**
         * Constrains these unknowns to be positive: each is trained as s·softplus(θ) (docs/math.md,
         * "Scale-free fitting").
         *
         * @param names unknowns declared with {@link #unknown}
         * @return this builder
         */
        public Builder positive(String... names) {
            positive.addAll(Arrays.asList(names));
            return this;
        }

        /**
         * The true value of an unknown, when known (for reports; also read from a table's
         * {@code truth.NAME} parameter).
         *
         * @param name  an unknown declared with {@link #unknown}
         * @param value its true value
         * @return this builder
         */
        public Builder truth(String name, double value) {
            truth.put(name, value);
            return this;
        }

        /**
         * The derivative route: {@code mollifier} (default), {@code autodiff} or {@code fd}.
         *
         * @param name the route's name
         * @return this builder
         */
        public Builder route(String name) {
            route = name;
            return this;
        }

        /**
         * The mollifier's width: {@code auto} (default, docs/math.md, "Widths"), {@code learn}, a number, or
         * per axis {@code t=0.05,x=0.12}.
         *
         * @param text the width setting
         * @return this builder
         */
        public Builder delta(String text) {
            delta = text;
            return this;
        }

        /**
         * One mollifier width for every axis, in the coordinates' units.
         *
         * @param width δ
         * @return this builder
         */
        public Builder delta(double width) {
            return delta(Double.toString(width));
        }

        /**
         * Mollifier derivative kernels: {@code auto} (default: analytic when δ spans 5+ spacings on every axis and the
         * equation has a flux term, else differences), {@code differences} or {@code analytic}
         * (docs/math.md, "Widths").
         *
         * @param name the kernel setting
         * @return this builder
         */
        public Builder kernels(String name) {
            kernels = name;
            return this;
        }

        /**
         * Adds seeded Gaussian noise of σ = r·std(u) to the data (default 0).
         *
         * @param r the relative noise level, e.g. 0.01 for 1 %
         * @return this builder
         */
        public Builder noise(double r) {
            noise = r;
            return this;
        }

        /**
         * Keeps n measured points drawn at random, seeded (default 0: all).
         *
         * @param n the number of points, or 0
         * @return this builder
         */
        public Builder points(int n) {
            points = n;
            return this;
        }

        /**
         * Hidden layer widths of the network (default: none given, so the fit chooses 32, 32, or 64, 64, 64 when the
         * network fitted to the data draws a front sharper than the collocation grid; {@link NetworkSize}).
         *
         * @param widths one width ≥ 1 per hidden layer, or none to let the fit choose
         * @return this builder
         */
        public Builder hidden(int... widths) {
            hidden = widths.clone();
            return this;
        }

        /**
         * Most Adam steps (default 20000; Adam ends sooner when the unknowns settle).
         *
         * @param n the cap, ≥ 0
         * @return this builder
         */
        public Builder adamSteps(int n) {
            adamSteps = n;
            return this;
        }

        /**
         * Most L-BFGS iterations after Adam (default 20000; L-BFGS ends sooner when the unknowns settle, the
         * loss stops changing or the time budget is spent).
         *
         * @param n the cap, ≥ 0
         * @return this builder
         */
        public Builder lbfgsIterations(int n) {
            lbfgsIterations = n;
            return this;
        }

        /**
         * Adam learning rate (default 5e-3).
         *
         * @param rate the rate, &gt; 0; the same suits any units (docs/math.md, "Scale-free fitting")
         * @return this builder
         */
        public Builder lr(double rate) {
            lr = rate;
            return this;
        }

        /**
         * Seed of the noise, the point draw and the network (default 1).
         *
         * @param s the seed
         * @return this builder
         */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /**
         * Collocation nodes per axis for scattered data (docs/math.md, "The collocation grid"); 0, the default:
         * the grid the points are nodes of where it has more than 64 lines along an axis (thinned to 65,536 nodes in
         * all), else 64.
         *
         * @param n nodes per axis, ≥ 8, or 0
         * @return this builder
         */
        public Builder gridSize(int n) {
            gridSize = n;
            return this;
        }

        /**
         * Adam, then L-BFGS, ends once every unknown changed by less than this, relatively, over
         * {@link #CONVERGENCE_WINDOW} steps (default 1e-3; 0: never).
         *
         * @param t the relative tolerance, ≥ 0
         * @return this builder
         */
        public Builder tolerance(double t) {
            tolerance = t;
            return this;
        }

        /**
         * With a {@link #tolerance(double)} above 0, L-BFGS ends only once the loss, too, changed by at most this,
         * relatively, over the last
         * {@link #CONVERGENCE_WINDOW} iterations, |L(k−W) − L(k)| ≤ τ_L·|L(k)| (default
         * {@value #DEFAULT_LOSS_TOLERANCE}; 0: the unknowns alone decide; docs/math.md, "Stopping").
         *
         * @param t the relative tolerance of the loss, ≥ 0
         * @return this builder
         */
        public Builder lossTolerance(double t) {
            lossTolerance = t;
            return this;
        }

        /**
         * Wall-clock budget of the training in seconds (default {@link TimeBudget}: 300, or 900 for an equation in
         * three coordinates; 0: none). Adam may use 70 % of it.
         *
         * @param seconds the budget, ≥ 0 (NaN: the default)
         * @return this builder
         */
        public Builder timeBudget(double seconds) {
            timeBudget = seconds;
            return this;
        }

        /**
         * The cap on the L-BFGS iterations of each re-minimisation when the finished fit profiles its loss along each
         * coefficient for its standard error ({@link CoefficientProfile}: the re-minimisations end earlier when the
         * standard errors settle, and take no more than the fit's own L-BFGS took, at least 100; default {@value CoefficientProfile#DEFAULT_ITERATIONS}; 0: no profile).
         *
         * @param iterations the most iterations per re-minimisation, ≥ 0
         * @return this builder
         */
        public Builder profileIterations(int iterations) {
            profileIterations = iterations;
            return this;
        }

        /**
         * The options; throws {@link FitInputException} for settings no fit can use.
         *
         * @return the options of these settings
         * @throws FitInputException (kind USAGE) when the settings contradict each other or are out of
         *     range (see {@link FitOptions})
         */
        public FitOptions options() {
            return new FitOptions(
                    data,
                    table,
                    columns,
                    pde,
                    unknowns,
                    positive,
                    truth,
                    route,
                    delta,
                    kernels,
                    noise,
                    points,
                    hidden,
                    adamSteps,
                    lbfgsIterations,
                    lr,
                    seed,
                    gridSize,
                    tolerance,
                    lossTolerance,
                    timeBudget,
                    profileIterations);
        }

        /**
         * The fit; throws {@link FitInputException} for settings no fit can use.
         *
         * @return the fit of {@link #options()}
         * @throws FitInputException (kind USAGE) when the settings contradict each other or are out of range
         */
        public DataFit build() {
            return new DataFit(options());
        }
    }
}
