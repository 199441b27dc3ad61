package dev.mollify.jmh.scaling;

import java.util.List;

/**
 * The sweeps {@code jmh/scaling.sh} runs, one JSON file each, and the work of one call of each.
 *
 * <ul>
 *   <li>Convolution forward ({@code MollifierConvBenchmark.forward}), shape (B, N, K): elements B·N
 *   (outputs); FLOPs of the direct paths 2·B·N·K (one multiply-add per tap and output; the FFT path's
 *   are not counted); least traffic 2·B·N·s bytes (input read, output written; s = 4 or 8).</li>
 *   <li>Matmul ({@code MatmulBenchmark.matmul}), n×n·n×n: elements n³ (multiply-adds), FLOPs 2n³,
 *   least traffic 3·n²·s bytes.</li>
 *   <li>MLP derivatives ({@code MlpDerivativeBenchmark.derivatives}): elements = points; FLOPs and
 *   traffic not counted.</li>
 * </ul>
 */
public final class Sweeps {
    /** The machine limits' file ({@code MachineLimitsBenchmark}), read by {@link Roofline}. */
    public static final String LIMITS_FILE = "limits.json";

    /** The sweeps, in the report's order. */
    public static final List<SweepDefinition> ALL = List.of(
            conv("conv-n", "N", "Convolution forward: signal length N", "N (signal length)"),
            conv("conv-k", "K", "Convolution forward: kernel width K", "K (taps)"),
            new SweepDefinition(
                    "matmul",
                    "matmul.json",
                    "MatmulBenchmark.matmul",
                    "size",
                    "Matmul n×n·n×n",
                    "n",
                    "multiply-add (n³)",
                    p -> Math.pow(SweepDefinition.num(p, "size"), 3),
                    p -> 2 * Math.pow(SweepDefinition.num(p, "size"), 3),
                    p -> 3 * Math.pow(SweepDefinition.num(p, "size"), 2) * SweepDefinition.elementBytes(p)),
            mlp("mlp-points", "points", "MLP derivatives: points", "points"),
            mlp("mlp-order", "order", "MLP derivatives: order", "derivative order k"));

    private Sweeps() {}

    private static SweepDefinition conv(String id, String swept, String title, String sizeLabel) {
        return new SweepDefinition(
                id,
                id + ".json",
                "MollifierConvBenchmark.forward",
                swept,
                title,
                sizeLabel,
                "output element (B·N)",
                p -> SweepDefinition.num(p, "B") * SweepDefinition.num(p, "N"),
                p -> "fft".equals(p.get("path"))
                        ? Double.NaN
                        : 2 * SweepDefinition.num(p, "B") * SweepDefinition.num(p, "N") * SweepDefinition.num(p, "K"),
                p -> 2 * SweepDefinition.num(p, "B") * SweepDefinition.num(p, "N") * SweepDefinition.elementBytes(p));
    }

    private static SweepDefinition mlp(String id, String swept, String title, String sizeLabel) {
        return new SweepDefinition(
                id,
                id + ".json",
                "MlpDerivativeBenchmark.derivatives",
                swept,
                title,
                sizeLabel,
                "point",
                p -> SweepDefinition.num(p, "points"),
                p -> Double.NaN,
                p -> Double.NaN);
    }

    /**
     * The definition of a sweep.
     *
     * @param id its short name
     * @return the definition, or null when there is none of that name
     */
    public static SweepDefinition byId(String id) {
        for (SweepDefinition d : ALL) if (d.id().equals(id)) return d;
        return null;
    }
}
