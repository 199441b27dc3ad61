package dev.mollify.pde.spec;

import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Expr.Binary;
import dev.mollify.pde.spec.Expr.Derivative;
import dev.mollify.pde.spec.Expr.FieldCall;
import dev.mollify.pde.spec.Expr.Func;
import dev.mollify.pde.spec.Expr.Laplacian;
import dev.mollify.pde.spec.Expr.Neg;
import dev.mollify.pde.spec.Expr.Num;
import dev.mollify.pde.spec.Expr.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a residual tree into a {@link Var}, using only Var operations (so the result is
 * differentiable to any order). Sub-expressions without any Var (numbers, known constants) are
 * folded to plain doubles first, so {@code u^2} becomes {@code pow(u, 2.0)}, {@code 2*u} becomes
 * {@code mul(u, 2.0)}, and a Var exponent {@code u^a} becomes {@code pow(u, a) = exp(a·ln u)}
 * (which needs u &gt; 0).
 */
final class Evaluator implements Expr.Visitor<Evaluator.Value> {

    /** Either a plain number or a Var. */
    static final class Value {
        final double c;
        final Var v;

        private Value(double c, Var v) {
            this.c = c;
            this.v = v;
        }

        static Value of(double c) {
            return new Value(c, null);
        }

        static Value of(Var v) {
            return new Value(Double.NaN, v);
        }

        boolean isConstant() {
            return v == null;
        }

        Var var() {
            return v != null ? v : Var.constant(c);
        }
    }

    private final PdeSpec spec;
    private final Bindings bindings;
    private final Unknowns unknowns;
    private final Map<String, Var> physical = new HashMap<>();
    private final Map<String, Var> knownFieldValues = new HashMap<>();
    /** True while evaluating the factors of a {@code *} chain: only a chain's start is tried as a flux ({@link FluxProducts}). */
    private boolean insideProduct;

    Evaluator(PdeSpec spec, Bindings bindings, Unknowns unknowns) {
        this.spec = spec;
        this.bindings = bindings;
        this.unknowns = unknowns;
    }

    Var evaluate(Expr e) {
        return visit(e).var();
    }

    /**
     * The value of {@code e}; a reaction term under {@link Bindings#tested} is evaluated on the raw bindings and
     * tested against the kernel, W∗(term), the unknown scalars shared with this evaluation.
     */
    private Value visit(Expr e) {
        Bindings.Tested t = bindings.tested();
        if (t == null || !spec.reactionNodes().contains(e)) return e.accept(this);
        Evaluator raw = new Evaluator(spec, t.raw(), unknowns);
        raw.physical.putAll(physical);
        Var onRaw = raw.evaluate(e);
        physical.putAll(raw.physical);
        return Value.of(t.test().apply(onRaw));
    }

    @Override
    public Value num(Num e) {
        return Value.of(e.value());
    }

    @Override
    public Value symbol(Symbol e) {
        String n = e.name();
        Double c = spec.constants().get(n);
        if (c != null) return Value.of(c);
        if (spec.isUnknown(n)) return Value.of(physical.computeIfAbsent(n, unknowns::physical));
        if (spec.coordinates().contains(n)) return Value.of(coordinate(n));
        return Value.of(partial(Partial.value(n)));
    }

    @Override
    public Value derivative(Derivative e) {
        return Value.of(partial(e.partial()));
    }

    @Override
    public Value laplacian(Laplacian e) {
        Var sum = null;
        for (Map.Entry<Partial, Integer> t : spec.laplacianTerms(e).entrySet()) {
            Var term = partial(t.getKey()).mul((double) t.getValue());
            sum = sum == null ? term : sum.add(term);
        }
        return Value.of(sum);
    }

    @Override
    public Value fieldCall(FieldCall e) {
        String n = e.name();
        KnownField known = spec.knownFields().get(n);
        if (known != null) {
            return Value.of(knownFieldValues.computeIfAbsent(n, k -> {
                List<Var> coords = new ArrayList<>();
                for (String a : e.args()) coords.add(coordinate(a));
                return known.evaluate(coords.toArray(new Var[0]));
            }));
        }
        Var v = bindings.unknownFields().get(n);
        if (v == null) {
            throw new IllegalArgumentException("the unknown field " + e + " is not bound: add .unknownField(\"" + n
                    + "\", values) to the Bindings");
        }
        return Value.of(v);
    }

