/**
 * Fitting a PDE to measured data: from a file, a table or plain arrays to the recovered unknown
 * coefficients — the pipeline behind {@code mollify fit}, as a library.
 *
 * <h2>1. In a few lines</h2>
 * <pre>{@code
 * DataFit.Result r = DataFit.builder()
 *         .arrays(new String[] {"x", "t", "u"}, new double[][] {x, t, u})   // one row per point; NaN = not measured
 *         .pde("u_t = D*u_xx").unknown("D").positive("D")
 *         .seed(1)
 *         .build()
 *         .run();
 * r.values();        // {D=0.1002}
 * r.warnings();      // what the data or the result cannot vouch for, in words
 * }</pre>
 * {@link dev.mollify.pde.fit.DataFit} holds {@link dev.mollify.pde.fit.FitOptions} (defaults: those of
 * {@code mollify fit}). Settings or data it cannot use throw
 * {@link dev.mollify.pde.fit.FitInputException}, whose kind says which ({@code USAGE} or {@code DATA})
 * and whose message says how to fix it.
 *
 * <h2>2. The flow</h2>
 * <pre>
 * file ──{@link dev.mollify.pde.fit.TableReader}──&gt; {@link dev.mollify.pde.fit.Table} (named columns; CSV, .npy, .npz)   or a Table / arrays given
 *   equation text ──PdeSpec──&gt; coordinates, fields; f(x,…) names: data column → known field, else unknown field;
 *       a field with no column → unmeasured field ({@link dev.mollify.pde.fit.UnmeasuredFields}: no data term)
 *   noise, points (seeded) ──&gt; perturbed / subsampled Table
 *   {@link dev.mollify.pde.fit.DataLayout}.detect ──&gt; full grid | grid with missing nodes | scattered points
 *   {@link dev.mollify.pde.fit.FitSetup}.build ──&gt; collocation grid, Pinn, route (δ checked against the grid),
 *       network fitted to the data alone, starting values ({@code CoefficientEstimate}) ──&gt; InverseProblem
 *   {@link dev.mollify.pde.fit.DataFit}.run ──Trainer: Adam, then L-BFGS──&gt; values, {@link dev.mollify.pde.fit.FitWarnings}
 *       ──{@link dev.mollify.pde.fit.CoefficientProfile}──&gt; each coefficient's standard error from the profile of the loss
 * </pre>
 *
 * <h2>3. What is minimised</h2>
 * Scale-free (docs/math.md): with σ_f the spread of field f's data and R_e the size of equation e's
 * largest term at the starting values, the loss is
 * <pre>
 * L(θ, c) = Σ_f mean((û_f − y_f)²) / σ_f²  +  Σ_e mean(r_e(û; c)²) / R_e²
 * </pre>
 * (the first sum over the measured fields only: an unmeasured field enters through the residual alone)
 * with û the field the route binds (the mollified network output on the mollifier route) and each
 * unknown c = s·θ (s·softplus(θ) when positive), s the size of its starting value. Adam ends when every
 * unknown changed by less than {@code tolerance}, relatively, over {@link dev.mollify.pde.fit.DataFit#CONVERGENCE_WINDOW}
 * steps, or at 70 % of the time budget; L-BFGS follows until the unknowns settle again by the same rule, the loss
 * stops improving or the budget is spent.
 *
 * <h2>4. Pieces</h2>
 * {@link dev.mollify.pde.fit.DataFit#setup()} gives the built problem
 * ({@link dev.mollify.pde.fit.FitSetup.Built}) to look at before training;
 * {@link dev.mollify.pde.fit.DataFit#trainer} gives its {@code Trainer} with callbacks of your own
 * (checkpoints, progress) and {@code resume}, as {@code mollify fit} uses it.
 * {@link dev.mollify.pde.fit.GridColumns} turns grids into the long table form and back.
 * {@link dev.mollify.pde.fit.SweepPlan} expands a sweep description (fixed settings × lists of data,
 * routes, δ, points, noise, seeds) into {@link dev.mollify.pde.fit.FitJob}s, each the command line of
 * {@code mollify fit} and the same fit as a builder: what {@code mollify sweep} and the Spark job share.
 * {@link dev.mollify.pde.fit.Ensemble} refits the same data N times (seed s + k, a {@link dev.mollify.pde.fit.Resample}
 * of the data each) and gives each coefficient a mean, a standard deviation and a Student-t interval.
 */
package dev.mollify.pde.fit;
