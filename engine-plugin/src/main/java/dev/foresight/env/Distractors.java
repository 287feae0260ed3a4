package dev.foresight.env;

import dev.foresight.util.Gaussians;
import dev.foresight.util.RandomStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * An environment whose observation is made harder to model but no harder to control: {@code D}
 * distractor dimensions appended to the wrapped observation, each an Ornstein–Uhlenbeck process
 * {@code x ← x − θ·x·dt + σ·√dt·ε} (θ = 1/s, σ = 1, dt the task's control period, ε ~ N(0, 1))
 * that no action moves and no reward reads. For the value-equivalence experiment: a model that
 * predicts observations has to predict D noise dimensions; one that predicts only what planning
 * uses can ignore them. The distractors start from a draw of their stationary distribution and
 * take their own stream, seeded from each {@link #reset(long)}'s seed, so trajectories stay
 * reproducible.
 *
 * <p>The name is the wrapped one plus {@code "-distractD"}; reward and termination functions see the
 * wrapped observation (the distractor columns stripped). Threading: as the wrapped environment.
 */
public final class Distractors implements Environment {
    /** Mean reversion rate θ, per second. */
    public static final float THETA = 1f;
    /** Noise scale σ, per √second. */
    public static final float SIGMA = 1f;

    private final Environment inner;
    private final int count;
    private final int innerDim;
    private final EnvSpec spec;
    private final float[] state;
    private final float decay;
    private final float noise;
    private RandomStream random = new RandomStream(0);

    /**
     * @param inner the environment (not null; closed with this one); its observations a box
     * @param count D, distractor dimensions (&ge;1)
     * @throws IllegalArgumentException if D &lt; 1 or the observations are not a box
     */
    public Distractors(Environment inner, int count) {
        Objects.requireNonNull(inner, "inner");
        EnvSpec wrapped = inner.spec();
        if (count < 1 || !(wrapped.observationSpace() instanceof BoxSpace box)) {
            inner.close();
            throw new IllegalArgumentException(wrapped.name() + ": distractors need D >= 1 and box observations, got D="
                    + count + " and " + wrapped.observationSpace());
        }
        this.inner = inner;
        this.count = count;
        this.innerDim = box.dim();
        this.state = new float[count];
        float dt = wrapped.controlPeriodSeconds();
        this.decay = 1f - THETA * dt;
        this.noise = SIGMA * (float) Math.sqrt(dt);
        String[] names = Arrays.copyOf(box.names(), innerDim + count);
        float[] low = new float[innerDim + count];
        float[] high = new float[innerDim + count];
        for (int i = 0; i < innerDim + count; i++) {
            low[i] = i < innerDim ? box.low(i) : Float.NEGATIVE_INFINITY;
            high[i] = i < innerDim ? box.high(i) : Float.POSITIVE_INFINITY;
            if (i >= innerDim) {
                names[i] = "distractor " + (i - innerDim);
            }
        }
        RewardFunction reward = wrapped.rewardFunction();
        TerminationFunction termination = wrapped.terminationFunction();
        ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[2][0]);
        RewardFunction stripped = (obs, action, next, batch, rewards) -> {
            float[][] s = strip(obs, next, batch, scratch.get());
            reward.reward(s[0], action, s[1], batch, rewards);
        };
        TerminationFunction ended = (obs, action, next, batch, terminated) -> {
            float[][] s = strip(obs, next, batch, scratch.get());
            termination.terminated(s[0], action, s[1], batch, terminated);
        };
        this.spec = new EnvSpec(wrapped.name() + "-distract" + count, new BoxSpace(names, low, high),
                wrapped.actionSpace(), wrapped.maxEpisodeSteps(), dt, stripped, ended);
    }

    /** Copies the wrapped observation's columns of {@code batch} rows into per-thread buffers. */
    private float[][] strip(float[] obs, float[] next, int batch, float[][] buffers) {
        if (buffers[0].length < batch * innerDim) {
            buffers[0] = new float[batch * innerDim];
            buffers[1] = new float[batch * innerDim];
        }
        int full = innerDim + count;
        for (int r = 0; r < batch; r++) {
            System.arraycopy(obs, r * full, buffers[0], r * innerDim, innerDim);
            System.arraycopy(next, r * full, buffers[1], r * innerDim, innerDim);
        }
        return buffers;
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public float[] reset(long seed) {
        random = new RandomStream(seed ^ 0x6469737472616374L);
        return withDistractors(inner.reset(seed), true);
    }

    @Override
    public float[] reset() {
        return withDistractors(inner.reset(), true);
    }

    @Override
    public StepResult step(float[] action) {
        StepResult result = inner.step(action);
        return new StepResult(withDistractors(result.observation(), false), result.reward(), result.terminated(),
                result.truncated(), result.physicsFailure());
    }

    private float[] withDistractors(float[] observation, boolean fresh) {
        float stationary = noise / (float) Math.sqrt(1 - decay * decay); // the process's stationary std
        for (int i = 0; i < count; i++) {
            float eps = Gaussians.standard(random);
            state[i] = fresh ? stationary * eps : decay * state[i] + noise * eps;
        }
        float[] out = Arrays.copyOf(observation, innerDim + count);
        System.arraycopy(state, 0, out, innerDim, count);
        return out;
    }

    @Override
    public void close() {
        inner.close();
    }
}
