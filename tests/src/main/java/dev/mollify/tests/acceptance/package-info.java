/**
 * The acceptance rows, one class per problem: each builds its data with the forward solvers, fits a
 * PINN by a chosen derivative route and returns a {@link dev.mollify.tests.acceptance.RowResult}.
 * The integration tests of this module run them at CI size and assert the mollifier route's bound;
 * each class's {@code main} runs the documented full-size version (commands in {@code tests/README.md}).
 */
package dev.mollify.tests.acceptance;
