/**
 * Files the command writes and the data it makes: {@link dev.mollify.cli.data.AtomicFile} (write to a
 * temporary file, then move it into place, so a reader never sees half a file),
 * {@link dev.mollify.cli.data.TableWriter} (CSV, {@code .npy}, {@code .npz}) and
 * {@link dev.mollify.cli.data.Problems} (the problems {@code mollify generate} solves, with the fit each
 * suggests).
 */
package dev.mollify.cli.data;
