package dev.mollify.pde.spec;

import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of one side of a PDE, as produced by {@link PdeSpec#parse}: a closed set of
 * records, visited with {@link Visitor} (Java 17 has no pattern-matching {@code switch}).
 *
 * <p>{@code toString()} prints the expression back as text with the fewest parentheses that keep
 * its structure, so that re-parsing the printed text gives an equal tree for every tree the parser
 * makes. Source columns are not part of the tree (two parses of the same text in different places
 * are equal); {@link PdeSpec} keeps them on the side for error messages.
 */
public sealed interface Expr {

    /**
     * Runs the visitor method for this node's kind.
     *
     * @param <R> the visitor's result type
     * @param v the visitor
     * @return what the visitor's method for this kind returns
     */
    <R> R accept(Visitor<R> v);

    /**
     * One method per node kind.
     *
     * @param <R> the result type of every method
     */
    interface Visitor<R> {
        /**
         * Visits a number literal.
         *
         * @param e the node
         * @return the visitor's result for the node
         */
        R num(Num e);

        /**
         * Visits a bare name.
         *
         * @param e the node
         * @return the visitor's result for the node
         */
        R symbol(Symbol e);

        /**
         * Visits a partial derivative such as {@code u_xx}.
         *
         * @param e the node
         * @return the visitor's result for the node
         */
        R derivative(Derivative e);

        /**
         * Visits {@code lap(u)} or {@code bilap(u)}.
         *
         * @param e the node
         * @return the visitor's result for the node
         */
        R laplacian(Laplacian e);

        /**
         * Visits a field called with coordinates, e.g. {@code k(x,y)}.
         *
         * @param e the node
         * @return the visitor's result for the node
         */
        R fieldCall(FieldCall e);

        /**
         * Visits a built-in function call.
         *
         * @param e the node
         * @return the visitor's result for the node
         */
        R func(Func e);

        /**
         * Visits a unary minus.
         *
         * @param e the node
         * @return the visitor's result for the node
         */
        R neg(Neg e);

        /**
         * Visits a binary operation.
         *
         * @param e the node
         * @return the visitor's result for the node
         */
        R binary(Binary e);
    }

    /**
     * A number literal, e.g. {@code 0.01} or {@code 2e-3}.
     *
     * @param value the number, finite
     */
    record Num(double value) implements Expr {
        /**
         * Checks that the value is finite.
         *
         * @param value the number
         * @throws IllegalArgumentException when the value is NaN or infinite
         */
        public Num {
            if (!Double.isFinite(value))
                throw new IllegalArgumentException("a number literal must be finite, got " + value);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.num(this);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(this);
        }
    }

    /**
     * A bare name: an unknown scalar, a known constant, a coordinate or the value of a field
     * (which of these is decided by the declarations in {@link PdeSpec}).
     *
     * @param name the name as written
     */
    record Symbol(String name) implements Expr {
        /**
         * Checks that the name is non-null.
         *
         * @param name the name as written
         * @throws NullPointerException when the name is null
         */
        public Symbol {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.symbol(this);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(this);
        }
    }

    /**
     * The expression node of a partial derivative of a field such as {@code u_xx} or {@code v_xy}; which
     * derivative it is, is its {@link Partial}.
     *
     * @param partial which derivative of which field
     */
    record Derivative(Partial partial) implements Expr {
        /**
         * Checks that the partial is non-null.
         *
         * @param partial which derivative of which field
         * @throws NullPointerException when the partial is null
         */
        public Derivative {
            Objects.requireNonNull(partial, "partial");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.derivative(this);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(this);
        }
    }

    /**
     * {@code lap(u)} (power 1: the sum of the second derivatives over the space coordinates) or
     * {@code bilap(u)} (power 2: the Laplacian applied twice). Kept as a node so that printing
     * round-trips; {@link PdeSpec#requiredDerivatives()} expands it over the problem's space
     * coordinates.
     *
     * @param field the field the operator is applied to
     * @param power 1 for Δu = Σᵢ ∂ᵢ²u, 2 for Δ²u = Σᵢ ∂ᵢ⁴u + 2 Σ_{i&lt;j} ∂ᵢ²∂ⱼ²u
     */
    record Laplacian(String field, int power) implements Expr {
        /**
         * Checks that the field is non-null and the power is 1 or 2.
         *
         * @param field the field the operator is applied to
         * @param power 1 ({@code lap}) or 2 ({@code bilap})
         * @throws IllegalArgumentException when the power is not 1 or 2
         * @throws NullPointerException when the field is null
         */
        public Laplacian {
            Objects.requireNonNull(field, "field");
            if (power != 1 && power != 2)
                throw new IllegalArgumentException("Laplacian power must be 1 (lap) or 2 (bilap), got " + power);
        }
        /**
         * The function name in the text.
         *
         * @return {@code lap} for power 1, {@code bilap} for power 2
         */
        public String functionName() {
            return power == 1 ? "lap" : "bilap";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.laplacian(this);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(this);
        }
    }

    /**
     * A field of some coordinates called by name, e.g. {@code k(x,y)} or {@code f(t)}.
     *
     * @param name the field's name
     * @param args the argument names as written, in order (checked to be coordinates at build time)
     */
    record FieldCall(String name, List<String> args) implements Expr {
        /**
         * Checks that the name is non-null and copies the arguments.
         *
         * @param name the field's name
         * @param args the argument names as written; copied
         * @throws NullPointerException when the name or the list (or an element of it) is null
         */
        public FieldCall {
            Objects.requireNonNull(name, "name");
            args = List.copyOf(args);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.fieldCall(this);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(this);
        }
    }

    /**
     * A built-in function of one argument, e.g. {@code sin(x)}.
     *
     * @param fn the function
     * @param arg its argument
     */
    record Func(Fn fn, Expr arg) implements Expr {
        /**
         * Checks that the function and its argument are non-null.
         *
         * @param fn the function
         * @param arg its argument
         * @throws NullPointerException when either is null
         */
        public Func {
            Objects.requireNonNull(fn, "fn");
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.func(this);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(this);
        }
    }

    /**
     * Unary minus, {@code -arg}.
     *
     * @param arg the negated expression
     */
    record Neg(Expr arg) implements Expr {
        /**
         * Checks that the argument is non-null.
         *
         * @param arg the negated expression
         * @throws NullPointerException when the argument is null
         */
        public Neg {
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.neg(this);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(this);
        }
    }

    /**
     * {@code left op right}.
     *
     * @param op the operator
     * @param left the left operand
     * @param right the right operand
     */
    record Binary(Op op, Expr left, Expr right) implements Expr {
        /**
         * Checks that the operator and both operands are non-null.
         *
         * @param op the operator
         * @param left the left operand
         * @param right the right operand
         * @throws NullPointerException when any of them is null
         */
        public Binary {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.binary(this);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(this);
        }
    }

    /** Binary operators with their text and precedence (higher binds tighter). */
    enum Op {
        /** {@code a + b}. */
        ADD("+", 1),
        /** {@code a - b}. */
        SUB("-", 1),
        /** {@code a * b}. */
        MUL("*", 2),
        /** {@code a / b}. */
        DIV("/", 2),
        /** {@code a ^ b}, aᵇ (right-associative). */
        POW("^", 4);

        /** Precedence of unary minus: between {@code * /} and {@code ^}, so {@code -a^2 = -(a^2)}. */
        static final int UNARY_PRECEDENCE = 3;

        private final String symbol;
        private final int precedence;

        Op(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        /**
         * The operator as written.
         *
         * @return one of {@code + - * / ^}
         */
        public String symbol() {
            return symbol;
        }

        /**
         * Binding strength: higher binds tighter.
         *
         * @return 1 for + and −, 2 for * and /, 4 for ^ (unary minus is 3)
         */
        public int precedence() {
            return precedence;
        }

        /**
         * Whether the operator groups to the right; only {@code ^} does: {@code a^b^c = a^(b^c)}.
         *
         * @return true for {@link #POW} only
         */
        public boolean rightAssociative() {
            return this == POW;
        }
    }

    /** The built-in functions of one argument. */
    enum Fn {
        /** {@code sin}. */
        SIN,
        /** {@code cos}. */
        COS,
        /** {@code exp}, eˣ. */
        EXP,
        /** {@code log}, the natural logarithm ln x. */
        LOG,
        /** {@code sqrt}, √x. */
        SQRT,
        /** {@code tanh}. */
        TANH;

        /**
         * The name as written in the text.
         *
         * @return the lower-case name, e.g. {@code sin}
         */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * The function with this text name.
         *
         * @param name the name as written, e.g. {@code "tanh"}
         * @return the function, or {@code null} when no built-in has that name
         */
        public static Fn byName(String name) {
            for (Fn f : values()) if (f.text().equals(name)) return f;
            return null;
        }

        /**
         * The names, for error messages.
         *
         * @return {@code sin, cos, exp, log, sqrt, tanh}
         */
        public static String names() {
            StringBuilder sb = new StringBuilder();
            for (Fn f : values()) sb.append(sb.length() == 0 ? "" : ", ").append(f.text());
            return sb.toString();
        }
    }
}
