package dev.foresight.agent;

import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.TransitionBatch;
import dev.foresight.data.Transitions;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.ModelEnvironment;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.onnx.PolicyExporter;
import dev.foresight.onnx.PolicyMetadata;
import dev.foresight.policy.sac.SacLearner;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A soft actor-critic agent (Haarnoja et al. 2018), optionally with MBPO's model-generated data
 * (Janner et al. 2019, Algorithm 2), lock-step:
 * <ol>
 *   <li>uniformly random actions until the buffer holds {@link ActorCriticConfig#randomSteps()}
 *       transitions (a dataset counts), then the SAC policy's sampled actions;</li>
 *   <li>MBPO only: from then on, every F real steps (starting with the first) the ensemble is
 *       retrained on all real data (exported to ONNX and run in ONNX Runtime, as everywhere in
 *       Foresight), and M·F states drawn from the real buffer are rolled k steps through it with the
 *       current policy (k from the rollout schedule; TS1: a random elite per row and step, sampled
 *       next states; the task's reward function or the learned reward; imagined termination). The
 *       rollouts are made in one batch after each retraining, as mbrl-lib and the MBPO reference
 *       code do, rather than M per step;</li>
 *   <li>after every real step past the random ones, G SAC updates on minibatches drawn from the
 *       real buffer (share {@code realRatio}) and the model buffer (the rest).</li>
 * </ol>
 * After every episode with learning, the deterministic policy is exported atomically to the policy
 * file (ONNX, {@link PolicyExporter}).
 *
 * <p>Offline (MOPO, Yu et al. 2020: {@link ActorCriticConfig#offline()} with a dataset and an
 * {@link ActorCriticConfig#uncertaintyPenalty() uncertainty penalty}): the real steps only measure
 * the policy — nothing they show is stored or learned from; the model is trained once on the
 * dataset, rollouts start from dataset states, and imagined rewards become {@code r − λ·u}.
 *
 * <p>Bad numbers: real or imagined rows with NaN or infinity are dropped before any buffer and
 * counted ({@link LearnerStats#rejectedRows()}); an imagined batch whose rows are all dropped is
 * logged as a model blow-up.
 *
 * <p>Action spaces: continuous boxes with finite bounds only.
 *
 * <p>Threading: every method on the acting thread; learning (inside {@link #observe}) blocks it,
 * the gradient work itself runs on the DJL thread.
 */
public final class ActorCriticAgent implements Agent, Checkpointable {
    private static final Logger logger = Logger.getLogger(ActorCriticAgent.class.getName());
    /** Imagined rows stepped together. */
    private static final int CHUNK = 4096;

    private final EnvSpec spec;
    private final ActorCriticConfig config;
    private final String algorithm;
    private final ReplayBuffer buffer;
    private final RandomPolicy explore;
    private final RandomStream exploreRandom;
    private final SacLearner learner;
    private final LearnedWorld world;
    private final RandomStream actRandom;
    private final RandomStream rolloutRandom;
    private final Path policyFile;
    private final float[] one;
    private ReplayBuffer modelBuffer;
    private long steps;
    private long learningSteps;
    private int rolloutLength;

    // Per episode.
    private double criticSum;
    private double actorSum;
    private double entropySum;
    private int updateCalls;
    private long imagined;
    private long rejected;
    private double learnSeconds;
    private LearnerStats lastLearner = LearnerStats.NONE;

    /**
     * @param spec the environment's spec (not null; actions a bounded box)
     * @param config the settings (not null)
     * @param algorithm the name written into exported files, e.g. "sac" or "mbpo"
     * @param policyFile where the policy is exported after each learning episode (replaced atomically)
     * @param modelFile where each retrained dynamics model is exported (MBPO; replaced atomically)
     * @throws IllegalArgumentException if the actions are not a bounded box
     */
    public ActorCriticAgent(EnvSpec spec, ActorCriticConfig config, String algorithm, Path policyFile, Path modelFile) {
        spec.continuousActions("SAC").requireBounded("SAC");
        this.spec = spec;
        this.config = config;
        this.algorithm = algorithm;
        this.policyFile = policyFile;
        this.buffer = new ReplayBuffer(config.bufferCapacity(), spec.obsDim(), spec.actionDim());
        RandomStream root = new RandomStream(config.seed());
        this.exploreRandom = root.split();
        this.explore = new RandomPolicy(spec.actionSpace(), exploreRandom);
        this.actRandom = root.split();
        this.rolloutRandom = root.split();
        dev.foresight.env.BoxSpace actions = spec.continuousActions("SAC");
        this.learner = new SacLearner(config.sac(), spec.obsDim(), actions.low(), actions.high());
        this.world = config.modelBased() ? new LearnedWorld(spec, config.ensemble(), config.learnedReward(),
                config.uncertaintyPenalty(), modelFile, Map.of("agent", algorithm, "seed", Long.toString(config.seed())),
                CHUNK, rolloutRandom) : null;
        this.one = new float[spec.actionDim()];
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** @return the real transitions observed */
    public ReplayBuffer buffer() {
        return buffer;
    }

    /** @return the SAC learner */
    public SacLearner learner() {
        return learner;
    }

    /** @return real steps observed */
    public long steps() {
        return steps;
    }

    /**
     * @return whether the policy acts and learns: the buffer holds {@code randomSteps} transitions
     *         (from random steps, or from a dataset given with {@link #addData})
     */
    public boolean learning() {
        return buffer.size() >= config.randomSteps();
    }

    /**
     * Adds transitions recorded elsewhere (e.g. a saved dataset).
     *
     * @param data the transitions (not null)
     * @return how many were stored (rows with NaN/inf are rejected)
     */
    public int addData(Transitions data) {
        return buffer.addAll(data);
    }

    @Override
    public void beginEpisode(float[] obs) {
        criticSum = 0;
        actorSum = 0;
        entropySum = 0;
        updateCalls = 0;
        imagined = 0;
        rejected = 0;
        learnSeconds = 0;
    }

    @Override
    public void act(float[] obs, float[] action) {
        if (!learning()) {
            explore.act(obs, action);
            return;
        }
        learner.act(obs, 1, false, actRandom, one);
        System.arraycopy(one, 0, action, 0, one.length);
    }

    @Override
    public void observe(float[] obs, float[] action, float reward, float[] nextObs, boolean terminated, boolean truncated) {
        if (!config.offline() && !buffer.add(obs, action, reward, nextObs, terminated, truncated)) {
            rejected++;
        }
        steps++;
        if (!learning()) {
            return;
        }
        learningSteps++;
        long start = System.nanoTime();
        try {
            if (world != null && (learningSteps - 1) % config.modelInterval() == 0) {
                if (!world.trained() || !config.offline()) { // offline, the data never changes: train once
                    world.retrain(buffer.snapshot(), TrainingListener.NONE);
                }
                imagine();
            }
            if (config.updatesPerStep() > 0) {
                SacLearner.UpdateStats stats = learner.update(config.updatesPerStep(), this::fillBatch);
                criticSum += stats.criticLoss();
                actorSum += stats.actorLoss();
                entropySum += stats.entropy();
                updateCalls++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not export or load the retrained model", e);
        }
        learnSeconds += (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void endEpisode() {
        if (learning() && learner.updates() > 0) {
            try {
                exportPolicy(policyFile);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the policy to " + policyFile, e);
            }
        }
        int n = Math.max(1, updateCalls);
        lastLearner = new LearnerStats(updateCalls == 0 ? Double.NaN : criticSum / n,
                updateCalls == 0 ? Double.NaN : actorSum / n, learner.temperature(),
                updateCalls == 0 ? Double.NaN : entropySum / n, learner.updates(), imagined, rejected, rolloutLength,
                learnSeconds);
    }

    @Override
    public EpisodeStats episodeStats() {
        return new EpisodeStats(false, 0, Double.NaN, List.of(), lastLearner);
    }

    /**
     * Writes the deterministic policy and its critic's value ({@code min Q(s, π(s))}) as ONNX.
     *
     * @param file the {@code .onnx} file (replaced atomically)
     * @throws IOException if it cannot be written
     */
    public void exportPolicy(Path file) throws IOException {
        PolicyExporter.export(learner.actorWeights(), learner.criticWeights(), PolicyMetadata.of(spec, algorithm, steps,
                Map.of("seed", Long.toString(config.seed()), "updates", Long.toString(learner.updates()))), file);
    }

    /**
     * Saves the real and model buffers, the counters, the three random streams, the SAC learner and
     * (MBPO) the ensemble with its exported model. Call between episodes.
     */
    @Override
    public void saveState(Checkpoint out) {
        out.putLong("steps", steps);
        out.putLong("learning_steps", learningSteps);
        out.putLong("rollout_length", rolloutLength);
        out.putStream("explore_random", exploreRandom);
        out.putStream("act_random", actRandom);
        out.putStream("rollout_random", rolloutRandom);
        buffer.saveState(out.scope("buffer"));
        out.putBoolean("has_model_buffer", modelBuffer != null);
        if (modelBuffer != null) {
            out.putLong("model_buffer_capacity", modelBuffer.capacity());
            modelBuffer.saveState(out.scope("model_buffer"));
        }
        learner.saveState(out.scope("learner"));
        if (world != null) {
            world.saveState(out.scope("world"));
        }
    }

    @Override
    public void restoreState(Checkpoint in) {
        long savedSteps = in.getLong("steps");
        long savedLearningSteps = in.getLong("learning_steps");
        long savedRollout = in.getLong("rollout_length");
        if (savedSteps < 0 || savedLearningSteps < 0 || savedLearningSteps > savedSteps || savedRollout < 0
                || savedRollout > Integer.MAX_VALUE) {
            throw new dev.foresight.checkpoint.CheckpointException("the agent's counters (steps " + savedSteps
                    + ", learning steps " + savedLearningSteps + ", rollout length " + savedRollout
                    + ") are impossible: the checkpoint is damaged");
        }
        buffer.restoreState(in.scope("buffer"));
        if (in.getBoolean("has_model_buffer")) {
            long capacity = in.getLong("model_buffer_capacity");
            in.requireLength("model_buffer_capacity", capacity,
                    (int) Math.min(Integer.MAX_VALUE - 8, config.modelCapacity((int) savedRollout)));
            ReplayBuffer restored = new ReplayBuffer((int) capacity, spec.obsDim(), spec.actionDim());
            restored.restoreState(in.scope("model_buffer"));
            modelBuffer = restored;
        } else {
            modelBuffer = null;
        }
        learner.restoreState(in.scope("learner"));
        in.restoreStream("explore_random", exploreRandom);
        in.restoreStream("act_random", actRandom);
        in.restoreStream("rollout_random", rolloutRandom);
        steps = savedSteps;
        learningSteps = savedLearningSteps;
        rolloutLength = (int) savedRollout;
        if (world != null) {
            world.restoreState(in.scope("world")); // last: it writes the model file back
        }
    }

    @Override
    public void close() {
        learner.close();
        if (world != null) {
            world.close();
        }
    }

    // ---------------------------------------------------------------- MBPO

    /** Starts a fresh batch of model rollouts with the rollout length of the current epoch. */
    private void imagine() {
        int epoch = (int) (steps / config.epochSteps());
        rolloutLength = config.rollout().length(epoch);
        resizeModelBuffer(config.modelCapacity(rolloutLength));
        imagine(rolloutLength);
    }

    private int rolloutRows() {
        return config.rolloutsPerStep() * config.modelInterval();
    }

    /**
     * Rolls M·F real states k steps through the model with the current policy into the model
     * buffer, {@link #CHUNK} rows at a time (the activations of a chunk stay in cache).
     */
    private void imagine(int k) {
        int n = rolloutRows();
        TransitionBatch starts = new TransitionBatch(n, spec.obsDim(), spec.actionDim());
        buffer.sampleInto(starts, 0, n, rolloutRandom);
        for (int from = 0; from < n; from += CHUNK) {
            int rows = Math.min(CHUNK, n - from);
            world.environment().reset(java.util.Arrays.copyOfRange(starts.obs, from * spec.obsDim(), (from + rows) * spec.obsDim()),
                    rows);
            rollOut(rows, k);
        }
    }

    private void rollOut(int n, int k) {
        int obsDim = spec.obsDim();
        int actionDim = spec.actionDim();
        float[] actions = new float[n * actionDim];
        ModelEnvironment imagination = world.environment();
        for (int step = 0; step < k; step++) {
            learner.act(imagination.observations(), n, false, rolloutRandom, actions);
            world.step(actions);
            float[] before = imagination.previousObservations();
            float[] after = imagination.observations();
            float[] rewards = imagination.rewards();
            boolean[] active = imagination.active();
            boolean[] terminated = imagination.terminated();
            int live = 0;
            for (int r = 0; r < n; r++) {
                if (active[r]) {
                    live++;
                }
            }
            if (live == 0) {
                return;
            }
            float[] o = new float[live * obsDim];
            float[] a = new float[live * actionDim];
            float[] rw = new float[live];
            float[] no = new float[live * obsDim];
            boolean[] te = new boolean[live];
            int j = 0;
            for (int r = 0; r < n; r++) {
                if (!active[r]) {
                    continue;
                }
                System.arraycopy(before, r * obsDim, o, j * obsDim, obsDim);
                System.arraycopy(actions, r * actionDim, a, j * actionDim, actionDim);
                System.arraycopy(after, r * obsDim, no, j * obsDim, obsDim);
                rw[j] = rewards[r];
                te[j] = terminated[r];
                j++;
            }
            int stored = modelBuffer.addAll(new Transitions(obsDim, actionDim, o, a, rw, no, te, new boolean[live]));
            imagined += stored;
            rejected += live - stored;
            if (stored == 0) {
                logger.warning("every imagined row of rollout step " + (step + 1) + " had NaN or infinity: the model"
                        + " blew up; none of them is trained on");
                return;
            }
        }
    }

    private void resizeModelBuffer(long capacity) {
        int wanted = (int) Math.min(Integer.MAX_VALUE - 8, capacity);
        if (modelBuffer != null && modelBuffer.capacity() == wanted) {
            return;
        }
        ReplayBuffer resized = new ReplayBuffer(wanted, spec.obsDim(), spec.actionDim());
        if (modelBuffer != null && modelBuffer.size() > 0) {
            Transitions kept = modelBuffer.snapshot();
            resized.addAll(kept.range(Math.max(0, kept.size() - wanted), kept.size()));
        }
        modelBuffer = resized;
    }

    /** Fills a SAC minibatch: real rows (share realRatio once model data exists) and model rows. */
    private void fillBatch(TransitionBatch batch, RandomStream random) {
        ReplayBuffer imagined = modelBuffer;
        int modelRows = imagined == null || imagined.size() == 0 ? 0
                : batch.size - Math.round(batch.size * config.realRatio());
        buffer.sampleInto(batch, 0, batch.size - modelRows, random);
        if (modelRows > 0) {
            imagined.sampleInto(batch, batch.size - modelRows, modelRows, random);
        }
    }
}
