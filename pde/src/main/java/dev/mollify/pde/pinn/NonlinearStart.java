package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.pde.spec.Unknown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where to start the coefficients of an equation that is not linear in them, when some have no guess
 * (docs/math.md, "Starting values"). The residual is usually linear in most of them once the others are
 * held: r·u·(1 − u/K) is linear in r for a fixed K. So the unknowns split into N, those the residual is
 * not linear in, and L, the rest. For each value of N the best L is solved in closed form, and what is
 * left relative to each equation's largest term R_e (as in the estimate's misfit),
 *
 * <pre>  J(c_N) = Σ_e ms(r_e(c_N, ĉ_L(c_N))) / R_e²,</pre>
 *
 * is scanned over |c_N| = 10^(k/4), k = −60 … 60 (both signs unless declared positive), for each
 * unknown of N without a guess, one at a time, in two sweeps (starting at 1); an unknown of N with a
 * guess is held at it. The scan covers thirty decades, so no units are assumed.
 */
final class NonlinearStart {
    /** Quarter decades from 10⁻¹⁵ to 10¹⁵. */
    static final int STEPS_PER_DECADE = 4, DECADES = 15;

    /** How many times every unknown of N is scanned. */
    static final int SWEEPS = 2;

    /** A coefficient this small times its term is nothing beside any other term: an unknown of L "set to zero". */
    private static final double ZERO = 1e-30;

    private NonlinearStart() {}