    @Override
    public Value func(Func e) {
        boolean saved = insideProduct;
        insideProduct = false;
        Value a;
        try {
            a = visit(e.arg());
        } finally {
            insideProduct = saved;
        }
        if (a.isConstant()) {
            double x = a.c;
            switch (e.fn()) {
                case SIN:
                    return Value.of(Math.sin(x));
                case COS:
                    return Value.of(Math.cos(x));
                case EXP:
                    return Value.of(Math.exp(x));
                case LOG:
                    return Value.of(Math.log(x));
                case SQRT:
                    return Value.of(Math.sqrt(x));
                case TANH:
                    return Value.of(Math.tanh(x));
                default:
                    throw new AssertionError(e.fn());
            }
        }
        Var x = a.v;
        switch (e.fn()) {
            case SIN:
                return Value.of(x.sin());
            case COS:
                return Value.of(x.cos());
            case EXP:
                return Value.of(x.exp());
            case LOG:
                return Value.of(x.log());
            case SQRT:
                return Value.of(x.sqrt());
            case TANH:
                return Value.of(x.tanh());
            default:
                throw new AssertionError(e.fn());
        }
    }

    @Override
    public Value neg(Neg e) {
        Value a = visit(e.arg());
        return a.isConstant() ? Value.of(-a.c) : Value.of(a.v.neg());
    }

    @Override
    public Value binary(Binary e) {
        boolean chainStart = !insideProduct;
        insideProduct = e.op() == Expr.Op.MUL;
        try {
            return binary(e, chainStart);
        } finally {
            insideProduct = !chainStart;
        }
    }

    private Value binary(Binary e, boolean chainStart) {
        if (e.op() == Expr.Op.MUL && chainStart && !bindings.fluxes().isEmpty()) {
            Optional<FluxProducts.Match> m = FluxProducts.match(e, spec);
            Var flux = m.isPresent() ? bindings.fluxes().get(m.get().term()) : null;
            if (flux != null) { // c·u·u_x = c·½(u²)_x
                double c = m.get().negative() ? -1 : 1;
                Var product = flux;
                for (Expr f : m.get().factors()) {
                    Value v = visit(f);
                    if (v.isConstant()) c *= v.c;
                    else product = product.mul(v.v);
                }
                return Value.of(c == 1 ? product : product.mul(c));
            }
        }
        Value l = visit(e.left());
        Value r = visit(e.right());
        switch (e.op()) {
            case ADD:
                if (l.isConstant() && r.isConstant()) return Value.of(l.c + r.c);
                if (l.isConstant()) return Value.of(r.v.add(l.c));
                if (r.isConstant()) return Value.of(l.v.add(r.c));
                return Value.of(l.v.add(r.v));
            case SUB:
                if (l.isConstant() && r.isConstant()) return Value.of(l.c - r.c);
                if (l.isConstant()) return Value.of(r.v.rsub(l.c));
                if (r.isConstant()) return Value.of(l.v.sub(r.c));
                return Value.of(l.v.sub(r.v));
            case MUL:
                if (l.isConstant() && r.isConstant()) return Value.of(l.c * r.c);
                if (l.isConstant()) return Value.of(r.v.mul(l.c));
                if (r.isConstant()) return Value.of(l.v.mul(r.c));
                return Value.of(l.v.mul(r.v));
            case DIV:
                if (l.isConstant() && r.isConstant()) return Value.of(l.c / r.c);
                if (l.isConstant()) return Value.of(r.v.reciprocal().mul(l.c));
                if (r.isConstant()) return Value.of(l.v.div(r.c));
                return Value.of(l.v.div(r.v));
            case POW:
                if (l.isConstant() && r.isConstant()) return Value.of(Math.pow(l.c, r.c));
                if (r.isConstant()) return Value.of(l.v.pow(r.c));
                if (l.isConstant()) return Value.of(r.v.mul(Math.log(l.c)).exp()); // c^v = exp(v·ln c)
                return Value.of(l.v.pow(r.v));
            default:
                throw new AssertionError(e.op());
        }
    }

    private Var partial(Partial p) {
        Var v = bindings.derivatives().get(p);
        if (v == null) {
            throw new IllegalArgumentException("the residual needs " + p + " but the Bindings have no value for it; "
                    + "the spec requires " + spec.requiredDerivatives() + " and the Bindings hold "
                    + bindings.derivatives().keySet());
        }
        return v;
    }

    private Var coordinate(String name) {
        Var v = bindings.coordinates().get(name);
        if (v == null) {
            throw new IllegalArgumentException("the equation uses the coordinate '" + name
                    + "' as a value: add .coordinate(\"" + name + "\", values) to the Bindings");
        }
        return v;
    }
}
