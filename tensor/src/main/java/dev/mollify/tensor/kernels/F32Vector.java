package dev.mollify.tensor.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the {@link F32Kernels} row kernels, for unit-stride rows (stride 0 broadcasts
 * where the facade allows it). Each loop covers the whole vectors of a row and hands the rest to the
 * matching {@link F32Scalar} loop, which is also the test oracle.
 *
 * <p>Only {@link F32Kernels} touches this class, and only when {@link Simd#enabled()}, so the
 * {@code jdk.incubator.vector} module is never needed otherwise. Every vector operator below is a
 * constant at its call site: that is what lets C2 turn it into machine instructions (a variable operator
 * falls back to a slow boxed path), hence one small method per operation.
 */
final class F32Vector {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private F32Vector() {}

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
            // twin: begin f32 only, the double kernels' portable transcendentals on widened rows (see widened)
            case EXP:
            case TANH:
            case SIGMOID:
                return true;
            // twin: end
            default:
                return VectorMath.TRANSCENDENTALS;
        }
    }

    // twin: begin f32 only, one small method per loop; float has no portable transcendentals of its own
    /** {@code y[yOff + i] = op(x[xOff + i])} for {@code i < n}; requires {@link #hasUnary(UnaryOp)}. */
    static void unary(UnaryOp op, float[] x, int xOff, float[] y, int yOff, int n) {
        if (!VectorMath.TRANSCENDENTALS && (op == UnaryOp.EXP || op == UnaryOp.TANH || op == UnaryOp.SIGMOID)) {
            widened(op, x, xOff, y, yOff, n);
            return;
        }
        int m = S.loopBound(n);
        switch (op) {
            case NEG:
                neg(x, xOff, y, yOff, m);
                break;
            case ABS:
                abs(x, xOff, y, yOff, m);
                break;
            case SQRT:
                sqrt(x, xOff, y, yOff, m);
                break;
            case RELU:
                relu(x, xOff, y, yOff, m);
                break;
            case RECIPROCAL:
                reciprocal(x, xOff, y, yOff, m);
                break;
            case SQUARE:
                square(x, xOff, y, yOff, m);
                break;
            case SIGN:
                sign(x, xOff, y, yOff, m);
                break;
            case EXP:
                exp(x, xOff, y, yOff, m);
                break;
            case LOG:
                log(x, xOff, y, yOff, m);
                break;
            case SIN:
                sin(x, xOff, y, yOff, m);
                break;
            case COS:
                cos(x, xOff, y, yOff, m);
                break;
            case TANH:
                tanh(x, xOff, y, yOff, m);
                break;
            case SIGMOID:
                sigmoid(x, xOff, y, yOff, m);
                break;
            case SOFTPLUS:
                softplus(x, xOff, y, yOff, m);
                break;
            default:
                m = 0;
        }
        F32Scalar.unary(op, x, xOff + m, 1, y, yOff + m, n - m);
    }

    /**
     * {@code y[yOff + i] = (float) op((double) x[xOff + i])} with op from {@link F64Vector#unary}: the row is widened
     * into a per-thread scratch row, run through the double kernels' portable EXP, TANH or SIGMOID
     * ({@link F64PortableMath}: the same bits before and after JIT compilation, within ~2 ulp of {@code Math}
     * in double), and rounded once per element, so within 1 ulp of the float reference. The float operators
     * of the Vector API would run SVML (not reproducible, see {@link VectorMath}) and the scalar loop
     * {@code Math.tanh} costs about 29 ns an element, which made F32 tanh networks slower than F64 ones.
     */
    private static void widened(UnaryOp op, float[] x, int xOff, float[] y, int yOff, int n) {
        double[] d = Scratch.doubles(n);
        for (int i = 0; i < n; i++) d[i] = x[xOff + i];
        F64Vector.unary(op, d, 0, d, 0, n);
        for (int i = 0; i < n; i++) y[yOff + i] = (float) d[i];
    }

    // twin: end

    private static FloatVector load(float[] a, int i) {
        return FloatVector.fromArray(S, a, i);
    }

    // twin: begin f32 only, the loops of unary
    private static void neg(float[] x, int xo, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L) load(x, xo + i).neg().intoArray(y, yo + i);
    }

    private static void abs(float[] x, int xo, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L) load(x, xo + i).abs().intoArray(y, yo + i);
    }

    private static void sqrt(float[] x, int xo, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L) load(x, xo + i).sqrt().intoArray(y, yo + i);
    }

    private static void square(float[] x, int xo, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L) {
            FloatVector v = load(x, xo + i);
            v.mul(v).intoArray(y, yo + i);
        }
    }

    private static void reciprocal(float[] x, int xo, float[] y, int yo, int m) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < m; i += L) one.div(load(x, xo + i)).intoArray(y, yo + i);
    }

    /** {@code x > 0 ? x : +0f}, so NaN and -0f give +0f exactly as the scalar rule. */
    private static void relu(float[] x, int xo, float[] y, int yo, int m) {
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < m; i += L) {
            FloatVector v = load(x, xo + i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yo + i);
        }
    }

    private static void sign(float[] x, int xo, float[] y, int yo, int m) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector minusOne = FloatVector.broadcast(S, -1f);
        for (int i = 0; i < m; i += L) {
            FloatVector v = load(x, xo + i);
            zero.blend(one, v.compare(VectorOperators.GT, 0f))
                    .blend(minusOne, v.compare(VectorOperators.LT, 0f))
                    .intoArray(y, yo + i);
        }
    }

    private static void exp(float[] x, int xo, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(x, xo + i).lanewise(VectorOperators.EXP).intoArray(y, yo + i);
    }

    private static void log(float[] x, int xo, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(x, xo + i).lanewise(VectorOperators.LOG).intoArray(y, yo + i);
    }

    private static void sin(float[] x, int xo, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(x, xo + i).lanewise(VectorOperators.SIN).intoArray(y, yo + i);
    }

    private static void cos(float[] x, int xo, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(x, xo + i).lanewise(VectorOperators.COS).intoArray(y, yo + i);
    }

    private static void tanh(float[] x, int xo, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(x, xo + i).lanewise(VectorOperators.TANH).intoArray(y, yo + i);
    }

    /** {@code e = exp(-|x|)}; {@code x >= 0 ? 1/(1+e) : e/(1+e)}, the scalar formula with one exp. */
    private static void sigmoid(float[] x, int xo, float[] y, int yo, int m) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < m; i += L) {
            FloatVector v = load(x, xo + i);
            FloatVector e = v.abs().neg().lanewise(VectorOperators.EXP);
            FloatVector den = one.add(e);
            e.blend(one, v.compare(VectorOperators.GE, 0f)).div(den).intoArray(y, yo + i);
        }
    }

    /** {@code max(x,0) + log1p(exp(-|x|))}. */
    private static void softplus(float[] x, int xo, float[] y, int yo, int m) {
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < m; i += L) {
            FloatVector v = load(x, xo + i);
            FloatVector t = v.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
            v.max(zero).add(t).intoArray(y, yo + i);
        }
    }

    // twin: end

    // ---------------------------------------------------------------- binary

    /** An array of one vector's worth of {@code v}: lets a stride-0 operand use the same load as a row. */
    private static float[] splat(float v) {
        float[] s = new float[L];
        java.util.Arrays.fill(s, v);
        return s;
    }

    /**
     * {@code y[yOff + i] = op(a[aOff + i*aStride], b[bOff + i*bStride])} for strides 0 or 1. A stride-0
     * operand is replaced by a one-vector array read at vector stride 0, so each op needs one loop.
     */
    static void binary(
            BinaryOp op,
            float[] a,
            int aOff,
            int aStride,
            float[] b,
            int bOff,
            int bStride,
            float[] y,
            int yOff,
            int n) {
        int m = S.loopBound(n);
        if (op == BinaryOp.POW) m = 0; // no vector pow: see VectorMath
        if (m > 0) {
            float[] av = aStride == 0 ? splat(a[aOff]) : a;
            int ao = aStride == 0 ? 0 : aOff;
            float[] bv = bStride == 0 ? splat(b[bOff]) : b;
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
        F32Scalar.binary(op, a, aOff + m * aStride, aStride, b, bOff + m * bStride, bStride, y, yOff + m, n - m);
    }

    private static void add(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).add(load(b, bo + i * bs)).intoArray(y, yo + i);
    }

    private static void sub(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).sub(load(b, bo + i * bs)).intoArray(y, yo + i);
    }

    private static void mul(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).mul(load(b, bo + i * bs)).intoArray(y, yo + i);
    }

    private static void div(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).div(load(b, bo + i * bs)).intoArray(y, yo + i);
    }

    /** Lanewise MAX follows {@code Math.max}: NaN wins, +0f beats -0f. */
    private static void max(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).max(load(b, bo + i * bs)).intoArray(y, yo + i);
    }

    private static void min(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L)
            load(a, ao + i * as).min(load(b, bo + i * bs)).intoArray(y, yo + i);
    }

    private static void eq(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.EQ, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    private static void ne(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.NE, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    private static void lt(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.LT, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    private static void le(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.LE, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    private static void gt(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.GT, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    private static void ge(float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int m) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < m; i += L) {
            zero.blend(one, load(a, ao + i * as).compare(VectorOperators.GE, load(b, bo + i * bs)))
                    .intoArray(y, yo + i);
        }
    }

    // ---------------------------------------------------------------- fused products

    /** {@link F32Scalar#mul3} for unit-stride rows, same operations in the same order (same bits). */
    static void mul3(
            float k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, float[] y, int yOff, int n) {
        int m = S.loopBound(n);
        FloatVector kv = FloatVector.broadcast(S, k);
        for (int i = 0; i < m; i += L) {
            kv.mul(load(a, aOff + i))
                    .mul(load(b, bOff + i))
                    .mul(load(c, cOff + i))
                    .intoArray(y, yOff + i);
        }
        F32Scalar.mul3(k, a, aOff + m, 1, b, bOff + m, 1, c, cOff + m, 1, y, yOff + m, n - m);
    }

    /** {@link F32Scalar#tanhBackward} for unit-stride rows (same bits). */
    static void tanhBackward(float[] g, int gOff, float[] t, int tOff, float[] y, int yOff, int n) {
        int m = S.loopBound(n);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < m; i += L) {
            FloatVector tv = load(t, tOff + i);
            load(g, gOff + i).mul(one.sub(tv.mul(tv))).intoArray(y, yOff + i);
        }
        F32Scalar.tanhBackward(g, gOff + m, 1, t, tOff + m, 1, y, yOff + m, n - m);
    }

    // ---------------------------------------------------------------- where, reduce, accumulate

    /** {@code y[i] = c[i] != 0 ? a[i] : b[i]} for strides 0 or 1 (NaN counts as non-zero, as in scalar). */
    static void where(
            float[] c,
            int cOff,
            int cStride,
            float[] a,
            int aOff,
            int aStride,
            float[] b,
            int bOff,
            int bStride,
            float[] y,
            int yOff,
            int n) {
        int m = S.loopBound(n);
        if (m > 0) {
            float[] cv = cStride == 0 ? splat(c[cOff]) : c;
            int co = cStride == 0 ? 0 : cOff;
            float[] av = aStride == 0 ? splat(a[aOff]) : a;
            int ao = aStride == 0 ? 0 : aOff;
            float[] bv = bStride == 0 ? splat(b[bOff]) : b;
            int bo = bStride == 0 ? 0 : bOff;
            for (int i = 0; i < m; i += L) {
                VectorMask<Float> pick = load(cv, co + i * cStride).compare(VectorOperators.NE, 0f);
                load(bv, bo + i * bStride)
                        .blend(load(av, ao + i * aStride), pick)
                        .intoArray(y, yOff + i);
            }
        }
        F32Scalar.where(
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
    static float reduce(ReduceOp op, float[] x, int off, int n) {
        if (op == ReduceOp.SUM) return sum(x, off, n);
        int m = S.loopBound(n);
        if (m == 0) return F32Scalar.reduce(op, x, off, 1, n);
        FloatVector acc = FloatVector.broadcast(S, (float) op.identity());
        if (op == ReduceOp.MAX) {
            for (int i = 0; i < m; i += L) {
                FloatVector v = load(x, off + i);
                acc = acc.blend(v, v.compare(VectorOperators.GT, acc).or(v.test(VectorOperators.IS_NAN)));
            }
        } else {
            for (int i = 0; i < m; i += L) {
                FloatVector v = load(x, off + i);
                acc = acc.blend(v, v.compare(VectorOperators.LT, acc).or(v.test(VectorOperators.IS_NAN)));
            }
        }
        float r = (float) op.identity();
        for (float lane : acc.toArray()) r = (float) op.combine(r, lane);
        for (int i = m; i < n; i++) r = (float) op.combine(r, x[off + i]);
        return r == 0f ? F32Scalar.reduce(op, x, off, 1, n) : r;
    }

    private static float sum(float[] x, int off, int n) {
        int m4 = n - n % (4 * L);
        int m = S.loopBound(n);
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i < m4; i += 4 * L) {
            s0 = s0.add(load(x, off + i));
            s1 = s1.add(load(x, off + i + L));
            s2 = s2.add(load(x, off + i + 2 * L));
            s3 = s3.add(load(x, off + i + 3 * L));
        }
        for (; i < m; i += L) s0 = s0.add(load(x, off + i));
        float r = 0f;
        for (float lane : s0.add(s1).add(s2.add(s3)).toArray()) r += lane; // lanes in a fixed order
        for (; i < n; i++) r += x[off + i];
        return r;
    }

    /** {@code y[i] = op.combine(y[i], x[i])}, unit strides; exactly the scalar result. */
    static void accumulate(ReduceOp op, float[] x, int xOff, float[] y, int yOff, int n) {
        int m = S.loopBound(n);
        switch (op) {
            case SUM:
                for (int i = 0; i < m; i += L)
                    load(y, yOff + i).add(load(x, xOff + i)).intoArray(y, yOff + i);
                break;
            case MAX:
                for (int i = 0; i < m; i += L) {
                    FloatVector v = load(x, xOff + i), acc = load(y, yOff + i);
                    acc.blend(v, v.compare(VectorOperators.GT, acc).or(v.test(VectorOperators.IS_NAN)))
                            .intoArray(y, yOff + i);
                }
                break;
            case MIN:
                for (int i = 0; i < m; i += L) {
                    FloatVector v = load(x, xOff + i), acc = load(y, yOff + i);
                    acc.blend(v, v.compare(VectorOperators.LT, acc).or(v.test(VectorOperators.IS_NAN)))
                            .intoArray(y, yOff + i);
                }
                break;
            default:
                throw new AssertionError(op);
        }
        F32Scalar.accumulate(op, x, xOff + m, 1, y, yOff + m, n - m);
    }
}
