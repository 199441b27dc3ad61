package dev.mollify.autograd.nn;

import dev.mollify.tensor.DType;
import dev.mollify.tensor.Shapes;
import dev.mollify.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, so
 * weights move between Mollify and PyTorch/JAX/NumPy.
 *
 * <p><b>Layout of a file.</b>
 * <pre>
 *   bytes 0‥7        N, the header length: unsigned 64-bit little-endian
 *   bytes 8‥8+N      the header: UTF-8 JSON, right-padded with spaces (0x20) so that 8+N is a multiple of 8
 *                    {"__metadata__":{"format":"pt"},
 *                     "layers.0.weight":{"dtype":"F64","shape":[2,50],"data_offsets":[0,800]}, …}
 *   bytes 8+N‥end    the data section: each tensor's elements, row-major, little-endian,
 *                    at [begin, end) relative to the start of the data section
 * </pre>
 * Tensors are written in the given order, back to back with no gaps. {@code "__metadata__"} is an
 * optional string → string map; {@link #save(Path, Parameters)} writes {@code {"format":"pt"}}.
 *
 * <p><b>Checks on reading.</b> Like the reference implementation, a file is rejected with an
 * {@link IllegalArgumentException} naming the problem when the header length does not fit the file,
 * the header is not valid UTF-8 JSON of the shape above, a dtype other than {@code F64}/{@code F32}
 * appears, a tensor's byte range disagrees with its shape, lies outside the data section, overlaps
 * another or leaves a gap, or the data section has bytes no tensor claims. Files above 2 GiB are not
 * supported (the file is read into one array).
 *
 * <p><b>Writing</b> is atomic: the bytes go to a temporary file in the target's directory, which is
 * then moved over the target, so a crash never leaves a half-written file under the target name.
 */
public final class Safetensors {
    /** Largest header accepted on reading (the reference implementation's limit). */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final Set<String> OTHER_DTYPES = Set.of(
            "BOOL", "U8", "I8", "I16", "U16", "F16", "BF16", "I32", "U32", "I64", "U64", "F8_E4M3", "F8_E5M2",
            "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64");

    private Safetensors() {}

    /**
     * What a file holds: tensors in header order, and the {@code __metadata__} map (empty if absent).
     *
     * @param tensors  the tensors by name, in header order
     * @param metadata the {@code __metadata__} entries; empty when the file has none
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    // ------------------------------------------------------------------ writing

    /**
     * Writes the parameters' current values with metadata {@code {"format":"pt"}}.
     *
     * @param path the file to write; replaced atomically if it exists
     * @param parameters the registry whose names and current values are written, in registration order
     * @throws IOException when the file cannot be written
     */
    public static void save(Path path, Parameters parameters) throws IOException {
        save(path, parameters.values(), Map.of("format", "pt"));
    }

    /**
     * Writes named tensors (in map order) and a metadata map (may be empty) atomically to {@code path}.
     *
     * @param path the file to write; replaced atomically if it exists
     * @param tensors the tensors by name; names must be non-empty and not {@code "__metadata__"}
     * @param metadata string pairs for the {@code __metadata__} entry; null or empty writes none
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when a name is invalid or the file would exceed 2 GiB
     */
    public static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] bytes = encode(tensors, metadata);
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = newTemporary(dir, abs.getFileName().toString() + ".");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // e.g. some network file systems: still never leaves a partial file under the target name
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The bytes of a safetensors file holding {@code tensors} (in map order) and {@code metadata}.
     *
     * @param tensors the tensors by name; names must be non-empty and not {@code "__metadata__"}
     * @param metadata string pairs for the {@code __metadata__} entry; null or empty writes none
     * @return the whole file in the layout above
     * @throws IllegalArgumentException when a name is invalid or the file would exceed 2 GiB
     */
    public static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        if (metadata != null && !metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            boolean f = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (!f) json.append(',');
                f = false;
                Json.string(json, e.getKey());
                json.append(':');
                Json.string(json, e.getValue());
            }
            json.append('}');
            first = false;
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null || name.isEmpty() || name.equals("__metadata__")) {
                throw new IllegalArgumentException("invalid tensor name '" + name + "' (empty or reserved)");
            }
            long bytes = (long) t.numel() * t.dtype().bytes();
            if (!first) json.append(',');
            first = false;
            Json.string(json, name);
            json.append(":{\"dtype\":\"").append(t.dtype().name()).append("\",\"shape\":[");
            int[] s = t.shape();
            for (int i = 0; i < s.length; i++) json.append(i > 0 ? "," : "").append(s[i]);
            json.append("],\"data_offsets\":[")
                    .append(offset)
                    .append(',')
                    .append(offset + bytes)
                    .append("]}");
            offset += bytes;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 16)
            throw new IllegalArgumentException("safetensors: " + total + " bytes exceed the 2 GiB supported");
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded);
        buf.put(header);
        for (int i = header.length; i < padded; i++) buf.put((byte) ' ');
        for (Tensor t : tensors.values()) {
            if (t.dtype() == DType.F64) {
                for (double v : t.toDoubleArray()) buf.putDouble(v);
            } else {
                for (float v : t.toFloatArray()) buf.putFloat(v);
            }
        }
        return buf.array();
    }

    // ------------------------------------------------------------------ reading

    /**
     * The tensors of a file, in header order.
     *
     * @param path a safetensors file with F64 and F32 tensors only
     * @return the tensors by name, in header order
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when a check above fails; the message starts with the path
     */
    public static Map<String, Tensor> load(Path path) throws IOException {
        return read(path).tensors();
    }

    /**
     * Tensors and metadata of a file.
     *
     * @param path a safetensors file with F64 and F32 tensors only
     * @return the tensors in header order and the metadata (empty when absent)
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when a check above fails; the message starts with the path
     */
    public static Contents read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(
                    "safetensors: " + path + " has " + size + " bytes; files above 2 GiB are not supported");
        }
        try {
            return decode(Files.readAllBytes(path));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private record Entry(String name, DType dtype, int[] shape, long begin, long end) {}

    /**
     * Parses the bytes of a safetensors file (see the class comment for the checks).
     *
     * @param file the whole file's bytes
     * @return the tensors in header order and the metadata (empty when absent)
     * @throws IllegalArgumentException when a check above fails, naming the problem
     */
    public static Contents decode(byte[] file) {
        if (file.length < 8) {
            throw new IllegalArgumentException(
                    "safetensors: file has " + file.length + " bytes; at least 8 are needed for the header length");
        }
        ByteBuffer le = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long n = le.getLong(0);
        long available = file.length - 8L;
        if (n < 2 || n > available || n > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("safetensors: header length " + Long.toUnsignedString(n)
                    + " is invalid: "
                    + available + " bytes follow the 8-byte length field"
                    + (n > MAX_HEADER_BYTES ? " and headers are limited to " + MAX_HEADER_BYTES + " bytes" : ""));
        }
        String header;
        try {
            header = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file, 8, (int) n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("safetensors: header is not valid UTF-8", e);
        }
        if (header.charAt(0) != '{') {
            throw new IllegalArgumentException(
                    "safetensors: header must be a JSON object starting with '{', starts with "
                            + Json.quote(header.substring(0, Math.min(16, header.length()))));
        }
        Object root = new Json(header).parseDocument();
        if (!(root instanceof Map)) throw new IllegalArgumentException("safetensors: header is not a JSON object");
        long dataLen = available - n;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) root).entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map))
                    throw new IllegalArgumentException("safetensors: __metadata__ must be an object");
                for (Map.Entry<?, ?> m : ((Map<?, ?>) e.getValue()).entrySet()) {
                    if (!(m.getValue() instanceof String)) {
                        throw new IllegalArgumentException(
                                "safetensors: __metadata__ value for '" + m.getKey() + "' must be a string");
                    }
                    metadata.put((String) m.getKey(), (String) m.getValue());
                }
                continue;
            }
            entries.add(entry(name, e.getValue(), dataLen));
        }
        checkCoverage(entries, dataLen);
        long dataStart = 8 + n;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            ByteBuffer b = ByteBuffer.wrap(file, (int) (dataStart + e.begin), (int) (e.end - e.begin))
                    .slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
            int count = Shapes.numel(e.shape);
            if (e.dtype == DType.F64) {
                double[] v = new double[count];
                b.asDoubleBuffer().get(v);
                tensors.put(e.name, Tensor.of(v, e.shape));
            } else {
                float[] v = new float[count];
                b.asFloatBuffer().get(v);
                tensors.put(e.name, Tensor.ofFloat(v, e.shape));
            }
        }
        return new Contents(tensors, metadata);
    }

    private static Entry entry(String name, Object info, long dataLen) {
        String where = "safetensors: tensor '" + name + "'";
        if (!(info instanceof Map))
            throw new IllegalArgumentException(where + ": expected an object with dtype, shape, data_offsets");
        Map<?, ?> m = (Map<?, ?>) info;
        for (Object k : m.keySet()) {
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw new IllegalArgumentException(where + ": unknown field '" + k + "'");
            }
        }
        Object dt = m.get("dtype");
        if (!(dt instanceof String)) throw new IllegalArgumentException(where + ": missing or non-string \"dtype\"");
        DType dtype;
        if (dt.equals("F64")) {
            dtype = DType.F64;
        } else if (dt.equals("F32")) {
            dtype = DType.F32;
        } else if (OTHER_DTYPES.contains(dt)) {
            throw new IllegalArgumentException(
                    where + ": dtype " + dt + " is not supported; Mollify reads F64 and F32");
        } else {
            throw new IllegalArgumentException(
                    where + ": unknown dtype " + Json.quote((String) dt) + "; Mollify reads F64 and F32");
        }
        long[] shapeL = longs(m.get("shape"), where, "shape", -1);
        int[] shape = new int[shapeL.length];
        long numel = 1;
        for (int i = 0; i < shapeL.length; i++) {
            if (shapeL[i] < 0 || shapeL[i] > Integer.MAX_VALUE)
                throw new IllegalArgumentException(where + ": bad size " + shapeL[i] + " in shape");
            shape[i] = (int) shapeL[i];
            numel *= shapeL[i];
            if (numel > Integer.MAX_VALUE)
                throw new IllegalArgumentException(where + ": shape has more than 2^31-1 elements");
        }
        long[] off = longs(m.get("data_offsets"), where, "data_offsets", 2);
        long begin = off[0], end = off[1];
        if (begin < 0 || end < begin || end > dataLen) {
            throw new IllegalArgumentException(where + ": data_offsets [" + begin + ", " + end
                    + "] are out of range for a data section of " + dataLen + " bytes");
        }
        long want = numel * dtype.bytes();
        if (end - begin != want) {
            throw new IllegalArgumentException(where + ": data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin) + " bytes but " + dtype + " " + Shapes.str(shape) + " needs " + want);
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long[] longs(Object o, String where, String field, int length) {
        if (!(o instanceof List))
            throw new IllegalArgumentException(where + ": missing or non-array \"" + field + "\"");
        List<?> l = (List<?>) o;
        if (length >= 0 && l.size() != length) {
            throw new IllegalArgumentException(
                    where + ": \"" + field + "\" must have " + length + " entries, has " + l.size());
        }
        long[] r = new long[l.size()];
        for (int i = 0; i < r.length; i++) {
            if (!(l.get(i) instanceof Long))
                throw new IllegalArgumentException(where + ": \"" + field + "\" must hold integers, found " + l.get(i));
            r[i] = (Long) l.get(i);
        }
        return r;
    }

    /** Byte ranges must tile the data section exactly: no overlaps, gaps or unclaimed bytes. */
    private static void checkCoverage(List<Entry> entries, long dataLen) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long pos = 0;
        Entry prev = null;
        for (Entry e : sorted) {
            if (e.begin < pos) {
                throw new IllegalArgumentException("safetensors: tensors '" + prev.name + "' [" + prev.begin + ", "
                        + prev.end + ") and '" + e.name + "' [" + e.begin + ", " + e.end + ") overlap");
            }
            if (e.begin > pos) {
                throw new IllegalArgumentException("safetensors: bytes [" + pos + ", " + e.begin
                        + ") of the data section before '" + e.name + "' belong to no tensor");
            }
            pos = e.end;
            prev = e;
        }
        if (pos != dataLen) {
            throw new IllegalArgumentException(
                    "safetensors: the data section has " + dataLen + " bytes but the tensors cover only " + pos);
        }
    }

    // ------------------------------------------------------------------ a tiny JSON reader/writer

    /**
     * Just enough JSON for safetensors headers (RFC 8259): objects become {@link LinkedHashMap}s
     * (duplicate keys rejected), arrays {@link ArrayList}s, integers {@link Long}, other numbers
     * {@link Double}, plus strings, booleans and null.
     */
    static final class Json {
        private static final int MAX_DEPTH = 64;
        private final String s;
        private int pos;

        Json(String s) {
            this.s = s;
        }

        /** One value followed only by whitespace (the padding). */
        Object parseDocument() {
            Object v = value(0);
            skipWs();
            if (pos != s.length())
                throw error("unexpected " + Json.quote(s.substring(pos, Math.min(pos + 16, s.length())))
                        + " after the JSON value");
            return v;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("safetensors: malformed header JSON at character " + pos + ": " + what);
        }

        private void skipWs() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
                pos++;
            }
        }

        private Object value(int depth) {
            if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
            skipWs();
            if (pos >= s.length()) throw error("unexpected end");
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw error("unexpected character " + Json.quote(String.valueOf(c)));
            }
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) throw error("expected " + word);
            pos += word.length();
            return v;
        }

        private Map<String, Object> object(int depth) {
            pos++; // {
            Map<String, Object> m = new LinkedHashMap<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return m;
            }
            while (true) {
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != '"') throw error("expected a string key");
                String key = string();
                if (m.containsKey(key)) throw error("duplicate key " + Json.quote(key));
                skipWs();
                expect(':');
                m.put(key, value(depth + 1));
                skipWs();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return m;
            }
        }

        private List<Object> array(int depth) {
            pos++; // [
            List<Object> l = new ArrayList<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return l;
            }
            while (true) {
                l.add(value(depth + 1));
                skipWs();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(']');
                return l;
            }
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) throw error("expected '" + c + "'");
            pos++;
        }

        private String string() {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw error("unterminated string");
                char c = s.charAt(pos++);
                if (c == '"') return sb.toString();
                if (c < 0x20) throw error("control character in string");
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) throw error("unterminated escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"':
                        sb.append('"');
                        break;
                    case '\\':
                        sb.append('\\');
                        break;
                    case '/':
                        sb.append('/');
                        break;
                    case 'b':
                        sb.append('\b');
                        break;
                    case 'f':
                        sb.append('\f');
                        break;
                    case 'n':
                        sb.append('\n');
                        break;
                    case 'r':
                        sb.append('\r');
                        break;
                    case 't':
                        sb.append('\t');
                        break;
                    case 'u':
                        if (pos + 4 > s.length()) throw error("short \\u escape");
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                        break;
                    default:
                        throw error("bad escape \\" + e);
                }
            }
        }

        private Object number() {
            int start = pos;
            if (s.charAt(pos) == '-') pos++;
            int digits = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) pos++;
            if (pos == digits) throw error("expected digits");
            if (s.charAt(digits) == '0' && pos - digits > 1) throw error("leading zero in number");
            boolean integer = true;
            if (pos < s.length() && s.charAt(pos) == '.') {
                integer = false;
                pos++;
                int f = pos;
                while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
                if (pos == f) throw error("expected digits after '.'");
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                integer = false;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
                int f = pos;
                while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
                if (pos == f) throw error("expected exponent digits");
            }
            String text = s.substring(start, pos);
            if (!integer) return Double.parseDouble(text);
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw error("integer " + text + " is out of range");
            }
        }

        /** Appends {@code v} as a JSON string literal. */
        static void string(StringBuilder out, String v) {
            out.append('"');
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                switch (c) {
                    case '"':
                        out.append("\\\"");
                        break;
                    case '\\':
                        out.append("\\\\");
                        break;
                    case '\n':
                        out.append("\\n");
                        break;
                    case '\r':
                        out.append("\\r");
                        break;
                    case '\t':
                        out.append("\\t");
                        break;
                    default:
                        if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                        else out.append(c);
                }
            }
            out.append('"');
        }

        static String quote(String v) {
            StringBuilder sb = new StringBuilder();
            string(sb, v);
            return sb.toString();
        }
    }

    /**
     * A new empty file {@code prefix<digits>.tmp} with the umask's permissions, like the user's other files
     * ({@code createTempFile} would make it private).
     */
    private static Path newTemporary(Path dir, String prefix) throws IOException {
        for (long n = System.nanoTime(); ; n++) {
            try {
                return Files.createFile(dir.resolve(prefix + (n & Long.MAX_VALUE) + ".tmp"));
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // another writer holds this name: try the next
            }
        }
    }
}
