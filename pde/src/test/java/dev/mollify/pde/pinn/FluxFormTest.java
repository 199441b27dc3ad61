package dev.mollify.pde.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.autograd.Var;
import dev.mollify.mollifier.Boundary;
import dev.mollify.mollifier.DifferentialOperator;
import dev.mollify.mollifier.KernelFamily;
import dev.mollify.mollifier.MollifiedDerivatives;
import dev.mollify.pde.forward.BurgersSolver;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.spec.FluxProducts;
import dev.mollify.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The flux form of the mollifier route. On the exact Burgers solution (ν = 0.01/π, a front under one
 * cell wide at t ≈ 1) the least-squares λ of the mollified residual û_t + λ₁·F − λ₂·û_xx = 0 is right
 * with the flux form F = ½(u²)∗η_x and badly biased with the strong form F = û·û_x (the commutator
 * (u u_x)∗η − û û_x acts as extra viscosity) — the cause of the Burgers λ₂ failures before the flux form.
 */
class FluxFormTest {

    /** {λ₁, λ₂} by least squares over every cell, with the strong or the flux form of u·u_x. */
    static double[] leastSquaresLambdas(GridField data, double deltaT, double deltaX, boolean flux) {
        double[] t = data.axis(0), x = data.axis(1);
        int nt = t.length, nx = x.length;
        double ht = t[1] - t[0], hx = x[1] - x[0];
        MollifiedDerivatives md = MollifiedDerivatives.builder(KernelFamily.bump(), new double[] {ht, hx}, new int[] {
                    (int) Math.ceil(deltaT / ht), (int) Math.ceil(deltaX / hx)
                })
                .widths(deltaT, deltaX)
                .boundary(Boundary.VALID)
                .build();
        double[] u = data.values(), half = new double[u.length];
        for (int i = 0; i < u.length; i++) half[i] = 0.5 * u[i] * u[i];
        DifferentialOperator v = DifferentialOperator.value(2), dt = DifferentialOperator.of(1, 0);
        DifferentialOperator dx = DifferentialOperator.of(0, 1), dxx = DifferentialOperator.of(0, 2);
        DifferentialOperator[] all = {v, dt, dx, dxx};
        Map<DifferentialOperator, Var> o = md.compute(Var.constant(Tensor.of(u, 1, 1, nt, nx)), all);
        double[] ut = o.get(dt).value().toDoubleArray(),
                uxx = o.get(dxx).value().toDoubleArray();
        double[] f;
        if (flux) {
            f = md.computeAligned(Var.constant(Tensor.of(half, 1, 1, nt, nx)), all, dx)
                    .get(dx)
                    .value()
                    .toDoubleArray();
        } else {
            double[] uh = o.get(v).value().toDoubleArray(),
                    ux = o.get(dx).value().toDoubleArray();
            f = new double[uh.length];
            for (int i = 0; i < f.length; i++) f[i] = uh[i] * ux[i];
        }
        // normal equations of u_t = −λ₁·F + λ₂·u_xx
        double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
        for (int i = 0; i < ut.length; i++) {
            double c1 = -f[i], c2 = uxx[i];
            a11 += c1 * c1;
            a12 += c1 * c2;
            a22 += c2 * c2;
            b1 += c1 * ut[i];
            b2 += c2 * ut[i];
        }
        double det = a11 * a22 - a12 * a12;
        return new double[] {(b1 * a22 - b2 * a12) / det, (a11 * b2 - a12 * b1) / det};
    }

    @Test
    void fluxFormRecoversBurgersFromExactDataWhereTheStrongFormCannot() {
        GridField data = BurgersSolver.solve(BurgersSolver.Params.defaults()); // 100 t × 256 x on [0, 0.99] × [−1, 1]
        double nu = 0.01 / Math.PI;
        double[] flux = leastSquaresLambdas(data, 0.05, 0.08, true);
        double[] strong = leastSquaresLambdas(data, 0.05, 0.08, false);
        assertEquals(1.0, flux[0], 0.002, "λ₁, flux form");
        assertEquals(nu, flux[1], 0.03 * nu, "λ₂, flux form");
        assertTrue(
                Math.abs(strong[0] - 1) > 0.3 && Math.abs(strong[1] / nu - 1) > 0.5,
                "the strong form is biased at the front: λ₁ = " + strong[0] + ", λ₂ = " + strong[1]);
    }

    @Test
    void theRouteBindsTheFluxOfTheNetworkOutput() {
        Grid g = PerAxisWidthRouteTest.grid(21, 41);
        Pinn net = PerAxisWidthRouteTest.net();
        var spec = PerAxisWidthRouteTest.burgersLike();
        Evaluation on = DerivativeRoute.mollifier(0.15)
                .build()
                .prepare(net, spec, g, PerAxisWidthRouteTest.zeros(g))
                .evaluate();
        Evaluation off = DerivativeRoute.mollifier(0.15)
                .fluxForm(false)
                .build()
                .prepare(net, spec, g, PerAxisWidthRouteTest.zeros(g))
                .evaluate();
        FluxProducts.Term ux = new FluxProducts.Term("u", "x");
        assertNull(off.bindings().fluxes().get(ux));
        Var f = on.bindings().fluxes().get(ux);
        // by hand: h = (0.05, 0.025), M = ⌈0.15/h⌉ = (3, 6), halo M + 1 (u_t, u_xx need p = 1 on both axes)
        Var gExt = GridSupport.networkOn(net, g.extend(new int[] {4, 7})).get("u");
        MollifiedDerivatives md = MollifiedDerivatives.builder(KernelFamily.bump(), g.spacings(), new int[] {3, 6})
                .width(0.15)
                .boundary(Boundary.EXTENDED)
                .build();
        DifferentialOperator dx = DifferentialOperator.of(0, 1);
        Var expected = md.computeAligned(
                        gExt.mul(gExt).mul(0.5).reshape(1, 1, 29, 55),
                        new DifferentialOperator[] {DifferentialOperator.of(1, 0), DifferentialOperator.of(0, 2)},
                        dx)
                .get(dx);
        assertEquals(0, RoutesTest.relErr(f, expected.reshape(21, 41)), 1e-13);
        // on a smooth network the flux and the strong product û·û_x are close but not equal
        double rel = RoutesTest.relErr(f, on.derivative("u").mul(on.derivative("u_x")));
        assertTrue(rel > 1e-6 && rel < 0.5, "flux vs û·û_x on a smooth network: " + rel);
    }
}
