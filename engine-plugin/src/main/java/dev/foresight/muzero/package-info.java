/**
 * A value-equivalent model and the agent that plans with it (Schrittwieser et al. 2020, "Mastering
 * Atari, Go, chess and shogi by planning with a learned model"): three networks — representation
 * {@code h(obs) → latent}, dynamics {@code g(latent, action) → (latent′, reward)}, prediction
 * {@code f(latent) → (policy logits, value)} — trained only to be right about what the search uses
 * along imagined action sequences, never to predict observations.
 * {@link dev.foresight.muzero.MuZeroLearner} trains them with DJL from a
 * {@link dev.foresight.muzero.GameReplay} of real episodes unrolled K steps
 * ({@link dev.foresight.muzero.UnrollTargets}); {@link dev.foresight.muzero.MuZeroAgent} acts with
 * the library's {@link dev.foresight.search.Mcts} in latent space ({@link dev.foresight.muzero.LatentSearch})
 * over a {@link dev.foresight.model.latent.LatentModel} — the learner's plain-Java copy
 * ({@link dev.foresight.model.latent.MuZeroWeights}) or the exported ONNX files.
 *
 * <p>Threading: DJL work on the shared DJL thread; search and acting on the acting thread.
 */
package dev.foresight.muzero;
