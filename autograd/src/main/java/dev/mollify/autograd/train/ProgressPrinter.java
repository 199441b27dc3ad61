package dev.mollify.autograd.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Prints one line every {@code every} steps (and at step 1), e.g.
 * <pre>
 *   step   200/1500 ADAM  total 3.142e-03 | data 1.2e-03 residual 1.9e-03 | a 0.9981 b 0.1004 | 812 steps/s, ETA 1.6 s
 * </pre>
 */
public final class ProgressPrinter implements Callback {
    private final PrintStream out;
    private final int every;

    /**
     * Prints to {@code out} every {@code every} steps.
     *
     * @param out the stream the lines go to, e.g. {@code System.out}; not null
     * @param every print after every this many steps, ≥ 1
     * @throws IllegalArgumentException when out is null or every &lt; 1
     */
    public ProgressPrinter(PrintStream out, int every) {
        if (out == null) throw new IllegalArgumentException("output stream is null");
        if (every < 1) throw new IllegalArgumentException("every must be >= 1, got " + every);
        this.out = out;
        this.every = every;
    }

    @Override
    public Action onStep(StepInfo info) {
        if (info.step() == 1 || info.step() % every == 0 || info.step() == info.totalSteps()) out.println(line(info));
        return Action.CONTINUE;
    }

    /** The line printed for {@code info}. */
    static String line(StepInfo info) {
        StringBuilder sb = new StringBuilder();
        int width = Integer.toString(info.totalSteps()).length();
        sb.append(String.format(
                Locale.ROOT,
                "step %" + width + "d/%d %-5s total %.3e |",
                info.step(),
                info.totalSteps(),
                info.phase(),
                info.total()));
        for (Map.Entry<String, Double> e : info.record().terms().entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s %.2e", e.getKey(), e.getValue()));
        }
        if (!info.record().unknowns().isEmpty()) {
            sb.append(" |");
            for (Map.Entry<String, Double> e : info.record().unknowns().entrySet()) {
                sb.append(String.format(Locale.ROOT, " %s %.6g", e.getKey(), e.getValue()));
            }
        }
        double rate = info.stepsPerSecond();
        int remaining = info.totalSteps() - info.step();
        sb.append(String.format(
                Locale.ROOT,
                " | %.0f steps/s, ETA %s",
                rate,
                rate > 0 ? String.format(Locale.ROOT, "%.1f s", remaining / rate) : "?"));
        if (info.nonFinite() != null) sb.append(" | NON-FINITE: ").append(info.nonFinite());
        return sb.toString();
    }
}
