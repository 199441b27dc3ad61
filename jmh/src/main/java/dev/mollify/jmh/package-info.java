/**
 * JMH benchmarks and the probes beside them (jmh/README.md has the results table and the command that
 * reproduces each number): matrix products, the mollifier convolution forward and backward, nested
 * MLP derivatives against the mollifier route, one whole PINN training step on each route, and the
 * cost of recording one operation; the {@code *Probe} classes measure memory and time breakdowns that
 * JMH does not report.
 */
package dev.mollify.jmh;
