package dev.foresight.agent;

import dev.foresight.env.Environment;
import dev.foresight.env.Space;
import dev.foresight.env.StepResult;
import java.util.function.IntConsumer;

/**
 * Plays whole episodes of an {@link Agent} in an environment: the agent acts, the action goes
 * through the action space's check and clip (so the agent observes the action the environment
 * applied), and every step but a physics failure is observed. Runs on the calling thread (which
 * must be the environment's).
 */
public final class EpisodeRunner {
    /**
     * What one episode produced.
     *
     * @param episodeReturn the sum of its rewards
     * @param steps its length
     * @param terminated whether it ended in a terminal state of the task
     * @param truncated whether it was cut short (time limit or physics failure)
     * @param physicsFailure whether it ended in a physics blow-up
     */
    public record Episode(double episodeReturn, int steps, boolean terminated, boolean truncated,
                          boolean physicsFailure) {
    }

    private EpisodeRunner() {
    }

    /**
     * Plays one episode from {@code env.reset(seed)}: {@link Agent#beginEpisode}, then act /
     * observe per step, then {@link Agent#endEpisode}.
     *
     * @param env the environment (not null)
     * @param agent chooses the actions and observes the transitions (not null)
     * @param seed the episode's seed
     * @return the episode's summary
     * @throws IllegalArgumentException if the agent's action is refused by the action space
     */
    public static Episode run(Environment env, Agent agent, long seed) {
        return run(env, agent, seed, step -> { });
    }

    /**
     * {@link #run(Environment, Agent, long)}, telling {@code afterStep} how many steps the episode
     * has taken after each one (1, 2, …), e.g. for a progress bar.
     *
     * @param env the environment (not null)
     * @param agent chooses the actions and observes the transitions (not null)
     * @param seed the episode's seed
     * @param afterStep hears the step count (not null; keep it cheap: it runs every step)
     * @return the episode's summary
     */
    public static Episode run(Environment env, Agent agent, long seed, IntConsumer afterStep) {
        Space actions = env.spec().actionSpace();
        String what = env.spec().name() + " action";
        float[] obs = env.reset(seed);
        agent.beginEpisode(obs);
        float[] action = new float[actions.dim()];
        float[] applied = new float[actions.dim()];
        double total = 0;
        int steps = 0;
        StepResult result;
        do {
            agent.act(obs, action);
            actions.checkAndClip(what, action, 0, applied, 0);
            result = env.step(applied);
            if (!result.physicsFailure()) {
                agent.observe(obs, applied, result.reward(), result.observation(), result.terminated(), result.truncated());
            }
            total += result.reward();
            steps++;
            obs = result.observation();
            afterStep.accept(steps);
        } while (!result.done());
        agent.endEpisode();
        return new Episode(total, steps, result.terminated(), result.truncated(), result.physicsFailure());
    }
}
