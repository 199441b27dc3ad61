/**
 * How {@code mollify fit} runs a library fit: {@link dev.mollify.cli.fit.FitSettings} (the checked
 * options), {@link dev.mollify.cli.fit.FitRun} (the training with progress, divergence stop and
 * checkpoints, then the report), {@link dev.mollify.cli.fit.Interruption} (Ctrl-C and SIGTERM stop
 * after the current step with a last checkpoint, so {@code --resume} continues bit for bit),
 * {@link dev.mollify.cli.fit.OutputFolder} (claiming, refusing and clearing output folders, the data
 * hash a resume checks) and {@link dev.mollify.cli.fit.EnsembleRun} ({@code --ensemble N}).
 */
package dev.mollify.cli.fit;
