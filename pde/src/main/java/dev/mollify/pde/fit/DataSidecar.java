package dev.mollify.pde.fit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON file beside a data file ({@code heat.csv} → {@code heat.json}) that holds what the data
 * do not: the true coefficients ({@code "truth": {"D": 0.1}}) and the settings that made them, as
 * {@code mollify generate} writes it. The data file itself stays plain (a CSV any tool reads).
 * A sidecar that does not mention {@code "truth"} is someone else's JSON and is left alone.
 */
public final class DataSidecar {
    /** The most nesting a sidecar may have. */
    private static final int MAX_DEPTH = 64;

    private DataSidecar() {}

    /**
     * The sidecar's path: the data file's name with its extension replaced by {@code .json}.
     *
     * @param data the data file
     * @return the sibling path, e.g. {@code heat.json} for {@code heat.csv} (the file need not exist)
     */
    public static Path of(Path data) {
        String name = data.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return data.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /**
     * The true values in the sidecar of {@code data}, by name; empty when there is none.
     *
     * @param data the data file
     * @return the {@code "truth"} object's numbers in file order; empty when there is no sidecar or it
     *     does not mention {@code "truth"}
     * @throws FitInputException (kind DATA) when the sidecar cannot be read, is not valid JSON, or its
     *     {@code "truth"} is not an object of numbers
     */
    public static Map<String, Double> truth(Path data) {
        Path file = of(data);
        if (!Files.isRegularFile(file)) return Map.of();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FitInputException.badData(
                    "cannot read " + file + " (the truth beside " + data + "): " + e.getMessage());
        }
        if (!text.contains("\"truth\"")) return Map.of();
        Object root;
        try {
            root = new Parser(text).document();
        } catch (IllegalArgumentException e) {
            throw FitInputException.badData(file + " (the truth beside " + data + ") is not valid JSON: "
                    + e.getMessage() + "; fix it or remove it");
        }
        if (!(root instanceof Map<?, ?> m) || !(m.get("truth") instanceof Map<?, ?> t)) {
            throw FitInputException.badData(file + " (beside " + data
                    + "): \"truth\" must be an object of numbers, e.g. {\"truth\": {\"D\": 0.1}}");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : t.entrySet()) {
            if (!(e.getValue() instanceof Double v)) {
                throw FitInputException.badData(file + ": truth." + e.getKey()
                        + " is not a number; write {\"truth\": {\"" + e.getKey() + "\": 0.1}}");
            }
            out.put((String) e.getKey(), v);
        }
        return out;
    }

    /**
     * Parses JSON text: objects as maps (in the file's order), arrays as lists, numbers as {@code Double},
     * strings, booleans and null. Throws {@link IllegalArgumentException} naming what is wrong and the line.
     *
     * @param text the JSON text: one value, optionally surrounded by white space
     * @return a {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Double},
     *     {@code Boolean} or null
     * @throws IllegalArgumentException when the text is not valid JSON or nests deeper than 64 levels
     */
    public static Object parseJson(String text) {
        return new Parser(text).document();
    }

    /** A small JSON parser: objects (insertion order), arrays, strings, numbers (as Double), true/false/null. */
    static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value(0);
            space();
            if (i < s.length()) throw error("text after the end");
            return v;
        }

        private Object value(int depth) {
            if (depth > MAX_DEPTH) throw error("nested more than " + MAX_DEPTH + " deep");
            space();
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i);
            if (c == '{') return object(depth);
            if (c == '[') return array(depth);
            if (c == '"') return string();
            for (String word : List.of("true", "false", "null")) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            try {
                return Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                i = start;
                throw error("expected a value");
            }
        }

        private Map<String, Object> object(int depth) {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            space();
            if (peek('}')) return m;
            do {
                space();
                if (i >= s.length() || s.charAt(i) != '"') throw error("expected a name in quotes");
                String k = string();
                space();
                expect(':');
                m.put(k, value(depth + 1));
                space();
            } while (peek(','));
            expect('}');
            return m;
        }

        private List<Object> array(int depth) {
            List<Object> a = new ArrayList<>();
            i++;
            space();
            if (peek(']')) return a;
            do {
                a.add(value(depth + 1));
                space();
            } while (peek(','));
            expect(']');
            return a;
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++;
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            if (i + 4 > s.length()) throw error("bad \\u escape");
                            try {
                                b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error("bad \\u escape");
                            }
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            expect('"');
            return b.toString();
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) throw error("expected '" + c + "'");
        }

        private IllegalArgumentException error(String what) {
            int line = 1;
            for (int k = 0; k < Math.min(i, s.length()); k++) if (s.charAt(k) == '\n') line++;
            return new IllegalArgumentException(what + " at line " + line);
        }
    }
}
