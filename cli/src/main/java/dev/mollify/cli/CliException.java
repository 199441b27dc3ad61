package dev.mollify.cli;

import dev.mollify.pde.fit.FitInputException;

/**
 * A problem the user can fix, with the exit code it maps to. The message is printed as is, after
 * {@code mollify: }, without a stack trace: say what is wrong and how to fix it.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** One of the {@link ExitCode} values. */
    public int exitCode() {
        return exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    public static CliException badData(String message) {
        return new CliException(ExitCode.BAD_DATA, message);
    }

    /** The library's input error as the command's: a wrong setting exits with {@code USAGE}, unusable data with {@code BAD_DATA}; same message. */
    public static CliException from(FitInputException e) {
        int code = e.kind() == FitInputException.Kind.DATA ? ExitCode.BAD_DATA : ExitCode.USAGE;
        return new CliException(code, e.getMessage(), e);
    }
}
