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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How firmly a finished fit determines each coefficient: the profile of its loss (docs/math.md, "The standard
 * error of each coefficient").
 *
 * <p>Each unknown c is held at ĉ·(1 ± ε), ε = {@value #STEP}, while every other parameter (the network, the
 * other unknowns, a learnable δ) is re-minimised from the fit by at most n L-BFGS iterations, giving the training
 * loss L± (L = w_d·D + w_r·R + …). The baseline L₀ is the same re-minimisation with every coefficient held at the
 * fit, so what n more iterations gain anyway is not read as a change of c. Reading the data term as Gaussian noise
 * of the variance the fit leaves (D̂, the data term at the fit, per field in std² of the field), the loss of N
 * measured values is a negative log-posterior up to N·L / (2·w_d·D̂), and its profile rises by ½ one standard
 * error away. With ΔL̄ = (L₊ + L₋)/2 − L₀ and the profile taken as quadratic,
 *
 * <pre>  se(ĉ) / |ĉ| = ε · sqrt(w_d·D̂ / (N · ΔL̄))</pre>
 *
 * It measures the noise's effect on ĉ as the fit sees it: a coefficient the data pin down raises the loss
 * steeply, one they leave loose hardly at all. The biases of the route (smoothing, a front sharper than the
 * sampling) are not in it. Every parameter is restored to its fitted value afterwards, bit for bit.
 *
 * @param relative   per unknown, se(ĉ)/|ĉ|; NaN where the loss did not rise (ΔL̄ ≤ 0: the fit had not
 *                   reached its minimum along it) or ĉ is 0
 * @param lowered    per unknown, whether moving it lowered the loss below L₀ on either side (the fit had not
 *                   converged along it)
 * @param iterations n, the most L-BFGS iterations of each re-minimisation
 * @param values     N, the number of measured values in the data term
 * @param seconds    the profile's wall-clock time
 */
public record CoefficientProfile(
        Map<String, Double> relative, Map<String, Boolean> lowered, int iterations, int values, double seconds) {
    /** ε, the relative step each coefficient is moved by. */
    public static final double STEP = 0.05;

    /** The default n: L-BFGS iterations of each re-minimisation. */
    public static final int DEFAULT_ITERATIONS = 100;

    /**
     * The profile of every unknown scalar of a trained problem; the problem's parameters are restored
     * afterwards.
     *
     * @param p the trained problem
     * @param iterations n, the most L-BFGS iterations per side (≥ 1)
     * @param stop asked before each re-minimisation; true ends the profile (null is returned)
     * @return the profile, or null when {@code stop} ended it or the problem has no unknown scalars
     */
    public static CoefficientProfile of(InverseProblem p, int iterations, BooleanSupplier stop) {
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
        Map<String, Double> relative = new LinkedHashMap<>();
        Map<String, Boolean> lowered = new LinkedHashMap<>();
        try {
            if (stop != null && stop.getAsBoolean()) return null;
            // the baseline L₀: every coefficient held at the fit, the rest re-minimised as on each side
            double base = reminimised(p, all, java.util.Set.copyOf(unknowns.parameters()), iterations);
            all.assignFlat(fitted);
            for (String name : unknowns.names()) {
                double rise = 0;
                boolean fell = false;
                for (double side : new double[] {1, -1}) {
                    if (stop != null && stop.getAsBoolean()) return null;
                    Var raw = unknowns.parameter(name);
                    raw.assign(Tensor.scalar(rawFor(unknowns, name, unknowns.value(name) * (1 + side * STEP))));
                    double d = reminimised(p, all, java.util.Set.of(raw), iterations) - base;
                    fell |= d < 0;
                    rise += d / 2;
                    all.assignFlat(fitted);
                }
                double c = unknowns.value(name);
                relative.put(name, rise > 0 && c != 0 && noise > 0 ? STEP * Math.sqrt(noise / (n * rise)) : Double.NaN);
                lowered.put(name, fell);
            }
        } finally {
            all.assignFlat(fitted);
        }
        return new CoefficientProfile(relative, lowered, iterations, n, (System.nanoTime() - t0) * 1e-9);
    }

    /** The training loss after at most {@code iterations} L-BFGS iterations over every parameter but {@code held}. */
    private static double reminimised(InverseProblem p, Parameters all, java.util.Set<Var> held, int iterations) {
        Parameters rest = new Parameters();
        for (var e : all.asMap().entrySet()) if (!held.contains(e.getValue())) rest.add(e.getKey(), e.getValue());
        Lbfgs lbfgs = Lbfgs.builder(rest)
                .maxIter(iterations)
                .maxEval(iterations * 5 / 4)
                .historySize(50)
                .toleranceGrad(1e-12)
                .toleranceChange(1e-15)
                .lineSearch(Lbfgs.LineSearch.STRONG_WOLFE)
                .build();
        lbfgs.step(LossClosure.of(rest, () -> p.loss().total()));
        return p.loss().total().value().item();
    }

    /** The raw parameter θ at which unknown {@code name} has the physical value {@code value} (s·θ or s·softplus(θ)). */
    private static double rawFor(Unknowns unknowns, String name, double value) {
        Unknown u = unknowns.unknown(name);
        double scaled = value / unknowns.scale(name);
        return u.positive() ? new Unknown(name, scaled, true).initialParameter() : scaled;
    }
}
