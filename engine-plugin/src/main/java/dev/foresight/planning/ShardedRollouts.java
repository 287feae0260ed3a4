package dev.foresight.planning;

import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.model.DynamicsModel;
import dev.foresight.util.LockStep;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * {@link ModelRollouts} with the population split into K contiguous shards, each rolled out by its
 * own {@code ModelRollouts} — with its own copy of the model ({@link DynamicsModel#duplicate()}, so
 * each has its own ONNX Runtime session) and its own random stream — on its own thread: shard 0 on
 * the caller's thread, the others on K−1 workers that live as long as this object. Threads meet
 * once per {@link #evaluate} call (one per optimiser iteration), never per horizon step, through a
 * spinning {@link LockStep} (a parking barrier cost 50–70 µs of wake-up per meeting here and put
 * scheduler-tick delays into the planning time's tail).
 *
 * <p>How the shards meet is a {@link Schedule}: spinning (the default), yielding, parking, or
 * adaptive — yielding waits, and when other threads take the cores (a game's render thread) the
 * shards run one after another on the caller's thread instead: each shard measures its own thread's
 * CPU time against its wall time, and when a shard got less than 2/3 of a core during its rollouts
 * over recent rounds, parallel rounds are dropped; every 32nd round is then tried in parallel again
 * and kept if the shards got their cores. The schedule changes only timing: every shard always rolls
 * out the same candidates with its own model copy and random stream.
 *
 * <p>Results depend on K and the seeds only, not on thread timing or the schedule. With K = 1 this
 * is exactly the single {@code ModelRollouts}.
 *
 * <p>Threading: one planning thread calls it. {@link #close()} stops the workers and closes the
 * model copies.
 */
public final class ShardedRollouts implements RolloutObjective {
    /** How the shards' threads meet once per evaluation. */
    public enum Schedule {
        /** Spin for up to 1 ms, then park (lowest latency on idle cores). */
        SPIN,
        /** Spin yielding the core to other runnable threads, then park. */
        YIELD,
        /** Park at once (each meeting pays a wake-up). */
        PARK,
        /** Yield, and run the shards one after another when they do not get their cores (see the class comment). */
        ADAPTIVE
    }

    /** A shard that got less than this share of a core while it rolled out counts as crowded out. */
    private static final double CONTENDED_SHARE = 2.0 / 3.0;
    /** Rounds between parallel trials while running serially. */
    private static final int RETRY_EVERY = 32;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final List<ModelRollouts> shards;
    private final List<DynamicsModel> copies = new ArrayList<>();
    private final int[] first;
    private final int[] size;
    private final float[][] shardSequences;
    private final float[][] shardScores;
    private final int sequenceLength;
    private final LockStep crew;
    private final Schedule schedule;
    private final boolean measure;
    private final long[] shardWall;
    private final long[] shardCpu;
    /** Moving average of the smallest core share a shard got in parallel rounds (1: no contention). */
    private double share = 1;
    private boolean serial;
    private int serialRounds;
    private long serialEvaluations;
    private long evaluations;
    /** The per-call work, made once (a method reference per call would allocate on every evaluation). */
    private final IntConsumer shardWork = this::runShard;
    private boolean closed;

    /**
     * @param shards the shards' rollouts, each built for the whole population (its buffers are sized
     *               for it), shard k with its own random stream; shard 0's model is the caller's, the
     *               others' models are owned (closed) by this object (not empty)
     * @param sequenceLength {@code horizon × actionDim}
     * @param maxPopulation the largest population that will be evaluated
     */
    ShardedRollouts(List<ModelRollouts> shards, int sequenceLength, int maxPopulation) {
        this(shards, sequenceLength, maxPopulation, Schedule.SPIN);
    }

    /**
     * As {@link #ShardedRollouts(List, int, int)} with a schedule.
     *
     * @param schedule how the shards' threads meet (not null)
     */
    ShardedRollouts(List<ModelRollouts> shards, int sequenceLength, int maxPopulation, Schedule schedule) {
        this.shards = List.copyOf(shards);
        int k = shards.size();
        for (int s = 1; s < k; s++) {
            copies.add(shards.get(s).model());
        }
        this.sequenceLength = sequenceLength;
        this.first = new int[k];
        this.size = new int[k];
        this.shardSequences = new float[k][maxPopulation * sequenceLength];
        this.shardScores = new float[k][maxPopulation];
        this.schedule = schedule;
        this.crew = new LockStep("foresight-rollout-shard", k,
                schedule == Schedule.PARK ? 0 : LockStep.DEFAULT_SPIN_NANOS, schedule != Schedule.SPIN);
        this.measure = schedule == Schedule.ADAPTIVE && CPU.isCurrentThreadCpuTimeSupported();
        this.shardWall = new long[k];
        this.shardCpu = new long[k];
    }

    /** @return the number of shards K */
    public int shardCount() {
        return shards.size();
    }

    @Override
    public void evaluate(float[] sequences, int population, float[] scores) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        int k = shards.size();
        int base = population / k;
        int extra = population % k;
        int offset = 0;
        for (int s = 0; s < k; s++) {
            first[s] = offset;
            size[s] = base + (s < extra ? 1 : 0);
            System.arraycopy(sequences, offset * sequenceLength, shardSequences[s], 0, size[s] * sequenceLength);
            offset += size[s];
        }
        evaluations++;
        boolean parallel = !serial || ++serialRounds % RETRY_EVERY == 0;
        if (parallel) {
            crew.run(shardWork);
            if (measure && population >= 2 * k) {
                observe();
            }
        } else {
            serialEvaluations++;
            for (int s = 0; s < k; s++) {
                runShard(s);
            }
        }
        for (int s = 0; s < k; s++) {
            System.arraycopy(shardScores[s], 0, scores, first[s], size[s]);
        }
    }

    private void runShard(int s) {
        if (size[s] > 0) {
            long wall = measure ? System.nanoTime() : 0;
            long cpu = measure ? CPU.getCurrentThreadCpuTime() : 0;
            shards.get(s).evaluate(shardSequences[s], size[s], shardScores[s]);
            if (measure) {
                shardCpu[s] = CPU.getCurrentThreadCpuTime() - cpu;
                shardWall[s] = System.nanoTime() - wall;
            }
        }
    }

    /** Updates the core share the shards got in the parallel round just run, and the serial switch. */
    private void observe() {
        double least = 1;
        for (int s = 0; s < shards.size(); s++) {
            if (shardWall[s] > 0) {
                least = Math.min(least, Math.min(1.0, (double) shardCpu[s] / shardWall[s]));
            }
        }
        if (serial) { // a trial round: return to parallel rounds only if every shard got its core
            share = least;
            serial = least < CONTENDED_SHARE;
        } else {
            share = 0.75 * share + 0.25 * least;
            serial = share < CONTENDED_SHARE;
        }
        serialRounds = 0;
    }

    /** Runs the next rounds one after another as if the shards were crowded out (for tests). */
    void forceSerial() {
        serial = true;
        serialRounds = 0;
    }

    /** @return the moving average of the smallest share of a core a shard got in parallel rounds (adaptive only) */
    public double coreShare() {
        return share;
    }

    /** @return the schedule */
    public Schedule schedule() {
        return schedule;
    }

    /** @return evaluations so far, and how many of them ran the shards one after another ({@link Schedule#ADAPTIVE}) */
    public long[] evaluationsAndSerial() {
        return new long[] {evaluations, serialEvaluations};
    }

    @Override
    public void setStart(float[] obs) {
        for (ModelRollouts shard : shards) {
            shard.setStart(obs);
        }
    }

    @Override
    public float[] start() {
        return shards.get(0).start();
    }

    /** Shard 0 plans with {@code model}; the others with fresh duplicates of it (the old ones are closed). */
    @Override
    public void setModel(DynamicsModel model) {
        List<DynamicsModel> fresh = new ArrayList<>();
        for (int s = 1; s < shards.size(); s++) {
            fresh.add(model.duplicate());
        }
        shards.get(0).setModel(model);
        for (int s = 1; s < shards.size(); s++) {
            shards.get(s).setModel(fresh.get(s - 1));
        }
        copies.forEach(DynamicsModel::close);
        copies.clear();
        copies.addAll(fresh);
    }

    @Override
    public DynamicsModel model() {
        return shards.get(0).model();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        crew.close();
        copies.forEach(DynamicsModel::close);
        copies.clear();
    }

    /** Saves every shard's random stream. */
    @Override
    public void saveState(Checkpoint out) {
        for (int s = 0; s < shards.size(); s++) {
            shards.get(s).saveState(out.scope("shard" + s));
        }
    }

    @Override
    public void restoreState(Checkpoint in) {
        for (int s = 0; s < shards.size(); s++) {
            shards.get(s).restoreState(in.scope("shard" + s));
        }
    }
}
