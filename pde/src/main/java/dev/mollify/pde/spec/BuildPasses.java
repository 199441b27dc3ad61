package dev.mollify.pde.spec;

import dev.mollify.pde.spec.Expr.Derivative;
import dev.mollify.pde.spec.Expr.FieldCall;
import dev.mollify.pde.spec.Expr.Laplacian;
import dev.mollify.pde.spec.Expr.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The passes {@link PdeSpec.Builder#build()} runs over the parsed text, in this order: find the
 * fields, find the coordinates, check that no coordinate is declared, check every name in the text,
 * check that every declaration is used, check that every equation involves a field. Each check
 * throws at the first offence, a {@link PdeParseException} at its column when it has one.
 */
final class BuildPasses {
    private final String text;
    private final Parser.Result parsed;
    private final Map<String, DeclarationKind> kinds;
    private final Map<String, List<String>> declaredArgs; // functions of the coordinates: name → args as declared

    BuildPasses(
            String text,
            Parser.Result parsed,
            Map<String, DeclarationKind> kinds,
            Map<String, List<String>> declaredArgs) {
        this.text = text;
        this.parsed = parsed;
        this.kinds = kinds;
        this.declaredArgs = declaredArgs;
    }

    /** What {@link #checkNames} learns: the names the text uses, and the argument list of each function of the coordinates. */
    record NameUse(Set<String> used, Map<String, List<String>> callArgs) {}

    /**
     * The fields: the declared ones, then the differentiated or {@code lap}/{@code bilap}'d names in order
     * of appearance. Rejects differentiating a name declared as anything but a field.
     */
    Set<String> findFields(Set<String> declaredFields) {
        Set<String> fields = new LinkedHashSet<>(declaredFields);
        new ExprWalker() {
            @Override
            void onDerivative(Derivative e) {
                addField(fields, e.partial().field(), e, e.partial().toString());
            }

            @Override
            void onLaplacian(Laplacian e) {
                addField(fields, e.field(), e, e.toString());
            }
        }.walkAll(parsed.equations());
        return fields;
    }

    private void addField(Set<String> fields, String f, Expr node, String written) {
        if (fields.contains(f)) return;
        DeclarationKind kind = kinds.get(f);
        if (kind != null) {
            throw error(
                    node,
                    "'" + f + "' is declared as " + kind.phrase() + " but " + written
                            + " differentiates it; only fields can be differentiated");
        }
        fields.add(f);
    }

    /**
     * The coordinates when none are declared, ordered x, y, z, others alphabetically, t last: the
     * letters derivatives run along, single-letter call arguments, and bare undeclared {@code bareLetters}.
     */
    List<String> inferCoordinates(Set<String> fields, Set<String> bareLetters) {
        Set<String> found = new TreeSet<>(Partial.LETTER_ORDER);
        new ExprWalker() {
            @Override
            void onDerivative(Derivative e) {
                found.addAll(e.partial().orders().keySet());
            }

            @Override
            void onFieldCall(FieldCall e) {
                for (String a : e.args()) if (a.matches("[a-z]")) found.add(a);
            }

            @Override
            void onSymbol(Symbol e) {
                if (bareLetters.contains(e.name()) && !kinds.containsKey(e.name()) && !fields.contains(e.name())) {
                    found.add(e.name());
                }
            }
        }.walkAll(parsed.equations());
        if (found.isEmpty()) {
            throw new IllegalArgumentException("cannot tell the coordinates of '" + text
                    + "': no derivative or field argument names one; declare them with .coordinates(\"x\", \"t\")");
        }
        return new ArrayList<>(found);
    }

    /** A coordinate is neither a field nor a declared name. */
    void checkCoordinatesAreFree(List<String> coordinates, Set<String> fields) {
        for (String c : coordinates) {
            if (fields.contains(c) || kinds.containsKey(c)) {
                throw new IllegalArgumentException("'" + c + "' is a coordinate and cannot also be "
                        + (kinds.containsKey(c) ? kinds.get(c).phrase() : "a field"));
            }
        }
    }

    /**
     * Every name in the text is declared, a field or a coordinate; every derivative runs along
     * coordinates; {@code lap}/{@code bilap} have space coordinates to sum over; every call is a
     * declared function of the coordinates with one consistent argument list.
     */
    NameUse checkNames(List<String> coordinates, Set<String> fields) {
        NameCheck check = new NameCheck(coordinates, fields);
        check.walkAll(parsed.equations());
        return new NameUse(check.used, check.callArgs);
    }

    /** One walk that checks each node as it comes, so the first offence in the text is the one reported. */
    private final class NameCheck extends ExprWalker {
        private final List<String> coordinates;
        private final List<String> space;
        private final Set<String> fields;
        private final Set<String> used = new LinkedHashSet<>();
        private final Map<String, List<String>> callArgs = new LinkedHashMap<>();
        private final Map<String, FieldCall> firstCall = new LinkedHashMap<>();

        NameCheck(List<String> coordinates, Set<String> fields) {
            this.coordinates = coordinates;
            this.fields = fields;
            this.space = new ArrayList<>(coordinates);
            space.remove(PdeSpec.TIME);
        }

        /** A bare name: a declared scalar or constant (or a declared field), a coordinate or a field. */
        @Override
        void onSymbol(Symbol e) {
            String n = e.name();
            DeclarationKind kind = kinds.get(n);
            if (kind != null && !kind.isFunctionOfCoordinates()) {
                used.add(n);
                return;
            }
            if (coordinates.contains(n) || fields.contains(n)) return;
            if (kind != null) {
                throw error(
                        e,
                        "'" + n + "' is a field of the coordinates: write it with its arguments, e.g. " + n + "("
                                + String.join(",", coordinates) + ")");
            }
            int us = n.lastIndexOf('_');
            if (us > 0
                    && fields.contains(n.substring(0, us))
                    && n.substring(us + 1).matches("[a-z]+")) {
                throw error(
                        e,
                        "'" + n + "' differentiates along '"
                                + n.substring(us + 1).replaceAll("[" + String.join("", coordinates) + "]", "")
                                + "', which is not a coordinate of this problem (coordinates: "
                                + String.join(", ", coordinates)
                                + "); each letter after '_' is one coordinate (u_xx is the second derivative along x),"
                                + " and coordinates are one-letter names: t, x, y, z");
            }
            throw error(
                    e,
                    "symbol '" + n + "' is neither an unknown, a known constant, a field nor a coordinate: "
                            + "declare it with .unknown(\"" + n + "\", guess) or .constant(\"" + n + "\", value)");
        }

        /** A derivative runs along coordinates of the problem. */
        @Override
        void onDerivative(Derivative e) {
            used.add(e.partial().field());
            for (String c : e.partial().orders().keySet()) {
                if (!coordinates.contains(c)) {
                    throw error(
                            e,
                            "derivative " + e.partial() + " is along '" + c + "', which is not a coordinate of "
                                    + "this problem (coordinates: " + String.join(", ", coordinates) + ")");
                }
            }
        }

        /** {@code lap}/{@code bilap} need space coordinates to sum over. */
        @Override
        void onLaplacian(Laplacian e) {
            used.add(e.field());
            if (space.isEmpty()) {
                throw error(
                        e,
                        e.functionName() + "(" + e.field() + ") needs space coordinates, and this problem has only "
                                + String.join(", ", coordinates)
                                + "; declare them, e.g. .coordinates(\"x\", \"y\", \"t\")");
            }
        }

        /** A call names a declared function of the coordinates, with the same distinct coordinate arguments everywhere. */
        @Override
        void onFieldCall(FieldCall e) {
            String n = e.name();
            checkIsFunctionOfCoordinates(e);
            checkArgumentsAreDistinctCoordinates(e);
            FieldCall first = firstCall.putIfAbsent(n, e);
            if (first != null && !first.args().equals(e.args())) {
                throw error(
                        e,
                        "'" + n + "' is called as " + e + " here but as " + first + " before; use one argument list");
            }
            List<String> declared = declaredArgs.get(n);
            if (!declared.isEmpty() && !declared.equals(e.args())) {
                throw error(
                        e,
                        "'" + n + "' is declared with arguments (" + String.join(",", declared)
                                + ") but the text calls " + e);
            }
            callArgs.put(n, e.args());
            used.add(n);
        }

        private void checkIsFunctionOfCoordinates(FieldCall e) {
            String n = e.name();
            DeclarationKind declared = kinds.get(n);
            if (declared != null && declared.isFunctionOfCoordinates()) return;
            String kind = fields.contains(n)
                    ? "a field (it is differentiated, so it is solved for)"
                    : declared == null ? null : declared.phrase();
            if (kind != null) {
                throw error(
                        e,
                        "'" + n + "' is " + kind + ", not a declared function of the coordinates: write it "
                                + "without arguments, or declare it with .unknownField(\"" + n
                                + "\") or .knownField(...)");
            }
            throw error(
                    e,
                    "unknown function '" + n + "': the built-in functions are " + Expr.Fn.names()
                            + ", lap and bilap; for a field of the coordinates declare .unknownField(\"" + n
                            + "\") or .knownField(\"" + n + "\", f)");
        }

        private void checkArgumentsAreDistinctCoordinates(FieldCall e) {
            Set<String> seen = new LinkedHashSet<>();
            for (String a : e.args()) {
                if (!coordinates.contains(a)) {
                    throw error(
                            e,
                            "argument '" + a + "' of " + e + " is not a coordinate (coordinates: "
                                    + String.join(", ", coordinates) + ")");
                }
                if (!seen.add(a)) throw error(e, "argument '" + a + "' appears twice in " + e);
            }
        }
    }

    /** Every declared name appears in the text. */
    void checkEveryDeclarationIsUsed(Set<String> used) {
        for (Map.Entry<String, DeclarationKind> d : kinds.entrySet()) {
            if (!used.contains(d.getKey())) {
                String where = parsed.equations().size() == 1
                        ? "the equation " + parsed.sources().get(0)
                        : "the equations " + String.join("; ", parsed.sources());
                throw new IllegalArgumentException(
                        d.getValue().noun() + " '" + d.getKey() + "' is not used in " + where);
            }
        }
    }

    /** Every equation mentions a field, bare or differentiated. */
    void checkEveryEquationInvolvesAField(Set<String> fields) {
        for (int i = 0; i < parsed.equations().size(); i++) {
            Equation eq = parsed.equations().get(i);
            boolean[] hasField = {false};
            new ExprWalker() {
                @Override
                void onSymbol(Symbol e) {
                    hasField[0] |= fields.contains(e.name());
                }

                @Override
                void onDerivative(Derivative e) {
                    hasField[0] = true;
                }

                @Override
                void onLaplacian(Laplacian e) {
                    hasField[0] = true;
                }
            }.walkAll(List.of(eq));
            if (!hasField[0]) {
                throw new IllegalArgumentException(
                        "the equation " + parsed.sources().get(i) + " involves no field: a PDE "
                                + "differentiates the field it is solved for (u_t, u_x, lap(u), ...)");
            }
        }
    }

    private PdeParseException error(Expr node, String reason) {
        Integer offset = parsed.offsets().get(node);
        return new PdeParseException(text, offset == null ? 0 : offset, reason);
    }
}
