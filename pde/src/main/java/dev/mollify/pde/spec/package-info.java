/**
 * PDEs written as text, read into a residual that autograd can differentiate.
 *
 * <h2>1. Write the equation, declare the names</h2>
 * <pre>{@code
 * PdeSpec burgers = PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
 *         .domain(Domain.interval1dTime(-1, 1, 0, 1))  // optional: coordinates are inferred (x, t)
 *         .unknown("a", 0.0)                           // unknown scalar, any sign, initial guess 0
 *         .unknownPositive("b", 0.01)                  // unknown scalar kept > 0 (softplus)
 *         .build();
 * }</pre>
 * The text has derivatives {@code u_t u_x u_xx u_xxx u_xxxx u_y u_xy …} (one letter per
 * differentiation), {@code lap(u)} and {@code bilap(u)}, {@code + - * / ^}, {@code sin cos exp log
 * sqrt tanh}, numbers such as {@code 2}, {@code 0.5}, {@code 1e-3}, and names. Every name must be
 * one of: a coordinate (one lower-case letter, {@code t} is time), a field (a name that is
 * differentiated, or declared with {@code .fields}), an unknown scalar ({@code .unknown},
 * {@code .unknownPositive}), a known constant ({@code .constant}), an unknown field of coordinates
 * ({@code k(x,y)} with {@code .unknownField("k")}) or a known field ({@code m(x,y)} with
 * {@code .knownField("m", f)}). Several equations are separated by {@code ;} or new lines:
 * {@code "u_t = D*u_xx - u*v; v_t = E*v_xx + u*v"}.
 *
 * <h2>2. Mistakes are pointed at</h2>
 * Bad syntax throws {@link dev.mollify.pde.spec.PdeParseException} from {@code parse}; a name that
 * is not declared, a derivative along a coordinate the problem does not have, or a field argument
 * that is not a coordinate throws it from {@code build()}, with a caret under the column:
 * <pre>
 * cannot read the PDE text:
 *   u_t + a*u*u_x - = 0
 *                   ^ column 17: expected a term (number, symbol, function call or '(') but found '='
 * </pre>
 * A declaration the text never uses is an error too ({@code unknown 'c' is not used in the equation …}).
 *
 * <h2>3. Ask what to compute, then evaluate</h2>
 * {@link dev.mollify.pde.spec.PdeSpec#requiredDerivatives()} says which derivatives of which field
 * the residual reads ({@code {u=[u, u_x, u_t, u_xx]}} for Burgers). Compute them by any route
 * (autograd on a network, the mollifier, finite differences), put them in
 * {@link dev.mollify.pde.spec.Bindings}, and evaluate:
 * <pre>{@code
 * Unknowns theta = burgers.unknownParameters();        // trainable θ, one per unknown
 * Var r = burgers.residual(Bindings.create()
 *         .field("u", u).derivative("u_x", ux).derivative("u_t", ut).derivative("u_xx", uxx), theta);
 * Var loss = r.square().mean();                         // θ ∈ theta.parameters() get gradients
 * theta.value("b");                                     // current physical value of b
 * }</pre>
 * The residual is {@code lhs − rhs}, built from {@code Var} operations only, so it can be
 * differentiated to any order; every bound value may have any shape as long as they broadcast
 * together. Constant sub-expressions are folded: {@code u^2} is {@code u.pow(2.0)}, and only a
 * non-constant exponent uses {@code Var.pow(Var)}.
 *
 * <p>Start with {@link dev.mollify.pde.spec.PdeSpec}; the tree itself is {@link dev.mollify.pde.spec.Expr}.
 */
package dev.mollify.pde.spec;
