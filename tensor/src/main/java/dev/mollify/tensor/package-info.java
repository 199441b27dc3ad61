/**
 * Dense, strided N-d arrays in F64 and F32, and the arithmetic on them.
 *
 * <h2>A tour in four steps</h2>
 * <ol>
 *   <li>{@link dev.mollify.tensor.Tensor}: storage plus shape, strides and offset; element
 *   (i0, i1, …) lives at {@code storage[offset + Σ i_d·strides[d]]}. Views (reshape, permute, slice,
 *   expand, select) change only the strides and offset; a stride of 0 is a broadcast. Tensors are
 *   immutable: every operation returns a new tensor or a view.</li>
 *   <li>{@link dev.mollify.tensor.Shapes}: broadcasting (shapes aligned from the right, a size-1 axis
 *   stretched by stride 0) and the error messages that name both shapes.</li>
 *   <li>How an operation runs: {@code Elementwise} broadcasts the operands, {@code StridedLoop} merges
 *   axes into the longest rows, and each row goes to a kernel of {@code dev.mollify.tensor.kernels}
 *   (a scalar loop beside every Vector API loop; {@code -Dmollify.simd=false} forces the scalar one).
 *   {@code Reductions} and {@code MatMul} work the same way.</li>
 *   <li>Memory: {@link dev.mollify.tensor.MemoryStats} counts storage bytes (allocated, live, peak);
 *   {@link dev.mollify.tensor.Workspace} reuses the arrays of a repeated computation.</li>
 * </ol>
 * {@link dev.mollify.tensor.Rng} (SplitMix64) gives the same numbers for the same seed on every JDK.
 */
package dev.mollify.tensor;
