package dev.mollify.jmh.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhResultTest {
    @Test
    void readsTheFieldsOfAJmhFile() {
        List<JmhResult> rs = JmhResult.parse(JmhJsonFixtures.matmulJson());
        assertEquals(8, rs.size());
        JmhResult first = rs.get(0);
        assertEquals("MatmulBenchmark.matmul", first.benchmark());
        assertEquals("64", first.param("size"));
        assertEquals("F64", first.param("dtype"));
        assertEquals(1, first.threads());
        assertEquals("us/op", first.unit());
        assertEquals(2e-6 * 64 * 64, first.score(), 1e-15);
        assertTrue(Double.isNaN(first.error()));
        assertEquals(2e-6 * 64 * 64 * 1e-6, first.seconds(), 1e-18);
        assertEquals(0.1e-6, rs.get(2).secondsError(), 1e-18);
        assertThrows(IllegalArgumentException.class, () -> first.param("order"));
    }

    @Test
    void malformedJsonIsRefusedWithAMessage() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> JmhResult.parse("[ { \"benchmark\" : } ]"));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
}
