package dev.mollify.autograd.optim;

import dev.mollify.autograd.nn.Parameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Limited-memory BFGS with an optional strong-Wolfe line search: a port of PyTorch's
 * {@code torch.optim.LBFGS} (itself after Schmidt's minFunc), with the same parameters, defaults,
 * stopping rules and line search ({@code _strong_wolfe}, {@code _cubic_interpolate}), so settings
 * tuned there carry over. One difference: the line search defaults to {@link LineSearch#STRONG_WOLFE}
 * here (PyTorch's default is none), because that is what PINN training wants.
 *
 * <p><b>Use.</b> Each {@link #step(LossClosure)} runs up to {@code maxIter} iterations and
 * {@code maxEval} loss evaluations; the history carries over to the next call.
 * <pre>
 *   Lbfgs opt = Lbfgs.builder(net.parameters()).maxIter(500).historySize(50).build();
 *   opt.step(LossClosure.of(net.parameters(), () -&gt; loss(net)));
 * </pre>
 *
 * <p><b>Evaluations.</b> A call starts from the loss and gradient of the point the previous call
 * reached (its accepted line-search point) when the parameters still hold exactly that point, bit for
 * bit; PyTorch evaluates them again. So a run split into calls of one iteration each costs what one
 * long call costs, one evaluation for the start plus the line searches' evaluations, and follows the
 * same iterates. The closure must therefore depend on the parameters alone, as {@link LossClosure}
 * says. {@link #converged()} tells whether the last call ended on a convergence rule rather than its
 * budget.
 *
 * <p><b>Algorithm.</b> All parameters are one vector {@code x} ({@link Parameters#flatValues()}); with
 * gradient {@code g}, pairs {@code s = xₖ₊₁ − xₖ}, {@code y = gₖ₊₁ − gₖ} (kept when {@code yᵀs > 1e-10·‖y‖·‖s‖}, the
 * newest {@code historySize}) and initial scaling {@code H₀ = yᵀs / yᵀy}, the direction
 * {@code d = −H·g} comes from the two-loop recursion (Nocedal &amp; Wright, Algorithm 7.4). The first
 * trial step is {@code lr·min(1, 1/‖g‖₁)} on the very first iteration, else {@code lr}. The line search
 * (Nocedal &amp; Wright, Algorithms 3.5–3.6; c₁ = 1e-4, c₂ = 0.9, at most 25 evaluations) brackets a
 * step satisfying the strong Wolfe conditions
 * {@code f(x + t·d) ≤ f(x) + c₁·t·gᵀd} and {@code |g(x + t·d)ᵀd| ≤ c₂·|gᵀd|}, then zooms in with
 * safeguarded cubic interpolation.
 *
 * <p><b>Stopping.</b> An iteration loop ends when {@code max|g| ≤ toleranceGrad}, the directional
 * derivative {@code gᵀd > −toleranceChange}, {@code max|t·d| ≤ toleranceChange}, the loss changes by
 * less than {@code toleranceChange}, or the iteration/evaluation budget is spent.
 *
 * <p>Everything runs in double in a fixed order: the same closure gives bit-identical results. A
 * parameter whose gradient is null counts as a zero gradient (as in PyTorch).
 */
public final class Lbfgs implements Optimizer {
    /** The step-length rule. */
    public enum LineSearch {
        /** A fixed step {@code lr} along the L-BFGS direction. */
        NONE,
        /** Strong-Wolfe bracketing and cubic-interpolation zoom. */
        STRONG_WOLFE
    }

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LS = 25;

    private final Parameters parameters;
    private final double lr;
    private final int maxIter;
    private final int maxEval;
    private final double toleranceGrad;
    private final double toleranceChange;
    private final int historySize;
    private final LineSearch lineSearch;

    // state carried between step() calls, as in PyTorch
    private int funcEvals;
    private int nIter;
    private double[] d;
    private double t;
    private final List<double[]> oldDirs = new ArrayList<>();
    private final List<double[]> oldStps = new ArrayList<>();
    private final List<Double> ro = new ArrayList<>();
    private double hDiag = 1;
    private double[] prevFlatGrad;
    private double prevLoss;
    private double lastLoss = Double.NaN;
    /** The gradient at {@link #evaluatedAt}, where the loss is {@link #lastLoss}; null when not known. */
    private double[] lastGradient;
    /** The parameter values {@link #lastLoss} and {@link #lastGradient} were evaluated at, or null. */
    private double[] evaluatedAt;

    private boolean converged;
    /** The gradient from the latest {@link #directionalEvaluate} call. */
    private double[] evalG;

    private Lbfgs(Builder b) {
        this.parameters = b.parameters;
        Slots.check(b.parameters, "Lbfgs");
        this.lr = b.lr;
        this.maxIter = b.maxIter;
        this.maxEval = b.maxEval > 0 ? b.maxEval : b.maxIter * 5 / 4;
        this.toleranceGrad = b.toleranceGrad;
        this.toleranceChange = b.toleranceChange;
        this.historySize = b.historySize;
        this.lineSearch = b.lineSearch;
    }

    /**
     * A builder with PyTorch's defaults (lr 1, maxIter 20, maxEval maxIter·5/4, tolerances 1e-7 / 1e-9, history 100)
     * and a strong-Wolfe line search.
     *
     * @param parameters the parameters to optimise, treated as one flat vector in registry order
     * @return a builder with those defaults
     */
    public static Builder builder(Parameters parameters) {
        return new Builder(parameters);
    }

    /** Not supported: L-BFGS must re-evaluate the loss. Use {@link #step(LossClosure)}. */
    @Override
    public void step() {
        throw new IllegalStateException("L-BFGS re-evaluates the loss during a step: call step(LossClosure)");
    }

    @Override
    public void zeroGrad() {
        parameters.zeroGrad();
    }

    /**
     * Total iterations over all {@link #step(LossClosure)} calls.
     *
     * @return the number of L-BFGS iterations made so far (restored by {@link #loadState})
     */
    public int iterations() {
        return nIter;
    }

    /**
     * Total loss evaluations over all calls.
     *
     * @return the number of closure evaluations made so far, line searches included
     */
    public int functionEvaluations() {
        return funcEvals;
    }

    /**
     * The loss at the point reached by the last step (NaN before the first step).
     *
     * @return the loss value at the last accepted point
     */
    public double lastLoss() {
        return lastLoss;
    }

    /**
     * Whether the last {@link #step(LossClosure)} ended on a convergence rule — max|g| at most
     * {@code toleranceGrad}, directional derivative above {@code −toleranceChange}, step or loss change
     * below {@code toleranceChange} — rather than on its iteration or evaluation budget or at a starting
     * point that is not finite.
     *
     * @return true when the last step stopped on a convergence rule; false before any step
     */
    public boolean converged() {
        return converged;
    }

    /**
     * Everything {@link #step(LossClosure)} carries from one call to the next, as plain arrays: restoring it
     * with {@link #loadState} into an L-BFGS of the same settings over the same parameters (at the same
     * values) continues bit for bit. The lists hold the newest {@code historySize} curvature pairs, oldest
     * first.
     *
     * @param iterations          iterations over all calls
     * @param functionEvaluations loss evaluations over all calls
     * @param direction           the last search direction d (null before the first iteration)
     * @param stepLength          the last step length t
     * @param gradientChanges     y = gₖ₊₁ − gₖ of each kept pair
     * @param steps               s = xₖ₊₁ − xₖ of each kept pair
     * @param rho                 1 / yᵀs of each kept pair
     * @param hDiag               the initial inverse-Hessian scale yᵀs / yᵀy
     * @param previousGradient    the gradient at the start of the last iteration (null before the first)
     * @param previousLoss        the loss there
     * @param lastLoss            the loss at the point reached
     * @param lastGradient        the gradient at the parameters' values when the state was taken, where the
     *                            loss is {@code lastLoss}; null when not known there (the next step then
     *                            evaluates both)
     */
    public record State(
            int iterations,
            int functionEvaluations,
            double[] direction,
            double stepLength,
            List<double[]> gradientChanges,
            List<double[]> steps,
            double[] rho,
            double hDiag,
            double[] previousGradient,
            double previousLoss,
            double lastLoss,
            double[] lastGradient) {}

    /**
     * A copy of the state carried between calls (see {@link State}).
     *
     * @return a copy holding the (s, y) history, the last direction and the evaluation at the current point
     */
    public State state() {
        double[] r = new double[ro.size()];
        for (int i = 0; i < r.length; i++) r[i] = ro.get(i);
        double[] g = hasEvaluationHere() ? lastGradient.clone() : null;
        return new State(
                nIter,
                funcEvals,
                d == null ? null : d.clone(),
                t,
                copies(oldDirs),
                copies(oldStps),
                r,
                hDiag,
                prevFlatGrad == null ? null : prevFlatGrad.clone(),
                prevLoss,
                lastLoss,
                g);
    }

    /** Whether {@link #lastLoss} and {@link #lastGradient} were evaluated at the parameters' current values. */
    private boolean hasEvaluationHere() {
        return evaluatedAt != null && Arrays.equals(evaluatedAt, parameters.flatValues());
    }

    /** Records that {@code loss} (in {@link #lastLoss}) and {@code g} are the evaluation at the parameters' current values. */
    private void rememberEvaluationHere(double[] g) {
        lastGradient = g;
        evaluatedAt = g == null ? null : parameters.flatValues();
    }

    /**
     * Restores a {@link #state()}; the parameters must already hold the values they had when it was taken.
     *
     * @param s a state from {@link #state()} of an Lbfgs over parameters of the same total size
     * @throws IllegalArgumentException when the history is longer than this optimiser's or a vector's length differs
     *     from the parameters' total size
     */
    public void loadState(State s) {
        int n = parameters.numel();
        int pairs = s.rho().length;
        if (s.gradientChanges().size() != pairs || s.steps().size() != pairs || pairs > historySize) {
            throw new IllegalArgumentException(
                    "L-BFGS state holds " + s.gradientChanges().size() + " y, "
                            + s.steps().size() + " s and " + pairs + " rho values for a history of " + historySize);
        }
        List<double[]> vectors = concat(s.gradientChanges(), s.steps(), s.direction(), s.previousGradient());
        if (s.lastGradient() != null) vectors.add(s.lastGradient());
        for (double[] v : vectors) {
            if (v.length != n)
                throw new IllegalArgumentException(
                        "L-BFGS state has a vector of " + v.length + " values for " + n + " parameters");
        }
        nIter = s.iterations();
        funcEvals = s.functionEvaluations();
        d = s.direction() == null ? null : s.direction().clone();
        t = s.stepLength();
        oldDirs.clear();
        oldDirs.addAll(copies(s.gradientChanges()));
        oldStps.clear();
        oldStps.addAll(copies(s.steps()));
        ro.clear();
        for (double r : s.rho()) ro.add(r);
        hDiag = s.hDiag();
        prevFlatGrad =
                s.previousGradient() == null ? null : s.previousGradient().clone();
        prevLoss = s.previousLoss();
        lastLoss = s.lastLoss();
        rememberEvaluationHere(
                s.lastGradient() == null ? null : s.lastGradient().clone());
        converged = false;
    }

    private static List<double[]> copies(List<double[]> a) {
        List<double[]> out = new ArrayList<>(a.size());
        for (double[] v : a) out.add(v.clone());
        return out;
    }

    private static List<double[]> concat(List<double[]> a, List<double[]> b, double[] c, double[] e) {
        List<double[]> out = new ArrayList<>(a);
        out.addAll(b);
        if (c != null) out.add(c);
        if (e != null) out.add(e);
        return out;
    }

    /**
     * Runs up to {@code maxIter} L-BFGS iterations; returns the loss at the starting point (as PyTorch does).
     * The starting point is evaluated unless the previous call left its evaluation (see the class
     * comment); either way it counts against this call's {@code maxEval}, as in PyTorch. A starting loss
     * or gradient that is not finite ends the call there, with no move and no iteration counted.
     */
    @Override
    public double step(LossClosure closure) {
        converged = false;
        double origLoss;
        double[] flatGrad;
        if (hasEvaluationHere()) {
            origLoss = lastLoss;
            flatGrad = lastGradient;
        } else {
            origLoss = closure.evaluate();
            funcEvals++;
            flatGrad = parameters.flatGrads();
        }
        double loss = origLoss;
        lastLoss = loss;
        rememberEvaluationHere(flatGrad);
        int currentEvals = 1;
        if (!Double.isFinite(origLoss) || !allFinite(flatGrad)) return origLoss;
        boolean optCond = maxAbs(flatGrad) <= toleranceGrad;
        converged = optCond;
        if (optCond) return origLoss;

        double[] al = new double[historySize];
        int localIter = 0;
        while (localIter < maxIter) {
            localIter++;
            nIter++;

            // ---- direction
            d = nIter == 1 ? firstDirection(flatGrad) : quasiNewtonDirection(flatGrad, al);
            prevFlatGrad = flatGrad.clone();
            prevLoss = loss;

            // ---- step length
            t = nIter == 1 ? Math.min(1.0, 1.0 / sumAbs(flatGrad)) * lr : lr;
            double gtd = dot(flatGrad, d);
            if (gtd > -toleranceChange) {
                converged = true;
                break;
            }

            int lsEvals = 0;
            if (lineSearch == LineSearch.STRONG_WOLFE) {
                double[] xInit = parameters.flatValues();
                Result r = strongWolfe(closure, xInit, t, d, loss, flatGrad, gtd);
                loss = r.f;
                flatGrad = r.g;
                t = r.t;
                lsEvals = r.evals;
                parameters.assignFlat(addScaled(xInit, t, d));
                optCond = maxAbs(flatGrad) <= toleranceGrad;
            } else {
                parameters.assignFlat(addScaled(parameters.flatValues(), t, d));
                if (localIter != maxIter) {
                    loss = closure.evaluate();
                    flatGrad = parameters.flatGrads();
                    optCond = maxAbs(flatGrad) <= toleranceGrad;
                    lsEvals = 1;
                }
            }
            lastLoss = loss;
            currentEvals += lsEvals;
            funcEvals += lsEvals;
            boolean evaluated = lsEvals > 0; // loss and flatGrad belong to the new point
            rememberEvaluationHere(evaluated ? flatGrad : null);

            // ---- stopping rules (the convergence ones only where loss and flatGrad are the new point's)
            converged = evaluated && (optCond || Math.abs(loss - prevLoss) < toleranceChange)
                    || maxAbsScaled(d, t) <= toleranceChange;
            if (localIter == maxIter) break;
            if (currentEvals >= maxEval) break;
            if (converged) break;
        }
        return origLoss;
    }

    /** The first iteration's direction −∇f, with the curvature history emptied and H₀ = 1. */
    private double[] firstDirection(double[] flatGrad) {
        oldDirs.clear();
        oldStps.clear();
        ro.clear();
        hDiag = 1;
        return neg(flatGrad);
    }

    /**
     * The L-BFGS direction −H·∇f of a later iteration: first the curvature pair of the last step (y = ∇f − ∇f_prev,
     * s = t·d) joins the history when yᵀs is positive relative to |y|·|s| (the oldest pair leaves a full history,
     * and H₀ = yᵀs/yᵀy), then the two-loop recursion over the history.
     *
     * @param flatGrad the gradient at the current point
     * @param al scratch of the history's length for the recursion's first-loop coefficients
     * @return the new direction
     */
    private double[] quasiNewtonDirection(double[] flatGrad, double[] al) {
        int n = flatGrad.length;
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = flatGrad[i] - prevFlatGrad[i];
            s[i] = d[i] * t;
        }
        double ys = dot(y, s);
        // Curvature safeguard, relative to the pair's size: PyTorch's absolute yᵀs > 1e-10 rejects
        // every pair once the loss is ~1e-8 (common for PINN losses), and L-BFGS crawls there.
        if (ys > 1e-10 * Math.sqrt(dot(y, y) * dot(s, s))) {
            if (oldDirs.size() == historySize) {
                oldDirs.remove(0);
                oldStps.remove(0);
                ro.remove(0);
            }
            oldDirs.add(y);
            oldStps.add(s);
            ro.add(1.0 / ys);
            hDiag = ys / dot(y, y);
        }
        int numOld = oldDirs.size();
        double[] q = neg(flatGrad);
        for (int i = numOld - 1; i >= 0; i--) {
            al[i] = dot(oldStps.get(i), q) * ro.get(i);
            axpy(-al[i], oldDirs.get(i), q);
        }
        double[] r = new double[n];
        for (int j = 0; j < n; j++) r[j] = q[j] * hDiag;
        for (int i = 0; i < numOld; i++) {
            double beI = dot(oldDirs.get(i), r) * ro.get(i);
            axpy(al[i] - beI, oldStps.get(i), r);
        }
        return r;
    }

    // ------------------------------------------------------------------ line search

    private static final class Result {
        final double f;
        final double[] g;
        final double t;
        final int evals;

        Result(double f, double[] g, double t, int evals) {
            this.f = f;
            this.g = g;
            this.t = t;
            this.evals = evals;
        }
    }

    /** Loss at {@code x + t·d} (its gradient goes to {@link #evalG}); the parameters are put back to {@code x} afterwards. */
    private double directionalEvaluate(LossClosure closure, double[] x, double t, double[] d) {
        parameters.assignFlat(addScaled(x, t, d));
        double f = closure.evaluate();
        evalG = parameters.flatGrads();
        parameters.assignFlat(x);
        return f;
    }

    /**
     * PyTorch's {@code _strong_wolfe} (from Torch7's lswolfe.lua), statement by statement: a
     * {@link StrongWolfeSearch#bracketPhase() bracket phase}, then a {@link StrongWolfeSearch#zoomPhase() zoom phase}.
     */
    private Result strongWolfe(
            LossClosure closure, double[] x, double t, double[] d, double f, double[] g, double gtd) {
        StrongWolfeSearch search = new StrongWolfeSearch(closure, x, t, d, f, g, gtd);
        search.bracketPhase();
        search.zoomPhase();
        return search.result();
    }

    /**
     * One strong-Wolfe line search along {@code d} from {@code x}: the latest trial step {@code t} with its
     * loss, gradient and directional derivative, and the bracket of (at most) two steps that both phases
     * share. The names are PyTorch's.
     */
    private final class StrongWolfeSearch {
        private final LossClosure closure;
        private final double[] x;
        private final double[] d;
        private final double f; // loss at x
        private final double[] g; // gradient at x
        private final double gtd; // gᵀd at x
        private final double dNorm; // max|d|

        private double t; // the trial step and, below, f, g and gᵀd there
        private double fNew;
        private double[] gNew;
        private double gtdNew;
        private int lsFuncEvals;
        private int lsIter;
        private boolean done;

        private final double[] bracket = new double[2];
        private final double[] bracketF = new double[2];
        private final double[][] bracketG = new double[2][];
        private final double[] bracketGtd = new double[2];
        private int len;
        private int lowPos;

        StrongWolfeSearch(LossClosure closure, double[] x, double t, double[] d, double f, double[] g, double gtd) {
            this.closure = closure;
            this.x = x;
            this.d = d;
            this.f = f;
            this.gtd = gtd;
            this.dNorm = maxAbs(d);
            this.g = g.clone();
            this.t = t;
            fNew = directionalEvaluate(closure, x, t, d);
            gNew = evalG;
            lsFuncEvals = 1;
            gtdNew = dot(gNew, d);
        }

        /** Evaluates the loss, its gradient and the directional derivative at the trial step {@code t}. */
        private void evaluateTrial() {
            fNew = directionalEvaluate(closure, x, t, d);
            gNew = evalG;
            lsFuncEvals++;
            gtdNew = dot(gNew, d);
        }

        /**
         * Brackets an interval containing a point satisfying the Wolfe criteria: grows the step by cubic
         * extrapolation until the loss stops decreasing enough or the slope turns (bracket of two), or the
         * step itself satisfies them (bracket of one, {@code done}).
         */
        void bracketPhase() {
            double tPrev = 0, fPrev = f, gtdPrev = gtd;
            double[] gPrev = g;
            while (lsIter < MAX_LS) {
                if (fNew > (f + C1 * t * gtd) || (lsIter > 1 && fNew >= fPrev)) {
                    setBracket(tPrev, fPrev, gPrev, gtdPrev, t, fNew, gNew.clone(), gtdNew);
                    break;
                }
                if (Math.abs(gtdNew) <= -C2 * gtd) {
                    bracket[0] = t;
                    bracketF[0] = fNew;
                    bracketG[0] = gNew;
                    len = 1;
                    done = true;
                    break;
                }
                if (gtdNew >= 0) {
                    setBracket(tPrev, fPrev, gPrev, gtdPrev, t, fNew, gNew.clone(), gtdNew);
                    break;
                }
                // interpolate
                double minStep = t + 0.01 * (t - tPrev);
                double maxStep = t * 10;
                double tmp = t;
                t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);

                // next step
                tPrev = tmp;
                fPrev = fNew;
                gPrev = gNew.clone();
                gtdPrev = gtdNew;
                evaluateTrial();
                lsIter++;
            }

            // reached max number of iterations?
            if (lsIter == MAX_LS) {
                bracket[0] = 0;
                bracket[1] = t;
                bracketF[0] = f;
                bracketF[1] = fNew;
                bracketG[0] = g;
                bracketG[1] = gNew;
                len = 2;
            }
        }

        /**
         * Refines the bracket until a point satisfies the criteria: a safeguarded cubic-interpolation step
         * inside it replaces the high end (Armijo fails or no lower than the low end) or the low end.
         */
        void zoomPhase() {
            boolean insufProgress = false;
            lowPos = bracketF[0] <= bracketF[len - 1] ? 0 : 1;
            int highPos = 1 - lowPos;
            while (!done && lsIter < MAX_LS) {
                if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) break;

                t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);

                // insufficient progress near a bracket end: move 10% of the bracket inside
                double bMax = pyMax(bracket[0], bracket[1]);
                double bMin = pyMin(bracket[0], bracket[1]);
                double eps = 0.1 * (bMax - bMin);
                if (pyMin(bMax - t, t - bMin) < eps) {
                    if (insufProgress || t >= bMax || t <= bMin) {
                        t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
                        insufProgress = false;
                    } else {
                        insufProgress = true;
                    }
                } else {
                    insufProgress = false;
                }

                evaluateTrial();
                lsIter++;

                if (fNew > (f + C1 * t * gtd) || fNew >= bracketF[lowPos]) {
                    // Armijo condition not satisfied or not lower than the lowest point
                    bracket[highPos] = t;
                    bracketF[highPos] = fNew;
                    bracketG[highPos] = gNew.clone();
                    bracketGtd[highPos] = gtdNew;
                    lowPos = bracketF[0] <= bracketF[1] ? 0 : 1;
                    highPos = 1 - lowPos;
                } else {
                    if (Math.abs(gtdNew) <= -C2 * gtd) {
                        done = true; // Wolfe conditions satisfied
                    } else if (gtdNew * (bracket[highPos] - bracket[lowPos]) >= 0) {
                        // old high becomes new low
                        bracket[highPos] = bracket[lowPos];
                        bracketF[highPos] = bracketF[lowPos];
                        bracketG[highPos] = bracketG[lowPos];
                        bracketGtd[highPos] = bracketGtd[lowPos];
                    }
                    // new point becomes new low
                    bracket[lowPos] = t;
                    bracketF[lowPos] = fNew;
                    bracketG[lowPos] = gNew.clone();
                    bracketGtd[lowPos] = gtdNew;
                }
            }
        }

        /** The low end of the bracket: its loss, gradient and step, and the evaluations spent. */
        Result result() {
            return new Result(bracketF[lowPos], bracketG[lowPos], bracket[lowPos], lsFuncEvals);
        }

        /** The two-point bracket [t0, t1] with its losses, gradients and directional derivatives. */
        private void setBracket(
                double t0, double f0, double[] g0, double gtd0, double t1, double f1, double[] g1, double gtd1) {
            bracket[0] = t0;
            bracket[1] = t1;
            bracketF[0] = f0;
            bracketF[1] = f1;
            bracketG[0] = g0;
            bracketG[1] = g1;
            bracketGtd[0] = gtd0;
            bracketGtd[1] = gtd1;
            len = 2;
        }
    }

    private static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2) {
        return x1 <= x2
                ? cubicInterpolate(x1, f1, g1, x2, f2, g2, x1, x2)
                : cubicInterpolate(x1, f1, g1, x2, f2, g2, x2, x1);
    }

    /**
     * Minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1, g2, clamped to
     * [xminBound, xmaxBound]; the interval midpoint when the cubic has no minimiser:
     * <pre>
     *   d1 = g1 + g2 − 3(f1 − f2)/(x1 − x2),   d2 = √(d1² − g1·g2)
     *   x* = x2 − (x2 − x1)·(g2 + d2 − d1)/(g2 − g1 + 2·d2)      (for x1 ≤ x2)
     * </pre>
     */
    static double cubicInterpolate(
            double x1, double f1, double g1, double x2, double f2, double g2, double xminBound, double xmaxBound) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minPos = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return pyMin(pyMax(minPos, xminBound), xmaxBound);
        }
        return (xminBound + xmaxBound) / 2.0;
    }

    /** Python's two-argument {@code max}: the first argument unless the second is strictly larger (NaN-preserving like Python). */
    private static double pyMax(double a, double b) {
        return b > a ? b : a;
    }

    private static double pyMin(double a, double b) {
        return b < a ? b : a;
    }

    // ------------------------------------------------------------------ vector helpers (fixed order, so deterministic)

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += alpha * x[i];
    }

    private static double[] neg(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = -a[i];
        return r;
    }

    private static double[] addScaled(double[] x, double t, double[] d) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = x[i] + t * d[i];
        return r;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) if (!Double.isFinite(v)) return false;
        return true;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            double av = Math.abs(v);
            if (av > m || Double.isNaN(av)) m = av;
        }
        return m;
    }

    private static double maxAbsScaled(double[] a, double t) {
        double m = 0;
        for (double v : a) {
            double av = Math.abs(v * t);
            if (av > m || Double.isNaN(av)) m = av;
        }
        return m;
    }

    private static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) s += Math.abs(v);
        return s;
    }

    /** Settings for {@link Lbfgs}; every setter returns this builder. */
    public static final class Builder {
        private final Parameters parameters;
        private double lr = 1;
        private int maxIter = 20;
        private int maxEval = -1;
        private double toleranceGrad = 1e-7;
        private double toleranceChange = 1e-9;
        private int historySize = 100;
        private LineSearch lineSearch = LineSearch.STRONG_WOLFE;

        private Builder(Parameters parameters) {
            this.parameters = parameters;
        }

        /**
         * Initial trial step (default 1).
         *
         * @param v the first trial step length, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when v is not finite or ≤ 0
         */
        public Builder lr(double v) {
            if (!(v > 0) || !Double.isFinite(v))
                throw new IllegalArgumentException("lr must be finite and > 0, got " + v);
            lr = v;
            return this;
        }

        /**
         * Iterations per {@link Lbfgs#step(LossClosure)} (default 20).
         *
         * @param v the most iterations per step call, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when v ≤ 0
         */
        public Builder maxIter(int v) {
            if (v <= 0) throw new IllegalArgumentException("maxIter must be > 0, got " + v);
            maxIter = v;
            return this;
        }

        /**
         * Loss evaluations per step (default maxIter·5/4).
         *
         * @param v the most loss evaluations per step call, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when v ≤ 0
         */
        public Builder maxEval(int v) {
            if (v <= 0) throw new IllegalArgumentException("maxEval must be > 0, got " + v);
            maxEval = v;
            return this;
        }

        /**
         * Stop when max|g| falls to this (default 1e-7).
         *
         * @param v the tolerance on max |∂L/∂θ|, finite and ≥ 0
         * @return this builder
         * @throws IllegalArgumentException when v is negative or not finite
         */
        public Builder toleranceGrad(double v) {
            toleranceGrad = Slots.checkNonNegative("toleranceGrad", v);
            return this;
        }

        /**
         * Stop when the step or loss change falls below this (default 1e-9).
         *
         * @param v the tolerance on the step and on the loss change, finite and ≥ 0
         * @return this builder
         * @throws IllegalArgumentException when v is negative or not finite
         */
        public Builder toleranceChange(double v) {
            toleranceChange = Slots.checkNonNegative("toleranceChange", v);
            return this;
        }

        /**
         * Number of (s, y) pairs kept (default 100).
         *
         * @param v the number of (step, gradient change) pairs kept for the inverse-Hessian estimate, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when v ≤ 0
         */
        public Builder historySize(int v) {
            if (v <= 0) throw new IllegalArgumentException("historySize must be > 0, got " + v);
            historySize = v;
            return this;
        }

        /**
         * Step-length rule (default {@link LineSearch#STRONG_WOLFE}).
         *
         * @param ls the step-length rule; not null
         * @return this builder
         * @throws IllegalArgumentException when ls is null
         */
        public Builder lineSearch(LineSearch ls) {
            if (ls == null) throw new IllegalArgumentException("lineSearch is null");
            lineSearch = ls;
            return this;
        }

        /**
         * An {@link Lbfgs} optimiser with these settings.
         *
         * @return a new optimiser with an empty history
         */
        public Lbfgs build() {
            return new Lbfgs(this);
        }
    }
}
