package dev.mollify.mollifier;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The float overloads of the convolution loops are their double originals under the mapping of
 * {@link PrecisionTwins}, method by method: change a double loop and this test names the first float
 * line that no longer follows it.
 */
class PrecisionTwinsTest {
    private static final Path DIR = Path.of("src/main/java/dev/mollify/mollifier");
    /** RowKernelsVector's per-precision names: the species and the per-thread scratch arrays. */
    private static final Map<String, String> VECTOR_NAMES =
            Map.of("S", "SF", "cvD", "cvF", "CV_D", "CV_F", "padD", "padF", "PAD_D", "PAD_F");

    private static void twins(String file, Map<String, String> names, String... f64Signatures) {
        for (String signature : f64Signatures) PrecisionTwins.assertMethodTwins(DIR.resolve(file), signature, names);
    }

    @Test
    void rowLoops() {
        twins("RowKernels.java", Map.of(), "static void correlateRow(double[] x", "static void tapRow(double[] g",
                "static void axpyScalar(double a", "static double dotScalar(double[] x");
        PrecisionTwins.assertMethodTwins(DIR.resolve("RowKernels.java"),
                "static void correlateTapRow(double[] a, int ao, double[] wf, int kn, double[] z, int zo, double[] b, int bo, int n, double[] acc, int t0",
                "static void correlateTapRow(float[] a, int ao, float[] wf, int kn, float[] z, int zo, float[] b, int bo, int n, double[] acc, int t0",
                Map.of());
    }

    @Test
    void vectorRowLoops() {
        twins("RowKernelsVector.java", VECTOR_NAMES, "private static double[] cvD(", "private static double[] padD(",
                "static void correlateRow(double[] x", "static void tapRow(double[] g", "static void correlateTapRow(double[] a",
                "private static void block8(double[] a", "private static void both8(double[] a", "private static void taps8(double[] a",
                "private static double lanes(DoubleVector v");
    }

    @Test
    void correlation() {
        twins("DirectCorrelation.java", Map.of(), "static void correlate(double[] x", "static void tapCorrelate(double[] x");
    }

    @Test
    void fullConvolution() {
        twins("FullConvolution.java", Map.of(), "static void convolveFull(double[] g", "static void fullRow(double[] g",
                "private static void edge(double[] g", "static double[] flip(double[] w", "static double[] zeroPad(double[] g");
    }

    @Test
    void fusedBackward() {
        twins("FusedBackward.java", Map.of(), "static void correlateBackwardFolded(double[] x", "private static void foldRow(double[] out",
                "private static void copyPadded(double[] g", "private static void scatter(double[] za");
    }

    @Test
    void theCheckerIsTheTensorModulesCopy() {
        PrecisionTwins.assertSameClass(Path.of("src/test/java/dev/mollify/mollifier/PrecisionTwins.java"),
                Path.of("../tensor/src/test/java/dev/mollify/tensor/kernels/PrecisionTwins.java"));
    }
}
