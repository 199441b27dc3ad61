package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mollify fit} on the Navier–Stokes equations with the pressure unmeasured: u and v at 1,500
 * scattered rows of the wake that {@code mollify generate --problem navier-stokes --points 1500} writes
 * (the resource {@code navier-stokes-1500.csv} and its sidecar with the truth l1 = 1, l2 = 0.01). p is
 * learnt from the equations alone and scored against the data's {@code p_true} column, which fit does
 * not read as data. Two cases: the whole wake window with a small collocation grid and a fixed short
 * budget (250 Adam steps, 50 L-BFGS iterations), which recovers l1 and p but not l2 (measured l1 5.5 %
 * off, l2 0.0130 against the truth 0.01, corr(p, p_true) 0.984); and a smaller window fitted with the
 * defaults to convergence, held to the goal's bounds (l1 within 1 %, l2 within 5 %, correlation at
 * least 0.95; pde/README.md, "Unmeasured fields"), run with the Vector API kernels only.
 */
class NavierStokesFitTest {
    @TempDir
    Path dir;

    static final String NAVIER_STOKES = "u_t + l1*(u*u_x + v*u_y) = -p_x + l2*(u_xx + u_yy); "
            + "v_t + l1*(u*v_x + v*v_y) = -p_y + l2*(v_xx + v_yy); u_x + v_y = 0";

    private Path data() throws IOException {
        for (String name : List.of("navier-stokes-1500.csv", "navier-stokes-1500.json")) {
            try (InputStream in = getClass().getResourceAsStream("/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir.resolve("navier-stokes-1500.csv");
    }

    @Test
    void recoversL1AndThePressureFromVelocityAlone() throws IOException {
        Path data = data();
        Path out = dir.resolve("fit");
        CliRunner fit = fit(
                data,
                out,
                "--unknown",
                "l1=0.5",
                "--unknown",
                "l2=0.05:positive",
                "--grid-size",
                "16",
                "--steps",
                "250",
                "--lbfgs",
                "50");
        assertEquals(0, fit.code(), fit.toString());
        assertTrue(fit.out().contains("unmeasured fields [p]"), fit.out());
        assertTrue(
                fit.out().contains("p: not measured, learnt from the equations alone; known up to a function of t"),
                fit.out());
        Recovered r = Recovered.from(fit);
        assertEquals(1, r.l1(), L1_TOLERANCE, r.seen());
        assertTrue(r.l2() > 0 && r.l2() < MAX_L2, r.seen());
        assertTrue(r.corr() > MIN_CORRELATION, r.seen());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| unmeasured field |"), md);
        assertTrue(Files.readString(out.resolve("report.json")).contains("\"unmeasuredFields\""));
    }

    /**
     * The goal at CI size, with {@code fit}'s defaults: a 2 × 2 window (x 6–8, y 3–5) over 4.8
     * time units (25 × 17 × 17 nodes) of the wake that {@code generate} writes, 1,500 of its nodes at 1 %
     * noise, only the unknowns' names given. No wall-clock budget ({@code --time 0}), so the fit runs to
     * the defaults' convergence on any machine, and no profile of the loss ({@code --profile 0}). Measured
     * (seed 1): l1 0.25 % off, l2 1.4 %, correlation 0.9999, in about 200 s.
     */
    @Test
    void meetsTheGoalBoundsOnASmallWindowWithTheDefaults() throws IOException {
        assumeFalse(
                "false".equals(System.getProperty("mollify.simd")),
                "an accuracy check of the whole fit: it runs once, with the Vector API kernels (the scalar kernels"
                        + " would take it from minutes to over a quarter of an hour; the kernel tests cover them)");
        Path data = dir.resolve("wake.csv");
        CliRunner generate = CliRunner.run(
                "generate",
                "--problem",
                "navier-stokes",
                "--set",
                "windowX1=8",
                "--set",
                "windowY0=3",
                "--set",
                "windowY1=5",
                "--set",
                "tEnd=34.8",
                "--set",
                "nt=25",
                "--out",
                data.toString());
        assertEquals(0, generate.code(), generate.toString());
        Path out = dir.resolve("goal");
        CliRunner fit = fit(
                data,
                out,
                "--points",
                "1500",
                "--noise",
                "0.01",
                "--unknown",
                "l1",
                "--unknown",
                "l2",
                "--profile",
                "0");
        assertEquals(0, fit.code(), fit.toString());
        Recovered r = Recovered.from(fit);
        assertEquals(1, r.l1(), 0.01, r.seen());
        assertEquals(0.01, r.l2(), 0.05 * 0.01, r.seen());
        assertTrue(r.corr() >= 0.95, r.seen());
    }

    /** Measured with these settings: l1 5.5 % off, l2 0.0130, correlation 0.984; bounds with margin. */
    static final double L1_TOLERANCE = 0.08, MAX_L2 = 0.02, MIN_CORRELATION = 0.95;

    /** {@code mollify fit} of the three equations on {@code data} with {@code options}, no wall-clock budget, into {@code out}. */
    private static CliRunner fit(Path data, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("fit", "--data", data.toString(), "--pde", NAVIER_STOKES));
        args.addAll(List.of(options));
        args.addAll(List.of("--time", "0", "--progress", "none", "--out", out.toString()));
        return CliRunner.run(args.toArray(new String[0]));
    }

    /** l1, l2 and p's correlation with p_true as the console prints them, and the output for messages. */
    private record Recovered(double l1, double l2, double corr, String seen) {
        static Recovered from(CliRunner fit) {
            double l1 = recovered(fit.out(), "l1"), l2 = recovered(fit.out(), "l2");
            double corr = Double.parseDouble(
                    match(fit.out(), "correlation with p_true (-?[0-9.]+) \\(each t's mean removed\\)"));
            return new Recovered(
                    l1, l2, corr, "l1 = " + l1 + ", l2 = " + l2 + ", corr(p, p_true) = " + corr + "\n" + fit.out());
        }
    }

    private static double recovered(String out, String name) {
        String[] cols = match(out, "(?m)^" + name + " +\\S+ +\\S+.*$").trim().split(" +");
        return Double.parseDouble(cols[2]);
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " not in\n" + text);
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }
}
