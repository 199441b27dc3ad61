package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline grid route: the network on the collocation grid extended by p_a = ⌈k_a/2⌉ cells
 * (k_a the highest order on axis a), and each derivative by second-order central differences
 * ({@link DerivativeKernels#stencil}: D1 = (−½, 0, ½)/h, D2 = (1, −2, 1)/h², products for higher
 * orders) written with Var slicing, axis by axis. The same stencils the mollifier route applies to
 * the kernel, so the two routes differ only by the mollification. Data loss on the raw output.
 */
public final class FiniteDifference implements DerivativeRoute {

    FiniteDifference() {}

    @Override
    public String name() {
        return "fd";
    }

    @Override
    public Prepared prepare(Pinn model, PdeSpec spec, Grid grid, Map<String, Observations> data) {
        int d = grid.dims();
        int[] maxOrder = GridSupport.maxOrders(spec, grid);
        int[] halo = new int[d];
        for (int a = 0; a < d; a++) halo[a] = DerivativeKernels.stencilHalfWidth(maxOrder[a]);
        Grid ext = grid.extend(halo);
        double[] h = grid.spacings();
        Map<String, SparseMatrix> ops = GridSupport.dataOperators(grid, data);
        return new Prepared() {
            @Override
            public Parameters parameters() {
                return new Parameters();
            }

            @Override
            public Evaluation evaluate() {
                Map<String, Var> onExt = GridSupport.networkOn(model, ext);
                Bindings b = Bindings.create();
                Map<String, Var> onGrid = new LinkedHashMap<>();
                for (String f : model.fields()) {
                    Var g = onExt.get(f);
                    onGrid.put(f, GridSupport.crop(g, halo));
                    b.field(f, onGrid.get(f));
                    for (Partial p : spec.requiredDerivatives().getOrDefault(f, List.of())) {
                        if (p.order() == 0) continue;
                        b.derivative(p, differentiate(g, GridSupport.orders(p, grid), h, halo));
                    }
                }
                GridSupport.bindCommon(b, spec, model, grid, onExt, halo);
                return new Evaluation(b, GridSupport.atData(ops, onGrid));
            }

            @Override
            public String describe() {
                return "finite differences (2nd order central), halo " + Arrays.toString(halo)
                        + ", network evaluated on " + GridSupport.nodes(ext) + " (the grid and its halo)";
            }
        };
    }

    /** ∂^α g on the inner grid of a grid-shaped {@code g} with {@code halo[a]} extra cells per side. */
    static Var differentiate(Var g, int[] orders, double[] h, int[] halo) {
        Var r = g;
        for (int a = 0; a < orders.length; a++) {
            int n = r.shape()[a] - 2 * halo[a];
            if (orders[a] == 0) {
                r = halo[a] > 0 ? r.narrow(a, halo[a], n) : r;
                continue;
            }
            double[] s = DerivativeKernels.stencil(orders[a]);
            int p = (s.length - 1) / 2;
            double scale = Math.pow(h[a], -orders[a]);
            Var acc = null;
            for (int l = -p; l <= p; l++) {
                double c = s[l + p] * scale;
                if (c == 0) continue;
                Var term = r.narrow(a, halo[a] + l, n).mul(c);
                acc = acc == null ? term : acc.add(term);
            }
            r = acc;
        }
        return r;
    }
}
