package dev.mollify.examples.guide;

import dev.mollify.tensor.Shapes;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.kernels.Simd;
import java.util.Arrays;
import java.util.Locale;

/**
 * Chapter 1: a tensor is storage plus shape, strides and offset. Views (transpose, slice, expand) change
 * only the strides; a stride of 0 is broadcasting. The same arithmetic runs through a Vector API kernel
 * or its scalar twin, with the same numbers.
 */
public final class Ch01Tensors {
    private Ch01Tensors() {}

    public static void main(String[] args) {
        strides();
        broadcasting();
        simdAndScalar();
    }

    /** Element (i, j) lives at storage[offset + i·strides[0] + j·strides[1]]. */
    static void strides() {
        System.out.println("== strides ==");
        // guide: strides
        Tensor a = Tensor.arange(12).reshape(3, 4); // storage 0, 1, …, 11, row-major
        Tensor at = a.t(); // a view: the same storage, strides swapped
        Tensor everyOther = a.slice(1, 0, 4, 2); // axis 1, from 0, before 4, step 2: columns 0 and 2
        Tensor row2 = a.select(0, 2); // row 2: offset 8, one axis left
        // guide: end
        describe("a", a);
        describe("a.t()", at);
        describe("a.slice(1, 0, 4, 2)", everyOther);
        describe("a.select(0, 2)", row2);
        System.out.printf(Locale.ROOT, "a.get(2, 1) = %.0f, a.t().get(1, 2) = %.0f%n", a.get(2, 1), at.get(1, 2));
    }

    /** Shapes are aligned from the right; a size-1 axis is stretched by giving it stride 0. */
    static void broadcasting() {
        System.out.println("== broadcasting ==");
        // guide: broadcasting
        Tensor col = Tensor.vector(0, 10, 20).reshape(3, 1); // (3, 1)
        Tensor row = Tensor.vector(1, 2, 3, 4); // (4,), read as (1, 4)
        Tensor sum = col.add(row); // (3, 1) + (4,) → (3, 4)
        Tensor colMeans = sum.mean(new int[] {0}, true); // (1, 4): reduce over rows, keep the axis
        // guide: end
        describe("col", col);
        describe("col.expand(3, 4)", col.expand(3, 4)); // stride 0 along the new columns
        describe("col.add(row)", sum);
        describe("col.add(row).mean(rows)", colMeans);
    }

    /** y = x·x + x on a million numbers with the Vector API kernels, then with the scalar loops. */
    static void simdAndScalar() {
        System.out.println("== simd ==");
        System.out.println("Vector API module loaded: " + Simd.available());
        boolean before = Simd.enabled();
        try {
            // guide: simd
            Tensor x = Tensor.randn(7L, 1_000_003); // N(0, 1) numbers from seed 7, shape (1000003,)
            Simd.setEnabled(true);
            Tensor yVector = x.mul(x).add(x);
            double sumVector = yVector.sum().item();
            Simd.setEnabled(false); // what -Dmollify.simd=false does for a whole run
            Tensor yScalar = x.mul(x).add(x);
            double sumScalar = yScalar.sum().item();
            // guide: end
            System.out.println("elementwise y = x*x + x, bit for bit equal: "
                    + Arrays.equals(yVector.toDoubleArray(), yScalar.toDoubleArray()));
            System.out.printf(Locale.ROOT, "sum of y: vector %.12f, scalar %.12f%n", sumVector, sumScalar);
            System.out.printf(
                    Locale.ROOT,
                    "relative difference of the sums: %.1e%n",
                    Math.abs(sumVector - sumScalar) / Math.abs(sumScalar));
            System.out.println("== simd-timing ==");
            for (boolean on : new boolean[] {false, true}) {
                Simd.setEnabled(on);
                System.out.printf(
                        Locale.ROOT,
                        "%-7s kernels: %6.2f ms per y = x*x + x (1,000,003 numbers, best of 15)%n",
                        on ? "vector" : "scalar",
                        bestMillis(x, 15));
            }
        } finally {
            Simd.setEnabled(before);
        }
    }

    private static double bestMillis(Tensor x, int repeats) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            x.mul(x).add(x);
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }

    private static void describe(String name, Tensor t) {
        System.out.printf(
                Locale.ROOT,
                "%-24s shape %-8s strides %-8s contiguous %-5s %s%n",
                name,
                Shapes.str(t.shape()), // (3, 4); a one-axis shape is written (4,)
                Shapes.str(t.strides()),
                t.isContiguous(),
                rows(t));
    }

    /** The elements as nested rows, e.g. [[0 1] [2 3]]. */
    private static String rows(Tensor t) {
        if (t.dim() == 1) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < t.size(0); i++)
                s.append(i > 0 ? " " : "").append(String.format(Locale.ROOT, "%.0f", t.get(i)));
            return s.append(']').toString();
        }
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < t.size(0); i++) s.append(i > 0 ? " " : "").append(rows(t.select(0, i)));
        return s.append(']').toString();
    }
}
