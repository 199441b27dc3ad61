package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables as spreadsheets and other programs write them: their separators, unit labels and column names. */
class TableReaderTest {
    @TempDir
    Path dir;

    private Table read(String name, String text, List<String> columns) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return TableReader.read(p, columns);
    }

    private static void assertXtu(Table t) {
        assertEquals(List.of("x", "t", "u"), t.names());
        assertArrayEquals(new double[] {0, 0.5}, t.column("x"));
        assertArrayEquals(new double[] {0, 0}, t.column("t"));
        assertArrayEquals(new double[] {1.25, -2}, t.column("u"));
    }

    @Test
    void theHeaderDecidesTheSeparator() throws IOException {
        assertXtu(read("comma.csv", "x,t,u\n0,0,1.25\n0.5,0,-2\n", null));
        assertXtu(read("semicolon.csv", "x;t;u\n0;0;1,25\n0,5;0;-2\n", null));
        assertXtu(read("tab.tsv", "x\tt\tu\n0\t0\t1.25\n0.5\t0\t-2\n", null));
        assertXtu(read("spaces.dat", "  x   t   u\n 0  0  1.25\n 0.5 0 -2\n", null));
    }

    @Test
    void aUnitInBracketsAndQuotesAreNotPartOfTheName() throws IOException {
        assertXtu(read("units.csv", "\"x (mm)\",t [h],u\n\"0\",0,1.25\n0.5,0,\"-2\"\n", null));
    }

    @Test
    void columnsRenamesACsvsColumnsInOrder() throws IOException {
        assertXtu(read("time.csv", "position,time,density\n0,0,1.25\n0.5,0,-2\n", List.of("x", "t", "u")));
        FitInputException e =
                assertThrows(FitInputException.class, () -> read("two.csv", "a,b,c\n0,0,1\n", List.of("x", "t")));
        assertTrue(e.getMessage().contains("--columns names 2 columns [x, t] but"), e.getMessage());
        assertTrue(e.getMessage().contains("has 3"), e.getMessage());
    }

    @Test
    void aMissingCoordinateNamesTheColumnToRename() throws IOException {
        Table t = read("time.csv", "time,x,u\n0,0,1\n0,1,2\n1,0,3\n1,1,4\n", null);
        FitInputException e =
                assertThrows(FitInputException.class, () -> DataLayout.detect(t, List.of("x", "t"), List.of("u"), 0));
        assertTrue(e.getMessage().contains("has no column 't' for coordinate t"), e.getMessage());
        assertTrue(e.getMessage().contains("rename the columns with --columns t,x,u"), e.getMessage());
        Table other = read("other.csv", "s,x,u\n0,0,1\n", null);
        FitInputException f = assertThrows(
                FitInputException.class, () -> DataLayout.detect(other, List.of("x", "t"), List.of("u"), 0));
        assertTrue(f.getMessage().contains("rename the file's columns with --columns NAME,NAME"), f.getMessage());
    }

    @Test
    void anAxisFarFromZeroIsPrintedWithTheDigitsItsSpanNeeds() {
        assertEquals("[0.00000, 1.00000]", DataLayout.range(0, 1));
        assertEquals("[1700000000.00, 1700003600.00]", DataLayout.range(1.7e9, 1.7e9 + 3600));
    }

    @Test
    void aNameThatIsNotOneAndDataInTheHeaderAreStillRefused() throws IOException {
        assertTrue(assertThrows(FitInputException.class, () -> read("bad.csv", "x,t,u value\n0,0,1\n", null))
                .getMessage()
                .contains("column name 'u value'"));
        assertTrue(assertThrows(FitInputException.class, () -> read("na.csv", "x,t,u\n0,0,NA\n", null))
                .getMessage()
                .contains("'NA' is not a number; leave the cell empty to mark a missing measurement"));
        assertTrue(assertThrows(FitInputException.class, () -> read("nums.csv", "0;0;1\n1;0;2\n", null))
                .getMessage()
                .contains("looks like data, not a header"));
    }
}
