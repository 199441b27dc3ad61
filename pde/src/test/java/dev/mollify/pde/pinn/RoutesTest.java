package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The three routes on one fixed random network: finite differences agree with autodiff to O(h²);
 * the mollifier's derivatives are exactly the central differences of its own û (so odd orders have
 * the right sign) and close to autodiff's up to the O(δ²) smoothing bias.
 */
class RoutesTest {
    static final Domain BOX = Domain.interval1dTime(0, 1, 0, 1);

    static PdeSpec burgersLike() {
        return PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
                .domain(BOX)
                .unknown("a", 1)
                .unknown("b", 0.1)
                .build();
    }

    static Pinn net() {
        return Pinn.builder(BOX).hidden(16, 16).seed(3).build();
    }

    static Grid grid(int nt, int nx) {
        return new Grid(List.of("t", "x"), List.of(Grid.uniform(0, 1, nt), Grid.uniform(0, 1, nx)));
    }

    static GridField zeros(Grid g) {
        return new GridField("test", "u", g.axisNames(), g.axes(), new double[g.size()], Map.of(), "");
    }

    static Evaluation eval(DerivativeRoute r, Pinn net, Grid g) {
        return r.prepare(net, burgersLike(), g, Map.of("u", Observations.grid(zeros(g))))
                .evaluate();
    }

    static double maxAbs(Tensor t) {
        double m = 0;
        for (double v : t.toDoubleArray()) m = Math.max(m, Math.abs(v));
        return m;
    }

    static double relErr(Var a, Var b) {
        return maxAbs(a.value()
                        .reshape(b.value().numel())
                        .sub(b.value().reshape(b.value().numel())))
                / maxAbs(b.value());
    }

    @Test
    void finiteDifferencesAgreeWithAutodiffToSecondOrder() {
        Pinn net = net();
        double prev = Double.NaN;
        for (int n : new int[] {21, 41}) {
            Grid g = grid(n, n);
            Evaluation ad = eval(DerivativeRoute.autodiff(), net, g);
            Evaluation fd = eval(DerivativeRoute.finiteDifferences(), net, g);
            assertEquals(0, relErr(fd.derivative("u"), ad.derivative("u")), 1e-13);
            double e = 0;
            for (String d : new String[] {"u_x", "u_t", "u_xx"})
                e = Math.max(e, relErr(fd.derivative(d), ad.derivative(d)));
            assertTrue(e < 2e-2, "FD vs autodiff at n = " + n + ": " + e);
            if (!Double.isNaN(prev)) assertTrue(e < prev / 3, "second order: " + prev + " → " + e);
            prev = e;
        }
    }

    @Test
    void mollifierDerivativesAreDifferencesOfItsOwnUhat() {
        Pinn net = net();
        Grid g = grid(41, 61);
        Evaluation m = eval(DerivativeRoute.mollifier(0.1).build(), net, g);
        Var u = m.derivative("u");
        assertEquals(List.of(41, 61), List.of(u.shape()[0], u.shape()[1]));
        double ht = g.spacing(0), hx = g.spacing(1);
        Var inner = u.narrow(0, 1, 39).narrow(1, 1, 59);
        Var ut = u.narrow(0, 2, 39)
                .narrow(1, 1, 59)
                .sub(u.narrow(0, 0, 39).narrow(1, 1, 59))
                .mul(0.5 / ht);
        Var uxx = u.narrow(0, 1, 39)
                .narrow(1, 2, 59)
                .add(u.narrow(0, 1, 39).narrow(1, 0, 59))
                .sub(inner.mul(2))
                .mul(1 / (hx * hx));
        assertEquals(0, relErr(m.derivative("u_t").narrow(0, 1, 39).narrow(1, 1, 59), ut), 1e-9);
        assertEquals(0, relErr(m.derivative("u_xx").narrow(0, 1, 39).narrow(1, 1, 59), uxx), 1e-9);
        // and close to the exact derivatives of the network: the smoothing bias is O(δ²)
        Evaluation ad = eval(DerivativeRoute.autodiff(), net, g);
        for (String d : new String[] {"u", "u_x", "u_t"}) {
            double e = relErr(m.derivative(d), ad.derivative(d));
            assertTrue(e < 0.05, d + ": mollifier vs autodiff " + e);
        }
    }

