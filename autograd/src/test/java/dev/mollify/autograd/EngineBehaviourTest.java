package dev.mollify.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.tensor.DType;
import dev.mollify.tensor.PadMode;
import dev.mollify.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The engine's contract: accumulation, graph freeing, grad mode, unused inputs, and its error messages. */
class EngineBehaviourTest {

    static <T extends Throwable> T assertMessage(Class<T> type, Executable body, String... fragments) {
        T e = assertThrows(type, body);
        for (String f : fragments) {
            assertTrue(
                    e.getMessage() != null && e.getMessage().contains(f),
                    "message should contain '" + f + "' but was: " + e.getMessage());
        }
        return e;
    }

    @Test
    void backwardAccumulatesIntoLeavesAcrossCalls() {
        Var x = Var.param(Tensor.vector(1, 2, 3));
        Var w = Var.param(Tensor.vector(4, 5, 6));
        Var c = Var.constant(Tensor.vector(1, 1, 1));
        x.mul(w).sum().backward(); // d/dx = w, d/dw = x
        assertArrayEquals(new double[] {4, 5, 6}, x.grad().toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 3}, w.grad().toDoubleArray());
        assertNull(c.grad());
        x.square().sum().backward(); // adds 2x
        assertArrayEquals(new double[] {6, 9, 12}, x.grad().toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 3}, w.grad().toDoubleArray()); // untouched
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(c).sum().backward();
        assertArrayEquals(new double[] {1, 1, 1}, x.grad().toDoubleArray());
        assertNull(c.grad()); // constants never get a gradient
        // a leaf used twice in one graph gets the sum of both paths
        Var y = Var.param(Tensor.scalar(3));
        y.mul(y).add(y).backward(); // 2y + 1
        assertEquals(7, y.grad().item());
    }

    @Test
    void graphIsFreedAfterBackwardUnlessRetained() {
        Var x = Var.param(Tensor.vector(1, 2));
        Var loss = x.exp().sum();
        loss.backward();
        assertMessage(IllegalStateException.class, loss::backward, "retainGraph", "freed");
        assertMessage(IllegalStateException.class, () -> Autograd.grad(loss, x), "retainGraph");

        Var x2 = Var.param(Tensor.vector(1, 2));
        Var loss2 = x2.exp().sum();
        loss2.backward(null, true);
        loss2.backward(null, true);
        loss2.backward();
        double[] want = {3 * Math.exp(1), 3 * Math.exp(2)};
        assertArrayEquals(want, x2.grad().toDoubleArray(), 1e-15);
        // grad with retainGraph=false also frees; with retainGraph=true it does not
        Var x3 = Var.param(Tensor.scalar(0.5));
        Var f = x3.sin();
        Autograd.grad(List.of(f), List.of(x3), null, false, true, false);
        assertEquals(Math.cos(0.5), Autograd.grad(f, x3).item(), 1e-16);
        assertMessage(IllegalStateException.class, () -> Autograd.grad(f, x3), "retainGraph");
    }

    @Test
    void noGradScopeRecordsNothingAndRestoresTheMode() {
        Var x = Var.param(Tensor.vector(1, 2));
        assertTrue(Autograd.isGradEnabled());
        Var y;
        try (Autograd.Scope s = Autograd.noGrad()) {
            assertFalse(Autograd.isGradEnabled());
            y = x.mul(x).sum();
            try (Autograd.Scope inner = Autograd.setGradEnabled(true)) {
                assertTrue(Autograd.isGradEnabled());
            }
            assertFalse(Autograd.isGradEnabled()); // nested scopes restore the outer mode
        }
        assertTrue(Autograd.isGradEnabled());
        assertTrue(y.isLeaf());
        assertFalse(y.requiresGrad());
        assertEquals(5, y.item());
        assertMessage(IllegalArgumentException.class, () -> Autograd.grad(y, x), "not used", "allowUnused");
        // results of recorded operations on constants only do not require grad either
        Var k = Var.constant(Tensor.vector(1, 2)).exp();
        assertTrue(k.isLeaf());
        assertFalse(k.requiresGrad());
    }

    @Test
    void unusedInputThrowsUnlessAllowUnused() {
        Var x = Var.param(Tensor.vector(1, 2));
        Var z = Var.param(Tensor.vector(3, 4, 5));
        Var out = x.square().sum();
        IllegalArgumentException e = assertMessage(
                IllegalArgumentException.class,
                () -> Autograd.grad(List.of(out), List.of(x, z), null, false, true, false),
                "input 1",
                "(3,)",
                "allowUnused");
        assertTrue(e.getMessage().contains("not used"));
        List<Var> g = Autograd.grad(List.of(out), List.of(x, z), null, false, false, true);
        assertArrayEquals(new double[] {2, 4}, g.get(0).value().toDoubleArray());
        assertNull(g.get(1));
        // an input that does not require grad is rejected with its shape
        Var c = Var.constant(Tensor.zeros(2, 2));
        assertMessage(IllegalArgumentException.class, () -> Autograd.grad(c.sum(), c), "(2, 2)", "Var.param");
    }

    @Test
    void gradOutputShapeMustMatchAndNonScalarOutputsNeedOne() {
        Var x = Var.param(Tensor.zeros(2, 3));
        Var y = x.exp();
        assertMessage(
                IllegalArgumentException.class,
                () -> Autograd.grad(y, x, Var.constant(Tensor.ones(3, 2)), false),
                "(3, 2)",
                "(2, 3)");
        assertMessage(IllegalArgumentException.class, () -> Autograd.grad(y, x), "(2, 3)", "gradOutput");
        assertMessage(
                IllegalArgumentException.class,
                () -> Autograd.grad(
                        List.of(y),
                        List.of(x),
                        List.of(Var.constant(Tensor.ones(2, 3)), Var.constant(Tensor.ones(2, 3))),
                        false,
                        false,
                        false),
                "2 gradOutputs",
                "1 outputs");
        // a correct gradOutput weights the vector–Jacobian product
        Var g = Autograd.grad(y, x, Var.constant(Tensor.full(2.0, 2, 3)), false);
        assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2}, g.value().toDoubleArray());
    }

    @Test
    void gradcheckRejectsNonFiniteAndF32Inputs() {
        assertMessage(
                IllegalArgumentException.class,
                () -> GradCheck.gradcheck(v -> v.get(0).exp(), Tensor.vector(1, Double.NaN)),
                "NaN",
                "(2,)");
        assertMessage(
                IllegalArgumentException.class,
                () -> GradCheck.gradgradcheck(v -> v.get(0).exp(), Tensor.vector(Double.POSITIVE_INFINITY)),
                "NaN or Inf");
        assertMessage(
                IllegalArgumentException.class,
                () -> GradCheck.gradcheck(v -> v.get(0).exp(), Tensor.vector(1).to(DType.F32)),
                "F64");
        // a function that is not finite near a finite input: clear GradCheckException, not a silent pass
        assertMessage(
                GradCheck.GradCheckException.class,
                () -> GradCheck.gradcheck(v -> v.get(0).log(), Tensor.vector(0.0)),
                "not finite");
    }

    /** y = x³ recorded with a wrong rule (2x instead of 3x²): gradcheck must catch it. */
    static Var wrongCube(Var x) {
        return Autograd.record(
                "wrongCube",
                x.value().pow(3.0),
                (y, g, n) -> new Var[] {g.mul(x).mul(2.0)},
                x);
    }

    /** y = x³ with a right first derivative (3x²·g) whose own derivative is wrong (x² treated as constant). */
    static Var cubeWithConstantRule(Var x) {
        return Autograd.record(
                "cube",
                x.value().pow(3.0),
                (y, g, n) -> new Var[] {g.mul(Var.constant(x.value().square().mul(3.0)))},
                x);
    }

    @Test
    void gradcheckDetectsWrongDerivatives() {
        Tensor at = Tensor.vector(0.7, -1.3, 2.0);
        GradCheck.GradCheckException e = assertThrows(
                GradCheck.GradCheckException.class, () -> GradCheck.gradcheck(v -> wrongCube(v.get(0)), at));
        assertTrue(e.getMessage().contains("analytic") && e.getMessage().contains("numerical"), e.getMessage());
        // the right rule passes (control)
        GradCheck.gradcheck(v -> v.get(0).pow(3.0), at);
        // first derivative right, second wrong: gradcheck passes, gradgradcheck fails
        GradCheck.gradcheck(v -> cubeWithConstantRule(v.get(0)), at);
        assertThrows(
                GradCheck.GradCheckException.class,
                () -> GradCheck.gradgradcheck(v -> cubeWithConstantRule(v.get(0)), at));
        GradCheck.gradgradcheck(v -> v.get(0).pow(3.0), at);
    }

    @Test
    void assignAfterForwardThenBackwardFailsClearly() {
        Var w = Var.param(Tensor.vector(1, 2));
        Var loss = w.mul(w).sum();
        w.assign(Tensor.vector(5, 6));
        assertMessage(IllegalStateException.class, loss::backward, "assigned", "recompute");
        // a fresh forward after the assignment works and uses the new value
        Var w2 = Var.param(Tensor.vector(1, 2));
        w2.assign(Tensor.vector(5, 6));
        w2.mul(w2).sum().backward();
        assertArrayEquals(new double[] {10, 12}, w2.grad().toDoubleArray());
        // assign checks shape and dtype, and refuses non-leaves
        assertMessage(IllegalArgumentException.class, () -> w2.assign(Tensor.zeros(3)), "(3,)", "(2,)");
        assertMessage(IllegalArgumentException.class, () -> w2.assign(Tensor.zeros(DType.F32, 2)), "F32");
        Var nonLeaf = w2.exp();
        assertMessage(IllegalStateException.class, () -> nonLeaf.assign(Tensor.zeros(2)), "leaves", "exp");
        assertMessage(IllegalArgumentException.class, () -> w2.setGrad(Tensor.zeros(3)), "(3,)", "(2,)");
    }

    @Test
    void createGraphMakesGradientsDifferentiableAndPlainGradDoesNot() {
        Var x = Var.param(Tensor.scalar(0.3));
        Var y = x.sin().mul(x);
        Var g1 = Autograd.grad(y, x, null, true);
        assertTrue(g1.requiresGrad());
        assertEquals(Math.cos(0.3) * 0.3 + Math.sin(0.3), g1.item(), 1e-15);
        Var g2 = Autograd.grad(g1, x, null, true);
        assertEquals(-Math.sin(0.3) * 0.3 + 2 * Math.cos(0.3), g2.item(), 1e-15);
        Var z = Var.param(Tensor.scalar(0.3));
        Var plain = Autograd.grad(z.sin().mul(z), z);
        assertFalse(plain.requiresGrad()); // not recorded: differentiating it again has no path
        assertMessage(IllegalArgumentException.class, () -> Autograd.grad(plain, z), "not used");
    }

    @Test
    void detachAndRequiresGradSwitch() {
        Var x = Var.param(Tensor.vector(1, 2));
        Var y = x.exp();
        Var d = y.detach();
        assertTrue(d.isLeaf());
        assertFalse(d.requiresGrad());
        assertSame(y.value(), d.value());
        assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        Var c = Var.constant(Tensor.vector(3)).requiresGrad(true);
        c.square().sum().backward();
        assertEquals(6, c.grad().item());
    }

    /** Forward values of the composed Var operations equal the Tensor operations they mirror. */
    @Test
    void composedForwardValuesMatchTensorOps() {
        Tensor t = Tensor.randn(99L, 4, 3);
        Var v = Var.param(t);
        for (PadMode mode : PadMode.values()) {
            for (int[] ba : new int[][] {{1, 2}, {3, 0}, {0, 3}, {2, 2}}) {
                assertArrayEquals(
                        t.pad(0, ba[0], ba[1], mode).toDoubleArray(),
                        v.pad(0, ba[0], ba[1], mode).value().toDoubleArray(),
                        mode + " " + ba[0] + "/" + ba[1]);
            }
        }
        assertArrayEquals(t.flip(1).toDoubleArray(), v.flip(1).value().toDoubleArray());
        assertArrayEquals(
                t.select(0, -1).toDoubleArray(), v.select(0, -1).value().toDoubleArray());
        assertArrayEquals(
                t.slice(0, 3, -5, -2).toDoubleArray(),
                v.slice(0, 3, -5, -2).value().toDoubleArray());
        assertArrayEquals(
                Tensor.stack(1, t, t).toDoubleArray(),
                Var.stack(1, v, v).value().toDoubleArray());
        assertArrayEquals(t.abs().toDoubleArray(), v.abs().value().toDoubleArray());
        // Var.relu is x·[x > 0], so negative inputs give −0.0 where Tensor.relu gives +0.0: equal as numbers
        assertArrayEquals(t.relu().toDoubleArray(), v.relu().value().toDoubleArray(), 0.0);
        assertArrayEquals(t.abs().sqrt().toDoubleArray(), v.abs().sqrt().value().toDoubleArray(), 1e-15);
        assertArrayEquals(
                t.mean(new int[] {0}, true).toDoubleArray(),
                v.mean(new int[] {0}, true).value().toDoubleArray(),
                1e-15);
        assertArrayEquals(
                t.maximum(t.mean(new int[] {0}, false)).toDoubleArray(),
                v.maximum(v.mean(new int[] {0}, false)).value().toDoubleArray());
        assertArrayEquals(
                t.max(new int[] {1}, false).toDoubleArray(),
                v.max(new int[] {1}, false).value().toDoubleArray());
        double[] gelu = v.gelu().value().toDoubleArray();
        double[] x = t.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            double want = 0.5 * x[i] * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x[i] + 0.044715 * x[i] * x[i] * x[i])));
            assertEquals(want, gelu[i], 1e-15);
        }
        assertArrayEquals(new int[] {4, 3}, v.to(DType.F32).to(DType.F64).shape());
    }
}
