package dev.mollify.cli;

import dev.mollify.pde.fit.FitInputException;
import dev.mollify.pde.fit.HeapBudget;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mollify} command: {@code demo}, {@code fit}, {@code sweep}, {@code generate}, {@code derive}.
 * Exit codes are in {@link ExitCode}; a {@link CliException} (or the library's {@link FitInputException}:
 * 2 for a setting, 3 for data) prints its message (no stack trace),
 * anything unexpected prints one line and exits with {@link ExitCode#FAILURE}
 * ({@code MOLLIFY_DEBUG=1} adds the stack trace).
 */
@Command(
        name = "mollify",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        versionProvider = Mollify.Version.class,
        description = {
            "Recover hidden PDE coefficients from noisy measurements with physics-informed networks and mollifier layers.",
            ""
        },
        subcommands = {
            DemoCommand.class,
            FitCommand.class,
            SweepCommand.class,
            GenerateCommand.class,
            DeriveCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Start with:",
            "  mollify demo",
            "Then:",
            "  mollify generate --problem burgers --noise 0.01 --out burgers.csv",
            "  mollify fit --data burgers.csv --pde \"u_t + a*u*u_x - b*u_xx = 0\" --unknown a=0 --unknown b=0.01:positive",
            "",
            "Exit codes: 0 ok, 1 run failed (diverged/internal error), 2 usage error (options, PDE, δ, sizes too large for memory),",
            "3 bad input data, 4 output not writable, 130 interrupted by Ctrl-C, 143 stopped by SIGTERM (both resumable with --resume)."
        })
public final class Mollify implements Runnable {
    static final String VERSION = "0.1.0-SNAPSHOT";

    final PrintStream out;
    final PrintStream err;

    Mollify(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        unwrappedFooters(new CommandLine(this)).usage(out);
    }

    /**
     * Prints every command's footer with its examples (the indented lines: commands, a sweep file) as written,
     * whatever the width, since a command wrapped at the terminal's edge could not be copied, and its prose
     * (paragraphs of lines that start at the margin, between blank or indented lines) wrapped at the help's
     * width ({@link FooterText}). The options and the description take that width too.
     */
    static CommandLine unwrappedFooters(CommandLine cl) {
        cl.getHelpSectionMap()
                .put(
                        CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
                        help -> FooterText.format(
                                help.commandSpec().usageMessage().footer(),
                                help.commandSpec().usageMessage().width()));
        for (CommandLine sub : cl.getSubcommands().values()) unwrappedFooters(sub);
        return cl;
    }

    /**
     * The {@code mollify} executable: runs {@link #run(String[], PrintStream, PrintStream)} on the console's
     * streams, shuts down the FFT thread pool and exits the JVM with the command's exit code ({@link ExitCode}).
     * Log records print as one line each ({@code mollify: LEVEL: message}) unless
     * {@code java.util.logging.SimpleFormatter.format} is set.
     *
     * @param args the command line, e.g. {@code fit --data heat.csv --pde "u_t = D*u_xx" --unknown D}
     */
    public static void main(String[] args) {
        // one plain line per log record (e.g. "INFO: CUDA backend unavailable (…); Mollify runs on the CPU path")
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "mollify: %4$s: %5$s%n");
        }
        int code = run(args, System.out, System.err);
        // JTransforms may have started a thread pool for a large FFT; it would keep the JVM alive ~60 s
        org.visnow.jlargearrays.ConcurrencyUtils.shutdownThreadPoolAndAwaitTermination();
        System.exit(code);
    }

    /**
     * Runs the command line and returns the exit code (tests call this directly; the JVM keeps running). No
     * arguments print the usage and give {@link ExitCode#USAGE}; a wrong option prints its message and
     * {@code USAGE}; a {@link CliException} prints its message and gives its code; an out-of-memory error gives
     * {@link ExitCode#FAILURE} with advice on sizes and heap, a stack overflow (an equation nested too deeply)
     * {@code USAGE}; anything else prints one line and gives {@code FAILURE}.
     *
     * @param args the command line without the program name, e.g. {@code demo --quick}
     * @param out where results, help and progress lines go
     * @param err where error messages go, each starting with {@code mollify: }
     * @return the exit code, one of {@link ExitCode}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = unwrappedFooters(new CommandLine(new Mollify(out, err)));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // the commands convert FitInputException where they call the library; this covers any other path
            Exception e = ex instanceof FitInputException fe ? CliException.from(fe) : ex;
            if (e instanceof CliException ce) {
                err.println("mollify: " + ce.getMessage());
                return ce.exitCode();
            }
            err.println("mollify: failed: " + ex);
            if (System.getenv("MOLLIFY_DEBUG") != null) ex.printStackTrace(err);
            else err.println("(set MOLLIFY_DEBUG=1 for the stack trace)");
            return ExitCode.FAILURE;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            err.println("mollify: " + ex.getMessage());
            CommandLine c = ex.getCommandLine();
            err.println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
            return ExitCode.USAGE;
        });
        if (args.length == 0) {
            cl.usage(out);
            return ExitCode.USAGE;
        }
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // the commands check sizes first (HeapBudget); this is the backstop for what they could not foresee
            err.println("mollify: out of memory: the job needs more than the " + HeapBudget.bytes(HeapBudget.max())
                    + " Java may use; " + "lower the sizes (--hidden, --grid-size, --points, --grid) or "
                    + HeapBudget.MORE_MEMORY);
            return ExitCode.FAILURE;
        } catch (StackOverflowError e) {
            err.println(
                    "mollify: the input is too long or nested too deeply to process (stack overflow); simplify it, e.g. fewer terms or parentheses in --pde");
            return ExitCode.USAGE;
        }
    }

    /** The version line. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "mollify " + VERSION,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
