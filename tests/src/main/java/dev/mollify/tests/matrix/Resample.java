package dev.mollify.tests.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

/** Rewrites a generated {@code x,t,u[,v,…]} CSV the way someone else might have recorded it: other units, fewer time samples. */
public final class Resample {
    private Resample() {}

    /** The distinct t values of the file, ascending. */
    public static double[] times(Path csv) throws IOException {
        TreeSet<Double> t = new TreeSet<>();
        List<String> lines = Files.readAllLines(csv);
        int ti = List.of(lines.get(0).split(",")).indexOf("t");
        for (int i = 1; i < lines.size(); i++)
            t.add(Double.parseDouble(lines.get(i).split(",")[ti]));
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Writes {@code out} with x·sx, t·st and every field column·su, keeping the rows whose (original) t
     * {@code keep} accepts; truth columns ({@code NAME_true}, e.g. a true field k_true) are dropped.
     */
    public static void rewrite(Path in, Path out, double sx, double st, double su, DoublePredicate keep)
            throws IOException {
        List<String> lines = Files.readAllLines(in);
        List<String> header = List.of(lines.get(0).split(","));
        int xi = header.indexOf("x"), ti = header.indexOf("t");
        List<Integer> fields = new ArrayList<>();
        for (int c = 0; c < header.size(); c++)
            if (c != xi && c != ti && !header.get(c).endsWith("_true")) fields.add(c);
        StringBuilder head = new StringBuilder("x,t");
        for (int c : fields) head.append(',').append(header.get(c));
        List<String> rows = new ArrayList<>(List.of(head.toString()));
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split(",");
            double t = Double.parseDouble(p[ti]);
            if (!keep.test(t)) continue;
            StringBuilder row = new StringBuilder(
                    String.format(Locale.ROOT, "%.17g,%.17g", Double.parseDouble(p[xi]) * sx, t * st));
            for (int c : fields) row.append(String.format(Locale.ROOT, ",%.17g", Double.parseDouble(p[c]) * su));
            rows.add(row.toString());
        }
        Files.write(out, rows);
    }
}
