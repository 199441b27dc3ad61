package dev.mollify.pde.forward;

/**
 * The default data sets, one per problem: {@link #generate} solves one with its solver's
 * {@code Params.defaults()} and returns the solution field (coefficient fields via the solvers).
 */
public final class ForwardDatasets {
    private ForwardDatasets() {}

    /** The problems with a default data set. */
    public enum Problem {
        HEAT("heat"),
        BURGERS("burgers"),
        KDV("kdv"),
        KURAMOTO_SIVASHINSKY("kuramoto_sivashinsky"),
        FISHER_KPP("fisher_kpp"),
        LANGEVIN("langevin"),
        STEADY_HEAT_2D("steady_heat_2d"),
        CHROMATIN("chromatin"),
        CHROMATIN_VARYING_LAMBDA("chromatin_varying_lambda");

        private final String fileName;

        Problem(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }
    }

    /** The default data set of one problem (the solution field; coefficient fields via the solvers). */
    public static GridField generate(Problem p) {
        return switch (p) {
            case HEAT -> HeatSolver.solve(HeatSolver.Params.defaults());
            case BURGERS -> BurgersSolver.solve(BurgersSolver.Params.defaults());
            case KDV -> KdvSolver.solve(KdvSolver.Params.defaults());
            case KURAMOTO_SIVASHINSKY -> KuramotoSivashinskySolver.solve(KuramotoSivashinskySolver.Params.defaults());
            case FISHER_KPP -> FisherKppSolver.solve(FisherKppSolver.Params.defaults());
            case LANGEVIN -> LangevinSolver.solve(LangevinSolver.Params.defaults());
            case STEADY_HEAT_2D ->
                SteadyHeat2D.solve(SteadyHeat2D.Params.defaults()).u();
            case CHROMATIN ->
                ChromatinSolver.solve(ChromatinSolver.Params.defaults()).phiD();
            case CHROMATIN_VARYING_LAMBDA ->
                ChromatinSolver.solve(ChromatinSolver.Params.defaultsVaryingLambda())
                        .phiD();
        };
    }
}
