package dev.mollify.pde.fit;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.autograd.optim.Lbfgs;
import dev.mollify.autograd.optim.LossClosure;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.spec.Unknown;
import dev.mollify.pde.spec.Unknowns;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * How firmly a finished fit determines each coefficient: the profile of its loss (docs/math.md, "The standard
 * error of each coefficient").
 *
 * <p>Each unknown c is held at ĉ ± h, h = ε·|ĉ| with ε = {@value #STEP} (h = ε·s, s the unknown's scale, where
 * ĉ = 0), while every other parameter (the network, the other unknowns, a learnable δ) is re-minimised from the
 * fit by L-BFGS, giving the training loss L± (L = w_d·D + w_r·R + …). The baseline L₀ is the same
 * re-minimisation with every coefficient held at the fit, so what more iterations gain anyway is not read as a
 * change of c. Reading the data term as Gaussian noise of the variance the fit leaves (D̂, the data term at the
 * fit, per field in std² of the field), the loss of N measured values is a negative log-posterior up to
 * N·L / (2·w_d·D̂), and its profile rises by ½ one standard error away. With ΔL̄ = (L₊ + L₋)/2 − L₀ and the
 * profile taken as quadratic,
 *
 * <pre>  se(ĉ) = h · sqrt(w_d·D̂ / (N · ΔL̄))</pre>
 *
 * <p>The re-minimisations run together in rounds of {@value #ROUND} iterations each, every one continuing its own
 * L-BFGS state, until every standard error changes by less than {@value #SETTLED} of itself from one round to the
 * next (or every L-BFGS has converged), or the cap of iterations or of seconds is reached. A loose coefficient's profile is
 * flat, so its re-minimisations need the most iterations before its standard error settles.
 *
 * <p>It measures the noise's effect on ĉ as the fit sees it: a coefficient the data pin down raises the loss
 * steeply, one they leave loose hardly at all. The biases of the route (smoothing, a front sharper than the
 * sampling) are not in it. Every parameter is restored to its fitted value afterwards, bit for bit.
 *
 * @param standardError per unknown, se(ĉ) in its units; NaN where the loss did not rise (ΔL̄ ≤ 0: the fit had
 *                      not reached its minimum along it)
 * @param fitted        per unknown, ĉ: the fitted value the profile was taken at
 * @param lowered       per unknown, whether moving it lowered the loss below L₀ on either side (the fit had not
 *                      converged along it)
 * @param iterations    the L-BFGS iterations each re-minimisation was given
 * @param settled       whether the standard errors settled before the cap of iterations or of seconds
 * @param values        N, the number of measured values in the data term
 * @param seconds       the profile's wall-clock time
 */
public record CoefficientProfile(
        Map<String, Double> standardError,
        Map<String, Double> fitted,
        Map<String, Boolean> lowered,
        int iterations,
        boolean settled,
        int values,
        double seconds) {
    /** ε, the relative step each coefficient is moved by. */
    public static final double STEP = 0.05;

    /** The default cap: the most L-BFGS iterations of each re-minimisation. */
    public static final int DEFAULT_ITERATIONS = 300;

    /** L-BFGS iterations per round, after which the standard errors are compared with the previous round's. */
    public static final int ROUND = 50;

    /** Standard errors have settled when none changed by more than this share of itself in a round. */
    public static final double SETTLED = 0.02;

    /**
     * Per unknown, se(ĉ)/|ĉ|; NaN where se is NaN or ĉ is 0.
     *
     * @return the relative standard errors, in the order of {@link #standardError()}
     */
    public Map<String, Double> relative() {
        Map<String, Double> r = new LinkedHashMap<>();
        standardError.forEach((name, se) -> {
            double c = Math.abs(fitted.get(name));
            r.put(name, c > 0 ? se / c : Double.NaN);
        });
        return r;
    }

    /**
     * The profile of every unknown scalar of a trained problem, its rounds ending once {@code seconds} have
     * passed (checked after each round; the profile is then not {@link #settled()}); the problem's parameters are
     * restored afterwards.
     *
     * @param p the trained problem
     * @param iterations the cap: the most L-BFGS iterations of each re-minimisation (≥ 1)
     * @param seconds the wall-clock cap (0: none); where it acts, the result depends on the machine's speed
     * @param stop asked before each round of each re-minimisation; true ends the profile (null is returned)
     * @return the profile, or null when {@code stop} ended it or the problem has no unknown scalars
     */
    public static CoefficientProfile of(InverseProblem p, int iterations, double seconds, BooleanSupplier stop) {
        if (!(seconds >= 0)) throw new IllegalArgumentException("seconds must be ≥ 0, got " + seconds);
        if (iterations < 1) throw new IllegalArgumentException("iterations must be ≥ 1, got " + iterations);
        Unknowns unknowns = p.unknowns();
        if (unknowns.names().isEmpty()) return null;
        long t0 = System.nanoTime();
        Parameters all = p.parameters();
        double[] fitted = all.flatValues();
        int n = 0;
        for (Observations o : p.observations().values()) n += o.targets().numel();
        double data = p.loss().terms().get("data").value().item();
        double noise = p.weight("data") * data; // w_d·D̂
        List<String> names = unknowns.names();
        Map<String, Double> step = new LinkedHashMap<>();
        // the baseline first (every coefficient held at the fit), then each unknown at +h and −h
        Map<String, Double> fit = new LinkedHashMap<>();
        for (String name : names) fit.put(name, unknowns.value(name));
        List<Reminimisation> runs = new ArrayList<>();
        runs.add(new Reminimisation(all, Set.copyOf(unknowns.parameters()), fitted));
        try {
            for (String name : names) {
                double c = fit.get(name);
                double h = STEP * (c != 0 ? Math.abs(c) : unknowns.scale(name));
                step.put(name, h);
                Var raw = unknowns.parameter(name);
                for (double side : new double[] {1, -1}) {
                    raw.assign(Tensor.scalar(rawFor(unknowns, name, c + side * h)));
                    runs.add(new Reminimisation(all, Set.of(raw), all.flatValues()));
                    all.assignFlat(fitted);
                }
            }
            int done = 0;
            Map<String, Double> se = null;
            boolean settled = false;
            boolean late = false;
            while (done < iterations && !settled && !late) {
                int round = Math.min(ROUND, iterations - done);
                boolean converged = true;
                for (Reminimisation r : runs) {
                    if (stop != null && stop.getAsBoolean()) return null;
                    converged &= r.run(p, round);
                }
                done += round;
                Map<String, Double> next = standardErrors(runs, names, step, noise, n);
                settled = converged || se != null && unchanged(se, next);
                se = next;
                late = seconds > 0 && (System.nanoTime() - t0) * 1e-9 >= seconds;
            }
            double base = runs.get(0).loss;
            Map<String, Boolean> lowered = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++)
                lowered.put(names.get(i), runs.get(1 + 2 * i).loss < base || runs.get(2 + 2 * i).loss < base);
            return new CoefficientProfile(se, fit, lowered, done, settled, n, (System.nanoTime() - t0) * 1e-9);
        } finally {
            all.assignFlat(fitted);
        }
    }

    /** se = h·sqrt(w_d·D̂ / (N·ΔL̄)) per unknown from the runs' current losses; NaN where ΔL̄ ≤ 0 or D̂ is 0. */
    private static Map<String, Double> standardErrors(
            List<Reminimisation> runs, List<String> names, Map<String, Double> step, double noise, int n) {
        double base = runs.get(0).loss;
        Map<String, Double> se = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            double rise = (runs.get(1 + 2 * i).loss + runs.get(2 + 2 * i).loss) / 2 - base;
            String name = names.get(i);
            se.put(name, rise > 0 && noise > 0 ? step.get(name) * Math.sqrt(noise / (n * rise)) : Double.NaN);
        }
        return se;
    }

    /** Whether no standard error moved by more than {@link #SETTLED} of itself (two NaNs count as unchanged). */
    private static boolean unchanged(Map<String, Double> before, Map<String, Double> after) {
        for (var e : after.entrySet()) {
            double a = before.get(e.getKey()), b = e.getValue();
            boolean same = Double.isNaN(a) && Double.isNaN(b) || Math.abs(b - a) <= SETTLED * Math.abs(b);
            if (!same) return false;
        }
        return true;
    }

    /**
     * One re-minimisation: every parameter but {@code held} minimised by L-BFGS from {@code start}, continued
     * round by round with its own L-BFGS state while the others use the same parameters in between.
     */
    private static final class Reminimisation {
        private final Parameters all;
        private final Parameters rest = new Parameters();
        private double[] values;
        private Lbfgs.State state;
        private double loss = Double.NaN;

        Reminimisation(Parameters all, Set<Var> held, double[] start) {
            this.all = all;
            for (var e : all.asMap().entrySet()) if (!held.contains(e.getValue())) rest.add(e.getKey(), e.getValue());
            this.values = start;
        }

        /** Up to {@code iterations} more L-BFGS iterations from where the last round ended; true when L-BFGS converged. */
        boolean run(InverseProblem p, int iterations) {
            all.assignFlat(values);
            Lbfgs lbfgs = Lbfgs.builder(rest)
                    .maxIter(iterations)
                    .maxEval(iterations * 5 / 4)
                    .historySize(50)
                    .toleranceGrad(1e-12)
                    .toleranceChange(1e-15)
                    .lineSearch(Lbfgs.LineSearch.STRONG_WOLFE)
                    .build();
            if (state != null) lbfgs.loadState(state);
            lbfgs.step(LossClosure.of(rest, () -> p.loss().total()));
            state = lbfgs.state();
            values = all.flatValues();
            loss = p.loss().total().value().item();
            return lbfgs.converged();
        }
    }

    /** The raw parameter θ at which unknown {@code name} has the physical value {@code value} (s·θ or s·softplus(θ)). */
    private static double rawFor(Unknowns unknowns, String name, double value) {
        Unknown u = unknowns.unknown(name);
        double scaled = value / unknowns.scale(name);
        return u.positive() ? new Unknown(name, scaled, true).initialParameter() : scaled;
    }
}
