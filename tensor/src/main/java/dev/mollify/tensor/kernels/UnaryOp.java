package dev.mollify.tensor.kernels;

/**
 * Elementwise functions of one argument. {@link #apply(double)} is the scalar reference definition
 * that every fast path is tested against.
 */
public enum UnaryOp {
    /** y = −x. */
    NEG,
    /** y = |x|. */
    ABS,
    /** y = eˣ. */
    EXP,
    /** y = ln x. */
    LOG,
    /** y = √x. */
    SQRT,
    /** y = sin x. */
    SIN,
    /** y = cos x. */
    COS,
    /** y = tanh x. */
    TANH,
    /** y = 1/(1 + e⁻ˣ), the logistic function. */
    SIGMOID,
    /** y = log(1 + eˣ) = max(x, 0) + log1p(e^{−|x|}). */
    SOFTPLUS,
    /** y = max(x, 0). */
    RELU,
    /** y = 1/x. */
    RECIPROCAL,
    /** y = x². */
    SQUARE,
    /** y = 1 for x > 0, −1 for x &lt; 0, 0 otherwise (also for NaN). */
    SIGN;

    /**
     * The reference definition of this function. SIGMOID and SOFTPLUS are written so that no
     * intermediate overflows for large |x|.
     *
     * @param x the argument; any double (LOG and SQRT give NaN for x &lt; 0, as {@link Math} does)
     * @return y = f(x) as defined on each constant
     */
    public double apply(double x) {
        switch (this) {
            case NEG:
                return -x;
            case ABS:
                return Math.abs(x);
            case EXP:
                return Math.exp(x);
            case LOG:
                return Math.log(x);
            case SQRT:
                return Math.sqrt(x);
            case SIN:
                return Math.sin(x);
            case COS:
                return Math.cos(x);
            case TANH:
                return Math.tanh(x);
            // 1/(1+e^{-x}), written to avoid overflow of e^{-x} for large negative x
            case SIGMOID:
                return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
            // log(1+e^x) = max(x,0) + log1p(e^{-|x|}), stable for all x
            case SOFTPLUS:
                return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
            case RELU:
                return x > 0 ? x : 0.0;
            case RECIPROCAL:
                return 1.0 / x;
            case SQUARE:
                return x * x;
            case SIGN:
                return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Single-precision reference: computed in double and rounded once.
     *
     * @param x the argument, widened to double
     * @return {@code (float) apply((double) x)}
     */
    public float apply(float x) {

        return (float) apply((double) x);
    }
}
