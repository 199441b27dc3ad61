package dev.mollify.pde.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mollify.pde.spec.Expr.Binary;
import dev.mollify.pde.spec.Expr.Derivative;
import dev.mollify.pde.spec.Expr.FieldCall;
import dev.mollify.pde.spec.Expr.Fn;
import dev.mollify.pde.spec.Expr.Func;
import dev.mollify.pde.spec.Expr.Laplacian;
import dev.mollify.pde.spec.Expr.Neg;
import dev.mollify.pde.spec.Expr.Num;
import dev.mollify.pde.spec.Expr.Op;
import dev.mollify.pde.spec.Expr.Symbol;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** parse(print(e)) equals e, for the test equations and for random trees (seeded). */
class RoundTripTest {
    private static final Set<String> LETTERS = Set.of("x", "y", "z", "t");

    private static Equation reparse(Equation e) {
        List<Equation> eqs =
                Parser.parse(e.toString(), Parser.classifier(LETTERS, Set.of())).equations();
        assertEquals(1, eqs.size());
        return eqs.get(0);
    }

    @Test
    void testEquationsRoundTrip() {
        for (String text : List.of(
                "u_t + a*u*u_x - b*u_xx = 0",
                "u_t = D*u_xx",
                "u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0",
                "0 = k(x,y)*lap(u) + m(x,y)",
                "u_t = u + f(t)",
                "u_t = -(a - b)*(c/(d*e))^-2^x + sin(-u)*exp(u_xy)/-u")) {
            Equation e = Parser.parse(text, Parser.classifier(LETTERS, Set.of()))
                    .equations()
                    .get(0);
            assertEquals(e, reparse(e), text);
            assertEquals(e.toString(), reparse(e).toString());
        }
    }

    @Test
    void randomTreesRoundTrip() {
        Random rng = new Random(20261128L);
        for (int i = 0; i < 2000; i++) {
            Equation e = new Equation(random(rng, 5), random(rng, 5));
            assertEquals(e, reparse(e), e.toString());
        }
    }

    private static Expr random(Random rng, int depth) {
        int kind = depth == 0 ? rng.nextInt(6) : rng.nextInt(10);
        switch (kind) {
            case 0:
                return new Num(
                        rng.nextBoolean()
                                ? rng.nextInt(10)
                                : Math.abs(rng.nextGaussian()) * Math.pow(10, rng.nextInt(12) - 6));
            case 1:
                return new Symbol(
                        List.of("a", "b", "D", "k_1", "x", "u", "D_eff").get(rng.nextInt(7)));
            case 2:
                return new Derivative(Partial.parse(
                        List.of("u_x", "u_xx", "v_t", "u_xy", "u_xxxx", "w_zt").get(rng.nextInt(6))));
            case 3:
                return new Laplacian(rng.nextBoolean() ? "u" : "v", 1 + rng.nextInt(2));
            case 4:
                return new FieldCall("k", rng.nextBoolean() ? List.of("x", "y") : List.of("t"));
            case 5:
                return new Symbol("c");
            case 6:
                return new Func(Fn.values()[rng.nextInt(Fn.values().length)], random(rng, depth - 1));
            case 7:
                return new Neg(random(rng, depth - 1));
            default:
                return new Binary(
                        Op.values()[rng.nextInt(Op.values().length)], random(rng, depth - 1), random(rng, depth - 1));
        }
    }
}
