package dev.mollify.pde.fit;

import dev.mollify.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data one {@link Ensemble} member is fitted to: a seeded resample of the measured rows that keeps
 * the shape of the data the full fit saw.
 * <ul>
 *   <li>{@link #ROWS} (scattered points): n rows drawn with replacement from the n measured rows, the
 *   ordinary (pairs) bootstrap. A row drawn twice is a replicate, which a scattered fit keeps as data.</li>
 *   <li>{@link #HALF_GRID} (data on a grid, full or with missing nodes): ⌊n/2⌋ of the n measured nodes
 *   drawn without replacement; the others are marked not measured. Drawing nodes with replacement would
 *   put replicates on the grid, which turns it into scattered points (another collocation grid, no weak
 *   form): the members would then measure a different estimator from the one reported. Half-sampling
 *   keeps the data grid and the route, and for a smooth statistic θ̂ its spread matches the bootstrap's:
 *   for a mean, var(θ̂_{n/2} | data) = (1/m − 1/n)·s² = s²/n at m = n/2 (the finite-population correction),
 *   which is var(θ̂_n).</li>
 * </ul>
 */
public enum Resample {
    /** n of the n measured rows, drawn with replacement (scattered points). */
    ROWS,
    /** ⌊n/2⌋ of the n measured grid nodes, drawn without replacement; the rest become missing (grids). */
    HALF_GRID;

    /**
     * The resampling a layout gets: {@link #ROWS} for scattered points, else {@link #HALF_GRID}.
     *
     * @param layout the layout of the measured data
     * @return the resampling that keeps that layout
     */
    public static Resample of(DataLayout layout) {
        return layout.scattered() ? ROWS : HALF_GRID;
    }

    /**
     * In words, for messages and reports.
     *
     * @return e.g. {@code "rows drawn with replacement"}
     */
    public String describe() {
        return switch (this) {
            case ROWS -> "rows drawn with replacement";
            case HALF_GRID -> "half of the grid nodes, drawn without replacement";
        };
    }

    /**
     * The name in {@code report.json}: {@code rows} or {@code half-grid}.
     *
     * @return the key
     */
    public String key() {
        return this == ROWS ? "rows" : "half-grid";
    }

    /**
     * The resampled table, drawn with {@code new Rng(seed)}. A row is measured when any of the
     * {@code observed} fields has a value in it; rows with none are kept as they are.
     *
     * @param table    the measured data
     * @param observed the measured fields
     * @param seed     the resample's seed (s_k·1000003 + 7 for ensemble member k)
     * @return {@link #ROWS}: n measured rows drawn with replacement, sorted by index; {@link #HALF_GRID}: the
     *     same rows with the observed fields set to NaN outside ⌊n/2⌋ drawn measured rows
     */
    public Table apply(Table table, List<String> observed, long seed) {
        int[] measured = measuredRows(table, observed);
        return switch (this) {
            case ROWS -> {
                Rng rng = new Rng(seed);
                int[] rows = new int[measured.length];
                for (int i = 0; i < rows.length; i++) rows[i] = measured[rng.nextInt(measured.length)];
                Arrays.sort(rows);
                yield table.selectRows(rows);
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
