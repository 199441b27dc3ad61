package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.HeatSolver;
import dev.mollify.pde.forward.PointSet;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The optional "boundary" and "initial" loss terms of {@link InverseProblem}: absent unless given,
 * equal to mean((u − y)²) of the field the route binds (û on the mollifier route) at the given nodes,
 * weighted into the total, trained down by a fit, and named in every mistake.
 */
class BoundaryTermsTest {
    static final Domain BOX = Domain.interval1dTime(0, 1, 0, 1);

    static PdeSpec heat() {
        return PdeSpec.parse("u_t = D*u_xx").domain(BOX).unknown("D", 0.05).build();
    }

    static GridField data() {
        return HeatSolver.defaultData(17, 9);
    }

    static InverseProblem.Builder builder(DerivativeRoute r) {
        return InverseProblem.builder(
                        heat(), Pinn.builder(BOX).hidden(8, 8).seed(2).build())
                .observe("u", Observations.grid(data()))
                .route(r);
    }

    @Test
    void termsArePresentOnlyWhenGiven() {
        assertEquals(
                List.of("data", "residual"),
                List.copyOf(builder(DerivativeRoute.autodiff())
                        .build()
                        .loss()
                        .terms()
                        .keySet()));
        GridField u = data();
        InverseProblem p = builder(DerivativeRoute.autodiff())
                .initial("u", BoundaryData.initial(u))
                .build();
        assertEquals(
                List.of("data", "residual", "initial"),
                List.copyOf(p.loss().terms().keySet()));
        // fixed order whatever the call order
        InverseProblem q = builder(DerivativeRoute.autodiff())
                .initial("u", BoundaryData.initial(u))
                .boundary("u", BoundaryData.edges(u, "x"))
                .build();
        assertEquals(
                List.of("data", "residual", "boundary", "initial"),
                List.copyOf(q.loss().terms().keySet()));
    }

    @Test
    void theTermsCompareTheBoundFieldAtTheGivenNodes() {
        GridField u = data(); // (t, x) = 9 × 17
        double[] y = u.values();
        for (DerivativeRoute r : List.of(
                DerivativeRoute.mollifier(0.2).build(),
                DerivativeRoute.autodiff(),
                DerivativeRoute.finiteDifferences())) {
            InverseProblem p = builder(r)
                    .initial("u", BoundaryData.initial(u))
                    .boundary("u", BoundaryData.edges(u, "x"))
                    .weight("boundary", 3)
                    .weight("initial", 0.5)
                    .build();
            InverseProblem.Loss l = p.loss();
            double[] field = l.evaluation().derivative("u").value().toDoubleArray(); // row-major (t, x)
            double init = 0, edge = 0;
            for (int j = 0; j < 17; j++) init += sq(field[j] - y[j]) / 17;
            for (int i = 0; i < 9; i++) {
                edge += sq(field[i * 17] - y[i * 17]) / 18;
                edge += sq(field[i * 17 + 16] - y[i * 17 + 16]) / 18;
            }
            assertEquals(init, l.terms().get("initial").item(), 1e-14 * Math.max(1, init), r.name());
            assertEquals(edge, l.terms().get("boundary").item(), 1e-14 * Math.max(1, edge), r.name());
            double total =
                    l.terms().get("data").item() + l.terms().get("residual").item() + 3 * edge + 0.5 * init;
            assertEquals(total, l.total().item(), 1e-12 * total, r.name());
            assertEquals(3, p.weight("boundary"));
            assertEquals(0.5, p.weight("initial"));
        }
    }

