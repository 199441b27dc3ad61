package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pieces shared by the grid routes (mollifier, finite differences). */
final class GridSupport {
    private GridSupport() {}

    /** Orders of a partial per grid axis, failing on a coordinate the grid lacks. */
    static int[] orders(Partial p, Grid grid) {
        int[] o = new int[grid.dims()];
        int total = 0;
        for (int a = 0; a < grid.dims(); a++) {
            o[a] = p.order(grid.axisNames().get(a));
            total += o[a];
        }
        if (total != p.order()) {
            throw new IllegalArgumentException(p + " differentiates along a coordinate that is not an axis of " + grid);
        }
        return o;
    }

    /** Highest order per axis over every required derivative of every field. */
    static int[] maxOrders(PdeSpec spec, Grid grid) {
        int[] m = new int[grid.dims()];
        for (List<Partial> ps : spec.requiredDerivatives().values()) {
            for (Partial p : ps) {
                int[] o = orders(p, grid);
                for (int a = 0; a < m.length; a++) m[a] = Math.max(m[a], o[a]);
            }
        }
        return m;
    }

    /** The nodes of an extended grid with their axes, e.g. "37 t × 29 y × 29 x", for a route's description. */
    static String nodes(Grid ext) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < ext.dims(); a++)
            sb.append(a == 0 ? "" : " × ")
                    .append(ext.shape()[a])
                    .append(' ')
                    .append(ext.axisNames().get(a));
        return sb.toString();
    }

    /** Every output of the model on every node of {@code ext}, each shaped like the grid. */
    static Map<String, Var> networkOn(Pinn model, Grid ext) {
        Var out = model.forward(Var.constant(ext.points(model.coordinates())));
        Map<String, Var> m = new LinkedHashMap<>();
        for (String name : model.outputs()) m.put(name, model.output(out, name).reshape(ext.shape()));
        return m;
    }

    /** The inner block of a grid-shaped value: {@code halo[a]} cells dropped on both ends of each axis. */
    static Var crop(Var v, int[] halo) {
        Var r = v;
        for (int a = 0; a < halo.length; a++) {
            if (halo[a] > 0) r = r.narrow(a, halo[a], r.shape()[a] - 2 * halo[a]);
        }
        return r;
    }

    /** Coordinates (broadcasting over the grid) and unknown fields (cropped network outputs) into {@code b}. */
    static void bindCommon(Bindings b, PdeSpec spec, Pinn model, Grid grid, Map<String, Var> onExt, int[] halo) {
        for (int a = 0; a < grid.dims(); a++) {
            String c = grid.axisNames().get(a);
            if (spec.coordinates().contains(c)) b.coordinate(c, Var.constant(grid.coordinate(a)));
        }
        for (String uf : model.unknownFields()) b.unknownField(uf, crop(onExt.get(uf), halo));
    }

    /** Predictions at the measurements from grid-shaped values of the fields. */
    static Map<String, Var> atData(Map<String, SparseMatrix> ops, Map<String, Var> onGrid) {
        Map<String, Var> out = new LinkedHashMap<>();
        for (Map.Entry<String, SparseMatrix> e : ops.entrySet())
            out.put(e.getKey(), e.getValue().apply(onGrid.get(e.getKey())));
        return out;
    }

    static Map<String, SparseMatrix> dataOperators(Grid grid, Map<String, Observations> data) {
        Map<String, SparseMatrix> ops = new LinkedHashMap<>();
        for (Map.Entry<String, Observations> e : data.entrySet())
            ops.put(e.getKey(), e.getValue().on(grid));
        return ops;
    }
}
