package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.pde.spec.UnknownField;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An unknown field of fewer coordinates than the residual's points — k(x) in u_t = D·u_xx + k(x)·u(1 − u) on an
 * (x, t) grid — taken out of the linear estimate of the coefficients (docs/math.md, "Starting values").
 *
 * <p>Where the equation is linear in the field and the field multiplies no coefficient, r = m₀ + Σⱼ cⱼ mⱼ +
 * Σᵢ kᵢ m_k 1[point on node i], with m_k = ∂r/∂k (u(1 − u) above) and node i a value of the field's own
 * coordinates, and m₀ is taken with the field at zero (the bound values' part, k·m_k, removed). Each node's kᵢ has
 * its own column, and those columns do not overlap, so minimising over them first is a projection node by node:
 * v ↦ v − (⟨v, m_k⟩ᵢ / ⟨m_k, m_k⟩ᵢ) m_k on the points of node i. The coefficients are then the least-squares
 * solution of the projected m₀, mⱼ, and each node's field value the one that fits the residual left there. A
 * node where m_k vanishes (the data never excite the field there) keeps its bound values.
 */
final class FieldProjection implements FieldElimination {
    /** A node whose ⟨m_k, m_k⟩ is below this share of the largest is not projected: the field does nothing there. */
    private static final double QUIET = 1e-12;

    private final String field;
    private final Var current;
    private final int[] nodeOfPoint; // every point of an equation's residual → its node
    private final int[] nodeOfKept; // every kept point → its node
    private final int nodes;
    private final double[] multiplier; // m_k over the kept points of every equation, flattened
    private final double[] nodeNorm; // Σ m_k² per node, over every equation
    private final double[] boundKept; // the bound field at the kept points

    private FieldProjection(
            String field,
            Var current,
            int[] nodeOfPoint,
            int[] nodeOfKept,
            int nodes,
            double[] multiplier,
            double[] boundKept) {
        this.field = field;
        this.current = current;
        this.nodeOfPoint = nodeOfPoint;
        this.nodeOfKept = nodeOfKept;
        this.nodes = nodes;
        this.multiplier = multiplier;
        this.nodeNorm = perNode(multiplier, multiplier);
        this.boundKept = boundKept;
    }

    /**
     * The projection of the one unknown field of fewer coordinates, or null when there is none, more than one, or
     * the equation is not linear in it (or multiplies it by a coefficient): the estimate then keeps the field's
     * bound values.
     *
     * @param spec the PDE
     * @param b the fixed bindings, the field among them
     * @param residuals the flattened residuals of every equation at the kept points, from bindings and coefficients
     * @param at the coefficients the residual is probed at
     * @param doubled the coefficients with every one doubled, to see that no coefficient multiplies the field
     * @param keep the kept points (null: all)
     * @return the projection, or null
     */
    static FieldProjection of(
            PdeSpec spec,
            Bindings b,
            Function<Bindings, Function<double[], double[]>> residuals,
            double[] at,
            double[] doubled,
            boolean[] keep) {
        List<UnknownField> fewer = new ArrayList<>();
        for (UnknownField uf : spec.unknownFields()) {
            if (!b.unknownFields().containsKey(uf.name()) || uf.args().isEmpty()) continue;
            if (!b.coordinates().keySet().containsAll(uf.args())) continue;
            if (uf.args().containsAll(spec.coordinates())) continue; // a field of every coordinate
            fewer.add(uf);
        }
        if (fewer.size() != 1) return null;
        UnknownField uf = fewer.get(0);
        Var k = b.unknownFields().get(uf.name());
        int n = k.value().numel();
        List<double[]> coords = new ArrayList<>();
        for (String a : uf.args()) {
            Tensor t = b.coordinates().get(a).value();
            if (t.numel() != n) { // a grid axis, broadcasting over the field's shape
                try {
                    t = t.expand(k.shape()).contiguous();
                } catch (IllegalArgumentException notBroadcastable) {
                    return null;
                }
            }
            double[] c = t.toDoubleArray();
            coords.add(c);
        }
        int[] nodeOfPoint = new int[n];
        Map<List<Double>, Integer> index = new HashMap<>();
        for (int p = 0; p < n; p++) {
            List<Double> key = new ArrayList<>(coords.size());
            for (double[] c : coords) key.add(c[p]);
            nodeOfPoint[p] = index.computeIfAbsent(key, x -> index.size());
        }
        if (index.size() > n / 2) return null; // about one point per node: nothing to pool
        double[] base = residuals.apply(b).apply(at);
        double[] one = residuals.apply(shifted(b, uf.name(), k, 1)).apply(at);
        double[] two = residuals.apply(shifted(b, uf.name(), k, 2)).apply(at);
        double[] m = CoefficientEstimate.minus(one, base);
        if (!CoefficientEstimate.close(CoefficientEstimate.minus(two, base), CoefficientEstimate.scale(m, 2)))
            return null; // not linear in the field
        double[] d0 = residuals.apply(b).apply(doubled);
        double[] d1 = residuals.apply(shifted(b, uf.name(), k, 1)).apply(doubled);
        if (!CoefficientEstimate.close(CoefficientEstimate.minus(d1, d0), m))
            return null; // a coefficient multiplies the field
        int kept = keptCount(keep, n);
        if (m.length % kept != 0) return null;
        int[] nodeOfKept = new int[kept];
        double[] boundKept = new double[kept];
        double[] bound = k.value().contiguous().toDoubleArray();
        for (int p = 0, q = 0; p < n; p++) {
            if (keep == null || keep.length != n || keep[p]) {
                nodeOfKept[q] = nodeOfPoint[p];
                boundKept[q++] = bound[p];
            }
        }
        return new FieldProjection(uf.name(), k, nodeOfPoint, nodeOfKept, index.size(), m, boundKept);
    }

    /**
     * The coefficient-free part with the field at zero instead of its bound values: m₀ − k·m_k.
     *
     * @param m0 the flattened coefficient-free part over the kept points of every equation, field as bound
     * @return a new array
     */
    @Override
    public double[] withoutField(double[] m0) {
        double[] out = m0.clone();
        for (int i = 0; i < out.length; i++) out[i] -= boundKept[i % boundKept.length] * multiplier[i];
        return out;
    }

    /**
     * v with its part along the field's columns removed: on each node, v − (⟨v, m_k⟩ᵢ / ⟨m_k, m_k⟩ᵢ) m_k.
     *
     * @param v a flattened residual part (m₀ or an mⱼ) over the kept points of every equation
     * @return a new array, orthogonal to every node's column
     */
    @Override
    public double[] project(double[] v) {
        double[] dot = perNode(v, multiplier);
        double[] out = v.clone();
        double largest = largest();
        for (int i = 0; i < v.length; i++) {
            int node = nodeOfKept[i % nodeOfKept.length];
            if (nodeNorm[node] > QUIET * largest) out[i] -= dot[node] / nodeNorm[node] * multiplier[i];
        }
        return out;
    }

    /**
     * The bindings with the field at the node values that best fit a residual: kᵢ = −⟨r₀, m_k⟩ᵢ / ⟨m_k, m_k⟩ᵢ.
     *
     * @param b the bindings the residual was computed with
     * @param r0 the flattened residual at the estimated coefficients with the field at zero ({@link #withoutField})
     * @return a copy of b with the field replaced (its bound values kept at nodes where it does nothing)
     */
    @Override
    public Bindings fitted(Bindings b, double[] r0) {
        double[] dot = perNode(r0, multiplier);
        double largest = largest();
        double[] k = current.value().contiguous().toDoubleArray();
        for (int p = 0; p < k.length; p++) {
            int node = nodeOfPoint[p];
            if (nodeNorm[node] > QUIET * largest) k[p] = -dot[node] / nodeNorm[node];
        }
        Bindings out = b.detached();
        out.unknownField(field, Var.constant(Tensor.of(k, current.shape())));
        return out;
    }

    private double largest() {
        double mx = 0;
        for (double s : nodeNorm) mx = Math.max(mx, s);
        return mx;
    }

    private double[] perNode(double[] a, double[] b) {
        double[] s = new double[nodes];
        for (int i = 0; i < a.length; i++) s[nodeOfKept[i % nodeOfKept.length]] += a[i] * b[i];
        return s;
    }

    private static Bindings shifted(Bindings b, String name, Var k, double by) {
        Bindings out = b.detached();
        out.unknownField(name, Var.constant(k.value().add(by)));
        return out;
    }

    private static int keptCount(boolean[] keep, int n) {
        if (keep == null || keep.length != n) return n;
        int c = 0;
        for (boolean x : keep) if (x) c++;
        return c;
    }
}
