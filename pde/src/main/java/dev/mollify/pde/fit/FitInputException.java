package dev.mollify.pde.fit;

/**
 * An input the fit cannot use, with a message that says what is wrong and how to fix it (shown to
 * users as is: no stack trace needed). The {@link Kind} tells a wrong setting from unusable data;
 * {@code mollify} maps them to exit codes 2 and 3.
 */
public final class FitInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What the input problem is. */
    public enum Kind {
        /** A setting is wrong: the equation text, an unknown, δ, the route, the kernels, noise or points. */
        USAGE,
        /** The data cannot be used: a missing file or column, a non-numeric or infinite value, too few points. */
        DATA
    }

    /** What the input problem is. */
    private final Kind kind;

    /**
     * An input problem of this kind; the message says what is wrong and how to fix it.
     *
     * @param kind    whether a setting or the data are at fault
     * @param message what is wrong and how to fix it, in the option names of {@code mollify fit}
     */
    public FitInputException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /**
     * The same, with the lower-level error that revealed it.
     *
     * @param kind    whether a setting or the data are at fault
     * @param message what is wrong and how to fix it
     * @param cause   the lower-level error, e.g. an {@link java.io.IOException} reading the file
     */
    public FitInputException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /**
     * Whether a setting or the data are at fault.
     *
     * @return {@link Kind#USAGE} or {@link Kind#DATA}
     */
    public Kind kind() {
        return kind;
    }

    /**
     * A wrong setting.
     *
     * @param message what is wrong and how to fix it
     * @return an exception of kind {@link Kind#USAGE}, to throw
     */
    public static FitInputException usage(String message) {
        return new FitInputException(Kind.USAGE, message);
    }

    /**
     * Unusable data.
     *
     * @param message what is wrong and how to fix it
     * @return an exception of kind {@link Kind#DATA}, to throw
     */
    public static FitInputException badData(String message) {
        return new FitInputException(Kind.DATA, message);
    }
}
