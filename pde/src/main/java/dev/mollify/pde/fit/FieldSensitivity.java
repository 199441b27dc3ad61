package dev.mollify.pde.fit;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.Expr;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.pde.spec.UnknownField;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How strongly the residual ties each unknown field to the data, node by node of the field's own coordinates
 * (docs/math.md, "Warnings after a fit"). The residual loss is L = Σ_e mean(r_e²)/R_e², and a field k enters
 * r_e only through its value at each collocation node n, so the loss's Gauss–Newton curvature with respect to
 * k there is (2/N)·Σ_e (m_{e,n}/R_e)² with the multiplier m_{e,n} = ∂r_e/∂k at node n: for
 * {@code k(x)*u*(1-u)}, m = u(1 − u). A field of fewer coordinates than the grid, k(x) on an (x, t) grid, is
 * one value for every node that shares its x, so its sensitivity at x is
 * <pre>  S(x) = sqrt( mean over the other coordinates of Σ_e (m_e / R_e)² ),</pre>
 * evaluated from the trained network on the collocation grid. S is in units of the equation's size per unit
 * of k; only its shape matters: S(x)/max S is how tightly the data pin k at x compared with where they pin it
 * best, and the error a given residual error puts into k there is max S/S(x) times larger.
 */
final class FieldSensitivity {
    private FieldSensitivity() {}

    /**
     * One unknown field's sensitivity.
     *
     * @param field       the field as written, e.g. {@code k(x)}
     * @param axes        the field's own coordinates, in grid order (a subset of the collocation grid's axes)
     * @param nodes       the collocation grid's nodes along each of {@code axes}
     * @param sensitivity S at every node of the field's own grid, row-major over {@code axes}
     */
    record Profile(UnknownField field, List<String> axes, List<double[]> nodes, double[] sensitivity) {
        /** S divided by its largest value (NaN where that is zero or not finite). */
        double[] relative() {
            double max = 0;
            for (double s : sensitivity) if (Double.isFinite(s)) max = Math.max(max, s);
            double[] r = new double[sensitivity.length];
            for (int i = 0; i < r.length; i++) r[i] = max > 0 ? sensitivity[i] / max : Double.NaN;
            return r;
        }
    }

    /**
     * The sensitivity of every unknown field of a trained problem, from one evaluation of its route at the
     * current parameters.
     */
    static List<Profile> of(FitSetup.Built b) {
        List<Profile> out = new ArrayList<>();
        if (b.unknownFields().isEmpty()) return out;
        PdeSpec spec = b.spec();
        Bindings bound = b.problem().route().evaluate().bindings().detached();
        Map<String, Var> leaves = new LinkedHashMap<>();
        for (String f : b.unknownFields()) {
            Var v = bound.unknownFields().get(f);
            if (v == null) return out;
            Var leaf = Var.param(Tensor.of(v.value().toDoubleArray(), v.shape()));
            bound.unknownField(f, leaf);
            leaves.put(f, leaf);
        }
        List<Var> residuals = spec.residuals(bound, b.problem().unknowns());
        double[] scales = b.estimate() != null ? b.estimate().residualScales() : null;
        Grid grid = b.problem().grid();
        int n = grid.size();
        Map<String, double[]> squares = new LinkedHashMap<>(); // Σ_e (m_e / R_e)² at each node
        for (String f : leaves.keySet()) squares.put(f, new double[n]);
        List<Var> inputs = new ArrayList<>(leaves.values());
        for (int e = 0; e < residuals.size(); e++) {
            if (!residuals.get(e).requiresGrad()) continue; // an equation with no field and no unknown in it
            List<Var> g = Autograd.grad(List.of(residuals.get(e).sum()), inputs, null, false, false, true);
            double scale = scales == null ? 1 : scales[e];
            int i = 0;
            for (String f : leaves.keySet()) {
                Var gi = g.get(i++);
                if (gi == null) continue;
                double[] m = gi.value().toDoubleArray();
                if (m.length != n) return List.of(); // a route whose values are not one per node
                double[] s = squares.get(f);
                for (int j = 0; j < n; j++) s[j] += (m[j] / scale) * (m[j] / scale);
            }
        }
        for (UnknownField uf : spec.unknownFields()) {
            if (!squares.containsKey(uf.name())) continue;
            out.add(profile(uf, grid, squares.get(uf.name())));
        }
        return out;
    }

