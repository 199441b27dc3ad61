package dev.mollify.cli.fit;

import dev.mollify.autograd.train.DivergenceGuard;
import dev.mollify.cli.CliException;
import dev.mollify.pde.fit.Ensemble;
import dev.mollify.pde.fit.FitInputException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ensemble of {@code mollify fit --ensemble N}, run after the fit: N refits of the same data, each
 * with its own seed and resample ({@link Ensemble}), one line printed as each member ends. Members are
 * not checkpointed: an interrupt stops them and the run writes no report, so {@code --resume} finishes
 * the fit from its checkpoint and runs every member again (the same bits as an uninterrupted run).
 */
final class EnsembleRun {
    private EnsembleRun() {}

    /** Runs the ensemble of {@code s}; null when an interrupt stopped it. */
    static Ensemble.Result run(FitSettings s, PrintStream out, Interruption interruption) {
        Ensemble ensemble = Ensemble.of(s.options(), s.ensemble());
        long base = s.options().seed();
        out.printf(
                Locale.ROOT,
                "ensemble: %d refits of the same data, seeds %d–%d, each on a resample of it (%d at once)%n",
                s.ensemble(),
                Ensemble.memberSeed(base, 0),
                Ensemble.memberSeed(base, s.ensemble() - 1),
                Math.min(ensemble.parallel(), s.ensemble()));
        int[] done = {0};
        Ensemble.Result r;
        try {
            r = ensemble.run(
                    m -> {
                        if (m.stopReason().equals(Interruption.REASON)) return;
                        StringBuilder line = new StringBuilder(String.format(
                                Locale.ROOT, "  member %d/%d (seed %d):", ++done[0], s.ensemble(), m.seed()));
                        m.values().entrySet().stream()
                                .sorted(Map.Entry.comparingByKey())
                                .forEach(e -> line.append(
                                        String.format(Locale.ROOT, " %s = %.6g", e.getKey(), e.getValue())));
                        out.println(line.append(String.format(Locale.ROOT, " (%.1f s)", m.seconds())));
                    },
                    interruption.stopOnly());
        } catch (FitInputException e) {
            throw CliException.from(e);
        }
        if (interruption.requested()) return null;
        return r;
    }

    /** What the ensemble cannot vouch for: members that diverged (their values are in the spread). */
    static List<String> warnings(Ensemble.Result r) {
        List<String> w = new ArrayList<>();
        for (Ensemble.Member m : r.runs()) {
            String reason = m.stopReason();
            if (DivergenceGuard.stopped(reason))
                w.add("ensemble member " + m.index() + " (seed " + m.seed() + ") diverged (" + reason
                        + "); its values are part of the spread");
        }
        return w;
    }
}
