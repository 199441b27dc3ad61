/**
 * The acceptance rows of issue #5, one class per problem: each builds its data with the forward
 * solvers, fits a PINN by a chosen derivative route and returns a {@link dev.mollify.pde.acceptance.RowResult}.
 * The integration tests in the {@code tests} module run them at CI size and assert the mollifier
 * route's bound; each class's {@code main} runs the documented full-size version.
 */
package dev.mollify.pde.acceptance;
