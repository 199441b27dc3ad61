package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of bad inputs: one row per case, each answered with its exit code, a message that
 * names the problem (the fragments), no stack trace, and no output folder left behind. {@code {dir}} in an argument is
 * the folder holding the test files; {@code OUT} is a fresh
 * output folder per row.
 */
class BadInputCatalogueTest {
    @TempDir
    static Path dir;

    /** One bad input: a name, the arguments, the exit code and fragments the message must hold. */
    record Case(String name, List<String> args, int code, List<String> fragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<String> FIT = List.of(
            "--pde", "u_t = D*u_xx", "--unknown", "D=0.1", "--steps", "2", "--lbfgs", "0", "--progress", "none");

    static Case fit(String name, String data, List<String> extra, int code, String... fragments) {
        List<String> a = new ArrayList<>(List.of("fit", "--data", "{dir}/" + data));
        for (int i = 0; i < FIT.size(); i += 2) {
            if (!extra.contains(FIT.get(i))) a.addAll(FIT.subList(i, i + 2)); // a row's own value replaces the default
        }
        a.addAll(extra);
        a.addAll(List.of("--out", "OUT"));
        return new Case(name, a, code, List.of(fragments));
    }

    static Case cmd(String name, int code, List<String> args, String... fragments) {
        return new Case(name, args, code, List.of(fragments));
    }

    static Case sweep(String name, String file, int code, String... fragments) {
        return new Case(
                name,
                List.of("sweep", "--spec", "{dir}/sweep-" + file + ".json", "--out", "OUT"),
                code,
                List.of(fragments));
    }

    /** The sweep files of the {@link #sweep} rows, by name: a small good sweep with one thing wrong. */
    static final java.util.Map<String, String> SWEEPS = java.util.Map.ofEntries(
            java.util.Map.entry(
                    "good", "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D=0.1\"], \"data\": \"good.csv\"}"),
            java.util.Map.entry(
                    "unknown-key",
                    "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D\"], \"data\": [\"good.csv\"], \"nosie\": [0.1]}"),
            java.util.Map.entry(
                    "empty",
                    "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D\"], \"data\": [\"good.csv\"], \"seed\": []}"),
            java.util.Map.entry(
                    "missing-data",
                    "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D\"], \"data\": [\"good.csv\", \"missing.csv\"]}"),
            java.util.Map.entry(
                    "text-seed",
                    "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D\"], \"data\": [\"good.csv\"], \"seed\": [1, \"one\"]}"),
            java.util.Map.entry(
                    "half-seed",
                    "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D\"], \"data\": [\"good.csv\"], \"seed\": 1.5}"),
            java.util.Map.entry("pde-number", "{\"pde\": 3, \"unknowns\": [\"D\"], \"data\": [\"good.csv\"]}"),
            java.util.Map.entry(
                    "not-json", "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D\"] \"data\": [\"good.csv\"]}"),
            java.util.Map.entry("array", "[{\"pde\": \"u_t = D*u_xx\"}]"),
            java.util.Map.entry(
                    "fit-typo",
                    "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D\"], \"data\": [\"good.csv\"], \"fit\": {\"stpes\": 3}}"),
            java.util.Map.entry(
                    "fit-out",
                    "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D\"], \"data\": [\"good.csv\"], \"fit\": {\"out\": \"x\"}}"),
            java.util.Map.entry(
                    "fit-steps",
                    "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D\"], \"data\": [\"good.csv\"], \"fit\": {\"steps\": 0, \"lbfgs\": 0}}"),
            java.util.Map.entry(
                    "route",
                    "{\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D\"], \"data\": [\"good.csv\"], \"route\": [\"mollifier\", \"magic\"]}"));

    static Stream<Case> cases() {
        int U = ExitCode.USAGE, D = ExitCode.BAD_DATA;
        return Stream.of(
                // data files: CSV
                fit("header only", "header.csv", List.of(), D, "has a header (x,t,u) but no data rows"),
                fit("empty file", "empty.csv", List.of(), D, "is empty", "header line"),
                fit("non-numeric cell", "text.csv", List.of(), D, "line 3, column 'u': 'abc' is not a number"),
                fit("NaN written out", "nan.csv", List.of(), D, "line 3", "not a finite value", "leave the cell empty"),
                fit("Inf written out", "inf.csv", List.of(), D, "line 2", "not a finite value"),
                fit("duplicate column", "dup.csv", List.of(), D, "column 'u' appears twice"),
                fit(
                        "ragged row, too few cells",
                        "short.csv",
                        List.of(),
                        D,
                        "line 3 has 2 cells but the header names 3 columns"),
                fit(
                        "ragged row, too many cells",
                        "long.csv",
                        List.of(),
                        D,
                        "line 3 has 4 cells but the header names 3 columns"),
                fit("data where the header should be", "noheader.csv", List.of(), D, "looks like data, not a header"),
                fit("bad column name", "badname.csv", List.of(), D, "column name 'u value'"),
                fit(
                        "a coordinate column under another name",
                        "time.csv",
                        List.of(),
                        D,
                        "has no column 't' for coordinate t",
                        "--columns t,x,u"),
                fit(
                        "--columns for a CSV of another width",
                        "good.csv",
                        List.of("--columns", "x,t"),
                        D,
                        "--columns names 2 columns [x, t]"),
                fit("missing file", "nope.csv", List.of(), D, "nope.csv does not exist"),
                fit("a folder as data", "folder.csv", List.of(), D, "is a folder"),
                fit(
                        "PDE field without a column",
                        "good.csv",
                        List.of("--pde", "u_t = D*v_xx"),
                        D,
                        "no column for the PDE's field [v]",
                        "columns are [x, t, u]"),
                fit("a sidecar that is not JSON", "badside.csv", List.of(), D, "badside.json", "is not valid JSON"),
                fit("a sidecar truth that is not a number", "textside.csv", List.of(), D, "truth.D is not a number"),
                // data files: NumPy
                fit(".npy without --columns", "table.npy", List.of(), D, "without column names", "--columns"),
                fit(
                        ".npy with duplicate --columns",
                        "table.npy",
                        List.of("--columns", "x,x,u"),
                        U,
                        "column 'x' appears twice"),
                fit(
                        ".npy with too few --columns",
                        "table.npy",
                        List.of("--columns", "x,u"),
                        D,
                        "--columns names 2 columns"),
                fit(
                        ".npy shape overflow",
                        "huge-shape.npy",
                        List.of("--columns", "x,t,u"),
                        D,
                        "more values than one array can hold"),
                fit(
                        ".npy dimension out of range",
                        "wide-shape.npy",
                        List.of("--columns", "x,t,u"),
                        D,
                        "has a dimension out of range"),
                fit(
                        ".npy shape not a number",
                        "bad-shape.npy",
                        List.of("--columns", "x,t,u"),
                        D,
                        "not a list of whole numbers"),
                fit(".npy truncated", "truncated.npy", List.of("--columns", "x,t,u"), D, "is truncated"),
                fit(".npy header cut off", "cut-header.npy", List.of("--columns", "x,t,u"), D, "header is cut off"),
                fit(".npy not NumPy", "text.npy", List.of("--columns", "x,t,u"), D, "not a NumPy .npy array"),
                fit(".npy holding NaN", "nan.npy", List.of("--columns", "x,t,u"), D, "'u' element", "NaN"),
                fit(".npz with no arrays", "empty.npz", List.of(), D, "holds no arrays"),
                // sizes
                fit(
                        "absurd --hidden",
                        "good.csv",
                        List.of("--hidden", "100000,100000"),
                        U,
                        "--hidden 100000,100000 has a layer 100,000 wide; at most 4,096"),
                fit(
                        "--hidden 100000",
                        "good.csv",
                        List.of("--hidden", "100000"),
                        U,
                        "--hidden 100000 has a layer 100,000 wide",
                        "e.g. --hidden 32,32"),
                fit(
                        "--unknown given twice",
                        "good.csv",
                        List.of("--unknown", "D=0.1", "--unknown", "D=0.2"),
                        U,
                        "--unknown D is given twice"),
                fit(
                        "--unknown with an unknown suffix",
                        "good.csv",
                        List.of("--unknown", "D=1:weird"),
                        U,
                        "unknown suffix ':weird'",
                        "the only one is :positive"),
                fit(
                        "fit --delta axis given twice",
                        "good.csv",
                        List.of("--delta", "x=0.3,x=0.4"),
                        U,
                        "axis 'x' is given twice"),
                fit(
                        "data too large to square",
                        "huge-values.csv",
                        List.of(),
                        D,
                        "the values of 'u' in",
                        "reach 8.41e+299",
                        "their squares overflow double precision",
                        "not a smaller --lr",
                        "divide it by 1e299"),
                fit(
                        "data too small to square",
                        "tiny-values.csv",
                        List.of(),
                        D,
                        "their squares underflow double precision",
                        "multiply it by 1e201"),
                fit(
                        "absurd --grid-size on scattered data",
                        "scattered.csv",
                        List.of("--grid-size", "100000"),
                        U,
                        "10,000,000,000 nodes",
                        "lower --grid-size (100000)"),
                fit(
                        "too many layers",
                        "good.csv",
                        List.of("--hidden", "8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8"),
                        U,
                        "at most 32"),
                fit(
                        "absurd --steps",
                        "good.csv",
                        List.of("--steps", "2000000000"),
                        U,
                        "--steps 2000000000 is more than the most"),
                fit(
                        "absurd --lbfgs",
                        "good.csv",
                        List.of("--lbfgs", "2000000000"),
                        U,
                        "--lbfgs 2000000000 is more than the most"),
                fit(
                        "--steps past int",
                        "good.csv",
                        List.of("--steps", "99999999999"),
                        U,
                        "'99999999999' is not an int"),
                fit(
                        "absurd --points",
                        "good.csv",
                        List.of("--points", "1000000000"),
                        U,
                        "--points 1000000000 is more than the 81 measured points"),
                fit("negative --points", "good.csv", List.of("--points", "-5"), U, "--points must be ≥ 0"),
                fit("--grid-size too small", "good.csv", List.of("--grid-size", "2"), U, "--grid-size must be ≥ 8"),
                fit(
                        "negative --loss-tolerance",
                        "good.csv",
                        List.of("--loss-tolerance", "-0.01"),
                        U,
                        "--loss-tolerance must be ≥ 0"),
                fit(
                        "--ensemble of one",
                        "good.csv",
                        List.of("--ensemble", "1"),
                        U,
                        "--ensemble 1: an ensemble needs 2 to 1000 members",
                        "e.g. --ensemble 10"),
                fit(
                        "negative --ensemble",
                        "good.csv",
                        List.of("--ensemble", "-3"),
                        U,
                        "--ensemble -3: an ensemble needs 2 to 1000 members"),
                fit("--ensemble not a number", "good.csv", List.of("--ensemble", "ten"), U, "'ten' is not an int"),
                fit(
                        "--pde nested 5000 deep",
                        "good.csv",
                        List.of("--pde", "u_t = D*" + "(".repeat(5000) + "u_xx" + ")".repeat(5000)),
                        U,
                        "nests parentheses 5000 deep; at most 100"),
                fit(
                        "--pde with 3000 terms",
                        "good.csv",
                        List.of("--pde", "u_t = " + String.join(" + ", java.util.Collections.nCopies(3000, "D*u_xx"))),
                        U,
                        "has 5999 operators; at most 2000",
                        "collect like terms"),
                fit(
                        "--progress unknown",
                        "good.csv",
                        List.of("--progress", "loud"),
                        U,
                        "--progress must be bar, lines, none or auto"),
                cmd(
                        "generate absurd --grid",
                        U,
                        List.of("generate", "--problem", "heat", "--grid", "100000x100000", "--out", "{dir}/g1.csv"),
                        "10,000,000,000 nodes",
                        "Java may use at most",
                        "lower --grid"),
                cmd(
                        "generate absurd 2-D --grid",
                        U,
                        List.of("generate", "--problem", "heat2d", "--grid", "100000", "--out", "{dir}/g2.csv"),
                        "lower --grid"),
                cmd(
                        "generate --grid past int",
                        U,
                        List.of("generate", "--problem", "heat", "--grid", "99999999999x5", "--out", "{dir}/g3.csv"),
                        "not a whole number"),
                cmd(
                        "generate --grid zero",
                        U,
                        List.of("generate", "--problem", "heat", "--grid", "0x5", "--out", "{dir}/g4.csv"),
                        "nx = 0"),
                cmd(
                        "generate --grid shape",
                        U,
                        List.of("generate", "--problem", "heat", "--grid", "64", "--out", "{dir}/g5.csv"),
                        "takes NXxNT, e.g. --grid 256x101"),
                cmd(
                        "generate absurd --points",
                        U,
                        List.of(
                                "generate",
                                "--problem",
                                "heat",
                                "--grid",
                                "17x9",
                                "--points",
                                "999999999",
                                "--out",
                                "{dir}/g6.csv"),
                        "more than the 153 grid points"),
                cmd(
                        "generate over existing data",
                        U,
                        List.of("generate", "--problem", "heat", "--out", "{dir}/good.csv"),
                        "good.csv exists",
                        "--force"),
                cmd(
                        "generate over someone's JSON",
                        U,
                        List.of("generate", "--problem", "heat", "--out", "{dir}/textside.npz"),
                        "textside.json exists",
                        "--force"),
                cmd(
                        "generate into a folder",
                        ExitCode.OUTPUT,
                        List.of("generate", "--problem", "heat", "--force", "--out", "{dir}/folder.csv"),
                        "is a folder"),
                cmd(
                        "generate negative --points",
                        U,
                        List.of("generate", "--problem", "heat", "--points", "-1", "--out", "{dir}/g7.csv"),
                        "--points must be ≥ 0"),
                // derive
                cmd(
                        "derive --delta too wide",
                        U,
                        List.of("derive", "--data", "{dir}/good.csv", "--delta", "100", "--out", "OUT"),
                        "--delta 100 is too wide for the data along",
                        "valid along"),
                cmd(
                        "derive --delta too narrow",
                        U,
                        List.of("derive", "--data", "{dir}/good.csv", "--delta", "0.01", "--out", "OUT"),
                        "narrower than the grid can resolve along",
                        "valid along"),
                cmd(
                        "derive --delta per axis, too wide",
                        U,
                        List.of("derive", "--data", "{dir}/good.csv", "--delta", "t=0.9,x=0.2", "--out", "OUT"),
                        "--delta t=0.9 is too wide",
                        "valid along t"),
                cmd(
                        "derive --delta unknown axis",
                        U,
                        List.of("derive", "--data", "{dir}/good.csv", "--delta", "y=0.2", "--out", "OUT"),
                        "no axis 'y'",
                        "[t, x]"),
                cmd(
                        "derive --delta repeated axis",
                        U,
                        List.of("derive", "--data", "{dir}/good.csv", "--delta", "x=0.2,x=0.25", "--out", "OUT"),
                        "axis 'x' is given twice"),
                cmd(
                        "derive --delta not a number",
                        U,
                        List.of("derive", "--data", "{dir}/good.csv", "--delta", "wide", "--out", "OUT"),
                        "'wide' is not a number"),
                cmd(
                        "derive --delta learn",
                        U,
                        List.of("derive", "--data", "{dir}/good.csv", "--delta", "learn", "--out", "OUT"),
                        "--delta learn is for fit"),
                cmd(
                        "derive --field a coordinate",
                        U,
                        List.of("derive", "--data", "{dir}/good.csv", "--field", "x", "--out", "OUT"),
                        "'x' is a coordinate",
                        "fields present are [u]"),
                cmd(
                        "derive --field unknown",
                        U,
                        List.of("derive", "--data", "{dir}/good.csv", "--field", "q", "--out", "OUT"),
                        "no column 'q'",
                        "fields present are [u]"),
                cmd(
                        "derive --order",
                        U,
                        List.of("derive", "--data", "{dir}/good.csv", "--order", "9", "--out", "OUT"),
                        "--order must be 1, 2, 3 or 4"),
                // resume (an ended fit and changed data: KillAndResumeTest)
                cmd(
                        "--resume a folder without a fit",
                        U,
                        List.of("fit", "--resume", "{dir}/folder.csv"),
                        "no fit-args.txt there",
                        "--out folder of an earlier fit"),
                cmd(
                        "--resume with another setting",
                        U,
                        List.of("fit", "--resume", "{dir}/folder.csv", "--steps", "5"),
                        "it takes no --steps",
                        "another --out"),
                cmd(
                        "--resume with --ensemble",
                        U,
                        List.of("fit", "--resume", "{dir}/folder.csv", "--ensemble", "5"),
                        "it takes no --ensemble",
                        "another --out"),
                // sweep files (a good sweep: SweepTest)
                sweep(
                        "sweep with an unknown key",
                        "unknown-key",
                        U,
                        "unknown key \"nosie\"",
                        "other options of mollify fit go in \"fit\""),
                sweep("sweep with an empty list", "empty", U, "\"seed\" is an empty list", "no fits"),
                sweep(
                        "sweep of a missing data file",
                        "missing-data",
                        D,
                        "data file missing.csv not found",
                        "relative to the sweep file"),
                sweep(
                        "sweep with a seed not a number",
                        "text-seed",
                        U,
                        "\"seed\" takes a whole number",
                        "the string \"one\""),
                sweep("sweep with a fractional seed", "half-seed", U, "\"seed\" takes a whole number", "1.5"),
                sweep("sweep with pde not a string", "pde-number", U, "\"pde\" must be the equation as a string"),
                sweep("sweep not JSON", "not-json", U, "is not valid JSON", "line 1"),
                sweep("sweep not an object", "array", U, "a sweep file is one JSON object"),
                sweep(
                        "sweep with an unknown fit option",
                        "fit-typo",
                        U,
                        "fit.stpes is not an option of mollify fit",
                        "steps"),
                sweep("sweep with a fit option of the sweep", "fit-out", U, "fit.out is set by the sweep"),
                sweep("sweep with a bad fit value", "fit-steps", U, "--steps and --lbfgs must be", "(fit-001-good)"),
                sweep("sweep with a bad route", "route", U, "--route must be mollifier, autodiff or fd, got 'magic'"),
                cmd(
                        "sweep without its file",
                        U,
                        List.of("sweep", "--spec", "{dir}/no-such-sweep.json", "--out", "OUT"),
                        "no such file",
                        "give a sweep file"),
                cmd(
                        "sweep --jobs 0",
                        U,
                        List.of("sweep", "--spec", "{dir}/sweep-good.json", "--jobs", "0", "--out", "OUT"),
                        "--jobs must be 1 to"));
    }

    @BeforeAll
    static void files() throws IOException {
        StringBuilder s = new StringBuilder("x,t,u\n");
        for (int i = 0; i < 9; i++)
            for (int j = 0; j < 9; j++)
                s.append(j / 8.0)
                        .append(',')
                        .append(i / 8.0)
                        .append(',')
                        .append(Math.sin(j / 8.0) * Math.exp(-i / 8.0))
                        .append('\n');
        Files.writeString(dir.resolve("good.csv"), s);
        StringBuilder sc = new StringBuilder("x,t,u\n");
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < 60; i++) {
            double x = rnd.nextDouble(), t = rnd.nextDouble();
            sc.append(x)
                    .append(',')
                    .append(t)
                    .append(',')
                    .append(Math.sin(x) * Math.exp(-t))
                    .append('\n');
        }
        Files.writeString(dir.resolve("scattered.csv"), sc);
        for (var e : SWEEPS.entrySet()) Files.writeString(dir.resolve("sweep-" + e.getKey() + ".json"), e.getValue());
        Files.writeString(dir.resolve("header.csv"), "# a comment\nx,t,u\n");
        Files.writeString(dir.resolve("empty.csv"), "");
        Files.writeString(dir.resolve("text.csv"), "x,t,u\n0,0,1\n0.5,0,abc\n");
        Files.writeString(dir.resolve("nan.csv"), "x,t,u\n0,0,1\n0.5,0,NaN\n");
        Files.writeString(dir.resolve("inf.csv"), "x,t,u\n0,0,Infinity\n");
        Files.writeString(dir.resolve("dup.csv"), "x,t,u,u\n0,0,1,1\n");
        Files.writeString(dir.resolve("short.csv"), "x,t,u\n0,0,1\n1,0\n");
        Files.writeString(dir.resolve("long.csv"), "x,t,u\n0,0,1\n1,0,2,3\n");
        Files.writeString(dir.resolve("noheader.csv"), "0,0,1\n1,0,2\n");
        Files.writeString(dir.resolve("badname.csv"), "x,t,u value\n0,0,1\n");
        Files.writeString(dir.resolve("time.csv"), "time,x,u\n0,0,1\n0,1,2\n1,0,3\n1,1,4\n");
        Files.writeString(dir.resolve("huge-values.csv"), scaled(s.toString(), 1e300));
        Files.writeString(dir.resolve("tiny-values.csv"), scaled(s.toString(), 1e-200));
        Files.createDirectories(dir.resolve("folder.csv"));
        Files.copy(dir.resolve("good.csv"), dir.resolve("badside.csv"));
        Files.writeString(dir.resolve("badside.json"), "{\"truth\": {\"D\": 0.1,}");
        Files.copy(dir.resolve("good.csv"), dir.resolve("textside.csv"));
        Files.writeString(dir.resolve("textside.json"), "{\"truth\": {\"D\": \"0.1\"}}");
        double[] table = new double[9 * 3];
        for (int r = 0; r < 9; r++) table[3 * r + 2] = r;
        Files.write(dir.resolve("table.npy"), npy("(9, 3)", table));
        Files.write(dir.resolve("huge-shape.npy"), npy("(400000, 300000)", table));
        Files.write(dir.resolve("wide-shape.npy"), npy("(4000000000, 3)", table));
        Files.write(dir.resolve("bad-shape.npy"), npy("(9, three)", table));
        Files.write(dir.resolve("truncated.npy"), npy("(900, 3)", table));
        byte[] cut = npy("(9, 3)", table);
        Files.write(dir.resolve("cut-header.npy"), java.util.Arrays.copyOf(cut, 20));
        Files.writeString(dir.resolve("text.npy"), "x,t,u\n0,0,1\n");
        table[5] = Double.NaN;
        Files.write(dir.resolve("nan.npy"), npy("(9, 3)", table));
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(dir.resolve("empty.npz")))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("no arrays".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
    }

