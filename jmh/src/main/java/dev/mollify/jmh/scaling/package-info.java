/**
 * The scaling report of {@code jmh/scaling.sh}: reads JMH's JSON result files ({@link
 * dev.mollify.jmh.scaling.JmhResult}), fits the growth exponent of each sweep ({@link
 * dev.mollify.jmh.scaling.PowerFit}), places the kernels on the roofline of the machine's measured limits
 * ({@link dev.mollify.jmh.scaling.Roofline}) and writes markdown and log-log PNG charts ({@link
 * dev.mollify.jmh.scaling.ScalingReport}).
 */
package dev.mollify.jmh.scaling;
