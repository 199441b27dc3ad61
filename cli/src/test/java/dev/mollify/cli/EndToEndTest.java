package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real commands on generated data, checking the numbers in what they write. */
class EndToEndTest {
    @TempDir
    Path dir;

    /** A number from report.json by its (unique enough) key path, e.g. "relativeError". */
    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\": (-?[0-9.eE+-]+)")
                .matcher(json);
        assertTrue(m.find(), key + " in\n" + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void generateThenFitRecoversTheDiffusivity() throws IOException {
        Path data = dir.resolve("heat.csv");
        CliRunner g = CliRunner.run(
                "generate",
                "--problem",
                "heat",
                "--grid",
                "33x17",
                "--noise",
                "0.01",
                "--seed",
                "5",
                "--out",
                data.toString());
        assertEquals(0, g.code(), g.toString());
        assertTrue(g.out().contains("mollify fit --data " + data + " --pde \"u_t = D*u_xx\""), g.out());
        Path out = dir.resolve("fit");
        CliRunner f = CliRunner.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05:positive",
                "--delta",
                "0.15",
                "--hidden",
                "16,16",
                "--steps",
                "200",
                "--lbfgs",
                "400",
                "--progress",
                "none",
                "--out",
                out.toString());
        assertEquals(0, f.code(), f.toString());
        assertTrue(f.out().contains("grid 17 t × 33 x, full"), f.out());
        String json = Files.readString(out.resolve("report.json"));
        for (String key : List.of(
                "\"route\": \"mollifier\"",
                "\"steps\":",
                "\"seconds\":",
                "\"peakBytes\":",
                "\"unknowns\":",
                "\"guess\": 0.05",
                "\"fromData\":",
                "\"warnings\": []",
                "\"loss\":",
                "\"residual\":")) {
            assertTrue(json.contains(key), key + " in\n" + json);
        }
        double err = number(json, "relativeError");
        assertTrue(err < 0.03, "D error " + err + "\n" + json);
        assertTrue(number(json, "peakBytes") > 0);
        // the data alone: the noise they show and the misfit of the network fitted to them, in std
        assertTrue(number(json, "noiseLevel") >= 0, json);
        double alone = number(json, "dataOnlyMisfit");
        assertTrue(alone > 0 && alone < 0.2, "data-only misfit " + alone);
        // the standard error from the profile of the loss: printed, in report.json and in report.md
        double se = number(json, "relativeStandardError");
        assertTrue(se > 0 && se < 0.01, "se " + se + "\n" + json);
        assertEquals(se * number(json, "value"), number(json, "standardError"), 1e-12 * number(json, "value"));
        assertTrue(json.contains("\"profile\": {"), json);
        assertEquals(0.05, number(json, "step"));
        // rounds of 50 until the standard errors settle: two at least, at most the cap of 300
        double iterations = number(json, "iterations");
        assertTrue(iterations >= 100 && iterations <= 300 && iterations % 50 == 0, "iterations " + iterations);
        assertTrue(json.contains("\"settled\": "), json);
        assertEquals(561, number(json, "values"));
        assertTrue(f.out().contains("standard error (the noise's share, from the profile of the loss, "), f.out());
        assertTrue(
                Files.readString(out.resolve("report.md")).contains("| ± 1 se (profile) |"),
                Files.readString(out.resolve("report.md")));
        for (String file : List.of(
                "report.md",
                "loss.png",
                "unknowns.png",
                "data.png",
                "fitted.png",
                "residual.png",
                "fields.csv",
                "model.safetensors")) {
            assertTrue(Files.size(out.resolve(file)) > 100, file);
        }
        assertTrue(
                Files.readString(out.resolve("report.md")).contains("| D | 0.0500000 |"),
                Files.readString(out.resolve("report.md")));
    }

    @Test
    void oneWidthPerAxisWithAnalyticKernels() throws IOException {
        Path data = dir.resolve("heat-axes.csv");
        assertEquals(
                0,
                CliRunner.run("generate", "--problem", "heat", "--grid", "33x17", "--out", data.toString())
                        .code());
        Path out = dir.resolve("axes");
        CliRunner f = CliRunner.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05:positive",
                "--delta",
                "x=0.15",
                "--kernels",
                "analytic",
                "--hidden",
                "8",
                "--steps",
                "3",
                "--lbfgs",
                "0",
                "--progress",
                "none",
                "--out",
                out.toString());
        assertEquals(0, f.code(), f.toString());
        String json = Files.readString(out.resolve("report.json"));
        assertTrue(json.replaceAll("\\s", "").contains("\"delta\":{\"t\":"), json); // t gets auto, x the given width
        assertTrue(json.replaceAll("\\s", "").contains("\"x\":0.15"), json);
        assertTrue(json.contains("\"kernels\": \"analytic\""), json);
    }

    @Test
    void missingNodesAndScatteredPointsAreFound() throws IOException {
        Path data = dir.resolve("heat.npz");
        assertEquals(
                0,
                CliRunner.run("generate", "--problem", "heat", "--grid", "17x9", "--out", data.toString())
                        .code());
        Path out = dir.resolve("masked");
        CliRunner m = CliRunner.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05:positive",
                "--points",
                "100",
                "--steps",
                "3",
                "--lbfgs",
                "0",
                "--hidden",
                "4",
                "--progress",
                "none",
                "--out",
                out.toString());
        assertEquals(0, m.code(), m.toString());
        assertTrue(m.out().contains("100 of 153 nodes measured"), m.out());

        Path pts = dir.resolve("pts.csv");
        StringBuilder s = new StringBuilder("x,t,u\n");
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            double x = r.nextDouble(), t = r.nextDouble();
            s.append(x)
                    .append(',')
                    .append(t)
                    .append(',')
                    .append(Math.exp(-Math.PI * Math.PI * 0.1 * t) * Math.sin(Math.PI * x))
                    .append('\n');
        }
        Files.writeString(pts, s);
        CliRunner sc = CliRunner.run(
                "fit",
                "--data",
                pts.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05:positive",
                "--grid-size",
                "16",
                "--steps",
                "3",
                "--lbfgs",
                "0",
                "--hidden",
                "4",
                "--progress",
                "none",
                "--out",
                dir.resolve("sc").toString());
        assertEquals(0, sc.code(), sc.toString());
        assertTrue(sc.out().contains("scattered points: 200"), sc.out());
    }

    @Test
    void npyWithColumnNamesAndTwoFieldSystems() throws IOException {
        Path npy = dir.resolve("heat.npy");
        CliRunner g = CliRunner.run("generate", "--problem", "heat", "--grid", "17x9", "--out", npy.toString());
        assertEquals(0, g.code(), g.toString());
        assertTrue(g.out().contains("--columns x,t,u"), g.out());
        CliRunner f = CliRunner.run(
                "fit",
                "--data",
                npy.toString(),
                "--columns",
                "x,t,u",
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05:positive",
                "--steps",
                "3",
                "--lbfgs",
                "0",
                "--hidden",
                "4",
                "--progress",
                "none",
                "--out",
                dir.resolve("npy").toString());
        assertEquals(0, f.code(), f.toString());
        assertTrue(f.out().contains("grid 9 t × 17 x, full"), f.out());

        Path two = dir.resolve("uv.csv");
        StringBuilder s = new StringBuilder("x,t,u,v\n");
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 17; j++) {
                double x = j / 16.0, t = i / 8.0;
                s.append(x)
                        .append(',')
                        .append(t)
                        .append(',')
                        .append(Math.sin(Math.PI * x) * Math.exp(-t))
                        .append(',')
                        .append(Math.cos(Math.PI * x) * Math.exp(-2 * t))
                        .append('\n');
            }
        }
        Files.writeString(two, s);
        Path out = dir.resolve("uv");
        CliRunner r = CliRunner.run(
                "fit",
                "--data",
                two.toString(),
                "--pde",
                "u_t = a*u_xx - u*v; v_t = b*v_xx + u*v",
                "--unknown",
                "a=0.1",
                "--unknown",
                "b=0.1",
                "--steps",
                "3",
                "--lbfgs",
                "0",
                "--hidden",
                "8",
                "--progress",
                "none",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.toString());
        String json = Files.readString(out.resolve("report.json"));
        assertTrue(json.contains("\"a\": {") && json.contains("\"b\": {"), json);
        assertTrue(
                r.out().contains("collocation grid 32 t × 17 x (the route's own"),
                r.out()); // 9 time samples: too few for the grid
        String csv = Files.readAllLines(out.resolve("fields.csv")).get(0);
        assertTrue(csv.startsWith("t,x,u_hat,v_hat,u_net,v_net,residual1,residual2"), csv);
    }

    @Test
    void deriveMatchesTheReferenceValues() throws IOException {
        // docs/math.md, "Reference values": u = sin(πx), δ = 0.1, exp-bump: û″(0.5) = −9.792808, û′(0.25) = 2.204156
        Path data = dir.resolve("sine.csv");
        StringBuilder s = new StringBuilder("x,u\n");
        int n = 1001;
        for (int i = 0; i < n; i++)
            s.append(i / (n - 1.0))
                    .append(',')
                    .append(Math.sin(Math.PI * i / (n - 1.0)))
                    .append('\n');
        Files.writeString(data, s);
        Path out = dir.resolve("derive");
        CliRunner r = CliRunner.run(
                "derive", "--data", data.toString(), "--order", "4", "--delta", "0.1", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = Files.readAllLines(out.resolve("derivatives.csv"));
        String header = lines.get(0);
        assertEquals("x,u,u_hat,u_x,u_xx,u_xxx,u_xxxx", header, "a plain CSV: the header first");
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("#")), "no comment lines");
        List<String> cols = List.of(header.split(","));
        String[] mid = lines.get(lines.indexOf(header) + 1 + 500).split(",");
        String[] quarter = lines.get(lines.indexOf(header) + 1 + 250).split(",");
        assertEquals(-9.792808, Double.parseDouble(mid[cols.indexOf("u_xx")]), 2e-4 * 9.79);
        assertEquals(96.65114, Double.parseDouble(mid[cols.indexOf("u_xxxx")]), 2e-4 * 96.7);
        assertEquals(2.204156, Double.parseDouble(quarter[cols.indexOf("u_x")]), 2e-4 * 2.2);
        assertTrue(Files.size(out.resolve("derivatives.png")) > 1000);
        assertTrue(r.out().toLowerCase(Locale.ROOT).contains("δ = (x 0.1000)"), r.out());
    }

    @Test
    void aDivergingRunStopsSaysWhyAndKeepsItsReport() throws IOException {
        Path data = dir.resolve("heat.csv");
        assertEquals(
                0,
                CliRunner.run("generate", "--problem", "heat", "--grid", "17x9", "--out", data.toString())
                        .code());
        Path out = dir.resolve("div");
        CliRunner r = CliRunner.run(
                "fit",
                "--data",
                data.toString(),
                "--pde",
                "u_t = D*u_xx",
                "--unknown",
                "D=0.05",
                "--hidden",
                "8",
                "--steps",
                "60",
                "--lbfgs",
                "0",
                "--lr",
                "20",
                "--progress",
                "none",
                "--out",
                out.toString());
        assertEquals(ExitCode.FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("the run diverged and stopped: exploding loss"), r.err());
        assertTrue(r.err().contains("smaller --lr"), r.err());
        String json = Files.readString(out.resolve("report.json"));
        assertTrue(json.contains("\"stopReason\": \"exploding loss"), json);
        assertTrue(Files.exists(out.resolve("report.md")) && Files.exists(out.resolve("loss.png")));
    }

    @Test
    void demoPrintsBothRoutes() throws IOException {
        Path out = dir.resolve("demo");
        CliRunner r = CliRunner.run("demo", "--out", out.toString(), "--routes", "mollifier,autodiff", "--quick");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("mollifier") && r.out().contains("autodiff"), r.out());
        assertTrue(Files.readString(out.resolve("report.md")).contains("| mollifier |"));
        assertTrue(Files.exists(out.resolve("mollifier/report.json"))
                && Files.exists(out.resolve("autodiff/report.json")));
    }
}
