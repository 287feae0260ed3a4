package dev.foresight.tabular;

import dev.foresight.agent.Agent;
import dev.foresight.agent.EpisodeStats;
import dev.foresight.agent.LearnerStats;
import dev.foresight.data.NpzFiles;
import dev.foresight.data.Transitions;
import dev.foresight.env.DiscreteSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Tabular Dyna (Sutton 1990; Sutton &amp; Barto 2018, chapter 8): one agent for
 * <ul>
 *   <li><b>Q-learning</b> (n = 0) and <b>Dyna-Q</b> (section 8.2): after each real step a
 *       Q-learning update, the model records the transition, then n planning updates, each on a
 *       uniformly drawn observed state and an action taken there, answered by the model;</li>
 *   <li><b>Dyna-Q+</b> (κ &gt; 0, section 8.3): planning rewards get the bonus {@code κ·√τ}, τ the
 *       real steps since the pair was last tried; actions never tried in an observed state may be
 *       drawn and are modelled as leading back to the same state with reward 0;</li>
 *   <li><b>prioritized sweeping</b> (section 8.4, Moore &amp; Atkeson 1993): the real step's pair
 *       is queued by its TD error if above θ; up to n pairs are popped, updated from the model,
 *       and their predecessors queued by their own TD errors;</li>
 *   <li>answers from the last-seen table ({@link TableModel}, the book's) or from counts
 *       ({@link CountModel}): sample updates, or <b>expected</b> updates
 *       {@code Q(s,a) ← Σ p̂(s′|s,a)[r̄ + γ max Q(s′)]} (section 8.5).</li>
 * </ul>
 * ε-greedy acting with random tie-breaking. Transitions that end the episode are not bootstrapped.
 * Deterministic for a seed: acting and planning draw from one stream (as the reference
 * implementations of the book's figures do); with n = 0 nothing is drawn for planning, so the agent
 * is exactly Q-learning.
 *
 * <p>Spaces: discrete observations (the state index) and discrete actions.
 *
 * <p>Threading: every method on the acting thread.
 */
public final class DynaAgent implements Agent {
    private final EnvSpec spec;
    private final DynaConfig config;
    private final int states;
    private final int actions;
    private final QTable q;
    private final TableModel table;
    private final CountModel counts;
    private final RandomStream random;
    private final long[] lastTried;
    private final PairQueue queue;
    private final int[][] predecessors;
    private final int[] predecessorCount;
    private final CountModel.Outcome outcome = new CountModel.Outcome();
    private final TransitionLog log = new TransitionLog();
    private long realSteps;
    private long planningUpdates;
    private long episodePlanning;
    private LearnerStats last = LearnerStats.NONE;
    private Path modelFile;
    private int[] trace;
    private long traced;

    /**
     * @param spec the environment's spec (not null; discrete observations and actions)
     * @param config the settings (not null)
     * @throws IllegalArgumentException naming the environment if a space is not discrete
     */
    public DynaAgent(EnvSpec spec, DynaConfig config) {
        DiscreteSpace observations = spec.observationSpace().requireDiscrete("Dyna (a table over states)");
        DiscreteSpace moves = spec.actionSpace().requireDiscrete("Dyna (a table over actions)");
        this.spec = spec;
        this.config = config;
        this.states = observations.n();
        this.actions = moves.n();
        this.q = new QTable(states, actions);
        this.table = new TableModel(states, actions);
        this.counts = config.distributionModel() ? new CountModel(states, actions) : null;
        this.random = new RandomStream(config.seed());
        this.lastTried = config.kappa() > 0 ? new long[states * actions] : null;
        this.queue = config.prioritizedSweeping() ? new PairQueue(states * actions) : null;
        this.predecessors = config.prioritizedSweeping() ? new int[states][] : null;
        this.predecessorCount = config.prioritizedSweeping() ? new int[states] : null;
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** @return the action values (live; for drawing and tests) */
    public QTable q() {
        return q;
    }

    /** @return the last-seen table model (live) */
    public TableModel model() {
        return table;
    }

    /**
     * Keeps the states of the last {@code capacity} planning updates, for drawing what planning
     * touches ({@link #recentlyPlanned}); costs one array store per update.
     *
     * @param capacity how many to keep (&ge;0; 0 stops keeping them)
     */
    public void tracePlanning(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        trace = capacity == 0 ? null : new int[capacity];
        traced = 0;
    }

    /**
     * @param out receives the states of the most recent planning updates, newest first
     * @return how many were written: at most {@code out.length}, the capacity given to
     *         {@link #tracePlanning}, and the updates made since
     */
    public int recentlyPlanned(int[] out) {
        if (trace == null) {
            return 0;
        }
        int count = (int) Math.min(Math.min(out.length, trace.length), traced);
        for (int i = 0; i < count; i++) {
            out[i] = trace[(int) ((traced - 1 - i) % trace.length)];
        }
        return count;
    }

    /** @return planning updates made so far */
    public long planningUpdates() {
        return planningUpdates;
    }

    @Override
    public void beginEpisode(float[] obs) {
        episodePlanning = 0;
    }

    @Override
    public void act(float[] obs, float[] action) {
        action[0] = q.epsilonGreedy(state(obs), config.epsilon(), random);
    }

    @Override
    public void observe(float[] obs, float[] action, float reward, float[] nextObs, boolean terminated, boolean truncated) {
        int s = state(obs);
        int a = (int) action[0];
        int next = state(nextObs);
        realSteps++;
        if (lastTried != null) {
            lastTried[s * actions + a] = realSteps;
        }
        record(s, a, reward, next, terminated);
        if (queue != null) {
            sweep(s, a, reward, next, terminated);
            return;
        }
        tdUpdate(s, a, reward, next, terminated);
        for (int i = 0; i < config.planningSteps(); i++) {
            planOnce();
        }
    }

    /**
     * Saves the model ({@link #saveModel}) to {@code file} after every episode from now on.
     *
     * @param file the file (replaced atomically each time), or null to stop
     */
    public void setModelFile(Path file) {
        this.modelFile = file;
    }

    @Override
    public void endEpisode() {
        if (modelFile != null) {
            try {
                saveModel(modelFile);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not write the model to " + modelFile, e);
            }
        }
        last = new LearnerStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, planningUpdates, episodePlanning, 0, 0, 0);
    }

    @Override
    public EpisodeStats episodeStats() {
        return new EpisodeStats(false, 0, Double.NaN, List.of(), last);
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }

    /**
     * Runs planning updates outside a real step (e.g. while a game waits): {@code count} uniform
     * Dyna-Q(+) updates, or up to {@code count} pops of prioritized sweeping's queue.
     *
     * @param count updates (&ge;0)
     * @return updates made (fewer if the sweeping queue ran empty, 0 before any real step)
     */
    public long plan(int count) {
        if (table.seenCount() == 0) {
            return 0;
        }
        long before = planningUpdates;
        if (queue != null) {
            sweepQueue(count);
        } else {
            for (int i = 0; i < count; i++) {
                planOnce();
            }
        }
        return planningUpdates - before;
    }

    /**
     * Writes every real transition seen so far, from which the models are rebuilt exactly
     * ({@link #loadModel}): an {@code .npz} in the replay data's format, states and actions as
     * indices.
     *
     * @param file the file (replaced atomically)
     * @throws IOException if it cannot be written (an existing file is then unchanged)
     */
    public void saveModel(Path file) throws IOException {
        NpzFiles.save(file, log.toTransitions());
    }

    /**
     * Feeds saved transitions to the models (not to the values): the agent then plans from what
     * they show as if it had seen them.
     *
     * @param file an {@code .npz} written by {@link #saveModel} (or any dataset of this environment)
     * @return the transitions loaded
     * @throws IOException if the file cannot be read, or a row names a state or action outside this
     *         environment's (nothing is loaded then)
     */
    public int loadModel(Path file) throws IOException {
        Transitions data = NpzFiles.load(file, 1, 1);
        for (int i = 0; i < data.size(); i++) {
            float s = data.obs()[i];
            float a = data.action()[i];
            float next = data.nextObs()[i];
            if (!index(s, states) || !index(a, actions) || !index(next, states) || !Float.isFinite(data.reward()[i])) {
                throw new IOException(file + ", row " + i + ": (" + s + ", " + a + ") → " + next + " is not a transition of "
                        + spec.name() + " (" + states + " states, " + actions + " actions); was it saved in another"
                        + " environment?");
            }
        }
        for (int i = 0; i < data.size(); i++) {
            record((int) data.obs()[i], (int) data.action()[i], data.reward()[i], (int) data.nextObs()[i],
                    data.terminated()[i]);
        }
        return data.size();
    }

    private static boolean index(float value, int n) {
        return value >= 0 && value < n && value == (int) value;
    }

    /** Feeds one real transition to the models (and the sweeping's predecessor lists). */
    private void record(int s, int a, float reward, int next, boolean terminated) {
        if (queue != null && (!table.tried(s, a) || table.next(s, a) != next)) {
            addPredecessor(next, s * actions + a);
        }
        table.update(s, a, reward, next, terminated);
        if (counts != null) {
            counts.update(s, a, reward, next, terminated);
        }
        log.add(s, a, reward, next, terminated);
    }

    // ---------------------------------------------------------------- Dyna-Q, Dyna-Q+

    private void planOnce() {
        int s = table.randomSeenState(random);
        int a;
        if (lastTried != null) {
            a = random.nextInt(actions); // Dyna-Q+: untried actions too
        } else {
            a = table.randomTakenAction(s, random);
        }
        float bonus = lastTried == null ? 0f
                : config.kappa() * (float) Math.sqrt(realSteps - lastTried[s * actions + a]);
        if (!table.tried(s, a)) { // Dyna-Q+'s initial model: back to the same state, reward 0
            tdUpdate(s, a, bonus, s, false);
        } else {
            modelUpdate(s, a, bonus);
        }
        counted(s);
    }

    /** Counts a planning update of state {@code s} (and keeps it for drawing if asked). */
    private void counted(int s) {
        planningUpdates++;
        episodePlanning++;
        if (trace != null) {
            trace[(int) (traced++ % trace.length)] = s;
        }
    }

    /** One planning update of {@code (s, a)} as the model answers (plus a bonus on the reward). */
    private void modelUpdate(int s, int a, float bonus) {
        if (counts == null) {
            tdUpdate(s, a, table.reward(s, a) + bonus, table.next(s, a), table.terminal(s, a));
        } else if (config.expectedUpdates()) {
            q.set(s, a, bonus + counts.expectedTarget(s, a, q, config.gamma()));
        } else {
            counts.sample(s, a, random, outcome);
            tdUpdate(s, a, outcome.reward + bonus, outcome.next, outcome.terminal);
        }
    }

    private void tdUpdate(int s, int a, float reward, int next, boolean ended) {
        q.update(s, a, reward, next, ended, config.alpha(), config.gamma());
    }

    // ---------------------------------------------------------------- prioritized sweeping

    private void sweep(int s, int a, float reward, int next, boolean ended) {
        float p = Math.abs(reward + (ended ? 0f : config.gamma() * q.max(next)) - q.get(s, a));
        if (p > config.theta()) {
            queue.insert(s * actions + a, p);
        }
        sweepQueue(config.planningSteps());
    }

    private void sweepQueue(int count) {
        for (int i = 0; i < count && !queue.isEmpty(); i++) {
            int pair = queue.pop();
            int ps = pair / actions;
            int pa = pair % actions;
            modelUpdate(ps, pa, 0f);
            counted(ps);
            float value = q.max(ps);
            for (int k = 0; k < predecessorCount[ps]; k++) {
                int before = predecessors[ps][k];
                int bs = before / actions;
                int ba = before % actions;
                if (table.next(bs, ba) != ps) {
                    continue; // the pair's last-seen successor has changed since
                }
                float priority = Math.abs(table.reward(bs, ba) + (table.terminal(bs, ba) ? 0f : config.gamma() * value)
                        - q.get(bs, ba));
                if (priority > config.theta()) {
                    queue.insert(before, priority);
                }
            }
        }
    }

    private void addPredecessor(int state, int pair) {
        int[] list = predecessors[state];
        int n = predecessorCount[state];
        for (int k = 0; k < n; k++) {
            if (list[k] == pair) {
                return;
            }
        }
        if (list == null || n == list.length) {
            predecessors[state] = list = list == null ? new int[4] : Arrays.copyOf(list, 2 * list.length);
        }
        list[predecessorCount[state]++] = pair;
    }

    private int state(float[] obs) {
        return (int) obs[0];
    }
}
