package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.autograd.train.LossModel;
import dev.mollify.autograd.train.LossTerms;
import java.util.Map;

/**
 * An {@link InverseProblem} seen by the general {@link dev.mollify.autograd.train.Trainer}: the same
 * parameters, the problem's named terms ({@code data}, {@code residual}, and any extra terms) left
 * unweighted for the trainer's {@link dev.mollify.autograd.train.LossWeights}, and the problem's report.
 *
 * <pre>{@code
 * TrainingResult r = Trainer.builder(new InverseLossModel(problem)).adamSteps(2000).lbfgsIterations(500)
 *         .callbacks(new ProgressPrinter(System.out, 100), new DivergenceGuard()).build().run();
 * }</pre>
 */
public final class InverseLossModel implements LossModel {
    private final InverseProblem problem;

    /**
     * The loss of {@code problem}, for a {@link dev.mollify.autograd.train.Trainer}.
     *
     * @param problem the inverse problem whose parameters, loss terms and report are passed on
     */
    public InverseLossModel(InverseProblem problem) {
        this.problem = problem;
    }

    /**
     * The wrapped problem.
     *
     * @return the problem given to the constructor
     */
    public InverseProblem problem() {
        return problem;
    }

    @Override
    public Parameters parameters() {
        return problem.parameters();
    }

    @Override
    public LossTerms loss() {
        LossTerms t = LossTerms.empty();
        for (Map.Entry<String, Var> e : problem.loss().terms().entrySet()) t.with(e.getKey(), e.getValue());
        return t;
    }

    @Override
    public Map<String, Double> report() {
        return problem.report();
    }
}
