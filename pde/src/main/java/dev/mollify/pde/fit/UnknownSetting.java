package dev.mollify.pde.fit;

/**
 * One unknown coefficient as {@code mollify fit --unknown} and a sweep's {@code "unknowns"} write it:
 * {@code NAME}, {@code NAME:positive}, {@code NAME=GUESS} or {@code NAME=GUESS:positive}.
 *
 * @param name     the coefficient's name in the equation
 * @param guess    the guess, used where the data cannot give a start ({@link Double#NaN}: none)
 * @param positive whether it is constrained positive
 */
public record UnknownSetting(String name, double guess, boolean positive) {
    /**
     * Parses {@code NAME[=GUESS][:positive]}; anything else throws {@link FitInputException} (USAGE).
     *
     * @param written the text, e.g. {@code "D=0.05:positive"}; surrounding blanks are ignored
     * @return the name, the guess (NaN when none is written) and whether it is positive
     * @throws FitInputException (kind USAGE) when the name is not an identifier, the suffix is not
     *     {@code :positive}, or the guess is not a finite number
     */
    public static UnknownSetting parse(String written) {
        String text = written.strip();
        boolean positive = false;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            String suffix = text.substring(colon + 1).strip();
            if (!suffix.equals("positive")) {
                throw FitInputException.usage("--unknown " + written + ": unknown suffix ':" + suffix
                        + "'; the only one is :positive, e.g. --unknown b=0.01:positive");
            }
            positive = true;
            text = text.substring(0, colon);
        }
        String[] kv = text.split("=", 2);
        String name = kv[0].strip();
        if (name.isEmpty() || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw FitInputException.usage("--unknown " + written
                    + ": write NAME, NAME:positive, NAME=GUESS or NAME=GUESS:positive, e.g. --unknown b:positive");
        }
        double guess = kv.length == 2 ? finite("--unknown " + name, kv[1]) : Double.NaN;
        return new UnknownSetting(name, guess, positive);
    }

    /** A finite number written as text; otherwise {@link FitInputException} (USAGE) naming {@code what}. */
    static double finite(String what, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw FitInputException.usage(what + ": '" + text + "' is not a finite number");
        }
    }
}