    @Test
    void scatteredInitialPointsAreTheNetworkItselfOnTheAutodiffRoute() {
        // u(x, 0) at off-grid x: autodiff evaluates the network there, grid routes interpolate the bound field
        double[] xs = {0.03, 0.41, 0.77};
        double[] rows = new double[9];
        for (int i = 0; i < 3; i++) {
            rows[3 * i] = xs[i];
            rows[3 * i + 2] = Math.sin(Math.PI * xs[i]);
        }
        PointSet pts = new PointSet("init", List.of("x", "t", "u"), rows, Map.of(), "");
        Pinn net = Pinn.builder(BOX).hidden(8, 8).seed(2).build();
        InverseProblem p = InverseProblem.builder(heat(), net)
                .observe("u", Observations.grid(data()))
                .route(DerivativeRoute.autodiff())
                .initial("u", Observations.points(pts))
                .build();
        Var at = net.output(net.forward(Var.constant(dev.mollify.tensor.Tensor.of(rows(xs), 3, 2))), "u");
        double expect = 0;
        for (int i = 0; i < 3; i++) expect += sq(at.value().toDoubleArray()[i] - rows[3 * i + 2]) / 3;
        assertEquals(expect, p.loss().terms().get("initial").item(), 1e-14);
        InverseProblem m = InverseProblem.builder(heat(), net)
                .observe("u", Observations.grid(data()))
                .route(DerivativeRoute.mollifier(0.2).build())
                .initial("u", Observations.points(pts))
                .build();
        assertTrue(m.loss().terms().get("initial").item() > 0);
    }

    @Test
    void aFitTrainsTheInitialTermDown() {
        GridField u = data();
        InverseProblem p = builder(DerivativeRoute.mollifier(0.2).build())
                .initial("u", BoundaryData.initial(u))
                .weight("initial", 10)
                .build();
        double before = p.loss().terms().get("initial").item();
        p.fit(60, 1e-2, 0);
        double after = p.loss().terms().get("initial").item();
        assertTrue(after < 0.5 * before, before + " → " + after);
        // Trainer's view: the adapter passes the term through, unweighted
        assertTrue(new InverseLossModel(p).loss().asMap().containsKey("initial"));
    }

    @Test
    void boundaryDataSelectsTheRightNodes() {
        GridField u = data();
        assertEquals(17, BoundaryData.initial(u).count());
        assertEquals(18, BoundaryData.edges(u, "x").count());
        assertEquals(34, BoundaryData.edges(u, "t").count());
        assertArrayEquals(
                java.util.Arrays.copyOf(u.values(), 17),
                BoundaryData.initial(u).targets().toDoubleArray(),
                0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoundaryData.edges(u, "y"));
        assertTrue(e.getMessage().contains("no axis 'y'"), e.getMessage());
    }

    @Test
    void mistakesAreNamed() {
        GridField u = data();
        IllegalArgumentException field = assertThrows(
                IllegalArgumentException.class,
                () -> builder(DerivativeRoute.autodiff())
                        .boundary("v", BoundaryData.edges(u, "x"))
                        .build());
        assertTrue(field.getMessage().contains("boundary data for 'v'"), field.getMessage());
        IllegalArgumentException weight = assertThrows(
                IllegalArgumentException.class,
                () -> builder(DerivativeRoute.autodiff()).weight("initial", 2).build());
        assertTrue(weight.getMessage().contains("no initial data"), weight.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> builder(DerivativeRoute.autodiff()).weight("bounday", 2));
        assertThrows(
                IllegalArgumentException.class,
                () -> builder(DerivativeRoute.autodiff()).weight("data", -1));
        IllegalArgumentException other = assertThrows(
                IllegalArgumentException.class,
                () -> builder(DerivativeRoute.finiteDifferences())
                        .initial("u", BoundaryData.initial(HeatSolver.defaultData(9, 9)))
                        .build());
        assertTrue(other.getMessage().contains("collocation grid"), other.getMessage());
        IllegalArgumentException term = assertThrows(
                IllegalArgumentException.class,
                () -> builder(DerivativeRoute.autodiff()).build().weight("initial"));
        assertTrue(term.getMessage().contains("terms are data, residual"), term.getMessage());
    }

    static double[] rows(double[] xs) {
        double[] r = new double[2 * xs.length];
        for (int i = 0; i < xs.length; i++) r[2 * i] = xs[i]; // columns (x, t), t = 0
        return r;
    }

    static double sq(double v) {
        return v * v;
    }
}
