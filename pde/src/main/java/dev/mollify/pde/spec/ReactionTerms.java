package dev.mollify.pde.spec;

import dev.mollify.pde.spec.Expr.Binary;
import dev.mollify.pde.spec.Expr.Derivative;
import dev.mollify.pde.spec.Expr.FieldCall;
import dev.mollify.pde.spec.Expr.Func;
import dev.mollify.pde.spec.Expr.Laplacian;
import dev.mollify.pde.spec.Expr.Neg;
import dev.mollify.pde.spec.Expr.Op;
import dev.mollify.pde.spec.Expr.Symbol;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the reaction terms a route can test against the kernel as a whole, so that testing the equation
 * stays exact for them as well (docs/math.md, "Reaction terms").
 *
 * <p>Why: the mollifier route tests the equation against the kernel W. A term linear in one field with a
 * constant factor passes through, {@code W∗(c·u) = c·û}; a term nonlinear in the fields, or one where a
 * varying factor multiplies a field, does not: {@code W∗(k·u·(1 − u)) ≠ k·û·(1 − û)}. The gap is a
 * commutator of size ~ δ²·|∇u|², and where k(x) is a free field least squares lets k take it up, which moves
 * the other coefficients. Bound as {@code W∗(term evaluated on ĝ)}, the term is the PDE applied to ĝ and
 * tested against W, like the flux form of an advection product ({@link FluxProducts}).
 *
 * <p>A reaction term is an addend of either side of an equation (a {@code +}/{@code −} tree flattened
 * through unary minus) that
 * <ul>
 *   <li>holds no derivative and no Laplacian (zeroth order),
 *   <li>holds a field or an unknown field ({@code u}, {@code k(x)}), and
 *   <li>is not linear in one varying quantity: not a {@code *}/{@code /} chain of constant factors around a
 *       single field, unknown field, known field or coordinate ({@code D*u}, {@code -u/τ}, {@code f(t)} stay
 *       as they are, since the kernel passes through them).
 * </ul>
 * So {@code r*u*(1-u)}, {@code k(x)*u*(1-u)}, {@code -k*u*v^2}, {@code u^2}, {@code exp(a*u)} and
 * {@code x*u} are reaction terms; {@code D*u_xx}, {@code u*u_x} and {@code 1.5*u} are not.
 */
final class ReactionTerms {
    private ReactionTerms() {}

    /**
     * The reaction terms of the spec's equations, compared by identity.
     *
     * @param spec the equations
     * @return the addend nodes of {@link PdeSpec#equations()} in order of appearance, empty when there is none
     */
    static List<Expr> find(PdeSpec spec) {
        List<Expr> out = new ArrayList<>();
        for (List<Expr> addends : spec.terms()) for (Expr a : addends) if (isReaction(a, spec)) out.add(a);
        return out;
    }

    /** True when {@code e} is zeroth order, holds a field, and is not linear in one varying factor. */
    static boolean isReaction(Expr e, PdeSpec spec) {
        return !hasDerivative(e) && holdsField(e, spec) && !linear(e, spec);
    }

    private static boolean hasDerivative(Expr e) {
        if (e instanceof Derivative || e instanceof Laplacian) return true;
        if (e instanceof Binary b) return hasDerivative(b.left()) || hasDerivative(b.right());
        if (e instanceof Neg n) return hasDerivative(n.arg());
        if (e instanceof Func f) return hasDerivative(f.arg());
        return false;
    }

    private static boolean holdsField(Expr e, PdeSpec spec) {
        if (e instanceof Symbol s) return spec.fields().contains(s.name());
        if (e instanceof FieldCall c)
            return spec.unknownFields().stream().anyMatch(u -> u.name().equals(c.name()));
        if (e instanceof Binary b) return holdsField(b.left(), spec) || holdsField(b.right(), spec);
        if (e instanceof Neg n) return holdsField(n.arg(), spec);
        if (e instanceof Func f) return holdsField(f.arg(), spec);
        return false;
    }

    /**
     * True for a {@code *} chain (with {@code /} by constants and unary minus) of constant factors and exactly one
     * varying factor that is a bare field, field call or coordinate.
     */
    private static boolean linear(Expr e, PdeSpec spec) {
        List<Expr> factors = new ArrayList<>();
        factors(e, spec, factors);
        int varying = 0;
        for (Expr f : factors) {
            if (FluxProducts.constant(f, spec)) continue;
            if (!(f instanceof Symbol || f instanceof FieldCall)) return false;
            varying++;
        }
        return varying == 1;
    }

    /** The factors of a {@code *} chain; a quotient by a constant counts its numerator's factors and the constant. */
    private static void factors(Expr e, PdeSpec spec, List<Expr> into) {
        if (e instanceof Binary b && b.op() == Op.MUL) {
            factors(b.left(), spec, into);
            factors(b.right(), spec, into);
        } else if (e instanceof Binary b && b.op() == Op.DIV && FluxProducts.constant(b.right(), spec)) {
            factors(b.left(), spec, into);
            into.add(b.right());
        } else if (e instanceof Neg n) {
            factors(n.arg(), spec, into);
        } else {
            into.add(e);
        }
    }
}
