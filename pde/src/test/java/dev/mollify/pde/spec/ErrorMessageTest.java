package dev.mollify.pde.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Parse and declaration errors point at the right column and say what was expected. */
class ErrorMessageTest {

    private static PdeParseException parseError(String text) {
        return assertThrows(PdeParseException.class, () -> PdeSpec.parse(text));
    }

    private static PdeParseException buildError(Supplier<PdeSpec.Builder> b) {
        return assertThrows(PdeParseException.class, () -> b.get().build());
    }

    private static void assertMessage(PdeParseException e, int column, String... parts) {
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains("column " + column + ":"), e.getMessage());
        for (String p : parts) assertTrue(e.getMessage().contains(p), "missing '" + p + "' in\n" + e.getMessage());
    }

    @Test
    void missingOperandShowsCaretUnderTheColumn() {
        PdeParseException e = parseError("u_t + a*u*u_x - = 0");
        assertMessage(e, 17, "expected a term (number, symbol, function call or '(') but found '='");
        assertEquals(
                "cannot read the PDE text:\n"
                        + "  u_t + a*u*u_x - = 0\n"
                        + "                  ^ column 17: expected a term (number, symbol, function call or '(') but found '='",
                e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void unbalancedParentheses() {
        assertMessage(
                parseError("u_t = (D*u_xx"), 14, "expected ')' to close the '(' at column 7", "the end of the text");
        assertMessage(parseError("u_t = D*u_xx)"), 13, "unbalanced parentheses");
        assertMessage(parseError("u_t = sin(u_xx = 0"), 16, "expected ')' to close the '(' at column 10 but found '='");
    }

    @Test
    void unknownFunctionName() {
        assertMessage(parseError("u_t = sinh(2*u)"), 7, "unknown function 'sinh'", "sin, cos, exp, log, sqrt, tanh");
        // sinh(u) reads like a field of the coordinates; it is rejected once the declarations are known
        assertMessage(
                buildError(() -> PdeSpec.parse("u_t = sinh(x) + u_xx")),
                7,
                "unknown function 'sinh'",
                ".unknownField(\"sinh\")");
    }

    @Test
    void doubleEqualsTypo() {
        assertMessage(parseError("u_t == D*u_xx"), 5, "found '=='", "single '='");
        assertMessage(parseError("u_t = u_xx == 0"), 12, "found '=='");
    }

    @Test
    void trailingGarbage() {
        assertMessage(parseError("u_t = D*u_xx x"), 14, "expected an operator", "found 'x'", "2*u");
        assertMessage(parseError("u_t = D*u_xx 2"), 14, "found the number 2");
        assertMessage(parseError("u_t = D*u_xx $"), 14, "unexpected character '$'");
        assertMessage(parseError("u_t = u_xx = 0"), 12, "a second '='", "';'");
    }

    @Test
    void emptyText() {
        assertMessage(parseError(""), 1, "the text is empty");
        assertMessage(parseError("   "), 1, "the text is empty");
        assertMessage(parseError(" ; \n ;"), 1, "the text is empty");
    }

    @Test
    void missingEquals() {
        assertMessage(parseError("u_t + u_x"), 10, "expected '='");
    }

    @Test
    void wrongArguments() {
        assertMessage(parseError("u_t = lap(u + 1)"), 11, "lap(...) takes the name of a field");
        assertMessage(parseError("u_t = sin(u, x)"), 12, "takes one argument");
        assertMessage(parseError("u_t = k()"), 9, "expected the coordinates of the field 'k'");
    }

    @Test
    void secondLineReportsLineAndColumn() {
        PdeParseException e = parseError("u_t = D*u_xx - u*v\nv_t = E*v_xx + * u");
        assertEquals(2, e.line());
        assertEquals(16, e.column());
        assertTrue(
                e.getMessage().contains("  v_t = E*v_xx + * u\n                 ^ line 2, column 16:"), e.getMessage());
    }

    @Test
    void undeclaredSymbol() {
        PdeParseException e = buildError(() -> PdeSpec.parse("u_t = D*u_xx"));
        assertMessage(
                e,
                7,
                "symbol 'D' is neither an unknown, a known constant, a field nor a coordinate",
                "declare it with .unknown(\"D\", guess) or .constant(\"D\", value)");
    }

    @Test
    void derivativeAlongMissingCoordinate() {
        assertMessage(
                buildError(() -> PdeSpec.parse("u_t = u_xx + u_y").coordinates("x", "t")),
                14,
                "derivative u_y is along 'y', which is not a coordinate of this problem (coordinates: x, t)");
        // a letter that is not even a possible coordinate: the name is read whole, and the message still explains
        assertMessage(
                buildError(() -> PdeSpec.parse("u_t = u_xx + u_q").coordinates("x", "t")),
                14,
                "'u_q' differentiates along 'q', which is not a coordinate");
    }

    @Test
    void fieldArgumentsMustBeCoordinates() {
        assertMessage(
                buildError(() -> PdeSpec.parse("0 = k(x,z)*lap(u) + 1")
                        .coordinates("x", "y")
                        .unknownField("k")),
                5,
                "argument 'z' of k(x,z) is not a coordinate (coordinates: x, y)");
        assertMessage(
                buildError(() -> PdeSpec.parse("0 = k(x,y)*lap(u) + 1")
                        .coordinates("x", "y")
                        .unknownField("k", "y", "x")),
                5,
                "declared with arguments (y,x)");
        assertMessage(
                buildError(() -> PdeSpec.parse("0 = k(x,y)*u_xx + k(y,x)*u_yy").unknownField("k")),
                19,
                "is called as k(y,x) here but as k(x,y) before");
        assertMessage(
                buildError(() ->
                        PdeSpec.parse("0 = k*lap(u) + 1").coordinates("x", "y").unknownField("k")),
                5,
                "write it with its arguments");
    }

    @Test
    void unusedDeclarations() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PdeSpec.parse("u_t = D*u_xx")
                        .unknown("D", 1.0)
                        .unknown("c", 0.0)
                        .build());
        assertEquals("unknown 'c' is not used in the equation u_t = D*u_xx", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> PdeSpec.parse("u_t = D*u_xx")
                        .unknown("D", 1.0)
                        .constant("q", 2.0)
                        .build());
        assertEquals("known constant 'q' is not used in the equation u_t = D*u_xx", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> PdeSpec.parse("u_t = u_xx; v_t = v_xx").unknownField("k").build());
        assertEquals("unknown field 'k' is not used in the equations u_t = u_xx; v_t = v_xx", e.getMessage());
    }

    @Test
    void declarationMistakes() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> PdeSpec.parse("u_t = D*u_xx").unknown("D", 1).constant("D", 2))
                .getMessage()
                .contains("'D' is already declared as an unknown scalar"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> PdeSpec.parse("u_t = D*u_xx").unknownPositive("D", 0))
                .getMessage()
                .contains("initial guess must be > 0"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> PdeSpec.parse("u_t = D*u_xx").unknown("sin", 0))
                .getMessage()
                .contains("built-in function"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> PdeSpec.parse("u_t = D*u_xx").coordinates("x", "time"))
                .getMessage()
                .contains("one lower-case letter"));
        assertMessage(
                buildError(() -> PdeSpec.parse("u_t = a_x").unknown("a", 1)),
                7,
                "'a' is declared as an unknown scalar but a_x");
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> PdeSpec.parse("0 = a - 1")
                                .unknown("a", 1)
                                .coordinates("x")
                                .build())
                .getMessage()
                .contains("involves no field"));
    }
}
