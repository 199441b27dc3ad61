package dev.mollify.tensor;

/**
 * Walks several strided operands of one iteration shape row by row, so that the row kernels in
 * {@code dev.mollify.tensor.kernels} see long innermost rows.
 *
 * <p>Dimensions of size 1 are dropped and neighbouring dimensions are merged whenever every operand
 * is laid out contiguously across them ({@code stride[d] == stride[d+1]·size[d+1]}), so a contiguous
 * tensor of any shape becomes one row.
 */
final class StridedLoop {
    /** Receives one innermost row: start offset and stride of each operand, and the row length. */
    interface Row {
        void run(int[] offsets, int[] strides, int n);
    }

    private StridedLoop() {}

    /**
     * Calls {@code row} once per innermost row of {@code shape}, operands in the order given.
     *
     * @param shape   iteration shape
     * @param strides strides[k] are operand k's strides over {@code shape} (0 = broadcast)
     * @param offsets start offset of each operand
     */
    static void forEachRow(int[] shape, int[][] strides, int[] offsets, Row row) {
        int ops = strides.length;
        int rank = shape.length;
        for (int s : shape) if (s == 0) return;
        // collapse: keep dims with size > 1, merge mergeable neighbours (work from the innermost outward)
        int[] cShape = new int[Math.max(rank, 1)];
        int[][] cStrides = new int[ops][Math.max(rank, 1)];
        int c = 0; // number of collapsed dims, stored innermost-first
        for (int d = rank - 1; d >= 0; d--) {
            int size = shape[d];
            if (size == 1) continue;
            if (c > 0 && mergeable(strides, d, cStrides, c - 1, cShape[c - 1])) {
                cShape[c - 1] *= size;
                continue;
            }
            cShape[c] = size;
            for (int k = 0; k < ops; k++) cStrides[k][c] = strides[k][d];
            c++;
        }
        int[] innerStrides = new int[ops];
        int[] rowOffsets = offsets.clone();
        if (c == 0) { // a single element
            for (int k = 0; k < ops; k++) innerStrides[k] = 1;
            row.run(rowOffsets, innerStrides, 1);
            return;
        }
        for (int k = 0; k < ops; k++) innerStrides[k] = cStrides[k][0];
        int n = cShape[0];
        if (c == 1) {
            row.run(rowOffsets, innerStrides, n);
            return;
        }
        // odometer over collapsed dims 1..c-1
        int[] index = new int[c];
        while (true) {
            row.run(rowOffsets, innerStrides, n);
            // the callee may not keep rowOffsets; advance it
            int d = 1;
            while (d < c) {
                index[d]++;
                for (int k = 0; k < ops; k++) rowOffsets[k] += cStrides[k][d];
                if (index[d] < cShape[d]) break;
                for (int k = 0; k < ops; k++) rowOffsets[k] -= cStrides[k][d] * cShape[d];
                index[d] = 0;
                d++;
            }
            if (d == c) return;
        }
    }

    /** True when dim {@code d} can be folded into the collapsed inner dim {@code ci} for all operands. */
    private static boolean mergeable(int[][] strides, int d, int[][] cStrides, int ci, int innerSize) {
        for (int k = 0; k < strides.length; k++) {
            if ((long) strides[k][d] != (long) cStrides[k][ci] * innerSize) return false;
        }
        return true;
    }
}
