package dev.mollify.tensor.kernels;

import java.util.Locale;

/**
 * Whether the transcendental unary ops (EXP, LOG, SIN, COS, TANH, SIGMOID, SOFTPLUS) take the Vector
 * API path ({@code lanewise(VectorOperators.EXP)} and friends).
 *
 * <p>Measured on this project's build machine (AMD EPYC Zen 5, AVX-512, 4096 elements in L1,
 * ns per element, best of 12; scalar = {@code Math.*} loop):
 * <pre>
 *            F64 scalar  F64 vector   F32 scalar  F32 vector     (JDK 17 | JDK 25)
 *   EXP      3.4 | 3.3   0.49 | 0.39   8.5 | 3.7   0.24 | 0.14
 *   LOG      5.5 | 5.6   0.58 | 0.61   7.4 | 5.8   0.21 | 0.24
 *   SIN      7.1 | 7.3   0.89 | 0.94  18.0 | 7.6   0.34 | 0.35
 *   COS      6.9 | 7.0   0.73 | 0.85   7.4 | 7.9   0.34 | 0.38
 *   TANH    17.7 | 9.4   1.41 | 1.58  28.7 |10.0   0.44 | 0.44
 *   LOG1P   10.9 | 6.1   0.70 | 0.76  11.0 | 6.8   0.29 | 0.30
 * </pre>
 * On x86-64 HotSpot compiles these operators to Intel SVML routines on both JDKs: 7–25× faster, with a
 * largest difference from {@code Math.*} of 2.8e-16 relative (F64) and 1 ulp (F32) on [-4, 4].
 * Elsewhere (e.g. aarch64 on JDK 17) the operators may fall back to a per-lane Java loop slower than
 * the scalar one.
 *
 * <p><b>Off by default, for determinism.</b> Before C2 compiles a kernel, the Vector API runs its
 * Java fallback (per-lane {@code Math.*}); after, it runs SVML. The two differ in the last bits, so
 * the same tanh on the same input changed value partway through a run (seen: ~19,000 of 20,000
 * repeated calls differed, from call ~1,000 on) and two trainings with one seed in one JVM diverged.
 * "Same seed, same result" is a project rule, so these ops use the scalar {@code Math.*} loop (whose
 * intrinsics HotSpot keeps identical across interpreter and compilers) unless
 * {@code -Dmollify.simd.transcendentals=true} asks for speed over bit-reproducibility.
 *
 * <p>POW stays scalar: {@code Math.pow} has many exact special cases (negative bases with integer
 * exponents, zeros, infinities) that the tests would have to pin down one by one for little gain.
 */
final class VectorMath {
    static final boolean TRANSCENDENTALS =
            Boolean.parseBoolean(System.getProperty("mollify.simd.transcendentals", "false")) && isX86();

    private VectorMath() {}

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("amd64") || arch.equals("x86_64");
    }
}
