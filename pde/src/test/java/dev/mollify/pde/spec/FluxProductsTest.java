package dev.mollify.pde.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which products {@code c·u·u_x} are flux terms, and how a bound flux replaces them in the residual. */
class FluxProductsTest {

    private static Set<FluxProducts.Term> terms(String pde) {
        PdeSpec.Builder b = PdeSpec.parse(pde); // declare only the names the text uses
        if (pde.matches(".*\\ba\\b.*")) b.unknown("a", 1);
        if (pde.matches(".*\\bb\\b.*")) b.unknown("b", 1);
        if (pde.matches(".*\\bc\\b.*")) b.constant("c", 2);
        return b.build().fluxTerms();
    }

    private static FluxProducts.Term t(String f, String c) {
        return new FluxProducts.Term(f, c);
    }

    @Test
    void advectionProductsWithConstantFactorsAreFluxTerms() {
        assertEquals(Set.of(t("u", "x")), terms("u_t + a*u*u_x - b*u_xx = 0"));
        assertEquals(Set.of(t("u", "x")), terms("u_t = -u_x*u*c*2 + b*u_xx"));
        assertEquals(Set.of(t("u", "x")), terms("u_t + -a*(u*u_x) + u_xxx = 0"));
        assertEquals(Set.of(t("u", "x")), terms("u_t + exp(a)*u*u_x + b*u_xx + u_xxxx = 0"));
        assertEquals(Set.of(t("u", "t"), t("u", "x")), terms("u*u_t + u*u_x = b*u_xx"));
    }

    @Test
    void productsThatAreNotFluxesStayAsTheyAre() {
        assertEquals(Set.of(), terms("u_t + x*u*u_x = b*u_xx")); // varies with x
        assertEquals(Set.of(), terms("u_t + u*u_xx = 0")); // second derivative
        assertEquals(Set.of(), terms("u_t + u*u_x*u_x = 0")); // another field factor
        assertEquals(Set.of(), terms("u_t + u^2*u_x = b*u_xx")); // u² u_x is (u³/3)_x, not matched
        assertEquals(
                Set.of(),
                PdeSpec.parse("u_t + u*v_x = 0").fields("u", "v").build().fluxTerms());
        assertEquals(
                Set.of(),
                PdeSpec.parse("u_t + k(x)*u*u_x = 0")
                        .unknownField("k", "x")
                        .build()
                        .fluxTerms());
    }

    private static final String NAVIER_STOKES = "u_t + l1*(u*u_x + v*u_y) = -p_x + l2*(u_xx + u_yy); "
            + "v_t + l1*(u*v_x + v*v_y) = -p_y + l2*(v_xx + v_yy); u_x + v_y = 0";

    private static PdeSpec navierStokes(String text) {
        return PdeSpec.parse(text)
                .fields("u", "v", "p")
                .unknown("l1", 1)
                .unknown("l2", 0.01)
                .build();
    }

    private static FluxProducts.Term d(String carrier, String field, String c) {
        return new FluxProducts.Term(carrier, field, c, 1);
    }

    @Test
    void aDivergenceFreeVelocityBindsWholeAdvectionSumsInDivergenceForm() {
        PdeSpec ns = navierStokes(NAVIER_STOKES);
        assertEquals(Map.of("x", "u", "y", "v"), FluxProducts.divergenceFree(ns));
        assertEquals(
                List.of(d("u", "u", "x"), d("v", "u", "y"), d("u", "v", "x"), d("v", "v", "y")),
                List.copyOf(ns.fluxTerms()));
        assertEquals("[(u²)_x, (v·u)_y, (u·v)_x, (v²)_y]", ns.fluxTerms().toString());
        // the factor may sit on each product, the sign on the sum, the constraint on either side
        PdeSpec spread = navierStokes("u_t - l1*u*u_x - l1*v*u_y = -p_x + l2*u_xx; v_t = -p_y; 0 = -u_x - v_y");
        assertEquals(List.of(d("u", "u", "x"), d("v", "u", "y")), List.copyOf(spread.fluxTerms()));
    }

