package dev.mollify.autograd.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class LbfgsTest {
    /** f(x, y) = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1). */
    static Var rosenbrock(Var x, Var y) {
        return x.rsub(1.0).square().add(y.sub(x.square()).square().mul(100.0));
    }

    record Run(double f, int iterations, int evals, double[] point) {}

    static Run minimiseRosenbrock() {
        Var x = Var.param(Tensor.scalar(-1.2));
        Var y = Var.param(Tensor.scalar(1.0));
        Parameters p = new Parameters().add("x", x).add("y", y);
        Lbfgs opt = Lbfgs.builder(p)
                .maxIter(100)
                .toleranceGrad(1e-10)
                .toleranceChange(1e-14)
                .build();
        opt.step(LossClosure.of(p, () -> rosenbrock(x, y)));
        double f = rosenbrock(x, y).item();
        return new Run(f, opt.iterations(), opt.functionEvaluations(), p.flatValues());
    }

    @Test
    void minimisesRosenbrockFromTheClassicStart() {
        Run r = minimiseRosenbrock();
        String run = "f = " + r.f + " after " + r.iterations + " iterations, " + r.evals + " evaluations";
        assertTrue(r.f < 1e-8, run);
        assertTrue(r.iterations < 100, run); // 37 iterations, 45 evaluations when written
        assertEquals(1.0, r.point[0], 1e-4);
        assertEquals(1.0, r.point[1], 1e-4);
        Run again = minimiseRosenbrock();
        assertEquals(r.iterations, again.iterations);
        assertArrayEquals(r.point, again.point, 0.0);
    }

    @Test
    void solvesAQuadraticToTolerance() {
        // f(w) = ½ wᵀAw − bᵀw with A = diag(1 … 5) + 0.5·(ones), minimiser A⁻¹b. (BFGS with an exact line search would
        // stop after n = 5 iterations; the Wolfe search accepts inexact steps, so allow a few more.)
        int n = 5;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i * n + j] = (i == j ? i + 1 : 0) + 0.5;
        Var aMat = Var.constant(Tensor.of(a, n, n));
        Var b = Var.constant(Tensor.of(new double[] {1, -1, 2, 0, 3}, n, 1));
        Var w = Var.param(Tensor.zeros(n, 1));
        Parameters p = Parameters.of(w);
        LossClosure loss = LossClosure.of(
                p,
                () -> w.t().matmul(aMat).matmul(w).mul(0.5).sub(b.t().matmul(w)).sum());
        Lbfgs opt = Lbfgs.builder(p)
                .maxIter(50)
                .toleranceGrad(1e-9)
                .toleranceChange(1e-16)
                .build();
        opt.step(loss);
        // residual A·w − b
        double[] r = aMat.value().matmul(w.value()).sub(b.value()).toDoubleArray();
        for (double ri : r) assertEquals(0.0, ri, 1e-8);
        assertTrue(opt.iterations() <= 4 * n, "iterations " + opt.iterations()); // 13 when written
    }

    @Test
    void historyCarriesOverBetweenSteps() {
        Var x = Var.param(Tensor.scalar(-1.2));
        Var y = Var.param(Tensor.scalar(1.0));
        Parameters p = new Parameters().add("x", x).add("y", y);
        Lbfgs opt = Lbfgs.builder(p)
                .maxIter(5)
                .toleranceChange(1e-14)
                .toleranceGrad(1e-10)
                .build();
        LossClosure c = LossClosure.of(p, () -> rosenbrock(x, y));
        for (int i = 0; i < 30 && rosenbrock(x, y).item() > 1e-10; i++) opt.step(c);
        assertTrue(rosenbrock(x, y).item() < 1e-8);
        assertTrue(opt.iterations() < 100, "iterations " + opt.iterations());
    }

    /** Rosenbrock from (−1.2, 1) by {@code calls} calls of {@code maxIter} iterations; evaluations counted by the closure. */
    static Run rosenbrockInCalls(int calls, int maxIter, boolean restoreEachCall) {
        Var x = Var.param(Tensor.scalar(-1.2));
        Var y = Var.param(Tensor.scalar(1.0));
        Parameters p = new Parameters().add("x", x).add("y", y);
        Lbfgs.Builder b = Lbfgs.builder(p)
                .maxIter(maxIter)
                .maxEval(1000)
                .toleranceGrad(1e-10)
                .toleranceChange(1e-14);
        Lbfgs opt = b.build();
        int[] evaluations = {0};
        LossClosure c = () -> {
            evaluations[0]++;
            return LossClosure.of(p, () -> rosenbrock(x, y)).evaluate();
        };
        for (int i = 0; i < calls && !opt.converged(); i++) {
            if (restoreEachCall) {
                Lbfgs.State s = opt.state();
                opt = b.build();
                opt.loadState(s);
            }
            opt.step(c);
        }
        assertEquals(evaluations[0], opt.functionEvaluations());
        return new Run(rosenbrock(x, y).item(), opt.iterations(), evaluations[0], p.flatValues());
    }

    @Test
    void oneIterationCallsFollowOneLongCallAtItsCost() {
        Run whole = rosenbrockInCalls(1, 30, false);
        Run split = rosenbrockInCalls(30, 1, false);
        Run restored = rosenbrockInCalls(30, 1, true);
        assertEquals(30, whole.iterations());
        for (Run r : List.of(split, restored)) {
            assertEquals(whole.iterations(), r.iterations());
            assertArrayEquals(whole.point(), r.point(), 0.0);
            assertEquals(whole.f(), r.f(), 0.0);
            // one evaluation for the start plus the line searches': a call reuses the point the previous one accepted
            assertEquals(whole.evals(), r.evals());
        }
        assertTrue(whole.evals() < 2 * whole.iterations(), whole.evals() + " evaluations");
    }

    @Test
    void aCallAfterTheParametersChangedEvaluatesAgain() {
        Var w = Var.param(Tensor.vector(3.0, -2.0));
        Parameters p = Parameters.of(w);
        Lbfgs opt = Lbfgs.builder(p).maxIter(1).build();
        LossClosure c = LossClosure.of(p, () -> w.square().sum().add(w.sum()));
        opt.step(c);
        int evals = opt.functionEvaluations();
        p.assignFlat(new double[] {1.0, 1.0});
        assertEquals(4.0, opt.step(c), 0.0);
        assertTrue(opt.functionEvaluations() >= evals + 2, "start evaluated again, then the line search");
    }

    @Test
    void fixedStepVariantDescends() {
        Var w = Var.param(Tensor.vector(3.0, -2.0));
        Parameters p = Parameters.of(w);
        Lbfgs opt = Lbfgs.builder(p)
                .lineSearch(Lbfgs.LineSearch.NONE)
                .lr(0.5)
                .maxIter(40)
                .toleranceChange(1e-16)
                .build();
        opt.step(LossClosure.of(p, () -> w.square().sum()));
        assertTrue(w.value().square().sum().item() < 1e-10, w.toString());
    }

    @Test
    void cubicInterpolationFindsTheMinimumOfACubic() {
        // f(x) = x³ − 3x on [0, 2]: minimiser x = 1; f(0) = 0, f'(0) = −3, f(2) = 2, f'(2) = 9
        assertEquals(1.0, Lbfgs.cubicInterpolate(0, 0, -3, 2, 2, 9, 0, 2), 1e-15);
        assertEquals(1.0, Lbfgs.cubicInterpolate(2, 2, 9, 0, 0, -3, 0, 2), 1e-15);
        // clamped to the bounds
        assertEquals(0.5, Lbfgs.cubicInterpolate(0, 0, -3, 2, 2, 9, 0, 0.5), 0.0);
    }

    @Test
    void stepWithoutClosureIsRejected() {
        Lbfgs opt = Lbfgs.builder(Parameters.of(Var.param(Tensor.scalar(1.0)))).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
        assertTrue(e.getMessage().contains("LossClosure"));
    }
}
