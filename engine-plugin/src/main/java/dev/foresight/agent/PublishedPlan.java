package dev.foresight.agent;

/**
 * The plans a {@link LiveAgent}'s decision thread publishes for its acting thread: the newest plan
 * and the one before, each with the (episode, step) it starts at, so that a plan that arrives late
 * is still used at the right step (MuJoCo MPC's published policy).
 *
 * <p>Threading: thread-safe; every method holds this object's lock for a copy of at most one plan.
 */
final class PublishedPlan {
    private final int horizon;
    private final int actionDim;
    private final float[] plan;
    private final float[] older;
    private int planEpisode = -1;
    private int planStep;
    private int olderEpisode = -1;
    private int olderStep;

    /**
     * @param horizon steps per plan (&ge;1)
     * @param actionDim floats per action (&ge;1)
     */
    PublishedPlan(int horizon, int actionDim) {
        this.horizon = horizon;
        this.actionDim = actionDim;
        this.plan = new float[horizon * actionDim];
        this.older = new float[horizon * actionDim];
    }

    /**
     * Publishes a plan; the previous one stays available as the older plan.
     *
     * @param newPlan {@code [horizon × actionDim]} (unaffected)
     * @param episode the episode it was made in
     * @param step the step its first action is for
     */
    synchronized void publish(float[] newPlan, int episode, int step) {
        System.arraycopy(plan, 0, older, 0, plan.length);
        olderEpisode = planEpisode;
        olderStep = planStep;
        System.arraycopy(newPlan, 0, plan, 0, plan.length);
        planEpisode = episode;
        planStep = step;
    }

    /**
     * The action planned for a step: from the newest plan that covers it, else the one before.
     *
     * @param episode the episode
     * @param step the step
     * @param out storage for the action, {@code [actionDim]} (modified only if covered)
     * @return whether a plan covered the step
     */
    synchronized boolean actionFor(int episode, int step, float[] out) {
        if (planEpisode == episode && step >= planStep && step < planStep + horizon) {
            System.arraycopy(plan, (step - planStep) * actionDim, out, 0, actionDim);
            return true;
        }
        if (olderEpisode == episode && step >= olderStep && step < olderStep + horizon) {
            System.arraycopy(older, (step - olderStep) * actionDim, out, 0, actionDim);
            return true;
        }
        return false;
    }
}
