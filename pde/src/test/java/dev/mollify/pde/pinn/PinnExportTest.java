package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Safetensors;
import dev.mollify.pde.spec.Domain;
import dev.mollify.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PinnExport}: the file alone rebuilds the network's outputs, by the formula in its Javadoc. */
class PinnExportTest {
    @Test
    void theFileAloneReproducesTheNetwork(@TempDir Path dir) throws IOException {
        Pinn net = Pinn.builder(Domain.box(new Domain.Axis("x", -3, 5), new Domain.Axis("t", 0, 0.02)))
                .fields("u")
                .unknownFields("k")
                .hidden(6, 5)
                .outputScale("u", 2.5, 0.3)
                .seed(11)
                .build();
        Path f = dir.resolve("model.safetensors");
        PinnExport.save(f, net, Map.of("D", 1.25e-4));
        Safetensors.Contents c = Safetensors.read(f);
        Map<String, String> m = c.metadata();
        assertEquals(PinnExport.FORMAT, m.get("format"));
        assertEquals("x,t", m.get("inputs"));
        assertEquals("u,k", m.get("outputs"));
        assertEquals(1.25e-4, Double.parseDouble(m.get("coefficient.D")), 0.0);
        assertEquals(1.25e-4, c.tensors().get("coefficient.D").toDoubleArray()[0], 0.0);

        double[][] points = {{-3, 0}, {0.5, 0.011}, {5, 0.02}, {1, 0.004}};
        double[] flat = Arrays.stream(points).flatMapToDouble(Arrays::stream).toArray();
        double[] want = net.forward(Var.constant(Tensor.of(flat, points.length, 2)))
                .value()
                .toDoubleArray();
        for (int p = 0; p < points.length; p++) {
            double[] got = evaluate(c, points[p]);
            for (int o = 0; o < got.length; o++)
                assertEquals(want[p * 2 + o], got[o], 1e-12, "point " + p + ", output " + o);
        }
    }

    @Test
    void fourierFeaturesAreRefused() {
        Pinn net = Pinn.builder(Domain.interval1dTime(0, 1, 0, 1))
                .fields("u")
                .hidden(4)
                .fourierFeatures(3, 1.0)
                .seed(1)
                .build();
        assertThrows(IllegalArgumentException.class, () -> PinnExport.tensors(net, Map.of()));
    }

    /** The model of PinnExport's Javadoc, from the file's contents only (tanh, one network). */
    private static double[] evaluate(Safetensors.Contents c, double[] x) {
        Map<String, String> m = c.metadata();
        double[] centre = numbers(m.get("input.centre")), half = numbers(m.get("input.halfWidth"));
        double[] h = new double[x.length];
        for (int a = 0; a < x.length; a++) h[a] = (x[a] - centre[a]) / half[a];
        int layers = Integer.parseInt(m.get("net.layers"));
        assertEquals("tanh", m.get("activation"));
        for (int i = 0; i < layers; i++) {
            Tensor w = c.tensors().get("net." + i + ".weight");
            double[] wv = w.toDoubleArray(),
                    b = c.tensors().get("net." + i + ".bias").toDoubleArray();
            int out = w.shape()[0], in = w.shape()[1];
            double[] next = new double[out];
            for (int r = 0; r < out; r++) {
                double s = b[r];
                for (int k = 0; k < in; k++) s += wv[r * in + k] * h[k];
                next[r] = i < layers - 1 ? Math.tanh(s) : s;
            }
            h = next;
        }
        double[] shift = numbers(m.get("output.shift")), scale = numbers(m.get("output.scale"));
        double[] y = new double[h.length];
        for (int o = 0; o < y.length; o++) y[o] = shift[o] + scale[o] * h[o];
        return y;
    }

    private static double[] numbers(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
