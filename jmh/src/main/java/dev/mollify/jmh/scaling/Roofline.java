package dev.mollify.jmh.scaling;

import java.util.List;

/**
 * The machine's limits from {@code MachineLimitsBenchmark}, and the roofline they make: a kernel of
 * arithmetic intensity I (FLOP per byte of least traffic) can reach at most min(peak, I · bandwidth).
 * The kernels use up to two threads, so each roof is the larger of the 1- and 2-thread figures.
 *
 * @param bandwidth1 triad bandwidth on 1 thread, GB/s (STREAM's count: 3 · 8 · n bytes per triad)
 * @param bandwidth2 the same on 2 threads
 * @param f64x1 F64 FMA peak on 1 thread, GFLOP/s
 * @param f64x2 on 2 threads
 * @param f32x1 F32 FMA peak on 1 thread, GFLOP/s
 * @param f32x2 on 2 threads
 */
public record Roofline(double bandwidth1, double bandwidth2, double f64x1, double f64x2, double f32x1, double f32x2) {
    /**
     * The limits in a result file: the {@code bytes} counter of {@code triad1}/{@code triad2} and the
     * {@code flops} counter of {@code fmaF64x1} … {@code fmaF32x2}, divided by 10⁹ (NaN where missing).
     *
     * @param results the results of {@code MachineLimitsBenchmark}
     * @return the limits
     */
    public static Roofline of(List<JmhResult> results) {
        return new Roofline(
                counter(results, "triad1", "bytes"),
                counter(results, "triad2", "bytes"),
                counter(results, "fmaF64x1", "flops"),
                counter(results, "fmaF64x2", "flops"),
                counter(results, "fmaF32x1", "flops"),
                counter(results, "fmaF32x2", "flops"));
    }

    private static double counter(List<JmhResult> results, String method, String name) {
        for (JmhResult r : results) {
            if (r.benchmark().equals("MachineLimitsBenchmark." + method)) {
                Double v = r.secondary().get(name);
                return v == null ? Double.NaN : v / 1e9;
            }
        }
        return Double.NaN;
    }

    /**
     * The memory roof.
     *
     * @return max(bandwidth1, bandwidth2), GB/s (NaN when neither was measured)
     */
    public double bandwidth() {
        return max(bandwidth1, bandwidth2);
    }

    /**
     * The compute roof of a dtype.
     *
     * @param dtype F32 or F64
     * @return max of its 1- and 2-thread peaks, GFLOP/s
     */
    public double peak(String dtype) {
        return "F32".equals(dtype) ? max(f32x1, f32x2) : max(f64x1, f64x2);
    }

    /**
     * The roofline: the most a kernel of intensity I can reach.
     *
     * @param intensity I, FLOP per byte
     * @param dtype F32 or F64
     * @return min(peak, I · bandwidth), GFLOP/s
     */
    public double attainable(double intensity, String dtype) {
        return Math.min(peak(dtype), intensity * bandwidth());
    }

    /**
     * The intensity where the two roofs meet (the ridge point).
     *
     * @param dtype F32 or F64
     * @return peak / bandwidth, FLOP per byte
     */
    public double ridge(String dtype) {
        return peak(dtype) / bandwidth();
    }

    /**
     * Whether every limit is known.
     *
     * @return true when no figure is NaN
     */
    public boolean complete() {
        return !Double.isNaN(bandwidth() + peak("F32") + peak("F64"));
    }

    private static double max(double a, double b) {
        if (Double.isNaN(a)) return b;
        if (Double.isNaN(b)) return a;
        return Math.max(a, b);
    }
}
