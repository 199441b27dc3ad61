package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.pde.spec.Domain;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An unknown field of fewer coordinates than the domain's ({@link Pinn.Builder#unknownFieldInputs}) has a
 * network of its own coordinates: the same value wherever they agree, an output after the fields of every
 * coordinate, trainable parameters, and its tensors and inputs in the exported file.
 */
class FieldNetworkTest {
    private static final Domain XT = Domain.box(new Domain.Axis("x", -1, 3), new Domain.Axis("t", 0, 2));

    private static Pinn net() {
        return Pinn.builder(XT)
                .fields("u")
                .unknownFields("k", "q")
                .unknownFieldInputs("k", "x")
                .hidden(7, 5)
                .seed(4)
                .build();
    }

    @Test
    void aFieldOfXIsTheSameAtEveryTime() {
        Pinn net = net();
        assertEquals(List.of("u", "q", "k"), net.outputs());
        assertEquals(List.of("x"), net.fieldNetworks().get("k").inputs());
        double[] flat = {0.3, 0.0, 0.3, 1.1, 0.3, 2.0, 2.5, 0.7};
        Var out = net.forward(Var.constant(Tensor.of(flat, 4, 2)));
        double[] k = net.output(out, "k").value().toDoubleArray();
        double[] q = net.output(out, "q").value().toDoubleArray();
        assertEquals(k[0], k[1], 0.0);
        assertEquals(k[0], k[2], 0.0);
        assertNotEquals(k[0], k[3]);
        assertNotEquals(q[0], q[1]); // a field of every coordinate still varies in t
    }

    @Test
    void itsParametersTrainAndItsDerivativeInTIsZero() {
        Pinn net = net();
        assertTrue(
                net.parameters().names().stream().anyMatch(n -> n.startsWith("fieldNet.k")),
                net.parameters().names().toString());
        Var p = Var.param(Tensor.of(new double[] {0.3, 1.1, 2.0, 0.4}, 2, 2));
        Var k = net.output(net.forward(p), "k");
        double[] g = Autograd.grad(k.sum(), p).value().toDoubleArray();
        assertEquals(0.0, g[1], 0.0);
        assertEquals(0.0, g[3], 0.0);
        assertNotEquals(0.0, g[0]);
    }

    @Test
    void theExportNamesItsInputsAndLayers() {
        Pinn net = net();
        Map<String, String> m = PinnExport.metadata(net, Map.of());
        assertEquals("k", m.get("field_nets"));
        assertEquals("x", m.get("field_net.k.inputs"));
        assertEquals("3", m.get("field_net.k.layers"));
        assertEquals("u,q,k", m.get("outputs"));
        var t = PinnExport.tensors(net, Map.of());
        assertEquals(7, t.get("field_net.k.0.weight").shape()[0]);
        assertEquals(1, t.get("field_net.k.0.weight").shape()[1]);
    }

    @Test
    void badDeclarationsAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Pinn.builder(XT).unknownFields("k").unknownFieldInputs("k", "y"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Pinn.builder(XT).unknownFields("k").unknownFieldInputs("k", "x", "t"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Pinn.builder(XT)
                        .unknownFields("k")
                        .unknownFieldInputs("q", "x")
                        .build());
    }
}
