package dev.mollify.pde.spec;

import java.util.Objects;

/**
 * One equation {@code lhs = rhs}; its residual is {@code lhs − rhs}, which a solution makes zero.
 *
 * @param lhs the left side
 * @param rhs the right side
 */
public record Equation(Expr lhs, Expr rhs) {
    /** Checks that both sides are non-null. */
    public Equation {
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
    }

    /** {@code lhs − rhs} as a tree (just {@code lhs} when the right side is the literal 0). */
    public Expr residual() {
        if (rhs instanceof Expr.Num && ((Expr.Num) rhs).value() == 0.0) return lhs;
        if (lhs instanceof Expr.Num && ((Expr.Num) lhs).value() == 0.0) return new Expr.Neg(rhs);
        return new Expr.Binary(Expr.Op.SUB, lhs, rhs);
    }

    /** {@code lhs = rhs}, re-parseable. */
    @Override
    public String toString() {
        return lhs + " = " + rhs;
    }
}
