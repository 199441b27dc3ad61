package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sweep description expanded into fits: their order, names, command lines and builders. */
class SweepPlanTest {
    static final String SPEC = "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D=0.2:positive\"],"
            + " \"data\": [\"runs/heat.csv\", \"kdv.npz\"], \"noise\": [0.01, 0.05], \"seed\": 3,"
            + " \"fit\": {\"steps\": 300, \"hidden\": [16, 8], \"truth\": {\"D\": 0.1}, \"checkpoint-every\": 20}}";

    @Test
    void theProductIsInOrderWithTheNamesAndCommandLinesOfMollifySweep() {
        SweepPlan plan = SweepPlan.parse(SPEC, "sweep.json", FitJob.libraryOptions());
        assertEquals(
                List.of("fit-001-heat-n0.01", "fit-002-heat-n0.05", "fit-003-kdv-n0.01", "fit-004-kdv-n0.05"),
                plan.jobs().stream().map(FitJob::name).toList());
        FitJob second = plan.jobs().get(1);
        assertEquals(2, second.index());
        assertEquals("runs/heat.csv", second.data());
        assertEquals(Map.of("data", "runs/heat.csv", "noise", "0.05", "seed", "3"), second.values());
        assertEquals(
                List.of(
                        "--data",
                        "/d/heat.csv",
                        "--pde",
                        "u_t = D*u_xx",
                        "--unknown",
                        "D=0.2:positive",
                        "--steps",
                        "300",
                        "--hidden",
                        "16",
                        "--hidden",
                        "8",
                        "--truth",
                        "D=0.1",
                        "--checkpoint-every",
                        "20",
                        "--noise",
                        "0.05",
                        "--seed",
                        "3"),
                second.arguments("/d/heat.csv"));
        assertEquals(List.of("D"), second.unknowns());
    }

    @Test
    void aFitsBuilderHoldsEverySettingButTheData() {
        FitJob job = SweepPlan.parse(SPEC, "sweep.json", FitJob.libraryOptions())
                .jobs()
                .get(3);
        FitOptions o = job.builder()
                .table(new Table("t", List.of(), List.of(), Map.of()))
                .options();
        assertEquals("u_t = D*u_xx", o.pde());
        assertEquals(Map.of("D", 0.2), o.unknowns());
        assertEquals(List.of("D"), o.positive());
        assertEquals(Map.of("D", 0.1), o.truth());
        assertEquals(300, o.adamSteps());
        assertArrayEquals(new int[] {16, 8}, o.hidden());
        assertEquals(0.05, o.noise());
        assertEquals(3L, o.seed());
        assertEquals(20000, o.lbfgsIterations(), "a setting not given keeps mollify fit's default");
    }

    @Test
    void mistakesNameTheKeyAndTheFix() {
        FitInputException unknownKey = assertThrows(
                FitInputException.class,
                () -> SweepPlan.parse(
                        "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": \"D\", \"data\": \"a.csv\", \"seeds\": 1}",
                        "s.json",
                        FitJob.libraryOptions()));
        assertTrue(unknownKey.getMessage().startsWith("s.json: unknown key \"seeds\""), unknownKey.getMessage());
        FitInputException notLibrary = assertThrows(
                FitInputException.class,
                () -> SweepPlan.parse(
                        "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": \"D\", \"data\": \"a.csv\", \"fit\": {\"progress\": \"bar\"}}",
                        "s.json",
                        FitJob.libraryOptions()));
        assertTrue(notLibrary.getMessage().contains("fit.progress is set by the sweep"), notLibrary.getMessage());
        FitJob badSteps = SweepPlan.parse(
                        "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": \"D\", \"data\": \"a.csv\", \"fit\": {\"steps\": \"many\"}}",
                        "s.json",
                        FitJob.libraryOptions())
                .jobs()
                .get(0);
        FitInputException e = assertThrows(FitInputException.class, badSteps::builder);
        assertEquals("fit-001-a: --steps: 'many' is not a whole number", e.getMessage());
    }
}
