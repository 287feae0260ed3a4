package dev.foresight.muzero;

import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link MuZeroAgent} (what {@code config.json} keeps under {@code muzero}). The
 * defaults follow MuZero's paper (K = 5, c1 = 1.25, value loss weight 0.25, the temperature lowered
 * as training goes on) and Gumbel MuZero's root (Danihelka et al. 2022), scaled to Foresight's
 * small tasks as muzero-general's configs do (small MLPs, 50 simulations, n = 10, γ 0.95).
 *
 * @param hidden hidden widths of each of the three networks (each &ge;1)
 * @param latentDim floats per latent state (&ge;2)
 * @param unrollSteps K, steps the model is unrolled in training (&ge;1)
 * @param tdSteps n of the n-step value target (&ge;1)
 * @param discount γ in [0, 1]
 * @param simulations search simulations per real step (&ge;1)
 * @param exploration PUCT's c1 (&gt;0)
 * @param minValueRange the least range the search's min-max normalisation of values divides by,
 *                      in return units (&ge;0; 0: plain min-max). Without it the noise of an
 *                      untrained value function is stretched to [0, 1] and decides the search the
 *                      same way at every visit of a cell: measured on the maze, the second episode
 *                      circled for 30,333 steps
 * @param rootDirichletAlpha α of the Dirichlet noise mixed into the root's priors while training (&gt;0)
 * @param rootExplorationFraction share of the noise in the root's priors while training, [0, 1]
 * @param gumbel search the root by Gumbel MuZero's sequential halving (Danihelka et al. 2022)
 *              instead of PUCT with Dirichlet noise
 * @param gumbelActions m, actions sampled without replacement at the root by Gumbel top-k (&ge;1)
 * @param temperature the visit-count temperature of the actions played at the start (&gt;0); with
 *                    the Gumbel root, the scale of its Gumbel draws
 * @param temperatureHalfLife gradient updates over which the temperature halves (&ge;1): the
 *                            temperature follows training, as in MuZero, so that a long first
 *                            episode before any learning is played at the start's temperature
 * @param minTemperature the lowest temperature reached (&gt;0)
 * @param batchSize unrolls per gradient update (&ge;1)
 * @param learningRate Adam's step size (&gt;0)
 * @param valueLossWeight weight of the value loss (MuZero Reanalyse: 0.25; &gt;0)
 * @param updatesPerStep gradient updates per real step, run between episodes (&gt;0)
 * @param learnEvery real steps within an episode after which the agent also learns, the episode so
 *                   far in the replay as a game cut short (&ge;0; 0: only between episodes, the
 *                   default: measured on the maze, learning every 500 steps took seed 1's episodes
 *                   36–40 from 19.2 to 21.0 steps, and seed 2's first episode — before any reward
 *                   was seen — from 2,577 random steps to a search that circled for minutes, the
 *                   temperature having fallen with the updates)
 * @param targetUpdateInterval updates between copies of the networks into the target networks
 *                             that value the n-step bootstraps (&ge;1)
 * @param replayCapacity real steps kept in the replay (&ge;1)
 * @param seed seeds weights, search, noise and sampling
 */
