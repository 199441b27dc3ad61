package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.FluxProducts;
import dev.mollify.pde.spec.Partial;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fields of the equations with no data (the Navier–Stokes pressure p) taken out of the linear estimate of the
 * coefficients (docs/math.md, "Starting values"). Before training, such a field's network output is untrained, and
 * holding it fixed would make the coefficients absorb whatever that output says (on the wake of {@code mollify
 * generate --problem navier-stokes} the viscosity came out negative).
 *
 * <p>Instead each unmeasured field f is expanded in the Legendre polynomials of total degree ≤ {@link #DEGREE} in its
 * coordinates, each mapped to [−1, 1] over the points: f = Σ_k α_k φ_k, φ_k(z) = Π_a P_{n_a}(z_a), Σ n_a ≤ 6 (84
 * functions in three coordinates). Where the residual is linear in f and no coefficient multiplies it, r = m₀ +
 * Σⱼ cⱼ mⱼ + Σ_k α_k b_k with b_k = r(f = φ_k) − r(f = 0), the route's derivatives of f replaced by the exact ones of φ_k
 * (∂^β φ_k = Π_a P_{n_a}^{(β_a)}(z_a)·(2/L_a)^{β_a}, L_a the coordinate's range). Minimising over α first projects m₀
 * and each mⱼ onto the complement of the b_k. On the wake (clean, on the solver's grid with fourth-order
 * differences) that gave l₁ = 0.86, l₂ = 0.0128 against the truth 1 and 0.01 where the field held at zero gave
 * l₂ = 0.0004, and the least-squares fit with the true p 0.996 and 0.0110.
 */
final class UnmeasuredProjection implements FieldElimination {
    /** The polynomials' total degree. */
    static final int DEGREE = 6;
    /** A column whose norm is below this share of the largest is dropped (a φ_k whose derivatives do not enter). */
    private static final double QUIET = 1e-9;

    private final List<String> fields; // the unmeasured fields bound
    private final Bindings zeroed; // every unmeasured field at zero
    private final double[] boundPart; // r(bound) − r(zeroed) at the kept points
    private final List<double[]> columns; // b_k over the kept points, unit norm
    private final List<Phi> basis; // per kept column, its basis function
    private final double[] norms; // the b_k's norms before scaling
    private final double[][] gram; // BᵀB
    private final Points points;

    private UnmeasuredProjection(
            List<String> fields,
            Bindings zeroed,
            double[] boundPart,
            List<double[]> columns,
            List<Phi> basis,
            double[] norms,
            Points points) {
        this.fields = fields;
        this.zeroed = zeroed;
        this.boundPart = boundPart;
        this.columns = columns;
        this.basis = basis;
        this.norms = norms;
        this.points = points;
        int k = columns.size();
        this.gram = new double[k][k];
        for (int a = 0; a < k; a++)
            for (int c = 0; c <= a; c++) gram[a][c] = gram[c][a] = dot(columns.get(a), columns.get(c));
    }

    /** φ = Π_a P_{powers[a]}(z_a) as the value of the unmeasured field number {@code field}. */
    private record Phi(int field, int[] powers) {}

    /** The points' coordinates by name, each scaled to [−1, 1] (one row per coordinate), its factor 2/L, and the points' shape. */
    private record Points(List<String> coordinates, double[][] scaled, double[] factor, int[] shape) {}

    /**
     * The projection of {@code fields}, or null when there is none to take out: no such field among the bindings,
     * one inside a flux or tested term, a residual not linear in it, or a coefficient that multiplies it.
     *
     * @param b         the fixed bindings, the fields' route derivatives among them
     * @param fields    the equations' fields with no data
     * @param residuals the flattened residuals of every equation at the kept points, from bindings and coefficients
     * @param at        the coefficients the residual is probed at
     * @param doubled   the coefficients with every one doubled, to see that no coefficient multiplies a field
     * @return the projection, or null
     */
    static UnmeasuredProjection of(
            Bindings b,
            List<String> fields,
            Function<Bindings, Function<double[], double[]>> residuals,
            double[] at,
            double[] doubled) {
        List<String> present = new ArrayList<>();
        for (String f : fields)
            if (b.derivatives().keySet().stream().anyMatch(p -> p.field().equals(f))) present.add(f);
        if (present.isEmpty() || b.tested() != null) return null;
        for (FluxProducts.Term t : b.fluxes().keySet())
            if (present.contains(t.field()) || present.contains(t.carrier())) return null;
        Points pts = points(b, present);
        if (pts == null) return null;
        Bindings zeroed = b.detached();
        for (Map.Entry<Partial, Var> e : b.derivatives().entrySet())
            if (present.contains(e.getKey().field()))
                zeroed.derivative(
                        e.getKey(), Var.constant(Tensor.zeros(e.getValue().shape())));
        double[] base = residuals.apply(zeroed).apply(at);
        double[] baseDoubled = residuals.apply(zeroed).apply(doubled);
        double[] boundPart = CoefficientEstimate.minus(residuals.apply(b).apply(at), base);
        List<double[]> columns = new ArrayList<>();
        List<Phi> basis = new ArrayList<>();
        List<Double> norms = new ArrayList<>();
        for (int f = 0; f < present.size(); f++) {
            for (int[] n : exponents(pts.coordinates().size(), DEGREE)) {
                List<Phi> phi = List.of(new Phi(f, n));
                Bindings once = with(zeroed, b, present, pts, phi, new double[] {1});
                double[] col = CoefficientEstimate.minus(residuals.apply(once).apply(at), base);
                double norm = Math.sqrt(dot(col, col));
                if (!(norm > 0)) continue;
                if (columns.isEmpty()) { // linear in the field, and no coefficient multiplies it
                    Bindings twice = with(zeroed, b, present, pts, phi, new double[] {2});
                    double[] step2 =
                            CoefficientEstimate.minus(residuals.apply(twice).apply(at), base);
                    double[] stepDoubled =
                            CoefficientEstimate.minus(residuals.apply(once).apply(doubled), baseDoubled);
                    if (!CoefficientEstimate.close(step2, CoefficientEstimate.scale(col, 2))
                            || !CoefficientEstimate.close(stepDoubled, col)) return null;
                }
                columns.add(CoefficientEstimate.scale(col, 1 / norm));
                basis.add(phi.get(0));
                norms.add(norm);
            }
        }
        if (columns.isEmpty()) return null;
        double largest = norms.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<double[]> keptColumns = new ArrayList<>();
        List<Phi> keptBasis = new ArrayList<>();
        List<Double> keptNorms = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            if (norms.get(k) < QUIET * largest) continue;
            keptColumns.add(columns.get(k));
            keptBasis.add(basis.get(k));
            keptNorms.add(norms.get(k));
        }
        double[] nrm = keptNorms.stream().mapToDouble(Double::doubleValue).toArray();
        return new UnmeasuredProjection(present, zeroed, boundPart, keptColumns, keptBasis, nrm, pts);
    }

    @Override
    public double[] withoutField(double[] m0) {
        return CoefficientEstimate.minus(m0, boundPart);
    }

    @Override
    public double[] project(double[] v) {
        double[] alpha = solve(v);
        double[] out = v.clone();
        for (int k = 0; k < alpha.length; k++) {
            double[] c = columns.get(k);
            for (int i = 0; i < out.length; i++) out[i] -= alpha[k] * c[i];
        }
        return out;
    }

    @Override
    public Bindings fitted(Bindings b, double[] r0) {
        double[] alpha = solve(r0);
        double[] weights = new double[alpha.length];
        for (int k = 0; k < alpha.length; k++) weights[k] = -alpha[k] / norms[k];
        return with(zeroed, b, fields, points, basis, weights);
    }

    /** argmin_α ‖v − Bα‖ for the unit columns B: the least-squares solve of BᵀB α = Bᵀv ({@link NonlinearStart#solve}). */
    private double[] solve(double[] v) {
        double[] rhs = new double[columns.size()];
        for (int a = 0; a < rhs.length; a++) rhs[a] = dot(columns.get(a), v);
        double[] alpha = NonlinearStart.solve(gram, rhs);
        return alpha != null ? alpha : new double[rhs.length];
    }

    /**
     * {@code zeroed} with each field of {@code fields} replaced by Σ weight·φ over the basis functions given, every
     * derivative of it that {@code b} binds computed exactly.
     */
    private static Bindings with(
            Bindings zeroed, Bindings b, List<String> fields, Points pts, List<Phi> phis, double[] weights) {
        Bindings out = zeroed.detached();
        for (Partial p : b.derivatives().keySet()) {
            int f = fields.indexOf(p.field());
            if (f < 0) continue;
            int n = pts.scaled()[0].length;
            double[] v = new double[n];
            for (int k = 0; k < phis.size(); k++) {
                if (phis.get(k).field() != f || weights[k] == 0) continue;
                int[] e = phis.get(k).powers();
                double[] term = new double[n];
                Arrays.fill(term, weights[k]);
                for (int a = 0; a < e.length; a++) {
                    int order = p.order(pts.coordinates().get(a));
                    double[] poly = Legendre.derivative(Legendre.coefficients(e[a]), order);
                    double scale = Math.pow(pts.factor()[a], order);
                    double[] z = pts.scaled()[a];
                    for (int i = 0; i < n; i++) term[i] *= scale * Legendre.eval(poly, z[i]);
                }
                for (int i = 0; i < n; i++) v[i] += term[i];
            }
            out.derivative(p, Var.constant(Tensor.of(v, pts.shape())));
        }
        return out;
    }

    /**
     * The coordinates of every point the fields' derivatives are bound at, each scaled to [−1, 1] over its range;
     * null when a coordinate does not broadcast to those points or has no range.
     */
    private static Points points(Bindings b, List<String> present) {
        Var any = null;
        for (Map.Entry<Partial, Var> e : b.derivatives().entrySet())
            if (present.contains(e.getKey().field())) {
                any = e.getValue();
                break;
            }
        int[] shape = any.shape();
        int n = any.value().numel();
        List<String> names = new ArrayList<>(b.coordinates().keySet());
        if (names.isEmpty()) return null;
        double[][] scaled = new double[names.size()][];
        double[] factor = new double[names.size()];
        for (int a = 0; a < names.size(); a++) {
            Tensor t = b.coordinates().get(names.get(a)).value();
            if (t.numel() != n) {
                try {
                    t = t.expand(shape).contiguous();
                } catch (IllegalArgumentException notBroadcastable) {
                    return null;
                }
            }
            double[] c = t.toDoubleArray();
            double lo = Arrays.stream(c).min().orElse(0),
                    hi = Arrays.stream(c).max().orElse(0);
            if (!(hi > lo)) return null;
            factor[a] = 2 / (hi - lo);
            scaled[a] = new double[n];
            for (int i = 0; i < n; i++) scaled[a][i] = (c[i] - lo) * factor[a] - 1;
        }
        return new Points(names, scaled, factor, shape);
    }

    /** Every exponent vector of {@code d} entries with total ≤ {@code degree}, in lexicographic order. */
    static List<int[]> exponents(int d, int degree) {
        List<int[]> out = new ArrayList<>();
        fill(new int[d], 0, degree, out);
        return out;
    }

    private static void fill(int[] e, int a, int left, List<int[]> out) {
        if (a == e.length) {
            out.add(e.clone());
            return;
        }
        for (int k = 0; k <= left; k++) {
            e[a] = k;
            fill(e, a + 1, left - k, out);
        }
        e[a] = 0;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Legendre polynomials as monomial coefficients (lowest power first), their derivatives and values. */
    static final class Legendre {
        private Legendre() {}

        /** P_n by (k + 1)P_{k+1} = (2k + 1)x·P_k − k·P_{k−1}. */
        static double[] coefficients(int n) {
            double[] prev = {1}, cur = n == 0 ? prev : new double[] {0, 1};
            for (int k = 1; k < n; k++) {
                double[] next = new double[k + 2];
                for (int i = 0; i < cur.length; i++) next[i + 1] += (2 * k + 1) * cur[i] / (k + 1);
                for (int i = 0; i < prev.length; i++) next[i] -= k * prev[i] / (k + 1);
                prev = cur;
                cur = next;
            }
            return cur;
        }

        /** The {@code order}-th derivative of the polynomial with coefficients {@code c}. */
        static double[] derivative(double[] c, int order) {
            double[] d = c;
            for (int o = 0; o < order; o++) {
                if (d.length <= 1) return new double[] {0};
                double[] next = new double[d.length - 1];
                for (int i = 1; i < d.length; i++) next[i - 1] = i * d[i];
                d = next;
            }
            return d;
        }

        /** The polynomial's value at z (Horner). */
        static double eval(double[] c, double z) {
            double v = 0;
            for (int i = c.length - 1; i >= 0; i--) v = v * z + c[i];
            return v;
        }
    }
}
