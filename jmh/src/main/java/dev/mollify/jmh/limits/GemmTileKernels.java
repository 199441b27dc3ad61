package dev.mollify.jmh.limits;

import dev.mollify.tensor.kernels.Simd;

/**
 * The matrix product's register-tiled micro-kernel alone, on packed panels that stay in L1: a tile of
 * {@link #MR} rows × 3 vectors of C ({@link #nrF64()} or {@link #nrF32()} columns), {@link #KC} steps of
 * depth, each step loading 3 vectors of the packed B panel and broadcasting {@link #MR} scalars of A into
 * 12 fused multiply-adds. The loop is a copy of the tensor module's {@code F64Gemm.tile4x3} /
 * {@code F32Gemm.tile4x3} (private there), so its rate is the ceiling of {@code MatmulBenchmark}.
 *
 * <p>Runs the Vector API copy ({@link GemmTileVectorKernels}) when {@link Simd#enabled()}, otherwise the
 * scalar loop here, a 4 × 3 tile of single lanes.
 */
public final class GemmTileKernels {
    /** Rows of C per tile. */
    public static final int MR = 4;

    /** Depth of a packed block, the tensor module's default {@code mollify.gemm.kc}. */
    public static final int KC = 128;

    private GemmTileKernels() {}

    /**
     * Columns of an F64 tile: three vectors.
     *
     * @return 3 · {@link LimitKernels#lanesF64()}
     */
    public static int nrF64() {
        return 3 * LimitKernels.lanesF64();
    }

    /**
     * Columns of an F32 tile: three vectors.
     *
     * @return 3 · {@link LimitKernels#lanesF32()}
     */
    public static int nrF32() {
        return 3 * LimitKernels.lanesF32();
    }

    /**
     * {@code C[i][j] = fma(A[i][KC-1], B[KC-1][j], … fma(A[i][0], B[0][j], C₀[i][j]))} for i &lt; MR, j &lt; NR,
     * with C₀ = C when {@code accumulate}, else 0. A is row-major MR × KC, B the packed KC × NR panel (row after
     * row), C row-major MR × NR. FLOPs: 2 · MR · NR · KC.
     *
     * @param a the rows of A
     * @param bp the packed panel of B
     * @param c the tile of C
     * @param accumulate whether the chains continue from C
     */
    public static void tileF64(double[] a, double[] bp, double[] c, boolean accumulate) {
        int nr = nrF64();
        if (Simd.enabled()) GemmTileVectorKernels.tile4x3(KC, a, 0, KC, 1, bp, 0, c, 0, nr, accumulate);
        else tileScalar(a, bp, c, accumulate);
    }

    /**
     * {@link #tileF64} in F32: NR = {@link #nrF32()}.
     *
     * @param a the rows of A
     * @param bp the packed panel of B
     * @param c the tile of C
     * @param accumulate whether the chains continue from C
     */
    public static void tileF32(float[] a, float[] bp, float[] c, boolean accumulate) {
        int nr = nrF32();
        if (Simd.enabled()) GemmTileVectorKernels.tile4x3(KC, a, 0, KC, 1, bp, 0, c, 0, nr, accumulate);
        else tileScalar(a, bp, c, accumulate);
    }

    static void tileScalar(double[] a, double[] bp, double[] c, boolean accumulate) {
        for (int i = 0; i < MR; i++) {
            for (int j = 0; j < 3; j++) {
                double s = accumulate ? c[i * 3 + j] : 0;
                for (int p = 0; p < KC; p++) s = Math.fma(a[i * KC + p], bp[p * 3 + j], s);
                c[i * 3 + j] = s;
            }
        }
    }

    static void tileScalar(float[] a, float[] bp, float[] c, boolean accumulate) {
        for (int i = 0; i < MR; i++) {
            for (int j = 0; j < 3; j++) {
                float s = accumulate ? c[i * 3 + j] : 0;
                for (int p = 0; p < KC; p++) s = Math.fma(a[i * KC + p], bp[p * 3 + j], s);
                c[i * 3 + j] = s;
            }
        }
    }
}
