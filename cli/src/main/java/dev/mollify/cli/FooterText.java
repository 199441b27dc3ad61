package dev.mollify.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The footer of a command's help: examples as written, prose wrapped. A line that starts with a space is
 * an example (a command line, a line of a sweep file) and is kept whole so it can be copied; consecutive
 * lines that start at the margin form a paragraph, joined and wrapped at {@code width} columns (a word
 * longer than the width stays whole on its own line).
 */
final class FooterText {
    private FooterText() {}

    /** The footer lines, each example line as written and each paragraph wrapped at {@code width}, then a line break. */
    static String format(String[] lines, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith(" ")) {
                wrap(paragraph, width, out);
                out.add(line);
            } else {
                if (paragraph.length() > 0) paragraph.append(' ');
                paragraph.append(line.strip());
            }
        }
        wrap(paragraph, width, out);
        return String.join(System.lineSeparator(), out) + System.lineSeparator();
    }

    /** Adds {@code paragraph} wrapped at {@code width} to {@code out} and empties it. */
    private static void wrap(StringBuilder paragraph, int width, List<String> out) {
        if (paragraph.length() == 0) return;
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.toString().split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        out.add(line.toString());
        paragraph.setLength(0);
    }
}