    /**
     * Starting values for every unknown, or null when the residual is not linear in the unknowns of L with those of N
     * held (then only the user's guesses can start it).
     *
     * @param spec the PDE
     * @param b the fixed derivatives of the data's fit
     * @param guesses the user's guesses (some missing)
     * @param keep the points the residual is measured on (null: all)
     * @return the starting value of each unknown by name, or null
     */
    static Map<String, Double> search(PdeSpec spec, Bindings b, Map<String, Double> guesses, boolean[] keep) {
        List<Unknown> decl = spec.unknowns();
        Map<String, Double> at = new LinkedHashMap<>();
        for (Unknown u : decl) at.put(u.name(), guesses.getOrDefault(u.name(), 1.0));
        List<Unknown> nonlinear = new ArrayList<>(), linear = new ArrayList<>();
        for (Unknown u : decl) (linearIn(spec, b, at, u.name(), keep) ? linear : nonlinear).add(u);
        if (nonlinear.isEmpty() || !jointlyLinear(spec, b, at, linear, keep)) return null;
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (Unknown u : nonlinear) {
                if (guesses.containsKey(u.name())) continue;
                double best = Double.POSITIVE_INFINITY, bestValue = at.get(u.name());
                for (int sign : u.positive() ? new int[] {1} : new int[] {1, -1}) {
                    for (int k = -DECADES * STEPS_PER_DECADE; k <= DECADES * STEPS_PER_DECADE; k++) {
                        double v = sign * Math.pow(10, (double) k / STEPS_PER_DECADE);
                        at.put(u.name(), v);
                        double j = projected(spec, b, at, linear, keep, null);
                        if (j < best) {
                            best = j;
                            bestValue = v;
                        }
                    }
                }
                at.put(u.name(), bestValue);
            }
        }
        Map<String, Double> solvedL = new LinkedHashMap<>();
        projected(spec, b, at, linear, keep, solvedL);
        for (Unknown u : linear) {
            double c = solvedL.getOrDefault(u.name(), Double.NaN);
            boolean usable = Double.isFinite(c) && (!u.positive() || c > ZERO);
            at.put(u.name(), usable ? c : guesses.getOrDefault(u.name(), 1.0));
        }
        return at;
    }

    /** Whether r is linear in {@code name} alone about {@code at}: r(2c) − r(c) = (r(3c) − r(c)) / 2 along it. */
    private static boolean linearIn(PdeSpec spec, Bindings b, Map<String, Double> at, String name, boolean[] keep) {
        double c = at.get(name);
        double[] base = residual(spec, b, at, keep);
        double[] twice = residual(spec, b, with(at, name, 2 * c), keep);
        double[] thrice = residual(spec, b, with(at, name, 3 * c), keep);
        return CoefficientEstimate.close(
                CoefficientEstimate.minus(thrice, base),
                CoefficientEstimate.scale(CoefficientEstimate.minus(twice, base), 2));
    }

    /** Whether r is linear in the unknowns of {@code linear} together: doubling all adds the sum of doubling each. */
    private static boolean jointlyLinear(
            PdeSpec spec, Bindings b, Map<String, Double> at, List<Unknown> linear, boolean[] keep) {
        if (linear.size() < 2) return true;
        double[] base = residual(spec, b, at, keep);
        double[] sum = new double[base.length];
        Map<String, Double> all = new LinkedHashMap<>(at);
        for (Unknown u : linear) {
            double[] step =
                    CoefficientEstimate.minus(residual(spec, b, with(at, u.name(), 2 * at.get(u.name())), keep), base);
            for (int i = 0; i < sum.length; i++) sum[i] += step[i];
            all.put(u.name(), 2 * at.get(u.name()));
        }
        return CoefficientEstimate.close(CoefficientEstimate.minus(residual(spec, b, all, keep), base), sum);
    }

    /**
     * J at {@code at} for the unknowns of N, with those of L solved by least squares: r = m₀ + Σⱼ cⱼ mⱼ, with m₀ the
     * residual at c_L ≈ 0 and mⱼ = r(e_j) − m₀; each equation weighted by 1/‖m₀_e‖ (1/max_j ‖m_je‖ when m₀_e = 0).
     * When {@code solved} is not null, it receives ĉ_L.
     */
    private static double projected(
            PdeSpec spec,
            Bindings b,
            Map<String, Double> at,
            List<Unknown> linear,
            boolean[] keep,
            Map<String, Double> solved) {
        int k = linear.size();
        Map<String, Double> zero = new LinkedHashMap<>(at);
        for (Unknown u : linear) zero.put(u.name(), ZERO);
        List<double[]> m0 = residuals(spec, b, zero, keep);
        List<List<double[]>> m = new ArrayList<>();
        for (Unknown u : linear) {
            List<double[]> r = residuals(spec, b, with(zero, u.name(), 1.0), keep);
            for (int e = 0; e < r.size(); e++) r.set(e, CoefficientEstimate.minus(r.get(e), m0.get(e)));
            m.add(r);
        }
        double[][] g = new double[k][k];
        double[] rhs = new double[k];
        double[] w = new double[m0.size()];
        for (int e = 0; e < m0.size(); e++) {
            double size = norm(m0.get(e));
            for (List<double[]> mj : m) if (!(size > 0)) size = Math.max(size, norm(mj.get(e)));
            w[e] = size > 0 && Double.isFinite(size) ? 1 / (size * size) : 0;
        }
        for (int e = 0; e < m0.size(); e++) {
            for (int a = 0; a < k; a++) {
                rhs[a] -= w[e] * dot(m.get(a).get(e), m0.get(e));
                for (int c = 0; c < k; c++)
                    g[a][c] += w[e] * dot(m.get(a).get(e), m.get(c).get(e));
            }
        }
        double[] c = solve(g, rhs);
        if (c == null) return Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) if (linear.get(j).positive() && !(c[j] > 0)) c[j] = ZERO;
        Map<String, Double> full = new LinkedHashMap<>(at);
        for (int a = 0; a < k; a++) full.put(linear.get(a).name(), c[a]);
        double[] sizes = CoefficientEstimate.sizesAt(spec, b, full);
        double j = 0;
        for (int e = 0; e < m0.size(); e++) {
            double[] r = m0.get(e).clone();
            for (int a = 0; a < k; a++) {
                double[] ma = m.get(a).get(e);
                for (int i = 0; i < r.length; i++) r[i] += c[a] * ma[i];
            }
            j += dot(r, r) / r.length / (sizes[e] * sizes[e]);
        }
        if (solved != null) for (int a = 0; a < k; a++) solved.put(linear.get(a).name(), c[a]);
        return Double.isFinite(j) ? j : Double.POSITIVE_INFINITY;
    }

    /**
     * The least-squares solution of g x = rhs for a Gram matrix g: its columns scaled to unit diagonal, then
     * x = V Λ⁻¹ Vᵀ rhs over the eigenvalues above 10⁻¹² of the largest ({@link CoefficientEstimate#symmetricEigen});
     * a column of zeros gets 0. Null when no eigenvalue is usable.
     */
    static double[] solve(double[][] g, double[] rhs) {
        int n = rhs.length;
        double[] norm = new double[n];
        for (int a = 0; a < n; a++) norm[a] = Math.sqrt(g[a][a]);
        double[][] gn = new double[n][n];
        double[] rn = new double[n];
        for (int a = 0; a < n; a++) {
            if (!(norm[a] > 0)) continue;
            rn[a] = rhs[a] / norm[a];
            for (int c = 0; c < n; c++) if (norm[c] > 0) gn[a][c] = g[a][c] / (norm[a] * norm[c]);
        }
        double[][] v = new double[n][n];
        double[] lambda = n == 0 ? new double[0] : CoefficientEstimate.symmetricEigen(gn, v);
        double top = 0;
        for (double l : lambda) top = Math.max(top, l);
        if (n > 0 && !(top > 0 && Double.isFinite(top))) return null;
        double[] x = new double[n];
        for (int e = 0; e < n; e++) {
            if (!(lambda[e] > 1e-12 * top)) continue;
            double proj = 0;
            for (int j = 0; j < n; j++) proj += v[j][e] * rn[j];
            for (int a = 0; a < n; a++) x[a] += v[a][e] * proj / lambda[e];
        }
        for (int a = 0; a < n; a++) x[a] = norm[a] > 0 ? x[a] / norm[a] : 0;
        return x;
    }

    private static double[] residual(PdeSpec spec, Bindings b, Map<String, Double> at, boolean[] keep) {
        return CoefficientEstimate.flat(residuals(spec, b, at, keep));
    }

    /**
     * The residual of each equation at the points of {@code keep}, with each unknown at {@code at}. Every unknown's
     * scale is its own size, so a positive one as small as {@link #ZERO} is represented exactly.
     */
    private static List<double[]> residuals(PdeSpec spec, Bindings b, Map<String, Double> at, boolean[] keep) {
        Map<String, Double> scale = new LinkedHashMap<>();
        for (var e : at.entrySet()) scale.put(e.getKey(), Math.abs(e.getValue()) > 0 ? Math.abs(e.getValue()) : 1.0);
        List<double[]> out = new ArrayList<>();
        for (Var r : spec.residuals(b, spec.unknownParameters(at, scale)))
            out.add(CoefficientEstimate.select(r.value().toDoubleArray(), keep));
        return out;
    }

    private static Map<String, Double> with(Map<String, Double> at, String name, double value) {
        Map<String, Double> out = new LinkedHashMap<>(at);
        out.put(name, value);
        return out;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
