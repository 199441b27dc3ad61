package dev.mollify.cli;

import dev.mollify.pde.fit.FitInputException;

/**
 * A problem the user can fix, with the exit code it maps to. The message is printed as is, after
 * {@code mollify: }, without a stack trace: say what is wrong and how to fix it.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The process exit code for this problem, one of {@link ExitCode}. */
    private final int exitCode;

    /**
     * A problem with its exit code and message.
     *
     * @param exitCode the code {@code mollify} exits with, one of {@link ExitCode}
     * @param message what is wrong and how to fix it, printed after {@code mollify: }
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * A problem with its exit code, message and underlying cause (kept for {@code MOLLIFY_DEBUG}, not printed).
     *
     * @param exitCode the code {@code mollify} exits with, one of {@link ExitCode}
     * @param message what is wrong and how to fix it, printed after {@code mollify: }
     * @param cause the exception that revealed the problem, e.g. the {@link java.io.IOException} of a write
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * The exit code this problem maps to.
     *
     * @return one of the {@link ExitCode} values
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * A wrong command line: an option value, a PDE or a setting the user must change.
     *
     * @param message what is wrong and how to fix it
     * @return the exception, with exit code {@link ExitCode#USAGE}
     */
    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    /**
     * Input data that cannot be used: a missing file or column, a non-numeric cell, NaN or too few points.
     *
     * @param message what is wrong with the data and how to fix it
     * @return the exception, with exit code {@link ExitCode#BAD_DATA}
     */
    public static CliException badData(String message) {
        return new CliException(ExitCode.BAD_DATA, message);
    }

    /**
     * The library's input error as the command's: a wrong setting exits with {@code USAGE}, unusable data
     * with {@code BAD_DATA}; same message.
     *
     * @param e the library's error, whose {@link FitInputException#kind()} picks the exit code
     * @return the exception, with {@code e}'s message and {@code e} as its cause
     */
    public static CliException from(FitInputException e) {
        int code = e.kind() == FitInputException.Kind.DATA ? ExitCode.BAD_DATA : ExitCode.USAGE;
        return new CliException(code, e.getMessage(), e);
    }
}
