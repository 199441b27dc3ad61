package dev.mollify.pde.spec;

import dev.mollify.pde.spec.Expr.Binary;
import dev.mollify.pde.spec.Expr.Derivative;
import dev.mollify.pde.spec.Expr.Func;
import dev.mollify.pde.spec.Expr.Neg;
import dev.mollify.pde.spec.Expr.Num;
import dev.mollify.pde.spec.Expr.Op;
import dev.mollify.pde.spec.Expr.Symbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds advection products that a route can bind in conservative (flux) form, so that testing the
 * equation against a kernel stays exact.
 *
 * <p>Why: the mollifier route tests the equation against the kernel. For linear terms that is exact,
 * {@code (u_xx)∗η = u∗η_xx}; for a product it is not, {@code (u·u_x)∗η ≠ û·û_x}, and the gap (a
 * commutator of size ~ δ²·|∇u|² on a smooth field, ~ jump²/δ across a front) acts like extra viscosity.
 * Written as a flux, {@code (u·u_x)∗η = ½(u²)∗η_x} holds exactly, so the mollified residual of the true
 * solution is zero for any δ (docs/math.md, "Flux form"). Two kinds of product are matched:
 * <ul>
 *   <li><b>Self advection</b> {@code c·u·u_x} (u a field, u_x its first derivative along one coordinate,
 *       c any factor that does not vary in space or time: numbers, constants, unknown scalars):
 *       {@code u·u_x = ½(u²)_x}, an identity.
 *   <li><b>Advection by a divergence-free velocity</b>: when one equation reads
 *       {@code Σ_c (w_c)_c = 0} (e.g. {@code u_x + v_y = 0}: w = (u, v) over (x, y)), a sum holding
 *       {@code c·w_c·b_c} for every coordinate c of that equation, with one field b and the same constant
 *       factor c in each, is bound term by term as {@code c·(w_c·b)_c}. The sum is then exact:
 *       {@code Σ_c (w_c b)_c = Σ_c w_c b_c + b·Σ_c (w_c)_c}, and the last sum is the divergence the
 *       equation sets to zero. Navier–Stokes' {@code u·u_x + v·u_y} becomes {@code (u²)_x + (v·u)_y}.
 * </ul>
 * A matched product is a whole chain of {@code *} (with unary minus allowed on its factors), never a
 * part of one; a chain with any other factor that varies over the domain (a coordinate, a field, a field
 * call) is left as it is, and so is a divergence sum that lacks one of its coordinates.
 */
public final class FluxProducts {
    private FluxProducts() {}

    /**
     * A flux {@code weight·(carrier·field)} differentiated once along {@code coordinate}, which the route
     * binds for the product {@code carrier·field_coordinate}: weight ½ for self advection
     * ({@code (u²/2)_x = u·u_x}), 1 for a term of a divergence-free advection ({@code (v·u)_y} for
     * {@code v·u_y}).
     *
     * @param carrier the field multiplying the derivative, e.g. {@code v}
     * @param field the differentiated field, e.g. {@code u}
     * @param coordinate the coordinate of the derivative, e.g. {@code y}
     * @param weight ½ (self advection) or 1 (divergence form)
     */
    public record Term(String carrier, String field, String coordinate, double weight) {
        /**
         * The self-advection flux ½(field²) differentiated along {@code coordinate}.
         *
         * @param field the advected field, e.g. {@code u}
         * @param coordinate the coordinate of the derivative, e.g. {@code x}
         */
        public Term(String field, String coordinate) {
            this(field, field, coordinate, 0.5);
        }

        @Override
        public String toString() {
            if (weight == 0.5 && carrier.equals(field)) return "(" + field + "²/2)_" + coordinate;
            return "(" + (carrier.equals(field) ? field + "²" : carrier + "·" + field) + ")_" + coordinate;
        }
    }

    /** A matched chain: the flux term, and the remaining (constant) factors with the sign of the minus signs met. */
    record Match(Term term, List<Expr> factors, boolean negative) {}

