package dev.mollify.pde.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.pde.spec.Expr.Binary;
import dev.mollify.pde.spec.Expr.Derivative;
import dev.mollify.pde.spec.Expr.FieldCall;
import dev.mollify.pde.spec.Expr.Fn;
import dev.mollify.pde.spec.Expr.Func;
import dev.mollify.pde.spec.Expr.Laplacian;
import dev.mollify.pde.spec.Expr.Neg;
import dev.mollify.pde.spec.Expr.Num;
import dev.mollify.pde.spec.Expr.Op;
import dev.mollify.pde.spec.Expr.Symbol;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The five test equations (heat, Burgers, KS, steady 2-D heat, Langevin): trees, inferred coordinates and fields, required derivatives. */
class ParseTest {

    private static Expr sym(String n) {
        return new Symbol(n);
    }

    private static Expr d(String text) {
        return new Derivative(Partial.parse(text));
    }

    private static Expr bin(Op op, Expr a, Expr b) {
        return new Binary(op, a, b);
    }

    private static List<Partial> partials(String... texts) {
        return java.util.Arrays.stream(texts).map(Partial::parse).toList();
    }

    @Test
    void burgers() {
        PdeSpec s = PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
                .unknown("a", 0.0)
                .unknownPositive("b", 0.01)
                .build();
        Expr lhs = bin(
                Op.SUB,
                bin(Op.ADD, d("u_t"), bin(Op.MUL, bin(Op.MUL, sym("a"), sym("u")), d("u_x"))),
                bin(Op.MUL, sym("b"), d("u_xx")));
        assertEquals(List.of(new Equation(lhs, new Num(0))), s.equations());
        assertEquals(List.of("x", "t"), s.coordinates());
        assertEquals(List.of("x"), s.spaceCoordinates());
        assertEquals("t", s.timeCoordinate().orElseThrow());
        assertEquals(List.of("u"), s.fields());
        assertEquals(Map.of("u", partials("u", "u_x", "u_t", "u_xx")), s.requiredDerivatives());
        assertEquals("u_t + a*u*u_x - b*u_xx = 0", s.toString());
    }

    @Test
    void heat() {
        PdeSpec s = PdeSpec.parse("u_t = D*u_xx").unknownPositive("D", 0.5).build();
        assertEquals(
                new Equation(d("u_t"), bin(Op.MUL, sym("D"), d("u_xx"))),
                s.equations().get(0));
        assertEquals(Map.of("u", partials("u_t", "u_xx")), s.requiredDerivatives());
        assertEquals(List.of(new Unknown("D", 0.5, true)), s.unknowns());
    }

    @Test
    void kuramotoSivashinsky() {
        PdeSpec s = PdeSpec.parse("u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0")
                .unknown("a", 1)
                .unknown("b", 1)
                .unknown("c", 1)
                .build();
        assertEquals(Map.of("u", partials("u", "u_x", "u_t", "u_xx", "u_xxxx")), s.requiredDerivatives());
        assertEquals(Map.of("x", 4), Partial.parse("u_xxxx").orders());
    }

    @Test
    void steadyHeat2d() {
        PdeSpec s = PdeSpec.parse("0 = k(x,y)*lap(u) + m(x,y)")
                .unknownField("k")
                .knownField("m", KnownField.pointwise((x, y) -> 1.0))
                .build();
        Expr rhs = bin(
                Op.ADD,
                bin(Op.MUL, new FieldCall("k", List.of("x", "y")), new Laplacian("u", 1)),
                new FieldCall("m", List.of("x", "y")));
        assertEquals(new Equation(new Num(0), rhs), s.equations().get(0));
        assertEquals(List.of("x", "y"), s.coordinates());
        assertTrue(s.timeCoordinate().isEmpty());
        assertEquals(List.of(new UnknownField("k", List.of("x", "y"))), s.unknownFields());
        assertEquals(Map.of("u", partials("u_xx", "u_yy")), s.requiredDerivatives());
    }

    @Test
    void langevin() {
        PdeSpec s = PdeSpec.parse("u_t = u + f(t)").unknownField("f", "t").build();
        assertEquals(
                new Equation(d("u_t"), bin(Op.ADD, sym("u"), new FieldCall("f", List.of("t")))),
                s.equations().get(0));
        assertEquals(List.of("t"), s.coordinates());
        assertEquals(Map.of("u", partials("u", "u_t")), s.requiredDerivatives());
    }

