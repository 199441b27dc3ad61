/**
 * Inverse PDE problems: equations as text and their residuals ({@link dev.mollify.pde.spec}), forward
 * solvers that make data with a known truth ({@link dev.mollify.pde.forward}), the derivative routes
 * and the inverse problem ({@link dev.mollify.pde.pinn}), the training loop
 * ({@link dev.mollify.autograd.train}), and fitting an equation to measured data, from a file or arrays
 * ({@link dev.mollify.pde.fit.DataFit}).
 */
package dev.mollify.pde;
