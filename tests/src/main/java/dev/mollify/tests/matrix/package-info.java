/**
 * The generalisation matrix (tests/README.md): fresh data for each test problem, rescaled,
 * subsampled and made noisy ({@link dev.mollify.tests.matrix.Resample}), fitted with the defaults a
 * user gets, and the recovered coefficients compared with the truth
 * ({@link dev.mollify.tests.matrix.GeneralisationMatrix}).
 */
package dev.mollify.tests.matrix;
