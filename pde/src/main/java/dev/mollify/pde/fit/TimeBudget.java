package dev.mollify.pde.fit;

/**
 * The wall-clock budget of a fit that is not given one (docs/math.md, "Stopping").
 *
 * <p>A fit in one or two coordinates (x and t, or x and y) gets {@link #PLANE} seconds: on 2 cores that lets 2,000
 * points of the one-dimensional problems converge or come within their bounds. A fit in three coordinates (x, y and t)
 * gets {@link #SPACE_TIME}: its collocation grid has tens of thousands of nodes (49 × 33 × 33 for the Navier–Stokes
 * wake), a step costs about 0.2 s with the 3 × 64 network the data choose, and in 300 s the viscosity of the wake
 * (5,000 samples, clean) came out 15 % high, still falling inside L-BFGS, against 2.5 % in 900 s. The fit still ends
 * sooner once the unknowns and the loss settle.
 */
public final class TimeBudget {
    /** Seconds for a fit in at most two coordinates. */
    public static final double PLANE = 300;
    /** Seconds for a fit in three coordinates. */
    public static final double SPACE_TIME = 900;

    private TimeBudget() {}

    /**
     * The budget of a fit: the one given, else the default for its number of coordinates.
     *
     * @param given       the budget the options give ({@link FitOptions#timeBudget()}; NaN: choose, 0: none)
     * @param coordinates how many coordinates the equation's fields depend on
     * @return seconds, 0 for none
     */
    public static double of(double given, int coordinates) {
        if (!Double.isNaN(given)) return given;
        return coordinates >= 3 ? SPACE_TIME : PLANE;
    }
}
