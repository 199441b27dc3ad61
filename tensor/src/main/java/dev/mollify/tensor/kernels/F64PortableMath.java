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
 * <p>Written for C2's Vector API intrinsics: one static species, constants broadcast from it, no
 * arrays of vectors (an array defeats escape analysis and leaves every vector boxed: the fallback
 * then runs for long stretches, which is what made nested-derivative timings swing 10×).
 */
final class F64PortableMath {
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    /** 1.5·2^52: adding and subtracting it rounds a double of magnitude &lt; 2^51 to the nearest integer. */
    private static final double SHIFTER = 0x1.8p52;
    private static final double EXP_MAX = 709.782712893384; // above: +Inf
    private static final double EXP_MIN = -745.1332191019412; // below: 0
    private static final long SIGN = 0x8000000000000000L;

    private static final VectorSpecies<Double> S = F64Vector.S;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;

    private F64PortableMath() {}

    /** Taylor coefficients 1/k! for k = 13 down to 2 (Horner order). */
    private static final double[] INV_FACT = {
        1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
        1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5};

    /** expm1(r) = r + r²/2! + … + r¹³/13! for |r| ≤ ln2/2. */
    private static DoubleVector expm1Reduced(DoubleVector r) {
        DoubleVector p = DoubleVector.broadcast(S, INV_FACT[0]);
        for (int k = 1; k < INV_FACT.length; k++) p = p.lanewise(VectorOperators.FMA, r, INV_FACT[k]);
        // p = 1/2 + r/6 + …; expm1(r) = r + r²·p
        return r.mul(r).lanewise(VectorOperators.FMA, p, r);
    }

    /** 2^n for integral n in [-1022, 1023], from exponent bits. */
    private static DoubleVector pow2(LongVector n) {
        return n.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    /** Integral n = rint(x·log2 e). */
    private static DoubleVector rintLog2e(DoubleVector x) {
        return x.mul(LOG2E).add(SHIFTER).sub(SHIFTER);
    }

    /** The reduced r = x − n·ln2 (ln2 in two parts, each applied with fma). */
    private static DoubleVector reduced(DoubleVector x, DoubleVector n) {
        DoubleVector r = n.neg().lanewise(VectorOperators.FMA, LN2_HI, x);
        return n.neg().lanewise(VectorOperators.FMA, LN2_LO, r);
    }

    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(EXP_MIN - 1).min(EXP_MAX + 1); // keeps n and the bit tricks in range
        DoubleVector nd = rintLog2e(xc);
        DoubleVector er = expm1Reduced(reduced(xc, nd)).add(1.0);
        LongVector n = (LongVector) nd.convertShape(VectorOperators.D2L, L, 0);
        LongVector half = n.lanewise(VectorOperators.ASHR, 1);
        DoubleVector y = er.mul(pow2(half)).mul(pow2(n.sub(half)));
        y = y.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_MAX));
        y = y.blend(0.0, x.compare(VectorOperators.LT, EXP_MIN));
        return y.blend(x, x.test(VectorOperators.IS_NAN));
    }

    static DoubleVector tanh(DoubleVector x) {
        DoubleVector a = x.abs().min(23.0); // beyond 22 the answer is 1; keep 2a small for the bit tricks
        DoubleVector a2 = a.add(a);
        DoubleVector nd = rintLog2e(a2);
        LongVector n = (LongVector) nd.convertShape(VectorOperators.D2L, L, 0);
        DoubleVector s = pow2(n);
        DoubleVector e = expm1Reduced(reduced(a2, nd)).lanewise(VectorOperators.FMA, s, s.sub(1.0)); // expm1(2a)
        DoubleVector t = e.div(e.add(2.0));
        t = t.blend(1.0, a.compare(VectorOperators.GT, 22.0));
        VectorMask<Double> nan = x.test(VectorOperators.IS_NAN);
        // copy the sign of x (keeps tanh(-0.0) = -0.0)
        LongVector bits = t.reinterpretAsLongs().or(x.reinterpretAsLongs().and(SIGN));
        return bits.reinterpretAsDoubles().blend(x, nan);
    }

    /** e = exp(−|x|); x ≥ 0 ? 1/(1+e) : e/(1+e) — the scalar reference formula. */
    static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector e = exp(x.abs().neg());
        DoubleVector den = e.add(1.0);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        return e.blend(one, x.compare(VectorOperators.GE, 0.0)).div(den);
    }
}
