package dev.foresight.search;

/**
 * The MCTS agent's settings (what {@code config.json} keeps under {@code mcts}).
 *
 * @param simulations simulations per real step (&ge;1)
 * @param leafBatch simulations in flight at once, their leaves expanded and valued in one batched
 *                  model call each (&ge;1)
 * @param discount γ in [0, 1]
 * @param exploration UCT's c, or PUCT's c_puct (&gt;0)
 * @param puct PUCT instead of UCT
 * @param rolloutDepth steps of each random rollout from a leaf (&ge;0)
 * @param rolloutsPerLeaf random rollouts per leaf, averaged (&ge;1)
 * @param valueMix λ: a leaf whose state has a global value estimate is worth λ·V + (1 − λ)·rollout
 *                 ({@link ValueTable}; 0: rollouts only), in [0, 1]
 * @param seed seeds the search and the rollouts
 */
public record MctsConfig(int simulations, int leafBatch, float discount, float exploration, boolean puct, int rolloutDepth,
                         int rolloutsPerLeaf, float valueMix, long seed) {
    public MctsConfig {
        settings(simulations, leafBatch, discount, exploration, puct, seed); // checks those
        if (rolloutDepth < 0 || rolloutsPerLeaf < 1 || !(valueMix >= 0 && valueMix <= 1)) {
            throw new IllegalArgumentException("MCTS leaf settings out of range: rolloutDepth=" + rolloutDepth
                    + " rolloutsPerLeaf=" + rolloutsPerLeaf + " valueMix=" + valueMix
                    + " (need rolloutDepth >= 0, rolloutsPerLeaf >= 1, valueMix in [0, 1])");
        }
    }

    /**
     * @param seed the seed
     * @return 200 simulations, 8 in flight, γ 0.95, UCT with c = 1, leaves worth ½ a global value
     *         estimate and ½ the mean of 16 random rollouts of 20 steps (measured on the Dyna maze:
     *         the settings under which the table-model agent finds the 14-step path by its 3rd episode)
     */
    public static MctsConfig defaults(long seed) {
        return new MctsConfig(200, 8, 0.95f, 1f, false, 20, 16, 0.5f, seed);
    }

    /**
     * What a game searches with while it renders (a control step of 50 ms on two cores): 64
     * simulations, 16 in flight, γ 0.95, UCT c = 1, leaves valued by 4 random rollouts of 10 steps.
     *
     * @param seed the seed
     * @return the settings
     */
    public static MctsConfig interactive(long seed) {
        return new MctsConfig(64, 16, 0.95f, 1f, false, 10, 4, 0f, seed);
    }

    /** @return the search's own settings */
    public MctsSettings settings() {
        return settings(simulations, leafBatch, discount, exploration, puct, seed);
    }

    private static MctsSettings settings(int simulations, int leafBatch, float discount, float exploration, boolean puct,
                                         long seed) {
        return new MctsSettings(simulations, leafBatch, discount, exploration, puct, seed);
    }

    /** @return these settings with another seed */
    public MctsConfig withSeed(long newSeed) {
        return new MctsConfig(simulations, leafBatch, discount, exploration, puct, rolloutDepth, rolloutsPerLeaf, valueMix,
                newSeed);
    }

    /** @return these settings with {@code n} simulations per step */
    public MctsConfig withSimulations(int n) {
        return new MctsConfig(n, leafBatch, discount, exploration, puct, rolloutDepth, rolloutsPerLeaf, valueMix, seed);
    }
}
