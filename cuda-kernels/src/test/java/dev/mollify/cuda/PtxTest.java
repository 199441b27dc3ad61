package dev.mollify.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mollify.tensor.DType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The committed PTX: present, matching its source, and declaring the parameters the Java side packs. */
class PtxTest {
    static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void everyKernelSignatureMatchesThePtxEntry() {
        for (Kernel k : Kernel.values()) {
            String ptx = CudaContext.ptx(k.module());
            for (DType t : k.typed() ? new DType[] {DType.F32, DType.F64} : new DType[] {DType.F64}) {
                Matcher m = Pattern.compile("\\.entry " + k.symbol(t) + "\\(([^)]*)\\)")
                        .matcher(ptx);
                assertTrue(m.find(), "no .entry " + k.symbol(t) + " in " + k.module() + ".ptx");
                StringBuilder sig = new StringBuilder();
                for (String p : m.group(1).split(",")) {
                    String type = p.trim().split("\\s+")[1];
                    switch (type) {
                        case ".u64":
                            sig.append('p');
                            break;
                        case ".u32":
                            sig.append('i');
                            break;
                        case ".f64":
                            sig.append('d');
                            break;
                        default:
                            fail("unexpected parameter type " + type + " in " + k.symbol(t));
                    }
                }
                assertEquals(k.signature(), sig.toString(), "parameters of " + k.symbol(t));
            }
        }
    }

    @Test
    void launchConstantsMatchTheHeader() throws IOException {
        String h = Files.readString(MODULE.resolve("src/main/cuda/mollify_common.cuh"));
        Object[][] expected = {
            {"ROW_THREADS", LaunchGeometry.ROW_THREADS},
            {"ROW_RUN", LaunchGeometry.ROW_RUN},
            {"COL_WIDTH", LaunchGeometry.COL_WIDTH},
            {"COL_ROWS", LaunchGeometry.COL_ROWS},
            {"COL_RUN", LaunchGeometry.COL_RUN},
            {"TAP_THREADS", LaunchGeometry.TAP_THREADS},
            {"TAP_RUN", LaunchGeometry.TAP_RUN},
            {"TAP_TILE_F32", LaunchGeometry.TAP_TILE_F32},
            {"TAP_TILE_F64", LaunchGeometry.TAP_TILE_F64},
            {"REDUCE_THREADS", LaunchGeometry.REDUCE_THREADS},
            {"MODE_NONE", BoundaryCode.NONE.code()},
            {"MODE_ZERO", BoundaryCode.ZERO.code()},
            {"MODE_REFLECT", BoundaryCode.REFLECT.code()},
            {"MODE_REPLICATE", BoundaryCode.REPLICATE.code()},
            {"MODE_PERIODIC", BoundaryCode.PERIODIC.code()}
        };
        for (Object[] e : expected) {
            Matcher m = Pattern.compile("#define " + e[0] + " (\\d+)").matcher(h);
            assertTrue(m.find(), e[0] + " missing from mollify_common.cuh");
            assertEquals(e[1], Integer.parseInt(m.group(1)), e[0] + " differs between the header and the Java side");
        }
    }

    @Test
    void committedPtxMatchesItsSource() throws Exception {
        String nvcc = findOnPath("nvcc");
        assumeTrue(
                nvcc != null,
                "nvcc is not on the PATH: the PTX-matches-source check is skipped (install the CUDA toolkit to run it)");
        String version = run(List.of(nvcc, "--version"), MODULE);
        Matcher v = Pattern.compile("release (\\d+\\.\\d+), (V[\\d.]+)").matcher(version);
        assumeTrue(v.find(), "cannot read nvcc's version from: " + version);
        String committed = CudaContext.ptx(Kernel.MODULES[0]);
        assumeTrue(
                committed.contains("release " + v.group(1) + ", " + v.group(2)),
                "the committed PTX was made by another nvcc than " + v.group(2)
                        + "; compare skipped (regenerate with build-ptx.sh to adopt it)");
        Path tmp = Files.createTempDirectory("mollify-ptx");
        try {
            run(List.of("bash", MODULE.resolve("build-ptx.sh").toString(), tmp.toString()), MODULE);
            for (String module : Kernel.MODULES) {
                String fresh = Files.readString(tmp.resolve(module + ".ptx"), StandardCharsets.US_ASCII);
                assertEquals(
                        fresh,
                        CudaContext.ptx(module),
                        module + ".ptx is stale: run cuda-kernels/build-ptx.sh and commit the result");
            }
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : (Iterable<Path>) files::iterator) Files.delete(p);
            }
            Files.delete(tmp);
        }
    }

    static String findOnPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    static String run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd + " did not finish in 300 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), cmd + " failed:\n" + text);
        return text;
    }
}
