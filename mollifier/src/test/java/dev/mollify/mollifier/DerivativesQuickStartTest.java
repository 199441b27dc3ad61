package dev.mollify.mollifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Activation;
import dev.mollify.autograd.nn.Mlp;
import dev.mollify.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The root README's "Derivatives of a network" example, run as written: u_xx of an MLP by nested
 * reverse mode and by {@link MollifiedDerivatives}, which agree up to the smoothing by η_δ. A second
 * test fails when the README's copy of the code differs from the lines between the markers below.
 */
class DerivativesQuickStartTest {
    static final String SECTION = "### Derivatives of a network", BEGIN = "// README: begin", END = "// README: end";

    @Test
    void nestedGradAndConvolutionGiveTheSameSecondDerivative() {
        // spotless:off
        // README: begin
        // u(x): an MLP 1 → 32 → 32 → 1 on 227 points, x in [−1.13, 1.13] = [−1, 1] plus 13 cells each side.
        Mlp net = Mlp.builder().inputs(1).hidden(32, 32).outputs(1).activation(Activation.TANH).seed(1).build();
        int n = 227;
        Var x = Var.param(Tensor.linspace(-1.13, 1.13, n).reshape(n, 1));   // (N, 1): one point per row
        Var u = net.forward(x);                                              // (N, 1)

        // Nested reverse mode: differentiate, keep the graph (createGraph = true), differentiate again.
        Var ux = Autograd.grad(u.sum(), x, null, true);
        Var uxxNested = Autograd.grad(ux.sum(), x, null, true);              // (N, 1)

        // Convolution with derivative kernels of the bump, δ = 0.1, 12 taps each side of the centre.
        // Fields are (B, C, N): batch, channels, grid points; an axis loses 12 + 1 cells on each side.
        MollifiedDerivatives md = MollifiedDerivatives.builder(KernelFamily.bump(), new double[] {0.01}, new int[] {12})
                .width(0.1).build();
        DifferentialOperator d2 = DifferentialOperator.of(2);
        Var uxxMollified = md.compute(u.reshape(1, 1, n), d2).get(d2);      // (1, 1, 201): x in [−1, 1]
        // uxxMollified matches uxxNested[13 … 213] to 0.2 % (relative L2): the smoothing by η_δ.
        // README: end
        // spotless:on
        assertArrayEquals(new int[] {1, 1, 201}, uxxMollified.shape());
        double[] nested = uxxNested.value().toDoubleArray(),
                mollified = uxxMollified.value().toDoubleArray();
        double diff = 0, norm = 0;
        for (int i = 0; i < 201; i++) {
            diff += Math.pow(mollified[i] - nested[i + 13], 2);
            norm += nested[i + 13] * nested[i + 13];
        }
        double rel = Math.sqrt(diff / norm);
        assertTrue(rel < 0.01, "relative L2 difference " + rel);
    }

    @Test
    void readmeShowsThisCode() throws IOException {
        List<String> test = between(
                Files.readAllLines(Path.of("src/test/java/dev/mollify/mollifier/DerivativesQuickStartTest.java")),
                BEGIN,
                END);
        List<String> lines = Files.readAllLines(Path.of("../README.md"));
        int section = lines.indexOf(SECTION);
        assertTrue(section >= 0, "README.md has no line '" + SECTION + "'");
        List<String> readme = between(lines.subList(section, lines.size()), "```java", "```");
        assertEquals(
                String.join("\n", test),
                String.join("\n", readme),
                "README.md's \"" + SECTION.substring(4)
                        + "\" code differs from DerivativesQuickStartTest: copy the lines between the markers");
    }

    /** The lines after the first line equal to {@code begin} (trimmed) up to {@code end}, without their common indent. */
    static List<String> between(List<String> lines, String begin, String end) {
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (from < 0 && lines.get(i).trim().equals(begin)) {
                from = i + 1;
            } else if (from >= 0 && lines.get(i).trim().equals(end)) {
                List<String> body = new ArrayList<>(lines.subList(from, i));
                int indent = body.stream()
                        .filter(s -> !s.isBlank())
                        .mapToInt(s -> s.length() - s.stripLeading().length())
                        .min()
                        .orElse(0);
                body.replaceAll(s -> s.isBlank() ? "" : s.substring(indent));
                return body;
            }
        }
        throw new AssertionError("no lines between '" + begin + "' and '" + end + "'");
    }
}
