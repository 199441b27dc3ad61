package dev.mollify.tensor.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drift check for hand-kept F32 twins of F64 code: the F32 source must be the F64 source under a fixed
 * token mapping, compared token by token (whitespace and comments ignored, so formatting cannot matter).
 *
 * <p>The mapping turns the F64 text into F32 text: {@code double → float}, {@code Double → Float},
 * {@code DoubleVector → FloatVector}, {@code doubles → floats}, a leading {@code F64} of an identifier
 * → {@code F32}, a double literal → the float literal of the same decimal value ({@code 0.0 → 0f}),
 * plus the names a pair passes in (such as its species constant). Float literals of the F32 side are
 * compared by value too ({@code 0.0f} = {@code 0f}), and {@code (float)} casts are dropped on both
 * sides: the compiler demands them wherever a double value meets a float.
 *
 * <p>Markers (comments) for lines that differ for a reason, each saying why:
 * <ul>
 *   <li>{@code // twin: f64 only, why} (or {@code f32 only}) at the end of a line: the line's tokens
 *       have no counterpart in the other precision;</li>
 *   <li>{@code // twin: begin f64 only, why} … {@code // twin: end}: the same for a whole block;</li>
 *   <li>{@code // twin: keeps double, why} on an F32 line: {@code double} may stand there where the
 *       mapping gives {@code float} (sums that accumulate in double in both precisions).</li>
 * </ul>
 * Any other {@code // twin:} comment fails the check.
 * The mollifier module's test sources hold an identical copy of this class (a test there keeps the two
 * in step).
 */
final class PrecisionTwins {
    private PrecisionTwins() {}

    private static final Pattern TOKEN = Pattern.compile(
            "//[^\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'"
                    + "|\\.?\\d(?:[eE][+-]|[\\w.])*|[\\w$]+|\\S",
            Pattern.DOTALL);
    private static final Pattern FLOATING =
            Pattern.compile("(\\d*\\.\\d*(?:[eE][+-]?\\d+)?|\\d+[eE][+-]?\\d+|\\d+)([fFdD]?)");
    private static final Map<String, String> WORDS =
            Map.of("double", "float", "Double", "Float", "DoubleVector", "FloatVector", "doubles", "floats");

    private static final Pattern MARKER = Pattern.compile("(begin )?f(64|32) only\\b|end\\b|keeps double\\b");
    private static final Set<String> STATEMENTS = Set.of("if", "for", "while", "switch", "catch", "synchronized");

    /** One token of a source: its text, its line, and whether a keeps-double marker covers it. */
    record Token(String text, int line, boolean keepsDouble) {}

    /** A source file's tokens as seen by one side ("f64" or "f32"): comments gone, that side's "only" parts dropped. */
    static List<Token> tokens(Path file, String side) {
        String src = read(file);
        List<Token> all = new ArrayList<>();
        List<Boolean> dropped = new ArrayList<>();
        Set<Integer> onlyLines = new HashSet<>(), keepLines = new HashSet<>();
        Matcher m = TOKEN.matcher(src);
        int line = 1, last = 0;
        boolean inBlock = false;
        while (m.find()) {
            line += count(src, last, m.start());
            last = m.start();
            String t = m.group();
            if (t.startsWith("//") || t.startsWith("/*")) {
                String note = t.startsWith("//") ? t.substring(2).trim() : "";
                if (note.startsWith("twin:")) {
                    String what = note.substring(5).trim();
                    if (!MARKER.matcher(what).lookingAt()) fail(file + ":" + line + ": unknown twin marker: " + note);
                    if (what.startsWith("begin " + side + " only")) inBlock = true;
                    else if (what.startsWith("end")) inBlock = false;
                    else if (what.startsWith(side + " only")) onlyLines.add(line);
                    else if (what.startsWith("keeps double")) keepLines.add(line);
                }
                continue;
            }
            all.add(new Token(t, line, false));
            dropped.add(inBlock);
        }
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            if (!dropped.get(i) && !onlyLines.contains(t.line()))
                out.add(new Token(t.text(), t.line(), keepLines.contains(t.line())));
        }
        return out;
    }

    /** The tokens of the body (braces included) of the method whose declaration starts with {@code signature}; it must be unique. */
    static List<Token> body(List<Token> tokens, String signature) {
        List<String> sig = new ArrayList<>();
        Matcher m = TOKEN.matcher(signature);
        while (m.find()) sig.add(m.group());
        int at = -1;
        for (int i = 0; i + sig.size() <= tokens.size(); i++) {
            boolean match = true;
            for (int j = 0; j < sig.size() && match; j++)
                match = tokens.get(i + j).text().equals(sig.get(j));
            if (match) {
                if (at >= 0) fail("two methods start with " + signature);
                at = i;
            }
        }
        if (at < 0) fail("no method starts with " + signature);
        int open = at;
        while (!tokens.get(open).text().equals("{")) open++;
        return tokens.subList(open, closing(tokens, open) + 1);
    }

    /** The index of the brace that closes the one at {@code open}. */
    private static int closing(List<Token> tokens, int open) {
        for (int i = open, depth = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).text();
            if (t.equals("{")) depth++;
            if (t.equals("}") && --depth == 0) return i;
        }
        throw new AssertionError(
                "unbalanced braces after line " + tokens.get(open).line());
    }

    /** The F64 text as F32 text: the mapping of the class comment, with {@code names} for names of this pair. */
    static String map(String t, Map<String, String> names) {
        if (names.containsKey(t)) return names.get(t);
        if (WORDS.containsKey(t)) return WORDS.get(t);
        if (t.startsWith("F64")) return "F32" + t.substring(3);
        return literal(t, "dD") ? canonical(t) : t;
    }

    /** Asserts that the F32 tokens are the mapped F64 tokens; fails with the first differing lines of both files. */
    static void assertTwins(Path f64File, List<Token> f64, Path f32File, List<Token> f32, Map<String, String> names) {
        List<Token> expected = new ArrayList<>();
        for (Token t : f64) expected.add(new Token(map(t.text(), names), t.line(), false));
        List<Token> actual = new ArrayList<>();
        for (Token t : f32) {
            actual.add(literal(t.text(), "fF") ? new Token(canonical(t.text()), t.line(), t.keepsDouble()) : t);
        }
        dropFloatCasts(expected);
        dropFloatCasts(actual);
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            Token e = expected.get(i), a = actual.get(i);
            boolean same = e.text().equals(a.text())
                    || a.keepsDouble() && a.text().equals("double") && e.text().equals("float");
            if (!same) fail(drift(f64File, e, f32File, a));
        }
        if (expected.size() != actual.size()) {
            Token e = expected.get(Math.min(n, expected.size() - 1)), a = actual.get(Math.min(n, actual.size() - 1));
            fail("one twin is longer: " + drift(f64File, e, f32File, a));
        }
    }

    /** Whole files: the F32 file is the mapped F64 file. */
    static void assertFileTwins(Path f64File, Path f32File, Map<String, String> names) {
        assertTwins(f64File, tokens(f64File, "f64"), f32File, tokens(f32File, "f32"), names);
    }

    /**
     * Method bodies in one file: the body of the method starting with the mapped {@code f64Signature} is
     * the mapped body of the F64 one. Returns the line where the F32 body starts.
     */
    static int assertMethodTwins(Path file, String f64Signature, Map<String, String> names) {
        StringBuilder f32Signature = new StringBuilder();
        Matcher m = TOKEN.matcher(f64Signature);
        while (m.find()) f32Signature.append(map(m.group(), names)).append(' ');
        return assertMethodTwins(file, f64Signature, f32Signature.toString(), names);
    }

    /** As {@link #assertMethodTwins(Path, String, Map)}, for an F32 method whose signature the mapping cannot give (double sums). */
    static int assertMethodTwins(Path file, String f64Signature, String f32Signature, Map<String, String> names) {
        List<Token> f32 = body(tokens(file, "f32"), f32Signature);
        assertTwins(file, body(tokens(file, "f64"), f64Signature), file, f32, names);
        return f32.get(0).line();
    }

    /**
     * The lines where the bodies start of the methods in {@code file} that take a {@code float} or
     * {@code float[]} parameter and span more than {@code maxLines} lines: the twins a drift test must cover.
     */
    static Set<Integer> longFloatMethods(Path file, int maxLines) {
        List<Token> ts = tokens(file, "none");
        Set<Integer> starts = new HashSet<>();
        for (int i = 1, depth = 0; i < ts.size(); i++) {
            String t = ts.get(i).text();
            if (t.equals("{")) depth++;
            if (t.equals("}")) depth--;
            String name = ts.get(i - 1).text();
            if (depth > 2 || !t.equals("(") || !name.matches("[A-Za-z_$][\\w$]*") || STATEMENTS.contains(name))
                continue;
            boolean takesFloat = false;
            int j = i + 1;
            for (int nest = 1; nest > 0; j++) {
                String u = ts.get(j).text();
                if (u.equals("(")) nest++;
                if (u.equals(")")) nest--;
                if (u.equals("float")) takesFloat = true;
            }
            if (!takesFloat || !ts.get(j).text().equals("{")) continue;
            if (ts.get(closing(ts, j)).line() - ts.get(i).line() + 1 > maxLines)
                starts.add(ts.get(j).line());
        }
        return starts;
    }

    /** Identical code after the package declaration (for two copies of one class in different packages). */
    static void assertSameClass(Path a, Path b) {
        List<Token> ta = tokens(a, "f64"), tb = tokens(b, "f64");
        assertTwins(a, afterPackage(ta), b, afterPackage(tb), Collections.emptyMap());
    }

    private static List<Token> afterPackage(List<Token> ts) {
        int i = 0;
        while (!ts.get(i).text().equals(";")) i++;
        return ts.subList(i + 1, ts.size());
    }

    private static void dropFloatCasts(List<Token> ts) {
        for (int i = ts.size() - 3; i >= 0; i--) {
            if (ts.get(i).text().equals("(")
                    && ts.get(i + 1).text().equals("float")
                    && ts.get(i + 2).text().equals(")")) {
                ts.subList(i, i + 3).clear();
            }
        }
    }

    /** Whether {@code t} is a floating-point literal of the type with these suffixes ("dD": double, also unsuffixed; "fF": float). */
    private static boolean literal(String t, String suffixes) {
        Matcher m = FLOATING.matcher(t);
        if (!m.matches() || !t.matches(".*\\d.*")) return false;
        String suffix = m.group(2);
        if (suffix.isEmpty()) return suffixes.equals("dD") && !m.group(1).matches("\\d+");
        return suffixes.contains(suffix);
    }

    /** A floating literal as the float literal of its decimal value: 0.0, 0.0f and 0f all read 0f. */
    private static String canonical(String literal) {
        String digits = literal.replaceAll("[fFdD]$", "");
        return new BigDecimal(digits.endsWith(".") ? digits + "0" : digits)
                        .stripTrailingZeros()
                        .toPlainString() + "f";
    }

    private static String drift(Path f64File, Token e, Path f32File, Token a) {
        return "F32 twin drifted from its F64 original\n  " + f64File + ":" + e.line() + " (mapped, expects '"
                + e.text() + "'): "
                + lineOf(f64File, e.line()).trim() + "\n  " + f32File + ":" + a.line() + " (has '" + a.text() + "'): "
                + lineOf(f32File, a.line()).trim();
    }

    private static final Map<Path, String> CACHE = new HashMap<>();

    private static String read(Path file) {
        return CACHE.computeIfAbsent(file, f -> {
            try {
                return Files.readString(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String lineOf(Path file, int line) {
        return read(file).split("\n", -1)[line - 1];
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) if (s.charAt(i) == '\n') n++;
        return n;
    }
}
