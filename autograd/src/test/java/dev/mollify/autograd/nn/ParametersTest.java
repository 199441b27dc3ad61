package dev.mollify.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {
    @Test
    void nestedNamesKeepOrder() {
        Parameters child =
                new Parameters().add("weight", Var.param(Tensor.zeros(2, 3))).add("bias", Var.param(Tensor.zeros(3)));
        Var scale = Var.param(Tensor.scalar(1.0));
        Parameters p = new Parameters().add("scale", scale).add("enc", child);
        assertEquals(List.of("scale", "enc.weight", "enc.bias"), List.copyOf(p.names()));
        assertSame(scale, p.get("scale"));
        assertEquals(1 + 6 + 3, p.numel());
        IllegalArgumentException dup =
                assertThrows(IllegalArgumentException.class, () -> p.add("scale", Var.param(Tensor.zeros(1))));
        assertTrue(dup.getMessage().contains("already registered"));
        assertThrows(IllegalArgumentException.class, () -> p.add("__metadata__", Var.param(Tensor.zeros(1))));
        assertThrows(IllegalArgumentException.class, () -> p.add("sum", scale.add(scale)));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> p.get("nope"));
        assertTrue(missing.getMessage().contains("enc.weight"), missing.getMessage());
    }

    @Test
    void flatVectorsRoundTripAcrossDtypes() {
        Var a = Var.param(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Var b = Var.param(Tensor.ofFloat(new float[] {0.5f, -1.25f}, 2));
        Var c = Var.param(Tensor.scalar(7.0));
        Parameters p = Parameters.of(a, b, c);
        assertEquals(List.of("0", "1", "2"), List.copyOf(p.names()));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 0.5, -1.25, 7}, p.flatValues(), 0.0);
        // grads: null counts as zero
        b.setGrad(Tensor.ofFloat(new float[] {3f, 4f}, 2));
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 3, 4, 0}, p.flatGrads(), 0.0);
        p.assignFlat(new double[] {9, 8, 7, 6, 5, 4, 0.1, 0.2, 3});
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals(DType.F32, b.dtype());
        assertArrayEquals(new float[] {0.1f, 0.2f}, b.value().toFloatArray(), 0f);
        assertEquals(3.0, c.item(), 0.0);
        assertArrayEquals(new double[] {9, 8, 7, 6, 5, 4}, a.value().toDoubleArray(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> p.assignFlat(new double[3]));
        p.zeroGrad();
        assertEquals(null, b.grad());
    }

    @Test
    void loadFromListsEveryProblemAndAssignsNothing() {
        Var w = Var.param(Tensor.zeros(2, 2));
        Var bias = Var.param(Tensor.zeros(2));
        Var f = Var.param(Tensor.zeros(DType.F32, 3));
        Parameters p = new Parameters().add("w", w).add("b", bias).add("f", f);
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("w", Tensor.ones(2, 3));
        state.put("f", Tensor.ones(3));
        state.put("extra", Tensor.ones(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.loadFrom(state));
        String msg = e.getMessage();
        assertTrue(msg.contains("missing 'b' (F64 (2,))"), msg);
        assertTrue(msg.contains("'w' is F64 (2, 3) but the parameter is F64 (2, 2)"), msg);
        assertTrue(msg.contains("'f' is F64 (3,) but the parameter is F32 (3,)"), msg);
        assertTrue(msg.contains("unexpected 'extra'"), msg);
        assertArrayEquals(new double[4], w.value().toDoubleArray(), 0.0, "nothing assigned on failure");

        Map<String, Tensor> good =
                Map.of("w", Tensor.ones(2, 2), "b", Tensor.full(2.0, 2), "f", Tensor.ones(DType.F32, 3));
        p.loadFrom(good);
        assertArrayEquals(new double[] {2, 2}, bias.value().toDoubleArray(), 0.0);
    }
}
