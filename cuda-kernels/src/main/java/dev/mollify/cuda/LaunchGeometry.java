package dev.mollify.cuda;

import dev.mollify.tensor.DType;

/**
 * Grid, block and shared-memory sizes of every launch; the constants are those of
 * {@code mollify_common.cuh} (a test reads them back from the header). Kernels whose tiles would
 * exceed {@link #SHARED_LIMIT} (the default 48 KiB per block) fall back to the any-shape kernels.
 */
public final class LaunchGeometry {
    public static final int ROW_THREADS = 128, ROW_RUN = 8;
    public static final int COL_WIDTH = 32, COL_ROWS = 8, COL_RUN = 8;
    public static final int TAP_THREADS = 256, TAP_RUN = 8, TAP_TILE_F32 = 2048, TAP_TILE_F64 = 1024;
    public static final int REDUCE_THREADS = 256;
    /** Positions summed by one block of the any-shape per-tap reduction. */
    public static final int TAP_ND_CHUNK = 256 * 64;
    /** Shared memory a block may use without opting in to more. */
    public static final int SHARED_LIMIT = 48 * 1024;
    /** Upper bound on grid-stride grids. */
    public static final int MAX_STRIDE_BLOCKS = 65_535;
    /** The device's limit on gridDim.y (the tap index of the any-shape reduction). */
    public static final int MAX_GRID_Y = 65_535;

    /** One launch: grid (x, y), block (x, y), dynamic shared bytes. */
    public record Launch(int gridX, int gridY, int blockX, int blockY, int sharedBytes) {
        public Launch {
            if (gridX < 1 || gridY < 1 || blockX < 1 || blockY < 1 || sharedBytes < 0 || sharedBytes > SHARED_LIMIT) {
                throw new IllegalArgumentException("bad launch geometry: grid " + gridX + "x" + gridY + ", block "
                        + blockX + "x" + blockY + ", " + sharedBytes + " shared bytes");
            }
        }
    }

    private LaunchGeometry() {}

    /** Elements per 16-byte vector: 4 floats or 2 doubles. */
    public static int vectorWidth(DType t) {
        return 16 / t.bytes();
    }

    /** Outputs per block of correlate_rows: ROW_RUN consecutive outputs per thread. */
    public static int rowTile(DType t) {
        return ROW_THREADS * ROW_RUN;
    }

    /** g values per block of tap_rows. */
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

    public static boolean rowsFit(DType t, int taps) {
        return rowsShared(t, taps) <= SHARED_LIMIT;
    }

    public static boolean colsFit(DType t, int taps) {
        return colsShared(t, taps) <= SHARED_LIMIT;
    }

    public static boolean tapRowsFit(DType t, int taps) {
        return tapRowsShared(t, taps) <= SHARED_LIMIT;
    }

    /** correlate_rows over {@code lines} lines of nOut outputs. */
    public static Launch rows(DType t, int lines, int nOut, int taps) {
        long blocks = (long) lines * ceilDiv(nOut, rowTile(t));
        return new Launch(toGrid(blocks), 1, ROW_THREADS, 1, (int) rowsShared(t, taps));
    }

    /** correlate_cols over (outer, nOut, inner). */
    public static Launch cols(DType t, int outer, int nOut, int inner, int taps) {
        long blocks = (long) outer * ceilDiv(nOut, COL_ROWS * COL_RUN) * ceilDiv(inner, COL_WIDTH);
        return new Launch(toGrid(blocks), 1, COL_WIDTH, COL_ROWS, (int) colsShared(t, taps));
    }

    /** Grid-stride kernels (correlate_nd, fold_halo, narrow) over {@code total} elements. */
    public static Launch stride(long total) {
        return new Launch((int) Math.max(1, Math.min(MAX_STRIDE_BLOCKS, ceilDiv(total, 256))), 1, 256, 1, 0);
    }

    /** tap_rows over {@code lines} lines of nG gradient values; one partial per block. */
    public static Launch tapRows(DType t, int lines, int nG, int taps) {
        long blocks = (long) lines * ceilDiv(nG, tapTile(t));
        return new Launch(toGrid(blocks), 1, TAP_THREADS, 1, (int) tapRowsShared(t, taps));
    }

    /** tap_nd over {@code total} gradient positions and {@code taps} taps (grid y). */
    public static Launch tapNd(long total, int taps) {
        if (taps > MAX_GRID_Y) {
            throw new IllegalArgumentException(
                    "the per-tap reduction handles at most " + MAX_GRID_Y + " taps on the GPU, got " + taps
                            + "; use a smaller window or the CPU backend (-Dmollify.cuda=off)");
        }
        return new Launch(toGrid(ceilDiv(total, TAP_ND_CHUNK)), taps, REDUCE_THREADS, 1, 0);
    }

    /** One block per tap (reduce_taps). */
    public static Launch perTap(int taps) {
        return new Launch(taps, 1, REDUCE_THREADS, 1, 0);
    }

    /** One block (width_dot, sample_taps). */
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
