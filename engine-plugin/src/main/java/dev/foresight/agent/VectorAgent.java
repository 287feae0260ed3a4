package dev.foresight.agent;

/**
 * An agent that acts in N environments at once — lock-step, with same-step autoreset
 * ({@link dev.foresight.env.VectorEnvironment}) — as PPO does with its parallel environments. The
 * headless loop ({@code dev.foresight.algorithm.TrainingRun}) drives it this way when
 * {@link #envs()} &gt; 1; with one environment it is an ordinary {@link Agent}.
 *
 * <p>Threading: one thread, as {@link Agent}.
 */
public interface VectorAgent extends Agent {
    /** @return N, the environments it acts in at once (&ge;1) */
    int envs();

    /**
     * @param obs the current observations, {@code [N × obsDim]} (unaffected)
     * @param actions storage for the chosen actions, {@code [N × actionDim]} (modified)
     */
    void actAll(float[] obs, float[] actions);

    /**
     * Records one step of every environment.
     *
     * @param obs the observations acted on, {@code [N × obsDim]} (unaffected)
     * @param actions the actions applied (after the space's check and clip), {@code [N × actionDim]} (unaffected)
     * @param rewards {@code [N]} (unaffected)
     * @param reached the observation each step reached — for an environment whose episode ended,
     *                its last one, not the next episode's first — {@code [N × obsDim]} (unaffected)
     * @param terminated {@code [N]} (unaffected)
     * @param truncated {@code [N]} (unaffected)
     * @param failed rows whose physics blew up: not learned from, {@code [N]} (unaffected)
     */
    void observeAll(float[] obs, float[] actions, float[] rewards, float[] reached, boolean[] terminated,
                    boolean[] truncated, boolean[] failed);

    /**
     * One environment's episode ended (after {@link #observeAll}): what it did, for metrics.
     *
     * @return the learner's statistics at this point
     */
    LearnerStats episodeEnded();
}
