package dev.mollify.tests.acceptance;

import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.KdvSolver;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.spec.Domain;

/**
 * Acceptance row: KdV {@code u_t + λ₁ u u_x + λ₂ u_xxx = 0} with λ₁ = 1, λ₂ = 0.0025
 * (Raissi et al. 2019), 1 % noise; the bound is λ₁ within 1 % and λ₂ within 3 %.
 *
 * <p>Data: the default {@link KdvSolver} data set (512 x × 201 t on [−1, 1) × [0, 1], u0 = cos πx,
 * periodic), every {@code strideT}-th time and {@code strideX}-th x ({@link Sampling#coarsen}), times
 * t ≤ tMax, then Gaussian noise σ = r·std(u) ({@link Sampling#addNoise}, seed 13 + seed). The
 * mollifier route's derivatives are O(h²) differences of û, so h_x sets a floor on the λ₂ error:
 * least squares on the exact data with the same stencils gives 0.3 % at stride (4, 2), t ≤ 0.3,
 * but 1.5–2.8 % at stride x 4.
 *
 * <p>Full size (prints one {@link RowResult} per route and noise level):
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp tests/target/classes:$(cat tests/target/classpath.txt) dev.mollify.tests.acceptance.KdvRow
 *   java … dev.mollify.tests.acceptance.KdvRow routes=mollifier noise=0.01 adam=2000   (overrides: see main)
 * </pre>
 */
public final class KdvRow {
    /** λ₁. */
    public static final double LAMBDA1 = 1.0;
    /** λ₂. */
    public static final double LAMBDA2 = 0.0025;

    private KdvRow() {}

    private static GridField clean;

    /** The default KdV data set, solved once per JVM (≈ 0.3 s). */
    public static synchronized GridField cleanData() {
        if (clean == null) clean = KdvSolver.solve(KdvSolver.Params.defaults());
        return clean;
    }

    /** The problem for {@link TimeSpaceRow}. */
    public static final TimeSpaceRow.Problem PROBLEM = new TimeSpaceRow.Problem(
            "kdv",
            KdvRow::cleanData,
            "u_t + lambda1*u*u_x + lambda2*u_xxx = 0",
            LAMBDA1,
            LAMBDA2,
            13,
            d -> Domain.interval1dTime(
                    d.axis("x")[0],
                    d.axis("x")[d.axis("x").length - 1],
                    d.axis("t")[0],
                    d.axis("t")[d.axis("t").length - 1]));

    /** The CI size of {@code KdvInverseTest}. */
    public static TimeSpaceRow.Config ci() {
        return new TimeSpaceRow.Config(
                4,
                2,
                0.3,
                new int[] {32, 32},
                300,
                1e-2,
                1500,
                0.025,
                0.01,
                0.01,
                1,
                DerivativeKernels.Method.DIFFERENCES);
    }

    /** The documented full-size run. */
    public static TimeSpaceRow.Config full() {
        return new TimeSpaceRow.Config(
                2,
                1,
                0.5,
                new int[] {32, 32},
                300,
                1e-2,
                3000,
                0.015,
                0.005,
                0.01,
                1,
                DerivativeKernels.Method.DIFFERENCES);
    }

    /** Fits one route at one noise level. */
    public static RowResult run(String route, double noise, TimeSpaceRow.Config c) {
        return TimeSpaceRow.run(PROBLEM, route, noise, c);
    }

    /**
     * Runs {@link #full()} for both routes; overrides as key=value (see {@link TimeSpaceRow}):
     * {@code ci=true routes= noise= strideT= …}.
     */
    public static void main(String[] args) {
        TimeSpaceRow.main(PROBLEM, args, "0.01", ci(), full());
    }
}
