package dev.mollify.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    /**
     * A file built byte by byte from the format description: tensors a = F64 [1.0, −2.0] and
     * b = F32 scalar 0.5, metadata {"format": "pt"}.
     */
    static byte[] golden() {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[16,20]}}";
        assertEquals(140, header.length());
        byte[] len = {(byte) 0x90, 0, 0, 0, 0, 0, 0, 0}; // 144 = 140 + 4 spaces, so 8 + 144 is a multiple of 8
        byte[] data = {
            0,
            0,
            0,
            0,
            0,
            0,
            (byte) 0xF0,
            0x3F, // 1.0  = 0x3FF0000000000000
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            (byte) 0xC0, // -2.0 = 0xC000000000000000
            0,
            0,
            0,
            0x3F
        }; // 0.5f = 0x3F000000
        byte[] out = new byte[8 + 144 + data.length];
        System.arraycopy(len, 0, out, 0, 8);
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, out, 8, h.length);
        for (int i = 8 + h.length; i < 8 + 144; i++) out[i] = ' ';
        System.arraycopy(data, 0, out, 8 + 144, data.length);
        return out;
    }

    static Map<String, Tensor> goldenTensors() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("a", Tensor.vector(1.0, -2.0));
        m.put("b", Tensor.scalar(DType.F32, 0.5));
        return m;
    }

    @Test
    void encodesTheGoldenBytes() {
        assertArrayEquals(golden(), Safetensors.encode(goldenTensors(), Map.of("format", "pt")));
    }

    @Test
    void decodesTheGoldenBytes() {
        Safetensors.Contents c = Safetensors.decode(golden());
        assertEquals(Map.of("format", "pt"), c.metadata());
        assertEquals(List.of("a", "b"), List.copyOf(c.tensors().keySet()));
        Tensor a = c.tensors().get("a"), b = c.tensors().get("b");
        assertEquals(DType.F64, a.dtype());
        assertArrayEquals(new int[] {2}, a.shape());
        assertArrayEquals(new double[] {1.0, -2.0}, a.toDoubleArray(), 0.0);
        assertEquals(DType.F32, b.dtype());
        assertArrayEquals(new int[0], b.shape());
        assertEquals(0.5, b.item(), 0.0);
    }

    @Test
    void roundTripF64AndF32ThroughAFile() throws IOException {
        Mlp net64 = Mlp.builder().inputs(2).hidden(7, 5).outputs(3).seed(1).build();
        Mlp net32 = Mlp.builder()
                .inputs(2)
                .hidden(7, 5)
                .outputs(3)
                .seed(2)
                .dtype(DType.F32)
                .build();
        for (Mlp net : List.of(net64, net32)) {
            Path f =
                    dir.resolve("net-" + net.parameters().get("layers.0.weight").dtype() + ".safetensors");
            Safetensors.save(f, net.parameters());
            assertEquals(0, (8 + headerLength(f)) % 8, "header padded so the data starts at a multiple of 8");
            Map<String, Tensor> loaded = Safetensors.load(f);
            assertEquals(List.copyOf(net.parameters().names()), List.copyOf(loaded.keySet()));
            for (String name : net.parameters().names()) {
                Tensor want = net.parameters().get(name).value(), got = loaded.get(name);
                assertEquals(want.dtype(), got.dtype(), name);
                assertArrayEquals(want.shape(), got.shape(), name);
                assertArrayEquals(want.toDoubleArray(), got.toDoubleArray(), 0.0, name);
            }
            Mlp fresh = Mlp.builder()
                    .inputs(2)
                    .hidden(7, 5)
                    .outputs(3)
                    .seed(99)
                    .dtype(net.parameters().get("layers.0.bias").dtype())
                    .build();
            fresh.parameters().loadFrom(loaded);
            assertArrayEquals(net.parameters().flatValues(), fresh.parameters().flatValues(), 0.0);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary files left behind");
        }
    }

    @Test
    void saveReplacesAnExistingFileAndKeepsMetadataAndOddNames() throws IOException {
        Path f = dir.resolve("w.safetensors");
        Files.writeString(f, "old contents");
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("weird \"name\"\\ é", Tensor.zeros(0, 3));
        m.put("x", Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2).t()); // a transposed view is written row-major
        Safetensors.save(f, m, Map.of("note", "line1\nline2"));
        Safetensors.Contents c = Safetensors.read(f);
        assertEquals("line1\nline2", c.metadata().get("note"));
        assertArrayEquals(
                new int[] {0, 3}, c.tensors().get("weird \"name\"\\ é").shape());
        assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, c.tensors().get("x").toDoubleArray(), 0.0);
    }

    private static long headerLength(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    // ------------------------------------------------------------------ malformed files

    private static String failure(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> Safetensors.decode(bytes))
                .getMessage();
    }

    /** A file with the given header JSON and {@code dataBytes} zero bytes of data. */
    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private static String tensor(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + ","
                + end + "]}";
    }

    @Test
    void rejectsBadHeaderLengths() {
        assertTrue(failure(new byte[5]).contains("at least 8"));
        byte[] g = golden();
        g[0] = (byte) 0xFF; // 255 > the bytes that follow
        assertTrue(failure(g).contains("header length 255 is invalid"), failure(g));
        byte[] huge = golden();
        huge[7] = (byte) 0x80; // a negative signed long: 2^63 + 144 unsigned
        assertTrue(failure(huge).contains("is invalid"), failure(huge));
    }

    @Test
    void rejectsMalformedJson() {
        assertTrue(failure(file("{\"a\":", 0)).contains("malformed header JSON"));
        assertTrue(failure(file("[1,2,3]  ", 0)).contains("starting with '{'"));
        assertTrue(failure(file("{\"a\":1,\"a\":2}", 0)).contains("duplicate key"));
        assertTrue(failure(file("{} x", 0)).contains("after the JSON value"));
        byte[] badUtf8 = file("{\"\u00e9\":1}", 0);
        badUtf8[10] = (byte) 0xC3;
        badUtf8[11] = (byte) 0x28;
        assertTrue(failure(badUtf8).contains("UTF-8"), failure(badUtf8));
    }

    @Test
    void rejectsUnknownOrUnsupportedDtypes() {
        String m1 = failure(file("{" + tensor("w", "BF16", "[2]", 0, 4) + "}", 4));
        assertTrue(m1.contains("'w'") && m1.contains("BF16 is not supported"), m1);
        String m2 = failure(file("{" + tensor("w", "F65", "[2]", 0, 16) + "}", 16));
        assertTrue(m2.contains("unknown dtype \"F65\""), m2);
    }

    @Test
    void rejectsBadOffsets() {
        String out = failure(file("{" + tensor("w", "F64", "[2]", 0, 16) + "}", 8));
        assertTrue(out.contains("out of range") && out.contains("8 bytes"), out);
        String size = failure(file("{" + tensor("w", "F64", "[3]", 0, 16) + "}", 16));
        assertTrue(size.contains("span 16 bytes but F64 (3,) needs 24"), size);
        String overlap = failure(
                file("{" + tensor("a", "F64", "[2]", 0, 16) + "," + tensor("b", "F64", "[2]", 8, 24) + "}", 24));
        assertTrue(overlap.contains("'a'") && overlap.contains("'b'") && overlap.contains("overlap"), overlap);
        String gap = failure(file("{" + tensor("a", "F64", "[1]", 8, 16) + "}", 16));
        assertTrue(gap.contains("belong to no tensor"), gap);
        String tail = failure(file("{" + tensor("a", "F64", "[1]", 0, 8) + "}", 16));
        assertTrue(tail.contains("cover only 8"), tail);
        String reversed = failure(file("{" + tensor("a", "F64", "[0]", 8, 0) + "}", 8));
        assertTrue(reversed.contains("out of range"), reversed);
        String negative = failure(file("{" + tensor("a", "F64", "[-1]", 0, 0) + "}", 0));
        assertTrue(negative.contains("bad size -1"), negative);
        String missing = failure(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1]}}", 8));
        assertTrue(missing.contains("data_offsets"), missing);
    }

    @Test
    void readNamesTheFile() throws IOException {
        Path f = dir.resolve("broken.safetensors");
        Files.write(f, new byte[3]);
        String msg = assertThrows(IllegalArgumentException.class, () -> Safetensors.load(f))
                .getMessage();
        assertTrue(msg.contains("broken.safetensors"), msg);
    }

    @Test
    void savedParametersLoadBackIntoVars() throws IOException {
        Var w = Var.param(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        Parameters p = new Parameters().add("w", w);
        Path f = dir.resolve("p.safetensors");
        Safetensors.save(f, p);
        w.assign(Tensor.zeros(2, 2));
        p.loadFrom(Safetensors.load(f));
        assertArrayEquals(new double[] {1, 2, 3, 4}, w.value().toDoubleArray(), 0.0);
    }
}
