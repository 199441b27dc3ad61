package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.tests.matrix.GeneralisationMatrix;
import dev.mollify.tests.matrix.GeneralisationMatrix.Cell;
import dev.mollify.tests.matrix.GeneralisationMatrix.Problem;
import dev.mollify.tests.matrix.GeneralisationMatrix.Sampling;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CI-sized cells of the generalisation matrix ({@link GeneralisationMatrix}): {@code mollify fit} with
 * its defaults on forward-solver data in each sampling, held to the matrix's bounds. The full matrix
 * (every problem, sampling, noise level and three seeds) is the documented command in tests/README.md.
 */
class GeneralisationMatrixInverseTest {
    @TempDir
    static Path work;

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("heat", Sampling.UNITS, 0.05, 2),
                Arguments.of("heat", Sampling.SPARSE, 0.01, 1),
                Arguments.of("heat", Sampling.POINTS, 0.10, 3),
                Arguments.of("kdv", Sampling.FULL, 0.01, 1),
                Arguments.of("kdv", Sampling.SPARSE, 0.05, 2),
                Arguments.of("kdv", Sampling.UNITS, 0.10, 3),
                Arguments.of("ks", Sampling.FULL, 0.10, 2), // the network cannot follow: the weak form answers
                Arguments.of("fisher", Sampling.UNITS, 0.05, 2),
                Arguments.of("fisher-field", Sampling.FULL, 0.05, 2), // k(x) learned beside D
                Arguments.of("reaction-diffusion", Sampling.POINTS, 0.05, 3));
    }

    @ParameterizedTest(name = "{0}, {1}, noise {2}, seed {3}")
    @MethodSource("cells")
    void defaultsRecoverTheCoefficients(String problem, Sampling sampling, double noise, int seed) {
        Problem p = GeneralisationMatrix.PROBLEMS.stream()
                .filter(q -> q.name().equals(problem))
                .findFirst()
                .orElseThrow();
        Cell c = GeneralisationMatrix.run(p, sampling, noise, seed, false, work);
        assertTrue(c.within(), GeneralisationMatrix.HEADER + "\n" + c.row() + "\n" + c.message());
    }
}
