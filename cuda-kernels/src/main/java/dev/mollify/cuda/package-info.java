/**
 * The optional CUDA backend for the mollifier convolution (issue #7), loaded through JCuda's driver
 * API and found with {@code ServiceLoader}. Not written yet; the module builds empty.
 */
package dev.mollify.cuda;
