/**
 * The runnable examples of the guide ({@code docs/guide}): one class {@code ChNN…} per chapter, each with
 * a {@code main} that prints what the chapter pastes. Run one with {@code examples/run Ch01Tensors}.
 */
package dev.mollify.examples.guide;
