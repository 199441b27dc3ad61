package dev.mollify.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every CUDA kernel, run on the CPU through src/test/cuda/cuda_emulator.h (emulate-check.sh) against
 * reference loops: the kernels' arithmetic, tiling, boundary mapping and reductions, checked without
 * a GPU. Needs g++ (skipped otherwise); runs in the default surefire execution only, since the Java
 * kernel mode (-Dmollify.simd) does not touch it.
 */
class EmulatedKernelsTest {
    @Test
    void everyKernelMatchesItsReferenceOnTheCpu() throws Exception {
        assumeFalse(
                "false".equals(System.getProperty("mollify.simd")), "emulation runs once, in the Vector API execution");
        assumeTrue(PtxTest.findOnPath("g++") != null, "g++ is not on the PATH: kernel emulation skipped");
        assumeTrue(
                "amd64".equals(System.getProperty("os.arch")) || "x86_64".equals(System.getProperty("os.arch")),
                "the emulator's fiber switch is x86-64 only");
        Path build = Files.createTempDirectory("mollify-emulate");
        String out = PtxTest.run(
                List.of("bash", PtxTest.MODULE.resolve("emulate-check.sh").toString(), build.toString()),
                PtxTest.MODULE);
        Matcher m = Pattern.compile("(\\d+) passed, (\\d+) failed").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(0, Integer.parseInt(m.group(2)), out);
        assertTrue(Integer.parseInt(m.group(1)) > 400, out);
        try (var files = Files.list(build)) {
            for (Path p : (Iterable<Path>) files::iterator) Files.delete(p);
        }
        Files.delete(build);
    }
}