    @Test
    void bilaplacianExpandsOverSpaceCoordinates() {
        PdeSpec s = PdeSpec.parse("u_t = -bilap(u)").coordinates("x", "y", "t").build();
        assertEquals(Map.of("u", partials("u_t", "u_xxxx", "u_xxyy", "u_yyyy")), s.requiredDerivatives());
        PdeSpec one = PdeSpec.parse("u_t = -bilap(u)").coordinates("x", "t").build();
        assertEquals(Map.of("u", partials("u_t", "u_xxxx")), one.requiredDerivatives());
    }

    @Test
    void systemOfTwoFields() {
        PdeSpec s = PdeSpec.parse("u_t = D*u_xx - u*v; v_t = E*v_xx + u*v")
                .unknownPositive("D", 0.1)
                .unknownPositive("E", 0.2)
                .build();
        assertEquals(2, s.equations().size());
        assertEquals(List.of("u", "v"), s.fields());
        assertEquals(
                Map.of("u", partials("u", "u_t", "u_xx"), "v", partials("v", "v_t", "v_xx")), s.requiredDerivatives());
        // new lines separate equations too
        PdeSpec lines = PdeSpec.parse("u_t = D*u_xx - u*v\nv_t = E*v_xx + u*v\n")
                .unknownPositive("D", 0.1)
                .unknownPositive("E", 0.2)
                .build();
        assertEquals(s.equations(), lines.equations());
    }

    @Test
    void precedenceAndAssociativity() {
        assertEquals(bin(Op.SUB, bin(Op.SUB, sym("a"), sym("b")), sym("c")), rhs("a - b - c"));
        assertEquals(bin(Op.POW, sym("a"), bin(Op.POW, sym("b"), sym("c"))), rhs("a^b^c"));
        assertEquals(new Neg(bin(Op.POW, sym("a"), new Num(2))), rhs("-a^2"));
        assertEquals(bin(Op.MUL, new Neg(sym("a")), sym("b")), rhs("-a*b"));
        assertEquals(bin(Op.POW, sym("a"), new Neg(new Num(2))), rhs("a^-2"));
        assertEquals(bin(Op.DIV, bin(Op.DIV, sym("a"), sym("b")), sym("c")), rhs("a/b/c"));
        assertEquals(new Func(Fn.SIN, bin(Op.MUL, new Num(2), sym("x"))), rhs("sin(2*x)"));
        assertEquals(new Num(2e-3), rhs("2e-3"));
        assertEquals(new Num(0.5), rhs(".5"));
        assertEquals(new Num(1.5e10), rhs("1.5E+10"));
    }

    @Test
    void underscoreNamesThatAreNotDerivatives() {
        Parser.Result r = Parser.parse("u_t = D_eff*u_xx + k_1", Parser.classifier(Set.of("x", "t"), Set.of()));
        Expr rhs = r.equations().get(0).rhs();
        assertEquals(bin(Op.ADD, bin(Op.MUL, sym("D_eff"), d("u_xx")), sym("k_1")), rhs);
        // a declared name is never split into a derivative
        PdeSpec s = PdeSpec.parse("u_t = k_t*u_xx").constant("k_t", 2).build();
        assertEquals(Map.of("u", partials("u_t", "u_xx")), s.requiredDerivatives());
    }

    @Test
    void partialKeys() {
        assertEquals(Partial.parse("u_xy"), Partial.parse("u_yx"));
        assertEquals("u_xxt", Partial.parse("u_txx").toString());
        assertEquals(3, Partial.parse("u_xxt").order());
        assertEquals(2, Partial.parse("u_xxt").order("x"));
        assertEquals(Partial.parse("u_xxy"), Partial.of("u", "x", 2).then("y", 1));
        assertEquals("u", Partial.value("u").toString());
    }

    @Test
    void domainsAreBoxes() {
        PdeSpec s = PdeSpec.parse("u_t = D*u_xx")
                .unknownPositive("D", 1)
                .domain(Domain.interval1dTime(0, Math.PI, 0, 1))
                .build();
        assertEquals(List.of("x", "t"), s.coordinates());
        assertEquals(Math.PI, s.domain().orElseThrow().axis("x").orElseThrow().length(), 0);
        assertTrue(s.domain().orElseThrow().contains(1.0, 0.5));
        assertEquals(List.of("x", "y"), Domain.box2d(0, 1, 0, 2).coordinates());
        assertEquals(List.of("x", "y", "t"), Domain.box2dTime(0, 1, 0, 1, 0, 1).coordinates());
    }

    private static Expr rhs(String text) {
        return Parser.parse("u_t = " + text, Parser.classifier(Set.of("x", "y", "z", "t"), Set.of()))
                .equations()
                .get(0)
                .rhs();
    }
}
