package dev.mollify.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Argument packing is checked against each kernel's signature before anything reaches the device. */
class LaunchArgsTest {

    @Test
    void packsInOrderAndRecordsTheSignature() {
        LaunchArgs a = new LaunchArgs()
                .ptr((DeviceArray) null)
                .ptr((DeviceArray) null)
                .i(7)
                .i(true)
                .ptr((DeviceArray) null);
        assertEquals("ppiip", a.signature());
        assertEquals(5, a.size());
        assertNotNull(a.pack(Kernel.WIDTH_DOT));
        LaunchArgs s = new LaunchArgs()
                .i(0)
                .d(0)
                .d(0.2)
                .i(1)
                .ints(2, 0, 0)
                .d(0.1)
                .d(0)
                .d(0)
                .ptr((DeviceArray) null)
                .ptr((DeviceArray) null)
                .ptr((DeviceArray) null)
                .ptr((DeviceArray) null);
        assertEquals(Kernel.SAMPLE_TAPS.signature(), s.signature());
    }

    @Test
    void aWrongArgumentListIsRefused() {
        LaunchArgs a = new LaunchArgs().ptr((DeviceArray) null).i(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.pack(Kernel.NARROW));
        assertTrue(e.getMessage().contains("pi") && e.getMessage().contains("ppi"), e.getMessage());
    }

    @Test
    void typedKernelsNameTheirPrecision() {
        assertEquals("correlate_rows_f32", Kernel.CORRELATE_ROWS.symbol(dev.mollify.tensor.DType.F32));
        assertEquals("tap_nd_f64", Kernel.TAP_ND.symbol(dev.mollify.tensor.DType.F64));
        assertEquals("reduce_taps", Kernel.REDUCE_TAPS.symbol(dev.mollify.tensor.DType.F32));
    }
}
