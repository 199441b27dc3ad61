/**
 * PDE specifications, residuals, PINNs and inverse solvers (issue #5); forward solvers that make
 * synthetic data live in {@link dev.mollify.pde.forward} (issue #4); fitting an equation to measured
 * data, from a file or arrays, is {@link dev.mollify.pde.fit.DataFit}.
 */
package dev.mollify.pde;
