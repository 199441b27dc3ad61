/**
 * The GPU benchmark of the CUDA convolution backend: {@link dev.mollify.jmh.gpu.GpuBenchmark}, run on a machine with
 * an NVIDIA GPU by {@code cuda-kernels/gpu-check.sh} after the GPU tests. It times on the device with CUDA events, so
 * it is a plain program beside the JMH suites; the CUDA backend is a compile-time dependency of this module only
 * ({@code provided}), so {@code benchmarks.jar} does not carry JCuda.
 */
package dev.mollify.jmh.gpu;
