/**
 * Training: the loop that fits a {@link dev.mollify.autograd.train.LossModel} (network weights and unknown
 * coefficients together) with Adam and then L-BFGS. Start here: {@code Trainer.java}.
 *
 * <p>A model returns named loss terms ({@link dev.mollify.autograd.train.LossTerms}); a
 * {@link dev.mollify.autograd.train.LossWeights} policy weights them, either fixed or adaptively by
 * {@link dev.mollify.autograd.train.GradNormBalancing}. After every step each
 * {@link dev.mollify.autograd.train.Callback} sees a {@link dev.mollify.autograd.train.StepInfo}:
 * {@link dev.mollify.autograd.train.ProgressPrinter} prints, {@link dev.mollify.autograd.train.EarlyStopOnPlateau}
 * and {@link dev.mollify.autograd.train.DivergenceGuard} stop with a reason, and
 * {@link dev.mollify.autograd.train.Checkpointer} writes an atomic {@link dev.mollify.autograd.train.Checkpoint}
 * that {@link dev.mollify.autograd.train.Trainer#resume} continues bit for bit. The
 * {@link dev.mollify.autograd.train.TrainingResult} holds the history (for plots), the stop reason, the time
 * and the peak tensor memory of the run.
 */
package dev.mollify.autograd.train;
