/**
 * Optimisers over a {@link dev.mollify.autograd.nn.Parameters} registry.
 *
 * <p>First-order methods ({@link dev.mollify.autograd.optim.Sgd}, {@link dev.mollify.autograd.optim.Adam})
 * read each parameter's accumulated gradient and {@link dev.mollify.autograd.Var#assign} a new value:
 * <pre>
 *   Adam adam = Adam.builder(net.parameters()).lr(1e-3).build();
 *   for (int i = 0; i &lt; 5000; i++) {
 *       adam.zeroGrad();
 *       loss(net).backward();
 *       adam.step();
 *   }
 * </pre>
 * {@link dev.mollify.autograd.optim.Lbfgs} (a port of PyTorch's LBFGS with the strong-Wolfe line
 * search) re-evaluates the loss through a {@link dev.mollify.autograd.optim.LossClosure}; the usual
 * PINN recipe is a few thousand Adam steps followed by L-BFGS. Learning rates may follow a
 * {@link dev.mollify.autograd.optim.LearningRateSchedule}. Nothing here draws random numbers: the
 * same inputs give bit-identical results.
 */
package dev.mollify.autograd.optim;
