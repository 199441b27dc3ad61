package dev.mollify.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The F32 kernels are their F64 originals under the mapping of {@link PrecisionTwins}: change an F64
 * kernel and this test names the first F32 line that no longer follows it.
 */
class PrecisionTwinsTest {
    private static final Path DIR = Path.of("src/main/java/dev/mollify/tensor/kernels");

    private static void twins(String name) {
        PrecisionTwins.assertFileTwins(
                DIR.resolve("F64" + name + ".java"), DIR.resolve("F32" + name + ".java"), Map.of());
    }

    @Test
    void scalarLoops() {
        twins("Scalar");
    }

    @Test
    void dispatch() {
        twins("Kernels");
    }

    @Test
    void vectorLoops() {
        twins("Vector");
    }

    @Test
    void matrixProduct() {
        twins("Gemm");
    }

    @Test
    void theMappingIsTokenByToken() {
        assertEquals("float", PrecisionTwins.map("double", Map.of()));
        assertEquals("FloatVector", PrecisionTwins.map("DoubleVector", Map.of()));
        assertEquals("F32Scalar", PrecisionTwins.map("F64Scalar", Map.of()));
        assertEquals("0f", PrecisionTwins.map("0.0", Map.of()));
        assertEquals("0.5f", PrecisionTwins.map("0.50", Map.of()));
        assertEquals("1", PrecisionTwins.map("1", Map.of()));
        assertEquals(".", PrecisionTwins.map(".", Map.of()));
        assertEquals("SF", PrecisionTwins.map("S", Map.of("S", "SF")));
    }

    @Test
    void aDifferentFileIsReportedAsDrift() {
        assertThrows(
                AssertionError.class,
                () -> PrecisionTwins.assertFileTwins(
                        DIR.resolve("F64Scalar.java"), DIR.resolve("F32Kernels.java"), Map.of()));
    }
}
