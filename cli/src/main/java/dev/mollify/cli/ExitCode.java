package dev.mollify.cli;

/**
 * The exit codes of {@code mollify}, one per kind of outcome, so scripts can tell a typo in the
 * command line from bad data, an unwritable folder or a run that failed.
 */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** The run failed: it diverged, or something unexpected went wrong (the message says which). */
    public static final int FAILURE = 1;
    /** The command line is wrong: an unknown option, a bad value, a PDE that does not parse, an impossible δ. */
    public static final int USAGE = 2;
    /** The input data cannot be used: missing file or column, non-numeric cell, NaN/Inf, too few points. */
    public static final int BAD_DATA = 3;
    /** The output folder cannot be written. */
    public static final int OUTPUT = 4;
    /**
     * Interrupted by Ctrl-C (SIGINT, 128 + 2); the last checkpoint is intact and {@code --resume}
     * continues it. A run stopped in-process (tests) returns this too.
     */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (128 + 15, the JVM's status for that signal); otherwise as {@link #INTERRUPTED}. */
    public static final int TERMINATED = 143;

    private ExitCode() {}
}
