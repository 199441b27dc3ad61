package dev.mollify.cli;

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
}
