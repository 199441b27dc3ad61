package dev.mollify.pde.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A box domain: one interval per coordinate. The coordinate named {@code t} is time, the others are
 * space. Common layouts have factories: {@link #interval1dTime} (x, t), {@link #box2d} (x, y) and
 * {@link #box2dTime} (x, y, t).
 *
 * @param axes the coordinates and their intervals, in order
 */
public record Domain(List<Axis> axes) {

    /**
     * One coordinate and its interval {@code [lo, hi]}.
     *
     * @param name the coordinate, one lower-case letter ({@code t} is time)
     * @param lo the lower end, finite, in the coordinate's units
     * @param hi the upper end, finite and &gt; {@code lo}
     */
    public record Axis(String name, double lo, double hi) {
        /**
         * Checks that the name is one lower-case letter and that lo &lt; hi, both finite.
         *
         * @param name the coordinate, one lower-case letter
         * @param lo the lower end, finite
         * @param hi the upper end, finite and &gt; {@code lo}
         * @throws IllegalArgumentException when the name is not one lower-case letter or the interval is not
         *     finite with lo &lt; hi
         * @throws NullPointerException when the name is null
         */
        public Axis {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z]")) {
                throw new IllegalArgumentException("a coordinate is one lower-case letter (so that u_" + name
                        + " can be read as a derivative), got '" + name + "'");
            }
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
                throw new IllegalArgumentException(
                        "coordinate " + name + " needs a finite interval lo < hi, got [" + lo + ", " + hi + "]");
            }
        }

        /**
         * The interval's length.
         *
         * @return {@code hi − lo}, &gt; 0
         */
        public double length() {
            return hi - lo;
        }
    }

    /**
     * Copies the axes; there must be at least one, with distinct names.
     *
     * @param axes the coordinates and their intervals, in order; copied
     * @throws IllegalArgumentException when there is no axis or two axes share a name
     */
    public Domain {
        axes = List.copyOf(axes);
        if (axes.isEmpty()) throw new IllegalArgumentException("a domain needs at least one coordinate");
        List<String> seen = new ArrayList<>();
        for (Axis a : axes) {
            if (seen.contains(a.name()))
                throw new IllegalArgumentException("coordinate '" + a.name() + "' appears twice in the domain");
            seen.add(a.name());
        }
    }

    /**
     * A box from its axes.
     *
     * @param axes the coordinates and their intervals, in order
     * @return the domain {@code axes[0] × axes[1] × …}
     * @throws IllegalArgumentException when there is no axis or two axes share a name
     */
    public static Domain box(Axis... axes) {
        return new Domain(List.of(axes));
    }

    /**
     * 1-D space plus time: x ∈ [x0, x1], t ∈ [t0, t1].
     *
     * @param x0 the left end of x
     * @param x1 the right end of x, &gt; x0
     * @param t0 the start time
     * @param t1 the end time, &gt; t0
     * @return the domain with coordinates (x, t)
     * @throws IllegalArgumentException when an interval is empty or not finite
     */
    public static Domain interval1dTime(double x0, double x1, double t0, double t1) {
        return box(new Axis("x", x0, x1), new Axis("t", t0, t1));
    }

    /**
     * 2-D steady: x ∈ [x0, x1], y ∈ [y0, y1].
     *
     * @param x0 the left end of x
     * @param x1 the right end of x, &gt; x0
     * @param y0 the lower end of y
     * @param y1 the upper end of y, &gt; y0
     * @return the domain with coordinates (x, y)
     * @throws IllegalArgumentException when an interval is empty or not finite
     */
    public static Domain box2d(double x0, double x1, double y0, double y1) {
        return box(new Axis("x", x0, x1), new Axis("y", y0, y1));
    }

    /**
     * 2-D space plus time: x ∈ [x0, x1], y ∈ [y0, y1], t ∈ [t0, t1].
     *
     * @param x0 the left end of x
     * @param x1 the right end of x, &gt; x0
     * @param y0 the lower end of y
     * @param y1 the upper end of y, &gt; y0
     * @param t0 the start time
     * @param t1 the end time, &gt; t0
     * @return the domain with coordinates (x, y, t)
     * @throws IllegalArgumentException when an interval is empty or not finite
     */
    public static Domain box2dTime(double x0, double x1, double y0, double y1, double t0, double t1) {
        return box(new Axis("x", x0, x1), new Axis("y", y0, y1), new Axis("t", t0, t1));
    }

    /**
     * Coordinate names in order.
     *
     * @return a new list of the axes' names, e.g. [x, t]
     */
    public List<String> coordinates() {
        List<String> out = new ArrayList<>();
        for (Axis a : axes) out.add(a.name());
        return out;
    }

    /**
     * The axis with this name.
     *
     * @param name a coordinate letter
     * @return the axis, or empty when the domain has no such coordinate
     */
    public Optional<Axis> axis(String name) {
        for (Axis a : axes) if (a.name().equals(name)) return Optional.of(a);
        return Optional.empty();
    }

    /**
     * Whether the point (one value per axis, in order) lies in the closed box.
     *
     * @param point one coordinate value per axis, in axis order
     * @return true when {@code lo ≤ point[i] ≤ hi} on every axis i
     * @throws IllegalArgumentException when the point does not have one value per axis
     */
    public boolean contains(double... point) {
        if (point.length != axes.size()) {
            throw new IllegalArgumentException(
                    "a point of this domain has " + axes.size() + " coordinates, got " + point.length);
        }
        for (int i = 0; i < point.length; i++) {
            if (point[i] < axes.get(i).lo() || point[i] > axes.get(i).hi()) return false;
        }
        return true;
    }
}
