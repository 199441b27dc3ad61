package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input listed here gets one clear message (no stack trace) and its own exit code:
 * 2 usage, 3 bad data, 4 output not writable.
 */
class BadInputTest {
    @TempDir
    static Path dir;

    static Path good;

    @BeforeAll
    static void data() throws IOException {
        good = dir.resolve("good.csv");
        StringBuilder s = new StringBuilder("x,t,u\n");
        for (int i = 0; i < 9; i++)
            for (int j = 0; j < 9; j++)
                s.append(j / 8.0)
                        .append(',')
                        .append(i / 8.0)
                        .append(',')
                        .append(Math.sin(j / 8.0) * Math.exp(-i / 8.0))
                        .append('\n');
        Files.writeString(good, s);
    }

    static CliRunner fit(Path data, String... extra) {
        List<String> a = new ArrayList<>(List.of(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.1",
                "--steps",
                "2",
                "--lbfgs",
                "0",
                "--progress",
                "none",
                "--out",
                dir.resolve("out").toString()));
        a.addAll(List.of(extra));
        return CliRunner.run(a.toArray(new String[0]));
    }

    static Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static void expect(CliRunner r, int code, String... fragments) {
        assertEquals(code, r.code(), r.toString());
        for (String f : fragments) assertTrue(r.err().contains(f), "message should mention '" + f + "':\n" + r);
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r);
        assertTrue(r.err().startsWith("mollify: "), r.toString());
    }

    @Test
    void optionMistakesAreNamed() throws IOException {
        expect(
                fit(good, "--unknown", "E=1:weird"),
                ExitCode.USAGE,
                "unknown suffix ':weird'",
                "the only one is :positive");
        expect(fit(good, "--unknown", "D=0.2"), ExitCode.USAGE, "--unknown D is given twice");
        expect(fit(good, "--delta", "x=0.3,x=0.4"), ExitCode.USAGE, "axis 'x' is given twice");
        expect(
                CliRunner.run("fit", "--resume", dir.resolve("out").toString(), "--steps", "5"),
                ExitCode.USAGE,
                "it takes no --steps");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstNameAndAnIgnoredWidthIsSaid() throws IOException {
        Path bom = write("bom.csv", "\uFEFF" + Files.readString(good));
        Path out = dir.resolve("bom-out");
        String[] args = {
            "fit",
            "--data",
            bom.toString(),
            "--pde",
            "u_t = D*u_xx",
            "--unknown",
            "D=0.1",
            "--steps",
            "2",
            "--lbfgs",
            "0",
            "--progress",
            "none",
            "--route",
            "autodiff",
            "--delta",
            "0.3",
            "--out",
            out.toString()
        };
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("columns x,t,u"), r.out());
        assertTrue(r.out().contains("warning: --delta and --kernels are ignored"), r.out());
        // the folder now holds a fit: a second one is refused, nothing lost, unless --force
        long before = Files.size(out.resolve("report.json"));
        expect(CliRunner.run(args), ExitCode.USAGE, "holds an earlier fit", "--force");
        assertEquals(before, Files.size(out.resolve("report.json")));
        Files.writeString(out.resolve("stale.png"), "old");
        String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        CliRunner again = CliRunner.run(forced);
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("the earlier fit in " + out + " was removed"), again.out());
        assertFalse(Files.exists(out.resolve("stale.png")));
    }

    @Test
    void unknownOrIncompatibleKernels() {
        expect(
                fit(good, "--kernels", "magic"),
                ExitCode.USAGE,
                "--kernels must be auto, differences, differences2 or analytic");
        expect(
                fit(good, "--kernels", "analytic", "--delta", "learn"),
                ExitCode.USAGE,
                "cannot be used with --delta learn");
    }

    @Test
    void missingFile() {
        expect(fit(dir.resolve("nope.csv")), ExitCode.BAD_DATA, "nope.csv does not exist");
    }

    @Test
    void missingColumn() throws IOException {
        expect(
                fit(write("nou.csv", "x,t,v\n0,0,1\n1,0,2\n")),
                ExitCode.BAD_DATA,
                "no column for the PDE's field [u]",
                "columns are [x, t, v]");
        expect(
                fit(write("extra.csv", "x,y,t,u\n0,0,0,1\n1,0,0,2\n")),
                ExitCode.USAGE,
                "coordinate column 'y'",
                "uses only [x, t]");
        expect(fit(write("nox.csv", "t,u\n0,1\n1,2\n")), ExitCode.BAD_DATA, "no column 'x'");
    }

    @Test
    void nonNumericCell() throws IOException {
        expect(
                fit(write("text.csv", "x,t,u\n0,0,1\n0.5,0,abc\n")),
                ExitCode.BAD_DATA,
                "line 3, column 'u': 'abc' is not a number");
    }

    @Test
    void nanAndInf() throws IOException {
        expect(
                fit(write("nan.csv", "x,t,u\n0,0,1\n0.5,0,NaN\n")),
                ExitCode.BAD_DATA,
                "line 3",
                "not a finite value",
                "leave the cell empty");
        expect(fit(write("inf.csv", "x,t,u\n0,0,Infinity\n")), ExitCode.BAD_DATA, "line 2", "not a finite value");
    }

    @Test
    void tooFewPoints() throws IOException {
        expect(fit(write("few.csv", "x,t,u\n0,0,1\n1,0,2\n0,1,3\n1,1,4\n")), ExitCode.BAD_DATA, "too few points");
    }

    @Test
    void unknownNotUsedByThePde() {
        expect(fit(good, "--unknown", "c=1"), ExitCode.USAGE, "'c' is not used");
    }

    @Test
    void pdeThatDoesNotParse() {
        CliRunner r = CliRunner.run(
                "fit",
                "--data",
                good.toString(),
                "--pde",
                "u_t = D*u_xx +",
                "--unknown",
                "D=0.1",
                "--out",
                dir.resolve("o2").toString());
        expect(r, ExitCode.USAGE, "--pde", "^");
    }

    @Test
    void anUndeclaredCoefficientIsNamedWithTheOptionThatDeclaresIt() {
        CliRunner r = CliRunner.run(
                "fit",
                "--data",
                good.toString(),
                "--pde",
                "u_t = D*u_xx - k*u",
                "--unknown",
                "D",
                "--out",
                dir.resolve("o3").toString());
        expect(
                r,
                ExitCode.USAGE,
                "symbol 'k' is neither",
                "declare it with --unknown k (a guess is optional: --unknown k=GUESS",
                "or write its value into the equation");
        assertFalse(r.err().contains(".constant(") || r.err().contains("guess)"), r.toString());
    }

    @Test
    void deltaTheGridCannotSupport() {
        expect(fit(good, "--delta", "0.01"), ExitCode.USAGE, "--delta 0.01", "valid for this grid");
        expect(fit(good, "--delta", "0.9"), ExitCode.USAGE, "too wide");
        expect(fit(good, "--delta", "wide"), ExitCode.USAGE, "--delta must be auto, learn or a positive number");
        expect(fit(good, "--delta", "t=0.2,y=0.2"), ExitCode.USAGE, "no axis 'y'", "[t, x]");
        expect(fit(good, "--delta", "t=0.01"), ExitCode.USAGE, "--delta t=0.01", "valid along t");
        expect(fit(good, "--delta", "t=0.2,x"), ExitCode.USAGE, "AXIS=WIDTH");
    }

    @Test
    void unwritableOutputFolder() throws IOException {
        Path file = write("a-file", "x");
        CliRunner r = CliRunner.run(
                "fit",
                "--data",
                good.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.1",
                "--out",
                file.resolve("sub").toString());
        expect(r, ExitCode.OUTPUT, "output folder");
    }

    @Test
    void usageErrors() {
        expect(CliRunner.run("fit", "--bogus"), ExitCode.USAGE, "Unknown option: '--bogus'", "mollify fit --help");
        expect(CliRunner.run("nonsense"), ExitCode.USAGE, "nonsense");
        expect(fit(good, "--route", "magic"), ExitCode.USAGE, "--route must be mollifier, autodiff or fd");
        Path demo = dir.resolve("demo-magic");
        expect(
                CliRunner.run("demo", "--routes", "mollifier,magic", "--quick", "--out", demo.toString()),
                ExitCode.USAGE,
                "--routes",
                "'magic'");
        assertFalse(Files.exists(demo), "a refused demo writes nothing");
        expect(
                CliRunner.run(
                        "fit",
                        "--data",
                        good.toString(),
                        "--pde",
                        "u_t = D*u_xx",
                        "--out",
                        dir.resolve("o3").toString()),
                ExitCode.USAGE,
                "symbol 'D'",
                "declare it with --unknown D");
        expect(
                CliRunner.run(
                        "fit",
                        "--data",
                        good.toString(),
                        "--pde",
                        "u_t = 0.1*u_xx",
                        "--out",
                        dir.resolve("o4").toString()),
                ExitCode.USAGE,
                "nothing to recover");
        expect(
                CliRunner.run(
                        "generate",
                        "--problem",
                        "sun",
                        "--out",
                        dir.resolve("s.csv").toString()),
                ExitCode.USAGE,
                "unknown problem 'sun'");
        expect(
                CliRunner.run(
                        "generate",
                        "--problem",
                        "heat",
                        "--set",
                        "diffusion=-1",
                        "--out",
                        dir.resolve("h.csv").toString()),
                ExitCode.USAGE,
                "diffusion");
        expect(
                CliRunner.run(
                        "generate",
                        "--problem",
                        "heat",
                        "--set",
                        "colour=2",
                        "--out",
                        dir.resolve("h.csv").toString()),
                ExitCode.USAGE,
                "unknown parameter");
    }

    @Test
    void resumeWithoutCheckpoint() {
        expect(CliRunner.run("fit", "--resume", dir.resolve("never").toString()), ExitCode.USAGE, "--resume");
    }

    /**
     * Without a terminal the help is 80 columns wide: options, descriptions and the footers' prose wrap there;
     * only an example (an indented footer line: a command, a line of a sweep file) may be longer, kept whole to
     * be copied. A footer is printed as written, so it holds no printf escapes.
     */
    @Test
    void helpProseFitsEightyColumns() {
        picocli.CommandLine top = new picocli.CommandLine(new Mollify(System.out, System.err));
        for (String c : List.of("", "demo", "fit", "sweep", "generate", "derive")) {
            picocli.CommandLine cl = c.isEmpty() ? top : top.getSubcommands().get(c);
            List<String> footer = List.of(cl.getCommandSpec().usageMessage().footer());
            CliRunner h = c.isEmpty() ? CliRunner.run("--help") : CliRunner.run(c, "--help");
            assertEquals(0, h.code(), h.toString());
            for (String line : h.out().split("\n")) {
                assertFalse(line.contains("%%"), "a printf escape in mollify " + c + " --help: " + line);
                if (line.length() > 80)
                    assertTrue(
                            line.startsWith(" ") && footer.contains(line),
                            "mollify " + c + " --help: a line of " + line.length() + " columns that is not an example: "
                                    + line);
            }
        }
    }

    @Test
    void helpAndVersion() {
        CliRunner h = CliRunner.run("fit", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("Examples:") && h.out().contains("--unknown"), h.out());
        for (String c : List.of("demo", "generate", "derive")) {
            CliRunner r = CliRunner.run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().contains("Examples:"), c + ":\n" + r.out());
        }
        // every example is one line, whole, however narrow the help (80 columns here: no terminal)
        for (String c : List.of("fit", "demo", "generate", "derive")) {
            String help = CliRunner.run(c, "--help").out();
            assertTrue(help.contains("\n  mollify " + c + " --"), c + ":\n" + help);
            for (String line : help.split("\n")) {
                if (line.startsWith("  mollify ")) {
                    assertTrue(
                            line.strip().endsWith("\\") || line.contains(" --") || line.equals("  mollify " + c),
                            "a cut example in " + c + " --help: " + line);
                }
            }
        }
        assertTrue(CliRunner.run("generate", "--help").out().contains("--grid 65x33 --out heat.npz\n"));
        CliRunner v = CliRunner.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("mollify "), v.out());
    }
}
