package dev.mollify.pde.spec;

import dev.mollify.pde.spec.Expr.Binary;
import dev.mollify.pde.spec.Expr.Derivative;
import dev.mollify.pde.spec.Expr.FieldCall;
import dev.mollify.pde.spec.Expr.Func;
import dev.mollify.pde.spec.Expr.Laplacian;
import dev.mollify.pde.spec.Expr.Neg;
import dev.mollify.pde.spec.Expr.Num;
import dev.mollify.pde.spec.Expr.Op;
import dev.mollify.pde.spec.Expr.Symbol;

/**
 * Prints an {@link Expr} as text with the fewest parentheses that keep its structure:
 * {@code u_t + a*u*u_x - b*u_xx}. Spaces go around {@code + -} only.
 *
 * <p>A child is parenthesised when it binds more loosely than its parent, and also when it sits on
 * the "wrong" side of an operator of the same precedence ({@code a - (b - c)}, {@code (a^b)^c}),
 * so that parsing the output gives back the same tree.
 */
final class ExprPrinter implements Expr.Visitor<String> {
    private static final int ATOM = 10;
    private static final ExprPrinter INSTANCE = new ExprPrinter();

    private ExprPrinter() {}

    static String print(Expr e) {
        return e.accept(INSTANCE);
    }

    /** Number text: integers without ".0", others in Java's shortest round-trip form. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    private static int precedence(Expr e) {
        if (e instanceof Binary) return ((Binary) e).op().precedence();
        if (e instanceof Neg) return Op.UNARY_PRECEDENCE;
        if (e instanceof Num && ((Num) e).value() < 0) return Op.UNARY_PRECEDENCE;
        return ATOM;
    }

    private static String wrap(Expr e, boolean parens) {
        String s = print(e);
        return parens ? "(" + s + ")" : s;
    }

    @Override
    public String num(Num e) {
        return number(e.value());
    }

    @Override
    public String symbol(Symbol e) {
        return e.name();
    }

    @Override
    public String derivative(Derivative e) {
        return e.partial().toString();
    }

    @Override
    public String laplacian(Laplacian e) {
        return e.functionName() + "(" + e.field() + ")";
    }

    @Override
    public String fieldCall(FieldCall e) {
        return e.name() + "(" + String.join(",", e.args()) + ")";
    }

    @Override
    public String func(Func e) {
        return e.fn().text() + "(" + print(e.arg()) + ")";
    }

    @Override
    public String neg(Neg e) {
        // "-(-a)" rather than "--a"; "-(a*b)" keeps the tree Neg(Mul) rather than Mul(Neg a, b)
        boolean parens = precedence(e.arg()) <= Op.UNARY_PRECEDENCE;
        return "-" + wrap(e.arg(), parens);
    }

    @Override
    public String binary(Binary e) {
        Op op = e.op();
        int p = op.precedence();
        int lp = precedence(e.left());
        int rp = precedence(e.right());
        boolean leftParens = op.rightAssociative() ? lp <= p : lp < p;
        boolean rightParens = op.rightAssociative() ? rp < p : rp <= p;
        String sep = (op == Op.ADD || op == Op.SUB) ? " " + op.symbol() + " " : op.symbol();
        return wrap(e.left(), leftParens) + sep + wrap(e.right(), rightParens);
    }
}
