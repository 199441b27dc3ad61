package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.autograd.optim.Lbfgs;
import dev.mollify.autograd.optim.LossClosure;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.pde.spec.Unknown;
import dev.mollify.pde.spec.Unknowns;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Starting values of the unknown coefficients from the data alone (docs/math.md, "Starting values").
 * The route's derivatives of a network fitted to the measurements ({@link InverseProblem#fitData})
 * are held fixed, and the coefficients are those that make the residual smallest over the
 * collocation grid.
 *
 * <p>Most equations are linear in their coefficients: r(c) = m₀ + Σⱼ cⱼ mⱼ, with mⱼ the term that cⱼ
 * multiplies (u_t = D·u_xx gives m₀ = u_t, m_D = −u_xx). The structure is found by probing — r at
 * c = 1, 1 + eⱼ, 1 + 2eⱼ and 1 + Σeⱼ — so any written equation works, and then
 * min ‖W(m₀ + M c)‖² is solved in closed form (W divides each equation by the size of its
 * coefficient-free part). The columns of WM are scaled to unit length first; the eigenvalues of
 * their Gram matrix tell whether the coefficients are identifiable: a column of zeros (a term the
 * data never excite) or a near-zero eigenvalue (two terms that look alike on these data) is
 * reported, not hidden. An equation that is not linear in its coefficients (r·u·(1 − u/K)) is
 * minimised over the coefficients alone by L-BFGS, from the given guesses, or, where some are missing,
 * from a scan of those the residual is not linear in ({@link NonlinearStart}).
 *
 * <p>The result also gives each equation's size R_e, the largest of its terms at the estimate
 * ({@link PdeSpec#termSizes}): the residual of a scale-free fit is divided by it.
 *
 * @param values         the estimate of each unknown (NaN where the data cannot determine it)
 * @param linear         whether the equations are linear in the unknowns (closed-form estimate)
 * @param residualScales R_e per equation at the estimate (1 where every term is zero)
 * @param conditioning   smallest / largest eigenvalue of the normalised Gram matrix (1 for one unknown; NaN when not linear)
 * @param termShare      per unknown, the largest size of its term relative to its equation's R_e (NaN when not linear)
 * @param warnings       what the data cannot tell, in words
 * @param misfit         the residual left at the estimate, max over equations of rms(r_e(ĉ)) / R_e (0 when the
 *                       data satisfy the equation exactly; NaN when there are no unknowns)
 */
public record CoefficientEstimate(
        Map<String, Double> values,
        boolean linear,
        double[] residualScales,
        double conditioning,
        Map<String, Double> termShare,
        List<String> warnings,
        double misfit) {
    /** Below this share of its equation, a term's coefficient is reported as not identifiable. */
    public static final double MIN_TERM_SHARE = 1e-3;
    /** Below this eigenvalue ratio, the coefficients are reported as not separable on these data. */
    public static final double MIN_CONDITIONING = 1e-8;

    /**
     * The estimate from the problem's route evaluated once at the current network, over every grid point.
     *
     * @param problem the problem whose network has been fitted to the data ({@link InverseProblem#fitData})
     * @param guesses the user's guesses (may lack names; needed only when the equations are not linear)
     * @return the estimate, its conditioning and its warnings
     * @throws IllegalArgumentException when the equations are not linear in the unknowns, {@code guesses} lacks
     *     one of them, and the residual is not linear in the rest once those it is not linear in are held; or the
     *     bindings lack a value the residual needs
     */
    public static CoefficientEstimate of(InverseProblem problem, Map<String, Double> guesses) {
        return of(problem, guesses, null);
    }

    /**
     * The estimate from the grid points where {@code keep} is true (row-major over the problem's grid; null
     * keeps all): e.g. the points whose kernel stays inside the data ({@link #inside}).
     *
     * @param problem the problem whose network has been fitted to the data ({@link InverseProblem#fitData})
     * @param guesses the user's guesses (may lack names; needed only when the equations are not linear)
     * @param keep one flag per node of the problem's collocation grid, row-major; null for all
     * @return the estimate, its conditioning and its warnings
     * @throws IllegalArgumentException when the equations are not linear in the unknowns, {@code guesses} lacks
     *     one of them, and the residual is not linear in the rest once those it is not linear in are held; or the
     *     bindings lack a value the residual needs
     */
    public static CoefficientEstimate of(InverseProblem problem, Map<String, Double> guesses, boolean[] keep) {
        List<String> unmeasured = new ArrayList<>(problem.model().fields());
        unmeasured.removeAll(problem.observations().keySet());
        return from(problem.spec(), problem.route().evaluate().bindings().detached(), guesses, keep, unmeasured);
    }

    /**
     * The grid points at least δ_a from both ends of every axis a (row-major): where a kernel of these widths
     * reads only the data's own domain, not the network's extrapolation beyond it. Null (every point) when
     * fewer than a quarter of the points, or fewer than 16, are that far inside.
     *
     * @param grid the collocation grid
     * @param widths δ per axis name, in that coordinate's units; axes not named count as δ = 0
     * @return one flag per grid node, row-major, true at least δ_a inside on every axis; or null for every point
     */
    public static boolean[] inside(Grid grid, Map<String, Double> widths) {
        int d = grid.dims();
        int[] shape = new int[d];
        int n = 1;
        for (int a = 0; a < d; a++) {
            shape[a] = grid.axis(a).length;
            n *= shape[a];
        }
        boolean[][] axisKeep = new boolean[d][];
        for (int a = 0; a < d; a++) {
            double[] ax = grid.axis(a);
            double w = widths.getOrDefault(grid.axisNames().get(a), 0.0);
            double tol = 1e-9 * (ax[ax.length - 1] - ax[0]);
            axisKeep[a] = new boolean[ax.length];
            for (int i = 0; i < ax.length; i++)
                axisKeep[a][i] = ax[i] >= ax[0] + w - tol && ax[i] <= ax[ax.length - 1] - w + tol;
        }
        boolean[] keep = new boolean[n];
        int kept = 0;
        for (int flat = 0; flat < n; flat++) {
            int rest = flat;
            boolean in = true;
            for (int a = d - 1; a >= 0; a--) {
                in &= axisKeep[a][rest % shape[a]];
                rest /= shape[a];
            }
            keep[flat] = in;
            if (in) kept++;
        }
        return kept >= Math.max(16, n / 4) ? keep : null;
    }

    /**
     * The estimate from given bindings (held fixed): the derivatives of the data on a grid, from any route
     * or by hand.
     *
     * @param spec the PDE whose unknowns are estimated
     * @param b the values the residual reads (every required derivative), held fixed
     * @param guesses the user's guesses (may lack names; needed only when the equations are not linear)
     * @return the estimate, its conditioning and its warnings
     * @throws IllegalArgumentException when the equations are not linear in the unknowns, {@code guesses} lacks
     *     one of them, and the residual is not linear in the rest once those it is not linear in are held; or the
     *     bindings lack a value the residual needs
     */
    public static CoefficientEstimate from(PdeSpec spec, Bindings b, Map<String, Double> guesses) {
        return from(spec, b, guesses, null);
    }

    /**
     * As {@link #from(PdeSpec, Bindings, Map)}, over the points where {@code keep} is true (null: all).
     *
     * @param spec the PDE whose unknowns are estimated
     * @param b the values the residual reads (every required derivative), held fixed
     * @param guesses the user's guesses (may lack names; needed only when the equations are not linear)
     * @param keep one flag per point of the residual, row-major; null for all
     * @return the estimate, its conditioning and its warnings
     * @throws IllegalArgumentException when the equations are not linear in the unknowns, {@code guesses} lacks
     *     one of them, and the residual is not linear in the rest once those it is not linear in are held; or the
     *     bindings lack a value the residual needs
     */
    public static CoefficientEstimate from(PdeSpec spec, Bindings b, Map<String, Double> guesses, boolean[] keep) {
        return from(spec, b, guesses, keep, List.of());
    }

    /**
     * As {@link #from(PdeSpec, Bindings, Map, boolean[])}, with the bound values of {@code unmeasured} fields (no data:
     * an untrained network's output) not held fixed but minimised over with the coefficients, as polynomials
     * ({@link UnmeasuredProjection}).
     *
     * @param spec the PDE whose unknowns are estimated
     * @param b the values the residual reads (every required derivative), held fixed
     * @param guesses the user's guesses (may lack names; needed only when the equations are not linear)
     * @param keep one flag per point of the residual, row-major; null for all
     * @param unmeasured the fields of the equations that have no data
     * @return the estimate, its conditioning and its warnings
     * @throws IllegalArgumentException as {@link #from(PdeSpec, Bindings, Map, boolean[])}
     */
    public static CoefficientEstimate from(
            PdeSpec spec, Bindings b, Map<String, Double> guesses, boolean[] keep, List<String> unmeasured) {
        List<Unknown> decl = spec.unknowns();
        int k = decl.size();
        List<String> names = decl.stream().map(Unknown::name).toList();
        if (k == 0)
            return new CoefficientEstimate(
                    Map.of(), true, sizesAt(spec, b, Map.of()), 1, Map.of(), List.of(), Double.NaN);

        double[] at = new double[k];
        Arrays.fill(at, 1);
        Probe pr = probe(spec, b, names, at, keep);
        Probe first = pr;
        // terms of very different sizes (data in other units) drown the small ones in the rounding of the large: probe
        // again where every term is about the size of the coefficient-free part
        for (int pass = 0; pass < PROBE_PASSES && !pr.resolved(); pass++) {
            at = balanced(pr, at);
            pr = probe(spec, b, names, at, keep);
        }
        if (!(pr.linear() && pr.resolved()) || vanishedWhenBalanced(first, pr))
            return nonlinearEstimate(spec, b, decl, guesses, keep);
        double[] doubled = at.clone();
        for (int j = 0; j < k; j++) doubled[j] *= 2;
        Function<Bindings, Function<double[], double[]>> probeAt = bb -> c -> flat(residuals(spec, bb, names, c, keep));
        FieldElimination field =
                unmeasured.isEmpty() ? null : UnmeasuredProjection.of(b, unmeasured, probeAt, at, doubled);
        if (field == null) field = FieldProjection.of(spec, b, probeAt, at, doubled, keep);
        return linearEstimate(spec, b, decl, pr.base(), pr.slopes(), at, keep, field);
    }

    /** Re-probes after the first, at balanced coefficients, before the equation counts as not linear. */
    static final int PROBE_PASSES = 3;

    /** A step's change below this share of the residual is lost in rounding, and the probe cannot judge it. */
    static final double RESOLVED = 1e-8;

    /**
     * The residuals at {@code at} and each coefficient's slope m_j = (r(at + at_j e_j) − r(at)) / at_j; linear when
     * r(at + 2at_j e_j) − r(at) = 2at_j m_j for each j and r(2at) − r(at) = Σ at_j m_j (to 10⁻⁶ relative); resolved when
     * every step changes the residual by more than {@link #RESOLVED} of its size, or not at all (a vanishing term).
     */
    private record Probe(List<double[]> base, double[][] slopes, boolean linear, boolean resolved) {}

    private static Probe probe(PdeSpec spec, Bindings b, List<String> names, double[] at, boolean[] keep) {
        int k = at.length;
        List<double[]> base = residuals(spec, b, names, at, keep);
        double[][] m = new double[k][];
        boolean linear = true, resolved = true;
        double[] flatBase = flat(base);
        double size = rms(flatBase, 0, flatBase.length);
        double[] all = at.clone();
        double[] sum = null;
        for (int j = 0; j < k; j++) {
            double[] c1 = at.clone();
            c1[j] = 2 * at[j];
            double[] c2 = at.clone();
            c2[j] = 3 * at[j];
            double[] step = minus(flat(residuals(spec, b, names, c1, keep)), flat(base));
            double[] twice = minus(flat(residuals(spec, b, names, c2, keep)), flat(base));
            linear &= close(twice, scale(step, 2));
            double change = rms(step, 0, step.length);
            resolved &= change == 0 || change > RESOLVED * size; // 0: a term that vanishes on these data
            m[j] = scale(step, 1 / at[j]);
            all[j] = 2 * at[j];
            if (sum == null) sum = new double[step.length];
            for (int i = 0; i < sum.length; i++) sum[i] += step[i];
        }
        if (linear) linear = close(minus(flat(residuals(spec, b, names, all, keep)), flat(base)), sum);
        return new Probe(base, m, linear, resolved);
    }

    /**
     * Whether a coefficient's slope that was not zero at the first probe is exactly zero at the balanced one. A linear
     * term's slope does not depend on where it is probed; one that vanishes there (u/K with K balanced up to where u/K
     * is lost in rounding) is not linear, however linear its zero steps look.
     */
    private static boolean vanishedWhenBalanced(Probe first, Probe last) {
        for (int j = 0; j < first.slopes().length; j++) {
            double[] a = first.slopes()[j], z = last.slopes()[j];
            if (rms(a, 0, a.length) > 0 && rms(z, 0, z.length) == 0) return true;
        }
        return false;
    }

    /** Coefficients at which each term c_j·m_j is about the size of the coefficient-free part m₀ = r(at) − Σ at_j m_j. */
    private static double[] balanced(Probe pr, double[] at) {
        double[] m0 = flat(pr.base());
        for (int j = 0; j < at.length; j++) for (int i = 0; i < m0.length; i++) m0[i] -= at[j] * pr.slopes()[j][i];
        double size = rms(m0, 0, m0.length);
        if (!(size > 0))
            for (int j = 0; j < at.length; j++) size = Math.max(size, at[j] * rms(pr.slopes()[j], 0, m0.length));
        double[] next = at.clone();
        for (int j = 0; j < at.length; j++) {
            double mj = rms(pr.slopes()[j], 0, m0.length);
            double c = size / mj;
            if (mj > 0 && Double.isFinite(c) && c > 0) next[j] = c;
        }
        return next;
    }

    private static CoefficientEstimate linearEstimate(
            PdeSpec spec,
            Bindings b,
            List<Unknown> decl,
            List<double[]> base,
            double[][] m,
            double[] at,
            boolean[] keep,
            FieldElimination field) {
        int k = decl.size();
        int total = m[0].length;
        double[] m0 = flat(base); // the coefficient-free part r(at) − Σ at_j m_j
        for (int j = 0; j < k; j++) for (int i = 0; i < total; i++) m0[i] -= at[j] * m[j][i];
        double[] plainM0 = m0;
        double[][] plainM = m;
        if (field != null) { // the field's node values minimised over first
            plainM0 = field.withoutField(m0);
            m0 = field.project(plainM0);
            m = new double[k][];
            for (int j = 0; j < k; j++) m[j] = field.project(plainM[j]);
        }
        double[] w = new double[total]; // per row: 1 / size of its equation's coefficient-free part
        int off = 0;
        for (double[] eq : base) {
            double r0 = rms(m0, off, eq.length);
            double rm = 0;
            for (double[] mj : m) rm = Math.max(rm, rms(mj, off, eq.length));
            double size = r0 > 0 ? r0 : rm > 0 ? rm : 1;
            for (int i = 0; i < eq.length; i++) w[off + i] = 1 / size;
            off += eq.length;
        }
        double[] norm = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int i = 0; i < total; i++) s += (w[i] * m[j][i]) * (w[i] * m[j][i]);
            norm[j] = Math.sqrt(s);
        }
        List<String> warnings = new ArrayList<>();
        double[][] g = new double[k][k];
        double[] rhs = new double[k];
        for (int a = 0; a < k; a++) {
            if (norm[a] == 0) continue;
            for (int i = 0; i < total; i++) rhs[a] -= w[i] * m[a][i] * w[i] * m0[i] / norm[a];
            for (int c = 0; c < k; c++) {
                if (norm[c] == 0) continue;
                double s = 0;
                for (int i = 0; i < total; i++) s += w[i] * m[a][i] * w[i] * m[c][i];
                g[a][c] = s / (norm[a] * norm[c]);
            }
        }
        double[][] v = new double[k][k];
        double[] lambda = symmetricEigen(g, v);
        double lmax = 0;
        for (double l : lambda) lmax = Math.max(lmax, l);
        double lmin = Double.MAX_VALUE;
        int imin = 0;
        for (int i = 0; i < k; i++) {
            if (lambda[i] < lmin) {
                lmin = lambda[i];
                imin = i;
            }
        }
        double conditioning = lmax > 0 ? Math.max(0, lmin) / lmax : 0;
        double[] z = new double[k]; // pseudo-inverse solve in the eigenbasis
        for (int e = 0; e < k; e++) {
            if (!(lambda[e] > 1e-12 * lmax)) continue;
            double proj = 0;
            for (int a = 0; a < k; a++) proj += v[a][e] * rhs[a];
            for (int a = 0; a < k; a++) z[a] += v[a][e] * proj / lambda[e];
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) values.put(decl.get(j).name(), norm[j] == 0 ? Double.NaN : z[j] / norm[j]);
        if (k > 1 && conditioning < MIN_CONDITIONING) {
            List<String> alike = new ArrayList<>();
            for (int a = 0; a < k; a++)
                if (Math.abs(v[a][imin]) > 0.3 && norm[a] > 0)
                    alike.add(decl.get(a).name());
            if (alike.size() > 1) {
                warnings.add(String.format(
                        Locale.ROOT,
                        "the terms of %s look alike on these data (eigenvalue ratio %.2g): only a combination of them is determined",
                        String.join(" and ", alike),
                        conditioning));
            }
        }
        Map<String, Double> est = new LinkedHashMap<>();
        for (Unknown u : decl) est.put(u.name(), Double.isFinite(values.get(u.name())) ? values.get(u.name()) : 1.0);
        if (field != null) { // sizes and misfit with the field at the values that fit these coefficients
            double[] r = plainM0.clone();
            for (int j = 0; j < k; j++) {
                double c = est.get(decl.get(j).name());
                for (int i = 0; i < total; i++) r[i] += c * plainM[j][i];
            }
            b = field.fitted(b, r);
            m = plainM;
        }
        double[] sizes = sizesAt(spec, b, est);
        Map<String, Double> share = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) {
            String n = decl.get(j).name();
            double best = 0;
            off = 0;
            int e = 0;
            for (double[] eq : base) {
                best = Math.max(best, Math.abs(est.get(n)) * rms(m[j], off, eq.length) / sizes[e]);
                off += eq.length;
                e++;
            }
            share.put(n, best);
            if (norm[j] == 0) {
                warnings.add(n + ": its term is zero everywhere on these data, so the data say nothing about " + n);
            } else if (best < MIN_TERM_SHARE) {
                warnings.add(String.format(
                        Locale.ROOT,
                        "%s: its term is %.2g of the equation's size on these data; %s is not identifiable from them",
                        n,
                        best,
                        n));
            }
            if (decl.get(j).positive() && values.get(n) <= 0) {
                warnings.add(String.format(
                        Locale.ROOT,
                        "%s: the data suggest %s = %.4g, but it is declared positive",
                        n,
                        n,
                        values.get(n)));
            }
        }
        return new CoefficientEstimate(
                values, true, sizes, conditioning, share, warnings, misfit(spec, b, est, sizes, keep));
    }

    private static CoefficientEstimate nonlinearEstimate(
            PdeSpec spec, Bindings b, List<Unknown> decl, Map<String, Double> guesses, boolean[] keep) {
        List<String> missing = new ArrayList<>();
        for (Unknown u : decl) if (!guesses.containsKey(u.name())) missing.add(u.name());
        Map<String, Double> start = missing.isEmpty() ? guesses : NonlinearStart.search(spec, b, guesses, keep);
        if (start == null) {
            throw new IllegalArgumentException(
                    "the equation is not linear in its unknowns, so their starting values cannot be solved for: give a guess for "
                            + String.join(", ", missing)
                            + " (or write the equation linearly in its coefficients, e.g. r*u - s*u^2 for r*u*(1 - u/K))");
        }
        Map<String, Double> scale = new LinkedHashMap<>();
        for (Unknown u : decl)
            scale.put(u.name(), Math.abs(start.get(u.name())) > 0 ? Math.abs(start.get(u.name())) : 1.0);
        double[] r0 = sizesAt(spec, b, start);
        Unknowns theta = spec.unknownParameters(start, scale);
        Parameters params = new Parameters();
        for (String n : theta.names()) params.add(n, theta.parameter(n));
        Lbfgs lbfgs = Lbfgs.builder(params)
                .maxIter(200)
                .historySize(20)
                .toleranceGrad(1e-14)
                .toleranceChange(1e-16)
                .lineSearch(Lbfgs.LineSearch.STRONG_WOLFE)
                .build();
        lbfgs.step(LossClosure.of(params, () -> {
            List<Var> rs = spec.residuals(b, theta);
            Var total = null;
            for (int e = 0; e < rs.size(); e++) {
                Var t = masked(rs.get(e), keep).square().mean().mul(1 / (r0[e] * r0[e]));
                total = total == null ? t : total.add(t);
            }
            return total;
        }));
        Map<String, Double> values = theta.values();
        boolean finite = values.values().stream().allMatch(Double::isFinite);
        List<String> warnings = new ArrayList<>();
        if (!finite) {
            warnings.add("the starting values from the data did not converge; the fit starts from "
                    + (start == guesses ? "the guesses" : "the scan of the unknowns the equation is not linear in"));
            values = new LinkedHashMap<>(start);
        }
        double[] sizes = sizesAt(spec, b, values);
        return new CoefficientEstimate(
                values, false, sizes, Double.NaN, Map.of(), warnings, misfit(spec, b, values, sizes, keep));
    }

    /** max over equations of rms(r_e) / R_e with the unknowns at {@code values}. */
    private static double misfit(PdeSpec spec, Bindings b, Map<String, Double> values, double[] sizes, boolean[] keep) {
        List<String> names = spec.unknowns().stream().map(Unknown::name).toList();
        double[] c = new double[names.size()];
        for (int j = 0; j < c.length; j++) c[j] = values.get(names.get(j));
        List<double[]> r = residuals(spec, b, names, c, keep);
        double worst = 0;
        for (int e = 0; e < r.size(); e++) worst = Math.max(worst, rms(r.get(e), 0, r.get(e).length) / sizes[e]);
        return worst;
    }

    /** The largest term of each equation at these unknown values (1 where every term is zero). */
    static double[] sizesAt(PdeSpec spec, Bindings b, Map<String, Double> values) {
        List<double[]> sizes = spec.termSizes(b, spec.unknownParameters(admissible(spec, values), Map.of()));
        double[] out = new double[sizes.size()];
        for (int e = 0; e < out.length; e++) {
            double mx = 0;
            for (double s : sizes.get(e)) if (Double.isFinite(s)) mx = Math.max(mx, s);
            out[e] = mx > 0 ? mx : 1;
        }
        return out;
    }

    /**
     * The residual of each equation, flattened, with the unknowns at {@code c} (declaration order), at the points
     * where {@code keep} is true (all when null or when an equation's residual is not one value per point).
     */
    private static List<double[]> residuals(PdeSpec spec, Bindings b, List<String> names, double[] c, boolean[] keep) {
        Map<String, Double> at = new LinkedHashMap<>();
        for (int j = 0; j < c.length; j++) at.put(names.get(j), c[j]);
        List<double[]> out = new ArrayList<>();
        for (Var r : spec.residuals(b, spec.unknownParameters(admissible(spec, at), Map.of())))
            out.add(select(r.value().toDoubleArray(), keep));
        return out;
    }

    /**
     * {@code values} with each unknown the fit could not start from replaced by its declared guess: a missing one, and a
     * positive one whose value is not &gt; 0 (the fit starts there too, so sizes and misfits are measured where it starts).
     */
    private static Map<String, Double> admissible(PdeSpec spec, Map<String, Double> values) {
        Map<String, Double> safe = new LinkedHashMap<>();
        for (Unknown u : spec.unknowns()) {
            double v = values.getOrDefault(u.name(), u.initial());
            safe.put(u.name(), u.positive() && !(v > 0) ? u.initial() : v);
        }
        return safe;
    }

    /** r with the points outside {@code keep} set to zero, rescaled so that its mean square is over the kept points. */
    private static Var masked(Var r, boolean[] keep) {
        if (keep == null || keep.length != r.value().numel() || r.value().dtype() != DType.F64) return r;
        double[] m = new double[keep.length];
        int kept = 0;
        for (boolean k : keep) if (k) kept++;
        double w = Math.sqrt((double) keep.length / kept);
        for (int i = 0; i < m.length; i++) m[i] = keep[i] ? w : 0;
        return r.mul(Var.constant(Tensor.of(m, r.shape())));
    }

    static double[] select(double[] v, boolean[] keep) {
        if (keep == null || keep.length != v.length) return v;
        int n = 0;
        for (boolean k : keep) if (k) n++;
        double[] out = new double[n];
        for (int i = 0, j = 0; i < v.length; i++) if (keep[i]) out[j++] = v[i];
        return out;
    }

    static double[] flat(List<double[]> parts) {
        int n = 0;
        for (double[] p : parts) n += p.length;
        double[] out = new double[n];
        int off = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    static double[] scale(double[] a, double s) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] * s;
        return out;
    }

    /** ‖a − b‖ ≤ 1e-6 (‖a‖ + ‖b‖), or both zero. */
    static boolean close(double[] a, double[] b) {
        double d = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return Math.sqrt(d) <= 1e-6 * (Math.sqrt(na) + Math.sqrt(nb)) || (na == 0 && nb == 0);
    }

    private static double rms(double[] a, int off, int n) {
        double s = 0;
        for (int i = off; i < off + n; i++) s += a[i] * a[i];
        return Math.sqrt(s / Math.max(1, n));
    }

    /**
     * Eigenvalues of the symmetric matrix {@code a} (cyclic Jacobi rotations; {@code a} is
     * overwritten), with the eigenvectors as the columns of {@code v}.
     */
    static double[] symmetricEigen(double[][] a, double[][] v) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
            if (off < 1e-30) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < n; r++) { // A ← A·J
                        double arp = a[r][p], arq = a[r][q];
                        a[r][p] = c * arp - s * arq;
                        a[r][q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < n; r++) { // A ← Jᵀ·A
                        double apr = a[p][r], aqr = a[q][r];
                        a[p][r] = c * apr - s * aqr;
                        a[q][r] = s * apr + c * aqr;
                    }
                    for (int r = 0; r < n; r++) { // V ← V·J
                        double vrp = v[r][p], vrq = v[r][q];
                        v[r][p] = c * vrp - s * vrq;
                        v[r][q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = a[i][i];
        return out;
    }
}
