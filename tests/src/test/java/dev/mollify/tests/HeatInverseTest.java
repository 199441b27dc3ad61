package dev.mollify.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mollify.testing.AllowsOutput;
import dev.mollify.tests.acceptance.HeatRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Acceptance row: heat 1-D, u_t = D·u_xx, D = 0.1, 1 % and 5 % noise → D within 1 % and 3 %
 * by the mollifier route. The autodiff route runs on the same data, network and budget and its error,
 * time per gradient step and peak live memory are recorded beside the mollifier's (not asserted).
 *
 * <p>CI size: 65 x × 33 t nodes of the default heat data (D = 0.1, a = 0.5, [0, 1]²), a 2→32→32→1
 * tanh network, Adam then L-BFGS, δ = 0.1 (6.4 h_x, 3.2 h_t). The full-size run is
 * {@code java … dev.mollify.tests.acceptance.HeatRow} (129 x × 65 t, L-BFGS 3000).
 */
@AllowsOutput(whenProperty = RecordedRows.VERBOSE)
class HeatInverseTest {
    static final HeatRow.Config CI = HeatRow.Config.ci();

    @Test
    void mollifierRecoversDiffusivityWithinTheirBounds() {
        double[][] cases = {{0.01, 0.01}, {0.05, 0.03}};
        RecordedRows rows = new RecordedRows("HeatInverseTest (" + CI.nx() + " x × " + CI.nt() + " t, Adam " + CI.adam()
                + " + L-BFGS " + CI.lbfgs() + ")");
        List<String> failures = new ArrayList<>();
        for (double[] c : cases) {
            HeatRow.Row m = HeatRow.run("mollifier", c[0], CI);
            rows.add(m);
            if (!(m.relError() <= c[1])) failures.add(m + " exceeds " + 100 * c[1] + " %");
            if (RECORD_AUTODIFF) rows.add(HeatRow.run("autodiff", c[0], CI));
        }
        rows.printIfVerbose();
        assertTrue(failures.isEmpty(), String.join("; ", failures) + "\n" + rows);
    }

    /** Autodiff is fitted when the rows are printed or -Dheat.autodiff=true, not with -Dheat.autodiff=false ({@link RecordedRows#autodiff}). */
    static final boolean RECORD_AUTODIFF = RecordedRows.autodiff("heat.autodiff");
}
