package dev.mollify.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the {@link F64Kernels} row kernels, for unit-stride rows (stride 0 broadcasts
 * where the facade allows it). Each loop covers the whole vectors of a row and hands the rest to the
 * matching {@link F64Scalar} loop, which is also the test oracle.
 *
 * <p>Only {@link F64Kernels} touches this class, and only when {@link Simd#enabled()}, so the
 * {@code jdk.incubator.vector} module is never needed otherwise. Every vector operator below is a
 * constant at its call site: that is what lets C2 turn it into machine instructions (a variable operator
 * falls back to a slow boxed path), hence one small method per operation.
 */
final class F64Vector {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private F64Vector() {}

    // ---------------------------------------------------------------- unary

    /** True when {@code op} has a vector loop that beats the scalar one (see {@link VectorMath}). */
    static boolean hasUnary(UnaryOp op) {
        switch (op) {
            case NEG:
            case ABS:
            case SQRT:
            case RELU:
            case RECIPROCAL:
            case SQUARE:
            case SIGN:
                return true;
            // twin: begin f64 only, portable versions (F64PortableMath) when SVML is not asked for
            case EXP:
            case TANH:
            case SIGMOID:
                return true;
            // twin: end
            default:
                return VectorMath.TRANSCENDENTALS;
        }
    }

    // twin: begin f64 only, one inline switch with the portable transcendentals (see the Javadoc)
    /**
     * {@code y[yOff + i] = op(x[xOff + i])} for {@code i < n}; requires {@link #hasUnary(UnaryOp)}.
     *
     * <p>One method with every loop written inline, on purpose: its bytecode (over 325 bytes, C2's
     * {@code FreqInlineSize}) is too big for C2 to inline it into a caller, so it is always compiled as a
     * compilation root of its own, and the Vector API calls of {@link F64PortableMath} stay within
     * {@code MaxInlineLevel} (15) of that root. Written as a small method per loop (299 bytes), C2 inlines
     * it through {@code Parallel} into autograd code some 20 levels deep, where the portable tanh ends
     * "inlining too deep" and runs the Vector API's Java fallback ({@code convert0},
     * {@code broadcastBits}): ~10 % of a 4th-order MLP derivative at 10,000 points (jmh/README.md).
     * {@link #binary} is over the limit for the same reason.
     */
    static void unary(UnaryOp op, double[] x, int xOff, double[] y, int yOff, int n) {
        int m = S.loopBound(n);
        boolean svml = VectorMath.TRANSCENDENTALS;
        switch (op) {
            case NEG:
                for (int i = 0; i < m; i += L) load(x, xOff + i).neg().intoArray(y, yOff + i);
                break;
            case ABS:
                for (int i = 0; i < m; i += L) load(x, xOff + i).abs().intoArray(y, yOff + i);
                break;
            case SQRT:
                for (int i = 0; i < m; i += L) load(x, xOff + i).sqrt().intoArray(y, yOff + i);
                break;
            case RELU: { // x > 0 ? x : +0.0, so NaN and -0.0 give +0.0 exactly as the scalar rule
                DoubleVector zero = DoubleVector.zero(S);
                for (int i = 0; i < m; i += L) {
                    DoubleVector v = load(x, xOff + i);
                    zero.blend(v, v.compare(VectorOperators.GT, zero)).intoArray(y, yOff + i);
                }
                break;
            }
            case RECIPROCAL: {
                DoubleVector one = DoubleVector.broadcast(S, 1.0);
                for (int i = 0; i < m; i += L) one.div(load(x, xOff + i)).intoArray(y, yOff + i);
                break;
            }
            case SQUARE:
                for (int i = 0; i < m; i += L) {
                    DoubleVector v = load(x, xOff + i);
                    v.mul(v).intoArray(y, yOff + i);
                }
                break;
            case SIGN: {
                DoubleVector zero = DoubleVector.zero(S);
                DoubleVector one = DoubleVector.broadcast(S, 1.0);
                DoubleVector minusOne = DoubleVector.broadcast(S, -1.0);
                for (int i = 0; i < m; i += L) {
                    DoubleVector v = load(x, xOff + i);
                    zero.blend(one, v.compare(VectorOperators.GT, zero))
                            .blend(minusOne, v.compare(VectorOperators.LT, zero))
                            .intoArray(y, yOff + i);
                }
                break;
            }
            case EXP:
                if (svml)
                    for (int i = 0; i < m; i += L)
                        load(x, xOff + i).lanewise(VectorOperators.EXP).intoArray(y, yOff + i);
                else
                    for (int i = 0; i < m; i += L)
                        F64PortableMath.exp(load(x, xOff + i)).intoArray(y, yOff + i);
                break;
            case LOG:
                for (int i = 0; i < m; i += L)
                    load(x, xOff + i).lanewise(VectorOperators.LOG).intoArray(y, yOff + i);
                break;
            case SIN:
                for (int i = 0; i < m; i += L)
                    load(x, xOff + i).lanewise(VectorOperators.SIN).intoArray(y, yOff + i);
                break;
            case COS:
                for (int i = 0; i < m; i += L)
                    load(x, xOff + i).lanewise(VectorOperators.COS).intoArray(y, yOff + i);
                break;
            case TANH:
                if (svml)
                    for (int i = 0; i < m; i += L)
                        load(x, xOff + i).lanewise(VectorOperators.TANH).intoArray(y, yOff + i);
                else
                    for (int i = 0; i < m; i += L)
                        F64PortableMath.tanh(load(x, xOff + i)).intoArray(y, yOff + i);
                break;
            case SIGMOID: // e = exp(-|x|); x >= 0 ? 1/(1+e) : e/(1+e), the scalar formula with one exp
                if (!svml) {
                    for (int i = 0; i < m; i += L)
                        F64PortableMath.sigmoid(load(x, xOff + i)).intoArray(y, yOff + i);
                    break;
                }
                DoubleVector one = DoubleVector.broadcast(S, 1.0);
                for (int i = 0; i < m; i += L) {
                    DoubleVector v = load(x, xOff + i);
                    DoubleVector e = v.abs().neg().lanewise(VectorOperators.EXP);
                    e.blend(one, v.compare(VectorOperators.GE, 0.0))
                            .div(one.add(e))
                            .intoArray(y, yOff + i);
                }
                break;
            case SOFTPLUS: { // max(x, 0) + log1p(exp(-|x|))
                DoubleVector zero = DoubleVector.zero(S);
                for (int i = 0; i < m; i += L) {
                    DoubleVector v = load(x, xOff + i);
                    DoubleVector t = v.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
                    v.max(zero).add(t).intoArray(y, yOff + i);
                }
                break;
            }
            default:
                m = 0;
        }
        F64Scalar.unary(op, x, xOff + m, 1, y, yOff + m, n - m);
    }

    // twin: end

    private static DoubleVector load(double[] a, int i) {
        return DoubleVector.fromArray(S, a, i);
    }

    // ---------------------------------------------------------------- binary

    /** An array of one vector's worth of {@code v}: lets a stride-0 operand use the same load as a row. */
    private static double[] splat(double v) {
        double[] s = new double[L];
        java.util.Arrays.fill(s, v);
        return s;
    }

    /**
     * {@code y[yOff + i] = op(a[aOff + i*aStride], b[bOff + i*bStride])} for strides 0 or 1. A stride-0
     * operand is replaced by a one-vector array read at vector stride 0, so each op needs one loop.
     */
    static void binary(
            BinaryOp op,
            double[] a,
            int aOff,
            int aStride,
            double[] b,
            int bOff,
            int bStride,
            double[] y,
            int yOff,
            int n) {
        int m = S.loopBound(n);
        if (op == BinaryOp.POW) m = 0; // no vector pow: see VectorMath
        if (m > 0) {
            double[] av = aStride == 0 ? splat(a[aOff]) : a;
            int ao = aStride == 0 ? 0 : aOff;
            double[] bv = bStride == 0 ? splat(b[bOff]) : b;
            int bo = bStride == 0 ? 0 : bOff;
            switch (op) {
                case ADD:
                    add(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                case SUB:
                    sub(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                case MUL:
                    mul(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                case DIV:
                    div(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                case MAX:
                    max(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                case MIN:
                    min(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                case EQ:
                    eq(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                case NE:
                    ne(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                case LT:
                    lt(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                case LE:
                    le(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                case GT:
                    gt(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                case GE:
                    ge(av, ao, aStride, bv, bo, bStride, y, yOff, m);
                    break;
                default:
                    throw new AssertionError(op);
            }
        }
        F64Scalar.binary(op, a, aOff + m * aStride, aStride, b, bOff + m * bStride, bStride, y, yOff + m, n - m);
    }

    private static void add(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).add(load(b, bo + i * bs)).intoArray(y, yo + i);
    }

    private static void sub(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).sub(load(b, bo + i * bs)).intoArray(y, yo + i);
    }

    // guide: mul
    private static void mul(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).mul(load(b, bo + i * bs)).intoArray(y, yo + i);
    }
    // guide: end

    private static void div(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).div(load(b, bo + i * bs)).intoArray(y, yo + i);
    }

    /** Lanewise MAX follows {@code Math.max}: NaN wins, +0.0 beats -0.0. */
    private static void max(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).max(load(b, bo + i * bs)).intoArray(y, yo + i);
    }

    private static void min(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).min(load(b, bo + i * bs)).intoArray(y, yo + i);
    }

    private static void eq(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.EQ, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    private static void ne(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.NE, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    private static void lt(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.LT, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    private static void le(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.LE, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    private static void gt(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.GT, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    private static void ge(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int m) {
        DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.GE, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    // ---------------------------------------------------------------- fused products

    /** {@link F64Scalar#mul3} for unit-stride rows, same operations in the same order (same bits). */
    static void mul3(
            double k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, double[] y, int yOff, int n) {
        int m = S.loopBound(n);
        DoubleVector kv = DoubleVector.broadcast(S, k);
        for (int i = 0; i < m; i += L) {
            kv.mul(load(a, aOff + i))
                    .mul(load(b, bOff + i))
                    .mul(load(c, cOff + i))
                    .intoArray(y, yOff + i);
        }
        F64Scalar.mul3(k, a, aOff + m, 1, b, bOff + m, 1, c, cOff + m, 1, y, yOff + m, n - m);
    }

    /** {@link F64Scalar#tanhBackward} for unit-stride rows (same bits). */
    static void tanhBackward(double[] g, int gOff, double[] t, int tOff, double[] y, int yOff, int n) {
        int m = S.loopBound(n);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < m; i += L) {
            DoubleVector tv = load(t, tOff + i);
            load(g, gOff + i).mul(one.sub(tv.mul(tv))).intoArray(y, yOff + i);
        }
        F64Scalar.tanhBackward(g, gOff + m, 1, t, tOff + m, 1, y, yOff + m, n - m);
    }

    // ---------------------------------------------------------------- where, reduce, accumulate

    /** {@code y[i] = c[i] != 0 ? a[i] : b[i]} for strides 0 or 1 (NaN counts as non-zero, as in scalar). */
    static void where(
            double[] c,
            int cOff,
            int cStride,
            double[] a,
            int aOff,
            int aStride,
            double[] b,
            int bOff,
            int bStride,
            double[] y,
            int yOff,
            int n) {
        int m = S.loopBound(n);
        if (m > 0) {
            double[] cv = cStride == 0 ? splat(c[cOff]) : c;
            int co = cStride == 0 ? 0 : cOff;
            double[] av = aStride == 0 ? splat(a[aOff]) : a;
            int ao = aStride == 0 ? 0 : aOff;
            double[] bv = bStride == 0 ? splat(b[bOff]) : b;
            int bo = bStride == 0 ? 0 : bOff;
            for (int i = 0; i < m; i += L) {
                VectorMask<Double> pick = load(cv, co + i * cStride).compare(VectorOperators.NE, 0.0);
                load(bv, bo + i * bStride)
                        .blend(load(av, ao + i * aStride), pick)
                        .intoArray(y, yOff + i);
            }
        }
        F64Scalar.where(
                c,
                cOff + m * cStride,
                cStride,
                a,
                aOff + m * aStride,
                aStride,
                b,
                bOff + m * bStride,
                bStride,
                y,
                yOff + m,
                n - m);
    }

    /**
     * Unit-stride reduction. SUM keeps four vector accumulators, each summing every fourth vector of the
     * row, folds them and then their lanes in a fixed order, and adds the scalar tail last: a different
     * association from the scalar loop (results may differ in the last bits) but the same every run.
     * MAX and MIN apply the scalar rule per lane and then across lanes in order; a zero result is
     * recomputed by the scalar loop so that the sign of a zero max/min matches it exactly.
     */
    static double reduce(ReduceOp op, double[] x, int off, int n) {
        if (op == ReduceOp.SUM) return sum(x, off, n);
        int m = S.loopBound(n);
        if (m == 0) return F64Scalar.reduce(op, x, off, 1, n);
        DoubleVector acc = DoubleVector.broadcast(S, op.identity());
        if (op == ReduceOp.MAX) {
            for (int i = 0; i < m; i += L) {
                DoubleVector v = load(x, off + i);
                acc = acc.blend(v, v.compare(VectorOperators.GT, acc).or(v.test(VectorOperators.IS_NAN)));
            }
        } else {
            for (int i = 0; i < m; i += L) {
                DoubleVector v = load(x, off + i);
                acc = acc.blend(v, v.compare(VectorOperators.LT, acc).or(v.test(VectorOperators.IS_NAN)));
            }
        }
        double r = op.identity();
        for (double lane : acc.toArray()) r = op.combine(r, lane);
        for (int i = m; i < n; i++) r = op.combine(r, x[off + i]);
        return r == 0.0 ? F64Scalar.reduce(op, x, off, 1, n) : r;
    }

    private static double sum(double[] x, int off, int n) {
        int m4 = n - n % (4 * L);
        int m = S.loopBound(n);
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i < m4; i += 4 * L) {
            s0 = s0.add(load(x, off + i));
            s1 = s1.add(load(x, off + i + L));
            s2 = s2.add(load(x, off + i + 2 * L));
            s3 = s3.add(load(x, off + i + 3 * L));
        }
        for (; i < m; i += L) s0 = s0.add(load(x, off + i));
        double r = 0.0;
        for (double lane : s0.add(s1).add(s2.add(s3)).toArray()) r += lane; // lanes in a fixed order
        for (; i < n; i++) r += x[off + i];
        return r;
    }

    /** {@code y[i] = op.combine(y[i], x[i])}, unit strides; exactly the scalar result. */
    static void accumulate(ReduceOp op, double[] x, int xOff, double[] y, int yOff, int n) {
        int m = S.loopBound(n);
        switch (op) {
            case SUM:
                for (int i = 0; i < m; i += L)
                    load(y, yOff + i).add(load(x, xOff + i)).intoArray(y, yOff + i);
                break;
            case MAX:
                for (int i = 0; i < m; i += L) {
                    DoubleVector v = load(x, xOff + i), acc = load(y, yOff + i);
                    acc.blend(v, v.compare(VectorOperators.GT, acc).or(v.test(VectorOperators.IS_NAN)))
                            .intoArray(y, yOff + i);
                }
                break;
            case MIN:
                for (int i = 0; i < m; i += L) {
                    DoubleVector v = load(x, xOff + i), acc = load(y, yOff + i);
                    acc.blend(v, v.compare(VectorOperators.LT, acc).or(v.test(VectorOperators.IS_NAN)))
                            .intoArray(y, yOff + i);
                }
                break;
            default:
                throw new AssertionError(op);
        }
        F64Scalar.accumulate(op, x, xOff + m, 1, y, yOff + m, n - m);
    }
}
