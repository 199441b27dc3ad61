package dev.mollify.pde.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data one {@link Ensemble} member is fitted to: a seeded half-sample of the measured rows, drawn
 * without replacement, that keeps the shape of the data the full fit saw (docs/math.md, "Ensembles: an interval for each coefficient").
 * <ul>
 *   <li>{@link #HALF_ROWS} (scattered points): ⌊n/2⌋ of the n measured rows, drawn without replacement;
 *   the others are left out. No row appears twice, so every member is a scattered fit of distinct points,
 *   like the full fit.</li>
 *   <li>{@link #HALF_GRID} (data on a grid, full or with missing nodes): ⌊n/2⌋ of the n measured nodes
 *   drawn without replacement; the others are marked not measured. Drawing nodes with replacement would
 *   put replicates on the grid, which turns it into scattered points (another collocation grid, no weak
 *   form): the members would then measure a different estimator from the one reported.</li>
 * </ul>
 * For a smooth statistic θ̂ half-sampling needs no rescaling: for a mean, the mean of m of the n values
 * drawn without replacement varies by var(θ̂_m | data) = (1/m − 1/n)·s², which at m = n/2 is s²/n = var(θ̂_n)
 * (the finite-population correction), so the members' spread estimates the full fit's.
 */
public enum Resample {
    /** ⌊n/2⌋ of the n measured rows, drawn without replacement; the rest are left out (scattered points). */
    HALF_ROWS,
    /** ⌊n/2⌋ of the n measured grid nodes, drawn without replacement; the rest become missing (grids). */
    HALF_GRID;

    /**
     * The resampling a layout gets: {@link #HALF_ROWS} for scattered points, else {@link #HALF_GRID}.
     *
     * @param layout the layout of the measured data
     * @return the resampling that keeps that layout
     */
    public static Resample of(DataLayout layout) {
        return layout.scattered() ? HALF_ROWS : HALF_GRID;
    }

    /**
     * In words, for messages and reports.
     *
     * @return e.g. {@code "half of the rows, drawn without replacement"}
     */
    public String describe() {
        return switch (this) {
            case HALF_ROWS -> "half of the rows, drawn without replacement";
            case HALF_GRID -> "half of the grid nodes, drawn without replacement";
        };
    }

    /**
     * The name in {@code report.json}: {@code half-rows} or {@code half-grid}.
     *
     * @return the key
     */
    public String key() {
        return this == HALF_ROWS ? "half-rows" : "half-grid";
    }

    /**
     * The resampled table, drawn with {@code new Rng(seed)} ({@link GridColumns#draw}); rows keep their order. A
     * row is measured when any of the {@code observed} fields has a value in it; rows with none are kept as they
     * are.
     *
     * @param table    the measured data
     * @param observed the measured fields
     * @param seed     the resample's seed (s_k·1000003 + 7 for ensemble member k)
     * @return {@link #HALF_ROWS}: ⌊n/2⌋ of the n measured rows, drawn without replacement, and every unmeasured
     *     row; {@link #HALF_GRID}: every row, with the observed fields set to NaN outside ⌊n/2⌋ drawn measured
     *     rows
     */
    public Table apply(Table table, List<String> observed, long seed) {
        int[] measured = measuredRows(table, observed);
        return switch (this) {
            case HALF_ROWS -> {
                boolean[] keep = new boolean[table.rows()];
                Arrays.fill(keep, true);
                for (int r : measured) keep[r] = false;
                for (int r : GridColumns.draw(measured, measured.length / 2, seed)) keep[r] = true;
                int[] rows = new int[table.rows()];
                int n = 0;
                for (int r = 0; r < keep.length; r++) if (keep[r]) rows[n++] = r;
                yield table.selectRows(Arrays.copyOf(rows, n));
            }
            case HALF_GRID -> {
                boolean[] keep = new boolean[table.rows()];
                Arrays.fill(keep, true);
                for (int r : measured) keep[r] = false;
                for (int r : GridColumns.draw(measured, measured.length / 2, seed)) keep[r] = true;
                Table t = table;
                for (String f : observed) {
                    double[] v = t.column(f);
                    for (int r = 0; r < v.length; r++) if (!keep[r]) v[r] = Double.NaN;
                    t = t.withColumn(f, v);
                }
                yield t;
            }
        };
    }

    private static int[] measuredRows(Table table, List<String> observed) {
        List<double[]> columns = new ArrayList<>();
        for (String f : observed) columns.add(table.column(f));
        int[] rows = new int[table.rows()];
        int n = 0;
        for (int r = 0; r < table.rows(); r++) {
            for (double[] c : columns) {
                if (!Double.isNaN(c[r])) {
                    rows[n++] = r;
                    break;
                }
            }
        }
        return Arrays.copyOf(rows, n);
    }
}
