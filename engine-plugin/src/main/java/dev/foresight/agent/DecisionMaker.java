package dev.foresight.agent;

/**
 * The deciding half of a {@link LiveAgent}: turns the newest state into a plan — a sequence of
 * actions from the current step — on the live agent's planner thread. A model-predictive planner
 * ({@link MpcDecisions}) is one; a policy network (horizon 1) is another.
 *
 * <p>Threading: every method is called on the live agent's planner thread only, one at a time.
 *
 * @param <U> what its {@link Learner} hands over (e.g. a freshly exported model)
 */
public interface DecisionMaker<U> extends AutoCloseable {
    /** @return whether it can decide (e.g. it has a model); before that the live agent explores */
    boolean ready();

    /**
     * Takes a learner's update (hot swap between two decisions); this object owns it from now on.
     *
     * @param update the update (not null)
     */
    void accept(U update);

    /** @return the steps a plan covers (&ge;1) */
    int horizon();

    /** Forgets the previous plan (a new episode). */
    void reset();

    /**
     * Shifts the warm start by the steps executed since the last decision.
     *
     * @param steps control steps (&ge;0)
     */
    void advance(int steps);

    /**
     * Decides from a state within a time budget (anytime).
     *
     * @param state the observation to decide from, {@code [obsDim]} (unaffected)
     * @param budgetNanos time after which no new iteration starts (0: no limit)
     * @param plan storage for the plan, {@code [horizon × actionDim]} (modified)
     */
    void decide(float[] state, long budgetNanos, float[] plan);

    /**
     * The expected next observation after an action, for latency compensation.
     *
     * @param state the observation, {@code [obsDim]} (unaffected)
     * @param action the action, {@code [actionDim]} (unaffected)
     * @param out storage for the prediction, {@code [obsDim]} (modified)
     * @return whether it could predict ({@code out} is written only then)
     */
    boolean predictNext(float[] state, float[] action, float[] out);

    /**
     * What the last decision imagined, for drawing.
     *
     * @param start the state decided from (unaffected)
     * @param candidates other candidates wanted besides the plan
     * @param episode the episode decided in
     * @param step the step the plan starts at
     * @return the imagined futures, or null if there is nothing to draw
     */
    Imagination imagine(float[] start, int candidates, int episode, int step);

    /** Releases what it owns (planner threads, models). */
    @Override
    void close();
}
