package dev.mollify.pde.spec;

import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Expr.Binary;
import dev.mollify.pde.spec.Expr.Derivative;
import dev.mollify.pde.spec.Expr.Laplacian;
import dev.mollify.pde.spec.Expr.Neg;
import dev.mollify.pde.spec.Expr.Symbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PDE (or a system of PDEs) read from text, with its coordinates, fields, unknowns and known data.
 *
 * <pre>{@code
 * PdeSpec burgers = PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
 *         .domain(Domain.interval1dTime(-1, 1, 0, 1))   // or .coordinates("x", "t")
 *         .unknown("a", 0.0)
 *         .unknownPositive("b", 0.01)
 *         .build();
 * burgers.requiredDerivatives();      // {u=[u, u_x, u_t, u_xx]}
 * Unknowns theta = burgers.unknownParameters();
 * Var r = burgers.residual(Bindings.create().field("u", u).derivative("u_x", ux)
 *         .derivative("u_t", ut).derivative("u_xx", uxx), theta);
 * }</pre>
 *
 * <p>{@link #parse} reads the text at once (syntax errors are thrown there); {@link Builder#build()}
 * checks the text against the declarations: every name must be declared or be a coordinate or a
 * field, every declared name must be used, derivatives must run along coordinates of the problem, and
 * field arguments must be coordinates. Each failure is a {@link PdeParseException} pointing at the
 * column, or an {@link IllegalArgumentException} naming the declaration and the fix.
 *
 * <p>Names: coordinates are single lower-case letters and {@code t} is time. When no coordinates are
 * declared they are the letters used in derivatives, in field arguments, or bare among x, y, z, t,
 * ordered x, y, z, t. Fields are the names that are differentiated ({@code u_x}) or passed to
 * {@code lap}/{@code bilap}, plus any declared with {@link Builder#fields}. A name like {@code D_eff}
 * is a derivative only if every letter after the underscore is a coordinate or one of x, y, z, t;
 * declaring it ({@code .constant("k_t", 1)}) makes it a plain name.
 */
public final class PdeSpec {
    private static final Set<String> DEFAULT_LETTERS = Set.of("x", "y", "z", "t");
    /** The time coordinate's name. */
    public static final String TIME = "t";

    private final String text;
    private final List<Equation> equations;
    private final List<String> sources;
    private final List<String> coordinates;
    private final Domain domain;
    private final List<String> fields;
    private final List<Unknown> unknowns;
    private final Map<String, Double> constants;
    private final List<UnknownField> unknownFields;
    private final Map<String, KnownField> knownFields;
    private final Map<String, List<String>> knownFieldArgs;
    private final Map<String, List<Partial>> required;
    private final Set<Expr> divergenceProducts;
    private final List<Expr> reactionTerms;
    private final Set<Expr> reactionNodes;

    private PdeSpec(
            Builder b,
            Parser.Result parsed,
            List<String> coordinates,
            List<String> fields,
            Map<String, List<String>> callArgs) {
        this.text = b.text;
        this.equations = parsed.equations();
        this.sources = parsed.sources();
        this.coordinates = List.copyOf(coordinates);
        this.domain = b.domain;
        this.fields = List.copyOf(fields);
        this.unknowns = List.copyOf(b.unknowns.values());
        this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(b.constants));
        List<UnknownField> uf = new ArrayList<>();
        for (String n : b.unknownFields.keySet()) uf.add(new UnknownField(n, callArgs.get(n)));
        this.unknownFields = List.copyOf(uf);
        this.knownFields = Collections.unmodifiableMap(new LinkedHashMap<>(b.knownFields));
        Map<String, List<String>> ka = new LinkedHashMap<>();
        for (String n : b.knownFields.keySet()) ka.put(n, callArgs.get(n));
        this.knownFieldArgs = Collections.unmodifiableMap(ka);
        this.required = computeRequired();
        this.divergenceProducts = Collections.unmodifiableSet(FluxProducts.divergenceProducts(this));
        this.reactionTerms = List.copyOf(ReactionTerms.find(this));
        Set<Expr> nodes = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        nodes.addAll(reactionTerms);
        this.reactionNodes = Collections.unmodifiableSet(nodes);
    }

    /**
     * Reads PDE text: one equation, or several separated by {@code ;} or new lines. Throws
     * {@link PdeParseException} for bad syntax; returns a builder for the declarations.
     *
     * @param text the PDE text, e.g. {@code "u_t + a*u*u_x - b*u_xx = 0"}
     * @return a builder on which the names are declared before {@link Builder#build()}
     * @throws PdeParseException when the text is not well-formed (syntax only; names are checked by build)
     * @throws NullPointerException when the text is null
     */
    public static Builder parse(String text) {
        return new Builder(text);
    }

    // ------------------------------------------------------------------ accessors

    /**
     * The text as given.
     *
     * @return the PDE text passed to {@link #parse}
     */
    public String text() {
        return text;
    }

    /**
     * The equations, in order.
     *
     * @return an unmodifiable list, one equation per {@code ;} or line of the text
     */
    public List<Equation> equations() {
        return equations;
    }

    /**
     * Coordinate names in order, declared or inferred from the text.
     *
     * @return an unmodifiable list, e.g. [x, t] or [x, y]
     */
    public List<String> coordinates() {
        return coordinates;
    }

    /**
     * The space coordinates: all but {@code t}, the ones {@code lap} and {@code bilap} sum over.
     *
     * @return a new list in coordinate order, e.g. [x, y]
     */
    public List<String> spaceCoordinates() {
        List<String> s = new ArrayList<>(coordinates);
        s.remove(TIME);
        return s;
    }

    /**
     * The time coordinate, if the problem has one.
     *
     * @return {@code t}, or empty for a steady problem
     */
    public Optional<String> timeCoordinate() {
        return coordinates.contains(TIME) ? Optional.of(TIME) : Optional.empty();
    }

    /**
     * The box domain, if one was declared.
     *
     * @return the domain given to {@link Builder#domain}, or empty
     */
    public Optional<Domain> domain() {
        return Optional.ofNullable(domain);
    }

    /**
     * Field names: the unknown functions the PDE is solved for.
     *
     * @return an unmodifiable list, e.g. [u, v]
     */
    public List<String> fields() {
        return fields;
    }

    /**
     * The unknown scalars with their initial guesses, in declaration order.
     *
     * @return an unmodifiable list of the declarations
     */
    public List<Unknown> unknowns() {
        return unknowns;
    }

    /**
     * The known constants.
     *
     * @return an unmodifiable map, name → value, in declaration order
     */
    public Map<String, Double> constants() {
        return constants;
    }

    /**
     * The unknown fields with their argument coordinates.
     *
     * @return an unmodifiable list, e.g. [k(x,y)], in declaration order
     */
    public List<UnknownField> unknownFields() {
        return unknownFields;
    }

    /**
     * The known fields.
     *
     * @return an unmodifiable map, name → field, in declaration order
     */
    public Map<String, KnownField> knownFields() {
        return knownFields;
    }

    /**
     * What each field must supply for the residual: field → its derivatives (the value itself is
     * {@code u}), sorted by total order. {@code lap(u)} and {@code bilap(u)} are expanded over the
     * space coordinates. E.g. Burgers gives {@code {u=[u, u_x, u_t, u_xx]}}.
     *
     * @return an unmodifiable map, field → its required partials, fields in order
     */
    public Map<String, List<Partial>> requiredDerivatives() {
        return required;
    }

    /**
     * The advection products of the equations that a route may bind in flux form ({@link Bindings#flux}):
     * {@code c·u·u_x} as ½(u²)_x, and with a divergence-free velocity w each {@code w_c·b_c} of a complete
     * sum as (w_c·b)_c; see {@link FluxProducts}. E.g. Burgers gives {@code [(u²/2)_x]}, Navier–Stokes
     * {@code [(u²)_x, (v·u)_y, (u·v)_x, (v²)_y]}.
     *
     * @return the flux terms in order of appearance, empty when the equations have no such product
     */
    public Set<FluxProducts.Term> fluxTerms() {
        return FluxProducts.find(this);
    }

    /**
     * The product chains of the equations that a route binds in divergence form (compared by identity);
     * see {@link FluxProducts#divergenceProducts}.
     *
     * @return an unmodifiable identity set of {@code *} nodes of {@link #equations()}, empty when the equations
     *     impose no divergence-free velocity
     */
    Set<Expr> divergenceProducts() {
        return divergenceProducts;
    }

    /**
     * The reaction terms of the equations, as written: zeroth-order addends nonlinear in the fields or with a
     * varying factor on a field, which a route may test against its kernel as a whole ({@link Bindings#tested});
     * see {@link ReactionTerms}. E.g. Fisher–KPP {@code u_t = D*u_xx + r*u*(1-u)} gives {@code [r*u*(1 - u)]}.
     *
     * @return the printed terms in order of appearance, empty when the equations have none
     */
    public List<String> reactionTerms() {
        List<String> out = new ArrayList<>();
        for (Expr e : reactionTerms) out.add(ExprPrinter.print(e));
        return out;
    }

    /**
     * The addend nodes of {@link #reactionTerms()} (compared by identity).
     *
     * @return an unmodifiable identity set of nodes of {@link #equations()}
     */
    Set<Expr> reactionNodes() {
        return reactionNodes;
    }

    /**
     * New trainable parameters for the unknown scalars, starting at their initial guesses.
     *
     * @return one fresh 0-d parameter θ per unknown, scale 1
     */
    public Unknowns unknownParameters() {
        return new Unknowns(unknowns);
    }

    /**
     * New trainable parameters for the unknown scalars, each starting at {@code start} (default its
     * initial guess) with physical value s·θ (or s·softplus(θ) when positive) for s = {@code scale}
     * (default 1): θ of order one when s is the coefficient's expected size (docs/math.md, "Scale-free
     * fitting").
     *
     * @param start the starting physical value of some unknowns by name; others start at their initial guess
     * @param scale the scale s of some unknowns by name, each finite and &gt; 0; others get 1
     * @return one fresh 0-d parameter θ per unknown
     * @throws IllegalArgumentException when a scale is not finite and &gt; 0, or a positive unknown's start is not
     *     &gt; 0
     */
    public Unknowns unknownParameters(Map<String, Double> start, Map<String, Double> scale) {
        return new Unknowns(unknowns, start, scale);
    }

    /**
     * The residual {@code lhs − rhs} of each equation, built from Var ops only, so it can be
     * differentiated to any order in the unknowns and in whatever produced the bindings.
     *
     * @param bindings the derivatives, coordinates, unknown fields and fluxes the equations read, at the
     *     evaluation points
     * @param unknownValues the unknown scalars, made by {@link #unknownParameters()} (or a copy of them)
     * @return one residual per equation, each of the bindings' broadcast shape
     * @throws IllegalArgumentException when a required value is not bound, naming it, or the unknowns lack one of
     *     this spec's
     * @throws NullPointerException when an argument is null
     */
    public List<Var> residuals(Bindings bindings, Unknowns unknownValues) {
        Objects.requireNonNull(bindings, "bindings");
        Objects.requireNonNull(unknownValues, "unknownValues");
        for (Unknown u : unknowns) {
            if (!unknownValues.names().contains(u.name())) {
                throw new IllegalArgumentException(
                        "the Unknowns have no '" + u.name() + "': make them with spec.unknownParameters()");
            }
        }
        Evaluator ev = new Evaluator(this, bindings, unknownValues);
        List<Var> out = new ArrayList<>();
        for (Equation e : equations) out.add(ev.evaluate(e.residual()));
        return out;
    }

    /**
     * The additive terms of each equation's residual: {@code lhs − rhs} split at its top-level + and −
     * (and unary minus), signs dropped. For {@code u_t + a*u*u_x - b*u_xx = 0}: [u_t, a*u*u_x, b*u_xx].
     *
     * @return one list of terms per equation, in the order written
     */
    public List<List<Expr>> terms() {
        List<List<Expr>> out = new ArrayList<>();
        for (Equation e : equations) {
            List<Expr> t = new ArrayList<>();
            splitTerms(e.residual(), t);
            out.add(t);
        }
        return out;
    }

    private static void splitTerms(Expr e, List<Expr> out) {
        if (e instanceof Binary b && (b.op() == Expr.Op.ADD || b.op() == Expr.Op.SUB)) {
            splitTerms(b.left(), out);
            splitTerms(b.right(), out);
        } else if (e instanceof Neg n) {
            splitTerms(n.arg(), out);
        } else {
            out.add(e);
        }
    }

    /**
     * The root-mean-square size of each of {@link #terms()} at these bindings and unknown values, per
     * equation: for {@code u_t = D*u_xx}, [rms(u_t), rms(D·u_xx)]. A residual is small or large
     * relative to its largest term; scale-free fitting divides it by that size (docs/math.md, "Scale-free
     * fitting").
     *
     * @param bindings the values the terms read, as for {@link #residuals}
     * @param unknownValues the unknown scalars at which to evaluate
     * @return per equation, sqrt(mean(term²)) of each term, in the order of {@link #terms()}
     * @throws IllegalArgumentException when a value a term needs is not bound
     */
    public List<double[]> termSizes(Bindings bindings, Unknowns unknownValues) {
        List<double[]> out = new ArrayList<>();
        for (List<Expr> terms : terms()) {
            double[] sizes = new double[terms.size()];
            for (int i = 0; i < sizes.length; i++) {
                double[] v = new Evaluator(this, bindings, unknownValues)
                        .evaluate(terms.get(i))
                        .value()
                        .toDoubleArray();
                double s2 = 0;
                for (double x : v) s2 += x * x;
                sizes[i] = Math.sqrt(s2 / Math.max(1, v.length));
            }
            out.add(sizes);
        }
        return out;
    }

    /**
     * The residual of a single-equation spec; see {@link #residuals}.
     *
     * @param bindings the values the equation reads, at the evaluation points
     * @param unknownValues the unknown scalars, made by {@link #unknownParameters()}
     * @return {@code lhs − rhs}, of the bindings' broadcast shape
     * @throws IllegalStateException when the spec has more than one equation
     * @throws IllegalArgumentException when a required value is not bound, naming it
     */
    public Var residual(Bindings bindings, Unknowns unknownValues) {
        if (equations.size() != 1) {
            throw new IllegalStateException("this spec has " + equations.size() + " equations: use residuals(...)");
        }
        return residuals(bindings, unknownValues).get(0);
    }

    /** The argument coordinates of a known field, as written in the text. */
    List<String> knownFieldArgs(String name) {
        return knownFieldArgs.get(name);
    }

    boolean isUnknown(String name) {
        for (Unknown u : unknowns) if (u.name().equals(name)) return true;
        return false;
    }

    /** The equations, re-parseable: {@code u_t = D*u_xx; v_t = E*v_xx}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Equation e : equations) sb.append(sb.length() == 0 ? "" : "; ").append(e);
        return sb.toString();
    }

    // ------------------------------------------------------------------ derivatives

    /** The derivatives that {@code lap(u)} (power 1) or {@code bilap(u)} (power 2) sums, with coefficients. */
    Map<Partial, Integer> laplacianTerms(Laplacian l) {
        List<String> space = spaceCoordinates();
        Map<Partial, Integer> terms = new LinkedHashMap<>();
        if (l.power() == 1) {
            for (String s : space) terms.put(Partial.of(l.field(), s, 2), 1);
        } else {
            // (Σ ∂ᵢ²)² = Σᵢ ∂ᵢ⁴ + 2 Σ_{i<j} ∂ᵢ²∂ⱼ²
            for (int i = 0; i < space.size(); i++) {
                terms.put(Partial.of(l.field(), space.get(i), 4), 1);
                for (int j = i + 1; j < space.size(); j++) {
                    terms.put(new Partial(l.field(), Map.of(space.get(i), 2, space.get(j), 2)), 2);
                }
            }
        }
        return terms;
    }

    /** Each field's value and derivatives as the equations use them, lap/bilap expanded; see {@link #requiredDerivatives}. */
    private Map<String, List<Partial>> computeRequired() {
        Map<String, Set<Partial>> sets = new LinkedHashMap<>();
        for (String f : fields) sets.put(f, new TreeSet<>());
        new ExprWalker() {
            @Override
            void onSymbol(Symbol e) {
                if (fields.contains(e.name())) sets.get(e.name()).add(Partial.value(e.name()));
            }

            @Override
            void onDerivative(Derivative e) {
                sets.get(e.partial().field()).add(e.partial());
            }

            @Override
            void onLaplacian(Laplacian e) {
                sets.get(e.field()).addAll(laplacianTerms(e).keySet());
            }
        }.walkAll(equations);
        Map<String, List<Partial>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Set<Partial>> e : sets.entrySet()) out.put(e.getKey(), List.copyOf(e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    // ------------------------------------------------------------------ builder

    /**
     * Declarations for a parsed text; {@link #build()} checks them against the text. Every method
     * returns this builder.
     */
    public static final class Builder {
        private static final Set<String> RESERVED = Set.of("sin", "cos", "exp", "log", "sqrt", "tanh", "lap", "bilap");

        final String text;
        private List<String> declaredCoordinates;
        Domain domain;
        final Map<String, Unknown> unknowns = new LinkedHashMap<>();
        final Map<String, Double> constants = new LinkedHashMap<>();
        final Map<String, List<String>> unknownFields = new LinkedHashMap<>();
        final Map<String, KnownField> knownFields = new LinkedHashMap<>();
        private final Map<String, List<String>> knownFieldDeclaredArgs = new LinkedHashMap<>();
        private final Set<String> declaredFields = new LinkedHashSet<>();
        private final Map<String, DeclarationKind> kinds = new LinkedHashMap<>();

        private Builder(String text) {
            this.text = Objects.requireNonNull(text, "PDE text is null");
            Parser.parse(
                    text,
                    Parser.classifier(DEFAULT_LETTERS, Set.of())); // syntax errors at once, before any declaration
        }

        /**
         * The coordinates, each one lower-case letter; {@code t} is time. E.g. {@code ("x", "t")},
         * {@code ("x", "y")}, {@code ("x", "y", "t")}, {@code ("t")}. Optional: by default they are
         * inferred from the text.
         *
         * @param names the coordinate letters, in order
         * @return this builder
         * @throws IllegalArgumentException when a name is not one lower-case letter, is listed twice, none is
         *     given, or they disagree with a declared domain
         */
        public Builder coordinates(String... names) {
            List<String> list = new ArrayList<>();
            for (String n : names) {
                if (n == null || !n.matches("[a-z]")) {
                    throw new IllegalArgumentException("a coordinate is one lower-case letter (so that u_" + n
                            + " can be read as a derivative), got '" + n + "'");
                }
                if (list.contains(n)) throw new IllegalArgumentException("coordinate '" + n + "' is listed twice");
                list.add(n);
            }
            if (list.isEmpty()) throw new IllegalArgumentException("coordinates(...) needs at least one name");
            if (domain != null && !domain.coordinates().equals(list)) {
                throw new IllegalArgumentException(
                        "coordinates " + list + " disagree with the domain's " + domain.coordinates());
            }
            this.declaredCoordinates = List.copyOf(list);
            return this;
        }

        /**
         * A box domain; also sets the coordinates to the domain's axes.
         *
         * @param domain the domain
         * @return this builder
         * @throws IllegalArgumentException when coordinates were declared and differ from the domain's
         * @throws NullPointerException when the domain is null
         */
        public Builder domain(Domain domain) {
            Objects.requireNonNull(domain, "domain");
            if (declaredCoordinates != null && !declaredCoordinates.equals(domain.coordinates())) {
                throw new IllegalArgumentException("the domain's coordinates " + domain.coordinates()
                        + " disagree with the declared coordinates " + declaredCoordinates);
            }
            this.domain = domain;
            this.declaredCoordinates = domain.coordinates();
            return this;
        }

        /**
         * An unknown scalar of any sign, trained from {@code initial}: value = θ.
         *
         * @param name the name used in the text
         * @param initial the initial guess, finite
         * @return this builder
         * @throws IllegalArgumentException when the name is not valid, is reserved or already declared, or the
         *     guess is not finite
         */
        public Builder unknown(String name, double initial) {
            declare(name, DeclarationKind.UNKNOWN_SCALAR);
            unknowns.put(name, new Unknown(name, initial, false));
            return this;
        }

        /**
         * An unknown scalar kept positive: value = softplus(θ), starting at {@code initial} &gt; 0.
         *
         * @param name the name used in the text
         * @param initial the initial guess, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when the name is not valid, is reserved or already declared, or the
         *     guess is not finite and &gt; 0
         */
        public Builder unknownPositive(String name, double initial) {
            Unknown u = new Unknown(name, initial, true);
            declare(name, DeclarationKind.UNKNOWN_SCALAR);
            unknowns.put(name, u);
            return this;
        }

        /**
         * A known constant.
         *
         * @param name the name used in the text
         * @param value its value, finite
         * @return this builder
         * @throws IllegalArgumentException when the value is not finite or the name is not valid, is reserved or
         *     already declared
         */
        public Builder constant(String name, double value) {
            if (!Double.isFinite(value))
                throw new IllegalArgumentException("constant '" + name + "' must be finite, got " + value);
            declare(name, DeclarationKind.KNOWN_CONSTANT);
            constants.put(name, value);
            return this;
        }

        /**
         * An unknown field of the coordinates, e.g. {@code unknownField("k")} for {@code k(x,y)} in the
         * text. Give {@code args} to have them checked against the text; otherwise they are read from it.
         *
         * @param name the name used in the text
         * @param args the coordinates it depends on, in order; none to take them from the text
         * @return this builder
         * @throws IllegalArgumentException when the name is not valid, is reserved or already declared
         */
        public Builder unknownField(String name, String... args) {
            declare(name, DeclarationKind.UNKNOWN_FIELD);
            unknownFields.put(name, List.of(args));
            return this;
        }

        /**
         * A known field of the coordinates, e.g. the source {@code m(x,y)}; {@code args} as for
         * {@link #unknownField}.
         *
         * @param name the name used in the text
         * @param field the field's values as a function of its coordinates
         * @param args the coordinates it depends on, in order; none to take them from the text
         * @return this builder
         * @throws IllegalArgumentException when the name is not valid, is reserved or already declared
         * @throws NullPointerException when the field is null
         */
        public Builder knownField(String name, KnownField field, String... args) {
            Objects.requireNonNull(field, "field");
            declare(name, DeclarationKind.KNOWN_FIELD);
            knownFields.put(name, field);
            knownFieldDeclaredArgs.put(name, List.of(args));
            return this;
        }

        /**
         * Declares field names. Only needed for a field that the text never differentiates (e.g.
         * {@code v} in {@code u_t = u_xx - v; v = u^2}); others are found from {@code u_x}, {@code lap(u)}.
         *
         * @param names the field names
         * @return this builder
         * @throws IllegalArgumentException when a name is not valid, is reserved or already declared
         */
        public Builder fields(String... names) {
            for (String n : names) {
                declare(n, DeclarationKind.FIELD);
                declaredFields.add(n);
            }
            return this;
        }

        private void declare(String name, DeclarationKind kind) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("\\p{L}[\\p{L}\\p{Nd}_]*")) {
                throw new IllegalArgumentException(
                        "'" + name + "' is not a valid name: use a letter followed by letters, digits or '_'");
            }
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException(
                        "'" + name + "' is a built-in function and cannot be declared as " + kind.phrase());
            }
            DeclarationKind before = kinds.putIfAbsent(name, kind);
            if (before != null) {
                throw new IllegalArgumentException("'" + name + "' is already declared as " + before.phrase()
                        + "; cannot declare it again as " + kind.phrase());
            }
        }

        /**
         * Checks the text against the declarations, pass by pass, and makes the spec.
         *
         * @return the spec, with its coordinates, fields and required derivatives worked out
         * @throws PdeParseException when the text uses a name that is not declared, differentiates along a
         *     coordinate the problem does not have, or calls a field with an argument that is not a coordinate
         *     (pointing at the column)
         * @throws IllegalArgumentException when a declaration is not used, a coordinate clashes with a field or a
         *     declared name, the coordinates cannot be inferred, or an equation involves no field
         */
        public PdeSpec build() {
            Parser.Result parsed = parseWithDeclarations();
            Map<String, List<String>> declaredArgs = new LinkedHashMap<>(unknownFields);
            declaredArgs.putAll(knownFieldDeclaredArgs);
            BuildPasses passes = new BuildPasses(text, parsed, kinds, declaredArgs);
            Set<String> fields = passes.findFields(declaredFields);
            List<String> coordinates = declaredCoordinates != null
                    ? declaredCoordinates
                    : passes.inferCoordinates(fields, DEFAULT_LETTERS);
            passes.checkCoordinatesAreFree(coordinates, fields);
            BuildPasses.NameUse names = passes.checkNames(coordinates, fields);
            passes.checkEveryDeclarationIsUsed(names.used());
            passes.checkEveryEquationInvolvesAField(fields);
            return new PdeSpec(this, parsed, coordinates, new ArrayList<>(fields), names.callArgs());
        }

        /**
         * The text parsed against the declarations: a declared unknown, constant or field is a plain
         * name, and {@code u_<letters>} is a derivative when every letter is a declared coordinate or
         * one of x, y, z, t.
         */
        private Parser.Result parseWithDeclarations() {
            Set<String> plain = new LinkedHashSet<>(unknowns.keySet());
            plain.addAll(constants.keySet());
            plain.addAll(declaredFields);
            Set<String> letters = new TreeSet<>(DEFAULT_LETTERS);
            if (declaredCoordinates != null) letters.addAll(declaredCoordinates);
            return Parser.parse(text, Parser.classifier(letters, plain));
        }
    }
}
