package dev.mollify.pde.fit;

import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which of the equation's fields may go unmeasured. A field named in the equations but absent from the
 * data is an <em>unmeasured field</em>: the network outputs it, it has no data term, and only the
 * residual constrains it (the pressure p of the Navier–Stokes equations, say, which enters only through
 * ∇p and is therefore known up to a function of time). Two cases are refused instead, as mistakes:
 * <ul>
 *   <li>no field of the equation is measured: nothing ties the network to the data;
 *   <li>fewer equations than fields (measured and unmeasured): the equations cannot determine the
 *       unmeasured ones ({@code u_t = D*v_xx} on data of u is a typo, not a system);
 *   <li>a data column that the equation does not use looks like the missing name: the same letters in
 *       another case ({@code P} for {@code p}), or — for names of three or more characters — one letter
 *       added, dropped or changed ({@code phi} for {@code ph1}). Coordinate columns and {@code NAME_true}
 *       truth columns never count.
 * </ul>
 */
public final class UnmeasuredFields {
    private UnmeasuredFields() {}

    /** Suffix of the columns that hold a truth for scoring, never data. */
    static final String TRUTH_SUFFIX = "_true";

    /** The shortest names for which one edit counts as a likely typo. */
    static final int MIN_TYPO_LENGTH = 3;

    /**
     * Refuses the unmeasured fields {@code missing} when they look like a mistake (see the class comment).
     *
     * @param source   the data's name, for messages
     * @param table    the data
     * @param spec     the equation (fields, known fields)
     * @param observed the equation's fields the data measure
     * @param missing  the equation's fields with no column
     */
    static void check(String source, Table table, PdeSpec spec, List<String> observed, List<String> missing) {
        if (missing.isEmpty()) return;
        String noColumn = source + " has no column for the PDE's field" + (missing.size() > 1 ? "s " : " ") + missing
                + "; columns are " + table.names()
                + ". Add the column, or name the field in the equation after a column";
        if (observed.isEmpty())
            throw FitInputException.badData(
                    noColumn + " (a field may go unmeasured only when another field is measured)");
        int equations = spec.equations().size(), fields = spec.fields().size();
        if (equations < fields) {
            throw FitInputException.badData(noColumn + " (a field may go unmeasured only when the equations, "
                    + equations + " here, are at least as many as the fields, " + fields + ")");
        }
        List<String> unused = new ArrayList<>();
        for (String c : table.names()) {
            if (FitSetup.COORDINATE_NAMES.contains(c)
                    || spec.fields().contains(c)
                    || spec.knownFields().containsKey(c)
                    || c.endsWith(TRUTH_SUFFIX)) continue;
            unused.add(c);
        }
        for (String m : missing) {
            for (String c : unused) {
                if (looksLike(m, c)) {
                    throw FitInputException.badData(source + " has no column '" + m + "' but has '" + c
                            + "', which the equation does not use: did you mean " + c + "? Rename the field in the"
                            + " equation or the column in the data (a field with no look-alike column is learnt"
                            + " from the equations alone, as an unmeasured field)");
                }
            }
        }
    }

    /**
     * Whether the equations see {@code field} only through its derivatives (p in ∇p): then any constant can
     * be added to it, and a fit knows it up to a constant.
     *
     * @param spec  the parsed equations
     * @param field a field of the equations
     * @return true when no equation uses the field's value itself
     */
    public static boolean upToConstant(PdeSpec spec, String field) {
        return !spec.requiredDerivatives().getOrDefault(field, List.of()).contains(Partial.value(field));
    }

    /**
     * The coordinates a function added to {@code field} may depend on without changing any equation: when
     * the equations see the field only through its derivatives, every coordinate none of those derivatives
     * is taken along. Navier–Stokes' p, seen only as p_x and p_y, is known up to a function of t: each time's
     * pressure up to its own constant.
     *
     * @param spec  the parsed equations
     * @param field a field of the equations
     * @return those coordinates in the spec's order; empty when the field is known up to a constant, or when
     *     its value enters the equations ({@link #upToConstant} false)
     */
    public static List<String> undeterminedAlong(PdeSpec spec, String field) {
        if (!upToConstant(spec, field)) return List.of();
        List<String> free = new ArrayList<>(spec.coordinates());
        for (Partial p : spec.requiredDerivatives().getOrDefault(field, List.of()))
            free.removeAll(p.orders().keySet());
        return List.copyOf(free);
    }

    /**
     * The report's line on an unmeasured field, e.g. "p: not measured, learnt from the equations alone; known up
     * to a function of t (only its derivatives along x, y enter the equations)".
     *
     * @param spec  the parsed equations
     * @param field an unmeasured field
     * @return one line, naming the field
     */
    public static String describe(PdeSpec spec, String field) {
        if (!upToConstant(spec, field)) return field + ": not measured, learnt from the equations alone";
        List<String> free = undeterminedAlong(spec, field);
        List<String> along = new ArrayList<>(spec.coordinates());
        along.removeAll(free);
        return field + ": not measured, learnt from the equations alone; known up to "
                + (free.isEmpty()
                        ? "a constant (only its derivatives enter the equations)"
                        : "a function of " + String.join(", ", free) + " (only its derivatives along "
                                + String.join(", ", along) + " enter the equations)");
    }

    /** Whether column {@code column} is a likely misspelling of field {@code field}. */
    static boolean looksLike(String field, String column) {
        if (field.toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) return true;
        if (Math.min(field.length(), column.length()) < MIN_TYPO_LENGTH) return false;
        return editDistance(field, column) <= 1;
    }

    /** Levenshtein distance: fewest single-letter insertions, deletions and substitutions from a to b. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