    /** The mean over the grid's other axes of the squared multipliers, square-rooted, on the field's own nodes. */
    static Profile profile(UnknownField uf, Grid grid, double[] squares) {
        int[] shape = grid.shape();
        List<Integer> own = new ArrayList<>();
        List<String> axes = new ArrayList<>();
        List<double[]> nodes = new ArrayList<>();
        for (int a = 0; a < shape.length; a++) {
            String name = grid.axisNames().get(a);
            if (uf.args().contains(name)) {
                own.add(a);
                axes.add(name);
                nodes.add(grid.axis(a));
            }
        }
        int m = 1;
        for (int a : own) m *= shape[a];
        double[] sum = new double[m];
        int[] count = new int[m];
        int[] idx = new int[shape.length];
        for (int j = 0; j < squares.length; j++) {
            int k = 0;
            for (int a : own) k = k * shape[a] + idx[a];
            sum[k] += squares[j];
            count[k]++;
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) break;
                idx[a] = 0;
            }
        }
        double[] s = new double[m];
        for (int k = 0; k < m; k++) s[k] = count[k] == 0 ? Double.NaN : Math.sqrt(sum[k] / count[k]);
        return new Profile(uf, List.copyOf(axes), List.copyOf(nodes), s);
    }

    /**
     * The additive terms (as {@link PdeSpec#terms()} splits them) in which the field appears, each with its
     * multiplier as text when the term is a product with the field as one factor ({@code k(x)*u*(1-u)} gives
     * {@code u*(1 - u)}), else null.
     */
    static Map<Expr, String> terms(PdeSpec spec, String field) {
        Map<Expr, String> out = new LinkedHashMap<>();
        for (List<Expr> terms : spec.terms()) {
            for (Expr t : terms) {
                if (!mentions(t, field)) continue;
                List<Expr> factors = new ArrayList<>();
                flatten(t, factors);
                List<Expr> others = new ArrayList<>();
                int hits = 0;
                for (Expr f : factors) {
                    if (f instanceof Expr.FieldCall c && c.name().equals(field)) hits++;
                    else others.add(f);
                }
                String multiplier = null;
                if (hits == 1 && others.stream().noneMatch(f -> mentions(f, field))) {
                    if (others.isEmpty()) multiplier = "1";
                    else {
                        Expr p = others.get(0);
                        for (int i = 1; i < others.size(); i++) p = new Expr.Binary(Expr.Op.MUL, p, others.get(i));
                        multiplier = p.toString();
                    }
                }
                out.putIfAbsent(t, multiplier);
            }
        }
        return out;
    }

    /** The unknown scalars of the equations in which the field appears, in declaration order. */
    static List<String> fittedWith(PdeSpec spec, String field) {
        Set<String> names = new LinkedHashSet<>();
        for (int e = 0; e < spec.equations().size(); e++) {
            Expr r = spec.equations().get(e).residual();
            if (!mentions(r, field)) continue;
            collectSymbols(r, names);
        }
        List<String> out = new ArrayList<>();
        for (var u : spec.unknowns()) if (names.contains(u.name())) out.add(u.name());
        return out;
    }

    private static void flatten(Expr e, List<Expr> factors) {
        if (e instanceof Expr.Binary b && b.op() == Expr.Op.MUL) {
            flatten(b.left(), factors);
            flatten(b.right(), factors);
        } else {
            factors.add(e);
        }
    }

    private static boolean mentions(Expr e, String field) {
        if (e instanceof Expr.FieldCall c) return c.name().equals(field);
        if (e instanceof Expr.Binary b) return mentions(b.left(), field) || mentions(b.right(), field);
        if (e instanceof Expr.Neg n) return mentions(n.arg(), field);
        if (e instanceof Expr.Func f) return mentions(f.arg(), field);
        return false;
    }

    private static void collectSymbols(Expr e, Set<String> out) {
        if (e instanceof Expr.Symbol s) out.add(s.name());
        else if (e instanceof Expr.Binary b) {
            collectSymbols(b.left(), out);
            collectSymbols(b.right(), out);
        } else if (e instanceof Expr.Neg n) collectSymbols(n.arg(), out);
        else if (e instanceof Expr.Func f) collectSymbols(f.arg(), out);
    }
}
