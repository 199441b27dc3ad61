package dev.mollify.pde.spec;

/** What a name was declared as on a {@link PdeSpec.Builder}; error messages quote {@link #phrase()} and {@link #noun()}. */
enum DeclarationKind {
    /** {@link PdeSpec.Builder#unknown} and {@link PdeSpec.Builder#unknownPositive}. */
    UNKNOWN_SCALAR("an unknown scalar", "unknown"),
    /** {@link PdeSpec.Builder#constant}. */
    KNOWN_CONSTANT("a known constant", "known constant"),
    /** {@link PdeSpec.Builder#unknownField}: written with its arguments, {@code k(x,y)}. */
    UNKNOWN_FIELD("an unknown field", "unknown field"),
    /** {@link PdeSpec.Builder#knownField}: written with its arguments, {@code m(x,y)}. */
    KNOWN_FIELD("a known field", "known field"),
    /** {@link PdeSpec.Builder#fields}: a field the PDE is solved for. */
    FIELD("a field", "field");

    private final String phrase;
    private final String noun;

    DeclarationKind(String phrase, String noun) {
        this.phrase = phrase;
        this.noun = noun;
    }

    /** With its article, for "'k' is declared as an unknown field". */
    String phrase() {
        return phrase;
    }

    /** Without the article, for "unknown field 'k' is not used". */
    String noun() {
        return noun;
    }

    /** Whether the text must write the name as a call on coordinates, {@code k(x,y)}. */
    boolean isFunctionOfCoordinates() {
        return this == UNKNOWN_FIELD || this == KNOWN_FIELD;
    }
}
