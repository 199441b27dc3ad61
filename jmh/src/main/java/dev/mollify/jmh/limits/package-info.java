/**
 * The loops behind {@link dev.mollify.jmh.MachineLimitsBenchmark}: a STREAM triad (memory bandwidth) and
 * independent fused-multiply-add chains (peak floating-point rate), each with a Vector API loop and the
 * scalar loop beside it.
 */
package dev.mollify.jmh.limits;
