/**
 * The {@code mollify} command (picocli): {@link dev.mollify.cli.Mollify} and one class per
 * subcommand ({@code demo}, {@code fit}, {@code sweep}, {@code generate}, {@code derive}). Every
 * problem a user can fix is a {@link dev.mollify.cli.CliException} with one of the documented
 * {@link dev.mollify.cli.ExitCode}s and a message naming the problem and the fix; nothing reaches the
 * user as a stack trace. The fit itself is the library's ({@code dev.mollify.pde.fit}); the
 * subpackages add what a command needs around it: {@code fit} (running, checkpoints, interrupts,
 * output folders), {@code report} (report.json and plots), {@code sweep} (sweep files) and
 * {@code data} (files written atomically, the problems {@code generate} knows).
 */
package dev.mollify.cli;
