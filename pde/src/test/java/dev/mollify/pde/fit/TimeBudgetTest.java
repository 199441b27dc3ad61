package dev.mollify.pde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The default budget follows the equation's coordinates; a budget given, 0 included, is kept. */
class TimeBudgetTest {
    @Test
    void theDefaultGrowsWithTheCoordinates() {
        assertEquals(TimeBudget.PLANE, TimeBudget.of(Double.NaN, 1));
        assertEquals(TimeBudget.PLANE, TimeBudget.of(Double.NaN, 2));
        assertEquals(TimeBudget.SPACE_TIME, TimeBudget.of(Double.NaN, 3));
        assertEquals(42, TimeBudget.of(42, 3));
        assertEquals(0, TimeBudget.of(0, 2));
    }

    @Test
    void aFitInXAndTGetsThePlaneBudgetUnlessGivenOne() {
        DataFitTest.data();
        assertEquals(TimeBudget.PLANE, heat().build().setup().timeBudget());
        assertEquals(60, heat().timeBudget(60).build().setup().timeBudget());
    }

    @Test
    void aFitInXYAndTGetsTheSpaceTimeBudget() {
        int n = 9;
        double[] x = new double[n * n * n],
                y = new double[x.length],
                t = new double[x.length],
                u = new double[x.length];
        for (int i = 0, r = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++, r++) {
                    t[r] = 0.1 * i;
                    y[r] = Math.PI * j / (n - 1);
                    x[r] = Math.PI * k / (n - 1);
                    u[r] = Math.exp(-0.2 * t[r]) * Math.sin(x[r]) * Math.sin(y[r]); // u_t = 0.1*(u_xx + u_yy)
                }
        FitSetup.Built b = DataFit.builder()
                .arrays(new String[] {"x", "y", "t", "u"}, new double[][] {x, y, t, u})
                .pde("u_t = D*(u_xx + u_yy)")
                .unknown("D", 0.05)
                .build()
                .setup();
        assertEquals(TimeBudget.SPACE_TIME, b.timeBudget());
    }

    private static DataFit.Builder heat() {
        return DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {DataFitTest.x, DataFitTest.t, DataFitTest.u})
                .pde("u_t = D*u_xx")
                .unknown("D", 0.05);
    }
}
