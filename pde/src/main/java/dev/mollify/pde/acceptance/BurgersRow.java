package dev.mollify.pde.acceptance;

import dev.mollify.pde.forward.BurgersSolver;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.spec.Domain;



/**
 * Issue #5 acceptance row: Burgers {@code u_t + λ₁ u u_x − λ₂ u_xx = 0} with λ₁ = 1,
 * λ₂ = ν = 0.01/π ≈ 0.0031831 (Raissi et al. 2019), 0 % and 1 % noise; the bound is λ₁ within 0.5 %
 * and λ₂ within 2 %.
 *
 * <p>Data: the default {@link BurgersSolver} data set (256 x × 100 t on [−1, 1] × [0, 0.99],
 * u0 = −sin πx), every {@code strideT}-th time and {@code strideX}-th x ({@link Sampling#coarsen}),
 * then Gaussian noise σ = r·std(u) ({@link Sampling#addNoise}, seed 11 + seed). The front at
 * x = 0 is about 2ν ≈ 0.0064 wide — under one cell of the default grid — so δ must stay a few cells
 * wide or the smoothing biases λ₂.
 *
 * <p>Full size (prints one {@link RowResult} per route and noise level):
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp pde/target/classes:… dev.mollify.pde.acceptance.BurgersRow
 *   java … dev.mollify.pde.acceptance.BurgersRow routes=mollifier noise=0.01 adam=2000   (overrides: see main)
 * </pre>
 */
public final class BurgersRow {
    /** λ₁. */
    public static final double LAMBDA1 = 1.0;
    /** λ₂ = ν = 0.01/π. */
    public static final double LAMBDA2 = 0.01 / Math.PI;

    private BurgersRow() {}

    private static GridField clean;

    /** The default Burgers data set, solved once per JVM (≈ 1.5 s). */
    public static synchronized GridField cleanData() {
        if (clean == null) clean = BurgersSolver.solve(BurgersSolver.Params.defaults());
        return clean;
    }

    /** The problem for {@link TimeSpaceRow}. */
    public static final TimeSpaceRow.Problem PROBLEM = new TimeSpaceRow.Problem("burgers", BurgersRow::cleanData,
            "u_t + lambda1*u*u_x - lambda2*u_xx = 0", LAMBDA1, LAMBDA2, 11, d -> Domain.interval1dTime(-1, 1, d.axis("t")[0], d.axis("t")[d.axis("t").length - 1]));

    /** The CI size of {@code BurgersInverseTest}. */
    public static TimeSpaceRow.Config ci() {
        return new TimeSpaceRow.Config(2, 1, 0.25, new int[] {32, 32}, 300, 1e-2, 1500, 0.025, 0.01, 0.01, 1);
    }

    /** The documented full-size run. */
    public static TimeSpaceRow.Config full() {
        return new TimeSpaceRow.Config(1, 1, 0.25, new int[] {32, 32}, 300, 1e-2, 3000, 0.015, 0.01, 0.01, 1);
    }

    /** Fits one route at one noise level. */
    public static RowResult run(String route, double noise, TimeSpaceRow.Config c) {
        return TimeSpaceRow.run(PROBLEM, route, noise, c);
    }

    /** Runs {@link #full()} for both routes; overrides as key=value (see {@link TimeSpaceRow}): {@code ci=true routes= noise= strideT= …}. */
    public static void main(String[] args) {
        TimeSpaceRow.main(PROBLEM, args, "0,0.01", ci(), full());
    }
}
