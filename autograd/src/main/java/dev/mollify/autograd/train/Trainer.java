package dev.mollify.autograd.train;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.autograd.optim.Adam;
import dev.mollify.autograd.optim.Lbfgs;
import dev.mollify.autograd.optim.LearningRateSchedule;
import dev.mollify.autograd.optim.LossClosure;
import dev.mollify.tensor.MemoryStats;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop: {@code adamSteps} Adam steps, then {@code lbfgsIterations} L-BFGS iterations,
 * on any {@link LossModel}; it knows nothing about PDEs.
 *
 * <pre>
 *   TrainingResult r = Trainer.builder(model)
 *           .adamSteps(5000).schedule(LearningRateSchedule.exponential(1e-3, 0.9995))
 *           .lbfgsIterations(500)
 *           .weights(GradNormBalancing.paperDefaults())
 *           .seed(42)
 *           .callbacks(new ProgressPrinter(System.out, 100), new DivergenceGuard(), new Checkpointer(dir, 500))
 *           .build().run();
 * </pre>
 *
 * <p><b>One Adam step k</b> (1-based): {@link LossModel#beginStep} with the generator of (seed, k);
 * compute the terms Lᵢ; on update steps of an adaptive {@link LossWeights} policy, the per-term
 * gradients and new weights; {@code total = Σ λᵢ Lᵢ}; backward; {@link LossModel#report()}; if every
 * term and every gradient is finite, the Adam update (otherwise the update is skipped, the parameters
 * stay at their last finite values, and {@link StepInfo#nonFinite()} says why — {@link DivergenceGuard}
 * turns that into a stop); then the callbacks.
 *
 * <p><b>One L-BFGS iteration</b> is one {@link Lbfgs#step} with {@code maxIter = 1}. The history
 * carries over, and each call starts from the evaluation at the point the previous one accepted, so
 * the phase follows the iterates of one long call at its cost: one loss evaluation for the start plus
 * the line searches' evaluations (one to a few per iteration). The step's report is the evaluation at
 * the point the iteration reached, taken from its line search. The weights are frozen in this phase.
 * The phase ends early when L-BFGS {@link Lbfgs#converged() converges} (gradient below
 * {@code toleranceGrad}, or the step or the loss change below {@code toleranceChange}), when the
 * unknowns (and optionally the loss) settle ({@link Builder#lbfgsConvergence}, when set), when it has
 * made {@link Builder#lbfgsMaxEvaluations} loss evaluations, or at a point whose loss or gradient is
 * not finite (L-BFGS cannot move from there; the step reports why). A stop reason names the step by
 * the count of steps taken (Adam's plus L-BFGS's, {@link TrainingResult#steps()}), also when Adam
 * ended early; a record's {@link StepRecord#step()} in the L-BFGS phase is the planned Adam steps plus
 * its iteration, so checkpoints place it whatever ended Adam.
 *
 * <p><b>Reproducibility.</b> Everything is deterministic given the model, the settings and the seed; a
 * run resumed with {@link #resume} from a {@link Checkpointer} checkpoint, taken in either phase, ends
 * with the same bits as an uninterrupted run (without a time budget, which depends on the machine).
 *
 * <p><b>Memory.</b> With {@code trackMemory} (default on) the run switches
 * {@link MemoryStats#trackLive live tracking} on, resets the peak, and reports
 * {@link MemoryStats#peakLiveBytes()} at the end; tracking is switched off again afterwards. With
 * {@code reuseStorage} (default on) each step's loss and backward run in a scope of one {@link Workspace}
 * per run: the tensors they make are recycled for the next step, except the parameters' gradients, and
 * the optimiser updates run outside the scope. A {@link LossModel} must therefore not keep a tensor it
 * made in {@code loss()} for a later call (the models in this module make their constants when they
 * are built); {@code reuseStorage(false)} gives every tensor fresh storage.
 */
public final class Trainer {
    private final LossModel model;
    private final Parameters params;
    private final LossWeights policy;
    private final int adamSteps;
    private final LearningRateSchedule schedule;
    private final int lbfgsIterations;
    private final int lbfgsHistory;
    private final int lbfgsMaxEvaluations;
    private final double toleranceGrad;
    private final double toleranceChange;
    private final long seed;
    private final List<Callback> callbacks;
    private final boolean trackMemory;
    private final boolean reuseStorage;
    private final int convergenceWindow;
    private final double convergenceTolerance;
    private final int lbfgsConvergenceWindow;
    private final double lbfgsConvergenceTolerance;
    private final double lbfgsConvergenceLossTolerance;
    private final double timeBudget;

    /** The share of a time budget the Adam phase may use; L-BFGS gets the rest. */
    public static final double ADAM_SHARE_OF_BUDGET = 0.7;

    private Trainer(Builder b) {
        this.model = b.model;
        this.params = b.model.parameters();
        this.policy = b.weights;
        this.adamSteps = b.adamSteps;
        this.schedule = b.schedule;
        this.lbfgsIterations = b.lbfgsIterations;
        this.lbfgsHistory = b.lbfgsHistory;
        this.lbfgsMaxEvaluations = b.lbfgsMaxEvaluations;
        this.toleranceGrad = b.toleranceGrad;
        this.toleranceChange = b.toleranceChange;
        this.seed = b.seed;
        this.callbacks = List.copyOf(b.callbacks);
        this.trackMemory = b.trackMemory;
        this.reuseStorage = b.reuseStorage;
        this.convergenceWindow = b.convergenceWindow;
        this.convergenceTolerance = b.convergenceTolerance;
        this.lbfgsConvergenceWindow = b.lbfgsConvergenceWindow;
        this.lbfgsConvergenceTolerance = b.lbfgsConvergenceTolerance;
        this.lbfgsConvergenceLossTolerance = b.lbfgsConvergenceLossTolerance;
        this.timeBudget = b.timeBudget;
    }

    /**
     * A builder for training {@code model}.
     *
     * @param model the loss to minimise over its parameters
     * @return a builder with the defaults listed on each setter
     */
    public static Builder builder(LossModel model) {
        return new Builder(model);
    }

    /**
     * Trains from the model's current parameters.
     *
     * @return the history of every step, the final loss terms and, with trackMemory, the peak live bytes
     */
    public TrainingResult run() {
        return new Run().execute(0, 0);
    }

    /**
     * Loads the checkpoint in {@code dir} into this trainer's model (built afresh, with the same
     * settings and seed as the run that wrote it) and continues to the planned end. The result's history
     * includes the restored steps.
     *
     * @param dir a directory a {@link Checkpointer} wrote into
     * @return the result of the whole run, restored steps included
     * @throws IOException when the checkpoint cannot be read
     * @throws IllegalArgumentException when the checkpoint's seed differs from this trainer's, or its step lies outside this trainer's plan
     */
    public TrainingResult resume(Path dir) throws IOException {
        Checkpoint c = Checkpoint.read(dir);
        if (c.seed() != seed) {
            throw new IllegalArgumentException(
                    "checkpoint in " + dir + " was written with seed " + c.seed() + " but this trainer has seed " + seed
                            + "; resume with the same seed (builder.seed(" + c.seed() + "))");
        }
        if (!c.inLbfgs() && c.step() > adamSteps) {
            throw new IllegalArgumentException("checkpoint is at Adam step " + c.step()
                    + " but this trainer plans only " + adamSteps + " Adam steps");
        }
        if (c.inLbfgs() && (c.step() <= adamSteps || c.step() > adamSteps + lbfgsIterations)) {
            throw new IllegalArgumentException("checkpoint is at L-BFGS iteration " + (c.step() - adamSteps)
                    + " of a run with " + adamSteps + " Adam steps, but this trainer plans " + lbfgsIterations
                    + " L-BFGS iterations after them");
        }
        params.loadFrom(c.parameters());
        Run run = new Run();
        run.adam.loadState(c.adam());
        run.weights = new LinkedHashMap<>(c.weights());
        run.history.addAll(c.history());
        run.adamEnd = c.adamEnd();
        run.restoredLbfgs = c.lbfgs();
        for (Callback cb : callbacks) cb.onResume(List.copyOf(c.history()));
        return run.execute(c.step(), c.seconds());
    }

    /**
     * Where a run resumed from this checkpoint continues, in words: "Adam step 1201" or "L-BFGS iteration
     * 338 (after 1,894 Adam steps)".
     *
     * @param c a checkpoint read by {@link Checkpoint#read}
     * @return the phase and 1-based step the resumed run starts with
     */
    public static String resumePoint(Checkpoint c) {
        if (!c.inLbfgs()) return "Adam step " + (c.step() + 1);
        long adam = c.history().stream().filter(r -> r.phase() == Phase.ADAM).count();
        long lbfgs = c.history().size() - adam;
        return "L-BFGS iteration " + (lbfgs + 1) + " (after " + adam + " Adam steps)";
    }

    /** The mutable state of one run. */
    private final class Run {
        final Adam adam = Adam.builder(params).schedule(schedule).build();
        Map<String, Double> weights;
        final List<StepRecord> history = new ArrayList<>();
        /** Why the Adam phase ended before its planned steps, or null. */
        String adamEnd;
        /** L-BFGS's state from a checkpoint of that phase, or null. */
        Lbfgs.State restoredLbfgs;
        /** Storage reused from one step's loss and backward to the next (see the class comment). */
        final Workspace workspace = new Workspace();

        long t0;
        double secondsBefore;
        int stepsThisRun;

        TrainingResult execute(int startStep, double secondsBefore) {
            this.secondsBefore = secondsBefore;
            long allocated0 = MemoryStats.allocatedBytes();
            if (trackMemory) {
                MemoryStats.trackLive(true);
                MemoryStats.resetPeak();
            }
            t0 = System.nanoTime();
            try {
                String stop = null;
                for (int step = startStep + 1;
                        restoredLbfgs == null && step <= adamSteps && stop == null && adamEnd == null;
                        step++) {
                    stop = adamStep(step);
                    if (stop == null) adamEnd = adamEnded(step);
                }
                if (stop == null && lbfgsIterations > 0)
                    stop = lbfgsPhase(restoredLbfgs == null ? 1 : startStep - adamSteps + 1);
                if (adamEnd != null) stop = adamEnd + "; " + (stop == null ? "L-BFGS completed" : stop);
                if (stop == null) stop = "completed";
                params.zeroGrad();
                LossTerms lt = model.loss();
                if (weights == null) weights = policy.initial(names(lt));
                Var total = weighted(lt, weights);
                Map<String, Double> unknowns = model.report();
                long peak = trackMemory ? MemoryStats.peakLiveBytes() : -1;
                return new TrainingResult(
                        unknowns,
                        lt.values(),
                        total.item(),
                        weights,
                        history,
                        stop,
                        seconds(),
                        peak,
                        MemoryStats.allocatedBytes() - allocated0);
            } finally {
                if (trackMemory) MemoryStats.trackLive(false);
            }
        }

        double seconds() {
            return secondsBefore + (System.nanoTime() - t0) * 1e-9;
        }

        /**
         * Why the Adam phase ends after {@code step}, or null to go on: its share of the time budget is
         * spent, or every reported value (else the loss) changed by less than the convergence tolerance,
         * relatively, over the last window of steps (decided from the history alone, so a resumed run
         * decides as the uninterrupted one).
         */
        String adamEnded(int step) {
            if (timeBudget > 0 && seconds() > ADAM_SHARE_OF_BUDGET * timeBudget) {
                return String.format(
                        java.util.Locale.ROOT,
                        "Adam stopped at step %d (%.0f %% of the %.0f s time budget)",
                        step,
                        100 * ADAM_SHARE_OF_BUDGET,
                        timeBudget);
            }
            if (convergenceWindow <= 0 || step < 2 * convergenceWindow || step >= adamSteps) return null;
            StepRecord now = history.get(history.size() - 1);
            StepRecord then = history.get(history.size() - 1 - convergenceWindow);
            boolean still;
            if (!now.unknowns().isEmpty()) {
                still = settled(now, then, convergenceTolerance);
            } else {
                double recent = meanTotal(history.size() - convergenceWindow, history.size());
                double earlier = meanTotal(history.size() - 2 * convergenceWindow, history.size() - convergenceWindow);
                still = Math.abs(earlier - recent) <= convergenceTolerance * Math.abs(recent);
            }
            return still
                    ? String.format(
                            java.util.Locale.ROOT,
                            "Adam converged at step %d (relative change < %.1g over %d steps)",
                            step,
                            convergenceTolerance,
                            convergenceWindow)
                    : null;
        }

        /** Whether every unknown of {@code now} is within {@code tolerance}, relatively, of its value in {@code then}. */
        private static boolean settled(StepRecord now, StepRecord then, double tolerance) {
            for (Map.Entry<String, Double> e : now.unknowns().entrySet()) {
                Double before = then.unknowns().get(e.getKey());
                if (before == null || !(Math.abs(e.getValue() - before) <= tolerance * Math.abs(e.getValue())))
                    return false;
            }
            return true;
        }

        /**
         * Why L-BFGS ends after iteration {@code k} of its phase, the run's {@code taken}-th step, or null to go on: every
         * unknown stayed within the L-BFGS convergence tolerance τ of its latest value, relatively, over the last
         * window of W iterations of this phase (the whole band, not just its ends: a path that turns back passes its
         * old value while still moving), and, when a loss tolerance τ_L is set, the loss changed by no more than
         * that over the window, |L(k−W) − L(k)| ≤ τ_L·|L(k)| (unknowns that creep while the loss still falls have
         * not settled: the fit is still finding them). Decided from the history alone, so a resumed run decides as the
         * uninterrupted one. Never without unknowns: L-BFGS's own loss tolerance covers that case.
         */
        String lbfgsSettled(int k, int taken) {
            if (lbfgsConvergenceWindow <= 0 || k <= lbfgsConvergenceWindow) return null;
            StepRecord now = history.get(history.size() - 1);
            if (now.unknowns().isEmpty()) return null;
            if (lbfgsConvergenceLossTolerance > 0) {
                double before =
                        history.get(history.size() - 1 - lbfgsConvergenceWindow).total();
                if (!(Math.abs(before - now.total()) <= lbfgsConvergenceLossTolerance * Math.abs(now.total())))
                    return null;
            }
            for (int i = history.size() - 1 - lbfgsConvergenceWindow; i < history.size() - 1; i++)
                if (!settled(now, history.get(i), lbfgsConvergenceTolerance)) return null;
            return String.format(
                    java.util.Locale.ROOT,
                    "L-BFGS converged at step %d (unknowns within %.1g%s over %d iterations)",
                    taken,
                    lbfgsConvergenceTolerance,
                    lbfgsConvergenceLossTolerance > 0
                            ? String.format(java.util.Locale.ROOT, ", loss within %.1g", lbfgsConvergenceLossTolerance)
                            : "",
                    lbfgsConvergenceWindow);
        }

        private double meanTotal(int from, int to) {
            double s = 0;
            for (int i = from; i < to; i++) s += history.get(i).total();
            return s / (to - from);
        }

        String adamStep(int step) {
            model.beginStep(new StepContext(step, Phase.ADAM, StepContext.rngFor(seed, step)));
            Map<String, Double> unknowns, terms;
            double totalValue;
            try (Workspace.Scope scope = enterStorageScope()) {
                params.zeroGrad();
                LossTerms lt = model.loss();
                List<String> names = names(lt);
                if (weights == null) weights = policy.initial(names);
                if (policy.updatesAt(step)) weights = new LinkedHashMap<>(policy.update(weights, termGradients(lt)));
                Var total = weighted(lt, weights);
                total.backward();
                keepGradients(scope);
                unknowns = model.report();
                terms = lt.values();
                totalValue = total.item();
            }
            String bad = nonFinite(terms, totalValue);
            if (bad == null)
                adam.step(); // outside the scope: Adam's moments and the new parameters are ordinary tensors
            StepRecord r = new StepRecord(step, Phase.ADAM, terms, totalValue, weights, unknowns);
            history.add(r);
            stepsThisRun++;
            Map<String, Double> w = weights;
            return notifyCallbacks(
                    r,
                    bad,
                    () -> new Checkpoint(
                            step, seed, seconds(), params.values(), adam.state(), w, List.copyOf(history)));
        }

        /** L-BFGS iterations {@code from}..lbfgsIterations (from a restored state when resuming in this phase). */
        String lbfgsPhase(int from) {
            Lbfgs lbfgs = Lbfgs.builder(params)
                    .maxIter(1)
                    .historySize(lbfgsHistory)
                    .toleranceGrad(toleranceGrad)
                    .toleranceChange(toleranceChange)
                    .build();
            if (restoredLbfgs != null) lbfgs.loadState(restoredLbfgs);
            model.beginStep(new StepContext(adamSteps + 1, Phase.LBFGS, StepContext.rngFor(seed, adamSteps + 1)));
            List<Evaluation> evaluations = new ArrayList<>();
            LossClosure closure = () -> {
                Evaluation e = evaluate();
                evaluations.add(e);
                return e.total();
            };
            Evaluation here = null;
            for (int k = from; k <= lbfgsIterations; k++) {
                int step = adamSteps + k;
                if (timeBudget > 0 && seconds() > timeBudget) {
                    return String.format(
                            java.util.Locale.ROOT,
                            "time budget of %.0f s spent at step %d",
                            timeBudget,
                            history.size());
                }
                evaluations.clear();
                lbfgs.step(closure);
                here = evaluationHere(evaluations, here);
                StepRecord r = new StepRecord(step, Phase.LBFGS, here.terms(), here.total(), weights, model.report());
                history.add(r);
                stepsThisRun++;
                Map<String, Double> w = weights;
                String stop = notifyCallbacks(
                        r,
                        here.bad(),
                        () -> new Checkpoint(
                                step,
                                seed,
                                seconds(),
                                params.values(),
                                adam.state(),
                                w,
                                List.copyOf(history),
                                lbfgs.state(),
                                adamEnd));
                if (stop != null) return stop;
                int taken = history.size();
                if (here.bad() != null) return "L-BFGS stopped at step " + taken + ": " + here.bad();
                if (lbfgs.converged()) {
                    return "L-BFGS converged at step " + taken + ": max |gradient| <= " + toleranceGrad
                            + ", or the step or the loss change < " + toleranceChange;
                }
                if (lbfgsMaxEvaluations > 0 && lbfgs.functionEvaluations() >= lbfgsMaxEvaluations) {
                    return "L-BFGS made its " + lbfgsMaxEvaluations + " loss evaluations at step " + taken;
                }
                String settled = lbfgsSettled(k, taken);
                if (settled != null) return settled;
            }
            return null;
        }

        /**
         * The evaluation at the parameters' current values: the latest of {@code evaluations} made there,
         * else {@code before} when it was made there, else a new one (outside L-BFGS; only a resumed
         * run whose first iteration did not move needs it).
         */
        Evaluation evaluationHere(List<Evaluation> evaluations, Evaluation before) {
            double[] x = params.flatValues();
            for (int i = evaluations.size() - 1; i >= 0; i--) {
                if (Arrays.equals(evaluations.get(i).at(), x)) return evaluations.get(i);
            }
            if (before != null && Arrays.equals(before.at(), x)) return before;
            return evaluate();
        }

        /** The loss terms, weighted total and gradient at the parameters' current values (the weights stay frozen). */
        Evaluation evaluate() {
            double value;
            Map<String, Double> terms;
            try (Workspace.Scope scope = enterStorageScope()) {
                params.zeroGrad();
                LossTerms lt = model.loss();
                if (weights == null) weights = policy.initial(names(lt));
                Var total = weighted(lt, weights);
                total.backward();
                keepGradients(scope);
                value = total.item();
                terms = lt.values();
            }
            return new Evaluation(params.flatValues(), terms, value, nonFinite(terms, value));
        }

        /** A scope of this run's workspace, or null (no scope: fresh storage) when storage reuse is off. */
        Workspace.Scope enterStorageScope() {
            return reuseStorage ? workspace.enter() : null;
        }

        /** The parameters' gradients outlive the step's scope (the optimisers read them after it). */
        void keepGradients(Workspace.Scope scope) {
            if (scope == null) return;
            for (Var p : params.vars()) if (p.grad() != null) scope.keep(p.grad());
        }

        String notifyCallbacks(StepRecord r, String bad, java.util.function.Supplier<Checkpoint> snapshot) {
            double secs = seconds();
            double elapsed = (System.nanoTime() - t0) * 1e-9;
            StepInfo info = new StepInfo(
                    r, adamSteps + lbfgsIterations, secs, elapsed > 0 ? stepsThisRun / elapsed : 0, bad, snapshot);
            String stop = null;
            for (Callback cb : callbacks) {
                Callback.Action a = cb.onStep(info);
                if (stop == null && a != null && a.stops()) stop = a.stopReason();
            }
            return stop;
        }

        List<String> names(LossTerms lt) {
            List<String> names = new ArrayList<>(lt.asMap().keySet());
            if (names.isEmpty()) throw new IllegalStateException("the loss model returned no loss terms");
            if (weights != null && !names.equals(new ArrayList<>(weights.keySet()))) {
                throw new IllegalStateException("the loss model's terms changed from " + weights.keySet() + " to "
                        + names + "; loss() must return the same terms every call");
            }
            return names;
        }

        /** ∂Lᵢ/∂θ for every term, as flat vectors in registry order (unused parameters give zeros). */
        Map<String, double[]> termGradients(LossTerms lt) {
            List<Var> vars = params.vars();
            Map<String, double[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, Var> e : lt.asMap().entrySet()) {
                List<Var> g = Autograd.grad(List.of(e.getValue()), vars, null, false, true, true);
                double[] flat = new double[params.numel()];
                int off = 0;
                for (int i = 0; i < vars.size(); i++) {
                    int n = vars.get(i).value().numel();
                    if (g.get(i) != null) System.arraycopy(g.get(i).value().toDoubleArray(), 0, flat, off, n);
                    off += n;
                }
                out.put(e.getKey(), flat);
            }
            return out;
        }

        /** Null, or the first non-finite loss term, total or parameter gradient, named. */
        String nonFinite(Map<String, Double> terms, double total) {
            for (Map.Entry<String, Double> e : terms.entrySet()) {
                if (!Double.isFinite(e.getValue())) return "loss term '" + e.getKey() + "' is " + e.getValue();
            }
            if (!Double.isFinite(total)) return "weighted total loss is " + total + " (weights " + weights + ")";
            for (Map.Entry<String, Var> e : params.asMap().entrySet()) {
                Tensor g = e.getValue().grad();
                if (g == null) continue;
                double[] a = g.toDoubleArray();
                for (int i = 0; i < a.length; i++) {
                    if (!Double.isFinite(a[i])) {
                        return "gradient of parameter '" + e.getKey() + "' is " + a[i] + " at flat index " + i;
                    }
                }
            }
            return null;
        }
    }

    /** Σ λᵢ·Lᵢ in term order. */
    static Var weighted(LossTerms lt, Map<String, Double> weights) {
        Var total = null;
        for (Map.Entry<String, Var> e : lt.asMap().entrySet()) {
            Var x = e.getValue().mul(weights.get(e.getKey()));
            total = total == null ? x : total.add(x);
        }
        return total;
    }

    /**
     * One loss evaluation of the L-BFGS phase.
     *
     * @param at    the parameter values it was made at
     * @param terms the loss terms
     * @param total Σ λᵢ·Lᵢ
     * @param bad   null, or the first non-finite term, total or gradient, named
     */
    private record Evaluation(double[] at, Map<String, Double> terms, double total, String bad) {}

    /** Settings for {@link Trainer}; every setter returns this builder. */
    public static final class Builder {
        private final LossModel model;
        private LossWeights weights = LossWeights.uniform();
        private int adamSteps = 1000;
        private LearningRateSchedule schedule = LearningRateSchedule.constant(1e-3);
        private int lbfgsIterations = 0;
        private int lbfgsHistory = 50;
        private int lbfgsMaxEvaluations;
        private double toleranceGrad = 1e-9;
        private double toleranceChange = 1e-12;
        private int convergenceWindow;
        private double convergenceTolerance;
        private int lbfgsConvergenceWindow;
        private double lbfgsConvergenceTolerance;
        private double lbfgsConvergenceLossTolerance;
        private double timeBudget;
        private long seed;
        private final List<Callback> callbacks = new ArrayList<>();
        private boolean trackMemory = true;
        private boolean reuseStorage = true;

        private Builder(LossModel model) {
            if (model == null) throw new IllegalArgumentException("loss model is null");
            this.model = model;
        }

        /**
         * Number of Adam steps (default 1000; 0 skips Adam).
         *
         * @param n the number of Adam steps, ≥ 0
         * @return this builder
         * @throws IllegalArgumentException when n &lt; 0
         */
        public Builder adamSteps(int n) {
            if (n < 0) throw new IllegalArgumentException("adamSteps must be >= 0, got " + n);
            adamSteps = n;
            return this;
        }

        /**
         * A constant Adam learning rate (default 1e-3).
         *
         * @param lr the learning rate of every Adam step
         * @return this builder
         */
        public Builder lr(double lr) {
            schedule = LearningRateSchedule.constant(lr);
            return this;
        }

        /**
         * An Adam learning-rate schedule (replaces {@link #lr}).
         *
         * @param s the learning rate per 1-based Adam step; not null
         * @return this builder
         * @throws IllegalArgumentException when s is null
         */
        public Builder schedule(LearningRateSchedule s) {
            if (s == null) throw new IllegalArgumentException("schedule is null");
            schedule = s;
            return this;
        }

        /**
         * Number of L-BFGS iterations after Adam (default 0).
         *
         * @param n the number of L-BFGS iterations, ≥ 0; 0 skips L-BFGS
         * @return this builder
         * @throws IllegalArgumentException when n &lt; 0
         */
        public Builder lbfgsIterations(int n) {
            if (n < 0) throw new IllegalArgumentException("lbfgsIterations must be >= 0, got " + n);
            lbfgsIterations = n;
            return this;
        }

        /**
         * L-BFGS history size (default 50).
         *
         * @param n the number of (step, gradient change) pairs kept, ≥ 1
         * @return this builder
         * @throws IllegalArgumentException when n &lt; 1
         */
        public Builder lbfgsHistory(int n) {
            if (n < 1) throw new IllegalArgumentException("lbfgsHistory must be >= 1, got " + n);
            lbfgsHistory = n;
            return this;
        }

        /**
         * End the L-BFGS phase once it has made {@code n} loss evaluations (default 0: no limit), the
         * budget PyTorch's {@code max_eval} sets for one long call ({@code max_iter·5/4} there).
         *
         * @param n the most loss evaluations of the L-BFGS phase, ≥ 0; 0 for no limit
         * @return this builder
         * @throws IllegalArgumentException when n &lt; 0
         */
        public Builder lbfgsMaxEvaluations(int n) {
            if (n < 0) throw new IllegalArgumentException("lbfgsMaxEvaluations must be >= 0, got " + n);
            lbfgsMaxEvaluations = n;
            return this;
        }

        /**
         * L-BFGS stopping tolerances on max |gradient| and on the loss change (defaults 1e-9, 1e-12).
         *
         * @param grad stop when max |∂L/∂θ| falls below it, ≥ 0
         * @param change stop when the step or the loss change falls below it, ≥ 0
         * @return this builder
         * @throws IllegalArgumentException when a tolerance is negative or NaN
         */
        public Builder lbfgsTolerances(double grad, double change) {
            if (!(grad >= 0) || !(change >= 0)) throw new IllegalArgumentException("tolerances must be >= 0");
            toleranceGrad = grad;
            toleranceChange = change;
            return this;
        }

        /**
         * The loss-weight policy (default: every weight 1).
         *
         * @param w the policy giving the weights λᵢ of the loss terms; not null
         * @return this builder
         * @throws IllegalArgumentException when w is null
         */
        public Builder weights(LossWeights w) {
            if (w == null) throw new IllegalArgumentException("weights policy is null");
            weights = w;
            return this;
        }

        /**
         * The seed of the per-step generators (default 0).
         *
         * @param s the seed; step k's generator derives from (s, k), so equal seeds give equal runs
         * @return this builder
         */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /**
         * Adds callbacks, run in the order given.
         *
         * @param cbs callbacks added after those already set; none adds nothing
         * @return this builder
         */
        public Builder callbacks(Callback... cbs) {
            callbacks.addAll(Arrays.asList(cbs));
            return this;
        }

        /**
         * Whether to track live/peak tensor memory (default on).
         *
         * @param on true to report the peak of live tensor bytes in the result
         * @return this builder
         */
        public Builder trackMemory(boolean on) {
            trackMemory = on;
            return this;
        }

        /**
         * End the Adam phase early once every reported value (the unknowns; the loss when there are none)
         * changed by less than {@code tolerance}, relatively, over the last {@code window} steps (checked
         * from step 2·window on); L-BFGS then runs as planned. Default off.
         *
         * @param window the number of steps compared, ≥ 1
         * @param tolerance the relative change below which Adam ends, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when window &lt; 1 or tolerance ≤ 0
         */
        public Builder adamConvergence(int window, double tolerance) {
            checkWindow(window, tolerance);
            convergenceWindow = window;
            convergenceTolerance = tolerance;
            return this;
        }

        /**
         * End the L-BFGS phase early once every unknown stayed within {@code tolerance} of its latest value,
         * relatively, over each of the last {@code window} iterations of the phase (checked from iteration window + 1 on; never
         * for a model without unknowns). Default off: L-BFGS runs its iterations unless it converges by its
         * own tolerances.
         *
         * @param window the number of iterations compared, ≥ 1
         * @param tolerance the relative change below which L-BFGS ends, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when window &lt; 1 or tolerance ≤ 0
         */
        public Builder lbfgsConvergence(int window, double tolerance) {
            return lbfgsConvergence(window, tolerance, 0);
        }

        /**
         * As {@link #lbfgsConvergence(int, double)}, and with {@code lossTolerance} τ_L &gt; 0 the loss must also
         * have changed by at most τ_L of its latest value over the window, |L(k−W) − L(k)| ≤ τ_L·|L(k)|: unknowns
         * that creep while the loss still falls are not taken as settled.
         *
         * @param window the number of iterations compared, ≥ 1
         * @param tolerance the relative change of the unknowns below which L-BFGS ends, &gt; 0
         * @param lossTolerance the relative change of the loss below which L-BFGS ends, ≥ 0 (0: the loss is not
         *     asked)
         * @return this builder
         * @throws IllegalArgumentException when window &lt; 1, tolerance ≤ 0 or lossTolerance &lt; 0
         */
        public Builder lbfgsConvergence(int window, double tolerance, double lossTolerance) {
            checkWindow(window, tolerance);
            if (!(lossTolerance >= 0) || !Double.isFinite(lossTolerance))
                throw new IllegalArgumentException("need lossTolerance >= 0, got " + lossTolerance);
            lbfgsConvergenceWindow = window;
            lbfgsConvergenceTolerance = tolerance;
            lbfgsConvergenceLossTolerance = lossTolerance;
            return this;
        }

        private static void checkWindow(int window, double tolerance) {
            if (window < 1 || !(tolerance > 0))
                throw new IllegalArgumentException(
                        "need window >= 1 and tolerance > 0, got " + window + ", " + tolerance);
        }

        /**
         * A wall-clock budget in seconds for the whole run (time before a resume included): Adam ends
         * after {@link #ADAM_SHARE_OF_BUDGET} of it, L-BFGS at the budget. Default none (0). A budget
         * makes where the run stops depend on the machine's speed.
         *
         * @param seconds the wall-clock budget in seconds, finite and ≥ 0; 0 for none
         * @return this builder
         * @throws IllegalArgumentException when seconds is negative or not finite
         */
        public Builder timeBudget(double seconds) {
            if (!(seconds >= 0) || !Double.isFinite(seconds))
                throw new IllegalArgumentException("time budget must be finite and >= 0, got " + seconds);
            timeBudget = seconds;
            return this;
        }

        /**
         * Whether each step's loss and backward run in a {@link Workspace} scope (default on), so that the
         * next step reuses their storage instead of allocating it again. Turn it off for a
         * {@link LossModel} that keeps tensors from one {@code loss()} call to the next.
         *
         * @param on true to recycle each step's tensors, false to give every tensor fresh storage
         * @return this builder
         */
        public Builder reuseStorage(boolean on) {
            reuseStorage = on;
            return this;
        }

        /**
         * A {@link Trainer} with these settings.
         *
         * @return a trainer for the builder's model with these settings; later setter calls do not change it
         */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
