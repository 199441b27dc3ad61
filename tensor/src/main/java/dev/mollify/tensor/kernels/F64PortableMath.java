package dev.mollify.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, tanh and the logistic sigmoid on Vector API lanes, built from add, mul, fma, division and bit
 * operations only. Each of those is exactly rounded (IEEE 754) both in the Vector API's Java fallback
 * and in C2's machine code, so, unlike {@code lanewise(VectorOperators.EXP)} (see {@link VectorMath}),
 * these give the same bits before and after JIT compilation: fast <em>and</em> reproducible.
 *
 * <p><b>exp(x).</b> Cody–Waite reduction x = n·ln2 + r with n = rint(x/ln2) and |r| ≤ ln2/2 (ln2 split
 * in two parts, applied with fma), then e^r by its Taylor series to degree 13 (truncation error
 * (ln2/2)^14/14! ≈ 4e-18), then scaling by 2^n built from exponent bits, in two halves so that results
 * in the subnormal range are rounded once. Error ≤ ~2 ulp against {@code Math.exp}.
 *
 * <p><b>tanh(x)</b> = sign(x)·e/(e+2) with e = expm1(2|x|), and 1 for |x| &gt; 22 (where tanh rounds
 * to 1). expm1(y) = 2^n·q + (2^n − 1) with q = expm1(r) by its Taylor series, so small arguments keep
 * full relative accuracy (no 1 − 1 cancellation).
 *
 * <p>Written for C2's Vector API intrinsics on JDK 17, where a Vector API call only becomes machine code
 * if C2 inlines it down to its {@code VectorSupport} intrinsic within {@code MaxInlineLevel} (15)
 * levels of the compilation root. These kernels sit ~7 levels deep (Parallel → F64Kernels → F64Vector
 * → here), and the scalar-argument forms ({@code add(1023L)}, {@code min(23.0)}, {@code blend(1.0, m)},
 * {@code and(SIGN)}) broadcast their argument through 6–8 more levels inside the Vector API and
 * {@code test(IS_NAN)} goes through ~9, so written that way they end "inlining too deep" and run the
 * per-lane Java fallback (a lambda per lane, fresh arrays) on every call; {@code convertShape(D2L)} is
 * not intrinsified on JDK 17 at all. Together that costs ~60 % of a nested-derivative evaluation and
 * 8 MB of boxed vectors per evaluation at 1,000 points. Hence: one static species, every
 * constant broadcast once with {@link DoubleVector#broadcast} (4 levels), vector–vector operations
 * only, NaN lanes found with
 * {@code compare(NE, x)}, n as a long by reinterpretation (see {@link #shiftedLog2e}), and no arrays
 * of vectors (an array defeats escape analysis and leaves every vector boxed). To check a change: a
 * warm loop over these kernels should allocate nothing but its outputs (thread allocated bytes), and
 * JFR should show no samples in {@code jdk.incubator.vector} lambdas, {@code rvOp} or {@code convert0}.
 */
final class F64PortableMath {
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    /** 1.5·2^52: adding and subtracting it rounds a double of magnitude &lt; 2^51 to the nearest integer. */
    private static final double SHIFTER = 0x1.8p52;

    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    private static final double EXP_MAX = 709.782712893384; // above: +Inf
    private static final double EXP_MIN = -745.1332191019412; // below: 0
    private static final long SIGN = 0x8000000000000000L;

    private static final VectorSpecies<Double> S = F64Vector.S;
    /** Longs in the same shape as {@link #S} (what {@code reinterpretAsLongs} gives). */
    private static final VectorSpecies<Long> SL = S.withLanes(long.class);

    private F64PortableMath() {}

    private static DoubleVector c(double v) {
        return DoubleVector.broadcast(S, v);
    }

    private static LongVector c(long v) {
        return LongVector.broadcast(SL, v);
    }

    /** Taylor coefficients 1/k! for k = 13 down to 2 (Horner order). */
    private static final double[] INV_FACT = {
        1.0 / 6227020800.0,
        1.0 / 479001600.0,
        1.0 / 39916800.0,
        1.0 / 3628800.0,
        1.0 / 362880.0,
        1.0 / 40320.0,
        1.0 / 5040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5
    };

    /** expm1(r) = r + r²/2! + … + r¹³/13! for |r| ≤ ln2/2. */
    private static DoubleVector expm1Reduced(DoubleVector r) {
        DoubleVector p = c(INV_FACT[0]);
        for (int k = 1; k < INV_FACT.length; k++) p = p.fma(r, c(INV_FACT[k]));
        // p = 1/2 + r/6 + …; expm1(r) = r + r²·p
        return r.mul(r).fma(p, r);
    }

    /** 2^n for integral n in [-1022, 1023], from exponent bits. */
    private static DoubleVector pow2(LongVector n) {
        return n.add(c(1023L)).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    /**
     * x·log2 e + SHIFTER, exactly SHIFTER + n with n = rint(x·log2 e) (|n| &lt; 2^51: the sum lies in
     * [2^52, 2^53), where the spacing is 1); subtracting SHIFTER gives n as a double. Its bits are
     * SHIFTER's bits + n, so n as a long is a reinterpretation and a subtraction ({@link #integral}),
     * not a double-to-long conversion, which JDK 17's C2 does not intrinsify.
     */
    private static DoubleVector shiftedLog2e(DoubleVector x) {
        return x.mul(c(LOG2E)).add(c(SHIFTER));
    }

    /** n from {@link #shiftedLog2e}'s result, as a long per lane. */
    private static LongVector integral(DoubleVector shifted) {
        return shifted.reinterpretAsLongs().sub(c(SHIFTER_BITS));
    }

    /** The reduced r = x − n·ln2 (ln2 in two parts, each applied with fma). */
    private static DoubleVector reduced(DoubleVector x, DoubleVector n) {
        DoubleVector r = n.neg().fma(c(LN2_HI), x);
        return n.neg().fma(c(LN2_LO), r);
    }

    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(c(EXP_MIN - 1)).min(c(EXP_MAX + 1)); // keeps n and the bit tricks in range
        DoubleVector sh = shiftedLog2e(xc);
        DoubleVector er = expm1Reduced(reduced(xc, sh.sub(c(SHIFTER)))).add(c(1.0));
        LongVector n = integral(sh);
        LongVector half = n.lanewise(VectorOperators.ASHR, 1);
        DoubleVector y = er.mul(pow2(half)).mul(pow2(n.sub(half)));
        y = y.blend(c(Double.POSITIVE_INFINITY), x.compare(VectorOperators.GT, c(EXP_MAX)));
        y = y.blend(c(0.0), x.compare(VectorOperators.LT, c(EXP_MIN)));
        return y.blend(x, x.compare(VectorOperators.NE, x)); // NaN lanes
    }

    static DoubleVector tanh(DoubleVector x) {
        DoubleVector a = x.abs().min(c(23.0)); // beyond 22 the answer is 1; keep 2a small for the bit tricks
        DoubleVector a2 = a.add(a);
        DoubleVector sh = shiftedLog2e(a2);
        DoubleVector s = pow2(integral(sh));
        DoubleVector e = expm1Reduced(reduced(a2, sh.sub(c(SHIFTER)))).fma(s, s.sub(c(1.0))); // expm1(2a)
        DoubleVector t = e.div(e.add(c(2.0)));
        t = t.blend(c(1.0), a.compare(VectorOperators.GT, c(22.0)));
        VectorMask<Double> nan = x.compare(VectorOperators.NE, x);
        // copy the sign of x (keeps tanh(-0.0) = -0.0)
        LongVector bits = t.reinterpretAsLongs().or(x.reinterpretAsLongs().and(c(SIGN)));
        return bits.reinterpretAsDoubles().blend(x, nan);
    }

    /** e = exp(−|x|); x ≥ 0 ? 1/(1+e) : e/(1+e) — the scalar reference formula. */
    static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector e = exp(x.abs().neg());
        DoubleVector den = e.add(c(1.0));
        return e.blend(c(1.0), x.compare(VectorOperators.GE, c(0.0))).div(den);
    }
}
