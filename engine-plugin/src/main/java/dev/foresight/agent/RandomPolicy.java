package dev.foresight.agent;

import dev.foresight.checkpoint.RandomStreamOwner;
import dev.foresight.env.BoxSpace;
import dev.foresight.env.Space;
import dev.foresight.util.RandomStream;

/**
 * Uniformly random actions of an action space (within a box's bounds, or any of a discrete
 * space's choices), from a seeded stream. Not thread-safe.
 */
public final class RandomPolicy implements Policy, RandomStreamOwner {
    private final Space actionSpace;
    private final RandomStream random;

    /**
     * @param actionSpace the actions; a box must have finite bounds (not null)
     * @param random the stream to draw from (not null; this policy advances it)
     * @throws IllegalArgumentException if a box dimension is unbounded
     */
    public RandomPolicy(Space actionSpace, RandomStream random) {
        if (actionSpace instanceof BoxSpace box) {
            box.requireBounded("a random policy");
        }
        this.actionSpace = actionSpace;
        this.random = random;
    }

    @Override
    public void act(float[] obs, float[] action) {
        actionSpace.sample(random, action, 0);
    }

    @Override
    public RandomStream randomStream() {
        return random;
    }
}
