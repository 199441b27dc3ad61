/**
 * JMH benchmarks and the probes beside them (jmh/README.md has the results table and the command that
 * reproduces each number): matrix products, the mollifier convolution forward and backward, nested
 * MLP derivatives against the mollifier route, one whole PINN training step on each route, the cost of
 * recording one operation, and the machine's memory bandwidth and peak floating-point rate
 * ({@code MachineLimitsBenchmark}, the roofs of the scaling report in {@code dev.mollify.jmh.scaling});
 * the {@code *Probe} classes measure memory and time breakdowns that JMH does not report.
 */
package dev.mollify.jmh;
