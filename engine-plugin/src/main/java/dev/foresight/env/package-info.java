/**
 * Environments with Gymnasium semantics: {@link dev.foresight.env.Environment} ({@code reset(seed)},
 * {@code step(action)}), their specs with bounds and names ({@link dev.foresight.env.EnvSpec},
 * {@link dev.foresight.env.BoxSpace}), batched reward and termination functions that the planner
 * applies to imagined states, and {@link dev.foresight.env.VectorEnvironment}, which steps many
 * scenes in parallel.
 *
 * <p>Arrays that cross this API are row-major {@code float32}; batched arrays are documented as
 * {@code [batch × dim]}.
 */
package dev.foresight.env;
