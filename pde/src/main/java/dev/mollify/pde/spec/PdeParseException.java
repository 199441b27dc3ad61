package dev.mollify.pde.spec;

/**
 * A PDE text that cannot be read, or that uses a name in a way its declarations do not allow.
 * The message shows the offending line with a caret under the column and says what was expected:
 *
 * <pre>
 * cannot read the PDE text:
 *   u_t + a*u*u_x - = 0
 *                   ^ column 17: expected a term (number, symbol, function call or '(') but found '='
 * </pre>
 *
 * Columns (and lines, for texts of several lines) count from 1.
 */
public final class PdeParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The whole text that was parsed. */
    private final String text;
    /** 1-based line of the problem. */
    private final int line;
    /** 1-based column of the problem within its line. */
    private final int column;
    /** What went wrong and what was expected. */
    private final String reason;

    PdeParseException(String text, int offset, String reason) {
        super(format(text, offset, reason));
        this.text = text;
        int[] lc = lineColumn(text, offset);
        this.line = lc[0];
        this.column = lc[1];
        this.reason = reason;
    }

    /**
     * The whole text that was parsed.
     *
     * @return the PDE text as given, all lines
     */
    public String text() {
        return text;
    }

    /**
     * 1-based line of the problem.
     *
     * @return the line number, 1 for a one-line text
     */
    public int line() {
        return line;
    }

    /**
     * 1-based column of the problem within its line.
     *
     * @return the column the caret points at
     */
    public int column() {
        return column;
    }

    /**
     * What went wrong and what was expected, without the text and caret.
     *
     * @return the reason, e.g. {@code expected a term (number, symbol, function call or '(') but found '='}
     */
    public String reason() {
        return reason;
    }

    static int[] lineColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    private static String format(String text, int offset, String reason) {
        int[] lc = lineColumn(text, offset);
        int lineStart = offset - (lc[1] - 1);
        int lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) lineEnd = text.length();
        String shown = text.substring(lineStart, lineEnd).replace('\t', ' ');
        boolean multiLine = text.indexOf('\n') >= 0;
        String where = (multiLine ? "line " + lc[0] + ", " : "") + "column " + lc[1];
        return "cannot read the PDE text:\n  " + shown + "\n  " + " ".repeat(lc[1] - 1) + "^ " + where + ": " + reason;
    }
}
