package dev.mollify.autograd.optim;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.tensor.Tensor;
import java.util.List;

/** Helpers shared by the optimisers: checking the registry and writing updated values back. */
final class Slots {
    private Slots() {}

    /** The parameters as a list, after checking that each is a leaf that requires a gradient. */
    static List<Var> check(Parameters parameters, String optimizer) {
        if (parameters == null) throw new IllegalArgumentException(optimizer + ": parameters are null");
        for (String name : parameters.names()) {
            Var v = parameters.get(name);
            if (!v.requiresGrad()) {
                throw new IllegalArgumentException(
                        optimizer + ": parameter '" + name + "' does not require a gradient; "
                                + "create it with Var.param(…) or leave it out of the registry");
            }
        }
        return parameters.vars();
    }

    /** Replaces {@code p}'s value with {@code values} (row-major), keeping its shape and dtype. */
    static void write(Var p, double[] values) {
        Tensor old = p.value();
        p.assign(Tensor.of(values, old.shape()).to(old.dtype()));
    }

    static double checkNonNegative(String what, double v) {
        if (!(v >= 0) || !Double.isFinite(v))
            throw new IllegalArgumentException(what + " must be finite and >= 0, got " + v);
        return v;
    }
}
