/**
 * Recorded experience: {@link dev.foresight.data.Transitions} (columnar arrays of
 * {@code obs, action, reward, next_obs, terminated, truncated}), the
 * {@link dev.foresight.data.ReplayBuffer} the agent fills while it acts, and
 * {@link dev.foresight.data.NpzFiles}, which saves and loads them as NumPy {@code .npz} files.
 */
package dev.foresight.data;
