package dev.mollify.tensor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mollify.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The no-copy storage access the tensor package lends to other modules. */
class RawStorageTest {
    @Test
    void readsTheBackingArrayOfAContiguousTensorAndCopiesAView() {
        double[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = RawStorage.adoptF64(data, 2, 3);
        assertSame(data, RawStorage.readF64(t), "no copy for a contiguous tensor over its whole array");
        double[] transposed = RawStorage.readF64(t.t());
        assertNotSame(data, transposed);
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, transposed);
        float[] out = RawStorage.uninitializedF32(4);
        for (int i = 0; i < 4; i++) out[i] = i;
        assertArrayEquals(
                new float[] {0, 1, 2, 3}, RawStorage.wrapF32(out, 2, 2).toFloatArray());
    }

    @Test
    void onlyTheTensorPackageLendsIt() {
        assertThrows(IllegalStateException.class, () -> RawStorage.lend(null));
    }
}