    @Test
    void mollifierHaloCoversTheWindowAndStencil() {
        Pinn net = net();
        Grid g = grid(21, 41); // h_t = 0.05, h_x = 0.025
        DerivativeRoute.Prepared p = DerivativeRoute.mollifier(0.1)
                .build()
                .prepare(net, burgersLike(), g, Map.of("u", Observations.grid(zeros(g))));
        // M = ⌈δ/h⌉ = 2, 4; the highest orders are u_t (p = 1) and u_xx (p = 1)
        assertTrue(p.describe().contains("window ±[2, 4]") && p.describe().contains("halo [3, 5]"), p.describe());
        // 21 + 2·3 by 41 + 2·5 nodes, named by axis
        assertTrue(p.describe().contains("network evaluated on 27 t × 51 x (the grid and its halo)"), p.describe());
        assertEquals(0.1, p.state().get("delta"), 1e-12);
        assertEquals(0, p.parameters().size());
        DerivativeRoute.Prepared learn = DerivativeRoute.mollifier(0.1)
                .learnable(true)
                .build()
                .prepare(net, burgersLike(), g, Map.of("u", Observations.grid(zeros(g))));
        assertEquals(1, learn.parameters().size());
        assertTrue(learn.describe().contains("window ±[3, 6]"), learn.describe()); // room for δ up to 1.5·δ₀
    }

    @Test
    void unknownFieldsAreBoundOnTheCollocationNodesByEveryRoute() {
        PdeSpec spec =
                PdeSpec.parse("u_t = k(x,t)*u_xx").domain(BOX).unknownField("k").build();
        Grid g = grid(11, 21);
        for (Pinn net : List.of(
                Pinn.builder(BOX).unknownFields("k").seed(1).build(),
                Pinn.builder(BOX)
                        .unknownFields("k")
                        .separateUnknownNetwork(8)
                        .fourierFeatures(8, 1.0)
                        .seed(1)
                        .build())) {
            assertEquals(List.of("u", "k"), net.outputs());
            Var raw = net.forward(Var.constant(g.points(net.coordinates())));
            for (DerivativeRoute r : List.of(
                    DerivativeRoute.autodiff(),
                    DerivativeRoute.finiteDifferences(),
                    DerivativeRoute.mollifier(0.15).build())) {
                Evaluation ev = r.prepare(net, spec, g, Map.of("u", Observations.grid(zeros(g))))
                        .evaluate();
                Var k = ev.bindings().unknownFields().get("k");
                assertEquals(g.size(), k.value().numel(), r.name());
                // the unknown field is the network's raw output at the nodes, whatever the route
                assertEquals(0, relErr(k, net.output(raw, "k")), 1e-13, r.name());
                assertEquals(
                        g.size(),
                        spec.residual(ev.bindings(), spec.unknownParameters())
                                .value()
                                .numel(),
                        r.name());
            }
        }
    }

    @Test
    void gridDataMustLiveOnTheCollocationGrid() {
        Grid g = grid(11, 11);
        Grid other = grid(11, 21);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DerivativeRoute.finiteDifferences()
                        .prepare(net(), burgersLike(), g, Map.of("u", Observations.grid(zeros(other)))));
        assertTrue(e.getMessage().contains("pass the data as points"), e.getMessage());
    }

    /** A field whose derivatives are of lower order than another's (u_t only, v_xx only) gets its own halo. */
    @Test
    void fieldsWithDerivativesOfDifferentOrdersShareTheGrid() {
        PdeSpec spec = PdeSpec.parse("u_t = D*v_xx").domain(BOX).unknown("D", 1).build();
        Pinn net = Pinn.builder(BOX).fields("u", "v").hidden(8).seed(4).build();
        Grid g = grid(21, 33);
        for (DerivativeKernels.Method k : new DerivativeKernels.Method[] {
            DerivativeKernels.Method.DIFFERENCES, DerivativeKernels.Method.ANALYTIC_MOMENTS
        }) {
            Evaluation ev = DerivativeRoute.mollifier(Map.of("t", 0.2, "x", 0.15))
                    .method(k)
                    .build()
                    .prepare(net, spec, g, Map.of("u", Observations.grid(zeros(g))))
                    .evaluate();
            assertEquals(
                    List.of(21, 33),
                    List.of(
                            ev.derivative("u_t").shape()[0],
                            ev.derivative("u_t").shape()[1]));
            assertEquals(
                    List.of(21, 33),
                    List.of(
                            ev.derivative("v_xx").shape()[0],
                            ev.derivative("v_xx").shape()[1]));
            assertEquals(
                    1, spec.residuals(ev.bindings(), spec.unknownParameters()).size());
        }
    }
}
