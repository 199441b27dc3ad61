/**
 * How often an ensemble's interval holds the truth ({@link dev.mollify.tests.coverage.EnsembleCoverage}):
 * generated problems, one ensemble each, the share of intervals that cover the true coefficient
 * (docs/math.md, "Ensembles: an interval for each coefficient").
 */
package dev.mollify.tests.coverage;
