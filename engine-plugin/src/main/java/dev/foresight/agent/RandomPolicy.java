package dev.foresight.agent;

import dev.foresight.env.BoxSpace;
import java.util.SplittableRandom;

/** Uniformly random actions within the action space's bounds, from a seeded stream. Not thread-safe. */
public final class RandomPolicy implements Policy {
    private final BoxSpace actionSpace;
    private final SplittableRandom random;

    /**
     * @param actionSpace the bounds, all finite (not null)
     * @param random the stream to draw from (not null; this policy advances it)
     */
    public RandomPolicy(BoxSpace actionSpace, SplittableRandom random) {
        for (int i = 0; i < actionSpace.dim(); i++) {
            if (!Float.isFinite(actionSpace.low(i)) || !Float.isFinite(actionSpace.high(i))) {
                throw new IllegalArgumentException("a random policy needs finite action bounds; '" + actionSpace.name(i)
                        + "' is unbounded");
            }
        }
        this.actionSpace = actionSpace;
        this.random = random;
    }

    @Override
    public void act(float[] obs, float[] action) {
        for (int i = 0; i < action.length; i++) {
            float low = actionSpace.low(i);
            float high = actionSpace.high(i);
            action[i] = (float) (low + (high - low) * random.nextDouble());
        }
    }
}
