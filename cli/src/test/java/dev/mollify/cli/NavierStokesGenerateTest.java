package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate --problem navier-stokes writes u, v with the truths p_true, w_true, records l1 and l2, and
 * suggests the fit, in which the pressure p is an unmeasured field. A coarse, viscous, short run keeps it
 * fast.
 */
class NavierStokesGenerateTest {
    @TempDir
    Path dir;

    /** Too coarse to trust (hence the raised residualLimit), but the columns and the sidecar are the real ones. */
    private static final String[] SMALL = {
        "--grid",
        "64x32",
        "--set",
        "viscosity=0.05",
        "--set",
        "tStart=0.5",
        "--set",
        "tEnd=1",
        "--set",
        "nt=3",
        "--set",
        "residualLimit=1"
    };

    private CliRunner generate(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("generate", "--problem", "navier-stokes"));
        args.addAll(List.of(SMALL));
        args.addAll(List.of(extra));
        args.addAll(List.of("--out", out.toString()));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void writesVelocityWithPressureAndVorticityTruthsAndL1L2() throws IOException {
        Path data = dir.resolve("ns.csv");
        CliRunner g = generate(data);
        assertEquals(0, g.code(), g.toString());
        List<String> lines = Files.readAllLines(data);
        assertEquals("x,y,t,u,v,p_true,w_true", lines.get(0));
        // window [6, 10] x [2, 6] on a 0.25 grid, every second node: 9 x 9 nodes, 3 times
        assertEquals(1 + 9 * 9 * 3, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals(6.0, Double.parseDouble(first[0]));
        assertEquals(2.0, Double.parseDouble(first[1]));
        assertEquals(0.5, Double.parseDouble(first[2]));
        String json = Files.readString(dir.resolve("ns.json"));
        assertTrue(json.contains("\"truth\": {\n    \"l1\": 1.0,\n    \"l2\": 0.05\n  }"), json);
        assertTrue(json.contains("\"columns\": [\"x\", \"y\", \"t\", \"u\", \"v\", \"p_true\", \"w_true\"]"), json);
        assertTrue(json.contains("\"fit\": \"mollify fit --data"), json);
        assertTrue(
                json.contains("u_t + l1*(u*u_x + v*u_y) = -p_x + l2*(u_xx + u_yy); v_t + l1*(u*v_x + v*v_y) ="
                        + " -p_y + l2*(v_xx + v_yy); u_x + v_y = 0"),
                json);
        assertTrue(g.out().contains("fit it with"), g.out());
        assertTrue(g.out().contains("--unknown l1=0.5 --unknown l2=0.05:positive"), g.out());
    }

    @Test
    void npzHoldsTheGridAndEveryField() throws IOException {
        Path data = dir.resolve("ns.npz");
        CliRunner g = generate(data, "--noise", "0.01");
        assertEquals(0, g.code(), g.toString());
        try (ZipFile z = new ZipFile(data.toFile())) {
            for (String name : List.of("t", "y", "x", "u", "v", "p_true", "w_true"))
                assertTrue(z.getEntry(name + ".npy") != null, name + " missing");
        }
    }

    @Test
    void aGridTooCoarseForTheWindowIsRefused() {
        CliRunner g = CliRunner.run(
                "generate",
                "--problem",
                "navier-stokes",
                "--grid",
                "64x32",
                "--set",
                "tStart=0.5",
                "--set",
                "tEnd=1",
                "--set",
                "nt=3",
                "--out",
                dir.resolve("coarse.csv").toString());
        assertEquals(ExitCode.USAGE, g.code(), g.toString());
        assertTrue(
                g.err().contains("navier-stokes: grid too coarse: nx x ny = 64 x 32 leaves a momentum residual"),
                g.err());
        assertTrue(g.err().contains("raise nx and ny"), g.err());
    }

    @Test
    void listShowsTheParametersAndTheGrid() {
        CliRunner g = CliRunner.run("generate", "--problem", "navier-stokes", "--list");
        assertEquals(0, g.code(), g.toString());
        assertTrue(g.out().contains("  viscosity = 0.01\n"), g.out());
        assertTrue(g.out().contains("--grid sets nx x ny"), g.out());
    }
}
