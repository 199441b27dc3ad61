/**
 * Training: the loop that fits a {@link dev.mollify.pde.train.LossModel} (network weights and unknown
 * coefficients together) with Adam and then L-BFGS. Start here: {@code Trainer.java}.
 *
 * <p>A model returns named loss terms ({@link dev.mollify.pde.train.LossTerms}); a
 * {@link dev.mollify.pde.train.LossWeights} policy weights them, either fixed or adaptively by
 * {@link dev.mollify.pde.train.GradNormBalancing}. After every step each
 * {@link dev.mollify.pde.train.Callback} sees a {@link dev.mollify.pde.train.StepInfo}:
 * {@link dev.mollify.pde.train.ProgressPrinter} prints, {@link dev.mollify.pde.train.EarlyStopOnPlateau}
 * and {@link dev.mollify.pde.train.DivergenceGuard} stop with a reason, and
 * {@link dev.mollify.pde.train.Checkpointer} writes an atomic {@link dev.mollify.pde.train.Checkpoint}
 * that {@link dev.mollify.pde.train.Trainer#resume} continues bit for bit. The
 * {@link dev.mollify.pde.train.TrainingResult} holds the history (for plots), the stop reason, the time
 * and the peak tensor memory of the run.
 */
package dev.mollify.pde.train;
