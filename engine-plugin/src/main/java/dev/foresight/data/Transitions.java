package dev.foresight.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, columnar batch of transitions in the order they were recorded. Episode boundaries
 * are the rows whose {@code terminated} or {@code truncated} flag is set.
 *
 * <p>Arrays are row-major float32: {@code obs [n × obsDim]}, {@code action [n × actionDim]},
 * {@code reward [n]}, {@code nextObs [n × obsDim]}, {@code terminated [n]}, {@code truncated [n]}.
 * Accessors return the arrays themselves: treat them as read-only.
 */
public final class Transitions {
    private final int size;
    private final int obsDim;
    private final int actionDim;
    private final float[] obs;
    private final float[] action;
    private final float[] reward;
    private final float[] nextObs;
    private final boolean[] terminated;
    private final boolean[] truncated;

    /**
     * Takes ownership of the arrays.
     *
     * @throws IllegalArgumentException if the lengths do not agree with each other
     */
    public Transitions(int obsDim, int actionDim, float[] obs, float[] action, float[] reward, float[] nextObs,
                       boolean[] terminated, boolean[] truncated) {
        Objects.requireNonNull(obs, "obs");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reward, "reward");
        Objects.requireNonNull(nextObs, "nextObs");
        Objects.requireNonNull(terminated, "terminated");
        Objects.requireNonNull(truncated, "truncated");
        if (obsDim < 1 || actionDim < 1) {
            throw new IllegalArgumentException("obsDim and actionDim must be >= 1, got " + obsDim + ", " + actionDim);
        }
        int n = reward.length;
        if (obs.length != n * obsDim || nextObs.length != n * obsDim || action.length != n * actionDim
                || terminated.length != n || truncated.length != n) {
            throw new IllegalArgumentException("inconsistent transition arrays for n=" + n + ", obsDim=" + obsDim
                    + ", actionDim=" + actionDim + ": obs=" + obs.length + " action=" + action.length + " next_obs="
                    + nextObs.length + " terminated=" + terminated.length + " truncated=" + truncated.length);
        }
        this.size = n;
        this.obsDim = obsDim;
        this.actionDim = actionDim;
        this.obs = obs;
        this.action = action;
        this.reward = reward;
        this.nextObs = nextObs;
        this.terminated = terminated;
        this.truncated = truncated;
    }

    /** @return the number of transitions */
    public int size() {
        return size;
    }

    /** @return the observation size */
    public int obsDim() {
        return obsDim;
    }

    /** @return the action size */
    public int actionDim() {
        return actionDim;
    }

    /** @return observations before each step, {@code [n × obsDim]} */
    public float[] obs() {
        return obs;
    }

    /** @return actions, {@code [n × actionDim]} */
    public float[] action() {
        return action;
    }

    /** @return rewards, {@code [n]} */
    public float[] reward() {
        return reward;
    }

    /** @return observations after each step, {@code [n × obsDim]} */
    public float[] nextObs() {
        return nextObs;
    }

    /** @return terminal flags, {@code [n]} */
    public boolean[] terminated() {
        return terminated;
    }

    /** @return time-limit (or physics-failure) flags, {@code [n]} */
    public boolean[] truncated() {
        return truncated;
    }

    /**
     * Splits the rows into episodes: each ends at a terminated or truncated row; trailing rows of
     * an unfinished episode form a last, shorter one.
     *
     * @return half-open row ranges {@code [start, end)}, in order
     */
    public List<int[]> episodes() {
        List<int[]> episodes = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < size; i++) {
            if (terminated[i] || truncated[i]) {
                episodes.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        if (start < size) {
            episodes.add(new int[] {start, size});
        }
        return episodes;
    }

    /**
     * @param rows row indices, in the order wanted (unaffected)
     * @return a new batch with those rows
     */
    public Transitions select(int[] rows) {
        int n = rows.length;
        float[] o = new float[n * obsDim];
        float[] a = new float[n * actionDim];
        float[] r = new float[n];
        float[] no = new float[n * obsDim];
        boolean[] te = new boolean[n];
        boolean[] tr = new boolean[n];
        for (int k = 0; k < n; k++) {
            int i = rows[k];
            System.arraycopy(obs, i * obsDim, o, k * obsDim, obsDim);
            System.arraycopy(action, i * actionDim, a, k * actionDim, actionDim);
            System.arraycopy(nextObs, i * obsDim, no, k * obsDim, obsDim);
            r[k] = reward[i];
            te[k] = terminated[i];
            tr[k] = truncated[i];
        }
        return new Transitions(obsDim, actionDim, o, a, r, no, te, tr);
    }

    /**
     * @param start first row (inclusive)
     * @param end last row (exclusive)
     * @return a new batch with rows {@code [start, end)}
     */
    public Transitions range(int start, int end) {
        if (start < 0 || end > size || start > end) {
            throw new IndexOutOfBoundsException("range [" + start + ", " + end + ") of " + size + " rows");
        }
        int[] rows = new int[end - start];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = start + k;
        }
        return select(rows);
    }
}
