package dev.mollify.autograd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    @Test
    void adamThenLbfgsRecoversTheUnknownsAndReportsThemEveryStep() {
        TinyModels.Line m = new TinyModels.Line();
        TrainingResult r = Trainer.builder(m)
                .adamSteps(40)
                .lr(0.05)
                .lbfgsIterations(30)
                .lbfgsTolerances(1e-14, 1e-24)
                .seed(1)
                .build()
                .run();

        assertEquals(2.0, r.unknowns().get("a"), 1e-9, r.stopReason());
        assertEquals(0.5, r.unknowns().get("b"), 1e-9);
        assertTrue(r.total() < 1e-18, "final loss " + r.total());
        assertTrue(r.steps() > 40 && r.steps() < 70, "L-BFGS took a few steps: " + r.steps());
        assertTrue(r.stopReason().startsWith("L-BFGS converged"), r.stopReason());
        assertEquals(Phase.ADAM, r.history().get(39).phase());
        assertEquals(Phase.LBFGS, r.history().get(40).phase());
        for (int i = 0; i < r.steps(); i++) {
            StepRecord s = r.history().get(i);
            assertEquals(i + 1, s.step());
            assertEquals(List.of("a", "b"), List.copyOf(s.unknowns().keySet()));
            assertEquals(List.of("data", "residual"), List.copyOf(s.terms().keySet()));
        }
        // the first row is the starting point a = b = 0
        assertEquals(0.0, r.history().get(0).unknowns().get("a"));
        // Adam reduced the loss, L-BFGS reduced it much further
        assertTrue(r.history().get(39).total() < r.history().get(0).total() * 0.1);
        assertTrue(r.total() < r.history().get(39).total() * 1e-12);
        assertTrue(r.allocatedBytes() > 0 && r.peakLiveBytes() > 0, r.peakLiveBytes() + " / " + r.allocatedBytes());
        assertEquals(r.history().size(), r.unknownSeries("a").length);
    }

    /** A model that counts its loss evaluations in the L-BFGS phase. */
    static final class CountingModel implements LossModel {
        final TinyModels.MlpWithUnknown inner = new TinyModels.MlpWithUnknown();
        boolean inLbfgs;
        int lbfgsEvaluations;

        @Override
        public dev.mollify.autograd.nn.Parameters parameters() {
            return inner.parameters();
        }

        @Override
        public void beginStep(StepContext ctx) {
            inLbfgs = ctx.phase() == Phase.LBFGS;
            inner.beginStep(ctx);
        }

        @Override
        public LossTerms loss() {
            if (inLbfgs) lbfgsEvaluations++;
            return inner.loss();
        }

        @Override
        public Map<String, Double> report() {
            return inner.report();
        }
    }

    @Test
    void lbfgsPhaseFollowsOneLongCallAtItsCost() {
        int iterations = 12;
        CountingModel m = new CountingModel();
        TrainingResult r = Trainer.builder(m)
                .adamSteps(40)
                .lr(0.01)
                .lbfgsIterations(iterations)
                .seed(9)
                .build()
                .run();
        assertEquals(40 + iterations, r.steps(), r.stopReason());
        int phaseEvaluations = m.lbfgsEvaluations - 1; // the result's final evaluation is not L-BFGS's

        // the same Adam phase, then one long L-BFGS call on the phase's objective
        TinyModels.MlpWithUnknown ref = new TinyModels.MlpWithUnknown();
        Trainer.builder(ref).adamSteps(40).lr(0.01).seed(9).build().run();
        ref.beginStep(new StepContext(41, Phase.LBFGS, StepContext.rngFor(9, 41)));
        Map<String, Double> ones = Map.of("data", 1.0, "residual", 1.0);
        dev.mollify.autograd.optim.Lbfgs lbfgs = dev.mollify.autograd.optim.Lbfgs.builder(ref.parameters())
                .maxIter(iterations)
                .maxEval(1000)
                .historySize(50)
                .toleranceGrad(1e-9)
                .toleranceChange(1e-12)
                .build();
        lbfgs.step(() -> {
            ref.parameters().zeroGrad();
            Var total = Trainer.weighted(ref.loss(), ones);
            total.backward();
            return total.item();
        });

        assertEquals(iterations, lbfgs.iterations());
        assertArrayEquals(ref.parameters().flatValues(), m.parameters().flatValues());
        // one evaluation for the start plus the line searches' (a report per iteration costs nothing more)
        assertEquals(lbfgs.functionEvaluations(), phaseEvaluations);
        assertTrue(
                phaseEvaluations <= 2 * iterations, phaseEvaluations + " evaluations in " + iterations + " iterations");
        assertEquals(r.history().get(r.steps() - 1).total(), lbfgs.lastLoss());
    }

    @Test
    void fixedWeightsScaleTheTotal() {
        TinyModels.Line m = new TinyModels.Line();
        TrainingResult r = Trainer.builder(m)
                .adamSteps(20)
                .lr(0.01)
                .weights(LossWeights.fixed(Map.of("residual", 3.0)))
                .build()
                .run();
        for (StepRecord s : r.history()) {
            assertEquals(Map.of("data", 1.0, "residual", 3.0), s.weights());
            assertEquals(s.terms().get("data") + 3.0 * s.terms().get("residual"), s.total(), 1e-12);
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> Trainer.builder(new TinyModels.Line())
                        .adamSteps(1)
                        .weights(LossWeights.fixed(Map.of("boundary", 2.0)))
                        .build()
                        .run());
    }

    @Test
    void gradNormBalancingFollowsTheFormulaAndConverges() {
        TinyModels.Line m = new TinyModels.Line();
        m.residualScale = 100; // the residual's gradients dwarf the data's: the data weight must grow
        GradNormBalancing policy = new GradNormBalancing("residual", 0.9, 5);
        TrainingResult r = Trainer.builder(m)
                .adamSteps(100)
                .lr(0.02)
                .lbfgsIterations(30)
                .weights(policy)
                .seed(4)
                .build()
                .run();

        // step 1 by hand: a = b = 0, points from the step-1 generator
        double[] x = Tensor.uniform(StepContext.rngFor(4, 1), -1, 1, 32).toDoubleArray();
        double ga = 0, gb = 0;
        for (double xi : x) {
            double res = 0 - (2 * xi + 0.5);
            ga += 2 * res * xi / x.length;
            gb += 2 * res / x.length;
        }
        double maxRes = Math.abs(100 * 2 * (0 + 0 - 2.5));
        double expected = 0.1 * 1 + 0.9 * maxRes / ((Math.abs(ga) + Math.abs(gb)) / 2);
        double w1 = r.history().get(0).weights().get("data");
        assertEquals(expected, w1, 1e-12 * expected);
        assertTrue(w1 > 10, "data weight grew: " + w1);
        assertEquals(1.0, r.history().get(0).weights().get("residual"));
        // constant between updates (steps 1..5), changed at step 6, frozen during L-BFGS
        for (int i = 1; i < 5; i++)
            assertEquals(w1, r.history().get(i).weights().get("data"));
        assertNotEquals(w1, r.history().get(5).weights().get("data"));
        Map<String, Double> lastAdam = r.history().get(99).weights();
        for (StepRecord s : r.history().subList(100, r.steps())) assertEquals(lastAdam, s.weights());
        assertEquals(lastAdam, r.weights());
        assertEquals(2.0, r.unknowns().get("a"), 1e-6);
        assertEquals(0.5, r.unknowns().get("b"), 1e-6);
    }

    @Test
    void divergenceGuardNamesANonFiniteTerm() {
        TinyModels.Line m = new TinyModels.Line();
        m.nanValueAt = 7;
        TrainingResult r = Trainer.builder(m)
                .adamSteps(50)
                .lr(0.01)
                .callbacks(new DivergenceGuard())
                .build()
                .run();
        assertEquals(7, r.steps());
        assertEquals("divergence at step 7: loss term 'data' is NaN", r.stopReason());
        assertTrue(DivergenceGuard.stopped(r.stopReason()));
        // the bad step's update was skipped: parameters are those step 7 started from
        assertEquals(r.history().get(6).unknowns(), r.unknowns());
    }

    @Test
    void divergenceGuardNamesTheParameterWithANonFiniteGradient() {
        TinyModels.Line m = new TinyModels.Line();
        m.nanGradAt = 3;
        TrainingResult r = Trainer.builder(m)
                .adamSteps(50)
                .lr(0.01)
                .callbacks(new DivergenceGuard())
                .build()
                .run();
        assertEquals(3, r.steps());
        assertTrue(r.stopReason().startsWith("divergence at step 3: gradient of parameter 'b' is NaN"), r.stopReason());
        assertTrue(Double.isFinite(r.unknowns().get("b")));
    }

    @Test
    void divergenceGuardStopsAnExplodingLoss() {
        TinyModels.Line m = new TinyModels.Line();
        m.explodeAt = 10;
        TrainingResult r = Trainer.builder(m)
                .adamSteps(50)
                .lr(0.01)
                .callbacks(new DivergenceGuard(1e3))
                .build()
                .run();
        assertEquals(10, r.steps());
        assertTrue(r.stopReason().startsWith("exploding loss at step 10"), r.stopReason());
        assertTrue(DivergenceGuard.stopped(r.stopReason()));
    }

    @Test
    void plateauStopsAfterPatienceSteps() {
        TrainingResult r = Trainer.builder(new TinyModels.Flat())
                .adamSteps(100)
                .lr(0.01)
                .callbacks(new EarlyStopOnPlateau(8, 1e-4))
                .build()
                .run();
        assertEquals(9, r.steps());
        assertTrue(r.stopReason().startsWith("plateau: no relative improvement"), r.stopReason());
        assertFalse(DivergenceGuard.stopped(r.stopReason()), "a plateau is not a divergence");
        assertFalse(DivergenceGuard.stopped(null));
        // a converging run does not stop early
        TrainingResult ok = Trainer.builder(new TinyModels.Line())
                .adamSteps(60)
                .lr(0.05)
                .callbacks(new EarlyStopOnPlateau(20, 1e-3))
                .build()
                .run();
        assertEquals("completed", ok.stopReason());
    }

    @Test
    void progressPrinterWritesStepTermsUnknownsRateAndEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Trainer.builder(new TinyModels.Line())
                .adamSteps(20)
                .lr(0.01)
                .lbfgsIterations(5)
                .callbacks(new ProgressPrinter(out, 10))
                .build()
                .run();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        assertTrue(lines.size() >= 3, lines.toString());
        String first = lines.get(0);
        assertTrue(first.startsWith("step  1/25 ADAM  total "), first);
        assertTrue(
                first.contains(" data ")
                        && first.contains(" residual ")
                        && first.contains(" | a 0.00000 b 0.00000 | ")
                        && first.contains("steps/s, ETA "),
                first);
    }

    @Test
    void reusingStorageChangesNoBitAndKeepsNothingStale() {
        boolean before = dev.mollify.tensor.Workspace.setPoisonOnRecycle(true); // a stale tensor would read NaN
        try {
            TrainingResult reused = Trainer.builder(new TinyModels.MlpWithUnknown())
                    .adamSteps(40)
                    .lr(0.01)
                    .lbfgsIterations(8)
                    .weights(GradNormBalancing.paperDefaults())
                    .seed(9)
                    .build()
                    .run();
            TrainingResult fresh = Trainer.builder(new TinyModels.MlpWithUnknown())
                    .adamSteps(40)
                    .lr(0.01)
                    .lbfgsIterations(8)
                    .weights(GradNormBalancing.paperDefaults())
                    .seed(9)
                    .reuseStorage(false)
                    .build()
                    .run();
            assertEquals(fresh.history(), reused.history());
            assertEquals(fresh.unknowns(), reused.unknowns());
            assertEquals(fresh.total(), reused.total());
        } finally {
            dev.mollify.tensor.Workspace.setPoisonOnRecycle(before);
        }
    }

    @Test
    void sameSeedGivesIdenticalHistoryAndAnotherSeedDoesNot() {
        TrainingResult r1 = Trainer.builder(new TinyModels.MlpWithUnknown())
                .adamSteps(40)
                .lr(0.01)
                .lbfgsIterations(5)
                .seed(9)
                .build()
                .run();
        TrainingResult r2 = Trainer.builder(new TinyModels.MlpWithUnknown())
                .adamSteps(40)
                .lr(0.01)
                .lbfgsIterations(5)
                .seed(9)
                .build()
                .run();
        TrainingResult r3 = Trainer.builder(new TinyModels.MlpWithUnknown())
                .adamSteps(40)
                .lr(0.01)
                .lbfgsIterations(5)
                .seed(10)
                .build()
                .run();
        assertEquals(r1.history(), r2.history());
        assertEquals(r1.unknowns(), r2.unknowns());
        assertNotEquals(r1.history(), r3.history());
    }

    @Test
    void resumeContinuesBitForBit(@TempDir Path dir) throws IOException {
        TinyModels.MlpWithUnknown full = new TinyModels.MlpWithUnknown();
        TrainingResult whole =
                trainer(full, new GradNormBalancing("residual", 0.5, 7)).build().run();

        TinyModels.MlpWithUnknown first = new TinyModels.MlpWithUnknown();
        Checkpointer cp = new Checkpointer(dir, 30);
        TrainingResult part = trainer(first, new GradNormBalancing("residual", 0.5, 7))
                .callbacks(
                        cp, info -> info.step() == 60 ? Callback.Action.stop("interrupted") : Callback.Action.CONTINUE)
                .build()
                .run();
        assertEquals(60, part.steps());
        assertEquals(2, cp.written());
        assertEquals(60, Checkpoint.read(dir).step());

        TinyModels.MlpWithUnknown fresh = new TinyModels.MlpWithUnknown(); // new objects, as in a new JVM
        TrainingResult resumed = trainer(fresh, new GradNormBalancing("residual", 0.5, 7))
                .build()
                .resume(dir);

        assertArrayEquals(full.parameters().flatValues(), fresh.parameters().flatValues());
        assertEquals(whole.history(), resumed.history());
        assertEquals(whole.unknowns(), resumed.unknowns());
        assertEquals(whole.weights(), resumed.weights());
        assertEquals(whole.stopReason(), resumed.stopReason());
        assertTrue(whole.steps() > 100, "L-BFGS ran after the resume: " + whole.steps());

        assertThrows(
                IllegalArgumentException.class,
                () -> trainer(new TinyModels.MlpWithUnknown(), new GradNormBalancing("residual", 0.5, 7))
                        .seed(6)
                        .build()
                        .resume(dir));
    }

    @Test
    void resumeInsideLbfgsContinuesBitForBit(@TempDir Path dir) throws IOException {
        TinyModels.MlpWithUnknown full = new TinyModels.MlpWithUnknown();
        TrainingResult whole =
                trainer(full, new GradNormBalancing("residual", 0.5, 7)).build().run();
        assertTrue(whole.steps() >= 106, "L-BFGS ran at least 6 iterations: " + whole.steps());

        Checkpointer cp = new Checkpointer(dir, 5);
        trainer(new TinyModels.MlpWithUnknown(), new GradNormBalancing("residual", 0.5, 7))
                .callbacks(
                        cp, info -> info.step() == 105 ? Callback.Action.stop("interrupted") : Callback.Action.CONTINUE)
                .build()
                .run();
        Checkpoint c = Checkpoint.read(dir);
        assertEquals(105, c.step());
        assertTrue(c.inLbfgs());
        assertEquals("L-BFGS iteration 6 (after 100 Adam steps)", Trainer.resumePoint(c));
        assertTrue(c.lbfgs().rho().length > 0, "curvature pairs saved");

        TinyModels.MlpWithUnknown fresh = new TinyModels.MlpWithUnknown();
        TrainingResult resumed = trainer(fresh, new GradNormBalancing("residual", 0.5, 7))
                .build()
                .resume(dir);
        assertArrayEquals(full.parameters().flatValues(), fresh.parameters().flatValues());
        assertEquals(whole.history(), resumed.history());
        assertEquals(whole.unknowns(), resumed.unknowns());
        assertEquals(whole.stopReason(), resumed.stopReason());

        assertThrows(
                IllegalArgumentException.class,
                () -> Trainer.builder(new TinyModels.MlpWithUnknown())
                        .adamSteps(100)
                        .lr(0.01)
                        .lbfgsIterations(3)
                        .weights(new GradNormBalancing("residual", 0.5, 7))
                        .seed(5)
                        .build()
                        .resume(dir));
    }

    @Test
    void aResumeAfterAnEarlyAdamEndKeepsItsReason(@TempDir Path dir) throws IOException {
        Trainer.Builder settled = Trainer.builder(new TinyModels.Line())
                .adamSteps(5000)
                .lr(0.05)
                .lbfgsIterations(5)
                .seed(1)
                .adamConvergence(50, 1e-3);
        TrainingResult whole = settled.build().run();
        int adam = (int)
                whole.history().stream().filter(r -> r.phase() == Phase.ADAM).count();
        int cut = 5000 + 2;
        assertTrue(
                adam < 5000 && whole.steps() >= adam + 2,
                "Adam ended early and L-BFGS ran twice: " + adam + ", " + whole.steps());
        assertTrue(whole.stopReason().startsWith("Adam converged"), whole.stopReason());
        Trainer.builder(new TinyModels.Line())
                .adamSteps(5000)
                .lr(0.05)
                .lbfgsIterations(5)
                .seed(1)
                .adamConvergence(50, 1e-3)
                .callbacks(
                        new Checkpointer(dir, 1),
                        info -> info.step() == cut ? Callback.Action.stop("interrupted") : Callback.Action.CONTINUE)
                .build()
                .run();
        assertEquals(cut, Checkpoint.read(dir).step());
        TrainingResult resumed = Trainer.builder(new TinyModels.Line())
                .adamSteps(5000)
                .lr(0.05)
                .lbfgsIterations(5)
                .seed(1)
                .adamConvergence(50, 1e-3)
                .build()
                .resume(dir);
        assertEquals(whole.history(), resumed.history());
        assertEquals(whole.stopReason(), resumed.stopReason());
    }

    @Test
    void adamEndsWhenTheUnknownsSettleAndResumeDecidesTheSame(@TempDir Path dir) throws IOException {
        TrainingResult capped = Trainer.builder(new TinyModels.Line())
                .adamSteps(5000)
                .lr(0.05)
                .lbfgsIterations(5)
                .seed(1)
                .build()
                .run();
        TrainingResult settled = Trainer.builder(new TinyModels.Line())
                .adamSteps(5000)
                .lr(0.05)
                .lbfgsIterations(5)
                .seed(1)
                .adamConvergence(50, 1e-3)
                .build()
                .run();
        int adam = (int)
                settled.history().stream().filter(s -> s.phase() == Phase.ADAM).count();
        assertTrue(adam >= 100 && adam < 5000, "Adam steps " + adam);
        assertTrue(settled.stopReason().startsWith("Adam converged at step " + adam), settled.stopReason());
        assertEquals(Phase.LBFGS, settled.history().get(adam).phase());
        assertEquals(2.0, settled.unknowns().get("a"), 1e-6);
        assertTrue(capped.steps() > 5000);
        // the window rule: the unknowns moved less than 1e-3 relatively over the last 50 Adam steps
        var last = settled.history().get(adam - 1).unknowns();
        var before = settled.history().get(adam - 51).unknowns();
        for (String n : last.keySet())
            assertTrue(Math.abs(last.get(n) - before.get(n)) <= 1e-3 * Math.abs(last.get(n)));

        TrainingResult part = Trainer.builder(new TinyModels.Line())
                .adamSteps(5000)
                .lr(0.05)
                .lbfgsIterations(5)
                .seed(1)
                .adamConvergence(50, 1e-3)
                .callbacks(
                        new Checkpointer(dir, 40),
                        info -> info.step() == 80 ? Callback.Action.stop("interrupted") : Callback.Action.CONTINUE)
                .build()
                .run();
        assertEquals(80, part.steps());
        TrainingResult resumed = Trainer.builder(new TinyModels.Line())
                .adamSteps(5000)
                .lr(0.05)
                .lbfgsIterations(5)
                .seed(1)
                .adamConvergence(50, 1e-3)
                .build()
                .resume(dir);
        assertEquals(settled.history(), resumed.history());
        assertEquals(settled.stopReason(), resumed.stopReason());
    }

    /** The MLP fit of {@link TinyModels.MlpWithUnknown}: 20 Adam steps, then L-BFGS that only its unknown's settling ends. */
    private static Trainer.Builder settlingLbfgs() {
        return Trainer.builder(new TinyModels.MlpWithUnknown())
                .adamSteps(20)
                .lr(0.01)
                .lbfgsIterations(3000)
                .lbfgsTolerances(0, 0)
                .seed(1)
                .lbfgsConvergence(30, 1e-4);
    }

    @Test
    void lbfgsEndsWhenTheUnknownsSettleAndResumeDecidesTheSame(@TempDir Path dir) throws IOException {
        TrainingResult settled = settlingLbfgs().build().run();
        int end = settled.steps();
        assertTrue(
                settled.stopReason().startsWith("L-BFGS converged at step " + end + " (unknowns within"),
                settled.stopReason());
        assertTrue(end > 20 + 30 && end < 20 + 3000, "steps " + end);
        var h = settled.history();
        // the band rule: over the last 30 iterations k stayed within 1e-4 of its final value, and not so one earlier
        double now = h.get(end - 1).unknowns().get("k");
        for (int i = end - 31; i < end - 1; i++) {
            double then = h.get(i).unknowns().get("k");
            assertTrue(Math.abs(now - then) <= 1e-4 * Math.abs(now), now + " vs " + then + " at " + i);
        }
        double prev = h.get(end - 2).unknowns().get("k");
        boolean outside = false;
        for (int i = end - 32; i < end - 2; i++)
            outside |= Math.abs(prev - h.get(i).unknowns().get("k")) > 1e-4 * Math.abs(prev);
        assertTrue(end - 2 <= 20 + 30 || outside, "the rule held one iteration earlier");

        int cut = 20 + (end - 20) / 2;
        settlingLbfgs()
                .callbacks(
                        new Checkpointer(dir, 1),
                        info -> info.step() == cut ? Callback.Action.stop("interrupted") : Callback.Action.CONTINUE)
                .build()
                .run();
        assertEquals(cut, Checkpoint.read(dir).step());
        TrainingResult resumed = settlingLbfgs().build().resume(dir);
        assertEquals(settled.history(), resumed.history());
        assertEquals(settled.stopReason(), resumed.stopReason());
    }

    @Test
    void afterAnEarlyAdamEndTheStopReasonCountsTheStepsTaken() {
        TrainingResult r = settlingLbfgs()
                .adamSteps(5000)
                .adamConvergence(50, 1e-3)
                .build()
                .run();
        long adam = r.history().stream().filter(s -> s.phase() == Phase.ADAM).count();
        assertTrue(adam < 5000, "Adam ran all its steps: " + r.stopReason());
        assertTrue(r.stopReason().contains("; L-BFGS converged at step " + r.steps() + " ("), r.stopReason());
    }

    @Test
    void lbfgsGoesOnWhileTheLossFallsThoughTheUnknownsHaveSettled() {
        TrainingResult r = Trainer.builder(new TinyModels.SettledUnknownFallingLoss())
                .adamSteps(1)
                .lr(1e-6)
                .lbfgsIterations(5000)
                .lbfgsTolerances(0, 0)
                .seed(1)
                .lbfgsConvergence(30, 1e-3, 1e-3)
                .build()
                .run();
        var h = r.history();
        int end = r.steps();
        assertTrue(
                r.stopReason()
                        .startsWith("L-BFGS converged at step " + end + " (unknowns within 0.001, loss within 0.001"),
                r.stopReason());
        // k never moves, so the unknowns alone would have ended the phase at its 31st iteration (step 32),
        // where the loss was still falling
        assertTrue(end > 32, "ended at step " + end);
        double lossThen = h.get(31).total();
        assertTrue(Math.abs(h.get(1).total() - lossThen) > 1e-3 * lossThen, "the loss was still falling at step 32");
        double loss = h.get(end - 1).total();
        assertTrue(Math.abs(h.get(end - 31).total() - loss) <= 1e-3 * loss, "the loss settled at the end");
        double before = h.get(end - 2).total();
        assertTrue(Math.abs(h.get(end - 32).total() - before) > 1e-3 * before, "the rule held one iteration earlier");
        TrainingResult unknownsOnly = Trainer.builder(new TinyModels.SettledUnknownFallingLoss())
                .adamSteps(1)
                .lr(1e-6)
                .lbfgsIterations(5000)
                .lbfgsTolerances(0, 0)
                .seed(1)
                .lbfgsConvergence(30, 1e-3)
                .build()
                .run();
        assertEquals(32, unknownsOnly.steps(), unknownsOnly.stopReason());
    }

    @Test
    void lbfgsConvergenceNeedsAWindowAndATolerance() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Trainer.builder(new TinyModels.Line()).lbfgsConvergence(0, 1e-3));
        assertThrows(
                IllegalArgumentException.class,
                () -> Trainer.builder(new TinyModels.Line()).lbfgsConvergence(10, 0));
    }

    @Test
    void aTimeBudgetEndsTheRun() {
        TrainingResult r = Trainer.builder(new TinyModels.Line())
                .adamSteps(1_000_000)
                .lr(1e-6)
                .lbfgsIterations(3)
                .seed(1)
                .timeBudget(0.2)
                .build()
                .run();
        assertTrue(r.stopReason().startsWith("Adam stopped at step"), r.stopReason());
        assertTrue(r.steps() < 1_000_000 && r.seconds() < 5, r.steps() + " steps in " + r.seconds() + " s");
    }

    private static Trainer.Builder trainer(LossModel m, LossWeights w) {
        return Trainer.builder(m)
                .adamSteps(100)
                .lr(0.01)
                .lbfgsIterations(10)
                .weights(w)
                .seed(5);
    }

    @Test
    void aFailedCheckpointWriteLeavesThePreviousOneIntact(@TempDir Path dir) throws IOException {
        int[] calls = {0};
        Checkpointer.ByteSink failSecond = (file, bytes) -> {
            if (++calls[0] == 2) {
                Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // half written, then the "crash"
                throw new IOException("disk full (simulated)");
            }
            Checkpointer.DURABLE.write(file, bytes);
        };
        TinyModels.Line m = new TinyModels.Line();
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class,
                () -> Trainer.builder(m)
                        .adamSteps(50)
                        .lr(0.01)
                        .callbacks(new Checkpointer(dir, 10, failSecond))
                        .build()
                        .run());
        assertTrue(e.getMessage().contains("step 20") && e.getMessage().contains("disk full"), e.getMessage());

        Checkpoint c = Checkpoint.read(dir);
        assertEquals(10, c.step());
        assertEquals(10, c.history().size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    List.of(Checkpoint.FILE),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
        // and it resumes
        TrainingResult r = Trainer.builder(new TinyModels.Line())
                .adamSteps(50)
                .lr(0.01)
                .build()
                .resume(dir);
        assertEquals(50, r.steps());
        assertEquals("completed", r.stopReason());
    }

    @Test
    void aDamagedCheckpointIsRefused(@TempDir Path dir) throws IOException {
        Trainer.builder(new TinyModels.Line())
                .adamSteps(20)
                .lr(0.01)
                .callbacks(new Checkpointer(dir, 10))
                .build()
                .run();
        Path f = Checkpoint.file(dir);
        assertEquals(20, Checkpoint.read(dir).step());
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 3] ^= 0x10; // one bit of the last tensor's data
        Files.write(f, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(dir));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void lossTermsAreChecked() {
        Var v = Var.param(Tensor.vector(1.0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> LossTerms.of("data", v));
        assertThrows(IllegalArgumentException.class, () -> LossTerms.of("a", v.sum(), "a", v.sum()));
        assertThrows(IllegalArgumentException.class, () -> new GradNormBalancing("residual", 0, 10));
    }
}
