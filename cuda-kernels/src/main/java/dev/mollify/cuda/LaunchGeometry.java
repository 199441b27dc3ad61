package dev.mollify.cuda;

import dev.mollify.tensor.DType;

/**
 * Grid, block and shared-memory sizes of every launch; the constants are those of
 * {@code mollify_common.cuh} (a test reads them back from the header). Kernels whose tiles would
 * exceed {@link #SHARED_LIMIT} (the default 48 KiB per block) fall back to the any-shape kernels.
 */
public final class LaunchGeometry {
    /**
     * correlate_rows: threads per block, and the consecutive outputs each thread owns (its register
     * run); a block covers ROW_THREADS·ROW_RUN outputs of one line.
     */
    public static final int ROW_THREADS = 128, ROW_RUN = 8;
    /**
     * correlate_cols: block (COL_WIDTH lanes along the inner axis, COL_ROWS thread rows), each thread row
     * owning COL_RUN consecutive outputs along the kernel's axis.
     */
    public static final int COL_WIDTH = 32, COL_ROWS = 8, COL_RUN = 8;
    /**
     * tap_rows: threads per block, consecutive taps per job (the register run), and g values per block
     * for F32 and F64.
     */
    public static final int TAP_THREADS = 256, TAP_RUN = 8, TAP_TILE_F32 = 2048, TAP_TILE_F64 = 1024;
    /** Threads of the one-block reductions (reduce_taps, width_dot, sample_taps, tap_nd). */
    public static final int REDUCE_THREADS = 256;
    /** Positions summed by one block of the any-shape per-tap reduction. */
    public static final int TAP_ND_CHUNK = 256 * 64;
    /** Shared memory a block may use without opting in to more. */
    public static final int SHARED_LIMIT = 48 * 1024;
    /** Upper bound on grid-stride grids. */
    public static final int MAX_STRIDE_BLOCKS = 65_535;
    /** The device's limit on gridDim.y (the tap index of the any-shape reduction). */
    public static final int MAX_GRID_Y = 65_535;

    /**
     * One launch's geometry (grid z and block z are 1).
     *
     * @param gridX blocks along x, ≥ 1
     * @param gridY blocks along y, ≥ 1
     * @param blockX threads per block along x, ≥ 1
     * @param blockY threads per block along y, ≥ 1
     * @param sharedBytes dynamic shared memory per block in bytes, 0 to {@link #SHARED_LIMIT}
     */
    public record Launch(int gridX, int gridY, int blockX, int blockY, int sharedBytes) {
        /**
         * Checks every size.
         *
         * @param gridX blocks along x, ≥ 1
         * @param gridY blocks along y, ≥ 1
         * @param blockX threads per block along x, ≥ 1
         * @param blockY threads per block along y, ≥ 1
         * @param sharedBytes dynamic shared bytes, 0 to {@link #SHARED_LIMIT}
         * @throws IllegalArgumentException when a size is out of range
         */
        public Launch {
            if (gridX < 1 || gridY < 1 || blockX < 1 || blockY < 1 || sharedBytes < 0 || sharedBytes > SHARED_LIMIT) {
                throw new IllegalArgumentException("bad launch geometry: grid " + gridX + "x" + gridY + ", block "
                        + blockX + "x" + blockY + ", " + sharedBytes + " shared bytes");
            }
        }
    }

    private LaunchGeometry() {}

    /**
     * Elements per 16-byte vector load (float4 or double2).
     *
     * @param t F32 or F64
     * @return 4 for F32, 2 for F64
     */
    public static int vectorWidth(DType t) {
        return 16 / t.bytes();
    }

    /**
     * Outputs per block of correlate_rows: ROW_RUN consecutive outputs per thread.
     *
     * @param t the element type (the tile is the same for both)
     * @return ROW_THREADS·ROW_RUN
     */
    public static int rowTile(DType t) {
        return ROW_THREADS * ROW_RUN;
    }

    /**
     * Gradient values per block of tap_rows.
     *
     * @param t F32 or F64
     * @return {@link #TAP_TILE_F32} or {@link #TAP_TILE_F64}
     */
    public static int tapTile(DType t) {
        return t == DType.F32 ? TAP_TILE_F32 : TAP_TILE_F64;
    }

    /** {@code padded_size} of mollify_common.cuh: count values stored with a gap after every {@code run}. */
    static long paddedSize(long count, int run) {
        return count + count / run + 1;
    }

    /** correlate_rows: the taps padded to Kp (a multiple of ROW_RUN), then the padded tile of tile + Kp values. */
    static long rowsShared(DType t, int taps) {
        long kp = (taps + ROW_RUN - 1L) / ROW_RUN * ROW_RUN;
        return (kp + paddedSize(rowTile(t) + kp, ROW_RUN)) * t.bytes();
    }

    static long colsShared(DType t, int taps) {
        return (taps + (long) (COL_ROWS * COL_RUN + taps - 1) * COL_WIDTH) * t.bytes();
    }

    /** tap_rows: parts × Kp per-job sums (doubles), then the padded g tile and x tile. */
    static long tapRowsShared(DType t, int taps) {
        long kp = (taps + TAP_RUN - 1L) / TAP_RUN * TAP_RUN, groups = kp / TAP_RUN;
        long parts = groups >= TAP_THREADS ? 1 : TAP_THREADS / groups;
        int tile = tapTile(t);
        return parts * kp * 8 + (paddedSize(tile, TAP_RUN) + paddedSize(tile + kp, TAP_RUN)) * t.bytes();
    }

