/**
 * Planning with learned models, in three layers (after mbrl-lib and MuJoCo MPC):
 * <ol>
 *   <li>{@link dev.foresight.planning.Optimizer}: a black-box optimiser over action sequences
 *       within bounds — {@link dev.foresight.planning.CemOptimizer} (PETS),
 *       {@link dev.foresight.planning.MppiOptimizer}, {@link dev.foresight.planning.RandomShootingOptimizer};</li>
 *   <li>{@link dev.foresight.planning.ModelRollouts}: the objective — batched rollouts of every
 *       candidate and particle through a {@link dev.foresight.model.DynamicsModel}, with the
 *       ensemble {@link dev.foresight.model.Propagation} and the task's batched reward;</li>
 *   <li>{@link dev.foresight.planning.MpcPlanner}: receding-horizon control with warm start and
 *       an optional time budget.</li>
 * </ol>
 * Action sequences are row-major float32 {@code [population × horizon × actionDim]}.
 */
package dev.foresight.planning;
