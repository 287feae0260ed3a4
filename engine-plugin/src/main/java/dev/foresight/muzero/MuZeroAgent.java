package dev.foresight.muzero;

import dev.foresight.model.latent.MuZeroWeights;
import dev.foresight.agent.Agent;
import dev.foresight.agent.EpisodeStats;
import dev.foresight.agent.LearnerStats;
import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.env.DiscreteSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.search.MctsSettings;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * MuZero (Schrittwieser et al. 2020) as an {@link Agent}: every step it searches from
 * {@code h(obs)} with {@link LatentSearch} ({@link MuZeroConfig#simulations()} simulations, PUCT,
 * Dirichlet noise mixed into the root's priors), records the root's visit distribution and value
 * in the episode's {@link Game}, and plays an action drawn from the visit counts at a temperature
 * that halves every {@link MuZeroConfig#temperatureHalfLife()} gradient updates. After each episode the
 * game joins the {@link GameReplay} and {@link #learn} runs
 * {@code updatesPerStep × (new real steps)} gradient updates ({@link MuZeroLearner}) — and so does
 * every {@link MuZeroConfig#learnEvery()} steps of a long episode, the episode so far replayed as a
 * game cut short — then searches
 * with the new networks' plain-Java copy and hands them to the {@link WeightsListener} (the run
 * exports them to ONNX).
 *
 * With {@link MuZeroConfig#gumbel()} the root is searched by Gumbel MuZero's sequential halving
 * instead ({@link LatentSearch#searchGumbel}): the action is its choice, with the Gumbel draws scaled
 * by the same temperature, and the policy target its improved policy. Until the first round of learning it plays uniformly random actions (uniform policy targets).
 *
 * <p>Spaces: discrete actions; observations a box (as they are) or discrete (one-hot encoded).
 * Metrics: {@code critic_loss} is the value loss, {@code actor_loss} the policy cross-entropy,
 * {@code temperature} the visit-count temperature. Deterministic for a seed. Threading: every
 * method on the acting thread; {@link #learn} blocks it.
 */
public final class MuZeroAgent implements Agent, Checkpointable {
    /** Told about each new set of networks, e.g. to export them. */
    @FunctionalInterface
    public interface WeightsListener {
        /**
         * @param weights the networks after a round of learning
         * @param envSteps real steps taken so far
         * @throws IOException if what it writes fails
         */
        void onWeights(MuZeroWeights weights, long envSteps) throws IOException;
    }

    private final EnvSpec spec;
    private final MuZeroConfig config;
    private final int actions;
    private final int obsDim;
    private final DiscreteSpace discreteObs;
    private final MuZeroLearner learner;
    private final GameReplay replay;
    private final LatentSearch search;
    private final RandomStream random;
    private final WeightsListener weightsListener;
    private final float[] encoded;
    private final float[] encodedNext;
    private final float[] policy;
    private final List<Double> planMillis = new ArrayList<>();
    private Game game;
    private float rootValue;
    private long steps;
    private long stepsLearned;
    private boolean ended;
    private boolean terminated;
    private MuZeroLearner.Losses losses = MuZeroLearner.Losses.NONE;
    private double learnSeconds;
    private EpisodeStats lastStats = EpisodeStats.NONE;

    /**
     * @param spec the task (discrete actions; not null)
     * @param config the settings (not null)
     * @param weightsListener told about each new set of networks, or null
     * @throws IllegalArgumentException naming the task if its actions are not discrete
     */
    public MuZeroAgent(EnvSpec spec, MuZeroConfig config, WeightsListener weightsListener) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.config = Objects.requireNonNull(config, "config");
        DiscreteSpace moves;
        try {
            moves = spec.discreteActions("MuZero (a tree over discrete actions)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (for a continuous task try its -discrete version, e.g."
                    + " cartpole-discrete)", e);
        }
        this.actions = moves.n();
        this.discreteObs = spec.observationSpace() instanceof DiscreteSpace d ? d : null;
        this.obsDim = encodedObsDim(spec);
        this.weightsListener = weightsListener;
        this.learner = new MuZeroLearner(config, obsDim, actions);
        this.replay = new GameReplay(config.replayCapacity());
        RandomStream seeds = new RandomStream(config.seed() ^ 0x4d755a65726fL);
        this.random = seeds.split();
        MctsSettings settings = new MctsSettings(config.simulations(), 1, config.discount(), config.exploration(), true,
                seeds.nextLong());
        this.search = new LatentSearch(learner.weights(), settings);
        if (!config.gumbel()) {
            search.tree().setRootNoise(config.rootDirichletAlpha(), config.rootExplorationFraction());
        }
        search.tree().setMinValueRange(config.minValueRange());
        this.encoded = new float[obsDim];
        this.encodedNext = new float[obsDim];
        this.policy = new float[actions];
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** @return the search (its tree is the last step's) */
    public LatentSearch search() {
        return search;
    }

    /** @return the replay */
    public GameReplay replay() {
        return replay;
    }

    /** @return the learner */
    public MuZeroLearner learner() {
        return learner;
    }

    @Override
    public void beginEpisode(float[] obs) {
        encode(obs, encoded);
        game = new Game(obsDim, actions, encoded);
        ended = false;
        terminated = false;
        planMillis.clear();
    }

    @Override
    public void act(float[] obs, float[] action) {
        if (losses.updates() == 0) {
            // Before any learning: uniform random actions, uniform policy targets. (An untrained
            // network's search is biased the same way in every visit to a cell: on the maze its
            // visit-count walk circled for all 100,000 steps of the first episode.)
            java.util.Arrays.fill(policy, 1f / actions);
            rootValue = 0f;
            action[0] = random.nextInt(actions);
            return;
        }
        long start = System.nanoTime();
        encode(obs, encoded);
        if (config.gumbel()) {
            action[0] = search.searchGumbel(encoded, config.gumbelActions(), config.temperatureAt(losses.updates()), random,
                    policy);
        } else {
            search.search(encoded);
            search.visitPolicy(policy);
            action[0] = sample(policy, config.temperatureAt(losses.updates()));
        }
        rootValue = search.rootValue();
        planMillis.add((System.nanoTime() - start) / 1e6);
    }

    @Override
    public void observe(float[] obs, float[] action, float reward, float[] nextObs, boolean isTerminal,
                        boolean truncated) {
        if (game == null || ended) {
            return;
        }
        encode(nextObs, encodedNext);
        game.add((int) action[0], policy, rootValue, reward, encodedNext);
        steps++;
        if (isTerminal || truncated) {
            ended = true;
            terminated = isTerminal;
        } else if (config.learnEvery() > 0 && game.length() % config.learnEvery() == 0) {
            learnMidEpisode();
        }
    }

    /** Learns from everything so far, the episode under way in the replay as a game cut short. */
    private void learnMidEpisode() {
        long start = System.nanoTime();
        Game partial = game.snapshot();
        replay.add(partial);
        try {
            learnNow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("MuZero could not write its networks: " + e.getMessage(), e);
        } finally {
            replay.remove(partial);
        }
        learnSeconds += (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void endEpisode() {
        if (game != null) {
            game.finish(terminated);
            replay.add(game);
            game = null;
        }
        LearnerStats learned = new LearnerStats(losses.valueLoss(), losses.policyLoss(),
                config.temperatureAt(losses.updates()),
                Double.NaN, losses.updates(), 0, 0, config.unrollSteps(), learnSeconds);
        lastStats = new EpisodeStats(true, config.unrollSteps(), Double.NaN, List.copyOf(planMillis), learned);
        learnSeconds = 0;
    }

    @Override
    public EpisodeStats episodeStats() {
        return lastStats;
    }

    @Override
    public boolean readyToLearn() {
        return replay.steps() > 0 && steps > stepsLearned;
    }

    @Override
    public void learn(TrainingListener listener) throws IOException {
        learnNow();
    }

    private void learnNow() throws IOException {
        int updates = (int) Math.ceil(config.updatesPerStep() * (steps - stepsLearned));
        stepsLearned = steps;
        losses = learner.train(updates, replay);
        MuZeroWeights weights = learner.weights();
        search.setModel(weights);
        if (weightsListener != null) {
            weightsListener.onWeights(weights, steps);
        }
    }

    /**
     * @param spec a task
     * @return floats per observation as MuZero's networks see it: a discrete observation one-hot
     *         encoded, a box as it is
     */
    public static int encodedObsDim(EnvSpec spec) {
        return spec.observationSpace() instanceof DiscreteSpace d ? d.n() : spec.obsDim();
    }

    /** @return the losses of the last round of learning */
    public MuZeroLearner.Losses losses() {
        return losses;
    }

    /**
     * Saves the learner, the replay, the acting and search streams, the step counts and the last
     * losses (between episodes).
     */
    @Override
    public void saveState(Checkpoint out) {
        learner.saveState(out.scope("learner"));
        replay.saveState(out.scope("replay"));
        out.putStream("random", random);
        out.putLongs("search_random", search.tree().randomState());
        out.putLong("steps", steps);
        out.putLong("steps_learned", stepsLearned);
        out.putDoubles("losses", new double[] {losses.loss(), losses.valueLoss(), losses.rewardLoss(), losses.policyLoss()});
        out.putLong("losses_updates", losses.updates());
    }

    @Override
    public void restoreState(Checkpoint in) {
        long savedSteps = in.getLong("steps");
        long savedLearned = in.getLong("steps_learned");
        double[] savedLosses = in.getDoubles("losses");
        in.requireLength("losses", savedLosses.length, 4);
        if (savedSteps < 0 || savedLearned < 0 || savedLearned > savedSteps) {
            throw new dev.foresight.checkpoint.CheckpointException("MuZero's step counts (" + savedSteps + ", "
                    + savedLearned + ") are impossible: the checkpoint is damaged");
        }
        learner.restoreState(in.scope("learner"));
        replay.restoreState(in.scope("replay"), obsDim, actions);
        in.restoreStream("random", random);
        search.tree().restoreRandomState(in.getLongs("search_random"));
        steps = savedSteps;
        stepsLearned = savedLearned;
        losses = new MuZeroLearner.Losses(savedLosses[0], savedLosses[1], savedLosses[2], savedLosses[3],
                in.getLong("losses_updates"));
        search.setModel(learner.weights());
    }

    @Override
    public void close() {
        learner.close();
    }

    /** An action drawn with probability ∝ π(a)^{1/T} (π: the visit distribution). */
    private int sample(float[] visits, float temperature) {
        double[] p = new double[actions];
        double sum = 0;
        for (int a = 0; a < actions; a++) {
            p[a] = visits[a] > 0 ? Math.pow(visits[a], 1.0 / temperature) : 0.0;
            sum += p[a];
        }
        double u = random.nextDouble() * sum;
        for (int a = 0; a < actions; a++) {
            u -= p[a];
            if (u < 0 && p[a] > 0) {
                return a;
            }
        }
        int best = 0;
        for (int a = 1; a < actions; a++) {
            if (p[a] > p[best]) {
                best = a;
            }
        }
        return best;
    }

    private void encode(float[] obs, float[] out) {
        if (discreteObs != null) {
            java.util.Arrays.fill(out, 0f);
            out[discreteObs.index("observation", obs[0])] = 1f;
        } else {
            System.arraycopy(obs, 0, out, 0, obsDim);
        }
    }
}
