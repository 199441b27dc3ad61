package dev.mollify.pde.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.GradCheck;
import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Residuals evaluated on exact solutions, their gradients in the unknowns, and the positive parameterisation. */
class ResidualTest {

    /** (n, 1) column of f applied to each point. */
    private static Var column(double[] pts, DoubleUnaryOperator f) {
        double[] v = new double[pts.length];
        for (int i = 0; i < v.length; i++) v[i] = f.applyAsDouble(pts[i]);
        return Var.constant(Tensor.of(v, v.length, 1));
    }

    private static double maxAbs(Var v) {
        double m = 0;
        for (double d : v.value().toDoubleArray()) m = Math.max(m, Math.abs(d));
        return m;
    }

    @Test
    void heatResidualVanishesOnExactSolutionOnAGrid() {
        PdeSpec heat = PdeSpec.parse("u_t = D*u_xx").unknownPositive("D", 1.0).build();
        // u = sin(x)·exp(−t) on a (n_t, n_x) grid: x a row (1, n_x), t a column (n_t, 1)
        int nx = 7, nt = 5;
        double[] x = new double[nx], t = new double[nt], u = new double[nt * nx];
        for (int j = 0; j < nx; j++) x[j] = 0.3 * j;
        for (int i = 0; i < nt; i++) t[i] = 0.2 * i;
        for (int i = 0; i < nt; i++) for (int j = 0; j < nx; j++) u[i * nx + j] = Math.sin(x[j]) * Math.exp(-t[i]);
        Var uv = Var.constant(Tensor.of(u, nt, nx));
        Unknowns theta = heat.unknownParameters();
        Var r = heat.residual(Bindings.create().derivative("u_t", uv.neg()).derivative("u_xx", uv.neg()), theta);
        assertArrayEquals(new int[] {nt, nx}, r.shape());
        assertTrue(maxAbs(r) < 1e-14, "max |r| = " + maxAbs(r));
        assertEquals(1.0, theta.value("D"), 1e-14);
    }

    @Test
    void burgersResidualVanishesOnTravellingWave() {
        // u = (c − A·tanh(A(x − ct)/(2b)))/a solves u_t + a·u·u_x − b·u_xx = 0
        double a = 1.5, b = 0.1, c = 0.3, amp = 0.5, k = amp / (2 * b), tt = 0.7;
        double[] xs = {-1.0, -0.4, -0.1, 0.0, 0.2, 0.21, 0.5, 0.9};
        DoubleUnaryOperator th = x -> Math.tanh(k * (x - c * tt));
        Var u = column(xs, x -> (c - amp * th.applyAsDouble(x)) / a);
        Var ux = column(xs, x -> -amp * k * (1 - Math.pow(th.applyAsDouble(x), 2)) / a);
        Var ut = ux.mul(-c);
        Var uxx = column(xs, x -> 2 * amp * k * k * (1 - Math.pow(th.applyAsDouble(x), 2)) * th.applyAsDouble(x) / a);
        PdeSpec burgers = PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
                .unknown("a", a)
                .unknownPositive("b", b)
                .build();
        Bindings bind = Bindings.create()
                .field("u", u)
                .derivative("u_x", ux)
                .derivative("u_t", ut)
                .derivative("u_xx", uxx);
        Var r = burgers.residual(bind, burgers.unknownParameters());
        assertArrayEquals(new int[] {xs.length, 1}, r.shape());
        assertTrue(maxAbs(r) < 1e-13, "max |r| = " + maxAbs(r));
        // a wrong guess leaves a residual
        Var wrong = PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
                .unknown("a", 1.0)
                .unknownPositive("b", b)
                .build()
                .residual(
                        bind,
                        PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
                                .unknown("a", 1.0)
                                .unknownPositive("b", b)
                                .build()
                                .unknownParameters());
        assertTrue(maxAbs(wrong) > 1e-3);
    }

    @Test
    void kuramotoSivashinskyMatchesDirectFormula() {
        PdeSpec ks = PdeSpec.parse("u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0")
                .unknown("a", 1.0)
                .unknown("b", -0.5)
                .unknown("c", 2.0)
                .build();
        Tensor u = Tensor.randn(1, 6, 1), ux = Tensor.randn(2, 6, 1), ut = Tensor.randn(3, 6, 1);
        Tensor uxx = Tensor.randn(4, 6, 1), u4 = Tensor.randn(5, 6, 1);
        Var r = ks.residual(
                Bindings.create()
                        .field("u", Var.constant(u))
                        .derivative("u_x", Var.constant(ux))
                        .derivative("u_t", Var.constant(ut))
                        .derivative("u_xx", Var.constant(uxx))
                        .derivative("u_xxxx", Var.constant(u4)),
                ks.unknownParameters());
        Tensor expected = ut.add(u.mul(ux)).add(uxx.mul(-0.5)).add(u4.mul(2.0));
        assertTrue(r.value().allClose(expected, 1e-14, 1e-14));
    }

