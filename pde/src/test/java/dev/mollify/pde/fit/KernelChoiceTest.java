package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.mollifier.DerivativeKernels;
import dev.mollify.mollifier.DerivativeKernels.Method;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.SampledKernel;
import dev.mollify.mollifier.Window;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.spec.PdeSpec;
import org.junit.jupiter.api.Test;

/**
 * The auto derivative kernels of the trained route ({@link MollifierWidths#forTraining}): where the data are
 * fitted by û = ĝ∗W, the derivative kernels must differentiate û itself, and only the differences of W do.
 */
class KernelChoiceTest {
    /** The x axis of the two-field data on 64 nodes over [−1, 1), and the width the δ scan picks there. */
    private static final double H = 2.0 / 64, DELTA = 0.196875;

    /**
     * Re of D(ξ) / ((iξ)^k W(ξ)) − 1 for correlation taps D (offsets −M_D..M_D) and W (−M_W..M_W): how far the
     * k-th derivative the kernel D takes of ĝ is from the k-th derivative of û = ĝ∗W, for ĝ = e^{iξx}.
     */
    private static double consistency(double[] d, double[] w, int k, double xi) {
        double dRe = 0, dIm = 0, wRe = 0, wIm = 0;
        int md = d.length / 2, mw = w.length / 2;
        for (int n = -md; n <= md; n++) {
            dRe += d[n + md] * Math.cos(xi * n * H);
            dIm += d[n + md] * Math.sin(xi * n * H);
        }
        for (int n = -mw; n <= mw; n++) {
            wRe += w[n + mw] * Math.cos(xi * n * H);
            wIm += w[n + mw] * Math.sin(xi * n * H);
        }
        // (iξ)^k W(ξ) for k = 2: −ξ² W(ξ)
        assertEquals(2, k, "written for the second derivative");
        double denRe = -xi * xi * wRe, denIm = -xi * xi * wIm;
        double den2 = denRe * denRe + denIm * denIm;
        return (dRe * denRe + dIm * denIm) / den2 - 1;
    }

    @Test
    void differencesDifferentiateTheMollifiedFieldAndAnalyticKernelsDoNot() {
        KernelFamily bump = KernelFamily.bump();
        Window window = Window.covering(H, DELTA, 0);
        double[] w = SampledKernel.sample(bump, window, DELTA).taps();
        double[] differences = DerivativeKernels.kernel(bump, window, DELTA, 2, Method.DIFFERENCES);
        double[] analytic = DerivativeKernels.kernel(bump, window, DELTA, 2, Method.ANALYTIC_MOMENTS);
        for (double xi : new double[] {Math.PI, 2 * Math.PI}) {
            double stencil = (2 * Math.cos(xi * H) - 2) / (H * H) / (-xi * xi) - 1; // the 3-point stencil's own error
            assertEquals(stencil, consistency(differences, w, 2, xi), 1e-12, "differences at ξ = " + xi);
        }
        // sin(πx) and cos(2πx), the two-field data's modes: the analytic u_xx of û is 0.8 % and 3.3 % off
        assertTrue(consistency(analytic, w, 2, Math.PI) > 0.005, "analytic at π");
        assertTrue(consistency(analytic, w, 2, 2 * Math.PI) > 0.03, "analytic at 2π");
    }

    @Test
    void theTrainedRouteTakesDifferencesUnlessTheEquationHasAFluxTerm() {
        Grid grid = new Grid(
                java.util.List.of("t", "x"), java.util.List.of(Grid.uniform(0, 3, 51), Grid.uniform(-1, 1 - H, 64)));
        double[] wide = {0.33, DELTA}; // 5.5 and 6.3 spacings: analytic where the data are fitted by ĝ
        PdeSpec twoFields = PdeSpec.parse("u_t = D*u_xx - k*u*v^2; v_t = D*v_xx - 2*k*u*v^2")
                .unknown("D", 1)
                .unknown("k", 1)
                .build();
        PdeSpec burgers = PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
                .unknown("a", 1)
                .unknown("b", 1)
                .build();
        PdeSpec learnedField = PdeSpec.parse("u_t = D*u_xx + k(x)*u*(1 - u)")
                .unknown("D", 1)
                .unknownField("k", "x")
                .build();
        assertEquals(Method.ANALYTIC_MOMENTS, MollifierWidths.forWidths(wide, grid));
        assertEquals(Method.SIXTH_ORDER_DIFFERENCES, MollifierWidths.forTraining(wide, grid, twoFields));
        assertEquals(Method.ANALYTIC_MOMENTS, MollifierWidths.forTraining(wide, grid, burgers));
        assertEquals(
                Method.SIXTH_ORDER_DIFFERENCES, MollifierWidths.forTraining(new double[] {0.24, 0.125}, grid, burgers));
        // a learned field keeps the three-point stencils in the trained route (docs/math.md, "Widths")
        assertEquals(Method.DIFFERENCES, MollifierWidths.forTraining(wide, grid, learnedField));
    }

    /** Third and higher derivatives: the network's kernels are differences at every width; lower orders: per width. */
    @Test
    void theNetworksDerivativesTakeDifferencesFromTheThirdOrderOn() {
        PdeSpec kdv = PdeSpec.parse("u_t + a*u*u_x + b*u_xxx = 0")
                .unknown("a", 1)
                .unknown("b", 1)
                .build();
        PdeSpec ks = PdeSpec.parse("u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0")
                .unknown("a", 1)
                .unknown("b", 1)
                .unknown("c", 1)
                .build();
        PdeSpec burgers = PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
                .unknown("a", 1)
                .unknown("b", 1)
                .build();
        assertEquals(Method.SIXTH_ORDER_DIFFERENCES, MollifierWidths.forNetwork(kdv));
        assertEquals(Method.SIXTH_ORDER_DIFFERENCES, MollifierWidths.forNetwork(ks));
        assertEquals(null, MollifierWidths.forNetwork(burgers));
    }
}
