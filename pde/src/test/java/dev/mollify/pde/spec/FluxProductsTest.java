package dev.mollify.pde.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.List;
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
