/**
 * Every default data set of the forward solvers written to files, each generation timed
 * ({@link dev.mollify.tests.forward.WriteDatasets}).
 */
package dev.mollify.tests.forward;
