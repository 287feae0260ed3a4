package dev.foresight.planning;

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
 * <p>Results depend on K and the seeds only, not on thread timing. With K = 1 this is exactly the
 * single {@code ModelRollouts}.
 *
 * <p>Threading: one planning thread calls it. {@link #close()} stops the workers and closes the
 * model copies.
 */
public final class ShardedRollouts implements RolloutObjective {
    private final List<ModelRollouts> shards;
    private final List<DynamicsModel> copies = new ArrayList<>();
    private final int[] first;
    private final int[] size;
    private final float[][] shardSequences;
    private final float[][] shardScores;
    private final int sequenceLength;
    private final LockStep crew;
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
        this.crew = new LockStep("foresight-rollout-shard", k);
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
        crew.run(shardWork);
        for (int s = 0; s < k; s++) {
            System.arraycopy(shardScores[s], 0, scores, first[s], size[s]);
        }
    }

    private void runShard(int s) {
        if (size[s] > 0) {
            shards.get(s).evaluate(shardSequences[s], size[s], shardScores[s]);
        }
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
}
