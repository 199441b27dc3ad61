package dev.mollify.pde.fit;

import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.spec.Partial;
import dev.mollify.pde.spec.PdeSpec;
import java.util.List;
import java.util.Locale;

/**
 * The heap a fit needs, estimated before the network is built, so that a grid, network or point
 * count too large for the JVM is refused with the numbers and the option to lower.
 * <pre>
 *   bytes ≈ 8·(N·W·K + 24·P) + 64 MiB
 * </pre>
 * N: the points where the network is evaluated: the collocation nodes (×1.25 per axis for the
 * mollifier's and differences' halo) plus the data rows; W: the summed layer widths (inputs, hidden,
 * outputs); K: live values per activation, 6 for the mollifier and differences routes and
 * 6·(1 + Σ_p order(p)) for autodiff's nested tapes, summed over every derivative the equations require (each
 * keeps its own tape: Navier–Stokes' u_t, u_x, u_y, u_xx, u_yy, the same of v, p_x and p_y give 16, and its
 * 2 × 32 fit on 58,361 points peaked at 2.3 GiB, where this gives 3.2 GiB); P: the network's parameters, each held
 * as value, gradient, Adam moments and L-BFGS history. Measured peaks are about half to two thirds of this.
 * A fit is refused when the estimate exceeds 80 % of {@link Runtime#maxMemory()}.
 */
final class MemoryEstimate {
    private MemoryEstimate() {}

    /** Share of the heap a fit may plan to use. */
    static final double SHARE = 0.8;

    /** The estimated bytes of a fit on {@code grid} with {@code rows} data rows and the network it starts with. */
    static double bytes(FitOptions s, Grid grid, int rows, PdeSpec spec, int unknownFields) {
        return bytes(s, NetworkSize.initial(s), grid, rows, spec, unknownFields);
    }

    /** The estimated bytes of a fit on {@code grid} with {@code rows} data rows and a network of {@code hidden} widths. */
    static double bytes(FitOptions s, int[] hidden, Grid grid, int rows, PdeSpec spec, int unknownFields) {
        int dims = grid.dims();
        double nodes = 1;
        for (int a = 0; a < dims; a++)
            nodes *= grid.axes().get(a).length * (s.route().equals("autodiff") ? 1.0 : 1.25);
        double points = nodes + rows;
        int outputs = spec.fields().size() + unknownFields;
        double width = dims + outputs;
        for (int h : hidden) width += h;
        double params = paramCount(hidden, dims, outputs);
        double k = 6;
        if (s.route().equals("autodiff")) {
            int orders = 0;
            for (List<Partial> ps : spec.requiredDerivatives().values()) for (Partial p : ps) orders += p.order();
            k *= 1 + orders;
        }
        return 8 * (points * width * k + 24 * params) + 64.0 * (1 << 20);
    }

    /** Refuses a fit whose estimate exceeds {@link #SHARE} of the heap's ceiling, naming the option to lower. */
    static void check(FitOptions s, Grid grid, DataLayout layout, int rows, PdeSpec spec, int unknownFields) {
        double need = bytes(s, grid, rows, spec, unknownFields);
        long max = HeapBudget.max();
        if (need <= SHARE * max) return;
        StringBuilder shape = new StringBuilder();
        double nodes = 1;
        for (int a = 0; a < grid.dims(); a++) {
            shape.append(a > 0 ? " × " : "")
                    .append(grid.axes().get(a).length)
                    .append(' ')
                    .append(grid.axisNames().get(a));
            nodes *= grid.axes().get(a).length;
        }
        boolean networkBound = 8
                        * 24
                        * paramCount(
                                NetworkSize.initial(s),
                                grid.dims(),
                                spec.fields().size() + unknownFields)
                > need / 2;
        String lower = networkBound
                ? "lower --hidden (" + widths(NetworkSize.initial(s)) + ")"
                : layout.scattered()
                        ? "lower --grid-size (" + (s.gridSize() == 0 ? "auto" : s.gridSize()) + ") or --hidden ("
                                + widths(NetworkSize.initial(s)) + ")"
                        : "lower --hidden (" + widths(NetworkSize.initial(s)) + "), or thin the data to a coarser grid";
        throw FitInputException.usage(String.format(
                Locale.ROOT,
                "the fit would need about %s of memory (collocation grid %s = %,.0f nodes, %,d data rows, network %s, %s route) but Java may use at most %s: %s, or %s",
                HeapBudget.bytes(need),
                shape,
                nodes,
                rows,
                widths(NetworkSize.initial(s)),
                s.route(),
                HeapBudget.bytes(max),
                lower,
                HeapBudget.MORE_MEMORY));
    }

    private static double paramCount(int[] hidden, int dims, int outputs) {
        double params = 0;
        int in = dims;
        for (int h : hidden) {
            params += (in + 1.0) * h;
            in = h;
        }
        return params + (in + 1.0) * outputs;
    }

    private static String widths(int[] hidden) {
        StringBuilder b = new StringBuilder();
        for (int h : hidden) b.append(b.length() > 0 ? "," : "").append(h);
        return b.toString();
    }
}
