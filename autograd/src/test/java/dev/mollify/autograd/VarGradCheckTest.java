package dev.mollify.autograd;

import dev.mollify.tensor.PadMode;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * First and second derivatives of every primitive and composed operation of {@link Var}, checked
 * against central differences ({@link GradCheck#gradcheck}, {@link GradCheck#gradgradcheck}) in F64
 * on seeded random inputs, with broadcasting shapes wherever the operation broadcasts.
 *
 * <p>Each case runs three checks: gradcheck(f), gradgradcheck(f), and gradgradcheck(f⊙f). The last
 * one matters for linear operations (views, joins, sums), whose own second derivative is zero: the
 * Hessian of f⊙f contains 2·Jᵀ·J, so it differentiates the backward rule's recorded operations (e.g.
 * slice's backward is embedSlice, whose backward is slice again).
 */
class VarGradCheckTest {
    static final Rng RNG = new Rng(20240601);

    static Tensor randn(int... shape) {
        return Tensor.randn(RNG, shape);
    }

    /** Values in [0.5, 2): safe for log, sqrt, pow and as denominators. */
    static Tensor positive(int... shape) {
        return Tensor.uniform(RNG, 0.5, 2.0, shape);
    }

    /** Values with |x| in [0.2, 2): away from the kinks of abs and relu. */
    static Tensor awayFromZero(int... shape) {
        Tensor m = Tensor.uniform(RNG, 0.2, 2.0, shape);
        Tensor s = Tensor.uniform(RNG, -1, 1, shape).sign();
        return m.mul(s.add(s.eq(0.0)));
    }

    static Arguments c(String name, Function<List<Var>, Var> f, Tensor... inputs) {
        return Arguments.of(name, f, inputs);
    }

    static Var x0(List<Var> v) {
        return v.get(0);
    }

    static List<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        // ---- binary arithmetic with broadcasting
        l.add(c("add (3,1,4)+(2,4)", v -> v.get(0).add(v.get(1)), randn(3, 1, 4), randn(2, 4)));
        l.add(c("sub (5,)-(3,5)", v -> v.get(0).sub(v.get(1)), randn(5), randn(3, 5)));
        l.add(c("mul (5,)*(3,5)", v -> v.get(0).mul(v.get(1)), randn(5), randn(3, 5)));
        l.add(c("mul (3,1,4)*(2,4)", v -> v.get(0).mul(v.get(1)), randn(3, 1, 4), randn(2, 4)));
        l.add(c("mul self x*x", v -> x0(v).mul(x0(v)), randn(2, 3)));
        l.add(c("div (2,3)/(3,)", v -> v.get(0).div(v.get(1)), randn(2, 3), positive(3)));
        l.add(c("div (4,)/(2,1)", v -> v.get(0).div(v.get(1)), randn(4), positive(2, 1)));
        l.add(c(
                "scalar ops x*2.5-1+x/4, 3-x",
                v -> x0(v).mul(2.5).sub(1.0).add(x0(v).div(4.0)).mul(x0(v).rsub(3.0)),
                randn(2, 3)));
        // ---- unary primitives and composites
        l.add(c("neg", v -> x0(v).neg(), randn(2, 3)));
        l.add(c("exp", v -> x0(v).exp(), randn(2, 3)));
        l.add(c("log", v -> x0(v).log(), positive(2, 3)));
        l.add(c("sin", v -> x0(v).sin(), randn(2, 3)));
        l.add(c("cos", v -> x0(v).cos(), randn(2, 3)));
        l.add(c("tanh", v -> x0(v).tanh(), randn(2, 3)));
        l.add(c("sigmoid", v -> x0(v).sigmoid(), randn(2, 3)));
        l.add(c("softplus", v -> x0(v).softplus(), randn(2, 3)));
        l.add(c("pow 3", v -> x0(v).pow(3.0), randn(2, 3)));
        l.add(c("pow 2", v -> x0(v).pow(2.0), randn(2, 3)));
        l.add(c("pow 1", v -> x0(v).pow(1.0).mul(x0(v)), randn(2, 3)));
        l.add(c("pow 0", v -> x0(v).pow(0.0).add(x0(v)), randn(2, 3)));
        l.add(c("pow 0.5", v -> x0(v).pow(0.5), positive(2, 3)));
        l.add(c("pow -1.5", v -> x0(v).pow(-1.5), positive(2, 3)));
        l.add(c("pow(Var) (3,1)^(4,)", v -> v.get(0).pow(v.get(1)), positive(3, 1), randn(4)));
        l.add(c("sqrt", v -> x0(v).sqrt(), positive(2, 3)));
        l.add(c("square", v -> x0(v).square(), randn(2, 3)));
        l.add(c("reciprocal", v -> x0(v).reciprocal(), positive(2, 3)));
        l.add(c("abs", v -> x0(v).abs(), awayFromZero(2, 3)));
        l.add(c("relu", v -> x0(v).relu(), awayFromZero(2, 3)));
        l.add(c("gelu", v -> x0(v).gelu(), randn(2, 3)));
        l.add(c("maximum (3,4) vs (4,)", v -> v.get(0).maximum(v.get(1)), randn(3, 4), randn(4)));
        l.add(c("minimum (2,1) vs (2,3)", v -> v.get(0).minimum(v.get(1)), randn(2, 1), randn(2, 3)));
        Tensor cond = Tensor.of(new double[] {1, 0, 0, 1, 1, 0}, 2, 3);
        l.add(c("where (2,3) ? (3,) : (2,1)", v -> Var.where(cond, v.get(0), v.get(1)), randn(3), randn(2, 1)));
        // ---- reductions
        l.add(c("sum all", v -> x0(v).sum(), randn(2, 3, 4)));
        l.add(c("sum axes [0,2]", v -> x0(v).sum(new int[] {0, 2}, false), randn(2, 3, 4)));
        l.add(c("sum axes [-1] keepdim", v -> x0(v).sum(new int[] {-1}, true), randn(2, 3, 4)));
        l.add(c("sum axis 1", v -> x0(v).sum(1), randn(2, 3, 4)));
        l.add(c("mean all", v -> x0(v).mean(), randn(2, 3, 4)));
        l.add(c("mean axes [1] keepdim", v -> x0(v).mean(new int[] {1}, true), randn(2, 3, 4)));
        l.add(c("mean axes [0,1]", v -> x0(v).mean(new int[] {0, 1}, false), randn(2, 3, 4)));
        l.add(c("max all", v -> x0(v).max(new int[0], false), randn(3, 4)));
        l.add(c("max axis 1 keepdim", v -> x0(v).max(new int[] {1}, true), randn(2, 3, 4)));
        l.add(c("max axes [0,2]", v -> x0(v).max(new int[] {0, 2}, false), randn(2, 3, 4)));
        l.add(c("min axis 0", v -> x0(v).min(new int[] {0}, false), randn(3, 4)));
        l.add(c("min axes [-1] keepdim", v -> x0(v).min(new int[] {-1}, true), randn(2, 3, 4)));
        l.add(c("sumTo (2,3,4)->(3,1)", v -> x0(v).sumTo(3, 1), randn(2, 3, 4)));
        // ---- views
        l.add(c("reshape", v -> x0(v).reshape(4, -1), randn(2, 3, 4)));
        l.add(c("flatten of transposed", v -> x0(v).t().flatten(), randn(3, 4)));
        l.add(c("permute", v -> x0(v).permute(2, 0, 1), randn(2, 3, 4)));
        l.add(c("transpose", v -> x0(v).transpose(0, 2), randn(2, 3, 4)));
        l.add(c("t", v -> x0(v).t(), randn(3, 4)));
        l.add(c("expand (3,1)->(2,3,4)", v -> x0(v).expand(2, 3, 4), randn(3, 1)));
        l.add(c("slice step 2", v -> x0(v).slice(1, 1, 7, 2), randn(2, 7)));
        l.add(c("slice step -1 (reverse)", v -> x0(v).slice(1, -1, -8, -1), randn(2, 7)));
        l.add(c("slice step -3 from 5", v -> x0(v).slice(1, 5, 0, -3), randn(2, 7)));
        l.add(c("slice negative start", v -> x0(v).slice(0, -3, 100, 1), randn(5, 2)));
        l.add(c("narrow", v -> x0(v).narrow(1, 2, 3), randn(2, 6)));
        l.add(c("select", v -> x0(v).select(1, -2), randn(3, 4)));
        l.add(c("flip", v -> x0(v).flip(0), randn(3, 4)));
        l.add(c("squeeze", v -> x0(v).squeeze(1), randn(3, 1, 4)));
        l.add(c("unsqueeze", v -> x0(v).unsqueeze(-1), randn(3, 4)));
        l.add(c("embedSlice step 2", v -> x0(v).embedSlice(new int[] {2, 9}, 1, 1, 2), randn(2, 4)));
        l.add(c("embedSlice step -2", v -> x0(v).embedSlice(new int[] {2, 9}, -1, 7, -2), randn(2, 4)));
        // ---- joins and padding
        l.add(c(
                "concat 3 parts axis 1",
                v -> Var.concat(1, v.get(0), v.get(1), v.get(2)),
                randn(2, 1),
                randn(2, 3),
                randn(2, 2)));
        l.add(c("concat same var twice", v -> Var.concat(0, x0(v), x0(v).mul(2.0)), randn(2, 3)));
        l.add(c("stack axis 1", v -> Var.stack(1, v.get(0), v.get(1)), randn(2, 3), randn(2, 3)));
        l.add(c("stack axis -1", v -> Var.stack(-1, v.get(0), v.get(1)), randn(3), randn(3)));
        for (PadMode mode : PadMode.values()) {
            l.add(c("pad " + mode + " (2,1)", v -> x0(v).pad(1, 2, 1, mode), randn(3, 4)));
            l.add(c(
                    "pad " + mode + " max width",
                    v -> x0(v).pad(0, 3, mode == PadMode.CIRCULAR ? 4 : 3, mode),
                    randn(4, 2)));
        }
        // ---- linear algebra
        l.add(c("matmul 2-D", v -> v.get(0).matmul(v.get(1)), randn(3, 4), randn(4, 2)));
        l.add(c("matmul transposed operands", v -> v.get(0).t().matmul(v.get(1).t()), randn(4, 3), randn(2, 4)));
        l.add(c("matmul batched", v -> v.get(0).matmul(v.get(1)), randn(2, 3, 4), randn(2, 4, 2)));
        l.add(c(
                "matmul batch broadcast (2,1,3,4)@(5,4,2)",
                v -> v.get(0).matmul(v.get(1)),
                randn(2, 1, 3, 4),
                randn(5, 4, 2)));
        l.add(c("matmul 2-D @ batched", v -> v.get(0).matmul(v.get(1)), randn(3, 4), randn(2, 4, 2)));
        // ---- fused primitives (tanh's backward is the tanhGrad primitive, covered by every tanh case)
        l.add(c(
                "linear x(3,2) w(2,4) b(4,)",
                v -> v.get(0).linear(v.get(1), v.get(2)),
                randn(3, 2),
                randn(2, 4),
                randn(4)));
        l.add(c(
                "linear batched x(2,3,2) b(1,4)",
                v -> v.get(0).linear(v.get(1), v.get(2)),
                randn(2, 3, 2),
                randn(2, 4),
                randn(1, 4)));
        l.add(c(
                "mul3 (3,1)*(4,)*(2,1,1)",
                v -> v.get(0).mul3(v.get(1), v.get(2), -1.5),
                randn(3, 1),
                randn(4),
                randn(2, 1, 1)));
        l.add(c("mul3 x*x*y", v -> v.get(0).mul3(v.get(0), v.get(1), 2.0), randn(2, 3), randn(3)));
        l.add(c("tanh of tanh (nested tanhGrad)", v -> x0(v).tanh().mul(x0(v)).tanh(), randn(2, 3)));
        // ---- a composed layer: tanh(x W + b) summed with a softplus head
        l.add(c(
                "layer",
                v -> v.get(0).matmul(v.get(1)).add(v.get(2)).tanh().softplus().mean(new int[] {1}, false),
                randn(3, 2),
                randn(2, 4),
                randn(4)));
        return l;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradcheck(String name, Function<List<Var>, Var> f, Tensor[] inputs) {
        GradCheck.gradcheck(f, inputs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradgradcheck(String name, Function<List<Var>, Var> f, Tensor[] inputs) {
        GradCheck.gradgradcheck(f, GradCheck.Options.defaults(), 1L, inputs);
        GradCheck.gradgradcheck(
                v -> {
                    Var y = f.apply(v);
                    return y.mul(y);
                },
                GradCheck.Options.defaults(),
                2L,
                inputs);
    }
}
