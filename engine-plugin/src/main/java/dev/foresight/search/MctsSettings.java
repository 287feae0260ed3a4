package dev.foresight.search;

/**
 * Monte Carlo tree search settings.
 *
 * @param simulations simulations per search (&ge;1)
 * @param leafBatch simulations in flight at once: their leaves are expanded in one batched model
 *                  call and evaluated together, kept apart by a virtual loss (&ge;1; 1 is plain
 *                  sequential MCTS)
 * @param discount γ in [0, 1]
 * @param exploration the exploration constant: c of UCT's {@code c·√(ln N / n)} or c_puct of
 *                    PUCT's {@code c·P·√N / (1 + n)} (&gt;0)
 * @param puct PUCT (AlphaZero / MuZero: priors, values min-max normalised over the tree) instead of
 *             UCT (Kocsis &amp; Szepesvári 2006: every action tried once, then the UCB1 bound)
 * @param seed seeds the tie-breaks
 */
public record MctsSettings(int simulations, int leafBatch, float discount, float exploration, boolean puct,
                           long seed) {
    public MctsSettings {
        if (simulations < 1 || leafBatch < 1 || !(discount >= 0 && discount <= 1) || !(exploration > 0)) {
            throw new IllegalArgumentException("MCTS settings out of range: simulations=" + simulations + " leafBatch="
                    + leafBatch + " discount=" + discount + " exploration=" + exploration
                    + " (need simulations >= 1, leafBatch >= 1, discount in [0, 1], exploration > 0)");
        }
    }

    /**
     * @param simulations simulations per search
     * @param discount γ
     * @param seed the seed
     * @return UCT with c = √2 (for returns in [0, 1]), 8 leaves in flight
     */
    public static MctsSettings uct(int simulations, float discount, long seed) {
        return new MctsSettings(simulations, 8, discount, (float) Math.sqrt(2), false, seed);
    }

    /**
     * @param simulations simulations per search
     * @param discount γ
     * @param seed the seed
     * @return PUCT with c_puct = 1.25 (MuZero's c1), 8 leaves in flight
     */
    public static MctsSettings puct(int simulations, float discount, long seed) {
        return new MctsSettings(simulations, 8, discount, 1.25f, true, seed);
    }

    /** @return these settings with {@code n} simulations */
    public MctsSettings withSimulations(int n) {
        return new MctsSettings(n, leafBatch, discount, exploration, puct, seed);
    }

    /** @return these settings with {@code n} leaves in flight */
    public MctsSettings withLeafBatch(int n) {
        return new MctsSettings(simulations, n, discount, exploration, puct, seed);
    }

    /** @return these settings with another seed */
    public MctsSettings withSeed(long newSeed) {
        return new MctsSettings(simulations, leafBatch, discount, exploration, puct, newSeed);
    }

    /** @return these settings with the exploration constant {@code c} */
    public MctsSettings withExploration(float c) {
        return new MctsSettings(simulations, leafBatch, discount, c, puct, seed);
    }
}
