package dev.mollify.cli.data;

import dev.mollify.pde.fit.GridColumns;
import dev.mollify.pde.fit.Table;
import dev.mollify.pde.forward.DataFiles;
import dev.mollify.pde.forward.GridField;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes data in the forms {@link dev.mollify.pde.fit.TableReader} reads, each atomically ({@link AtomicFile}):
 * plain CSV (a header, one row per point; what the data do not hold goes to a JSON sidecar), {@code .npz} (grid:
 * coordinate vectors + field arrays;
 * points: one vector per column) and {@code .npy} (a (rows, columns) table).
 */
public final class TableWriter {
    private TableWriter() {}

    /**
     * Grid fields sharing one grid (the first is the measured field) → long-format columns, one row per grid
     * node: the coordinates (the last, fastest axis first, e.g. x, t), then one column per field.
     *
     * @param source the table's name in messages, normally the file it is written to
     * @param fields the fields, all on the grid of the first
     * @param parameters numeric parameters kept with the table (not written by {@link #csv})
     * @return the table
     */
    public static Table longTable(String source, List<GridField> fields, Map<String, Double> parameters) {
        GridField first = fields.get(0);
        List<String> names = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        for (int a = first.axisNames().size() - 1; a >= 0; a--) {
            names.add(first.axisNames().get(a));
            cols.add(GridColumns.coordinate(first.axes(), a));
        }
        for (GridField f : fields) {
            names.add(f.valueName());
            cols.add(f.values());
        }
        return new Table(source, names, cols, parameters);
    }

    /**
     * A plain CSV: a header, then one row per point (an empty cell for NaN, numbers as Java prints a double);
     * no comment lines, so any CSV reader takes it.
     *
     * @param file the file to create or replace, atomically
     * @param t the table
     * @throws IOException when the file cannot be written
     */
    public static void csv(Path file, Table t) throws IOException {
        AtomicFile.write(file, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(String.join(",", t.names()));
                w.write('\n');
                StringBuilder sb = new StringBuilder();
                for (int r = 0; r < t.rows(); r++) {
                    sb.setLength(0);
                    for (int c = 0; c < t.names().size(); c++) {
                        if (c > 0) sb.append(',');
                        double v = t.columns().get(c)[r];
                        if (!Double.isNaN(v)) sb.append(v);
                    }
                    w.append(sb).write('\n');
                }
            }
        });
    }

    /**
     * A (rows, columns) {@code .npy} table: little-endian float64, C order, columns in the table's order (the
     * file holds no names; {@code mollify fit} takes them from {@code --columns}).
     *
     * @param file the file to create or replace, atomically
     * @param t the table
     * @throws IOException when the file cannot be written
     */
    public static void npy(Path file, Table t) throws IOException {
        int w = t.names().size();
        double[] d = new double[t.rows() * w];
        for (int r = 0; r < t.rows(); r++)
            for (int c = 0; c < w; c++) d[r * w + c] = t.columns().get(c)[r];
        AtomicFile.write(file, tmp -> DataFiles.writeNpy(tmp, d, t.rows(), w));
    }

    /**
     * An {@code .npz} archive of one 1-D float64 array per column, each entry named after its column
     * ({@code x.npy}, {@code t.npy}, {@code u.npy}); for scattered points.
     *
     * @param file the file to create or replace, atomically
     * @param t the table
     * @throws IOException when the file cannot be written
     */
    public static void npzColumns(Path file, Table t) throws IOException {
        AtomicFile.write(file, tmp -> {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (int c = 0; c < t.names().size(); c++)
                    entry(zip, t.names().get(c), DataFiles.npyBytes(t.columns().get(c), t.rows()));
            }
        });
    }

    /**
     * An {@code .npz} archive of a grid: one coordinate vector per axis, plus one float64 array of the grid's
     * shape per field (all on the first field's grid), each entry named after its axis or field.
     *
     * @param file the file to create or replace, atomically
     * @param fields the fields, all on the grid of the first
     * @throws IOException when the file cannot be written
     */
    public static void npzGrid(Path file, List<GridField> fields) throws IOException {
        GridField first = fields.get(0);
        AtomicFile.write(file, tmp -> {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (String a : first.axisNames()) {
                    double[] ax = first.axis(a);
                    entry(zip, a, DataFiles.npyBytes(ax, ax.length));
                }
                for (GridField f : fields) entry(zip, f.valueName(), DataFiles.npyBytes(f.values(), f.shape()));
            }
        });
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        OutputStream o = zip;
        o.write(bytes);
        zip.closeEntry();
    }

    /**
     * Lower-case extension of a file name.
     *
     * @param file the file
     * @return the text after the last dot, lower case, e.g. {@code csv}; empty when the name has no dot
     */
    public static String extension(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }
}
