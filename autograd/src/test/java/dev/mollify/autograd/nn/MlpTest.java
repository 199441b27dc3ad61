package dev.mollify.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlpTest {
    @Test
    void shapesNamesAndCount() {
        Mlp net = Mlp.builder()
                .inputs(2)
                .hidden(50, 50, 50)
                .outputs(1)
                .activation(Activation.TANH)
                .init(Init.GLOROT_NORMAL)
                .seed(42)
                .dtype(DType.F64)
                .build();
        assertEquals(
                List.of(
                        "layers.0.weight",
                        "layers.0.bias",
                        "layers.1.weight",
                        "layers.1.bias",
                        "layers.2.weight",
                        "layers.2.bias",
                        "layers.3.weight",
                        "layers.3.bias"),
                List.copyOf(net.parameters().names()));
        assertArrayEquals(
                new int[] {2, 50}, net.parameters().get("layers.0.weight").shape());
        assertArrayEquals(new int[] {50}, net.parameters().get("layers.0.bias").shape());
        assertArrayEquals(
                new int[] {50, 1}, net.parameters().get("layers.3.weight").shape());
        assertEquals(2 * 50 + 50 + 2 * (50 * 50 + 50) + 50 + 1, net.parameters().numel());
        assertEquals("layers.2.weight", net.parameters().get("layers.2.weight").name());
        Var y = net.forward(Var.constant(Tensor.rand(1, 7, 2)));
        assertArrayEquals(new int[] {7, 1}, y.shape());
        assertTrue(y.value().allFinite());
    }

    @Test
    void forwardMatchesHandComputation() {
        Mlp net = Mlp.builder()
                .inputs(3)
                .hidden(4)
                .outputs(2)
                .activation(Activation.SIN)
                .seed(5)
                .build();
        Tensor x = Tensor.rand(9, 6, 3);
        Tensor w0 = net.layers().get(0).weight().value(),
                w1 = net.layers().get(1).weight().value();
        Tensor b0 = Tensor.uniform(new Rng(1), -1, 1, 4), b1 = Tensor.uniform(new Rng(2), -1, 1, 2);
        net.layers().get(0).bias().assign(b0);
        net.layers().get(1).bias().assign(b1);
        double[] want = x.matmul(w0).add(b0).sin().matmul(w1).add(b1).toDoubleArray();
        assertArrayEquals(want, net.forward(Var.constant(x)).value().toDoubleArray(), 0.0);
    }

    @Test
    void sameSeedSameWeightsDifferentSeedDifferent() {
        double[] a = Mlp.builder()
                .inputs(2)
                .hidden(8)
                .outputs(1)
                .seed(3)
                .build()
                .parameters()
                .flatValues();
        double[] b = Mlp.builder()
                .inputs(2)
                .hidden(8)
                .outputs(1)
                .seed(3)
                .build()
                .parameters()
                .flatValues();
        double[] c = Mlp.builder()
                .inputs(2)
                .hidden(8)
                .outputs(1)
                .seed(4)
                .build()
                .parameters()
                .flatValues();
        assertArrayEquals(a, b, 0.0);
        assertTrue(a[0] != c[0]);
    }

    @Test
    void initVariances() {
        int fanIn = 200, fanOut = 300;
        for (Init init : Init.values()) {
            Tensor w = init.sample(new Rng(11), fanIn, fanOut, DType.F64, fanIn, fanOut);
            double[] v = w.toDoubleArray();
            double mean = 0, sq = 0;
            for (double e : v) mean += e;
            mean /= v.length;
            for (double e : v) sq += (e - mean) * (e - mean);
            double var = sq / v.length;
            double want = init.variance(fanIn, fanOut);
            if (init == Init.ZEROS) {
                assertEquals(0.0, var, 0.0);
                continue;
            }
            // 60 000 samples: the sample variance is within ~1% of the true one
            assertEquals(want, var, 0.03 * want, init.name());
            assertEquals(0.0, mean, 0.05 * Math.sqrt(want), init.name());
            if (init == Init.GLOROT_UNIFORM || init == Init.HE_UNIFORM) {
                double a = Math.sqrt(3 * want);
                for (double e : v) assertTrue(e >= -a && e < a);
            }
        }
        assertEquals(2.0 / 500, Init.GLOROT_NORMAL.variance(fanIn, fanOut), 1e-18);
        assertEquals(2.0 / 200, Init.HE_NORMAL.variance(fanIn, fanOut), 1e-18);
    }

    @Test
    void biasesStartAtZero() {
        Mlp net = Mlp.builder()
                .inputs(2)
                .hidden(5)
                .outputs(1)
                .init(Init.HE_UNIFORM)
                .build();
        for (Linear l : net.layers())
            assertArrayEquals(new double[l.outFeatures()], l.bias().value().toDoubleArray(), 0.0);
    }

    @Test
    void fourierFeatures() {
        int m = 16;
        double sigma = 2.0;
        Mlp net = Mlp.builder()
                .inputs(2)
                .hidden(10)
                .outputs(3)
                .fourierFeatures(m, sigma)
                .seed(9)
                .build();
        FourierFeatures ff = net.fourierFeatures();
        assertNotNull(ff);
        assertArrayEquals(new int[] {2, m}, ff.matrix().shape());
        assertArrayEquals(
                new int[] {2 * m, 10}, net.parameters().get("layers.0.weight").shape());
        assertEquals(4, net.parameters().size(), "B is fixed, not a parameter");
        Tensor x = Tensor.rand(4, 5, 2);
        Var g = ff.forward(Var.constant(x));
        assertArrayEquals(new int[] {5, 2 * m}, g.shape());
        double[][] b = {
            ff.matrix().select(0, 0).toDoubleArray(), ff.matrix().select(0, 1).toDoubleArray()
        };
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < m; j++) {
                double phase = 2 * Math.PI * (x.get(i, 0) * b[0][j] + x.get(i, 1) * b[1][j]);
                assertEquals(Math.cos(phase), g.value().get(i, j), 1e-12);
                assertEquals(Math.sin(phase), g.value().get(i, m + j), 1e-12);
            }
        }
        // B ~ N(0, σ²): 32 samples, so only a loose check on the scale
        double[] all = ff.matrix().toDoubleArray();
        double sq = 0;
        for (double e : all) sq += e * e;
        assertEquals(sigma * sigma, sq / all.length, 0.6 * sigma * sigma);
        assertArrayEquals(new int[] {5, 3}, net.forward(Var.constant(x)).shape());
        assertNull(Mlp.builder().inputs(2).outputs(1).build().fourierFeatures());
    }

    @Test
    void f32NetworkComputesInF32() {
        Mlp net = Mlp.builder()
                .inputs(1)
                .hidden(6, 6)
                .outputs(1)
                .activation(Activation.GELU)
                .dtype(DType.F32)
                .seed(1)
                .build();
        for (Var p : net.parameters().vars()) assertEquals(DType.F32, p.dtype());
        Var y = net.forward(Var.constant(Tensor.rand(2, 4, 1).to(DType.F32)));
        assertEquals(DType.F32, y.dtype());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> net.forward(Var.constant(Tensor.rand(2, 4, 1))));
        assertTrue(e.getMessage().contains("F32") && e.getMessage().contains("F64"), e.getMessage());
    }

    @Test
    void linearRejectsWrongWidthNamingShapes() {
        Linear l = new Linear(3, 4, new Rng(0));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> l.forward(Var.constant(Tensor.zeros(5, 2))));
        assertTrue(
                e.getMessage().contains("Linear(3 → 4)")
                        && e.getMessage().contains("(N, 3)")
                        && e.getMessage().contains("(5, 2)"),
                e.getMessage());
        IllegalArgumentException e1 =
                assertThrows(IllegalArgumentException.class, () -> l.forward(Var.constant(Tensor.zeros(3))));
        assertTrue(e1.getMessage().contains("(1, 3)"), e1.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Linear(0, 4, new Rng(0)));
        assertThrows(IllegalStateException.class, () -> Mlp.builder().inputs(2).build());
        assertThrows(
                IllegalStateException.class,
                () -> Mlp.builder().inputs(2).hidden(4, 0).outputs(1).build());
    }

    @Test
    void activations() {
        Tensor x = Tensor.vector(-1.5, 0.0, 0.7);
        Var v = Var.constant(x);
        assertArrayEquals(
                x.tanh().toDoubleArray(), Activation.TANH.apply(v).value().toDoubleArray(), 0.0);
        assertArrayEquals(
                x.sin().toDoubleArray(), Activation.SIN.apply(v).value().toDoubleArray(), 0.0);
        assertArrayEquals(
                x.softplus().toDoubleArray(),
                Activation.SOFTPLUS.apply(v).value().toDoubleArray(),
                0.0);
        assertEquals(v, Activation.IDENTITY.apply(v));
        double g = Activation.GELU.apply(v).value().get(2);
        double want = 0.5 * 0.7 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (0.7 + 0.044715 * 0.343)));
        assertEquals(want, g, 1e-15);
    }
}
