/**
 * Mollifier kernels, their derivatives and width gradients, fast convolution and the two mollifier
 * layers (issue #3). The math is in {@code shared/design/mollifier-math.md}.
 *
 * <p>Not written yet: this package exists so the module builds and the dependency arrows are fixed
 * (mollifier → autograd → tensor).
 */
package dev.mollify.mollifier;
