package dev.mollify.tensor;

/**
 * How {@link Tensor#pad} fills the cells it adds, shown for the row {@code [a b c d]} padded by 2 on
 * each side.
 */
public enum PadMode {
    /** {@code 0 0 | a b c d | 0 0}. */
    ZERO,
    /** Mirror without repeating the edge: {@code c b | a b c d | c b}. Needs pad &lt; length. */
    REFLECT,
    /** Repeat the edge: {@code a a | a b c d | d d}. */
    REPLICATE,
    /** Wrap around (periodic data): {@code c d | a b c d | a b}. Needs pad &le; length. */
    CIRCULAR
}
