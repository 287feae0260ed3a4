/**
 * Environments with Gymnasium semantics: {@link dev.foresight.env.Environment} ({@code reset(seed)},
 * {@code step(action)}), their specs ({@link dev.foresight.env.EnvSpec}) with the
 * {@link dev.foresight.env.Space}s of observations and actions — continuous
 * {@link dev.foresight.env.BoxSpace}s or {@link dev.foresight.env.DiscreteSpace}s, each with one
 * validation rule — batched reward and termination functions that the planner
 * applies to imagined states, and two ways of stepping many scenes in parallel:
 * {@link dev.foresight.env.VectorEnvironment} (Gymnasium's synchronous vector semantics) and
 * {@link dev.foresight.env.AsyncVectorEnvironment} (EnvPool's asynchronous {@code send}/{@code recv}).
 *
 * <p>Arrays that cross this API are row-major {@code float32}; batched arrays are documented as
 * {@code [batch × dim]}.
 */
package dev.foresight.env;
