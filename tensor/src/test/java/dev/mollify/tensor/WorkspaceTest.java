package dev.mollify.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Storage reuse: same results as without a workspace, arrays recycled, kept tensors safe, misuse caught. */
class WorkspaceTest {
    @AfterEach
    void poisonOff() {
        Workspace.setPoisonOnRecycle(false);
    }

    /** A little computation touching every op that draws from the workspace. */
    private static Tensor compute(Tensor x, Tensor w, DType dt) {
        Tensor a = x.to(dt), b = w.to(dt);
        Tensor h = a.matmul(b).tanh(); // matmul, unary
        Tensor g = h.tanhBackward(h).add(h.mul(2.0)); // fused, binary, scalar broadcast
        Tensor m = g.mul3(h, Tensor.ones(1, 4).to(dt), -0.5); // fused with broadcast
        return Tensor.where(m.gt(0.0), m, h)
                .sub(a.matmul(b).linear(Tensor.eye(4).to(dt), Tensor.ones(4).to(dt)));
    }

    @Test
    void resultsAreBitIdenticalAndStorageIsReused() {
        Rng rng = new Rng(5);
        Tensor x = Tensor.randn(rng, 300, 3), w = Tensor.randn(rng, 3, 4);
        for (DType dt : new DType[] {DType.F64, DType.F32}) {
            Tensor plain = compute(x, w, dt);
            Workspace ws = new Workspace();
            Workspace.setPoisonOnRecycle(true); // leftovers of the previous iteration are NaN, not plausible numbers
            long held = 0;
            for (int iter = 0; iter < 3; iter++) {
                try (Workspace.Scope s = ws.enter()) {
                    Tensor y = compute(x, w, dt);
                    assertArrayEquals(plain.toDoubleArray(), y.toDoubleArray(), 0.0, dt + " iteration " + iter);
                    if (iter > 0) assertTrue(ws.freeBytes() < held, "later iterations draw from the held arrays");
                }
                if (iter == 0) held = ws.freeBytes();
                else
                    assertEquals(held, ws.freeBytes(), "the same shapes reuse the same arrays: the pool does not grow");
            }
            ws.clear();
            assertEquals(0, ws.freeBytes());
            assertTrue(held > 0);
        }
    }

    @Test
    void keptTensorsOutliveTheScopeAndOthersArePoisoned() {
        Workspace ws = new Workspace();
        Workspace.setPoisonOnRecycle(true);
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 3);
        Tensor kept, dropped;
        try (Workspace.Scope s = ws.enter()) {
            kept = s.keep(x.mul(2.0));
            dropped = x.add(1.0);
        }
        assertArrayEquals(new double[] {2, 4, 6}, kept.toDoubleArray(), 0.0);
        assertTrue(
                Double.isNaN(dropped.toDoubleArray()[0]),
                "a tensor used after its scope reads NaN when poisoning is on");
        try (Workspace.Scope s = ws.enter()) {
            Tensor again = x.sub(1.0);
            assertNotSame(kept.d, again.d, "a kept array is never handed out again");
            assertArrayEquals(new double[] {0, 1, 2}, again.toDoubleArray(), 0.0);
        }
    }

    @Test
    void zeroFilledOpsNeverTakeDirtyArrays() {
        Workspace ws = new Workspace();
        try (Workspace.Scope s = ws.enter()) {
            Tensor.full(7.0, 12).mul(1.0); // leaves a dirty 12-element array behind
        }
        try (Workspace.Scope s = ws.enter()) {
            assertArrayEquals(new double[12], Tensor.zeros(12).toDoubleArray(), 0.0);
            Tensor p = Tensor.ones(10).pad(0, 1, 1, PadMode.ZERO); // 12 elements, halo must be 0
            assertEquals(0.0, p.toDoubleArray()[0]);
            assertEquals(0.0, p.toDoubleArray()[11]);
        }
    }

    @Test
    void scopesNestAndMustCloseInOrderOnTheirThread() throws Exception {
        Workspace outer = new Workspace(), inner = new Workspace();
        Workspace.Scope a = outer.enter();
        Workspace.Scope b = inner.enter();
        Tensor.ones(5).mul(3.0);
        assertThrows(IllegalStateException.class, a::close, "closing the outer scope first is refused");
        b.close();
        assertEquals(40, inner.freeBytes());
        java.util.concurrent.atomic.AtomicReference<Throwable> seen =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                a.close();
            } catch (Throwable t) {
                seen.set(t);
            }
        });
        other.start();
        other.join();
        assertTrue(seen.get() instanceof IllegalStateException, "closing on another thread is refused: " + seen.get());
        a.close();
        a.close(); // closing twice is harmless
        assertEquals(0, outer.freeBytes());
    }
}
