package dev.mollify.jmh.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RooflineTest {
    @Test
    void theLimitsAreTheAuxiliaryCountersInGigaUnits() {
        String json = """
                [ { "benchmark" : "dev.mollify.jmh.MachineLimitsBenchmark.triad2", "threads" : 2,
                    "params" : { "n" : "16777216" },
                    "primaryMetric" : { "score" : 80.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" },
                    "secondaryMetrics" : { "bytes" : { "score" : 3.2E10, "scoreError" : "NaN", "scoreUnit" : "ops/s" } } },
                  { "benchmark" : "dev.mollify.jmh.MachineLimitsBenchmark.fmaF32x1", "threads" : 1,
                    "primaryMetric" : { "score" : 5.0E4, "scoreError" : 10.0, "scoreUnit" : "ops/s" },
                    "secondaryMetrics" : { "flops" : { "score" : 2.56E11, "scoreUnit" : "ops/s" } } } ]
                """;
        List<JmhResult> rs = JmhResult.parse(json);
        assertEquals(2, rs.get(0).threads());
        assertEquals(1.0 / 80, rs.get(0).seconds(), 1e-15);
        assertEquals(2e-5 * 10 / 5e4, rs.get(1).secondsError(), 1e-15);
        Roofline r = Roofline.of(rs);
        assertEquals(32.0, r.bandwidth(), 1e-12);
        assertEquals(256.0, r.peak("F32"), 1e-12);
        assertTrue(Double.isNaN(r.peak("F64")));
        assertEquals(8.0, r.ridge("F32"), 1e-12);
        assertEquals(32.0 * 2, r.attainable(2, "F32"), 1e-12);
        assertEquals(256.0, r.attainable(100, "F32"), 1e-12);
    }
}
