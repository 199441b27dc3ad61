package dev.mollify.pde.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChromatinSolverTest {
    @Test
    void paperGridSteadyStateResidual() {
        for (ChromatinSolver.Params p : new ChromatinSolver.Params[] {
            ChromatinSolver.Params.defaults(), ChromatinSolver.Params.defaultsVaryingLambda()
        }) {
            ChromatinSolver.Result r = ChromatinSolver.solve(p);
            assertTrue(r.residual() < 1e-8, "max |R| " + r.residual());
            assertEquals(201, r.phiD().shape()[0]);
            assertEquals(201, r.phiD().shape()[1]);
            assertTrue(r.phiD().std() > 1e-3, "non-trivial steady state");
            // periodic edge repeated
            assertEquals(r.phiD().at(0, 7), r.phiD().at(200, 7));
        }
    }

    @Test
    void spectralSelfConvergenceAndSecondOrderFiniteDifferenceResidual() {
        ChromatinSolver.Params p = ChromatinSolver.Params.defaultsVaryingLambda();
        ChromatinSolver.Result ref = ChromatinSolver.solve(p.withGrid(160));
        int[] n = {40, 80};
        double[] fd = new double[2];
        for (int i = 0; i < 2; i++) {
            ChromatinSolver.Result r = ChromatinSolver.solve(p.withGrid(n[i]));
            int stride = 160 / n[i];
            double[] coarseRef = Sampling.coarsen(ref.phiD(), stride, stride).values();
            double diff = Stats.relMax(r.phiD().values(), coarseRef);
            assertTrue(diff < 1e-9, "n = " + n[i] + " vs 160: " + diff);
            fd[i] = Stats.maxAbs(ChromatinSolver.finiteDifferenceResidual(r.phiD(), r.phiW(), r.lambda(), p.eps()));
        }
        // an independent 5-point evaluation of R shrinks like h^2 on the spectral steady state
        OrderCheck.assertOrder(2, 0.2, fd);
    }

    @Test
    void rejectsBadParameters() {
        ChromatinSolver.Params p = ChromatinSolver.Params.defaults();
        assertThrows(
                IllegalArgumentException.class,
                () -> new ChromatinSolver.Params(-0.03, p.lambda(), p.phiW(), 10, 64, 1, 1e-10, 100));
        IllegalArgumentException lam = assertThrows(
                IllegalArgumentException.class,
                () -> ChromatinSolver.solve(p.withGrid(32).withLambda(Profile2D.constant("lambda", -1))));
        assertTrue(lam.getMessage().contains("lambda"), lam.getMessage());
        IllegalArgumentException coarse = assertThrows(
                IllegalArgumentException.class,
                () -> ChromatinSolver.solve(
                        ChromatinSolver.Params.defaultsVaryingLambda().withGrid(16)));
        assertTrue(coarse.getMessage().contains("too coarse"), coarse.getMessage());
    }
}
