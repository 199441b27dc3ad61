package dev.mollify.tests.acceptance;

import dev.mollify.pde.forward.GridField;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The first rows of a (t, x) data set: every time ≤ tMax (a data window, not a resampling). */
final class TimeWindow {
    private TimeWindow() {}

    /** Rows of {@code f} (axes (t, x)) with t ≤ tMax; at least two rows must remain. */
    static GridField upTo(GridField f, double tMax) {
        if (!f.axisNames().equals(List.of("t", "x")))
            throw new IllegalArgumentException("expected axes (t, x), got " + f.axisNames());
        double[] t = f.axis("t");
        int rows = 0;
        while (rows < t.length && t[rows] <= tMax + 1e-12) rows++;
        if (rows < 2) {
            throw new IllegalArgumentException("tMax = " + tMax + " keeps " + rows + " time(s) of "
                    + Arrays.toString(new double[] {t[0], t[t.length - 1]}) + "; choose tMax ≥ " + t[1]);
        }
        if (rows == t.length) return f;
        int nx = f.shape()[1];
        double[] v = Arrays.copyOf(f.values(), rows * nx);
        return new GridField(
                f.problem(),
                f.valueName(),
                f.axisNames(),
                List.of(Arrays.copyOf(t, rows), f.axis("x")),
                v,
                withWindow(f.parameters(), t[rows - 1]),
                f.description() + "; times t <= " + t[rows - 1]);
    }

    private static Map<String, Double> withWindow(Map<String, Double> p, double tEnd) {
        Map<String, Double> m = new LinkedHashMap<>(p);
        m.put("window.tMax", tEnd);
        return m;
    }
}
