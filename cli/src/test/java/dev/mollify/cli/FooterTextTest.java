package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Footer prose is wrapped as paragraphs; examples (indented lines) and blank lines are kept as written. */
class FooterTextTest {
    @Test
    void proseWrapsAndExamplesStayWhole() {
        String example = "  mollify fit --data a-file-with-a-long-name.csv --pde \"u_t = D*u_xx\" --unknown D=0.05";
        String[] footer = {"", "Examples:", example, "", "one two three", "four five six seven", "", "x"};
        String n = System.lineSeparator();
        assertEquals(
                String.join(n, "", "Examples:", example, "", "one two three", "four five six", "seven", "", "x") + n,
                FooterText.format(footer, 13));
        assertEquals(
                "averyveryverylongword" + n + "a" + n, FooterText.format(new String[] {"averyveryverylongword a"}, 10));
    }
}
