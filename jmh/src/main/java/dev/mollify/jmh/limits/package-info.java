/**
 * The loops behind {@link dev.mollify.jmh.MachineLimitsBenchmark}: a STREAM triad (memory bandwidth) and
 * independent fused-multiply-add chains (peak floating-point rate), the direct convolution's load-and-FMA
 * loop with split and with aligned loads, and a copy of the matrix product's micro-kernel; each with a
 * Vector API loop and the scalar loop beside it.
 */
package dev.mollify.jmh.limits;
