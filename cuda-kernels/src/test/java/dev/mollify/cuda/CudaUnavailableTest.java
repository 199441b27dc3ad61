package dev.mollify.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mollify.mollifier.Backends;
import dev.mollify.mollifier.ConvolutionBackend;
import dev.mollify.mollifier.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Without a GPU (CI): the backend says why it is unavailable, never crashes, and the CPU path is chosen. */
class CudaUnavailableTest {

    @Test
    void autoModeReportsUnavailableWithAReasonAndTheCpuBackendIsChosen() {
        String why = CudaContext.unavailableReason();
        assumeTrue(why != null, "a GPU is present: the no-GPU path is not exercised here");
        CudaBackend b = new CudaBackend(CudaMode.AUTO);
        assertFalse(b.available());
        assertFalse(b.available(), "asking twice is fine (logged once)");
        assertEquals(why, b.unavailableReason());
        assertFalse(why.isBlank());
        assertInstanceOf(CpuBackend.class, Backends.current(), "with CUDA unavailable the CPU backend is in use");
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class, CudaContext::get);
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void serviceLoaderFindsBothBackends() {
        List<String> names = new ArrayList<>();
        for (ConvolutionBackend b : ServiceLoader.load(ConvolutionBackend.class)) names.add(b.name());
        assertTrue(names.contains("cuda"), names.toString());
        assertTrue(names.contains("cpu-auto"), names.toString());
    }

    @Test
    void offModeIsNeverAvailableAndRefusesWork() {
        CudaBackend b = new CudaBackend(CudaMode.OFF);
        assertFalse(b.available());
        assertTrue(b.unavailableReason().contains("mollify.cuda=off"));
        CudaUnavailableException e = assertThrows(
                CudaUnavailableException.class,
                () -> b.correlate(new double[4], 1, new int[] {4}, new double[] {1}, new int[] {1}, new double[4]));
        assertTrue(e.getMessage().contains("off"), e.getMessage());
    }

    @Test
    void onModeIsChosenAndFailsLoudlyWithoutADevice() {
        String why = CudaContext.unavailableReason();
        assumeTrue(why != null, "a GPU is present");
        CudaBackend b = new CudaBackend(CudaMode.ON);
        assertTrue(b.available(), "forced on: chosen even without a device");
        CudaUnavailableException e = assertThrows(
                CudaUnavailableException.class,
                () -> b.correlate(new float[4], 1, new int[] {4}, new float[] {1}, new int[] {1}, new float[4]));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void theSwitchParsesAndRejectsNonsense() {
        assertEquals(CudaMode.AUTO, CudaMode.parse(null));
        assertEquals(CudaMode.AUTO, CudaMode.parse(" "));
        assertEquals(CudaMode.ON, CudaMode.parse("ON"));
        assertEquals(CudaMode.OFF, CudaMode.parse("off"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CudaMode.parse("gpu"));
        assertTrue(e.getMessage().contains("auto") && e.getMessage().contains("gpu"), e.getMessage());
    }

    @Test
    void badShapesAreRejectedBeforeAnyDeviceWork() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CudaBackend.checkCorrelate(10, 1, new int[] {10}, 3, new int[] {3}, 7));
        assertTrue(e.getMessage().contains("y has 7"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> CudaBackend.checkCorrelate(4, 1, new int[] {4}, 5, new int[] {5}, 1));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> CudaBackend.checkTaps(16, 1, new int[] {4, 4}, 4, new int[] {4}, 1));
        assertTrue(e.getMessage().contains("same rank"), e.getMessage());
        assertEquals(3, CudaBackend.checkTaps(20, 2, new int[] {10}, 16, new int[] {8}, 3)[0]);
    }

    @Test
    void cudaErrorsAreNamed() {
        CudaCallException e =
                new CudaCallException("cuModuleLoadData(mollify_taps.ptx)", 222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION");
        assertTrue(e.getMessage()
                .startsWith("cuModuleLoadData(mollify_taps.ptx) failed: CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222)"));
        assertTrue(e.getMessage().contains("driver"));
        assertNotNull(e.errorName());
    }
}
