package dev.mollify.jmh.scaling;

import java.util.List;

/**
 * The measured curves of one sweep: time against one size, one curve per setting of the other
 * parameters.
 *
 * @param id the short name, used in file names ({@code scaling-ID.png})
 * @param title the heading in the report
 * @param sizeLabel what the size is, e.g. {@code N (signal length)}
 * @param elementLabel what one element of the work is, e.g. {@code output element}
 * @param fixed the settings held fixed, e.g. {@code B = 16, K = 51, F32, workspace}
 * @param series the curves
 */
public record Sweep(String id, String title, String sizeLabel, String elementLabel, String fixed, List<Series> series) {
    /** Copies the curves. */
    public Sweep {
        series = List.copyOf(series);
    }

    /**
     * One curve, its points sorted by size.
     *
     * @param name the legend entry, e.g. {@code simd}
     * @param dtype {@code F32} or {@code F64}, the peak its rate is compared with; null when not compared
     * @param points the measurements
     */
    public record Series(String name, String dtype, List<Point> points) {
        /** Copies the points. */
        public Series {
            points = List.copyOf(points);
        }

        /**
         * The sizes.
         *
         * @return each point's size, in order
         */
        public double[] sizes() {
            return points.stream().mapToDouble(Point::size).toArray();
        }

        /**
         * The times.
         *
         * @return each point's seconds per call, in order
         */
        public double[] seconds() {
            return points.stream().mapToDouble(Point::seconds).toArray();
        }

        /**
         * The growth exponent over the curve, or null with fewer than two sizes.
         *
         * @return the fit of seconds ≈ C · size^p
         */
        public PowerFit fit() {
            long distinct = points.stream().mapToDouble(Point::size).distinct().count();
            return distinct < 2 ? null : PowerFit.fit(sizes(), seconds());
        }
    }

    /**
     * One measurement.
     *
     * @param size the swept size
     * @param seconds the time of one call
     * @param error the 99.9 % half-interval of the time, in seconds (NaN when none)
     * @param elements the elements of work in one call ({@link Sweep#elementLabel()})
     * @param flops the floating-point operations of one call; NaN when not counted
     * @param bytes the least memory traffic of one call (inputs read once, outputs written once), in
     *     bytes; NaN when not counted
     */
    public record Point(double size, double seconds, double error, double elements, double flops, double bytes) {
        /**
         * The achieved rate.
         *
         * @return flops / seconds / 10⁹ (NaN when the flops are not counted)
         */
        public double gflops() {
            return flops / seconds / 1e9;
        }

        /**
         * The achieved traffic.
         *
         * @return bytes / seconds / 10⁹
         */
        public double gbytes() {
            return bytes / seconds / 1e9;
        }

        /**
         * The arithmetic intensity.
         *
         * @return flops / bytes, FLOP per byte
         */
        public double intensity() {
            return flops / bytes;
        }
    }
}
