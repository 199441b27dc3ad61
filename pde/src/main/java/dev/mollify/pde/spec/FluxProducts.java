package dev.mollify.pde.spec;

import dev.mollify.pde.spec.Expr.Binary;
import dev.mollify.pde.spec.Expr.Derivative;
import dev.mollify.pde.spec.Expr.Func;
import dev.mollify.pde.spec.Expr.Neg;
import dev.mollify.pde.spec.Expr.Num;
import dev.mollify.pde.spec.Expr.Op;
import dev.mollify.pde.spec.Expr.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds advection products {@code c·u·u_x} (u a field, u_x its first derivative along one
 * coordinate, c any factor that does not vary in space or time: numbers, constants, unknown
 * scalars) so that a route can bind them in conservative (flux) form: {@code u·u_x = ½(u²)_x}.
 *
 * <p>Why: the mollifier route tests the equation against the kernel. For linear terms that is exact,
 * {@code (u_xx)∗η = u∗η_xx}; for the product it is not, {@code (u·u_x)∗η ≠ û·û_x}, and the gap (a
 * commutator of size ~ jump²/δ across a front) acts like extra viscosity. Written as a flux,
 * {@code (u·u_x)∗η = ½(u²)∗η_x} holds exactly, so the mollified residual of the true solution is zero
 * for any δ (docs/math.md, "Derivatives by convolution": derivatives moved onto the kernel). A matched product is a
 * whole chain of {@code *} (with unary minus allowed on its factors), never a part of one; a chain
 * with any other factor that varies over the domain (a coordinate, a field, a field call) is left as it is.
 */
public final class FluxProducts {
    private FluxProducts() {}

    /**
     * A flux term ½(field²) differentiated once along {@code coordinate}: {@code (u²/2)_x = u·u_x}.
     *
     * @param field the advected field, e.g. {@code u}
     * @param coordinate the coordinate of the derivative, e.g. {@code x}
     */
    public record Term(String field, String coordinate) {
        @Override
        public String toString() {
            return "(" + field + "²/2)_" + coordinate;
        }
    }

    /** A matched chain: the flux term, and the remaining (constant) factors with the sign of the minus signs met. */
    record Match(Term term, List<Expr> factors, boolean negative) {}

    /** The match of the product chain rooted at {@code mul}, if it is one. */
    static Optional<Match> match(Binary mul, PdeSpec spec) {
        if (mul.op() != Op.MUL) return Optional.empty();
        List<Expr> factors = new ArrayList<>();
        boolean negative = flatten(mul, factors);
        int fieldAt = -1, derivativeAt = -1;
        String field = null, coordinate = null;
        for (int i = 0; i < factors.size() && fieldAt < 0; i++) {
            if (factors.get(i) instanceof Symbol s && spec.fields().contains(s.name())) {
                for (int j = 0; j < factors.size(); j++) {
                    if (factors.get(j) instanceof Derivative d && firstOrderOf(d.partial(), s.name()) != null) {
                        fieldAt = i;
                        derivativeAt = j;
                        field = s.name();
                        coordinate = firstOrderOf(d.partial(), s.name());
                        break;
                    }
                }
            }
        }
        if (fieldAt < 0) return Optional.empty();
        List<Expr> rest = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            if (i == fieldAt || i == derivativeAt) continue;
            if (!constant(factors.get(i), spec)) return Optional.empty();
            rest.add(factors.get(i));
        }
        return Optional.of(new Match(new Term(field, coordinate), rest, negative));
    }

    /** Every flux term of the spec's equations (whole product chains only), in order of appearance. */
    static Set<Term> find(PdeSpec spec) {
        Set<Term> out = new LinkedHashSet<>();
        for (Equation e : spec.equations()) {
            collect(e.lhs(), false, spec, out);
            collect(e.rhs(), false, spec, out);
        }
        return out;
    }

    /** Walks the tree; a {@code *} node is tried only where a chain starts (not inside another chain). */
    private static void collect(Expr e, boolean insideProduct, PdeSpec spec, Set<Term> out) {
        if (e instanceof Binary b) {
            if (b.op() == Op.MUL && !insideProduct) {
                Optional<Match> m = match(b, spec);
                if (m.isPresent()) {
                    out.add(m.get().term());
                    return;
                }
            }
            collect(b.left(), b.op() == Op.MUL, spec, out);
            collect(b.right(), b.op() == Op.MUL, spec, out);
        } else if (e instanceof Neg n) {
            collect(n.arg(), insideProduct, spec, out);
        } else if (e instanceof Func f) {
            collect(f.arg(), false, spec, out);
        }
    }

    /** Collects the factors of a {@code *} chain, stripping unary minus; returns true for an odd number of minus signs. */
    private static boolean flatten(Expr e, List<Expr> into) {
        if (e instanceof Binary b && b.op() == Op.MUL) return flatten(b.left(), into) ^ flatten(b.right(), into);
        if (e instanceof Neg n) return !flatten(n.arg(), into);
        into.add(e);
        return false;
    }

    /** The coordinate when {@code p} is a first derivative of {@code field} along one coordinate, else null. */
    private static String firstOrderOf(Partial p, String field) {
        if (!p.field().equals(field) || p.order() != 1) return null;
        Map.Entry<String, Integer> only = p.orders().entrySet().iterator().next();
        return only.getKey();
    }

    /** True when {@code e} is the same at every point: numbers, constants and unknown scalars combined by any operation. */
    private static boolean constant(Expr e, PdeSpec spec) {
        if (e instanceof Num) return true;
        if (e instanceof Symbol s) return spec.constants().containsKey(s.name()) || spec.isUnknown(s.name());
        if (e instanceof Neg n) return constant(n.arg(), spec);
        if (e instanceof Func f) return constant(f.arg(), spec);
        if (e instanceof Binary b) return constant(b.left(), spec) && constant(b.right(), spec);
        return false;
    }
}
