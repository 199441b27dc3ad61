/**
 * Physics-informed inverse problems: a network, a derivative route, data, and the unknowns of a
 * {@link dev.mollify.pde.spec.PdeSpec}.
 *
 * <h2>1. The model</h2>
 * {@link dev.mollify.pde.pinn.Pinn}: an MLP u_θ(x, t) (optionally with Fourier features) whose
 * inputs are the coordinates mapped from the domain box to [−1, 1]; outputs are the fields, then the
 * unknown coefficient fields (extra outputs, or a separate small network).
 *
 * <h2>2. The data</h2>
 * {@link dev.mollify.pde.pinn.Observations}: a full grid, a grid with missing nodes, or scattered
 * points. Each becomes a sparse matrix from the collocation grid's nodes to the measurements (a
 * selection, or a multilinear {@link dev.mollify.pde.pinn.Interpolation}), applied to the model's
 * field with a differentiable {@link dev.mollify.pde.pinn.SparseMatrix} product.
 *
 * <h2>3. The derivative route</h2>
 * {@link dev.mollify.pde.pinn.DerivativeRoute} is a closed set:
 * {@link dev.mollify.pde.pinn.Autodiff} (nested reverse mode on the inputs),
 * {@link dev.mollify.pde.pinn.MollifierRoute} (the paper's method: the network on the grid plus a halo of
 * ⌈δ/h⌉ cells, û and its derivatives by convolution, data and residual both on û, δ fixed or
 * learnable, one for every axis or one per named axis) and {@link dev.mollify.pde.pinn.FiniteDifference} (central
 * differences on the same grid,
 * the baseline). Each turns the spec's {@code requiredDerivatives()} into
 * {@link dev.mollify.pde.spec.Bindings} for the residual plus predictions at the data.
 *
 * <h2>4. The problem</h2>
 * <pre>{@code
 * PdeSpec heat = PdeSpec.parse("u_t = D*u_xx").domain(Domain.interval1dTime(0, 1, 0, 1)).unknown("D", 0.05).build();
 * Pinn net = Pinn.builder(Domain.interval1dTime(0, 1, 0, 1)).hidden(32, 32).seed(1).build();
 * InverseProblem p = InverseProblem.builder(heat, net)
 *         .observe("u", Observations.grid(noisyField))
 *         .route(DerivativeRoute.mollifier(0.1).build())
 *         .build();
 * p.fit(1500, 2e-3, 500);            // Adam, then L-BFGS
 * p.report();                         // {D=0.0995}
 * p.recoverSeparable("u_t", "u_xx", 0.2).median();   // λ = û_t / û_xx, masked where û_xx is small
 * }</pre>
 * {@link dev.mollify.pde.pinn.InverseProblem#loss()} names its terms ("data", "residual", and
 * "boundary" / "initial" when given: {@link dev.mollify.pde.pinn.BoundaryData});
 * {@link dev.mollify.pde.pinn.InverseProblem#measureStep} reports time and peak memory of one
 * gradient evaluation. {@link dev.mollify.pde.pinn.DerivativeRoute#named} builds a route from its
 * name ({@code mollifier}, {@code autodiff}, {@code fd}).
 */
package dev.mollify.pde.pinn;
