package dev.mollify.jmh.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one curve overtakes another (e.g. the FFT convolution the direct one, as K grows), over the
 * sizes both measured.
 *
 * <p>With r(s) = ln(t_fast(s) / t_slow(s)) at the common sizes s₀ < s₁ < …: the first size with
 * r &lt; 0 is {@code firstFaster}; between it and the size before, r is taken linear in ln s and its
 * zero is {@code interpolated} = exp(ln s₀ + (ln s₁ − ln s₀) · r₀ / (r₀ − r₁)).
 *
 * @param firstFaster the first measured size where the overtaking curve is faster
 * @param interpolated the log-log interpolated size where the curves cross; NaN when it is faster from
 *     the first size on
 */
public record Crossing(double firstFaster, double interpolated) {
    /**
     * The crossing of {@code fast} below {@code slow}.
     *
     * @param slow the curve faster at small sizes
     * @param fast the curve that may overtake it
     * @return the crossing, or null when {@code fast} is never faster at a common size
     */
    public static Crossing of(Sweep.Series slow, Sweep.Series fast) {
        List<double[]> common = new ArrayList<>(); // {size, r}
        for (Sweep.Point p : slow.points()) {
            for (Sweep.Point q : fast.points()) {
                if (q.size() == p.size()) common.add(new double[] {p.size(), Math.log(q.seconds() / p.seconds())});
            }
        }
        for (int i = 0; i < common.size(); i++) {
            double[] c = common.get(i);
            if (c[1] >= 0) continue;
            if (i == 0) return new Crossing(c[0], Double.NaN);
            double[] b = common.get(i - 1);
            double u0 = Math.log(b[0]), u1 = Math.log(c[0]);
            return new Crossing(c[0], Math.exp(u0 + (u1 - u0) * b[1] / (b[1] - c[1])));
        }
        return null;
    }
}
