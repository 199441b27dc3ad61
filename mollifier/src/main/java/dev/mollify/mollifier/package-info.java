/**
 * Mollifier kernels, their derivative and width-gradient kernels, fast batched convolution, and the
 * two mollifier layers. The math, the traps and the reference values are in
 * docs/math.md; the quoted names below are its sections.
 *
 * <h2>A tour in five steps</h2>
 * <ol>
 *   <li>{@link dev.mollify.mollifier.KernelFamily}: the profile φ(r) on |r| &lt; 1 — the bump
 *   exp(−1/(1−r²)), (1−r²)^p, a truncated Gaussian — with its r-derivatives and its width derivative.</li>
 *   <li>{@link dev.mollify.mollifier.Window} + {@link dev.mollify.mollifier.SampledKernel}: sample the
 *   profile on a grid of spacing h inside a fixed window, width δ in physical units, normalised so
 *   h^d·Σ η = 1 (the taps sum to 1), with ∂W/∂δ by the formula of docs/math.md, "Width gradient". Degenerate δ is rejected with the
 *   valid range. {@code SampledKernel.weights(δ, …)} makes the taps a differentiable function of δ.</li>
 *   <li>{@link dev.mollify.mollifier.DerivativeKernels}: derivative kernels of any order, by
 *   differences of the sampled kernel (the default: accurate at any δ/h, see the table of docs/math.md, "Discretisation traps" in
 *   {@code DerivativeKernelsTest}) or by analytic sampling with the discrete moments enforced.</li>
 *   <li>{@link dev.mollify.mollifier.MollifierConv}: the convolution as three differentiable primitives
 *   (valid correlation, the per-tap reduction, full convolution) whose rules call each other, so every
 *   derivative order works in the field and in the width, plus fused variants of them for speed;
 *   {@link dev.mollify.mollifier.Boundary} pads in front of it. The array work goes to a {@link dev.mollify.mollifier.ConvolutionBackend}
 *   ({@link dev.mollify.mollifier.CpuBackend}: direct with Vector API loops, or FFT for long 1-D
 *   passes past the {@link dev.mollify.mollifier.Crossover}).</li>
 *   <li>The layers: {@link dev.mollify.mollifier.MollifierLayer} (smoothing with a learnable width)
 *   and {@link dev.mollify.mollifier.MollifiedDerivatives} (the paper's û and its derivatives, see
 *   {@link dev.mollify.mollifier.DifferentialOperator}).</li>
 * </ol>
 *
 * <h2>Sign convention</h2>
 * Everything here is a correlation: y_i = Σ_m W_m·x_{i+m}. For û^{(k)} = g ∗ ∂ᵏη the weight on
 * g at x_i + m·h is h·∂ᵏη_δ(−m·h); odd kernels are odd, so û′ of sin(πx) is positive at x = 0.25.
 */
package dev.mollify.mollifier;
