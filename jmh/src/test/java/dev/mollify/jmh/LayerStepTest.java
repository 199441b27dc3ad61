package dev.mollify.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.tensor.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmark's step does the same work in F32 as in F64: the same losses to float precision. */
class LayerStepTest {
    static TrainingResult run(String problem, String route, DType dtype, int steps) {
        return LayerStepBenchmark.train(new LayerStepBenchmark.Step(problem, route, dtype), steps);
    }

    @ParameterizedTest
    @CsvSource({"heat, autodiff", "heat, mollifier", "burgers, autodiff", "burgers, mollifier"})
    void f32StepFollowsTheF64Step(String problem, String route) {
        TrainingResult first64 = run(problem, route, DType.F64, 1), first32 = run(problem, route, DType.F32, 1);
        TrainingResult f64 = run(problem, route, DType.F64, 20), f32 = run(problem, route, DType.F32, 20);
        assertEquals(first64.total(), first32.total(), 1e-4 * first64.total(), "loss after one step");
        assertEquals(f64.total(), f32.total(), 1e-3 * f64.total(), "loss after 20 steps");
        assertTrue(f64.total() < first64.total(), "Adam lowers the loss: " + first64.total() + " → " + f64.total());
    }
}
