package dev.mollify.pde.spec;

import dev.mollify.pde.spec.Expr.Binary;
import dev.mollify.pde.spec.Expr.Derivative;
import dev.mollify.pde.spec.Expr.FieldCall;
import dev.mollify.pde.spec.Expr.Func;
import dev.mollify.pde.spec.Expr.Laplacian;
import dev.mollify.pde.spec.Expr.Neg;
import dev.mollify.pde.spec.Expr.Num;
import dev.mollify.pde.spec.Expr.Symbol;
import java.util.List;

/** Visits every node left to right, leaves included; override the {@code on…} hooks of interest. */
abstract class ExprWalker implements Expr.Visitor<Void> {
    final void walk(Expr e) {
        e.accept(this);
    }

    /** Walks each equation, its left side before its right. */
    final void walkAll(List<Equation> equations) {
        for (Equation eq : equations) {
            walk(eq.lhs());
            walk(eq.rhs());
        }
    }

    void onSymbol(Symbol e) {}

    void onDerivative(Derivative e) {}

    void onLaplacian(Laplacian e) {}

    void onFieldCall(FieldCall e) {}

    @Override
    public final Void num(Num e) {
        return null;
    }

    @Override
    public final Void symbol(Symbol e) {
        onSymbol(e);
        return null;
    }

    @Override
    public final Void derivative(Derivative e) {
        onDerivative(e);
        return null;
    }

    @Override
    public final Void laplacian(Laplacian e) {
        onLaplacian(e);
        return null;
    }

    @Override
    public final Void fieldCall(FieldCall e) {
        onFieldCall(e);
        return null;
    }

    @Override
    public final Void func(Func e) {
        walk(e.arg());
        return null;
    }

    @Override
    public final Void neg(Neg e) {
        walk(e.arg());
        return null;
    }

    @Override
    public final Void binary(Binary e) {
        walk(e.left());
        walk(e.right());
        return null;
    }
}
