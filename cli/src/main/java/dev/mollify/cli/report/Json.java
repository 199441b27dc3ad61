package dev.mollify.cli.report;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for the reports: maps (insertion order kept), lists, strings, numbers,
 * booleans and null. Non-finite numbers become {@code null} (JSON has no NaN), so scripts never choke.
 */
public final class Json {
    private Json() {}

    /**
     * The value as JSON text: objects one key per line, indented two spaces per level; lists and
     * {@code double[]} in brackets, elements separated by {@code ", "}; non-finite doubles as {@code null}, other
     * doubles as {@link Double#toString(double)} prints them (every bit kept); other objects as their
     * {@code toString()} in quotes.
     *
     * @param value a {@code Map} (keys written with {@code String.valueOf}), {@code List}, {@code double[]},
     *     {@code String}, {@code Number}, {@code Boolean} or null, nested freely
     * @return the JSON text, ending with a line break
     */
    public static String write(Object value) {
        StringBuilder s = new StringBuilder();
        write(s, value, 0);
        return s.append('\n').toString();
    }

    private static void write(StringBuilder s, Object v, int indent) {
        if (v == null) {
            s.append("null");
        } else if (v instanceof String str) {
            string(s, str);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            s.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            s.append(v);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                s.append("{}");
                return;
            }
            s.append("{\n");
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                pad(s, indent + 1);
                string(s, String.valueOf(e.getKey()));
                s.append(": ");
                write(s, e.getValue(), indent + 1);
                s.append(it.hasNext() ? ",\n" : "\n");
            }
            pad(s, indent);
            s.append('}');
        } else if (v instanceof List<?> l) {
            s.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) s.append(", ");
                write(s, l.get(i), indent + 1);
            }
            s.append(']');
        } else if (v instanceof double[] a) {
            s.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) s.append(", ");
                write(s, a[i], indent);
            }
            s.append(']');
        } else {
            string(s, v.toString());
        }
    }

    private static void pad(StringBuilder s, int indent) {
        s.append("  ".repeat(indent));
    }

    private static void string(StringBuilder s, String str) {
        s.append('"');
        for (int i = 0; i < str.length(); i++) {
            char c = str.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) s.append(String.format("\\u%04x", (int) c));
                    else s.append(c);
                }
            }
        }
        s.append('"');
    }
}
