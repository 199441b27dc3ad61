package dev.mollify.pde.pinn;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.tensor.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classic PINN route: the network at the collocation nodes X (N, d), and every derivative by
 * nested reverse mode on X — ∂u/∂X = grad(Σu, X) with the backward pass recorded, then again for
 * each higher order. One backward pass gives all first derivatives of a value at once, and each
 * intermediate derivative is computed once. Grid data are the network at the nodes; scattered data
 * are the network at the points themselves (no interpolation).
 */
public final class Autodiff implements DerivativeRoute {

    Autodiff() {}

    @Override
    public String name() {
        return "autodiff";
    }

    @Override
    public Prepared prepare(Pinn model, PdeSpec spec, Grid grid, Map<String, Observations> data) {
        List<String> coords = model.coordinates();
        Tensor nodes = grid.points(coords);
        int n = grid.size();
        for (List<Partial> ps : spec.requiredDerivatives().values()) {
            for (Partial p : ps) GridSupport.orders(p, grid); // fail early on a foreign coordinate
        }
        Map<String, SparseMatrix> onNodes = new LinkedHashMap<>();
        Map<String, Tensor> atPoints = new LinkedHashMap<>();
        for (Map.Entry<String, Observations> e : data.entrySet()) {
            if (e.getValue().scattered()) atPoints.put(e.getKey(), e.getValue().locations(coords));
            else onNodes.put(e.getKey(), e.getValue().on(grid));
        }
        return new Prepared() {
            @Override
            public Parameters parameters() {
                return new Parameters();
            }

            @Override
            public Evaluation evaluate() {
                Var x = Var.param(nodes);
                Var out = model.forward(x);
                Bindings b = Bindings.create();
                Map<String, Var> atData = new LinkedHashMap<>();
                for (String f : model.fields()) {
                    Var u = model.output(out, f);
                    Map<Partial, Var> values = new HashMap<>();
                    Map<Partial, Var> grads = new HashMap<>();
                    values.put(Partial.value(f), u);
                    for (Partial p : spec.requiredDerivatives().getOrDefault(f, List.of())) {
                        b.derivative(p, derivative(p, x, coords, values, grads));
                    }
                    b.field(f, u);
                    if (onNodes.containsKey(f)) atData.put(f, onNodes.get(f).apply(u));
                }
                for (int c = 0; c < coords.size(); c++) {
                    if (spec.coordinates().contains(coords.get(c))) {
                        b.coordinate(
                                coords.get(c),
                                Var.constant(nodes.slice(1, c, c + 1, 1).reshape(n)));
                    }
                }
                for (String uf : model.unknownFields()) b.unknownField(uf, model.output(out, uf));
                if (!atPoints.isEmpty()) {
                    for (Map.Entry<String, Tensor> e : atPoints.entrySet()) {
                        atData.put(e.getKey(), model.output(model.forward(Var.constant(e.getValue())), e.getKey()));
                    }
                }
                return new Evaluation(b, atData);
            }

            @Override
            public String describe() {
                return "autodiff (nested reverse mode) at " + n + " collocation nodes";
            }
        };
    }

    /** ∂^α u at the nodes, from the memoised lower-order derivative one letter shorter. */
    private static Var derivative(
            Partial p, Var x, List<String> coords, Map<Partial, Var> values, Map<Partial, Var> grads) {
        Var v = values.get(p);
        if (v != null) return v;
        String letters = p.letters();
        String last = letters.substring(letters.length() - 1);
        Partial parent = letters.length() == 1
                ? Partial.value(p.field())
                : Partial.parse(p.field() + "_" + letters.substring(0, letters.length() - 1));
        Var pv = derivative(parent, x, coords, values, grads);
        Var g = grads.get(parent);
        if (g == null) {
            g = Autograd.grad(List.of(pv.sum()), List.of(x), null, true, true, false)
                    .get(0);
            grads.put(parent, g);
        }
        int c = coords.indexOf(last);
        if (c < 0)
            throw new IllegalArgumentException(
                    p + " differentiates along '" + last + "', not an input of the network " + coords);
        v = g.slice(1, c, c + 1, 1).reshape(g.shape()[0]);
        values.put(p, v);
        return v;
    }
}
