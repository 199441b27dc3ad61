package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The float overloads of the convolution loops are their double originals under the mapping of
 * {@link PrecisionTwins}, method by method: change a double loop and this test names the first float
 * line that no longer follows it. Every float method longer than {@link #MAX_UNCHECKED} lines in these
 * files must be one of the checked twins.
 */
class PrecisionTwinsTest {
    private static final Path DIR = Path.of("src/main/java/dev/mollify/mollifier");
    private static final int MAX_UNCHECKED = 30;
    /** RowKernelsVector's per-precision names: the species and the per-thread scratch arrays. */
    private static final Map<String, String> VECTOR_NAMES =
            Map.of("S", "SF", "cvD", "cvF", "CV_D", "CV_F", "padD", "padF", "PAD_D", "PAD_F");
    /** RowKernels.correlateTapRow's float twin keeps double per-tap sums, so its signature is given. */
    private static final String TAP_ROW_F64 =
            "static void correlateTapRow(double[] a, int ao, double[] wf, int kn, double[] z, int zo, double[] b, int bo, int n, double[] acc, int t0";

    private static final String TAP_ROW_F32 =
            "static void correlateTapRow(float[] a, int ao, float[] wf, int kn, float[] z, int zo, float[] b, int bo, int n, double[] acc, int t0";

    /** File → the F64 signatures (enough of each to be unique) of its twins. */
    private static final Map<String, List<String>> TWINS = new LinkedHashMap<>();

    static {
        TWINS.put(
                "RowKernels.java",
                List.of(
                        "static void correlateRow(double[] x",
                        "static void tapRow(double[] g",
                        "static void axpyScalar(double a",
                        "static double dotScalar(double[] x"));
        TWINS.put(
                "RowKernelsVector.java",
                List.of(
                        "private static double[] cvD(",
                        "private static double[] padD(",
                        "static void correlateRow(double[] x",
                        "private static void block8Windowed(double[] x",
                        "static void tapRow(double[] g",
                        "static void correlateTapRow(double[] a",
                        "private static void block8(double[] a",
                        "private static void both8(double[] a",
                        "private static void taps8(double[] a",
                        "private static double lanes(DoubleVector v"));
        TWINS.put(
                "DirectCorrelation.java",
                List.of("static void correlate(double[] x", "static void tapCorrelate(double[] x"));
        TWINS.put(
                "FullConvolution.java",
                List.of(
                        "static void convolveFull(double[] g",
                        "static void fullRow(double[] g",
                        "private static void edge(double[] g",
                        "static double[] flip(double[] w",
                        "static double[] zeroPad(double[] g"));
        TWINS.put(
                "FusedBackward.java",
                List.of(
                        "static void correlateBackwardFolded(double[] x",
                        "private static void foldRow(double[] out",
                        "private static void copyPadded(double[] g",
                        "private static void scatter(double[] za"));
    }

    private static Set<Integer> check(String file) {
        Map<String, String> names = file.equals("RowKernelsVector.java") ? VECTOR_NAMES : Map.of();
        Set<Integer> checked = new HashSet<>();
        for (String signature : TWINS.get(file))
            checked.add(PrecisionTwins.assertMethodTwins(DIR.resolve(file), signature, names));
        if (file.equals("RowKernels.java"))
            checked.add(PrecisionTwins.assertMethodTwins(DIR.resolve(file), TAP_ROW_F64, TAP_ROW_F32, names));
        return checked;
    }

    @Test
    void rowLoops() {
        check("RowKernels.java");
    }

    @Test
    void vectorRowLoops() {
        check("RowKernelsVector.java");
    }

    @Test
    void correlation() {
        check("DirectCorrelation.java");
    }

    @Test
    void fullConvolution() {
        check("FullConvolution.java");
    }

    @Test
    void fusedBackward() {
        check("FusedBackward.java");
    }

    @Test
    void everyLongFloatMethodIsChecked() {
        for (String file : TWINS.keySet()) {
            Set<Integer> unchecked = PrecisionTwins.longFloatMethods(DIR.resolve(file), MAX_UNCHECKED);
            unchecked.removeAll(check(file));
            assertEquals(Set.of(), unchecked, file + ": float methods (body lines) with no drift check");
        }
    }

    @Test
    void theCheckerIsTheTensorModulesCopy() {
        PrecisionTwins.assertSameClass(
                Path.of("src/test/java/dev/mollify/mollifier/PrecisionTwins.java"),
                Path.of("../tensor/src/test/java/dev/mollify/tensor/kernels/PrecisionTwins.java"));
    }
}
