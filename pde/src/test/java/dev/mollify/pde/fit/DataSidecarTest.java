package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sidecar beside a data file: its truth read into the table, its faults named. */
class DataSidecarTest {
    @TempDir
    Path dir;

    @Test
    void theSidecarIsTheDataFilesNameWithJson() {
        assertEquals(dir.resolve("heat.json"), DataSidecar.of(dir.resolve("heat.csv")));
        assertEquals(dir.resolve("u.t.json"), DataSidecar.of(dir.resolve("u.t.npz")));
    }

    @Test
    void theTruthBecomesTableParameters() throws IOException {
        Path csv = dir.resolve("heat.csv");
        Files.writeString(csv, "x,t,u\n0,0,1\n1,0,2\n");
        Files.writeString(
                dir.resolve("heat.json"),
                "{\"problem\": \"heat\", \"grid\": {\"t\": 1, \"x\": 2}, \"columns\": [\"x\", \"t\", \"u\"],\n"
                        + " \"truth\": {\"D\": 0.1, \"k\": -2.5e-3}, \"note\": \"caf\\u00e9 \\\"q\\\"\", \"ok\": true, \"none\": null}");
        Table t = TableReader.read(csv, List.of());
        assertEquals(Map.of("truth.D", 0.1, "truth.k", -2.5e-3), t.parameters());
    }

    @Test
    void brokenSidecarsAreNamed() throws IOException {
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, "x,t,u\n0,0,1\n");
        Files.writeString(dir.resolve("a.json"), "{\"truth\": {\"D\": 0.1}");
        FitInputException e = assertThrows(FitInputException.class, () -> DataSidecar.truth(csv));
        assertEquals(FitInputException.Kind.DATA, e.kind());
        assertTrue(e.getMessage().contains("is not valid JSON: expected '}' at line 1"), e.getMessage());
        Files.writeString(dir.resolve("a.json"), "{\"truth\": [1, 2]}");
        assertTrue(assertThrows(FitInputException.class, () -> DataSidecar.truth(csv))
                .getMessage()
                .contains("must be an object of numbers"));
        Files.writeString(dir.resolve("a.json"), "[".repeat(500) + "\"truth\"" + "]".repeat(500));
        assertTrue(assertThrows(FitInputException.class, () -> DataSidecar.truth(csv))
                .getMessage()
                .contains("nested more than 64 deep"));
    }

    @Test
    void anotherJsonIsLeftAlone() throws IOException {
        Path csv = dir.resolve("b.csv");
        Files.writeString(csv, "x,t,u\n0,0,1\n");
        Files.writeString(dir.resolve("b.json"), "not json at all");
        assertEquals(Map.of(), DataSidecar.truth(csv));
    }

    @Test
    void oneWidthOrOnePerAxisThroughTheSameParser() {
        var grid = new dev.mollify.pde.pinn.Grid(
                List.of("t", "x"),
                List.of(dev.mollify.pde.pinn.Grid.uniform(0, 1, 11), dev.mollify.pde.pinn.Grid.uniform(0, 2, 41)));
        assertEquals(List.of(0.2, 0.2), box(MollifierWidths.perAxis("0.2", grid)));
        assertEquals(List.of(0.2, 0.3), box(MollifierWidths.perAxis("t=0.2,x=0.3", grid)));
        double[] auto = MollifierWidths.perAxis("auto", grid); // 4 spacings, at most a quarter of the axis
        assertEquals(0.25, auto[0], 1e-12);
        assertEquals(0.2, auto[1], 1e-12);
        FitInputException e = assertThrows(FitInputException.class, () -> MollifierWidths.perAxis("0.4", grid));
        assertEquals(
                "--delta 0.4 is too wide for the data along t; valid along t: 0.1500 ≤ δ ≤ 0.2500 (spacing 0.1000, length 1.000)",
                e.getMessage());
    }

    private static List<Double> box(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }
}
