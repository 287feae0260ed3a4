package dev.foresight.data;

import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.CheckpointException;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.util.RandomStream;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * A bounded first-in-first-out store of transitions, with seeded sampling.
 *
 * <p>Rows containing NaN or infinity are rejected at insert, counted ({@link #rejectedCount()})
 * and logged (the first few, then every thousandth), and never stored.
 *
 * <p>Threading: all methods are synchronized, so an agent's physics thread can add while a trainer
 * thread takes {@link #snapshot()}s.
 */
public final class ReplayBuffer implements Checkpointable {
    private static final Logger logger = Logger.getLogger(ReplayBuffer.class.getName());

    private final int capacity;
    private final int obsDim;
    private final int actionDim;
    private final float[] obs;
    private final float[] action;
    private final float[] reward;
    private final float[] nextObs;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private int next;
    private int size;
    private long rejected;

    /**
     * @param capacity the most transitions kept; the oldest are dropped first (&ge;1)
     * @param obsDim observation size (&ge;1)
     * @param actionDim action size (&ge;1)
     */
    public ReplayBuffer(int capacity, int obsDim, int actionDim) {
        if (capacity < 1 || obsDim < 1 || actionDim < 1) {
            throw new IllegalArgumentException("capacity, obsDim and actionDim must be >= 1, got "
                    + capacity + ", " + obsDim + ", " + actionDim);
        }
        this.capacity = capacity;
        this.obsDim = obsDim;
        this.actionDim = actionDim;
        obs = new float[capacity * obsDim];
        action = new float[capacity * actionDim];
        reward = new float[capacity];
        nextObs = new float[capacity * obsDim];
        terminated = new boolean[capacity];
        truncated = new boolean[capacity];
    }

    /**
     * Adds one transition unless it contains a non-finite value.
     *
     * @param o observation before the step, {@code [obsDim]} (unaffected)
     * @param a action, {@code [actionDim]} (unaffected)
     * @param r reward
     * @param no observation after the step, {@code [obsDim]} (unaffected)
     * @param isTerminated the task ended
     * @param isTruncated the episode was cut short
     * @return whether it was stored
     * @throws IllegalArgumentException if an array has the wrong length
     */
    public synchronized boolean add(float[] o, float[] a, float r, float[] no, boolean isTerminated, boolean isTruncated) {
        if (o.length != obsDim || no.length != obsDim || a.length != actionDim) {
            throw new IllegalArgumentException("transition sizes obs=" + o.length + " action=" + a.length + " next_obs="
                    + no.length + " do not match the buffer's obsDim=" + obsDim + ", actionDim=" + actionDim);
        }
        if (!allFinite(o) || !allFinite(a) || !allFinite(no) || !Float.isFinite(r)) {
            rejected++;
            if (rejected <= 5 || rejected % 1000 == 0) {
                logger.warning("rejected a transition with NaN or infinity (" + rejected + " so far): obs="
                        + Arrays.toString(o) + " action=" + Arrays.toString(a) + " reward=" + r + " next_obs="
                        + Arrays.toString(no));
            }
            return false;
        }
        System.arraycopy(o, 0, obs, next * obsDim, obsDim);
        System.arraycopy(a, 0, action, next * actionDim, actionDim);
        System.arraycopy(no, 0, nextObs, next * obsDim, obsDim);
        reward[next] = r;
        terminated[next] = isTerminated;
        truncated[next] = isTruncated;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
        return true;
    }

    /**
     * Adds every row of a batch (rows with non-finite values are rejected as in {@link #add}).
     *
     * @param batch the rows to add (not null)
     * @return how many were stored
     */
    public synchronized int addAll(Transitions batch) {
        if (batch.obsDim() != obsDim || batch.actionDim() != actionDim) {
            throw new IllegalArgumentException("batch has obsDim=" + batch.obsDim() + ", actionDim=" + batch.actionDim()
                    + "; this buffer holds obsDim=" + obsDim + ", actionDim=" + actionDim);
        }
        float[] o = new float[obsDim];
        float[] a = new float[actionDim];
        float[] no = new float[obsDim];
        int stored = 0;
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.obs(), i * obsDim, o, 0, obsDim);
            System.arraycopy(batch.action(), i * actionDim, a, 0, actionDim);
            System.arraycopy(batch.nextObs(), i * obsDim, no, 0, obsDim);
            if (add(o, a, batch.reward()[i], no, batch.terminated()[i], batch.truncated()[i])) {
                stored++;
            }
        }
        return stored;
    }

    /** Saves the stored rows where they sit (so sampling continues identically), the insert position and counts. */
    @Override
    public synchronized void saveState(Checkpoint out) {
        out.putLong("capacity", capacity);
        out.putLong("next", next);
        out.putLong("size", size);
        out.putLong("rejected", rejected);
        out.putFloats("obs", obs, size * obsDim);
        out.putFloats("action", action, size * actionDim);
        out.putFloats("reward", reward, size);
        out.putFloats("next_obs", nextObs, size * obsDim);
        out.putBooleans("terminated", terminated, size);
        out.putBooleans("truncated", truncated, size);
    }

    @Override
    public synchronized void restoreState(Checkpoint in) {
        in.requireLength("capacity", in.getLong("capacity"), capacity);
        int savedSize = (int) in.getLong("size");
        int savedNext = (int) in.getLong("next");
        if (savedSize < 0 || savedSize > capacity || savedNext < 0 || savedNext >= capacity) {
            throw new CheckpointException("a replay buffer's entry says size " + savedSize + " and next " + savedNext
                    + " for capacity " + capacity + ": the checkpoint is damaged");
        }
        float[] o = in.getFloats("obs", savedSize * obsDim);
        float[] a = in.getFloats("action", savedSize * actionDim);
        float[] r = in.getFloats("reward", savedSize);
        float[] no = in.getFloats("next_obs", savedSize * obsDim);
        boolean[] te = in.getBooleans("terminated");
        boolean[] tr = in.getBooleans("truncated");
        in.requireLength("terminated", te.length, savedSize);
        in.requireLength("truncated", tr.length, savedSize);
        long savedRejected = in.getLong("rejected");
        System.arraycopy(o, 0, obs, 0, o.length);
        System.arraycopy(a, 0, action, 0, a.length);
        System.arraycopy(r, 0, reward, 0, r.length);
        System.arraycopy(no, 0, nextObs, 0, no.length);
        System.arraycopy(te, 0, terminated, 0, te.length);
        System.arraycopy(tr, 0, truncated, 0, tr.length);
        size = savedSize;
        next = savedNext;
        rejected = savedRejected;
    }

    /** @return transitions held */
    public synchronized int size() {
        return size;
    }

    /** @return the most transitions held */
    public int capacity() {
        return capacity;
    }

    /** @return observation size */
    public int obsDim() {
        return obsDim;
    }

    /** @return action size */
    public int actionDim() {
        return actionDim;
    }

    /** @return transitions rejected for NaN or infinity since creation */
    public synchronized long rejectedCount() {
        return rejected;
    }

    /** @return a copy of the held transitions, oldest first */
    public synchronized Transitions snapshot() {
        int[] rows = new int[size];
        int oldest = size < capacity ? 0 : next;
        for (int k = 0; k < size; k++) {
            rows[k] = (oldest + k) % capacity;
        }
        return new Transitions(obsDim, actionDim, obs, action, reward, nextObs, terminated, truncated).select(rows);
    }

    /**
     * Draws row indices uniformly with replacement.
     *
     * @param count how many (&ge;0)
     * @param random the random stream (not null)
     * @return indices into {@link #snapshot()} order
     */
    public synchronized int[] sample(int count, RandomStream random) {
        if (size == 0) {
            throw new IllegalStateException("the replay buffer is empty");
        }
        return sampleIndices(size, count, random);
    }

    /**
     * Draws {@code count} rows uniformly with replacement and copies them into {@code batch} rows
     * {@code offset … offset+count−1}.
     *
     * @param batch where the rows go (sizes must match this buffer's; modified)
     * @param offset first row written (&ge;0)
     * @param count rows drawn (&ge;0, within the batch)
     * @param random the random stream (not null)
     * @throws IllegalStateException if the buffer is empty and {@code count > 0}
     */
    public synchronized void sampleInto(TransitionBatch batch, int offset, int count, RandomStream random) {
        if (batch.obsDim != obsDim || batch.actionDim != actionDim) {
            throw new IllegalArgumentException("batch has obsDim=" + batch.obsDim + ", actionDim=" + batch.actionDim
                    + "; this buffer holds obsDim=" + obsDim + ", actionDim=" + actionDim);
        }
        if (offset < 0 || count < 0 || offset + count > batch.size) {
            throw new IllegalArgumentException("rows " + offset + "+" + count + " do not fit a batch of " + batch.size);
        }
        if (count > 0 && size == 0) {
            throw new IllegalStateException("the replay buffer is empty");
        }
        for (int k = offset; k < offset + count; k++) {
            int row = random.nextInt(size);
            System.arraycopy(obs, row * obsDim, batch.obs, k * obsDim, obsDim);
            System.arraycopy(action, row * actionDim, batch.action, k * actionDim, actionDim);
            System.arraycopy(nextObs, row * obsDim, batch.nextObs, k * obsDim, obsDim);
            batch.reward[k] = reward[row];
            batch.terminated[k] = terminated[row] ? 1f : 0f;
        }
    }

    /**
     * Bootstrap resamples for an ensemble, as in PETS: each member gets {@code n} indices drawn
     * with replacement from {@code [0, n)}.
     *
     * @param members ensemble size (&ge;1)
     * @param n rows to resample (&ge;1)
     * @param random the random stream (not null)
     * @return {@code [members][n]} indices
     */
    public static int[][] bootstrap(int members, int n, RandomStream random) {
        int[][] indices = new int[members][];
        for (int m = 0; m < members; m++) {
            indices[m] = sampleIndices(n, n, random);
        }
        return indices;
    }

    private static int[] sampleIndices(int bound, int count, RandomStream random) {
        int[] indices = new int[count];
        for (int k = 0; k < count; k++) {
            indices[k] = random.nextInt(bound);
        }
        return indices;
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