    /** A product chain c·a·b_coordinate split into its parts (a and b fields), before it is classified. */
    private record Product(String carrier, String field, String coordinate, List<Expr> factors, boolean negative) {}

    /**
     * The match of the product chain rooted at {@code mul}, if it is one: a divergence-form term when
     * {@code mul} is one of the spec's {@link #divergenceProducts divergence products}, else self advection.
     */
    static Optional<Match> match(Binary mul, PdeSpec spec) {
        boolean divergence = spec.divergenceProducts().contains(mul);
        Optional<Product> p = product(mul, spec, divergence);
        if (p.isEmpty()) return Optional.empty();
        Product q = p.get();
        Term t = divergence ? new Term(q.carrier(), q.field(), q.coordinate(), 1) : new Term(q.field(), q.coordinate());
        return Optional.of(new Match(t, q.factors(), q.negative()));
    }

    /**
     * Splits {@code mul} into a field factor, a first derivative of a field and constant factors; the two
     * fields must be the same unless {@code anyCarrier}.
     */
    private static Optional<Product> product(Binary mul, PdeSpec spec, boolean anyCarrier) {
        if (mul.op() != Op.MUL) return Optional.empty();
        List<Expr> factors = new ArrayList<>();
        boolean negative = flatten(mul, factors);
        for (int i = 0; i < factors.size(); i++) {
            if (!(factors.get(i) instanceof Symbol s && spec.fields().contains(s.name()))) continue;
            for (int j = 0; j < factors.size(); j++) {
                if (!(factors.get(j) instanceof Derivative d) || d.partial().order() != 1) continue;
                String field = d.partial().field();
                if (!anyCarrier && !field.equals(s.name())) continue;
                List<Expr> rest = new ArrayList<>();
                boolean constant = true;
                for (int k = 0; k < factors.size() && constant; k++) {
                    if (k == i || k == j) continue;
                    constant = constant(factors.get(k), spec);
                    rest.add(factors.get(k));
                }
                if (!constant) return Optional.empty();
                String coordinate = d.partial().orders().keySet().iterator().next();
                return Optional.of(new Product(s.name(), field, coordinate, rest, negative));
            }
        }
        return Optional.empty();
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

    /**
     * The divergence-free velocity the equations impose, coordinate → field: the first equation whose two
     * sides are, up to one overall sign, a sum {@code Σ_c (w_c)_c} of first derivatives of at least two
     * distinct fields along distinct space coordinates (not time), and zero. E.g. {@code u_x + v_y = 0} gives
     * {@code {x=u, y=v}}.
     *
     * @param spec the equations
     * @return coordinate → velocity component, empty when no equation is such a constraint
     */
    static Map<String, String> divergenceFree(PdeSpec spec) {
        for (Equation e : spec.equations()) {
            List<Expr> terms = new ArrayList<>();
            List<Boolean> signs = new ArrayList<>();
            addends(e.lhs(), false, terms, signs);
            addends(e.rhs(), true, terms, signs);
            Map<String, String> w = new LinkedHashMap<>();
            Boolean sign = null;
            boolean ok = true;
            for (int i = 0; i < terms.size() && ok; i++) {
                Expr t = terms.get(i);
                if (t instanceof Num n && n.value() == 0) continue;
                ok = t instanceof Derivative d
                        && d.partial().order() == 1
                        && spec.fields().contains(d.partial().field())
                        && !d.partial().orders().containsKey(PdeSpec.TIME)
                        && (sign == null || sign.equals(signs.get(i)));
                if (!ok) break;
                sign = signs.get(i);
                Partial p = ((Derivative) t).partial();
                String c = p.orders().keySet().iterator().next();
                ok = !w.containsKey(c) && !w.containsValue(p.field());
                w.put(c, p.field());
            }
            if (ok && w.size() >= 2) return Collections.unmodifiableMap(w);
        }
        return Map.of();
    }

    /**
     * The product chains of the equations to bind in divergence form (compared by identity): in each sum,
     * the products {@code c·w_c·b_c} of one field b and one constant factor c (compared as printed, with
     * its sign) that cover every coordinate of the divergence-free velocity w ({@link #divergenceFree}).
     *
     * @param spec the equations
     * @return an identity set of {@code *} nodes, empty when the equations impose no divergence constraint
     */
    static Set<Expr> divergenceProducts(PdeSpec spec) {
        Map<String, String> w = divergenceFree(spec);
        Set<Expr> out = Collections.newSetFromMap(new IdentityHashMap<>());
        if (w.isEmpty()) return out;
        for (Equation e : spec.equations()) {
            sums(e.lhs(), false, spec, w, out);
            sums(e.rhs(), false, spec, w, out);
        }
        return out;
    }

    /** Visits every sum of {@code e} (a {@code +}/{@code −} tree not inside another) and marks its complete groups. */
    private static void sums(Expr e, boolean insideSum, PdeSpec spec, Map<String, String> w, Set<Expr> out) {
        boolean sum = e instanceof Binary b && (b.op() == Op.ADD || b.op() == Op.SUB);
        if (sum && !insideSum) {
            List<Expr> terms = new ArrayList<>();
            List<Boolean> signs = new ArrayList<>();
            addends(e, false, terms, signs);
            markGroups(terms, signs, spec, w, out);
            for (Expr t : terms) sums(t, false, spec, w, out);
            return;
        }
        if (e instanceof Binary b) {
            sums(b.left(), sum, spec, w, out);
            sums(b.right(), sum, spec, w, out);
        } else if (e instanceof Neg n) {
            sums(n.arg(), insideSum, spec, w, out);
        } else if (e instanceof Func f) {
            sums(f.arg(), false, spec, w, out);
        }
    }

    /** Groups the addends that are products w_c·b_c by (b, constant factor with sign) and marks each complete group. */
    private static void markGroups(
            List<Expr> terms, List<Boolean> signs, PdeSpec spec, Map<String, String> w, Set<Expr> out) {
        Map<String, Map<String, Expr>> groups = new LinkedHashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            if (!(terms.get(i) instanceof Binary mul)) continue;
            Optional<Product> p = product(mul, spec, true);
            if (p.isEmpty() || !p.get().carrier().equals(w.get(p.get().coordinate()))) continue;
            Product q = p.get();
            String key = q.field() + "|" + (q.negative() ^ signs.get(i)) + "|" + q.factors();
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(q.coordinate(), mul);
        }
        for (Map<String, Expr> g : groups.values()) if (g.keySet().equals(w.keySet())) out.addAll(g.values());
    }

    /** Flattens a {@code +}/{@code −} tree into its addends and their signs (true = subtracted), through unary minus. */
    private static void addends(Expr e, boolean negative, List<Expr> terms, List<Boolean> signs) {
        if (e instanceof Binary b && (b.op() == Op.ADD || b.op() == Op.SUB)) {
            addends(b.left(), negative, terms, signs);
            addends(b.right(), negative ^ (b.op() == Op.SUB), terms, signs);
        } else if (e instanceof Neg n) {
            addends(n.arg(), !negative, terms, signs);
        } else {
            terms.add(e);
            signs.add(negative);
        }
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

    /** True when {@code e} is the same at every point: numbers, constants and unknown scalars combined by any operation. */
    static boolean constant(Expr e, PdeSpec spec) {
        if (e instanceof Num) return true;
        if (e instanceof Symbol s) return spec.constants().containsKey(s.name()) || spec.isUnknown(s.name());
        if (e instanceof Neg n) return constant(n.arg(), spec);
        if (e instanceof Func f) return constant(f.arg(), spec);
        if (e instanceof Binary b) return constant(b.left(), spec) && constant(b.right(), spec);
        return false;
    }
}
