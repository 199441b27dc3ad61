package dev.mollify.pde.spec;

import java.util.Objects;

/**
 * One equation {@code lhs = rhs}; its residual is {@code lhs − rhs}, which a solution makes zero.
 *
 * @param lhs the left side
 * @param rhs the right side
 */
public record Equation(Expr lhs, Expr rhs) {
    /**
     * Checks that both sides are non-null.
     *
     * @param lhs the left side
     * @param rhs the right side
     * @throws NullPointerException when a side is null
     */
    public Equation {
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
    }

    /**
     * The residual as a tree.
     *
     * @return {@code lhs − rhs}; just {@code lhs} when the right side is the literal 0, {@code −rhs} when the
     *     left side is
     */
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
