package dev.mollify.pde.fit;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads measured data into a {@link Table}; every problem becomes a {@link FitInputException} of kind
 * {@link FitInputException.Kind#DATA} that names the file, the line or array, and the fix.
 * <ul>
 *   <li><b>CSV</b>: optional {@code #} comment lines ({@code # name = value} lines are kept as
 *   parameters, e.g. {@code # truth.D = 0.1} from files made elsewhere), a header naming the columns,
 *   then one row per point; a row with more or fewer cells than the header is refused. An empty cell is a missing
 *   value; {@code NaN}/{@code Inf} written out are rejected. The header decides the separator: commas, else
 *   semicolons (numbers may then have a decimal comma, {@code 0,5}), else tabs, else spaces. A unit in brackets
 *   after a name is not part of it ({@code x (mm)} names the column {@code x}); cells may be double-quoted.</li>
 *   <li><b>.npy</b>: a 2-D float/int array (rows, columns); the column names come from
 *   the {@code columns} argument ({@code --columns} of {@code mollify fit}).</li>
 *   <li><b>.npz</b>: either 1-D arrays of equal length (one per column), or a grid: 1-D coordinate
 *   arrays ({@code x}, {@code t}, …) and N-D field arrays whose shape lists the coordinate lengths,
 *   slowest axis first ({@code u[t][x]}); {@code np.savez} and {@code np.savez_compressed} both work.</li>
 * </ul>
 * The true values in a {@link DataSidecar} beside the file ({@code heat.json} beside {@code heat.csv})
 * become {@code truth.NAME} parameters. A file too large for the heap is refused with its size and
 * the fix ({@link HeapBudget}), never an {@link OutOfMemoryError}.
 */
public final class TableReader {
    /** A column name followed by its unit in brackets, {@code x (mm)} or {@code t [h]}: the name is the part before. */
    private static final Pattern NAME_WITH_UNIT =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(\\([^()]*\\)|\\[[^\\[\\]]*\\])");

    /** How other programs mark a missing value in a cell ({@code NA} from R, {@code null}, {@code N/A}, {@code -}). */
    private static final Pattern MISSING_MARK = Pattern.compile("(?i)na|n/a|null|none|missing|-+|\\?|#N/A");

    private static final Pattern PARAMETER = Pattern.compile("#\\s*([A-Za-z_][\\w.]*)\\s*[=:]\\s*(\\S+)\\s*");

    private TableReader() {}

    /**
     * Reads {@code file}; {@code columns} names the columns of a plain {@code .npy} table, or renames a CSV's
     * columns in the file's order ({@code time,x,u} read with {@code t,x,u}); null or empty keeps the header's
     * names. The format follows the file's extension ({@code .npy}, {@code .npz}, anything else as CSV).
     *
     * @param file    the data file
     * @param columns the column names of a plain {@code .npy} file or new names for a CSV's columns, or null
     * @return the table, with the CSV's {@code # name = value} lines and the sidecar's truth as parameters
     * @throws FitInputException (kind DATA) when the file does not exist, is a folder, cannot be read, is
     *     malformed (the message names the line or entry) or does not fit in the heap
     */
    public static Table read(Path file, List<String> columns) {
        if (!Files.exists(file)) throw FitInputException.badData("data file " + file + " does not exist");
        if (Files.isDirectory(file))
            throw FitInputException.badData("data file " + file + " is a folder; give a .csv, .npy or .npz file");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".npz") && columns != null && !columns.isEmpty())
                throw FitInputException.usage("--columns names the columns of a CSV or a plain .npy; the arrays of "
                        + file + " keep the names they were saved with (np.savez(f, t=..., x=..., u=...))");
            Table t = name.endsWith(".npy")
                    ? npy(file, columns)
                    : name.endsWith(".npz") ? npz(file) : renamed(file, csv(file), columns);
            Map<String, Double> truth = DataSidecar.truth(file);
            if (truth.isEmpty()) return t;
            Map<String, Double> params = new LinkedHashMap<>(t.parameters());
            truth.forEach((k, v) -> params.put("truth." + k, v));
            return new Table(t.source(), t.names(), t.columns(), params);
        } catch (NoSuchFileException e) {
            throw FitInputException.badData("data file " + file + " does not exist");
        } catch (IOException e) {
            throw FitInputException.badData("cannot read " + file + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw FitInputException.badData("data file " + file + " is too large for the memory Java may use ("
                    + HeapBudget.bytes(HeapBudget.max()) + "); " + HeapBudget.MORE_MEMORY + ", or thin the file");
        }
    }

    // ---------------------------------------------------------------- CSV

    /** Rows read between two checks of the heap while a CSV is read. */
    private static final int CHECK_EVERY = 1 << 16;

    static Table csv(Path file) throws IOException {
        long size = Files.size(file);
        Map<String, Double> params = new LinkedHashMap<>();
        List<String> header = null;
        Separator separator = Separator.COMMA;
        Columns cols = null;
        long bytesRead = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            for (int ln = 0; (line = in.readLine()) != null; ln++) {
                bytesRead += line.length() + 1;
                if (ln == 0 && line.startsWith("\uFEFF"))
                    line = line.substring(1); // a UTF-8 byte-order mark is not part of the first name
                line = line.strip();
                if (line.isEmpty()) continue;
                if (line.startsWith("#")) {
                    Matcher m = PARAMETER.matcher(line);
                    if (m.matches()) {
                        try {
                            params.put(m.group(1), Double.parseDouble(m.group(2)));
                        } catch (NumberFormatException ignored) {
                            // a comment that is not a parameter
                        }
                    }
                    continue;
                }
                if (header == null) separator = Separator.of(line);
                String[] cells = separator.split(line);
                if (header == null) {
                    header = header(file, ln + 1, cells);
                    cols = new Columns(header.size());
                    continue;
                }
                if (cells.length != header.size()) {
                    throw FitInputException.badData(file + " line " + (ln + 1) + " has " + cells.length
                            + " cells but the header names " + header.size() + " columns (" + String.join(",", header)
                            + "); every row needs one value (or an empty cell) per column");
                }
                for (int c = 0; c < cells.length; c++)
                    cols.add(c, cell(file, ln + 1, header.get(c), separator.number(cells[c])));
                if (++cols.rows == Integer.MAX_VALUE - 8)
                    throw FitInputException.badData(file + " has more than " + cols.rows
                            + " rows, more than one column can hold; thin the file");
                if (cols.rows % CHECK_EVERY == 0) checkHeap(file, size, bytesRead, cols);
            }
        }
        if (header == null)
            throw FitInputException.badData(file + " is empty: expected a header line such as x,t,u and data rows");
        if (cols.rows == 0)
            throw FitInputException.badData(file + " has a header (" + String.join(",", header)
                    + ") but no data rows; add one row per measured point");
        return new Table(file.toString(), header, cols.trimmed(), params);
    }

    /** Refuses a CSV whose columns, projected from what was read so far, would not fit in the heap. */
    private static void checkHeap(Path file, long size, long bytesRead, Columns cols) {
        double perByte = 8.0 * cols.rows * cols.count() / bytesRead;
        double need = 2.5 * perByte * (size - bytesRead); // growth and the final copy
        if (!HeapBudget.fits(need)) {
            throw FitInputException.badData(String.format(
                    Locale.ROOT,
                    "data file %s (%s, about %,.0f rows) is too large for the memory Java may use: reading it needs about %s more, %s is free; "
                            + "%s, or thin the file",
                    file,
                    HeapBudget.bytes(size),
                    cols.rows * (double) size / bytesRead,
                    HeapBudget.bytes(need),
                    HeapBudget.bytes(HeapBudget.available()),
                    HeapBudget.MORE_MEMORY));
        }
    }

    /** Columns of doubles that grow as rows are read. */
    private static final class Columns {
        private final double[][] data;
        int rows;

        Columns(int n) {
            data = new double[n][1024];
        }

        int count() {
            return data.length;
        }

        void add(int c, double v) {
            if (rows == data[c].length)
                data[c] = Arrays.copyOf(data[c], (int) Math.min(Integer.MAX_VALUE - 8L, 2L * rows));
            data[c][rows] = v;
        }

        List<double[]> trimmed() {
            List<double[]> out = new ArrayList<>();
            for (int c = 0; c < data.length; c++) {
                out.add(Arrays.copyOf(data[c], rows));
                data[c] = null;
            }
            return out;
        }
    }

    private static List<String> header(Path file, int line, String[] cells) {
        List<String> names = new ArrayList<>();
        for (String c : cells) {
            String n = unquoted(c.strip());
            Matcher unit = NAME_WITH_UNIT.matcher(n);
            if (unit.matches()) n = unit.group(1);
            if (n.isEmpty())
                throw FitInputException.badData(file + " line " + line
                        + ": the header has an empty column name; name every column (e.g. x,t,u)");
            if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                try {
                    Double.parseDouble(n);
                    throw FitInputException.badData(file + " line " + line
                            + " looks like data, not a header: the first line must name the columns, e.g. x,t,u");
                } catch (NumberFormatException e) {
                    throw FitInputException.badData(file + " line " + line + ": column name '" + n
                            + "' must be a letter followed by letters, digits or _");
                }
            }
            if (names.contains(n))
                throw FitInputException.badData(
                        file + " line " + line + ": column '" + n + "' appears twice in the header");
            names.add(n);
        }
        return names;
    }

    /** A cell without the double quotes a spreadsheet may put around it. */
    private static String unquoted(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1).strip()
                : text;
    }

    /**
     * How the cells of a CSV line are separated, decided by its header: commas ({@code x,t,u}); else
     * semicolons ({@code x;t;u}, where a number may carry a decimal comma, {@code 0,5}); else tabs; else runs
     * of spaces ({@code x t u}).
     */
    private enum Separator {
        COMMA(","),
        SEMICOLON(";"),
        TAB("\t"),
        SPACES("\\s+");

        private final String regex;

        Separator(String regex) {
            this.regex = regex;
        }

        static Separator of(String header) {
            if (header.contains(",")) return COMMA;
            if (header.contains(";")) return SEMICOLON;
            if (header.contains("\t")) return TAB;
            return SPACES;
        }

        String[] split(String line) {
            return line.split(regex, -1);
        }

        /** The cell's number text: stripped, unquoted, and with a decimal comma read as a point after semicolons. */
        String number(String cell) {
            String text = unquoted(cell.strip());
            return this == SEMICOLON ? text.replace(',', '.') : text;
        }
    }

    private static double cell(Path file, int line, String column, String text) {
        if (text.isEmpty()) return Double.NaN;
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw FitInputException.badData(file + " line " + line + ", column '" + column + "': '" + text
                    + "' is not a number"
                    + (MISSING_MARK.matcher(text).matches()
                            ? "; leave the cell empty to mark a missing measurement"
                            : ""));
        }
        if (!Double.isFinite(v)) {
            throw FitInputException.badData(file + " line " + line + ", column '" + column + "': " + text
                    + " is not a finite value; leave the cell empty to mark a missing measurement");
        }
        return v;
    }

    // ---------------------------------------------------------------- NumPy

    /** One parsed {@code .npy} array. */
    record NpyArray(String name, int[] shape, double[] data) {}

    static Table npy(Path file, List<String> columns) throws IOException {
        long size = Files.size(file);
        if (size > MAX_ARRAY_BYTES) {
            throw FitInputException.badData(file + " is " + HeapBudget.bytes(size) + "; a .npy of at most "
                    + HeapBudget.bytes(MAX_ARRAY_BYTES) + " can be read: thin it, or save it as a .npz of 1-D columns");
        }
        requireHeap(file.toString(), size, 3.0 * size); // the bytes, the values, the columns
        NpyArray a = parseNpy(file.toString(), Files.readAllBytes(file));
        if (a.shape.length != 2) {
            throw FitInputException.badData(
                    file + " holds an array of shape " + shapeText(a.shape)
                            + "; a .npy must be a 2-D table (rows, columns) — for a grid use a .npz with coordinate arrays and field arrays");
        }
        if (columns == null || columns.isEmpty()) {
            throw FitInputException.badData(file + " is a (" + a.shape[0] + ", " + a.shape[1]
                    + ") table without column names: name them with --columns, e.g. --columns x,t,u");
        }
        checkNames(file, columns, a.shape[1]);
        List<double[]> cols = new ArrayList<>();
        for (int c = 0; c < a.shape[1]; c++) {
            double[] col = new double[a.shape[0]];
            for (int r = 0; r < col.length; r++)
                col[r] = finite(file.toString(), columns.get(c), r, a.data[r * a.shape[1] + c]);
            cols.add(col);
        }
        return new Table(file.toString(), columns, cols, Map.of());
    }

    /** Refuses {@code --columns} names that do not match the file's column count, repeat, or are not identifiers. */
    private static void checkNames(Path file, List<String> columns, int count) {
        if (columns.size() != count) {
            throw FitInputException.badData(
                    "--columns names " + columns.size() + " columns " + columns + " but " + file + " has " + count);
        }
        for (int c = 0; c < columns.size(); c++) {
            if (columns.indexOf(columns.get(c)) != c)
                throw FitInputException.usage("--columns " + String.join(",", columns) + ": column '" + columns.get(c)
                        + "' appears twice; name each column once");
            if (!columns.get(c).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw FitInputException.usage("--columns: column name '" + columns.get(c)
                        + "' must be a letter followed by letters, digits or _");
            }
        }
    }

    /** The CSV's columns under the names {@code columns} gives, in the file's order (none given: the header's). */
    private static Table renamed(Path file, Table t, List<String> columns) {
        if (columns == null || columns.isEmpty()) return t;
        checkNames(file, columns, t.names().size());
        return new Table(t.source(), List.copyOf(columns), t.columns(), t.parameters());
    }

    static Table npz(Path file) throws IOException {
        List<NpyArray> arrays = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory() || !e.getName().endsWith(".npy")) continue;
                String name = e.getName().substring(0, e.getName().length() - 4);
                for (NpyArray b : arrays)
                    if (b.name.equals(name))
                        throw FitInputException.badData(
                                file + " holds two arrays named '" + name + "'; save each column once");
                NpyArray a = parseNpy(file + ":" + name, readAll(file + ":" + name, zip));
                arrays.add(new NpyArray(name, a.shape, a.data));
            }
        }
        if (arrays.isEmpty()) throw FitInputException.badData(file + " holds no arrays (is it a NumPy .npz archive?)");
        for (NpyArray a : arrays) {
            for (int i = 0; i < a.data.length; i++) finite(file.toString(), a.name, i, a.data[i]);
        }
        boolean allVectors = arrays.stream().allMatch(a -> a.shape.length == 1)
                && arrays.stream().map(a -> a.shape[0]).distinct().count() == 1;
        if (allVectors) {
            List<String> names = new ArrayList<>();
            List<double[]> cols = new ArrayList<>();
            for (NpyArray a : arrays) {
                names.add(a.name);
                cols.add(a.data);
            }
            return new Table(file.toString(), names, cols, Map.of());
        }
        return gridArchive(file.toString(), arrays);
    }

    /** Coordinate vectors plus field arrays of the grid's shape → a long table (fastest axis first, like our CSVs). */
    private static Table gridArchive(String source, List<NpyArray> arrays) {
        List<NpyArray> coords = new ArrayList<>();
        List<NpyArray> fields = new ArrayList<>();
        for (NpyArray a : arrays) (a.shape.length == 1 && a.name.matches("[a-z]") ? coords : fields).add(a);
        if (fields.isEmpty() || coords.isEmpty()) {
            throw FitInputException.badData(
                    source
                            + ": arrays of different lengths; give either 1-D columns of equal length, or 1-D coordinate arrays (x, t, …) plus field arrays shaped like the grid");
        }
        int[] shape = fields.get(0).shape;
        // slowest first: t, then z, y, x — the layout of GridField
        List<NpyArray> axes = new ArrayList<>(coords);
        axes.sort((p, q) -> Integer.compare(GridColumns.rank(p.name), GridColumns.rank(q.name)));
        if (axes.size() != shape.length) {
            throw FitInputException.badData(source + ": field '" + fields.get(0).name + "' has shape "
                    + shapeText(shape) + " but there are " + axes.size() + " coordinate arrays "
                    + axes.stream().map(NpyArray::name).toList());
        }
        for (int d = 0; d < shape.length; d++) {
            if (axes.get(d).shape[0] != shape[d]) {
                throw FitInputException.badData(source + ": field '" + fields.get(0).name + "' has shape "
                        + shapeText(shape) + " but coordinate '" + axes.get(d).name + "' (axis " + d
                        + ", slowest first: t, z, y, x) has " + axes.get(d).shape[0] + " values");
            }
        }
        for (NpyArray f : fields) {
            if (!java.util.Arrays.equals(f.shape, shape)) {
                throw FitInputException.badData(source + ": field '" + f.name + "' has shape " + shapeText(f.shape)
                        + ", '" + fields.get(0).name + "' " + shapeText(shape));
            }
        }
        List<String> names = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        List<double[]> axisValues = axes.stream().map(NpyArray::data).toList();
        for (int d = shape.length - 1; d >= 0; d--) {
            names.add(axes.get(d).name);
            cols.add(GridColumns.coordinate(axisValues, d));
        }
        for (NpyArray f : fields) {
            names.add(f.name);
            cols.add(f.data);
        }
        return new Table(source, names, cols, Map.of());
    }

    /** Parses NumPy format 1.0–3.0: little- or big-endian f8, f4, i8, i4; C order. */
    static NpyArray parseNpy(String source, byte[] bytes) {
        if (bytes.length < 10
                || (bytes[0] & 0xff) != 0x93
                || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw FitInputException.badData(source + " is not a NumPy .npy array (bad magic)");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw FitInputException.badData(source + " is truncated: its header is cut off");
            headerLen = b.getInt(8);
            start = 12;
        } else {
            throw FitInputException.badData(
                    source + ": .npy format version " + major + " is not supported (1, 2 and 3 are)");
        }
        if (headerLen < 0 || headerLen > bytes.length - start)
            throw FitInputException.badData(source + " is truncated: its header is cut off");
        String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher descr = Pattern.compile("'descr':\\s*'([<>|=])([fi])(\\d)'").matcher(header);
        Matcher fortran = Pattern.compile("'fortran_order':\\s*(True|False)").matcher(header);
        Matcher shapeM = Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(header);
        if (!descr.find() || !fortran.find() || !shapeM.find()) {
            throw FitInputException.badData(
                    source + ": unsupported .npy header " + header.strip() + " (need float64/float32/int64/int32)");
        }
        if (fortran.group(1).equals("True"))
            throw FitInputException.badData(source + " is in Fortran order; save it with np.ascontiguousarray(...)");
        List<Integer> dims = new ArrayList<>();
        long n = 1;
        for (String s : shapeM.group(1).split(",")) {
            if (s.isBlank()) continue;
            long d;
            try {
                d = Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw FitInputException.badData(
                        source + ": the header's shape (" + shapeM.group(1) + ") is not a list of whole numbers");
            }
            if (d < 0 || d > Integer.MAX_VALUE)
                throw FitInputException.badData(
                        source + ": the header's shape (" + shapeM.group(1) + ") has a dimension out of range");
            n = d == 0 ? 0 : (n > MAX_ARRAY_BYTES / 8 / d ? MAX_ARRAY_BYTES : n * d);
            dims.add((int) d);
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        if (n >= MAX_ARRAY_BYTES / 8)
            throw FitInputException.badData(
                    source + ": shape " + shapeText(shape) + " has more values than one array can hold; thin the data");
        char kind = descr.group(2).charAt(0);
        int size = Integer.parseInt(descr.group(3));
        if (!(size == 8 || size == 4))
            throw FitInputException.badData(source + ": unsupported element size " + size + " (need 4 or 8 bytes)");
        ByteBuffer data = ByteBuffer.wrap(bytes, start + headerLen, bytes.length - start - headerLen)
                .order(descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (data.remaining() < n * size)
            throw FitInputException.badData(
                    source + " is truncated: shape " + shapeText(shape) + " needs " + n * size + " bytes");
        double[] out = new double[(int) n];
        for (int i = 0; i < n; i++) {
            out[i] = kind == 'f'
                    ? (size == 8 ? data.getDouble() : data.getFloat())
                    : (size == 8 ? data.getLong() : data.getInt());
        }
        return new NpyArray(source, shape, out);
    }

    private static double finite(String source, String column, int row, double v) {
        if (!Double.isFinite(v)) {
            throw FitInputException.badData(source + ", '" + column + "' element " + row + " is " + v
                    + "; remove the point (or leave the CSV cell empty) to mark a missing measurement");
        }
        return v;
    }

    /** The most bytes one array can hold. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 64;

    /** One archive member's bytes, refused once they outgrow the heap (a member may be far larger unpacked than packed). */
    private static byte[] readAll(String source, InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long limit = Math.min(MAX_ARRAY_BYTES, HeapBudget.available() / 4);
        for (int n; (n = in.read(buf)) > 0; ) {
            out.write(buf, 0, n);
            if (out.size() > limit) {
                throw FitInputException.badData(source + " unpacks to more than " + HeapBudget.bytes(limit)
                        + ", too large for the memory Java may use; " + HeapBudget.MORE_MEMORY + ", or thin the data");
            }
        }
        return out.toByteArray();
    }

    /** Refuses a file whose reading needs more heap than is free. */
    private static void requireHeap(String source, long size, double need) {
        if (!HeapBudget.fits(need)) {
            throw FitInputException.badData(source + " (" + HeapBudget.bytes(size)
                    + ") is too large for the memory Java may use: reading it needs about " + HeapBudget.bytes(need)
                    + ", " + HeapBudget.bytes(HeapBudget.available()) + " is free; " + HeapBudget.MORE_MEMORY
                    + ", or thin the file");
        }
    }

    private static String shapeText(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) s.append(i > 0 ? ", " : "").append(shape[i]);
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
