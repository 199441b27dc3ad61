package dev.mollify.tensor.kernels;

/** Reductions of a row of numbers to one number. */
public enum ReduceOp {
    /** Σ xᵢ; identity 0. */
    SUM,
    /** max xᵢ; identity −∞; NaN propagates. */
    MAX,
    /** min xᵢ; identity +∞; NaN propagates. */
    MIN;

    /**
     * The value of the reduction over an empty row, and the start value of the accumulator.
     *
     * @return 0 for SUM, −∞ for MAX, +∞ for MIN
     */
    public double identity() {
        switch (this) {
            case SUM:
                return 0.0;
            case MAX:
                return Double.NEGATIVE_INFINITY;
            case MIN:
                return Double.POSITIVE_INFINITY;
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Combines an accumulator with one more element. NaN propagates through MAX and MIN.
     *
     * @param acc the reduction of the elements so far; {@link #identity()} before the first
     * @param x the next element of the row
     * @return acc + x for SUM, max(acc, x) for MAX, min(acc, x) for MIN (x when x is NaN)
     */
    public double combine(double acc, double x) {

        switch (this) {
            case SUM:
                return acc + x;
            case MAX:
                return (x > acc || Double.isNaN(x)) ? x : acc;
            case MIN:
                return (x < acc || Double.isNaN(x)) ? x : acc;
            default:
                throw new AssertionError(this);
        }
    }
}
