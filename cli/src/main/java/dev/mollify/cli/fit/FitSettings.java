package dev.mollify.cli.fit;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one fit depends on; the same settings and seed give the same bits.
 *
 * @param data            the data file
 * @param columns         column names for a plain {@code .npy} table (else empty)
 * @param pde             the equation text
 * @param unknowns        unknown scalars: name → initial guess
 * @param positive        names of the unknowns constrained positive
 * @param truth           known true values (for errors in the report), possibly empty
 * @param route           mollifier, autodiff or fd
 * @param delta           "auto", "learn", a width in the coordinates' units, or per axis "t=0.05,x=0.12"
 * @param kernels         derivative kernels of the mollifier route: "differences" or "analytic"
 * @param noise           relative noise added to the data (σ = noise·std(u)), 0 for none
 * @param points          keep this many measured points drawn at random (0: all)
 * @param hidden          hidden layer widths
 * @param adamSteps       Adam steps
 * @param lbfgsIterations L-BFGS iterations after Adam
 * @param lr              Adam learning rate
 * @param seed            seed of the noise, the point draw and the network
 * @param checkpointEvery checkpoint every this many Adam steps
 * @param gridSize        nodes per axis of the collocation grid for scattered data
 * @param out             output folder
 * @param tolerance       Adam ends once every unknown changed by less than this, relatively, over 200 steps (0: run every step)
 * @param timeBudget      wall-clock budget of the run in seconds (0: none)
 */
public record FitSettings(Path data, List<String> columns, String pde, Map<String, Double> unknowns, List<String> positive,
                          Map<String, Double> truth, String route, String delta, String kernels, double noise, int points, int[] hidden,
                          int adamSteps, int lbfgsIterations, double lr, long seed, int checkpointEvery, int gridSize, Path out, double tolerance, double timeBudget) {
    public FitSettings {
        columns = List.copyOf(columns);
        unknowns = Collections.unmodifiableMap(new LinkedHashMap<>(unknowns));
        positive = List.copyOf(positive);
        truth = Collections.unmodifiableMap(new LinkedHashMap<>(truth));
        hidden = hidden.clone();
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }
}
