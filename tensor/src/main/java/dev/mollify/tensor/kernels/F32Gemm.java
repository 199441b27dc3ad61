package dev.mollify.tensor.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API matrix product {@code C = A·B} behind {@link F32Kernels#gemm}: B packed into panels,
 * cache blocking over the depth {@code k}, and a register-tiled fused-multiply-add micro-kernel.
 *
 * <h2>Layout</h2>
 * A (m×k) is read in place through its strides ({@code A[i][p] = a[aOff + i*aRowStride +
 * p*aColStride]}), one scalar per row and step broadcast into a vector. B (k×n) is copied once per call
 * into a packed buffer: for each depth block of {@code kb} rows ({@code KC}, or all of {@code k} for
 * the 8×3 tile), the columns are cut into panels of {@code NR} columns (then panels of {@code L}
 * columns for the remainder, zero-padded), and each panel is stored row after row, {@code kb × width}
 * contiguous floats. So any B strides (a transposed B, a column slice) cost the same, and the
 * micro-kernel reads B with unit stride. C (m×n) is row-major with leading dimension {@code ldc} and
 * must not overlap A or B.
 *
 * <h2>Arithmetic (what makes results reproducible)</h2>
 * Every element is {@code c = fma(a[i][k-1], b[k-1][j], ... fma(a[i][1], b[1][j], fma(a[i][0], b[0][j], 0)))}:
 * one fused-multiply-add chain in increasing {@code p}. The depth blocking only pauses the chain (the
 * accumulator is stored to C and reloaded), and every kernel variant (8, 4 or 1 rows, 3 vectors or 1)
 * performs the same chain per element. Splitting rows or columns across threads therefore never changes
 * a bit. (The scalar reference rounds the product and the sum separately, so the two modes differ in
 * the last bits.)
 *
 * <h2>Cost</h2>
 * The 4×3-vector micro-kernel keeps 12 accumulators in registers (4×48 floats with AVX-512), loading
 * 3 vectors of B and broadcasting 4 scalars of A per 12 FMAs. With 512-bit vectors (32 registers) and
 * {@code k <= DEEP}, an 8×3 tile takes the rows first: 8 broadcasts per 24 FMAs, over the whole depth
 * in one block so that its chains start from zero and C is written once (the packed panel then lives
 * in L2 rather than L1). Continuing 24 chains from C is what C2 compiles badly, so the 8×3 tile never
 * does. Packing B reads B once per call; for the PINN shapes (m = 1000, k = n = 50) that is 2,500
 * floats, negligible.
 */
final class F32Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of C per micro-tile. */
    static final int MR = 4;
    /** Columns of C per full panel: three vectors. */
    static final int NR = 3 * L;
    /** Depth of a packed block of B: a kb×NR panel (24 KiB with AVX-512) stays in L1 across a row block. */
    static final int KC = Integer.getInteger("mollify.gemm.kc", 128);
    /** Rows of C per block: the MC×KC slice of A that all panels sweep over stays in L2. */
    static final int MC = Integer.getInteger("mollify.gemm.mc", 128);
    /**
     * Whether the 8×3-vector tile is used: it keeps 24 accumulators and 4 operands live, which needs the 32
     * vector registers that come with 512-bit vectors.
     */
    static final boolean EIGHT_ROWS = S.vectorBitSize() >= 512 && !Boolean.getBoolean("mollify.gemm.no8");

    private static volatile boolean eightRows = EIGHT_ROWS;

    /**
     * Turns the 8×3 tile on or off (tests take both paths on any machine; results are the same bits).
     *
     * @param on whether products with {@code k <= DEEP} use it
     * @return the previous setting
     */
    static boolean setEightRows(boolean on) {
        boolean was = eightRows;
        eightRows = on;
        return was;
    }

    /**
     * The deepest {@code k} that the 8×3 tile takes in one block: its chains then start from zero and C is
     * written once, so no tile ever loads C. The packed panel ({@code k×NR}, 192 KiB at 1,024) stays in L2.
     */
    static final int DEEP = Integer.getInteger("mollify.gemm.deep", 1024);
    /** Products with at least this many multiply-adds ({@code m*n*k}) are split across threads. */
    static final long PARALLEL_WORK = Long.getLong("mollify.gemm.parallel", 1L << 22);

    private F32Gemm() {}

    static void gemm(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int aRs,
            int aCs,
            float[] b,
            int bOff,
            int bRs,
            int bCs,
            float[] c,
            int cOff,
            int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0) {
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            return;
        }
        boolean split = (long) m * n * k >= PARALLEL_WORK && Parallel.threads() > 1;
        boolean eight = eightRows && k <= DEEP;
        int colGroups = (n + NR - 1) / NR;
        if (split && colGroups >= 2 * Parallel.threads() && n >= m) {
            // Wide C: each thread packs and computes its own groups of NR columns.
            Parallel.forRange(
                    colGroups,
                    true,
                    (g0, g1) -> block(
                            eight,
                            0,
                            m,
                            g0 * NR,
                            Math.min(n, g1 * NR),
                            k,
                            a,
                            aOff,
                            aRs,
                            aCs,
                            b,
                            bOff,
                            bRs,
                            bCs,
                            c,
                            cOff,
                            ldc));
        } else {
            // Tall C (or small work): each thread takes whole micro-tiles of MR (or 8) rows; B is small or shared.
            int mr = eight ? 2 * MR : MR;
            int rowTiles = (m + mr - 1) / mr;
            Parallel.forRange(
                    rowTiles,
                    split,
                    (t0, t1) -> block(
                            eight,
                            t0 * mr,
                            Math.min(m, t1 * mr),
                            0,
                            n,
                            k,
                            a,
                            aOff,
                            aRs,
                            aCs,
                            b,
                            bOff,
                            bRs,
                            bCs,
                            c,
                            cOff,
                            ldc));
        }
    }

    /**
     * Computes C rows {@code [i0, i1)}, columns {@code [j0, j1)}: with {@code eight}, in one depth block and
     * 8-row tiles first.
     */
    private static void block(
            boolean eight,
            int i0,
            int i1,
            int j0,
            int j1,
            int k,
            float[] a,
            int aOff,
            int aRs,
            int aCs,
            float[] b,
            int bOff,
            int bRs,
            int bCs,
            float[] c,
            int cOff,
            int ldc) {
        int w = j1 - j0;
        int full = w - w % NR; // columns in 3-vector panels
        int padded = full + (w - full + L - 1) / L * L; // plus 1-vector panels, zero-padded
        int kc = eight ? k : KC;
        float[] bp = packB(k, kc, j0, w, full, padded, b, bOff, bRs, bCs);
        float[] edge = new float[4 * L]; // scratch for tiles with fewer than L valid columns
        for (int p0 = 0; p0 < k; p0 += kc) {
            int kb = Math.min(kc, k - p0);
            int base = p0 * padded;
            boolean accumulate = p0 > 0;
            for (int ic = i0; ic < i1; ic += MC) {
                int ie = Math.min(i1, ic + MC);
                int iEight = eight ? ic + (ie - ic) / (2 * MR) * (2 * MR) : ic;
                int iFull = iEight + (ie - iEight) / MR * MR;
                int aBlock = aOff + p0 * aCs;
                for (int jj = 0; jj < padded; ) {
                    int width = jj < full ? NR : L;
                    int bi = base + jj * kb;
                    int cj = cOff + j0 + jj;
                    int valid = Math.min(width, w - jj);
                    for (int i = ic; i < iEight; i += 2 * MR) {
                        int ai = aBlock + i * aRs, ci = cj + i * ldc;
                        if (width == NR) tile8x3(kb, a, ai, aRs, aCs, bp, bi, c, ci, ldc);
                        else {
                            tile4x1(kb, a, ai, aRs, aCs, bp, bi, c, ci, ldc, false, valid, edge);
                            tile4x1(kb, a, ai + MR * aRs, aRs, aCs, bp, bi, c, ci + MR * ldc, ldc, false, valid, edge);
                        }
                    }
                    for (int i = iEight; i < iFull; i += MR) {
                        int ai = aBlock + i * aRs, ci = cj + i * ldc;
                        if (width == NR) tile4x3(kb, a, ai, aRs, aCs, bp, bi, c, ci, ldc, accumulate);
                        else tile4x1(kb, a, ai, aRs, aCs, bp, bi, c, ci, ldc, accumulate, valid, edge);
                    }
                    for (int i = iFull; i < ie; i++) {
                        int ai = aBlock + i * aRs, ci = cj + i * ldc;
                        if (width == NR) tile1x3(kb, a, ai, aCs, bp, bi, c, ci, accumulate);
                        else tile1x1(kb, a, ai, aCs, bp, bi, c, ci, accumulate, valid, edge);
                    }
                    jj += width;
                }
            }
        }
    }

    /**
     * Packs B columns {@code [j0, j0+w)} for all depths: depth block {@code p0} starts at
     * {@code p0*padded}; inside it the panel starting at column {@code jj} starts at {@code jj*kb} and
     * holds {@code kb} rows of its width (NR, or L for the remainder), zero beyond column {@code w}.
     */
    private static float[] packB(
            int k, int kc, int j0, int w, int full, int padded, float[] b, int bOff, int bRs, int bCs) {
        float[] bp = Scratch.floats(k * padded);
        int idx = 0;
        for (int p0 = 0; p0 < k; p0 += kc) {
            int kb = Math.min(kc, k - p0);
            for (int jj = 0; jj < padded; ) {
                int width = jj < full ? NR : L;
                int valid = Math.min(width, w - jj);
                for (int p = p0; p < p0 + kb; p++) {
                    int src = bOff + p * bRs + (j0 + jj) * bCs;
                    if (bCs == 1) {
                        System.arraycopy(b, src, bp, idx, valid);
                    } else {
                        for (int j = 0; j < valid; j++) bp[idx + j] = b[src + j * bCs];
                    }
                    for (int j = valid; j < width; j++) bp[idx + j] = 0f;
                    idx += width;
                }
                jj += width;
            }
        }
        return bp;
    }

    private static FloatVector load(float[] x, int i) {
        return FloatVector.fromArray(S, x, i);
    }

    private static FloatVector bcast(float[] a, int i) {
        return FloatVector.broadcast(S, a[i]);
    }

    /**
     * Zeros that a tile starting a chain loads its accumulators from. Choosing the source array (C or
     * this) rather than choosing between two vector values keeps vector-typed merge points out of the
     * kernels: JDK 17's C2 boxes vectors at such merges, which costs 5× here.
     */
    private static final float[] ZEROS = new float[NR];

    /** 4 rows × 3 vectors: the hot loop. {@code accumulate} continues the chains from C. */
    private static void tile4x3(
            int kb,
            float[] a,
            int ai,
            int aRs,
            int aCs,
            float[] bp,
            int bi,
            float[] c,
            int ci,
            int ldc,
            boolean accumulate) {
        float[] src = accumulate ? c : ZEROS;
        int r0 = accumulate ? ci : 0, r1 = accumulate ? ci + ldc : 0;
        int r2 = accumulate ? ci + 2 * ldc : 0, r3 = accumulate ? ci + 3 * ldc : 0;
        FloatVector s00 = load(src, r0), s01 = load(src, r0 + L), s02 = load(src, r0 + 2 * L);
        FloatVector s10 = load(src, r1), s11 = load(src, r1 + L), s12 = load(src, r1 + 2 * L);
        FloatVector s20 = load(src, r2), s21 = load(src, r2 + L), s22 = load(src, r2 + 2 * L);
        FloatVector s30 = load(src, r3), s31 = load(src, r3 + L), s32 = load(src, r3 + 2 * L);
        int a0 = ai, a1 = ai + aRs, a2 = a1 + aRs, a3 = a2 + aRs;
        for (int p = 0; p < kb; p++, bi += NR) {
            FloatVector b0 = load(bp, bi), b1 = load(bp, bi + L), b2 = load(bp, bi + 2 * L);
            int o = p * aCs;
            FloatVector x = bcast(a, a0 + o);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            x = bcast(a, a1 + o);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            x = bcast(a, a2 + o);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            x = bcast(a, a3 + o);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
        }
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        s00.intoArray(c, ci);
        s01.intoArray(c, ci + L);
        s02.intoArray(c, ci + 2 * L);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + L);
        s12.intoArray(c, c1 + 2 * L);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + L);
        s22.intoArray(c, c2 + 2 * L);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + L);
        s32.intoArray(c, c3 + 2 * L);
    }

    /**
     * 8 rows × 3 vectors over the whole depth: every chain starts from zero and is stored once. 24
     * accumulators, 3 vectors of B and one broadcast of A are live: 28 of the 32 AVX-512 registers. The
     * stores are written out here: vectors passed to a helper that C2 does not inline are boxed, which made
     * this tile 5× slower.
     */
    private static void tile8x3(
            int kb, float[] a, int ai, int aRs, int aCs, float[] bp, int bi, float[] c, int ci, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector s00 = z, s01 = z, s02 = z, s10 = z, s11 = z, s12 = z, s20 = z, s21 = z, s22 = z;
        FloatVector s30 = z, s31 = z, s32 = z, s40 = z, s41 = z, s42 = z, s50 = z, s51 = z, s52 = z;
        FloatVector s60 = z, s61 = z, s62 = z, s70 = z, s71 = z, s72 = z;
        int a0 = ai,
                a1 = a0 + aRs,
                a2 = a1 + aRs,
                a3 = a2 + aRs,
                a4 = a3 + aRs,
                a5 = a4 + aRs,
                a6 = a5 + aRs,
                a7 = a6 + aRs;
        for (int p = 0; p < kb; p++, bi += NR) {
            FloatVector b0 = load(bp, bi), b1 = load(bp, bi + L), b2 = load(bp, bi + 2 * L);
            int o = p * aCs;
            FloatVector x = bcast(a, a0 + o);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            x = bcast(a, a1 + o);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            x = bcast(a, a2 + o);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            x = bcast(a, a3 + o);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
            x = bcast(a, a4 + o);
            s40 = b0.fma(x, s40);
            s41 = b1.fma(x, s41);
            s42 = b2.fma(x, s42);
            x = bcast(a, a5 + o);
            s50 = b0.fma(x, s50);
            s51 = b1.fma(x, s51);
            s52 = b2.fma(x, s52);
            x = bcast(a, a6 + o);
            s60 = b0.fma(x, s60);
            s61 = b1.fma(x, s61);
            s62 = b2.fma(x, s62);
            x = bcast(a, a7 + o);
            s70 = b0.fma(x, s70);
            s71 = b1.fma(x, s71);
            s72 = b2.fma(x, s72);
        }
        s00.intoArray(c, ci);
        s01.intoArray(c, ci + L);
        s02.intoArray(c, ci + 2 * L);
        s10.intoArray(c, ci + ldc);
        s11.intoArray(c, ci + ldc + L);
        s12.intoArray(c, ci + ldc + 2 * L);
        s20.intoArray(c, ci + 2 * ldc);
        s21.intoArray(c, ci + 2 * ldc + L);
        s22.intoArray(c, ci + 2 * ldc + 2 * L);
        s30.intoArray(c, ci + 3 * ldc);
        s31.intoArray(c, ci + 3 * ldc + L);
        s32.intoArray(c, ci + 3 * ldc + 2 * L);
        s40.intoArray(c, ci + 4 * ldc);
        s41.intoArray(c, ci + 4 * ldc + L);
        s42.intoArray(c, ci + 4 * ldc + 2 * L);
        s50.intoArray(c, ci + 5 * ldc);
        s51.intoArray(c, ci + 5 * ldc + L);
        s52.intoArray(c, ci + 5 * ldc + 2 * L);
        s60.intoArray(c, ci + 6 * ldc);
        s61.intoArray(c, ci + 6 * ldc + L);
        s62.intoArray(c, ci + 6 * ldc + 2 * L);
        s70.intoArray(c, ci + 7 * ldc);
        s71.intoArray(c, ci + 7 * ldc + L);
        s72.intoArray(c, ci + 7 * ldc + 2 * L);
    }

    /** 1 row × 3 vectors, for the last {@code m mod 4} rows. */
    private static void tile1x3(
            int kb, float[] a, int ai, int aCs, float[] bp, int bi, float[] c, int ci, boolean accumulate) {
        float[] src = accumulate ? c : ZEROS;
        int r = accumulate ? ci : 0;
        FloatVector s0 = load(src, r), s1 = load(src, r + L), s2 = load(src, r + 2 * L);
        for (int p = 0; p < kb; p++, bi += NR) {
            FloatVector x = bcast(a, ai + p * aCs);
            s0 = load(bp, bi).fma(x, s0);
            s1 = load(bp, bi + L).fma(x, s1);
            s2 = load(bp, bi + 2 * L).fma(x, s2);
        }
        s0.intoArray(c, ci);
        s1.intoArray(c, ci + L);
        s2.intoArray(c, ci + 2 * L);
    }

    /**
     * 4 rows × 1 vector, of which the first {@code valid} columns belong to C. A partial tile goes
     * through a small scratch array rather than masked loads/stores, which JDK 17 compiles poorly.
     */
    private static void tile4x1(
            int kb,
            float[] a,
            int ai,
            int aRs,
            int aCs,
            float[] bp,
            int bi,
            float[] c,
            int ci,
            int ldc,
            boolean accumulate,
            int valid,
            float[] edge) {
        float[] t = c;
        int t0 = ci, tl = ldc;
        if (valid < L) {
            t = edge;
            t0 = 0;
            tl = L;
            if (accumulate) for (int r = 0; r < 4; r++) System.arraycopy(c, ci + r * ldc, t, r * L, valid);
        }
        float[] src = accumulate ? t : ZEROS;
        int r0 = accumulate ? t0 : 0, r1 = accumulate ? t0 + tl : 0;
        int r2 = accumulate ? t0 + 2 * tl : 0, r3 = accumulate ? t0 + 3 * tl : 0;
        FloatVector s0 = load(src, r0), s1 = load(src, r1), s2 = load(src, r2), s3 = load(src, r3);
        int a0 = ai, a1 = ai + aRs, a2 = a1 + aRs, a3 = a2 + aRs;
        for (int p = 0; p < kb; p++, bi += L) {
            FloatVector bv = load(bp, bi);
            int o = p * aCs;
            s0 = bv.fma(bcast(a, a0 + o), s0);
            s1 = bv.fma(bcast(a, a1 + o), s1);
            s2 = bv.fma(bcast(a, a2 + o), s2);
            s3 = bv.fma(bcast(a, a3 + o), s3);
        }
        s0.intoArray(t, t0);
        s1.intoArray(t, t0 + tl);
        s2.intoArray(t, t0 + 2 * tl);
        s3.intoArray(t, t0 + 3 * tl);
        if (t != c) for (int r = 0; r < 4; r++) System.arraycopy(t, r * L, c, ci + r * ldc, valid);
    }

    /** 1 row × 1 vector, of which the first {@code valid} columns belong to C. */
    private static void tile1x1(
            int kb,
            float[] a,
            int ai,
            int aCs,
            float[] bp,
            int bi,
            float[] c,
            int ci,
            boolean accumulate,
            int valid,
            float[] edge) {
        float[] t = c;
        int t0 = ci;
        if (valid < L) {
            t = edge;
            t0 = 0;
            if (accumulate) System.arraycopy(c, ci, t, 0, valid);
        }
        FloatVector s = load(accumulate ? t : ZEROS, accumulate ? t0 : 0);
        for (int p = 0; p < kb; p++, bi += L) s = load(bp, bi).fma(bcast(a, ai + p * aCs), s);
        s.intoArray(t, t0);
        if (t != c) System.arraycopy(t, 0, c, ci, valid);
    }
}
