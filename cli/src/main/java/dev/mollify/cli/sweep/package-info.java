/**
 * The sweep file of {@code mollify sweep}: {@link dev.mollify.cli.sweep.SweepSpec} reads it and checks
 * its {@code "fit"} object against the options of {@code mollify fit}; the expansion into fits (the
 * cartesian product of the lists) is the library's {@code dev.mollify.pde.fit.SweepPlan}, shared with
 * the Spark module.
 */
package dev.mollify.cli.sweep;
