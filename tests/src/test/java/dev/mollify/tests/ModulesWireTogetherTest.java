package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Cross-module smoke test: the integration module sees tensor and autograd through the reactor. */
class ModulesWireTogetherTest {
    @Test
    void secondDerivativeOfCubeThroughAllLayers() {
        Var x = Var.param(Tensor.vector(2.0));
        Var y = x.pow(3.0);
        Var dy = Autograd.grad(y.sum(), x, null, true);
        Var d2y = Autograd.grad(dy.sum(), x, null, false);
        assertEquals(12.0, d2y.value().item(), 1e-12);
    }
}
