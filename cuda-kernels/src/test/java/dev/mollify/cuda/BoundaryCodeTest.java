package dev.mollify.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mollify.mollifier.Boundary;
import dev.mollify.tensor.PadMode;
import dev.mollify.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The kernels' boundary index map (mirrored in Java) equals Tensor.pad for every mode and size it allows. */
class BoundaryCodeTest {

    @Test
    void sourceIndexMatchesTensorPad() {
        for (Boundary b : new Boundary[] {Boundary.ZERO, Boundary.REFLECT, Boundary.REPLICATE, Boundary.PERIODIC}) {
            BoundaryCode code = BoundaryCode.of(b);
            PadMode mode = b == Boundary.ZERO
                    ? PadMode.ZERO
                    : b == Boundary.REFLECT
                            ? PadMode.REFLECT
                            : b == Boundary.REPLICATE ? PadMode.REPLICATE : PadMode.CIRCULAR;
            for (int n = 1; n <= 7; n++) {
                int maxPad = b == Boundary.REFLECT ? n - 1 : b == Boundary.PERIODIC ? n : 9;
                for (int pad = 0; pad <= maxPad; pad++) {
                    double[] ramp = new double[n];
                    for (int i = 0; i < n; i++) ramp[i] = i + 1; // value = index + 1, zero marks padding
                    double[] padded = Tensor.of(ramp, n).pad(0, pad, pad, mode).toDoubleArray();
                    for (int p = 0; p < n + 2 * pad; p++) {
                        long s = code.source(p - pad, n);
                        assertEquals(
                                padded[p], s < 0 ? 0.0 : s + 1.0, b + " n=" + n + " pad=" + pad + " at " + (p - pad));
                    }
                }
            }
        }
    }

    @Test
    void validAndExtendedNeverPad() {
        assertEquals(BoundaryCode.NONE, BoundaryCode.of(Boundary.VALID));
        assertEquals(BoundaryCode.NONE, BoundaryCode.of(Boundary.EXTENDED));
        assertEquals(-1, BoundaryCode.NONE.source(-1, 5));
        assertEquals(4, BoundaryCode.NONE.source(4, 5));
    }
}
