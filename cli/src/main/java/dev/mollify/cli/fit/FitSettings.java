package dev.mollify.cli.fit;

import dev.mollify.pde.fit.FitOptions;
import java.nio.file.Path;

/**
 * Everything one {@code mollify fit} run depends on: the fit itself (the same options and seed give
 * the same bits) and where the command writes.
 *
 * @param options         the fit: data, equation, unknowns, route, training budget, seed
 * @param checkpointEvery checkpoint every this many Adam steps
 * @param out             output folder
 * @param ensemble        members of an ensemble run after the fit ({@link dev.mollify.pde.fit.Ensemble}; 0: none)
 */
public record FitSettings(FitOptions options, int checkpointEvery, Path out, int ensemble) {
    /**
     * A fit without an ensemble.
     *
     * @param options the fit: data, equation, unknowns, route, training budget, seed
     * @param checkpointEvery checkpoint every this many Adam steps
     * @param out output folder
     */
    public FitSettings(FitOptions options, int checkpointEvery, Path out) {
        this(options, checkpointEvery, out, 0);
    }
}
