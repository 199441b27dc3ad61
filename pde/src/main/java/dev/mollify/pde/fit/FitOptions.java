package dev.mollify.pde.fit;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one fit from data depends on; the same options and seed give the same bits (unless a
 * {@code timeBudget} ends the run). Usually made by {@link DataFit#builder()}, whose defaults are those
 * of {@code mollify fit}. Settings no fit can use throw {@link FitInputException} (kind USAGE) here;
 * the data, the equation text and δ are checked by {@link FitSetup#build}.
 *
 * @param data            the data file (.csv, .npy, .npz), or null when {@code table} is given
 * @param table           the data as a table, or null when {@code data} is given
 * @param columns         column names for a plain {@code .npy} file (else empty)
 * @param pde             the equation text, e.g. {@code "u_t = D*u_xx"}
 * @param unknowns        unknown scalars in order: name → initial guess ({@link Double#NaN}: no guess, the data give the start)
 * @param positive        names of the unknowns constrained positive
 * @param truth           known true values (for errors in reports), possibly empty
 * @param route           {@code mollifier}, {@code autodiff} or {@code fd}
 * @param delta           {@code auto}, {@code learn}, a width in the coordinates' units, or per axis {@code t=0.05,x=0.12}
 * @param kernels         derivative kernels of the mollifier route: {@code auto}, {@code differences} or {@code analytic}
 * @param noise           relative noise added to the data (σ = noise·std(u), seeded), 0 for none
 * @param points          keep this many measured points drawn at random (seeded; 0: all)
 * @param hidden          hidden layer widths of the network; empty: chosen from the data ({@link NetworkSize})
 * @param adamSteps       most Adam steps
 * @param lbfgsIterations most L-BFGS iterations after Adam
 * @param lr              Adam learning rate
 * @param seed            seed of the noise, the point draw and the network
 * @param gridSize        nodes per axis of the collocation grid for scattered data; 0: the grid the points are
 *                        nodes of, else 64 ({@link DataLayout#detect})
 * @param tolerance       Adam, then L-BFGS, ends once every unknown changed by less than this, relatively, over
 *                        {@link DataFit#CONVERGENCE_WINDOW} steps (0: run every step)
 * @param lossTolerance   L-BFGS ends only once the loss, too, changed by at most this, relatively, over the same
 *                        window (0: the unknowns alone decide)
 * @param timeBudget      wall-clock budget of the training in seconds (0: none; NaN: chosen from the number of
 *                        coordinates, {@link TimeBudget})
 * @param profileIterations the cap on the L-BFGS iterations of each re-minimisation when the finished fit profiles
 *                        its loss along each coefficient for its standard error ({@link CoefficientProfile}; 0: no
 *                        profile)
 */
public record FitOptions(
        Path data,
        Table table,
        List<String> columns,
        String pde,
        Map<String, Double> unknowns,
        List<String> positive,
        Map<String, Double> truth,
        String route,
        String delta,
        String kernels,
        double noise,
        int points,
        int[] hidden,
        int adamSteps,
        int lbfgsIterations,
        double lr,
        long seed,
        int gridSize,
        double tolerance,
        double lossTolerance,
        double timeBudget,
        int profileIterations) {
    /**
     * Copies the collections and checks the settings that need no data.
     *
     * @param data            the data file, or null
     * @param table           the table, or null; exactly one of {@code data} and {@code table}
     * @param columns         column names for a plain {@code .npy} file
     * @param pde             the equation text, not blank
     * @param unknowns        unknown scalars and their guesses
     * @param positive        each one an unknown
     * @param truth           each key an unknown
     * @param route           the route's name (checked by {@link FitSetup#build})
     * @param delta           the width setting (checked by {@link FitSetup#build})
     * @param kernels         the kernel setting (checked by {@link FitSetup#build})
     * @param noise           relative noise (checked by {@link FitSetup#build})
     * @param points          points to keep (checked by {@link FitSetup#build})
     * @param hidden          each width ≥ 1 (empty: chosen from the data)
     * @param adamSteps       ≥ 0
     * @param lbfgsIterations ≥ 0, and not both 0 with {@code adamSteps}
     * @param lr              &gt; 0
     * @param seed            any
     * @param gridSize        ≥ 8, or 0
     * @param tolerance       ≥ 0 and finite
     * @param lossTolerance   ≥ 0 and finite
     * @param timeBudget      ≥ 0 and finite, or NaN
     * @param profileIterations ≥ 0
     * @throws FitInputException (kind USAGE) naming the first setting that no fit can use
     */
    public FitOptions {
        if ((data == null) == (table == null))
            throw FitInputException.usage("give the data either as a file or as a table (exactly one of them)");
        if (pde == null || pde.isBlank())
            throw FitInputException.usage("the fit needs an equation, e.g. \"u_t = D*u_xx\"");
        columns = List.copyOf(columns);
        unknowns = Collections.unmodifiableMap(new LinkedHashMap<>(unknowns));
        positive = List.copyOf(positive);
        truth = Collections.unmodifiableMap(new LinkedHashMap<>(truth));
        hidden = hidden.clone();
        for (String p : positive)
            if (!unknowns.containsKey(p))
                throw FitInputException.usage("positive '" + p + "' is not an unknown " + unknowns.keySet());
        for (String t : truth.keySet())
            if (!unknowns.containsKey(t))
                throw FitInputException.usage("truth '" + t + "' is not an unknown " + unknowns.keySet());
        if (adamSteps < 0 || lbfgsIterations < 0 || adamSteps + lbfgsIterations == 0) {
            throw FitInputException.usage("adamSteps and lbfgsIterations must be ≥ 0 and not both 0, got " + adamSteps
                    + " and " + lbfgsIterations);
        }
        if (!(lr > 0)) throw FitInputException.usage("lr must be positive, got " + lr);
        if (!(tolerance >= 0) || !Double.isFinite(tolerance))
            throw FitInputException.usage("tolerance must be ≥ 0 (0 runs every step), got " + tolerance);
        if (!(lossTolerance >= 0) || !Double.isFinite(lossTolerance))
            throw FitInputException.usage(
                    "lossTolerance must be ≥ 0 (0: the unknowns alone end L-BFGS), got " + lossTolerance);
        if (!Double.isNaN(timeBudget) && (!(timeBudget >= 0) || !Double.isFinite(timeBudget)))
            throw FitInputException.usage("timeBudget must be ≥ 0 seconds (0 for none), got " + timeBudget);
        if (profileIterations < 0)
            throw FitInputException.usage(
                    "profileIterations must be ≥ 0 (0: no standard errors), got " + profileIterations);
        if (gridSize != 0 && gridSize < 8)
            throw FitInputException.usage(
                    "gridSize must be ≥ 8 (or 0 for the grid the points lie on), got " + gridSize);
        for (int h : hidden) if (h < 1) throw FitInputException.usage("hidden widths must be ≥ 1");
    }

    /**
     * Hidden layer widths (a copy).
     *
     * @return a new array, one width per hidden layer
     */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * Where the data come from, for messages: the file, or the table's source.
     *
     * @return the file's path, or {@link Table#source()}
     */
    public String source() {
        return data != null ? data.toString() : table.source();
    }
}