    @Test
    void anIncompleteAdvectionSumOrNoConstraintKeepsTheSelfFluxOnly() {
        // no continuity equation: only the identity u·u_x = ½(u²)_x applies
        PdeSpec open = navierStokes("u_t + l1*(u*u_x + v*u_y) = -p_x + l2*u_xx; v_t + l1*(u*v_x + v*v_y) = -p_y");
        assertEquals(List.of(t("u", "x"), t("v", "y")), List.copyOf(open.fluxTerms()));
        assertEquals(Map.of(), FluxProducts.divergenceFree(open));
        // v·u_y missing from the sum: dropping −u·(u_x + v_y) would not be exact
        PdeSpec partial =
                navierStokes("u_t + l1*u*u_x = -p_x; v_t + l1*(u*v_x + v*v_y) = -p_y + l2*v_xx; u_x + v_y = 0");
        assertEquals(List.of(t("u", "x"), d("u", "v", "x"), d("v", "v", "y")), List.copyOf(partial.fluxTerms()));
        // different factors on the two products are not one advection
        PdeSpec mixed = navierStokes("u_t + l1*u*u_x + l2*v*u_y = -p_x; v_t = -p_y; u_x + v_y = 0");
        assertEquals(List.of(t("u", "x")), List.copyOf(mixed.fluxTerms()));
        // a constraint with a factor, a second derivative, a time derivative, or one field twice is not a divergence
        for (String c : List.of(
                "u_t + v_y = 0",
                "2*u_x + v_y = 0",
                "u_x + v_yy = 0",
                "u_x + u_y = 0",
                "u_x + v_y = 1",
                "u_x - v_y = 0")) {
            PdeSpec s = navierStokes("u_t + l1*(u*u_x + v*u_y) = -p_x + l2*u_xx; v_t = -p_y; " + c);
            assertEquals(Map.of(), FluxProducts.divergenceFree(s), c);
        }
    }

    @Test
    void aBoundDivergenceFluxReplacesItsProduct() {
        PdeSpec s = navierStokes("u_t + l1*(u*u_x + v*u_y) = 0; v_t = -p_y + l2*v_xx; u_x + v_y = 0");
        Var one = Var.constant(Tensor.of(new double[] {1, 1}, 2));
        Var zero = Var.constant(Tensor.of(new double[] {0, 0}, 2));
        Bindings b = Bindings.create().field("u", one).field("v", one).field("p", zero);
        for (String p : List.of("u_t", "u_x", "u_y", "v_t", "v_x", "v_y", "v_xx", "p_y")) b.derivative(p, zero);
        b.flux(d("u", "u", "x"), Var.constant(Tensor.of(new double[] {3, 4}, 2)));
        b.flux(d("v", "u", "y"), Var.constant(Tensor.of(new double[] {10, 20}, 2)));
        assertArrayEquals(
                new double[] {13, 24},
                s.residuals(b, s.unknownParameters()).get(0).value().toDoubleArray(),
                1e-12);
    }

    @Test
    void aBoundFluxReplacesTheProduct() {
        PdeSpec s = PdeSpec.parse("u_t - 3*a*u*u_x = 0").unknown("a", 2).build();
        Var u = Var.constant(Tensor.of(new double[] {1, 2, 3}, 3));
        Var ux = Var.constant(Tensor.of(new double[] {10, 20, 30}, 3));
        Var ut = Var.constant(Tensor.of(new double[] {0, 0, 0}, 3));
        Bindings strong = Bindings.create().field("u", u).derivative("u_x", ux).derivative("u_t", ut);
        assertArrayEquals(
                new double[] {-60, -240, -540},
                s.residual(strong, s.unknownParameters()).value().toDoubleArray(),
                1e-12);
        Var flux = Var.constant(Tensor.of(new double[] {5, 6, 7}, 3));
        Bindings weak = Bindings.create()
                .field("u", u)
                .derivative("u_x", ux)
                .derivative("u_t", ut)
                .flux(t("u", "x"), flux);
        assertArrayEquals(
                new double[] {-30, -36, -42},
                s.residual(weak, s.unknownParameters()).value().toDoubleArray(),
                1e-12);
        assertEquals(List.of(t("u", "x")), List.copyOf(s.fluxTerms()));
    }
}
