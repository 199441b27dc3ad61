package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.HeatSolver;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-axis widths on the mollifier route: {@code mollifier(Map.of("t", δ_t, "x", δ_x))} and
 * {@code .width("t", δ_t)}. Equal widths reproduce the shared-width route bit for bit; different
 * widths size each axis's window from its own δ, keep the derivatives the central differences of û,
 * and (learnable) give one trainable width per axis; missing or foreign axis names are rejected.
 */
class PerAxisWidthRouteTest {
    static final Domain BOX = Domain.interval1dTime(0, 1, 0, 1);

    static PdeSpec burgersLike() {
        return PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
                .domain(BOX)
                .unknown("a", 1)
                .unknown("b", 0.1)
                .build();
    }

    static Grid grid(int nt, int nx) {
        return new Grid(List.of("t", "x"), List.of(Grid.uniform(0, 1, nt), Grid.uniform(0, 1, nx)));
    }

    static Map<String, Observations> zeros(Grid g) {
        return Map.of(
                "u",
                Observations.grid(
                        new GridField("test", "u", g.axisNames(), g.axes(), new double[g.size()], Map.of(), "")));
    }

    static Pinn net() {
        return Pinn.builder(BOX).hidden(16, 16).seed(3).build();
    }

    @Test
    void equalPerAxisWidthsReproduceTheSharedRoute() {
        Grid g = grid(21, 41);
        Pinn net = net();
        Evaluation shared = DerivativeRoute.mollifier(0.15)
                .build()
                .prepare(net, burgersLike(), g, zeros(g))
                .evaluate();
        Evaluation each = DerivativeRoute.mollifier(Map.of("t", 0.15, "x", 0.15))
                .build()
                .prepare(net, burgersLike(), g, zeros(g))
                .evaluate();
        for (String d : new String[] {"u", "u_t", "u_x", "u_xx"}) {
            assertArrayEquals(
                    shared.derivative(d).value().toDoubleArray(),
                    each.derivative(d).value().toDoubleArray(),
                    0.0,
                    d);
        }
    }

    @Test
    void eachAxisGetsItsOwnWindowAndTheDerivativesStayDifferencesOfUhat() {
        Grid g = grid(21, 81); // h_t = 0.05, h_x = 0.0125
        Pinn net = net();
        DerivativeRoute r = DerivativeRoute.mollifier(0.1).width("x", 0.05).build(); // t keeps the shared 0.1
        DerivativeRoute.Prepared p = r.prepare(net, burgersLike(), g, zeros(g));
        // M = ⌈δ_a/h_a⌉ = 2 (t), 4 (x); p = 1 on both axes (u_t, u_xx)
        assertTrue(
                p.describe().contains("t 0.1000, x 0.05000")
                        && p.describe().contains("window ±[2, 4]")
                        && p.describe().contains("halo [3, 5]"),
                p.describe());
        assertEquals(Map.of("delta.t", 0.1, "delta.x", 0.05), roundedState(p));
        Evaluation m = p.evaluate();
        Var u = m.derivative("u");
        double ht = g.spacing(0), hx = g.spacing(1);
        int nt = 19, nx = 79;
        Var ut = u.narrow(0, 2, nt)
                .narrow(1, 1, nx)
                .sub(u.narrow(0, 0, nt).narrow(1, 1, nx))
                .mul(0.5 / ht);
        Var uxx = u.narrow(0, 1, nt)
                .narrow(1, 2, nx)
                .add(u.narrow(0, 1, nt).narrow(1, 0, nx))
                .sub(u.narrow(0, 1, nt).narrow(1, 1, nx).mul(2))
                .mul(1 / (hx * hx));
        assertEquals(0, RoutesTest.relErr(m.derivative("u_t").narrow(0, 1, nt).narrow(1, 1, nx), ut), 1e-9);
        assertEquals(0, RoutesTest.relErr(m.derivative("u_xx").narrow(0, 1, nt).narrow(1, 1, nx), uxx), 1e-9);
        // the narrower x kernel smooths less than the shared 0.1: û_xx is closer to the network's own u_xx
        Evaluation ad = RoutesTest.eval(DerivativeRoute.autodiff(), net, g);
        Evaluation wide = RoutesTest.eval(DerivativeRoute.mollifier(0.1).build(), net, g);
        assertTrue(RoutesTest.relErr(m.derivative("u_xx"), ad.derivative("u_xx"))
                < RoutesTest.relErr(wide.derivative("u_xx"), ad.derivative("u_xx")));
    }

    @Test
    void learnablePerAxisWidthsTrainSeparately() {
        GridField data = HeatSolver.defaultData(17, 17);
        PdeSpec heat =
                PdeSpec.parse("u_t = D*u_xx").domain(BOX).unknown("D", 0.05).build();
        InverseProblem p = InverseProblem.builder(
                        heat, Pinn.builder(BOX).hidden(8, 8).seed(2).build())
                .observe("u", Observations.grid(data))
                .route(DerivativeRoute.mollifier(Map.of("t", 0.2, "x", 0.15))
                        .learnable(true)
                        .build())
                .build();
        assertEquals(2, p.route().parameters().size());
        assertEquals(List.of("D", "delta.t", "delta.x"), List.copyOf(p.report().keySet()));
        p.fit(30, 1e-2, 0);
        Map<String, Double> after = p.report();
        assertNotEquals(0.2, after.get("delta.t"));
        assertNotEquals(0.15, after.get("delta.x"));
        assertNotEquals(after.get("delta.t") - 0.2, after.get("delta.x") - 0.15, "the two widths move independently");
    }

    @Test
    void missingAndForeignAxesAreNamed() {
        Grid g = grid(11, 11);
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> DerivativeRoute.mollifier(Map.of("x", 0.2)).build().prepare(net(), burgersLike(), g, zeros(g)));
        assertTrue(missing.getMessage().contains("no mollifier width for axis 't'"), missing.getMessage());
        IllegalArgumentException foreign = assertThrows(
                IllegalArgumentException.class,
                () -> DerivativeRoute.mollifier(0.2)
                        .width("y", 0.2)
                        .build()
                        .prepare(net(), burgersLike(), g, zeros(g)));
        assertTrue(foreign.getMessage().contains("axis 'y'"), foreign.getMessage());
        IllegalArgumentException tooSmall = assertThrows(
                IllegalArgumentException.class,
                () -> DerivativeRoute.mollifier(Map.of("t", 0.2, "x", 0.05))
                        .build()
                        .prepare(net(), burgersLike(), g, zeros(g)));
        assertTrue(tooSmall.getMessage().contains("axis 1"), tooSmall.getMessage()); // x: δ = 0.05 ≤ h = 0.1
        assertThrows(
                IllegalArgumentException.class,
                () -> DerivativeRoute.mollifier(Map.of("t", -1.0)).build());
        assertThrows(IllegalArgumentException.class, () -> DerivativeRoute.mollifier(Map.of()));
    }

    static Map<String, Double> roundedState(DerivativeRoute.Prepared p) {
        Map<String, Double> s = new java.util.LinkedHashMap<>();
        p.state().forEach((k, v) -> s.put(k, Math.round(v * 1e12) / 1e12));
        return s;
    }
}
