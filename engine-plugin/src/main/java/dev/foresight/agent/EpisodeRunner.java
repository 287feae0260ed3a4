package dev.foresight.agent;

import dev.foresight.data.ReplayBuffer;
import dev.foresight.env.Environment;
import dev.foresight.env.StepResult;

/**
 * Plays whole episodes of a policy in an environment and records every transition. Runs on the
 * calling thread (which must be the environment's).
 */
public final class EpisodeRunner {
    /**
     * What one episode produced.
     *
     * @param episodeReturn the sum of its rewards
     * @param steps its length
     * @param physicsFailure whether it ended in a physics blow-up
     */
    public record Episode(double episodeReturn, int steps, boolean physicsFailure) {
    }

    private EpisodeRunner() {
    }

    /**
     * Plays one episode from {@code env.reset(seed)}.
     *
     * @param env the environment (not null)
     * @param policy chooses the actions (not null)
     * @param seed the episode's seed
     * @param buffer receives the transitions (may be null)
     * @return the episode's summary
     */
    public static Episode run(Environment env, Policy policy, long seed, ReplayBuffer buffer) {
        float[] obs = env.reset(seed);
        policy.reset();
        float[] action = new float[env.spec().actionDim()];
        double total = 0;
        int steps = 0;
        StepResult result;
        do {
            policy.act(obs, action);
            result = env.step(action);
            if (buffer != null && !result.physicsFailure()) {
                buffer.add(obs, action, result.reward(), result.observation(), result.terminated(), result.truncated());
            }
            total += result.reward();
            steps++;
            obs = result.observation();
        } while (!result.done());
        return new Episode(total, steps, result.physicsFailure());
    }
}
