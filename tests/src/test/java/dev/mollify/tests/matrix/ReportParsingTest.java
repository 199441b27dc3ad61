package dev.mollify.tests.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The matrix reads each cell's numbers from report.json as the command writes it. */
class ReportParsingTest {
    static final String JSON = """
            {
              "unknowns": {
                "D": {
                  "value": 0.101,
                  "initial": 0.09,
                  "standardError": 0.0005,
                  "relativeStandardError": 0.00495
                },
                "k": {
                  "value": 2.0,
                  "initial": 1.9
                }
              },
              "profile": {
                "lowered": {
                  "D": false,
                  "k": true
                }
              },
              "warnings": ["one [with brackets]", "two"]
            }
            """;

    @Test
    void valuesStandardErrorsAndWarnings() {
        assertEquals(0.101, GeneralisationMatrix.value(JSON, "D"));
        assertEquals(0.00495, GeneralisationMatrix.relativeStandardError(JSON, "D"));
        assertTrue(Double.isNaN(GeneralisationMatrix.relativeStandardError(JSON, "k")), "k has no standard error");
        assertEquals(2, GeneralisationMatrix.warnings(JSON));
    }
}
