package dev.mollify.pde.forward;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writers for CSV and NumPy {@code .npy} (format 1.0, little-endian float64, C order).
 *
 * <p>CSV numbers use {@link Double#toString(double)}, which round-trips exactly. A CSV starts with
 * {@code #} comment lines holding the problem, description and parameters, then a header line
 * ({@code x,t,u}) and one row per point. Read it with {@code numpy.loadtxt(f, delimiter=',',
 * skiprows=...)} or {@code pandas.read_csv(f, comment='#')}.
 */
public final class DataFiles {
    private DataFiles() {}

    /**
     * Long-format CSV of a grid field: columns axes fastest first, then the value (the rows of
     * {@link GridField#toPoints()}).
     *
     * @param file the file to write (created or overwritten)
     * @param f    the field
     * @throws IOException when the file cannot be written
     */
    public static void writeCsv(Path file, GridField f) throws IOException {
        writeCsv(file, f.toPoints());
    }

    /**
     * CSV of a table: the {@code #} comment lines (problem, description, one {@code name = value} line
     * per parameter), the header, then one row per point.
     *
     * @param file the file to write (created or overwritten)
     * @param s    the table
     * @throws IOException when the file cannot be written
     */
    public static void writeCsv(Path file, PointSet s) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# problem: " + s.problem() + "\n");
            w.write("# " + s.description().replace('\n', ' ') + "\n");
            for (Map.Entry<String, Double> e : s.parameters().entrySet()) {
                w.write("# " + e.getKey() + " = " + e.getValue() + "\n");
            }
            w.write(String.join(",", s.columns()));
            w.write('\n');
            int c = s.columns().size();
            double[] d = s.raw();
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < s.rows(); r++) {
                sb.setLength(0);
                for (int j = 0; j < c; j++) {
                    if (j > 0) {
                        sb.append(',');
                    }
                    sb.append(d[r * c + j]);
                }
                sb.append('\n');
                w.write(sb.toString());
            }
        }
    }

    /**
     * The values of a grid field as an array of the grid's shape (e.g. {@code (nt, nx)}).
     *
     * @param file the {@code .npy} file to write (created or overwritten)
     * @param f    the field
     * @throws IOException when the file cannot be written
     */
    public static void writeNpy(Path file, GridField f) throws IOException {
        writeNpy(file, f.raw(), f.shape());
    }

    /**
     * A table as a {@code (rows, columns)} array.
     *
     * @param file the {@code .npy} file to write (created or overwritten)
     * @param s    the table
     * @throws IOException when the file cannot be written
     */
    public static void writeNpy(Path file, PointSet s) throws IOException {
        writeNpy(file, s.raw(), s.rows(), s.columns().size());
    }

    /**
     * One axis of a grid field as a 1-D array (to go with {@link #writeNpy(Path, GridField)}).
     *
     * @param file the {@code .npy} file to write (created or overwritten)
     * @param f    the field
     * @param axis the axis name, e.g. {@code "x"}
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when the field has no axis of that name
     */
    public static void writeAxisNpy(Path file, GridField f, String axis) throws IOException {
        double[] a = f.axis(axis);
        writeNpy(file, a, a.length);
    }

    /**
     * Raw {@code .npy} writer: {@code data} in C (row-major) order with the given shape.
     *
     * <p>Header: magic {@code \x93NUMPY}, version 1.0, little-endian uint16 header length, then the
     * dict {@code {'descr': '<f8', 'fortran_order': False, 'shape': (...), }} padded with spaces and
     * a newline so the data starts at a multiple of 64 bytes.
     *
     * @param file  the file to write (created or overwritten)
     * @param data  the values, row-major
     * @param shape the array's shape; its product must be {@code data.length}
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when the shape's product is not {@code data.length}
     */
    public static void writeNpy(Path file, double[] data, int... shape) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(npyBytes(data, shape));
        }
    }

    /**
     * The bytes of a {@code .npy} file (as {@link #writeNpy(Path, double[], int...)} writes), e.g. for
     * a {@code .npz} entry.
     *
     * @param data  the values, row-major
     * @param shape the array's shape; its product must be {@code data.length}
     * @return header and little-endian float64 data, {@code 10 + header + 8·data.length} bytes with the
     *     header padded so the data start at a multiple of 64
     * @throws IllegalArgumentException when the shape's product is not {@code data.length}
     */
    public static byte[] npyBytes(double[] data, int... shape) {
        long n = 1;
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            n *= shape[i];
            sh.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                sh.append(shape.length == 1 ? "," : ", ");
            }
        }
        sh.append(')');
        if (n != data.length) {
            throw new IllegalArgumentException("shape product " + n + " != data.length " + data.length);
        }
        StringBuilder header = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': ")
                .append(sh)
                .append(", }");
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header.append(" ".repeat(pad)).append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocate(10 + h.length + 8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93)
                .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1)
                .put((byte) 0);
        buf.putShort((short) h.length).put(h);
        for (double v : data) {
            buf.putDouble(v);
        }
        return buf.array();
    }
}
