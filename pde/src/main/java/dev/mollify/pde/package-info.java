/**
 * PDE specifications, residuals, PINNs and inverse solvers (issue #5); forward solvers that make
 * synthetic data live in {@link dev.mollify.pde.forward} (issue #4).
 */
package dev.mollify.pde;
