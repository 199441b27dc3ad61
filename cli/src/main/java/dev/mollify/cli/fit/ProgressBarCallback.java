package dev.mollify.cli.fit;

import dev.mollify.autograd.train.Callback;
import dev.mollify.autograd.train.StepInfo;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar for a fit: step of total, rate and ETA (drawn by the progressbar library),
 * and as its message the loss terms and the current unknown values. Used when standard error is a
 * terminal; otherwise {@link dev.mollify.autograd.train.ProgressPrinter} prints plain lines.
 */
public final class ProgressBarCallback implements Callback, AutoCloseable {
    private final ProgressBar bar;

    /**
     * Starts the bar (ASCII style, redrawn every 250 ms); {@link #close()} ends it.
     *
     * @param task the name shown before the bar, e.g. {@code fit}
     * @param totalSteps Adam steps plus L-BFGS iterations: the bar's 100 %
     * @param out where the bar is drawn, normally standard error
     */
    public ProgressBarCallback(String task, int totalSteps, PrintStream out) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .setUnit(" steps", 1)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    @Override
    public Action onStep(StepInfo info) {
        bar.stepTo(info.step());
        StringBuilder m = new StringBuilder(info.phase().toString().toLowerCase(Locale.ROOT));
        for (Map.Entry<String, Double> e : info.record().terms().entrySet())
            m.append(String.format(Locale.ROOT, " %s %.2e", e.getKey(), e.getValue()));
        for (Map.Entry<String, Double> e : info.record().unknowns().entrySet())
            m.append(String.format(Locale.ROOT, " %s=%.5g", e.getKey(), e.getValue()));
        bar.setExtraMessage(m.toString());
        return Action.CONTINUE;
    }

    @Override
    public void close() {
        bar.close();
    }
}
