package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link DerivativeRoute#named}: every listed name builds the route that reports that name; others are refused. */
class RouteByNameTest {
    @Test
    void everyNameBuildsTheRouteThatReportsIt() {
        for (String name : DerivativeRoute.NAMES) {
            DerivativeRoute r = DerivativeRoute.named(
                    name, () -> DerivativeRoute.mollifier(0.1).build());
            assertEquals(name, r.name());
        }
        assertInstanceOf(Autodiff.class, DerivativeRoute.named("autodiff", null));
        assertInstanceOf(FiniteDifference.class, DerivativeRoute.named("fd", null));
    }

    @Test
    void theMollifierIsTheSuppliedOneAndTheSupplierRunsOnlyForIt() {
        MollifierRoute m = DerivativeRoute.mollifier(0.2).learnable(true).build();
        AtomicInteger calls = new AtomicInteger();
        assertSame(m, DerivativeRoute.named("mollifier", () -> {
            calls.incrementAndGet();
            return m;
        }));
        DerivativeRoute.named("autodiff", () -> {
            calls.incrementAndGet();
            return m;
        });
        assertEquals(1, calls.get());
    }

    @Test
    void unknownNamesAndAMissingMollifierAreRefusedWithTheFix() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DerivativeRoute.named("Mollifier", null));
        assertTrue(
                e.getMessage().contains("'Mollifier'") && e.getMessage().contains("mollifier, autodiff, fd"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DerivativeRoute.named(null, null));
        e = assertThrows(IllegalArgumentException.class, () -> DerivativeRoute.named("mollifier", null));
        assertTrue(e.getMessage().contains("widths"), e.getMessage());
        assertFalse(DerivativeRoute.NAMES.contains("Mollifier"));
    }
}
