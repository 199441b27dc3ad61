package dev.mollify.jmh.scaling;

import java.util.Locale;

/** Hand-made JMH result files for the tests of this package. */
final class JmhJsonFixtures {
    private JmhJsonFixtures() {}

    /** One JMH result as {@code -rf json} writes it, trimmed to the fields read (plus some it skips). */
    static String result(String benchmark, String params, double score, String error, String unit) {
        return String.format(Locale.ROOT, """
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "dev.mollify.jmh.%s",
                    "mode" : "avgt",
                    "threads" : 1,
                    "jvmArgs" : [ "--add-modules", "jdk.incubator.vector" ],
                    "params" : { %s },
                    "primaryMetric" : {
                        "score" : %s,
                        "scoreError" : %s,
                        "scoreConfidence" : [ 1.0, 2.0 ],
                        "scoreUnit" : "%s",
                        "rawData" : [ [ 1.0E-3, 2.5e+1 ] ]
                    },
                    "secondaryMetrics" : { }
                }""", benchmark, params, Double.toString(score), error, unit);
    }

    /** Matmul times t = 2·10⁻⁶ µs · n², F64, and F32 at half that; JMH's string "NaN" for one error. */
    static String matmulJson() {
        StringBuilder s = new StringBuilder("[\n");
        int[] n = {64, 128, 256, 512};
        for (int i = 0; i < n.length; i++) {
            double t = 2e-6 * n[i] * n[i];
            s.append(result(
                            "MatmulBenchmark.matmul",
                            "\"size\" : \"" + n[i] + "\", \"dtype\" : \"F64\", \"simd\" : \"true\"",
                            t,
                            i == 0 ? "\"NaN\"" : "0.1",
                            "us/op"))
                    .append(",\n");
            s.append(result(
                            "MatmulBenchmark.matmul",
                            "\"size\" : \"" + n[i] + "\", \"dtype\" : \"F32\", \"simd\" : \"true\"",
                            t / 2,
                            "0.05",
                            "us/op"))
                    .append(i + 1 < n.length ? ",\n" : "\n");
        }
        return s.append("]\n").toString();
    }
}
