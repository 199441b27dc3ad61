/**
 * Reverse-mode automatic differentiation of any order.
 *
 * <h2>A tour in four steps</h2>
 * <ol>
 *   <li>{@link dev.mollify.autograd.Var} wraps a {@link dev.mollify.tensor.Tensor}; leaves come from
 *   {@code Var.param} (trainable) or {@code Var.constant}.</li>
 *   <li>{@link dev.mollify.autograd.Ops} is the derivative table: per primitive the forward value and
 *   the vector–Jacobian product side by side, the product written with {@code Var} operations, so a
 *   derivative is itself a graph that can be differentiated again.</li>
 *   <li>{@link dev.mollify.autograd.Autograd#record} attaches a {@link dev.mollify.autograd.Node}
 *   (inputs and rule) to an operation's output while grad mode is on.</li>
 *   <li>{@link dev.mollify.autograd.Autograd#grad} sorts the graph topologically, keeps the nodes on a
 *   path to the requested inputs and applies the rules from the outputs back:
 *   ∂L/∂x = Σ over the paths of the products of the local Jacobians, accumulated as vectors
 *   g ↦ gᵀJ. With {@code createGraph} the rules are recorded too: u_x, u_xx, u_xxx are nested
 *   calls.</li>
 * </ol>
 * {@link dev.mollify.autograd.GradCheck} compares first and second derivatives of any function with
 * central differences. Layers are in {@code nn}, optimisers in {@code optim}, the training loop in
 * {@code train}.
 */
package dev.mollify.autograd;