    /**
     * Whether correlate_rows can take a kernel: its taps (padded to a multiple of ROW_RUN) and the padded
     * x tile fit in {@link #SHARED_LIMIT}.
     *
     * @param t the element type
     * @param taps the kernel length K
     * @return false when the any-shape kernel must be used instead
     */
    public static boolean rowsFit(DType t, int taps) {
        return rowsShared(t, taps) <= SHARED_LIMIT;
    }

    /**
     * Whether correlate_cols can take a kernel: its K taps and a tile of (COL_ROWS·COL_RUN + K − 1) rows of
     * COL_WIDTH values fit in {@link #SHARED_LIMIT}.
     *
     * @param t the element type
     * @param taps the kernel length K
     * @return false when the any-shape kernel must be used instead
     */
    public static boolean colsFit(DType t, int taps) {
        return colsShared(t, taps) <= SHARED_LIMIT;
    }

    /**
     * Whether tap_rows can take a kernel: the per-job tap sums (doubles) and the padded g and x tiles
     * fit in {@link #SHARED_LIMIT}.
     *
     * @param t the element type
     * @param taps the kernel length K
     * @return false when the any-shape reduction must be used instead
     */
    public static boolean tapRowsFit(DType t, int taps) {
        return tapRowsShared(t, taps) <= SHARED_LIMIT;
    }

    /**
     * The geometry of correlate_rows: one block per {@link #rowTile} outputs of a line.
     *
     * @param t the element type
     * @param lines the number of lines (rows)
     * @param nOut outputs per line
     * @param taps the kernel length K (sets the shared memory)
     * @return the launch
     * @throws IllegalArgumentException when the grid or the shared memory is too large
     */
    public static Launch rows(DType t, int lines, int nOut, int taps) {
        long blocks = (long) lines * ceilDiv(nOut, rowTile(t));
        return new Launch(toGrid(blocks), 1, ROW_THREADS, 1, (int) rowsShared(t, taps));
    }

    /**
     * The geometry of correlate_cols over an output (outer, nOut, inner): one block per COL_ROWS·COL_RUN
     * outputs along the axis and COL_WIDTH along inner.
     *
     * @param t the element type
     * @param outer the product of the sizes before the axis (batch included)
     * @param nOut outputs along the axis
     * @param inner the product of the sizes after it
     * @param taps the kernel length K (sets the shared memory)
     * @return the launch
     * @throws IllegalArgumentException when the grid or the shared memory is too large
     */
    public static Launch cols(DType t, int outer, int nOut, int inner, int taps) {
        long blocks = (long) outer * ceilDiv(nOut, COL_ROWS * COL_RUN) * ceilDiv(inner, COL_WIDTH);
        return new Launch(toGrid(blocks), 1, COL_WIDTH, COL_ROWS, (int) colsShared(t, taps));
    }

    /**
     * The geometry of the grid-stride kernels (correlate_nd, fold_halo, narrow): 256 threads per block,
     * one thread per element up to {@link #MAX_STRIDE_BLOCKS} blocks, looping beyond.
     *
     * @param total the number of elements (outputs)
     * @return the launch
     */
    public static Launch stride(long total) {
        return new Launch((int) Math.max(1, Math.min(MAX_STRIDE_BLOCKS, ceilDiv(total, 256))), 1, 256, 1, 0);
    }

    /**
     * The geometry of tap_rows: one block per {@link #tapTile} gradient values of a line, each writing
     * one partial sum per tap.
     *
     * @param t the element type
     * @param lines the number of lines
     * @param nG gradient values per line
     * @param taps the kernel length K (sets the shared memory)
     * @return the launch; its gridX is the number of partials per tap
     * @throws IllegalArgumentException when the grid or the shared memory is too large
     */
    public static Launch tapRows(DType t, int lines, int nG, int taps) {
        long blocks = (long) lines * ceilDiv(nG, tapTile(t));
        return new Launch(toGrid(blocks), 1, TAP_THREADS, 1, (int) tapRowsShared(t, taps));
    }

    /**
     * The geometry of tap_nd: grid x over chunks of {@link #TAP_ND_CHUNK} gradient positions, grid y over
     * the taps.
     *
     * @param total the number of gradient values
     * @param taps the number of taps, at most {@link #MAX_GRID_Y}
     * @return the launch; its gridX is the number of partials per tap
     * @throws IllegalArgumentException when there are more than {@link #MAX_GRID_Y} taps
     */
    public static Launch tapNd(long total, int taps) {
        if (taps > MAX_GRID_Y) {
            throw new IllegalArgumentException(
                    "the per-tap reduction handles at most " + MAX_GRID_Y + " taps on the GPU, got " + taps
                            + "; use a smaller window or the CPU backend (-Dmollify.cuda=off)");
        }
        return new Launch(toGrid(ceilDiv(total, TAP_ND_CHUNK)), taps, REDUCE_THREADS, 1, 0);
    }

    /**
     * The geometry of reduce_taps: one block of {@link #REDUCE_THREADS} per tap.
     *
     * @param taps the number of taps, ≥ 1
     * @return the launch
     * @throws IllegalArgumentException when taps &lt; 1
     */
    public static Launch perTap(int taps) {
        return new Launch(taps, 1, REDUCE_THREADS, 1, 0);
    }

    /**
     * One block of {@link #REDUCE_THREADS} threads (width_dot, sample_taps).
     *
     * @return the launch
     */
    public static Launch single() {
        return new Launch(1, 1, REDUCE_THREADS, 1, 0);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static int toGrid(long blocks) {
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "launch needs " + blocks + " blocks, more than a grid holds; split the batch");
        }
        return (int) Math.max(1, blocks);
    }
}
