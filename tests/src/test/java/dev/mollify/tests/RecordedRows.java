package dev.mollify.tests;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines an acceptance test records for both routes (recovered values, errors, ms per step, peak
 * memory): printed when the run asks for them with {@code -Dmollify.rows.verbose=true} (which also
 * prints the training progress), and part of the test's failure message. The tests that use it are
 * {@code @AllowsOutput(whenProperty = RecordedRows.VERBOSE)}.
 */
final class RecordedRows {
    static final String VERBOSE = "mollify.rows.verbose";

    private final String title;
    private final List<String> lines = new ArrayList<>();

    RecordedRows(String title) {
        this.title = title;
    }

    RecordedRows add(Object line) {
        lines.add(String.valueOf(line));
        return this;
    }

    /**
     * Whether a test fits the autodiff route beside the mollifier's: {@code -D<property>=false} skips it, any other
     * value fits it; unset, it is fitted only when the rows are printed ({@code -Dmollify.rows.verbose=true}), since
     * nothing else reads it.
     *
     * @param property the test's switch, e.g. {@code burgers.autodiff}
     * @return whether to fit the autodiff route
     */
    static boolean autodiff(String property) {
        String v = System.getProperty(property);
        return v == null ? Boolean.getBoolean(VERBOSE) : !"false".equals(v);
    }

    /** Prints the title and the lines if the run asked for them. */
    void printIfVerbose() {
        if (Boolean.getBoolean(VERBOSE)) System.out.println(this);
    }

    @Override
    public String toString() {
        return title + ":\n  " + String.join("\n  ", lines);
    }
}