public record MuZeroConfig(List<Integer> hidden, int latentDim, int unrollSteps, int tdSteps, float discount,
                           int simulations, float exploration, float minValueRange, float rootDirichletAlpha, float rootExplorationFraction,
                           boolean gumbel, int gumbelActions, float temperature, int temperatureHalfLife,
                           float minTemperature, int batchSize, float learningRate, float valueLossWeight,
                           float updatesPerStep, int learnEvery, int targetUpdateInterval, int replayCapacity, long seed) {
    public MuZeroConfig {
        Objects.requireNonNull(hidden, "hidden");
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("MuZero's hidden widths must be >= 1 and at least one, got " + hidden);
        }
        if (latentDim < 2 || unrollSteps < 1 || tdSteps < 1 || !(discount >= 0 && discount <= 1) || simulations < 1
                || !(exploration > 0) || !(minValueRange >= 0) || !(rootDirichletAlpha > 0)
                || !(rootExplorationFraction >= 0 && rootExplorationFraction <= 1) || gumbelActions < 1
                || !(temperature > 0) || temperatureHalfLife < 1 || !(minTemperature > 0) || batchSize < 1
                || !(learningRate > 0) || !(valueLossWeight > 0) || !(updatesPerStep > 0) || learnEvery < 0 || targetUpdateInterval < 1
                || replayCapacity < 1) {
            throw new IllegalArgumentException("MuZero settings out of range: latentDim=" + latentDim + " unrollSteps="
                    + unrollSteps + " tdSteps=" + tdSteps + " discount=" + discount + " simulations=" + simulations
                    + " exploration=" + exploration + " minValueRange=" + minValueRange + " rootDirichletAlpha=" + rootDirichletAlpha
                    + " rootExplorationFraction=" + rootExplorationFraction + " gumbelActions=" + gumbelActions
                    + " temperature=" + temperature + " temperatureHalfLife=" + temperatureHalfLife + " minTemperature="
                    + minTemperature + " batchSize=" + batchSize + " learningRate=" + learningRate + " valueLossWeight="
                    + valueLossWeight + " updatesPerStep=" + updatesPerStep + " learnEvery=" + learnEvery + " targetUpdateInterval="
                    + targetUpdateInterval + " replayCapacity=" + replayCapacity
                    + " (see the muzero section of the README for each setting's range)");
        }
    }

    /**
     * @param seed the seed
     * @return the defaults (see the class comment): 1 × 64 hidden, 16-float latent, K 5, n 10,
     *         γ 0.95, 50 simulations with <b>Gumbel MuZero's root</b> over all (up to 4) actions,
     *         values normalised over a range of at least 1, temperature 1 halving every 1,000
     *         updates down to 0.25, batch 128, Adam 3e-3, 4 updates per real step between
     *         episodes, targets
     *         refreshed every 100 updates, the last 2,000 steps kept. Measured on the Dyna maze
     *         (seed 1, 40 episodes; mean steps of episodes 36–40): this 14.0, the shortest path
     *         from episode 34 on; with 8 / 16 / 25 simulations 21.4 / 19.2 / 19.2; PUCT with
     *         Dirichlet noise 16 / 50 simulations 25.0 / 27.2; with 25 simulations, a 100,000-step
     *         replay 20.8 (old visit targets linger: a short replay stands in for MuZero's
     *         reanalysis) and 1 update per step 31.2
     */
    public static MuZeroConfig defaults(long seed) {
        return new MuZeroConfig(List.of(64), 16, 5, 10, 0.95f, 50, 1.25f, 1f, 0.25f, 0.25f, true, 4, 1f, 1000, 0.25f, 128,
                3e-3f, 0.25f, 4f, 0, 100, 2_000, seed);
    }

    /** @return these settings with another seed */
    public MuZeroConfig withSeed(long newSeed) {
        return new MuZeroConfig(hidden, latentDim, unrollSteps, tdSteps, discount, simulations, exploration,
                minValueRange, rootDirichletAlpha, rootExplorationFraction, gumbel, gumbelActions, temperature, temperatureHalfLife,
                minTemperature, batchSize, learningRate, valueLossWeight, updatesPerStep, learnEvery, targetUpdateInterval,
                replayCapacity, newSeed);
    }

    /** @return these settings with {@code n} simulations per step */
    public MuZeroConfig withSimulations(int n) {
        return new MuZeroConfig(hidden, latentDim, unrollSteps, tdSteps, discount, n, exploration, minValueRange, rootDirichletAlpha,
                rootExplorationFraction, gumbel, gumbelActions, temperature, temperatureHalfLife, minTemperature,
                batchSize, learningRate, valueLossWeight, updatesPerStep, learnEvery, targetUpdateInterval, replayCapacity, seed);
    }

    /** @return these settings with the Gumbel root on or off */
    public MuZeroConfig withGumbel(boolean on) {
        return new MuZeroConfig(hidden, latentDim, unrollSteps, tdSteps, discount, simulations, exploration, minValueRange,
                rootDirichletAlpha, rootExplorationFraction, on, gumbelActions, temperature, temperatureHalfLife,
                minTemperature, batchSize, learningRate, valueLossWeight, updatesPerStep, learnEvery, targetUpdateInterval,
                replayCapacity, seed);
    }

    /**
     * @param updates gradient updates done so far
     * @return the temperature of the visit counts the played action is drawn from
     */
    public float temperatureAt(long updates) {
        return (float) Math.max(minTemperature, temperature * Math.pow(0.5, (double) updates / temperatureHalfLife));
    }
}
