package dev.mollify.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.tensor.DType;
import org.junit.jupiter.api.Test;

/** Launch arithmetic and the line view, on the CPU. */
class LaunchGeometryTest {

    @Test
    void rowTilesCoverEveryOutputOnce() {
        assertEquals(1024, LaunchGeometry.rowTile(DType.F32));
        assertEquals(1024, LaunchGeometry.rowTile(DType.F64));
        // the benchmark shapes: 16.7M outputs in one line, 16 lines of 1000
        LaunchGeometry.Launch big = LaunchGeometry.rows(DType.F32, 1, 1 << 24, 51);
        assertEquals(1 << 14, big.gridX());
        assertEquals(128, big.blockX());
        assertEquals(
                (56 + 1080 + 1080 / 8 + 1) * 4,
                big.sharedBytes(),
                "taps padded to 56, then the tile of 1024 + 56 with a gap after every 8");
        assertEquals(16, LaunchGeometry.rows(DType.F32, 16, 1000, 51).gridX());
        assertEquals(16, LaunchGeometry.rows(DType.F64, 16, 1000, 51).gridX());
        assertEquals(
                3 * 2,
                LaunchGeometry.rows(DType.F64, 3, 1025, 5).gridX(),
                "one output past a tile needs another block");
    }

    @Test
    void largeKernelsFallBackToTheAnyShapeKernels() {
        assertTrue(LaunchGeometry.rowsFit(DType.F64, 2344));
        assertFalse(LaunchGeometry.rowsFit(DType.F64, 2345));
        assertTrue(LaunchGeometry.colsFit(DType.F64, 51));
        assertFalse(LaunchGeometry.colsFit(DType.F64, 201));
        assertTrue(LaunchGeometry.tapRowsFit(DType.F32, 2049));
        assertFalse(LaunchGeometry.tapRowsFit(DType.F64, 3000));
    }

    @Test
    void columnAndStrideGrids() {
        LaunchGeometry.Launch c = LaunchGeometry.cols(DType.F32, 2, 100, 33, 7);
        assertEquals(2 * 2 * 2, c.gridX(), "2 outer x ceil(100/64) x ceil(33/32)");
        assertEquals(32, c.blockX());
        assertEquals(8, c.blockY());
        assertEquals(1, LaunchGeometry.stride(1).gridX());
        assertEquals(
                LaunchGeometry.MAX_STRIDE_BLOCKS,
                LaunchGeometry.stride(1L << 40).gridX());
        LaunchGeometry.Launch t = LaunchGeometry.tapNd(100_000, 25);
        assertEquals(7, t.gridX());
        assertEquals(25, t.gridY());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.tapNd(10, 70_000));
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }

    @Test
    void lineViewOfSeparableKernels() {
        assertEquals(
                new LineShape(0, 3, 100, 1, 5),
                LineShape.of(3, new int[] {100}, new int[] {5}).orElseThrow());
        assertEquals(
                new LineShape(0, 2, 40, 30, 7),
                LineShape.of(2, new int[] {40, 30}, new int[] {7, 1}).orElseThrow());
        assertEquals(
                new LineShape(1, 2 * 40, 30, 1, 7),
                LineShape.of(2, new int[] {40, 30}, new int[] {1, 7}).orElseThrow());
        assertEquals(
                new LineShape(1, 5 * 4, 6, 7, 3),
                LineShape.of(5, new int[] {4, 6, 7}, new int[] {1, 3, 1}).orElseThrow());
        assertEquals(
                new LineShape(1, 4, 6, 1, 1),
                LineShape.of(4, new int[] {6}, new int[] {1})
                        .map(s -> new LineShape(1, s.outer(), s.n(), 1, 1))
                        .orElseThrow());
        assertTrue(LineShape.of(1, new int[] {9, 9}, new int[] {3, 3}).isEmpty(), "a radial kernel is not a line pass");
    }
}
