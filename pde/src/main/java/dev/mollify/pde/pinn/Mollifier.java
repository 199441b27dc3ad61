package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.Derivative;
import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifiedDerivatives;
import dev.mollify.pde.spec.Bindings;
import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's route (mollifier-math.md §2.2, §5). The network is evaluated on the collocation grid
 * extended by a halo of M_a + p_a cells per axis (M_a = ⌈δ_max/h_a⌉ the kernel's half-width, p_a the
 * growth of the highest difference stencil on that axis); {@link MollifiedDerivatives} with the
 * {@link Boundary#EXTENDED} boundary returns û = ĝ∗η_δ and each required derivative ĝ∗∂^α η_δ on the
 * original grid. The residual and the data loss are both written on û, never on the raw output ĝ;
 * backprop is first order through linear convolutions. Unknown fields are the network's raw outputs
 * on the original grid. δ is fixed, or learnable ({@link Builder#learnable}) inside a window that
 * leaves room to grow ({@link Builder#maxWidth}).
 */
public final class Mollifier implements DerivativeRoute {
    private final double delta;
    private final boolean learnable;
    private final double maxWidth;
    private final KernelFamily family;

    private Mollifier(Builder b) {
        this.delta = b.delta;
        this.learnable = b.learnable;
        this.maxWidth = Double.isNaN(b.maxWidth) ? (b.learnable ? 1.5 * b.delta : b.delta) : b.maxWidth;
        this.family = b.family;
        if (!(delta > 0) || maxWidth < delta) throw new IllegalArgumentException("need 0 < δ ≤ maxWidth, got δ = " + delta + ", maxWidth = " + maxWidth);
    }

    static Builder builder(double delta) {
        return new Builder(delta);
    }

    @Override
    public String name() {
        return "mollifier";
    }

    /** The initial width δ. */
    public double width() {
        return delta;
    }

    @Override
    public Prepared prepare(Pinn model, PdeSpec spec, Grid grid, Map<String, Observations> data) {
        int d = grid.dims();
        double[] h = grid.spacings();
        int[] m = new int[d];
        int[] halo = new int[d];
        int[] maxOrder = GridSupport.maxOrders(spec, grid);
        for (int a = 0; a < d; a++) {
            m[a] = (int) Math.ceil(maxWidth / h[a] - 1e-9);
            halo[a] = m[a] + DerivativeKernels.stencilHalfWidth(maxOrder[a]);
        }
        MollifiedDerivatives md = MollifiedDerivatives.builder(family, h, m).width(delta).learnable(learnable)
                .boundary(Boundary.EXTENDED).build();
        Grid ext = grid.extend(halo);
        Map<String, SparseMatrix> ops = GridSupport.dataOperators(grid, data);
        Map<String, Derivative[]> requests = new LinkedHashMap<>();
        for (String f : model.fields()) {
            List<Partial> ps = spec.requiredDerivatives().getOrDefault(f, List.of());
            Derivative[] r = new Derivative[ps.size() + 1];
            r[0] = Derivative.value(d);
            for (int i = 0; i < ps.size(); i++) r[i + 1] = Derivative.of(GridSupport.orders(ps.get(i), grid));
            requests.put(f, r);
        }
        return new Prepared() {
            @Override
            public Parameters parameters() {
                return md.parameters();
            }

            @Override
            public Evaluation evaluate() {
                Map<String, Var> onExt = GridSupport.networkOn(model, ext);
                Bindings b = Bindings.create();
                Map<String, Var> uHat = new LinkedHashMap<>();
                int[] gridShape = grid.shape();
                for (String f : model.fields()) {
                    int[] s4 = new int[d + 2];
                    s4[0] = 1;
                    s4[1] = 1;
                    System.arraycopy(ext.shape(), 0, s4, 2, d);
                    Derivative[] r = requests.get(f);
                    Map<Derivative, Var> out = md.compute(onExt.get(f).reshape(s4), r);
                    uHat.put(f, out.get(r[0]).reshape(gridShape));
                    for (Partial p : spec.requiredDerivatives().getOrDefault(f, List.of())) {
                        b.derivative(p, out.get(Derivative.of(GridSupport.orders(p, grid))).reshape(gridShape));
                    }
                    b.field(f, uHat.get(f));
                }
                GridSupport.bindCommon(b, spec, model, grid, onExt, halo);
                return new Evaluation(b, GridSupport.atData(ops, uHat));
            }

            @Override
            public Map<String, Double> state() {
                return Map.of("delta", md.delta());
            }

            @Override
            public String describe() {
                return String.format("mollifier δ = %.4g%s, window ±%s taps, halo %s cells, network on %s",
                        md.delta(), learnable ? " (learnable)" : "", Arrays.toString(m), Arrays.toString(halo), Arrays.toString(ext.shape()));
            }
        };
    }

    /** Options for the mollifier route. */
    public static final class Builder {
        private final double delta;
        private boolean learnable;
        private double maxWidth = Double.NaN;
        private KernelFamily family = KernelFamily.bump();

        private Builder(double delta) {
            this.delta = delta;
        }

        /** Train δ along with the network (softplus parametrisation; default fixed). */
        public Builder learnable(boolean on) {
            learnable = on;
            return this;
        }

        /** The widest δ the window (and halo) must hold (default δ, or 1.5·δ when learnable). */
        public Builder maxWidth(double w) {
            maxWidth = w;
            return this;
        }

        /** Kernel family (default the exp-bump). */
        public Builder family(KernelFamily f) {
            family = f;
            return this;
        }

        public Mollifier build() {
            return new Mollifier(this);
        }
    }
}
