package dev.mollify.pde.spec;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.Shapes;
import dev.mollify.tensor.Tensor;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * A known field of the coordinates, such as the source {@code m(x,y)} in {@code 0 = k(x,y)*lap(u) + m(x,y)}.
 * It receives the coordinate values in the order the text writes its arguments, each a {@link Var} of any
 * broadcast-compatible shape, and returns a Var of the broadcast shape.
 *
 * <p>Write it with Var ops to keep it differentiable in the coordinates
 * ({@code c -> c[0].sin().mul(c[1].cos())}), or use a {@code pointwise} factory for a plain Java function
 * (its result is a constant: no derivative flows through it, which a residual does not need).
 */
@FunctionalInterface
public interface KnownField {

    /**
     * The field at the given coordinates.
     *
     * @param coordinates the coordinate values in the order the text writes the field's arguments, e.g.
     *     (x, y) for {@code m(x,y)}; broadcast-compatible shapes
     * @return the field's values, of the coordinates' broadcast shape
     */
    Var evaluate(Var... coordinates);

    /**
     * A field of one coordinate from a Java function, evaluated element by element.
     *
     * @param f the field as a function of its one coordinate
     * @return a known field of arity 1 whose values are constants (no gradient flows through {@code f})
     */
    static KnownField pointwise(DoubleUnaryOperator f) {
        return pointwise(a -> f.applyAsDouble(a[0]), 1);
    }

    /**
     * A field of two coordinates from a Java function, evaluated element by element (broadcasting).
     *
     * @param f the field as a function of its two coordinates, in the order the text writes them
     * @return a known field of arity 2 whose values are constants (no gradient flows through {@code f})
     */
    static KnownField pointwise(DoubleBinaryOperator f) {
        return pointwise(a -> f.applyAsDouble(a[0], a[1]), 2);
    }

    /**
     * A field of {@code arity} coordinates from a Java function of the coordinate array. The returned
     * field throws {@link IllegalArgumentException} when it is evaluated with a number of coordinates
     * other than {@code arity}.
     *
     * @param f the field as a function of one point, {@code point[i]} the i-th coordinate as written
     * @param arity the number of coordinates the field takes
     * @return a known field whose values are constants of the coordinates' broadcast shape
     */
    static KnownField pointwise(ToDoubleFunction<double[]> f, int arity) {
        return coordinates -> {
            if (coordinates.length != arity) {
                throw new IllegalArgumentException(
                        "this known field takes " + arity + " coordinate(s), got " + coordinates.length);
            }
            int[] shape = new int[0];
            for (Var c : coordinates) shape = Shapes.broadcast(shape, c.shape());
            int n = Shapes.numel(shape);
            double[][] cols = new double[arity][];
            for (int i = 0; i < arity; i++)
                cols[i] = coordinates[i].value().expand(shape).toDoubleArray();
            double[] out = new double[n];
            double[] point = new double[arity];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < arity; i++) point[i] = cols[i][k];
                out[k] = f.applyAsDouble(point);
            }
            return Var.constant(Tensor.of(out, shape));
        };
    }
}
