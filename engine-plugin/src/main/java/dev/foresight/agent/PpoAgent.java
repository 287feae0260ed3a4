package dev.foresight.agent;

import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.TransitionBatch;
import dev.foresight.env.BoxSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.ModelEnvironment;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.onnx.PolicyExporter;
import dev.foresight.onnx.PolicyMetadata;
import dev.foresight.policy.ppo.PpoLearner;
import dev.foresight.policy.ppo.PpoRollout;
import dev.foresight.policy.ppo.RewardScaler;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A PPO agent (Schulman et al. 2017), model-free or SimPLe-style (Kaiser et al. 2019, "Model-based
 * reinforcement learning for Atari", Algorithm 1), lock-step:
 * <ul>
 *   <li><b>model-free</b> ({@code --agent ppo}): the policy's sampled actions in the real
 *       environment — one (the PPO paper's MuJoCo setting), or {@link OnPolicyConfig#envs()} in
 *       lock-step as a {@link VectorAgent}; every {@link OnPolicyConfig#stepsPerUpdate()} steps of
 *       each, one PPO update on the {@code T × N} rollout;</li>
 *   <li><b>SimPLe</b> ({@code --agent simple}): real episodes with the current policy go into a
 *       buffer; every {@link OnPolicyConfig#episodesPerRound()} episodes the loop calls
 *       {@link #learn}: the ensemble is retrained on all real data, then PPO is trained inside it
 *       — {@link OnPolicyConfig#imaginedIterations()} updates, each on
 *       {@link OnPolicyConfig#imaginedEnvs()} parallel imagined environments started from real
 *       states and rolled {@link OnPolicyConfig#imaginedHorizon()} steps (TS1, sampled, the task's
 *       reward unless the learned one is asked for, MOPO's penalty if λ &gt; 0), the critic's value
 *       bootstrapping the cut. The real policy starts as PPO's initial Gaussian (SimPLe's first
 *       data is from a random policy too).</li>
 * </ul>
 * After every episode in which the policy changed, its deterministic action ({@code clip(μ)}) is
 * exported atomically to the policy file. Rewards are scaled as PPO's {@link RewardScaler} says
 * (if the settings scale them).
 *
 * <p>Bad numbers: real steps with NaN or infinity are dropped and counted; an imagined row whose
 * state or reward goes bad is cut there (not trained on from that step) and counted.
 *
 * <p>Action spaces: continuous boxes with finite bounds only.
 *
 * <p>Threading: every method on the acting thread; the gradient work runs on the DJL thread.
 * Statistics of a SimPLe round appear in the row of the episode after it.
 */
public final class PpoAgent implements VectorAgent {
    private static final Logger logger = Logger.getLogger(PpoAgent.class.getName());

    private final EnvSpec spec;
    private final OnPolicyConfig config;
    private final String algorithm;
    private final Path policyFile;
    private final PpoLearner learner;
    private final RandomStream actRandom;
    private final RandomStream imagineRandom;
    private final float[] low;
    private final float[] high;
    private final float[] sampled;
    private final int envs;
    // Model-free.
    private final PpoRollout realRollout;
    private final RewardScaler realScaler;
    private final float[] lastNext;
    /** Per-step scratch of the real rollout, {@code [envs]} each (no allocation per step). */
    private final float[] stepRewards;
    private final boolean[] stepTerminated;
    private final boolean[] stepTruncated;
    private final boolean[] stepDone;
    private final boolean[] stepValid;
    // SimPLe.
    private final ReplayBuffer buffer;
    private final LearnedWorld world;
    private final RewardScaler imaginedScaler;
    private int episodesSinceRound;
    private int rounds;

    private long steps;
    private boolean policyChanged;
    /** What the critic's targets were divided by (the reward scale of its latest update). */
    private float valueScale = 1f;
    private PpoLearner.UpdateStats last = PpoLearner.UpdateStats.NONE;
    private long imagined;
    private long rejected;
    private double learnSeconds;
    private LearnerStats lastLearner = LearnerStats.NONE;

    /**
     * @param spec the environment's spec (not null; actions a bounded box)
     * @param config the settings (not null)
     * @param algorithm the name written into exported files, e.g. "ppo" or "simple"
     * @param policyFile where the policy is exported (replaced atomically)
     * @param modelFile where each retrained dynamics model is exported (SimPLe; replaced atomically)
     * @throws IllegalArgumentException if the actions are not a bounded box
     */
    public PpoAgent(EnvSpec spec, OnPolicyConfig config, String algorithm, Path policyFile, Path modelFile) {
        BoxSpace actions = spec.continuousActions("PPO");
        actions.requireBounded("PPO");
        this.spec = spec;
        this.config = config;
        this.algorithm = algorithm;
        this.policyFile = policyFile;
        this.low = actions.low();
        this.high = actions.high();
        RandomStream root = new RandomStream(config.seed());
        this.actRandom = root.split();
        this.imagineRandom = root.split();
        this.learner = new PpoLearner(config.ppo(), spec.obsDim(), low, high);
        this.envs = config.modelBased() ? 1 : config.envs();
        this.sampled = new float[envs * spec.actionDim()];
        this.lastNext = new float[spec.obsDim()];
        this.stepRewards = new float[envs];
        this.stepTerminated = new boolean[envs];
        this.stepTruncated = new boolean[envs];
        this.stepDone = new boolean[envs];
        this.stepValid = new boolean[envs];
        float gamma = config.ppo().gamma();
        if (config.modelBased()) {
            this.realRollout = null;
            this.realScaler = null;
            this.buffer = new ReplayBuffer(config.bufferCapacity(), spec.obsDim(), spec.actionDim());
            this.world = new LearnedWorld(spec, config.ensemble(), config.learnedReward(), config.uncertaintyPenalty(),
                    modelFile, Map.of("agent", algorithm, "seed", Long.toString(config.seed())), config.imaginedEnvs(),
                    root.split());
            this.imaginedScaler = new RewardScaler(config.imaginedEnvs(), gamma, 10f);
        } else {
            this.realRollout = new PpoRollout(config.stepsPerUpdate(), envs, spec.obsDim(), spec.actionDim());
            this.realScaler = new RewardScaler(envs, gamma, 10f);
            this.buffer = null;
            this.world = null;
            this.imaginedScaler = null;
        }
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** @return the PPO learner */
    public PpoLearner learner() {
        return learner;
    }

    /** @return real steps observed */
    public long steps() {
        return steps;
    }

    /** @return SimPLe rounds done (0 for model-free PPO) */
    public int rounds() {
        return rounds;
    }

    @Override
    public int envs() {
        return envs;
    }

    @Override
    public void actAll(float[] obs, float[] actions) {
        learner.act(obs, envs, false, actRandom, sampled);
        System.arraycopy(sampled, 0, actions, 0, sampled.length);
    }

    @Override
    public void observeAll(float[] obs, float[] actions, float[] rewards, float[] reached, boolean[] terminated,
                           boolean[] truncated, boolean[] failed) {
        if (realRollout == null) {
            throw new IllegalStateException("SimPLe acts in one real environment; use observe");
        }
        int obsDim = spec.obsDim();
        float[] r = stepRewards;
        boolean[] valid = stepValid;
        boolean[] done = stepDone;
        System.arraycopy(rewards, 0, r, 0, envs);
        for (int i = 0; i < envs; i++) {
            valid[i] = !failed[i] && Float.isFinite(r[i]) && finite(obs, i * obsDim, obsDim)
                    && finite(reached, i * obsDim, obsDim);
            done[i] = terminated[i] || truncated[i] || failed[i];
            if (valid[i]) {
                steps++;
            } else {
                rejected++;
                r[i] = 0f;
            }
        }
        if (config.ppo().scaleRewards()) {
            realScaler.scale(r, done, valid);
        }
        realRollout.record(obs, sampled, r, terminated, truncated, reached, valid);
        updateIfFull();
    }

    /** Model-free: one PPO update once the real rollout holds its T steps. */
    private void updateIfFull() {
        if (realRollout.full()) {
            long start = System.nanoTime();
            last = learner.update(realRollout);
            valueScale = config.ppo().scaleRewards() ? realScaler.scale() : 1f;
            realRollout.clear();
            policyChanged = true;
            learnSeconds += (System.nanoTime() - start) / 1e9;
        }
    }

    @Override
    public LearnerStats episodeEnded() {
        endEpisode();
        return lastLearner;
    }

    @Override
    public void beginEpisode(float[] obs) {
        if (realRollout != null && realRollout.filled() > 0) {
            realRollout.truncateLastIfOpen(lastNext); // the previous episode ended without a done step
        }
        if (realScaler != null) {
            realScaler.resetReturns();
        }
    }

    @Override
    public void act(float[] obs, float[] action) {
        learner.act(obs, 1, false, actRandom, sampled);
        System.arraycopy(sampled, 0, action, 0, sampled.length);
    }

    @Override
    public void observe(float[] obs, float[] action, float reward, float[] nextObs, boolean terminated, boolean truncated) {
        if (!finite(obs) || !finite(nextObs) || !Float.isFinite(reward)) {
            rejected++;
            return;
        }
        steps++;
        if (buffer != null) {
            buffer.add(obs, action, reward, nextObs, terminated, truncated);
            return;
        }
        stepRewards[0] = reward;
        stepTerminated[0] = terminated;
        stepTruncated[0] = truncated;
        stepDone[0] = terminated || truncated;
        if (config.ppo().scaleRewards()) {
            realScaler.scale(stepRewards, stepDone, null);
        }
        realRollout.record(obs, sampled, stepRewards, stepTerminated, stepTruncated, nextObs, null);
        System.arraycopy(nextObs, 0, lastNext, 0, lastNext.length);
        updateIfFull();
    }

    @Override
    public void endEpisode() {
        if (policyChanged) {
            try {
                exportPolicy(policyFile);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the policy to " + policyFile, e);
            }
            policyChanged = false;
        }
        episodesSinceRound++;
        lastLearner = new LearnerStats(last.valueLoss(), last.policyLoss(), Double.NaN, last.entropy(), learner.updates(),
                imagined, rejected, world != null ? config.imaginedHorizon() : 0, learnSeconds);
        imagined = 0;
        rejected = 0;
        learnSeconds = 0;
    }

    @Override
    public EpisodeStats episodeStats() {
        return new EpisodeStats(false, 0, Double.NaN, List.of(), lastLearner);
    }

    @Override
    public boolean readyToLearn() {
        return world != null && episodesSinceRound >= config.episodesPerRound() && buffer.size() > 0;
    }

    /**
     * One SimPLe round: retrains the model on every real transition, then trains PPO inside it
     * (see the class comment), and exports the policy.
     *
     * @throws IOException if the model or the policy cannot be written or read back
     * @throws UnsupportedOperationException for model-free PPO
     */
    @Override
    public void learn(TrainingListener listener) throws IOException {
        if (world == null) {
            throw new UnsupportedOperationException("model-free PPO learns while it acts");
        }
        world.retrain(buffer.snapshot(), listener);
        int n = config.imaginedEnvs();
        int horizon = config.imaginedHorizon();
        int obsDim = spec.obsDim();
        int actionDim = spec.actionDim();
        PpoRollout rollout = new PpoRollout(horizon, n, obsDim, actionDim);
        RewardScaler scaler = imaginedScaler;
        TransitionBatch starts = new TransitionBatch(n, obsDim, actionDim);
        float[] obs = new float[n * obsDim];
        float[] raw = new float[n * actionDim];
        float[] applied = new float[n * actionDim];
        float[] rewards = new float[n];
        boolean[] terminated = new boolean[n];
        boolean[] valid = new boolean[n];
        boolean[] alive = new boolean[n];
        boolean[] never = new boolean[n];
        ModelEnvironment env = world.environment();
        for (int iteration = 1; iteration <= config.imaginedIterations(); iteration++) {
            buffer.sampleInto(starts, 0, n, imagineRandom);
            env.reset(starts.obs, n);
            rollout.clear();
            scaler.resetReturns();
            Arrays.fill(alive, true);
            for (int t = 0; t < horizon; t++) {
                System.arraycopy(env.observations(), 0, obs, 0, n * obsDim);
                learner.act(obs, n, false, imagineRandom, raw);
                for (int i = 0; i < n * actionDim; i++) {
                    int d = i % actionDim;
                    applied[i] = Math.min(high[d], Math.max(low[d], raw[i]));
                }
                world.step(applied);
                float[] next = env.observations();
                System.arraycopy(env.rewards(), 0, rewards, 0, n);
                boolean[] ended = env.terminated();
                for (int r = 0; r < n; r++) {
                    valid[r] = alive[r];
                    terminated[r] = ended[r];
                    if (alive[r] && (!Float.isFinite(rewards[r]) || !finite(next, r * obsDim, obsDim))) {
                        valid[r] = false; // cut here: the model blew up on this row
                        rejected++;
                        rewards[r] = 0f;
                    }
                    if (valid[r]) {
                        imagined++;
                    }
                    alive[r] = valid[r] && !ended[r]; // a terminated row stays frozen: not a step any more
                }
                if (config.ppo().scaleRewards()) {
                    scaler.scale(rewards, terminated, valid);
                }
                rollout.record(obs, raw, rewards, terminated, never, next, valid);
            }
            if (rollout.validRows() == 0) {
                logger.warning("SimPLe round " + (rounds + 1) + ", iteration " + iteration + ": every imagined row went"
                        + " bad (NaN or infinity); none of them is trained on");
                continue;
            }
            last = learner.update(rollout);
            valueScale = config.ppo().scaleRewards() ? scaler.scale() : 1f;
        }
        rounds++;
        episodesSinceRound = 0;
        exportPolicy(policyFile);
    }

    /**
     * Writes the deterministic policy and its critic's value (in reward units) as ONNX.
     *
     * @param file the {@code .onnx} file (replaced atomically)
     * @throws IOException if it cannot be written
     */
    public void exportPolicy(Path file) throws IOException {
        PolicyExporter.export(learner.actorWeights(), learner.criticWeights(valueScale), PolicyMetadata.of(spec, algorithm, steps,
                Map.of("seed", Long.toString(config.seed()), "updates", Long.toString(learner.updates()))), file);
    }

    @Override
    public void close() {
        learner.close();
        if (world != null) {
            world.close();
        }
    }

    private static boolean finite(float[] values) {
        return finite(values, 0, values.length);
    }

    private static boolean finite(float[] values, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!Float.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }
}