    @Test
    void steadyHeatWithUnknownAndKnownFields() {
        // u = sin(πx)sin(πy), lap u = −2π²u; k = 1 + xy; m = −k·lap u
        int n = 5;
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 0.1 + 0.17 * i;
            ys[i] = 0.9 - 0.13 * i;
        }
        Var x = Var.constant(Tensor.of(xs, n, 1)), y = Var.constant(Tensor.of(ys, n, 1));
        double[] uxx = new double[n], kv = new double[n];
        for (int i = 0; i < n; i++) {
            uxx[i] = -Math.PI * Math.PI * Math.sin(Math.PI * xs[i]) * Math.sin(Math.PI * ys[i]);
            kv[i] = 1 + xs[i] * ys[i];
        }
        KnownField m = KnownField.pointwise(
                (px, py) -> 2 * Math.PI * Math.PI * (1 + px * py) * Math.sin(Math.PI * px) * Math.sin(Math.PI * py));
        PdeSpec s = PdeSpec.parse("0 = k(x,y)*lap(u) + m(x,y)")
                .domain(Domain.box2d(0, 1, 0, 1))
                .unknownField("k", "x", "y")
                .knownField("m", m)
                .build();
        Var uxxV = Var.constant(Tensor.of(uxx, n, 1));
        Var r = s.residual(
                Bindings.create()
                        .derivative("u_xx", uxxV)
                        .derivative("u_yy", uxxV)
                        .coordinate("x", x)
                        .coordinate("y", y)
                        .unknownField("k", Var.constant(Tensor.of(kv, n, 1))),
                s.unknownParameters());
        assertTrue(maxAbs(r) < 1e-12, "max |r| = " + maxAbs(r));
    }

    @Test
    void langevinWithUnknownForcingOfTime() {
        // u = (sin t − cos t)/2 solves u_t = u + cos t
        double[] ts = {0.0, 0.4, 1.1, 2.5};
        PdeSpec s = PdeSpec.parse("u_t = u + f(t)").unknownField("f", "t").build();
        Var r = s.residual(
                Bindings.create()
                        .field("u", column(ts, t -> (Math.sin(t) - Math.cos(t)) / 2))
                        .derivative("u_t", column(ts, t -> (Math.cos(t) + Math.sin(t)) / 2))
                        .unknownField("f", column(ts, Math::cos)),
                s.unknownParameters());
        assertTrue(maxAbs(r) < 1e-15);
    }

    @Test
    void coordinatesAndFunctionsAsValues() {
        PdeSpec s = PdeSpec.parse("u_t = -x*u + 2^a*sin(u_x)^2 + sqrt(u)/3 - exp(-t)*log(2*u)*tanh(u)")
                .unknown("a", 0.5)
                .build();
        Tensor x = Tensor.vector(0.1, 0.5, 0.9).reshape(3, 1),
                t = Tensor.vector(0.2, 0.3, 0.4).reshape(3, 1);
        Tensor u = Tensor.vector(0.7, 1.3, 2.0).reshape(3, 1),
                ux = Tensor.vector(0.3, -0.2, 0.1).reshape(3, 1);
        Tensor ut = Tensor.vector(1.0, 2.0, 3.0).reshape(3, 1);
        Var r = s.residual(
                Bindings.create()
                        .field("u", Var.constant(u))
                        .derivative("u_x", Var.constant(ux))
                        .derivative("u_t", Var.constant(ut))
                        .coordinate("x", Var.constant(x))
                        .coordinate("t", Var.constant(t)),
                s.unknownParameters());
        double[] rv = r.value().toDoubleArray();
        for (int i = 0; i < 3; i++) {
            double xi = x.toDoubleArray()[i],
                    ti = t.toDoubleArray()[i],
                    ui = u.toDoubleArray()[i],
                    uxi = ux.toDoubleArray()[i];
            double rhs = -xi * ui
                    + Math.pow(2, 0.5) * Math.pow(Math.sin(uxi), 2)
                    + Math.sqrt(ui) / 3
                    - Math.exp(-ti) * Math.log(2 * ui) * Math.tanh(ui);
            assertEquals(ut.toDoubleArray()[i] - rhs, rv[i], 1e-14);
        }
    }

    @Test
    void systemOfTwoFields() {
        PdeSpec s = PdeSpec.parse("u_t = D*u_xx - u*v; v_t = E*v_xx + u*v")
                .unknownPositive("D", 0.1)
                .unknownPositive("E", 0.2)
                .build();
        Tensor u = Tensor.randn(11, 4, 1),
                v = Tensor.randn(12, 4, 1),
                ut = Tensor.randn(13, 4, 1),
                vt = Tensor.randn(14, 4, 1);
        Tensor uxx = Tensor.randn(15, 4, 1), vxx = Tensor.randn(16, 4, 1);
        List<Var> r = s.residuals(
                Bindings.create()
                        .field("u", Var.constant(u))
                        .field("v", Var.constant(v))
                        .derivative("u_t", Var.constant(ut))
                        .derivative("v_t", Var.constant(vt))
                        .derivative("u_xx", Var.constant(uxx))
                        .derivative("v_xx", Var.constant(vxx)),
                s.unknownParameters());
        assertEquals(2, r.size());
        assertTrue(r.get(0).value().allClose(ut.sub(uxx.mul(0.1).sub(u.mul(v))), 1e-13, 1e-13));
        assertTrue(r.get(1).value().allClose(vt.sub(vxx.mul(0.2).add(u.mul(v))), 1e-13, 1e-13));
        assertThrows(IllegalStateException.class, () -> s.residual(Bindings.create(), s.unknownParameters()));
    }

    @Test
    void gradientInTheUnknownsPassesGradCheck() {
        PdeSpec s = PdeSpec.parse("u_t + a*u*u_x - b*u_xx + c^2*u^3 - exp(a*b)*u_xxxx = 0")
                .unknown("a", 0.7)
                .unknownPositive("b", 0.05)
                .unknown("c", -0.4)
                .build();
        Bindings bind = Bindings.create()
                .field("u", Var.constant(Tensor.randn(21, 5, 1)))
                .derivative("u_x", Var.constant(Tensor.randn(22, 5, 1)))
                .derivative("u_t", Var.constant(Tensor.randn(23, 5, 1)))
                .derivative("u_xx", Var.constant(Tensor.randn(24, 5, 1)))
                .derivative("u_xxxx", Var.constant(Tensor.randn(25, 5, 1)));
        Unknowns theta = s.unknownParameters();
        Tensor[] raw = theta.parameters().stream().map(Var::value).toArray(Tensor[]::new);
        GradCheck.gradcheck(ps -> s.residual(bind, theta.withParameters(ps)), raw);
        GradCheck.gradgradcheck(ps -> s.residual(bind, theta.withParameters(ps)), raw);
    }

    @Test
    void residualIsDifferentiableInTheBoundDerivativesToSecondOrder() {
        PdeSpec s = PdeSpec.parse("u_t + a*u*u_x - b*u_xx = 0")
                .unknown("a", 1.1)
                .unknownPositive("b", 0.3)
                .build();
        Unknowns theta = s.unknownParameters();
        GradCheck.gradgradcheck(
                xs -> s.residual(
                        Bindings.create()
                                .field("u", xs.get(0))
                                .derivative("u_x", xs.get(1))
                                .derivative("u_t", xs.get(2))
                                .derivative("u_xx", xs.get(3)),
                        theta),
                Tensor.randn(31, 3, 1),
                Tensor.randn(32, 3, 1),
                Tensor.randn(33, 3, 1),
                Tensor.randn(34, 3, 1));
    }

    @Test
    void gradientOfPositiveUnknownIsSigmoidTimesPartial() {
        PdeSpec s = PdeSpec.parse("u_t = D*u_xx").unknownPositive("D", 0.25).build();
        Unknowns theta = s.unknownParameters();
        Var uxx = Var.constant(Tensor.vector(1.0, 2.0, 3.0).reshape(3, 1));
        Var loss = s.residual(Bindings.create().derivative("u_t", uxx.mul(0.0)).derivative("u_xx", uxx), theta)
                .sum();
        Var g = Autograd.grad(loss, theta.parameter("D"));
        double th = theta.parameter("D").item();
        double sigmoid = 1 / (1 + Math.exp(-th));
        // r = u_t − softplus(θ)·u_xx ⇒ ∂Σr/∂θ = −σ(θ)·Σu_xx
        assertEquals(-sigmoid * 6.0, g.item(), 1e-14);
    }

    @Test
    void positiveUnknownsRoundTripTheirInitialValueAndStayPositive() {
        for (double v : new double[] {1e-8, 1e-3, 0.01, 1.0, 5.0, 50.0, 1e3, 1e6}) {
            PdeSpec s = PdeSpec.parse("u_t = D*u_xx").unknownPositive("D", v).build();
            Unknowns theta = s.unknownParameters();
            assertEquals(v, theta.value("D"), 1e-12 * v, "initial " + v);
            assertEquals(v, theta.physical("D").item(), 1e-12 * v + 1e-300, "initial " + v);
        }
        PdeSpec s = PdeSpec.parse("u_t = D*u_xx").unknownPositive("D", 0.5).build();
        Unknowns theta = s.unknownParameters();
        for (double th : new double[] {-30, -5, 0, 5, 700}) {
            theta.parameter("D").assign(Tensor.scalar(th));
            assertTrue(theta.value("D") > 0, "theta " + th);
            assertTrue(theta.physical("D").item() > 0, "theta " + th);
        }
        // plain unknowns are the parameter itself
        Unknowns plain =
                PdeSpec.parse("u_t = D*u_xx").unknown("D", -2.0).build().unknownParameters();
        assertEquals(-2.0, plain.value("D"), 0);
        assertEquals(Map.of("D", -2.0), plain.values());
    }

    @Test
    void constantsFoldAndUseTheirValues() {
        PdeSpec s = PdeSpec.parse("u_t = nu*u_xx + (2 + 3)*q")
                .constant("nu", 0.5)
                .constant("q", 0.1)
                .build();
        Var uxx = Var.constant(Tensor.vector(1.0, 2.0).reshape(2, 1));
        Var r = s.residual(Bindings.create().derivative("u_t", uxx).derivative("u_xx", uxx), s.unknownParameters());
        assertArrayEquals(
                new double[] {1.0 - 0.5 - 0.5, 2.0 - 1.0 - 0.5}, r.value().toDoubleArray(), 1e-15);
    }

    @Test
    void missingBindingsAreNamed() {
        PdeSpec s = PdeSpec.parse("u_t = D*u_xx").unknownPositive("D", 1.0).build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> s.residual(Bindings.create().derivative("u_t", Var.constant(1.0)), s.unknownParameters()));
        assertTrue(e.getMessage().contains("needs u_xx"), e.getMessage());
        PdeSpec withX = PdeSpec.parse("u_t = x*u_xx").build();
        e = assertThrows(
                IllegalArgumentException.class,
                () -> withX.residual(
                        Bindings.create().derivative("u_t", Var.constant(1.0)).derivative("u_xx", Var.constant(1.0)),
                        withX.unknownParameters()));
        assertTrue(e.getMessage().contains(".coordinate(\"x\", values)"), e.getMessage());
    }

    @Test
    void heat2dPlusTimeWithLaplacianOnAGrid() {
        // u = sin(x)·sin(2y)·exp(−5Dt) solves u_t = D·lap(u); grid (n_t, n_y, n_x) by broadcasting
        double dc = 0.3;
        PdeSpec s = PdeSpec.parse("u_t = D*lap(u)")
                .domain(Domain.box2dTime(0, 3, 0, 3, 0, 1))
                .unknownPositive("D", dc)
                .build();
        assertEquals(
                Map.of("u", List.of(Partial.parse("u_t"), Partial.parse("u_xx"), Partial.parse("u_yy"))),
                s.requiredDerivatives());
        int nt = 3, ny = 4, nx = 5;
        double[] u = new double[nt * ny * nx];
        for (int i = 0; i < nt; i++)
            for (int j = 0; j < ny; j++)
                for (int k = 0; k < nx; k++) {
                    u[(i * ny + j) * nx + k] = Math.sin(0.5 * k) * Math.sin(2 * 0.4 * j) * Math.exp(-5 * dc * 0.25 * i);
                }
        Var uv = Var.constant(Tensor.of(u, nt, ny, nx));
        Var r = s.residual(
                Bindings.create()
                        .derivative("u_t", uv.mul(-5 * dc))
                        .derivative("u_xx", uv.neg())
                        .derivative("u_yy", uv.mul(-4.0)),
                s.unknownParameters());
        assertArrayEquals(new int[] {nt, ny, nx}, r.shape());
        assertTrue(maxAbs(r) < 1e-14, "max |r| = " + maxAbs(r));
    }

    @Test
    void gradientFlowsIntoUnknownFieldsAndDifferentiableKnownFields() {
        PdeSpec s = PdeSpec.parse("0 = k(x,y)*lap(u) + m(x,y)")
                .unknownField("k")
                .knownField("m", c -> c[0].sin().mul(c[1].cos()))
                .build();
        Var x = Var.constant(Tensor.vector(0.1, 0.2, 0.3).reshape(3, 1));
        Var y = Var.constant(Tensor.vector(0.4, 0.5, 0.6).reshape(3, 1));
        Var uxx = Var.constant(Tensor.vector(1.0, -2.0, 0.5).reshape(3, 1));
        Var uyy = Var.constant(Tensor.vector(0.3, 0.2, -0.1).reshape(3, 1));
        GradCheck.gradgradcheck(
                ks -> s.residual(
                        Bindings.create()
                                .derivative("u_xx", uxx)
                                .derivative("u_yy", uyy)
                                .coordinate("x", x)
                                .coordinate("y", y)
                                .unknownField("k", ks.get(0).square()),
                        s.unknownParameters()),
                Tensor.vector(1.0, 1.5, 2.0).reshape(3, 1));
        // the known field is evaluated with the coordinates in the order written: m(x,y) = sin(x)·cos(y)
        Var r = s.residual(
                Bindings.create()
                        .derivative("u_xx", uxx.mul(0.0))
                        .derivative("u_yy", uyy.mul(0.0))
                        .coordinate("x", x)
                        .coordinate("y", y)
                        .unknownField("k", x),
                s.unknownParameters());
        assertEquals(-Math.sin(0.2) * Math.cos(0.5), r.value().toDoubleArray()[1], 1e-15);
    }

    @Test
    void declaredFieldThatIsNeverDifferentiated() {
        PdeSpec s = PdeSpec.parse("u_t = u_xx - v; 0 = v - u^2").fields("v").build();
        assertEquals(List.of("v", "u"), s.fields());
        assertEquals(List.of(Partial.value("v")), s.requiredDerivatives().get("v"));
        Var u = Var.constant(Tensor.vector(2.0).reshape(1, 1));
        List<Var> r = s.residuals(
                Bindings.create()
                        .field("u", u)
                        .field("v", Var.constant(Tensor.vector(3.0).reshape(1, 1)))
                        .derivative("u_t", u)
                        .derivative("u_xx", u),
                s.unknownParameters());
        assertEquals(3.0, r.get(0).item(), 0);
        assertEquals(1.0, r.get(1).item(), 0); // lhs − rhs = 0 − (v − u²) = 4 − 3
    }

    @Test
    void constantExponentsUsePowAndVarExponentsUseExpLog() {
        Var u = Var.param(Tensor.vector(0.5, 2.0).reshape(2, 1));
        Var ut = Var.constant(Tensor.vector(0.0, 0.0).reshape(2, 1));
        PdeSpec square = PdeSpec.parse("u_t = b*u^2 + u^-0.5").unknown("b", 1.0).build();
        Var r = square.residual(Bindings.create().field("u", u).derivative("u_t", ut), square.unknownParameters());
        Map<String, long[]> ops = Autograd.graphStats(List.of(r));
        assertEquals(2, ops.get("pow")[0], ops.keySet().toString());
        assertTrue(
                !ops.containsKey("log") && !ops.containsKey("exp"), ops.keySet().toString());
        assertArrayEquals(
                new double[] {-0.25 - Math.sqrt(2), -4 - Math.sqrt(0.5)},
                r.value().toDoubleArray(),
                1e-15);

        PdeSpec varExp = PdeSpec.parse("u_t = u^p").unknownPositive("p", 1.5).build();
        Var rv = varExp.residual(Bindings.create().field("u", u).derivative("u_t", ut), varExp.unknownParameters());
        Map<String, long[]> ops2 = Autograd.graphStats(List.of(rv));
        assertTrue(
                ops2.containsKey("log") && ops2.containsKey("exp"),
                ops2.keySet().toString());
        assertEquals(-Math.pow(2.0, 1.5), rv.value().toDoubleArray()[1], 1e-14);
    }

    @Test
    void greekNamesAreAllowed() {
        PdeSpec s = PdeSpec.parse("u_t = ν*u_xx").unknownPositive("ν", 0.2).build();
        assertEquals("u_t = ν*u_xx", s.toString());
        assertEquals(0.2, s.unknownParameters().value("ν"), 1e-15);
    }
}
