package dev.mollify.pde.spec;

import dev.mollify.pde.spec.Expr.Binary;
import dev.mollify.pde.spec.Expr.FieldCall;
import dev.mollify.pde.spec.Expr.Fn;
import dev.mollify.pde.spec.Expr.Func;
import dev.mollify.pde.spec.Expr.Laplacian;
import dev.mollify.pde.spec.Expr.Neg;
import dev.mollify.pde.spec.Expr.Num;
import dev.mollify.pde.spec.Expr.Op;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tokenizer and recursive-descent parser for PDE text. Grammar (lowest precedence first):
 *
 * <pre>
 * system   := equation ((';' | newline) equation)*        empty pieces between separators are skipped
 * equation := expr '=' expr
 * expr     := term (('+' | '-') term)*
 * term     := unary (('*' | '/') unary)*
 * unary    := ('-' | '+') unary | power                     so -a^2 = -(a^2) and -a*b = (-a)*b
 * power    := primary ('^' unary)?                          right-associative: a^b^c = a^(b^c)
 * primary  := number | name | name '(' args ')' | '(' expr ')'
 * </pre>
 *
 * A name followed by {@code (} is a built-in ({@code sin cos exp log sqrt tanh}: one expression),
 * {@code lap}/{@code bilap} (one field name), or a field of coordinates ({@code k(x,y)}: names only).
 * A bare name becomes a {@link Expr.Derivative} or a {@link Expr.Symbol} by the {@code classify}
 * function that the caller passes (it knows the coordinates and declared names).
 */
final class Parser {

    /** The parse result: equations, their source slices, and each node's offset in the text. */
    record Result(List<Equation> equations, List<String> sources, Map<Expr, Integer> offsets) {}

    private enum Kind {
        NUM,
        NAME,
        OP,
        LPAREN,
        RPAREN,
        COMMA,
        EQ,
        EQEQ,
        SEP,
        END
    }

    private record Token(Kind kind, String text, int offset, double number) {
        String describe() {
            switch (kind) {
                case END:
                    return "the end of the text";
                case SEP:
                    return text.equals(";") ? "';'" : "the end of the line";
                case NUM:
                    return "the number " + text;
                case NAME:
                    return "'" + text + "'";
                default:
                    return "'" + text + "'";
            }
        }
    }

    private final String text;
    private final Function<String, Expr> classify;
    private final List<Token> tokens;
    private final Map<Expr, Integer> offsets = new IdentityHashMap<>();
    private int pos;

    private Parser(String text, Function<String, Expr> classify) {
        this.text = text;
        this.classify = classify;
        this.tokens = tokenize(text);
    }

    /** Parses a system of equations; throws {@link PdeParseException} on bad text. */
    static Result parse(String text, Function<String, Expr> classify) {
        if (text == null) throw new NullPointerException("PDE text is null");
        return new Parser(text, classify).system();
    }

    /** The default classification: {@code base_letters} with letters among {@code coordinates} is a derivative. */
    static Function<String, Expr> classifier(java.util.Set<String> coordinates, java.util.Set<String> plainNames) {
        return name -> {
            if (!plainNames.contains(name)) {
                int us = name.lastIndexOf('_');
                if (us > 0 && us < name.length() - 1) {
                    String letters = name.substring(us + 1);
                    boolean all = true;
                    for (char c : letters.toCharArray()) all &= coordinates.contains(String.valueOf(c));
                    if (all && Character.isLetter(name.charAt(0))) return new Expr.Derivative(Partial.parse(name));
                }
            }
            return new Expr.Symbol(name);
        };
    }

    // ------------------------------------------------------------------ tokenizer

    private List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.add(new Token(Kind.SEP, "\n", i, 0));
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                if (i < s.length() && s.charAt(i) == '.') {
                    i++;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                }
                if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int j = i + 1;
                    if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
                    if (j < s.length() && Character.isDigit(s.charAt(j))) {
                        i = j;
                        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                    }
                }
                String t = s.substring(start, i);
                double value = Double.parseDouble(t);
                if (!Double.isFinite(value)) {
                    throw new PdeParseException(s, start, "the number " + t + " is too large for a double");
                }
                out.add(new Token(Kind.NUM, t, start, value));
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
                out.add(new Token(Kind.NAME, s.substring(start, i), start, 0));
            } else if ("+-*/^".indexOf(c) >= 0) {
                out.add(new Token(Kind.OP, String.valueOf(c), i, 0));
                i++;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", i++, 0));
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", i++, 0));
            } else if (c == ',') {
                out.add(new Token(Kind.COMMA, ",", i++, 0));
            } else if (c == ';') {
                out.add(new Token(Kind.SEP, ";", i++, 0));
            } else if (c == '=') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '=') {
                    out.add(new Token(Kind.EQEQ, "==", i, 0));
                    i += 2;
                } else {
                    out.add(new Token(Kind.EQ, "=", i++, 0));
                }
            } else {
                throw new PdeParseException(
                        s,
                        i,
                        "unexpected character '" + c + "': a PDE uses names, numbers, "
                                + "+ - * / ^, parentheses, ',' between arguments, one '=' per equation and ';' between equations");
            }
        }
        out.add(new Token(Kind.END, "", s.length(), 0));
        return out;
    }

    // ------------------------------------------------------------------ grammar

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean atOp(String op) {
        Token t = peek();
        return t.kind == Kind.OP && t.text.equals(op);
    }

    private PdeParseException error(Token at, String reason) {
        return new PdeParseException(text, at.offset, reason);
    }

    private <E extends Expr> E at(E e, int offset) {
        offsets.putIfAbsent(e, offset);
        return e;
    }

    private Result system() {
        List<Equation> eqs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        while (true) {
            while (peek().kind == Kind.SEP) next();
            if (peek().kind == Kind.END) break;
            int start = peek().offset;
            eqs.add(equation());
            Token t = peek();
            sources.add(text.substring(start, t.offset).trim());
            if (t.kind == Kind.END) break;
            if (t.kind != Kind.SEP) throw error(t, unexpectedAfterExpression(t, true));
        }
        if (eqs.isEmpty()) {
            throw new PdeParseException(text, 0, "expected an equation such as u_t = D*u_xx but the text is empty");
        }
        return new Result(List.copyOf(eqs), List.copyOf(sources), offsets);
    }

    private Equation equation() {
        Expr lhs = expr();
        Token t = peek();
        if (t.kind != Kind.EQ) throw error(t, unexpectedAfterExpression(t, false));
        next();
        Expr rhs = expr();
        return new Equation(lhs, rhs);
    }

    /** The message when an expression is complete but the next token does not fit. */
    private String unexpectedAfterExpression(Token t, boolean rhsDone) {
        switch (t.kind) {
            case EQEQ:
                return "found '==': an equation is written with a single '=', e.g. u_t = D*u_xx";
            case EQ:
                return "found a second '=': each equation has exactly one '='; separate equations with ';'";
            case RPAREN:
                return "unbalanced parentheses: this ')' has no matching '('";
            case NAME:
            case NUM:
            case LPAREN:
                return "expected an operator (+ - * / ^)" + (rhsDone ? ", ';' or the end of the text" : " or '='")
                        + " but found " + t.describe() + " (write products with '*', e.g. 2*u)";
            case END:
            case SEP:
                return "expected '=' (an equation is written left = right, e.g. u_t = D*u_xx) but found "
                        + t.describe();
            default:
                return "expected " + (rhsDone ? "';' or the end of the text" : "'='") + " but found " + t.describe();
        }
    }

    private Expr expr() {
        Expr left = term();
        while (atOp("+") || atOp("-")) {
            Token op = next();
            Expr right = term();
            left = at(new Binary(op.text.equals("+") ? Op.ADD : Op.SUB, left, right), op.offset);
        }
        return left;
    }

    private Expr term() {
        Expr left = unary();
        while (atOp("*") || atOp("/")) {
            Token op = next();
            Expr right = unary();
            left = at(new Binary(op.text.equals("*") ? Op.MUL : Op.DIV, left, right), op.offset);
        }
        return left;
    }

    private Expr unary() {
        if (atOp("-")) {
            Token op = next();
            return at(new Neg(unary()), op.offset);
        }
        if (atOp("+")) {
            next();
            return unary();
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        if (atOp("^")) {
            Token op = next();
            Expr exponent = unary();
            return at(new Binary(Op.POW, base, exponent), op.offset);
        }
        return base;
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind) {
            case NUM:
                next();
                return at(new Num(t.number), t.offset);
            case LPAREN: {
                next();
                Expr inner = expr();
                expectClose(t);
                return inner;
            }
            case NAME:
                next();
                if (peek().kind == Kind.LPAREN) return call(t);
                return at(classify.apply(t.text), t.offset);
            case EQEQ:
                throw error(t, "found '==': an equation is written with a single '=', e.g. u_t = D*u_xx");
            default:
                throw error(t, "expected a term (number, symbol, function call or '(') but found " + t.describe());
        }
    }

    private void expectClose(Token open) {
        Token t = peek();
        if (t.kind == Kind.RPAREN) {
            next();
            return;
        }
        int[] lc = PdeParseException.lineColumn(text, open.offset);
        String reason = "expected ')' to close the '(' at column " + lc[1] + " but found " + t.describe();
        if (t.kind == Kind.NAME || t.kind == Kind.NUM || t.kind == Kind.LPAREN) {
            reason += " (write products with '*', e.g. 2*u)";
        }
        throw error(t, reason);
    }

    private Expr call(Token name) {
        Token open = next(); // '('
        Fn fn = Fn.byName(name.text);
        if (fn != null) {
            Expr arg = expr();
            if (peek().kind == Kind.COMMA) {
                throw error(peek(), name.text + "(...) takes one argument; found ',' after the first");
            }
            expectClose(open);
            return at(new Func(fn, arg), name.offset);
        }
        if (name.text.equals("lap") || name.text.equals("bilap")) {
            Token f = peek();
            if (f.kind != Kind.NAME || tokens.get(pos + 1).kind != Kind.RPAREN) {
                throw error(
                        f,
                        name.text + "(...) takes the name of a field, e.g. " + name.text + "(u); found "
                                + f.describe());
            }
            next();
            expectClose(open);
            return at(new Laplacian(f.text, name.text.equals("lap") ? 1 : 2), name.offset);
        }
        // a field of the coordinates: k(x,y)
        List<String> args = new ArrayList<>();
        while (true) {
            Token a = peek();
            boolean plainName = a.kind == Kind.NAME
                    && (tokens.get(pos + 1).kind == Kind.COMMA || tokens.get(pos + 1).kind == Kind.RPAREN);
            if (!plainName) {
                if (a.kind == Kind.RPAREN && args.isEmpty()) {
                    throw error(
                            a,
                            "expected the coordinates of the field '" + name.text + "', e.g. " + name.text
                                    + "(x,t); found ')'");
                }
                throw error(
                        name,
                        "unknown function '" + name.text + "': the built-in functions are " + Fn.names()
                                + ", lap and bilap; any other name(...) is a field of the coordinates, like k(x,y), whose "
                                + "arguments are coordinate names");
            }
            args.add(a.text);
            next();
            if (peek().kind == Kind.COMMA) {
                next();
                continue;
            }
            expectClose(open);
            return at(new FieldCall(name.text, args), name.offset);
        }
    }
}
