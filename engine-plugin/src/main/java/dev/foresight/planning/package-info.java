/**
 * Planning with learned models, in three layers (after mbrl-lib and MuJoCo MPC):
 * <ol>
 *   <li>{@link dev.foresight.planning.Optimizer}: a black-box optimiser over action sequences
 *       within bounds — {@link dev.foresight.planning.CemOptimizer} (PETS),
 *       {@link dev.foresight.planning.MppiOptimizer}, {@link dev.foresight.planning.RandomShootingOptimizer},
 *       each with its own {@link dev.foresight.planning.OptimizerSettings};</li>
 *   <li>{@link dev.foresight.planning.ModelRollouts}: the objective — every candidate and particle
 *       a row of one {@link dev.foresight.model.ModelEnvironment}, with the ensemble
 *       {@link dev.foresight.model.Propagation}, the task's batched reward and an optional
 *       {@link dev.foresight.planning.TerminalValue};</li>
 *   <li>{@link dev.foresight.planning.MpcPlanner}: receding-horizon control with warm start and
 *       an optional time budget.</li>
 * </ol>
 * {@link dev.foresight.planning.PlannerConfig} holds every setting; {@link dev.foresight.planning.Planners}
 * builds a planner from it. Sampling planners search bounded boxes of actions and refuse other
 * action spaces. Action sequences are row-major float32 {@code [population × horizon × actionDim]}.
 */
package dev.foresight.planning;
