package dev.mollify.tensor.kernels;

/**
 * Elementwise functions of two arguments. Comparisons return 1.0 for true and 0.0 for false.
 * {@link #apply(double, double)} is the scalar reference definition.
 */
public enum BinaryOp {
    /** a + b. */
    ADD,
    /** a − b. */
    SUB,
    /** a · b. */
    MUL,
    /** a / b. */
    DIV,
    /** aᵇ, as {@link Math#pow}. */
    POW,
    /** max(a, b), NaN if either is NaN. */
    MAX,
    /** min(a, b), NaN if either is NaN. */
    MIN,
    /** 1 if a == b, else 0. */
    EQ,
    /** 1 if a != b, else 0. */
    NE,
    /** 1 if a &lt; b, else 0. */
    LT,
    /** 1 if a ≤ b, else 0. */
    LE,
    /** 1 if a > b, else 0. */
    GT,
    /** 1 if a >= b, else 0. */
    GE;

    /**
     * The reference definition of this function, which every fast path is tested against.
     *
     * @param a the first (left) argument; any double, including NaN and ±∞
     * @param b the second (right) argument: the divisor of {@link #DIV}, the exponent of {@link #POW}
     * @return f(a, b) as defined on each constant; 1.0 or 0.0 for the comparisons
     */
    public double apply(double a, double b) {
        switch (this) {
            case ADD:
                return a + b;
            case SUB:
                return a - b;
            case MUL:
                return a * b;
            case DIV:
                return a / b;
            case POW:
                return Math.pow(a, b);
            case MAX:
                return Math.max(a, b);
            case MIN:
                return Math.min(a, b);
            case EQ:
                return a == b ? 1.0 : 0.0;
            case NE:
                return a != b ? 1.0 : 0.0;
            case LT:
                return a < b ? 1.0 : 0.0;
            case LE:
                return a <= b ? 1.0 : 0.0;
            case GT:
                return a > b ? 1.0 : 0.0;
            case GE:
                return a >= b ? 1.0 : 0.0;
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Single-precision reference: computed in double and rounded once.
     *
     * @param a the first (left) argument, widened to double
     * @param b the second (right) argument, widened to double
     * @return {@code (float) apply((double) a, (double) b)}
     */
    public float apply(float a, float b) {

        return (float) apply((double) a, (double) b);
    }
}
