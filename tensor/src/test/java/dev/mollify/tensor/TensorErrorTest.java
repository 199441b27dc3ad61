package dev.mollify.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every shape, dtype and index mistake throws {@link IllegalArgumentException} or
 * {@link IndexOutOfBoundsException} whose message names the shapes involved (as the Tensor Javadoc
 * promises), so a user can find the mistake from the message alone.
 */
class TensorErrorTest {
    static final Tensor A23 = Tensor.zeros(2, 3);

    /** Asserts {@code body} throws {@code type} with a message containing every fragment. */
    static <T extends Throwable> void assertMessage(Class<T> type, Executable body, String... fragments) {
        T e = assertThrows(type, body);
        String msg = e.getMessage();
        for (String f : fragments) {
            assertTrue(msg != null && msg.contains(f), "message should contain '" + f + "' but was: " + msg);
        }
    }

    static void iae(Executable body, String... fragments) {
        assertMessage(IllegalArgumentException.class, body, fragments);
    }

    static void ioobe(Executable body, String... fragments) {
        assertMessage(IndexOutOfBoundsException.class, body, fragments);
    }

    @Test
    void creation() {
        iae(() -> Tensor.of(new double[5], 2, 3), "5", "(2, 3)", "6");
        iae(() -> Tensor.ofFloat(new float[7], 2, 3), "7", "(2, 3)");
        iae(() -> Tensor.of(new double[][] {{1, 2, 3}, {4, 5}}), "row 1", "2", "3");
        iae(() -> Tensor.zeros(2, -1), "(2, -1)");
        iae(() -> Tensor.arange(0, 1, 0), "step");
        iae(() -> Tensor.linspace(0, 1, 0), "n");
        iae(() -> Tensor.uniform(new Rng(1), 1, 0, 3), "lo");
        iae(() -> Tensor.meshgrid(Tensor.vector(1, 2), A23), "(2, 3)");
    }

    @Test
    void indexing() {
        iae(() -> A23.get(1), "(2, 3)");
        ioobe(() -> A23.get(2, 0), "(2, 3)", "2");
        ioobe(() -> A23.get(0, -4), "(2, 3)", "-4");
        iae(() -> A23.item(), "(2, 3)");
        ioobe(() -> A23.size(2), "(2, 3)");
        ioobe(() -> A23.select(0, 2), "(2, 3)");
        ioobe(() -> A23.select(3, 0), "(2, 3)");
    }

    @Test
    void views() {
        iae(() -> A23.reshape(4, 2), "(2, 3)", "(4, 2)");
        iae(() -> A23.reshape(4, -1), "(2, 3)");
        iae(() -> A23.reshape(-1, -1), "(2, 3)");
        iae(() -> A23.reshape(-2, -3), "(2, 3)");
        iae(() -> A23.permute(0), "(2, 3)");
        iae(() -> A23.permute(1, 1), "(2, 3)");
        ioobe(() -> A23.permute(0, 2), "(2, 3)");
        ioobe(() -> A23.transpose(0, 2), "(2, 3)");
        iae(() -> Tensor.vector(1, 2).t(), "(2,)");
        iae(() -> A23.slice(1, 0, 3, 0), "(2, 3)");
        ioobe(() -> A23.slice(2, 0, 1, 1), "(2, 3)");
        ioobe(() -> A23.narrow(1, 2, 2), "(2, 3)");
        ioobe(() -> A23.narrow(1, -1, 1), "(2, 3)");
        ioobe(() -> A23.flip(-3), "(2, 3)");
        iae(() -> A23.expand(2, 4), "(2, 3)", "(2, 4)");
        iae(() -> A23.expand(3), "(2, 3)", "(3,)");
        iae(() -> A23.squeeze(0), "(2, 3)");
        ioobe(() -> A23.unsqueeze(3), "(2, 3)");
    }

    @Test
    void joinsAndPadding() {
        iae(() -> Tensor.concat(0, A23, Tensor.zeros(2, 4)), "(2, 3)", "(2, 4)");
        iae(() -> Tensor.concat(0, A23, Tensor.zeros(6)), "(2, 3)", "(6,)");
        iae(() -> Tensor.concat(0, A23, Tensor.zeros(DType.F32, 2, 3)), "F32", "(2, 3)");
        iae(() -> Tensor.concat(0), "at least one");
        iae(() -> Tensor.stack(0, A23, Tensor.zeros(3, 2)), "(2, 3)", "(3, 2)");
        iae(() -> A23.pad(1, 3, 0, PadMode.REFLECT), "(2, 3)");
        iae(() -> A23.pad(1, 0, 4, PadMode.CIRCULAR), "(2, 3)");
        iae(() -> A23.pad(1, -1, 0, PadMode.ZERO), "(2, 3)", "-1");
        iae(() -> Tensor.zeros(2, 0).pad(1, 1, 1, PadMode.REPLICATE), "(2, 0)");
        iae(() -> A23.pad(new int[] {1}, new int[] {1}, PadMode.ZERO), "(2, 3)");
        iae(() -> A23.embedSlice(new int[] {2, 4}, 1, 2, 1), "(2, 3)", "(2, 4)");
        iae(() -> A23.embedSlice(new int[] {2, 3, 1}, 1, 0, 1), "(2, 3)", "(2, 3, 1)");
    }

    @Test
    void elementwiseAndDTypes() {
        iae(() -> A23.add(Tensor.zeros(4)), "(2, 3)", "(4,)");
        iae(() -> A23.mul(Tensor.zeros(3, 2)), "(2, 3)", "(3, 2)");
        iae(() -> A23.add(Tensor.zeros(DType.F32, 2, 3)), "F64", "F32", "(2, 3)");
        iae(() -> Tensor.where(Tensor.zeros(4), A23, A23), "(4,)", "(2, 3)");
        iae(() -> Tensor.where(Tensor.zeros(3), A23, Tensor.zeros(DType.F32, 3)), "F32", "(2, 3)", "(3,)");
    }

    @Test
    void reductionsAndMatmul() {
        ioobe(() -> A23.sum(new int[] {2}, false), "(2, 3)");
        iae(() -> A23.sum(new int[] {1, -1}, false), "(2, 3)");
        ioobe(() -> A23.max(new int[] {-3}, true), "(2, 3)");
        iae(() -> Tensor.zeros(0, 3).max(new int[] {0}, false), "(0, 3)");
        iae(() -> Tensor.zeros(0).argmax(), "(0,)");
        ioobe(() -> A23.argmax(2), "(2, 3)");
        iae(() -> A23.sumTo(4), "(2, 3)", "(4,)");
        iae(() -> A23.sumTo(1, 2, 3), "(2, 3)", "(1, 2, 3)");
        iae(() -> A23.matmul(Tensor.zeros(2, 3)), "(2, 3)", "(2, 3)", "3 columns", "2 rows");
        iae(() -> A23.matmul(Tensor.zeros(3)), "(2, 3)", "(3,)");
        iae(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 1)), "(2,)", "(3,)");
        iae(() -> A23.matmul(Tensor.zeros(DType.F32, 3, 2)), "F32", "(3, 2)");
    }
}