    /** A version-1.0 little-endian float64 .npy with the given shape text and values. */
    static byte[] npy(String shape, double[] values) {
        String h = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int len = h.length() + 1;
        int pad = (64 - (10 + len) % 64) % 64;
        h = h + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93)
                .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1)
                .put((byte) 0)
                .putShort((short) h.length());
        b.put(h.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) b.putDouble(v);
        return b.array();
    }

    /** A CSV of x,t,u with u multiplied by {@code factor}. */
    static String scaled(String csv, double factor) {
        StringBuilder out = new StringBuilder();
        for (String line : csv.split("\n")) {
            String[] c = line.split(",");
            out.append(line.startsWith("x") ? line : c[0] + "," + c[1] + "," + Double.parseDouble(c[2]) * factor)
                    .append('\n');
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadInputIsNamedWithItsExitCode(Case c) throws IOException {
        Path out = dir.resolve("out-" + c.name().replaceAll("[^A-Za-z0-9]+", "-"));
        String[] args = c.args().stream()
                .map(a -> a.equals("OUT") ? out.toString() : a.replace("{dir}", dir.toString()))
                .toArray(String[]::new);
        java.util.Map<Path, String> before = contents();
        CliRunner r = CliRunner.run(args);
        assertEquals(before, contents(), "no earlier file is changed or removed");
        assertEquals(c.code(), r.code(), r.toString());
        for (String f : c.fragments()) assertTrue(r.err().contains(f), "message should mention '" + f + "':\n" + r);
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r);
        assertFalse(r.err().contains("Exception") || r.err().contains("Error:"), "no exception names:\n" + r);
        if (!c.args().contains("--resume"))
            assertFalse(r.err().contains("resume"), "a fresh run says nothing of resuming:\n" + r);
        assertTrue(r.err().startsWith("mollify: "), r.toString());
        assertFalse(Files.exists(out), "a bad input leaves no output folder: " + out);
    }

    /** The small files of the test folder and their contents (the inputs every row must leave alone). */
    static java.util.Map<Path, String> contents() throws IOException {
        java.util.Map<Path, String> m = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (Files.size(p) < 1 << 20)
                    m.put(p, java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    /** A setup error on a folder holding an earlier fit leaves that fit as it was (no --force, no claim). */
    @Test
    void aBadInputLeavesAnEarlierFitAlone() throws IOException {
        Path out = dir.resolve("earlier");
        String[] good = {
            "fit",
            "--data",
            dir.resolve("good.csv").toString(),
            "--pde",
            "u_t = D*u_xx",
            "--unknown",
            "D=0.1",
            "--steps",
            "2",
            "--lbfgs",
            "0",
            "--progress",
            "none",
            "--route",
            "autodiff",
            "--out",
            out.toString()
        };
        assertEquals(0, CliRunner.run(good).code());
        byte[] report = Files.readAllBytes(out.resolve("report.json"));
        String[] bad = good.clone();
        bad[2] = dir.resolve("text.csv").toString();
        String[] forced = java.util.Arrays.copyOf(bad, bad.length + 1);
        forced[bad.length] = "--force";
        CliRunner r = CliRunner.run(forced);
        assertEquals(ExitCode.BAD_DATA, r.code(), r.toString());
        assertTrue(
                java.util.Arrays.equals(report, Files.readAllBytes(out.resolve("report.json"))),
                "the earlier report is untouched");
    }

    /**
     * Files too large for the heap (a 90 MB CSV; a .npz member that unpacks to 200 MB): refused with the fix, in a JVM
     * with a 64 MiB heap.
     */
    @Test
    void filesTooLargeForTheHeapAreRefused() throws Exception {
        Path big = dir.resolve("big.csv");
        try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(big))) {
            o.write("x,t,u\n".getBytes(StandardCharsets.US_ASCII));
            byte[] row = "0.1234567,0.7654321,0.5555555\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 3_000_000; i++) o.write(row);
        }
        Path bomb = dir.resolve("bomb.npz");
        try (ZipOutputStream z = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(bomb)))) {
            z.putNextEntry(new ZipEntry("u.npy"));
            z.write(npy("(25000000,)", new double[0]));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) z.write(zeros);
            z.closeEntry();
        }
        try {
            for (Path data : List.of(big, bomb)) {
                String text = smallHeap(data);
                assertTrue(
                        text.contains("too large for the memory Java may use")
                                && text.contains("MOLLIFY_JAVA_OPTS=-Xmx"),
                        text);
                assertTrue(text.contains(data.getFileName().toString()), text);
            }
        } finally {
            Files.delete(big);
            Files.delete(bomb);
        }
    }

    /**
     * Runs fit on {@code data} in a JVM with a 64 MiB heap; returns its output after checking the exit code and that
     * nothing else went wrong.
     */
    private static String smallHeap(Path data) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> c = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                cp,
                "dev.mollify.cli.Mollify"));
        Path out = dir.resolve("big-out");
        c.addAll(List.of(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.1",
                "--progress",
                "none",
                "--out",
                out.toString()));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(ExitCode.BAD_DATA, p.exitValue(), text);
        assertFalse(text.contains("OutOfMemoryError") || text.contains("\tat "), text);
        assertFalse(Files.exists(out));
        return text;
    }
}
