package dev.mollify.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code mollify} command. Until the inverse solvers land (issue #6), {@code demo} runs the
 * foundation's showcase: derivatives of a network by nested reverse-mode autodiff, printed against
 * closed forms.
 */
public final class Mollify {
    static final String VERSION = "0.1.0-SNAPSHOT";

    /** Exit codes: 0 success, 2 usage error, 1 failure. */
    static final int OK = 0, FAILURE = 1, USAGE = 2;

    private Mollify() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(out);
            return args.length == 0 ? USAGE : OK;
        }
        if (args[0].equals("--version") || args[0].equals("-V")) {
            out.println("mollify " + VERSION);
            return OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "demo":
                    return DerivativeDemo.run(rest, out, err);
                default:
                    err.println("mollify: unknown command '" + args[0] + "'. Run 'mollify --help' for the list of commands.");
                    return USAGE;
            }
        } catch (IllegalArgumentException e) {
            err.println("mollify: " + e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            err.println("mollify: failed: " + e);
            return FAILURE;
        }
    }

    static void usage(PrintStream out) {
        out.println("Usage: mollify <command> [options]");
        out.println();
        out.println("Commands:");
        out.println("  demo [--points N] [--seed S]   derivatives u', u'', u''', u'''' of a tanh network by nested");
        out.println("                                 reverse-mode autodiff, checked against closed forms");
        out.println("  --help                         this text");
        out.println("  --version                      the version");
        out.println();
        out.println("Example:  ./mollify demo --points 5 --seed 7");
    }
}
