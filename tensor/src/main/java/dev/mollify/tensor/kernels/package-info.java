/**
 * Row kernels: the only code in Mollify that touches the hardware.
 *
 * <p>Start here: {@link dev.mollify.tensor.kernels.F64Kernels} (and its twin
 * {@link dev.mollify.tensor.kernels.F32Kernels}). Each public method works on one strided row, or on
 * one matrix product, and picks a path:
 * <ul>
 *   <li>{@code F64Scalar} / {@code F32Scalar}: the plain loops. They define the results and are the
 *       oracle in every test.</li>
 *   <li>{@code F64Vector} / {@code F32Vector}: the same loops with the Vector API
 *       ({@code jdk.incubator.vector}), taken for unit-stride rows when {@link
 *       dev.mollify.tensor.kernels.Simd#enabled()}; {@code VectorMath} records why the transcendental
 *       functions are vectorised too.</li>
 *   <li>{@code F64Gemm} / {@code F32Gemm}: the packed, register-tiled matrix product.</li>
 *   <li>{@link dev.mollify.tensor.kernels.Parallel}: splits large calls across cores without changing a
 *       bit of the result.</li>
 * </ul>
 * Each {@code F32} class is a hand-kept twin of its {@code F64} original, checked token by token by
 * {@code PrecisionTwinsTest} (the rule is in the module README).
 * Run with {@code --add-modules jdk.incubator.vector}; {@code -Dmollify.simd=false} forces the scalar
 * loops, and the test suite runs once each way.
 */
package dev.mollify.tensor.kernels;
