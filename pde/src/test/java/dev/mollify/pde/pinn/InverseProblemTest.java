package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.HeatSolver;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wiring of spec + data + route + model, on a small heat problem; the accuracy test is HeatInverseTest. */
class InverseProblemTest {
    static final Domain BOX = Domain.interval1dTime(0, 1, 0, 1);

    static PdeSpec heat() {
        return PdeSpec.parse("u_t = D*u_xx").domain(BOX).unknown("D", 0.05).build();
    }

    static GridField data() {
        return HeatSolver.defaultData(17, 9);
    }

    static InverseProblem problem(DerivativeRoute route, Observations obs, Grid grid) {
        Pinn net = Pinn.builder(BOX).hidden(8, 8).seed(2).build();
        InverseProblem.Builder b =
                InverseProblem.builder(heat(), net).observe("u", obs).route(route);
        if (grid != null) b.grid(grid);
        return b.build();
    }

    @Test
    void everyRouteAndDataFormTrains() {
        GridField u = data();
        Grid g = Grid.of(u);
        boolean[] mask = new boolean[u.size()];
        for (int i = 0; i < mask.length; i++) mask[i] = i % 4 != 1;
        List<Observations> forms = List.of(
                Observations.grid(u),
                Observations.masked(u, mask),
                Observations.points(Sampling.randomPoints(u, 60, 5)));
        for (DerivativeRoute r : List.of(
                DerivativeRoute.autodiff(),
                DerivativeRoute.finiteDifferences(),
                DerivativeRoute.mollifier(0.2).learnable(true).build())) {
            for (Observations o : forms) {
                InverseProblem p = problem(r, o, o.scattered() ? g : null);
                InverseProblem.Loss l0 = p.loss();
                assertEquals(o.count(), l0.evaluation().atData().get("u").shape()[0]);
                double before = l0.total().item();
                dev.mollify.autograd.train.TrainingResult fit = p.fit(30, 1e-2, 0);
                double after = p.loss().total().item();
                assertTrue(after < before, r.name() + " " + o.count() + ": " + before + " → " + after);
                assertNotEquals(0.05, fit.unknowns().get("D"));
                if (r instanceof MollifierRoute) {
                    double delta = fit.unknowns().get("delta");
                    assertTrue(
                            delta != 0.2 && delta > 0.1 && delta < 0.3, "learnable δ moved and stayed sane: " + delta);
                }
            }
        }
    }

    @Test
    void lossTermsAndStepCostAreReported() {
        InverseProblem p = problem(DerivativeRoute.mollifier(0.2).build(), Observations.grid(data()), null);
        InverseProblem.Loss l = p.loss();
        assertEquals(List.of("data", "residual"), List.copyOf(l.terms().keySet()));
        assertEquals(
                l.terms().get("data").item() + l.terms().get("residual").item(),
                l.total().item(),
                1e-15);
        InverseProblem.StepCost c = p.measureStep(1);
        assertTrue(c.seconds() > 0 && c.allocatedBytes() > 0 && c.peakLiveBytes() > 0, c.toString());
        assertEquals(List.of("D"), List.copyOf(p.report().keySet()));
        AlgebraicRecovery.Result r = p.recoverSeparable("u_t", "u_xx", 0.2);
        assertTrue(r.kept() > 0);
    }

    @Test
    void mistakesAreNamed() {
        Pinn net = Pinn.builder(BOX).fields("v").build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> InverseProblem.builder(heat(), net)
                        .observe("v", Observations.grid(data()))
                        .route(DerivativeRoute.autodiff())
                        .build());
        assertTrue(e.getMessage().contains("'u'"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> InverseProblem.builder(heat(), Pinn.builder(BOX).build())
                        .observe("u", Observations.grid(data()))
                        .build());
        assertTrue(e.getMessage().contains("choose a route"), e.getMessage());
    }

    /**
     * The observed fields keep the order they were given in: their order decides the order of sums and of random
     * draws (the data-only pre-fit's subsets), so an order that changed from one JVM to the next would change the
     * fit's bits.
     */
    @Test
    void observedFieldsKeepTheirOrder() {
        List<String> order = List.of("f", "b", "e", "a", "d", "c");
        StringBuilder text = new StringBuilder();
        for (String f : order) text.append(f).append("_t = ").append(f).append("_xx; ");
        PdeSpec spec =
                PdeSpec.parse(text.substring(0, text.length() - 2)).domain(BOX).build();
        Pinn net = Pinn.builder(BOX)
                .fields(order.toArray(new String[0]))
                .hidden(4)
                .seed(2)
                .build();
        InverseProblem.Builder b = InverseProblem.builder(spec, net).route(DerivativeRoute.autodiff());
        for (String f : order) b.observe(f, Observations.grid(data())).fieldScale(f, 1);
        InverseProblem p = b.build();
        assertEquals(order, List.copyOf(p.observations().keySet()));
    }
}
