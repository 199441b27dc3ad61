/**
 * The runnable examples of the guide ({@code docs/guide}): one class {@code ChNN…} per chapter, each with
 * a {@code main} that prints what the chapter pastes. Run one with {@code examples/run Ch01Tensors}.
 *
 * <p>The lines a chapter shows as code lie between the comment lines {@code // guide: NAME} and
 * {@code // guide: end}; a test compares the chapter's block with them, so edit both together (see
 * {@code docs/guide/README.md}, "Keeping a chapter in step with its code").
 */
package dev.mollify.examples.guide;
